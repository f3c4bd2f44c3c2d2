"""The banks of mentors and mentees (road map steps 2–3; 3.5, 3.8)."""

from datetime import date, timedelta
from enum import StrEnum

from domain.consents import ConsentKind
from domain.rules import OrgRules


class MenteeStatus(StrEnum):
    WAITING = "waiting"  # needs a mentor
    ASSIGNED = "assigned"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class MentorStatus(StrEnum):
    CANDIDATE = "candidate"  # filled the survey, waits for the curator
    APPROVED = "approved"
    REJECTED = "rejected"
    ARCHIVED = "archived"


def mentor_assignment_deadline(work_start: date, rules: OrgRules) -> date:
    """3.7: a mentor is assigned no later than N calendar days after the actual start of work."""
    return work_start + timedelta(days=rules.mentor_assignment_days)


def missing_for_mentor_approval(consents: set[ConsentKind]) -> list[ConsentKind]:
    """3.2, 3.7: a mentor only with their written consent; and nothing is processed without 152-FZ consent."""
    return [kind for kind in (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR) if kind not in consents]
