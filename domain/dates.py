"""Dates as Russian schools write them (DESIGN.md: 01.09.2026, 1.9.26 or «1 сентября 2026»; also 2026-10-15 as a
computer writes it), and the checks of a date of the actual start of work (3.7)."""

import re
from datetime import date

from domain.validation import InputError

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_NUMERIC_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS_RE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г\.?)?$")
MIN_YEAR, MAX_YEAR = 1950, 2100


def _full_year(year_text: str) -> int:
    year = int(year_text)
    return 2000 + year if len(year_text) == 2 else year


def _month_from_word(word: str) -> int | None:
    # Longest stem first so that «мая» does not match before «марта».
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return _MONTHS[stem]
    return None


def parse_date(text: str | None) -> date:
    """A typed date. A date that has the right shape but does not exist in the calendar («31.02.2026») is told
    so (`no-such-date`), not called unreadable."""
    value = " ".join((text or "").strip().lower().split())
    day = month = year = None
    if match := _NUMERIC_RE.fullmatch(value):
        day, month, year = int(match.group(1)), int(match.group(2)), _full_year(match.group(3))
    elif match := _ISO_RE.fullmatch(value):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif match := _WORDS_RE.fullmatch(value):
        day, month, year = int(match.group(1)), _month_from_word(match.group(2)), int(match.group(3))
    if day is None or month is None or year is None:
        raise InputError("bad-date")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError("bad-date")
    if not 1 <= month <= 12:
        raise InputError("bad-date")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError("no-such-date", {"date": f"{day:02d}.{month:02d}.{year}"}) from exc


def format_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def check_work_start(day: date, today: date) -> date:
    """3.7: the 30 days to assign a mentor run from the *actual* start of work, so a date that has not come yet
    is not a start of work: the curator enters it when the person has started."""
    if day > today:
        raise InputError("future-start", {"date": format_date(day)})
    return day
