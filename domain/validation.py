"""Validation of what people type. Errors carry a code and parameters; the texts live in locales/."""

import re
from dataclasses import dataclass, field
from typing import Any

MAX_FULL_NAME = 150
MAX_POSITION = 120
MAX_SUBJECTS = 300
MAX_EXPERIENCE_YEARS = 70

_NAME_RE = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё.\-' ]*$")


@dataclass
class InputError(Exception):
    code: str  # a locale key suffix, e.g. "too-long"
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


def clean_text(text: str | None, *, max_len: int, min_len: int = 1) -> str:
    value = " ".join((text or "").split())
    if len(value) > max_len:
        raise InputError("too-long", {"length": len(value), "max": max_len})
    if len(value) < min_len:
        raise InputError("too-short", {"min": min_len})
    return value


def clean_full_name(text: str | None) -> str:
    """ФИО: two to four words of letters (initials with dots allowed: «Иванова А.А.»)."""
    value = clean_text(text, max_len=MAX_FULL_NAME, min_len=3)
    words = value.replace(".", ". ").split()
    if not _NAME_RE.fullmatch(value) or not 2 <= len(words) <= 5:
        raise InputError("bad-name")
    return value


def clean_position(text: str | None) -> str:
    return clean_text(text, max_len=MAX_POSITION, min_len=2)


def clean_subjects(text: str | None) -> str:
    return clean_text(text, max_len=MAX_SUBJECTS, min_len=2)


_YEARS_RE = re.compile(r"^\s*(\d{1,3})(?:[.,]\d+)?\s*(?:г\.?|год|года|лет)?\s*$", re.IGNORECASE)


def whole_years(text: str | None) -> int | None:
    """A number of whole years as people type it: «5», «5 лет», «1 год», «12 г.», «3,5» (3); None if it is not."""
    match = _YEARS_RE.match(text or "")
    return int(match.group(1)) if match else None


def parse_experience_years(text: str | None) -> int:
    """Стаж in whole years: «5», «5 лет», «12 г.»."""
    years = whole_years(text)
    if years is None or years > MAX_EXPERIENCE_YEARS:
        raise InputError("bad-number")
    return years
