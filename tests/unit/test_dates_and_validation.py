from datetime import date

import pytest

from domain.dates import check_work_start, format_date, parse_date
from domain.validation import (
    InputError,
    clean_full_name,
    clean_position,
    clean_text,
    parse_experience_years,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01.09.2026", date(2026, 9, 1)),
        ("1.9.26", date(2026, 9, 1)),
        ("1 сентября 2026", date(2026, 9, 1)),
        ("1 Сентября 2026 г.", date(2026, 9, 1)),
        ("15 мая 2027", date(2027, 5, 15)),
        ("3 марта 2027", date(2027, 3, 3)),
        ("31-12-2026", date(2026, 12, 31)),
        ("2026-10-15", date(2026, 10, 15)),
    ],
)
def test_dates_as_schools_write_them(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["завтра", "", "1 брумера 2026", "01.09.1800", "1.13.26", "2026-13-01"])
def test_bad_dates_are_refused(typed: str) -> None:
    with pytest.raises(InputError) as error:
        parse_date(typed)
    assert error.value.code == "bad-date"


@pytest.mark.parametrize(("typed", "shown"), [("31.02.2026", "31.02.2026"), ("2026-02-30", "30.02.2026")])
def test_a_date_missing_from_the_calendar_is_told_so(typed: str, shown: str) -> None:
    with pytest.raises(InputError) as error:
        parse_date(typed)
    assert (error.value.code, error.value.params) == ("no-such-date", {"date": shown})


def test_a_start_of_work_in_the_future_is_refused() -> None:
    assert check_work_start(date(2026, 9, 1), today=date(2026, 9, 1)) == date(2026, 9, 1)
    with pytest.raises(InputError) as error:
        check_work_start(date(2026, 9, 2), today=date(2026, 9, 1))
    assert (error.value.code, error.value.params) == ("future-start", {"date": "02.09.2026"})


@pytest.mark.parametrize(("typed", "years"), [("5", 5), ("5 лет", 5), ("1 год", 1), ("3 года", 3), ("12 г.", 12)])
def test_experience_as_people_type_it(typed: str, years: int) -> None:
    assert parse_experience_years(typed) == years


def test_dates_are_shown_as_dd_mm_yyyy() -> None:
    assert format_date(date(2026, 9, 1)) == "01.09.2026"


@pytest.mark.parametrize("name", ["Иванова Анна Андреевна", "Иванова А.А.", "Салтыков-Щедрин Михаил Евграфович"])
def test_full_names_accepted(name: str) -> None:
    assert clean_full_name(f"  {name} ") == name


@pytest.mark.parametrize("name", ["Иванова", "<b>Иван</b> Петров", "12345 67890", "Иван " * 10])
def test_full_names_refused(name: str) -> None:
    with pytest.raises(InputError):
        clean_full_name(name)


def test_overlong_text_reports_its_length() -> None:
    with pytest.raises(InputError) as error:
        clean_position("ж" * 10_000)
    assert error.value.code == "too-long"
    assert error.value.params == {"length": 10_000, "max": 120}


def test_whitespace_is_collapsed() -> None:
    assert clean_text("  учитель \n\n математики ", max_len=50) == "учитель математики"


@pytest.mark.parametrize(("typed", "years"), [("5", 5), ("5 лет", 5), ("12 г.", 12), ("0", 0), ("3,5", 3)])
def test_experience(typed: str, years: int) -> None:
    assert parse_experience_years(typed) == years


@pytest.mark.parametrize("typed", ["много", "-1", "120", ""])
def test_bad_experience(typed: str) -> None:
    with pytest.raises(InputError):
        parse_experience_years(typed)
