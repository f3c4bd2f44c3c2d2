"""The bank of programmes and best practices (3.5: «формирует банк индивидуальных/групповых персонализированных
программ наставничества, осуществляет описание наиболее успешного и эффективного опыта»; 3.6: the council
takes part in forming the bank of best practices). A new programme starts from a practice: its activities are
copied and their dates shifted to the new mentorship's period."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class NeedArea(StrEnum):
    """The directions of 3.6 (the council's list), the digital environment (2.2) and the needs questionnaire's
    other areas: the same values as questionnaires/mentee_needs.yaml, question need_areas."""

    SUBJECT = "subject"
    METHODS = "methods"
    UPBRINGING = "upbringing"
    ORGANISATION = "organisation"
    PSYCHOLOGY = "psychology"
    DIGITAL = "digital"
    PARENTS = "parents"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class TemplateItem:
    kind: str
    title: str
    expected_result: str
    offset_days: int  # from the start of the practice's mentorship


def shift_items(items: list[TemplateItem], start: date, end: date) -> list[tuple[TemplateItem, date]]:
    """Each activity at the same distance from the new start, never past the new end (3.7: the period)."""
    return [(item, min(start + timedelta(days=max(item.offset_days, 0)), end)) for item in items]


def can_be_practice(status: str) -> bool:
    """Only a finished programme goes to the bank (8.2: results only after completion)."""
    return status == "completed"
