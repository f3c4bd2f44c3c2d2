"""«Анкетирование»: a questionnaire the curator sends to a group with a due date (road map, stages 2–3), and
the yearly refresh of the list of teachers who need a mentor (3.5: «не реже одного раза в год»)."""

from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.validation import InputError


class Audience(StrEnum):
    ALL = "all"  # every active member of staff
    NEW_HIRES = "new_hires"  # admitted to work in this school year
    CHOSEN = "chosen"  # picked one by one


class CampaignKind(StrEnum):
    REGULAR = "regular"
    YEARLY_REFRESH = "yearly_refresh"  # 3.5


class InviteeState(StrEnum):
    SUBMITTED = "submitted"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


REFRESH_QUESTIONNAIRE = "mentee_needs"  # 3.5: the needs questionnaire to all staff, once a school year
QUICK_DUE_DAYS = (7, 14)  # the due-date buttons: a week, two weeks
NUDGE_PAUSE = timedelta(minutes=1)  # a second press right after the first sends nothing twice


def check_due(due: date, today: date) -> date:
    if due < today:
        raise InputError("past-date")
    return due


def may_nudge(nudged_at: datetime | None, now: datetime) -> bool:
    return nudged_at is None or now - nudged_at > NUDGE_PAUSE
