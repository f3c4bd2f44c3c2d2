"""Dates as Russian schools write them (DESIGN.md: 01.09.2026, 1.9.26 or «1 сентября 2026»)."""

import re
from datetime import date

from domain.validation import InputError

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_NUMERIC_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_WORDS_RE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г\.?)?$")


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
    value = " ".join((text or "").strip().lower().split())
    day = month = year = None
    if match := _NUMERIC_RE.fullmatch(value):
        day, month, year = int(match.group(1)), int(match.group(2)), _full_year(match.group(3))
    elif match := _WORDS_RE.fullmatch(value):
        day, month, year = int(match.group(1)), _month_from_word(match.group(2)), int(match.group(3))
    if day is None or month is None or year is None:
        raise InputError("bad-date")
    try:
        result = date(year, month, day)
    except ValueError as exc:
        raise InputError("bad-date") from exc
    if not 1950 <= result.year <= 2100:
        raise InputError("bad-date")
    return result


def format_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")
