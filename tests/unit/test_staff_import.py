from datetime import date, datetime

from domain.roles import Role
from domain.staff_import import map_headers, validate_staff_table

HEADER = ["ФИО", "Должность", "Предметы", "Дата фактического допуска к работе", "Стаж (лет)", "Роль"]


def test_headers_are_recognised_in_any_order_and_case() -> None:
    mapping = map_headers(["стаж", "Фамилия, имя, отчество", "ДОЛЖНОСТЬ", "Дата допуска", "лишний"])
    assert mapping == {0: "experience_years", 1: "full_name", 2: "position", 3: "work_start_date"}


def test_good_rows_kept_bad_rows_reported_by_line() -> None:
    result = validate_staff_table(
        [
            HEADER,
            ["Петрова Ирина Олеговна", "Учитель математики", "Математика", "01.09.2026", "1", "наставляемый"],
            ["Сидоров П.А.", "Учитель физики", None, "31.02.2026", "16", "наставник"],  # bad date
            [None, None, None, None, None, None],  # blank line: ignored
            ["Орлов Олег Олегович", "", "", "", "", ""],  # no position
            ["Ким Дарья Алексеевна", "Учитель начальных классов", "", datetime(2026, 9, 1), 0.0, "МО, наставник"],
            ["Петрова Ирина Олеговна", "Учитель", "", "", "", ""],  # duplicate of line 2
        ]
    )
    assert [row.full_name for row in result.rows] == ["Петрова Ирина Олеговна", "Ким Дарья Алексеевна"]
    assert result.rows[0].work_start_date == date(2026, 9, 1)
    assert result.rows[0].roles == (Role.MENTEE,)
    assert result.rows[1].roles == (Role.COUNCIL, Role.MENTOR)
    assert result.rows[1].experience_years == 0
    assert result.bad_lines == [3, 5, 7]
    codes = {(p.line, p.field, p.code) for p in result.problems}
    assert (3, "work_start_date", "no-such-date") in codes
    assert (5, "position", "missing") in codes
    assert (7, "full_name", "duplicate") in codes


def test_missing_required_columns() -> None:
    result = validate_staff_table([["Имя", "Телефон"], ["Иван", "123"]])
    assert not result.rows
    assert {p.field for p in result.problems} == {"full_name", "position"}
    assert {p.code for p in result.problems} == {"no-column"}


def test_unknown_role_is_a_row_error() -> None:
    result = validate_staff_table([HEADER, ["Петрова Ирина Олеговна", "Учитель", "", "", "", "завхоз"]])
    assert not result.rows
    assert result.problems[0].code == "bad-role"


def test_roles_appointed_by_order_are_refused_in_an_upload() -> None:
    """3.3–3.5: the director, the curator and the department are appointed by order, never by a staff list."""
    rows = [
        HEADER,
        ["Петрова Ирина Олеговна", "Директор", "", "", "", "директор"],
        ["Соколова Анна Петровна", "Заместитель директора", "", "", "", "наставник, куратор"],
        ["Зайцева Марина Юрьевна", "Специалист", "", "", "", "управление образования"],
        ["Ким Дарья Алексеевна", "Учитель", "", "", "", "наставляемый, МО"],
    ]
    result = validate_staff_table(rows)
    assert [row.full_name for row in result.rows] == ["Ким Дарья Алексеевна"]
    assert {(p.line, p.code) for p in result.problems} == {
        (2, "reserved-role"),
        (3, "reserved-role"),
        (4, "reserved-role"),
    }
