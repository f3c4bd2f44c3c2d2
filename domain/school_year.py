"""The school year runs from 1 September to 31 August (DESIGN.md); the curator refreshes the list of
teachers who need a mentor at least once a year (3.5)."""

from datetime import date


def school_year_of(day: date) -> int:
    """2026 for any day from 01.09.2026 to 31.08.2027."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_start(year: int) -> date:
    return date(year, 9, 1)


def school_year_label(year: int) -> str:
    return f"{year}/{year + 1}"


def is_new_hire(work_start: date | None, today: date) -> bool:
    """Admitted to work during the current school year."""
    return work_start is not None and work_start >= school_year_start(school_year_of(today))


def yearly_refresh_due(today: date, refreshed_years: set[int]) -> bool:
    """3.5: once a school year; due from its first day until a refresh campaign of that year exists."""
    return school_year_of(today) not in refreshed_years
