"""Deadlines and the reminders they produce, in calendar days of the school's time zone.

A deadline "within N days" ends at the end of its last day, local time (DESIGN.md). Reminders go out at
the start of the quiet-hours window (09:00) of the days before it; the day after it, the curator is
alerted that it was missed. A reminder whose moment falls outside 09:00–20:00 waits for the morning.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.rules import OrgRules

OVERDUE = "overdue"


class DeadlineKind(StrEnum):
    MENTOR_ASSIGNMENT = "mentor_assignment"  # 3.7: actual start of work + 30 calendar days
    CAMPAIGN = "campaign"  # a campaign's due date, for one invitee
    CAMPAIGN_OVERDUE = "campaign_overdue"  # the same campaign, for the curator: who has not answered
    YEARLY_REFRESH = "yearly_refresh"  # 3.5: the list of teachers who need a mentor, once a school year
    PROGRAMME = "programme"  # 3.6: the mentor writes the programme within 10 days of the order
    REPORT_MENTOR = "report_mentor"  # 3.6: the mentor's report within 10 days of the end
    REPORT_MENTEE = "report_mentee"  # 3.6: each mentee's report within 10 days of the end
    ACTIVITY = "activity"  # a programme activity's date (5.2: «в установленные сроки»)
    PLANNED_END = "planned_end"  # the mentorship's planned end: the curator completes it (7.1)


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    organization_id: int
    subject_id: int  # the mentee, the campaign invitee, the campaign or the school year
    due: date  # the last day, inclusive
    recipients: tuple[int, ...]  # person ids who must act (or the curators, for alerts)
    remind_before: bool = True  # reminders before the deadline go to the recipients
    alert_curators: bool = True  # the day after, the curators are alerted
    first_reminder_days: int | None = None  # an extra early reminder (e.g. the yearly refresh on 1 September)
    overdue_recipients: tuple[int, ...] = ()  # who gets the overdue alert, when not the same people

    def audience(self, offset: str) -> tuple[int, ...]:
        return self.overdue_recipients if offset == OVERDUE and self.overdue_recipients else self.recipients

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject_id}:{self.due.isoformat()}"


def local_moment(day: date, hour: int, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def is_overdue(deadline: Deadline, now: datetime, tz: ZoneInfo) -> bool:
    return now >= end_of_day(deadline.due, tz)


def within_quiet_hours(now: datetime, rules: OrgRules, tz: ZoneInfo) -> bool:
    """True when messages may go out: between quiet_start_hour and quiet_end_hour, local time."""
    local = now.astimezone(tz)
    return rules.quiet_start_hour <= local.hour < rules.quiet_end_hour


def offsets_for(deadline: Deadline, rules: OrgRules) -> list[int]:
    offsets = set(rules.reminder_days_before)
    if deadline.first_reminder_days is not None:
        offsets.add(deadline.first_reminder_days)
    return sorted(offsets, reverse=True)


def due_offset(deadline: Deadline, now: datetime, rules: OrgRules, tz: ZoneInfo) -> str | None:
    """Which reminder of this deadline is due at `now`: "d-3", "d-1", "d-0", "overdue" or None.

    Only the latest one whose moment has passed counts: after downtime the bot sends the reminder that
    is current, not a pile of stale ones (the skipped ones are recorded so they never go out later).
    """
    if is_overdue(deadline, now, tz):
        return OVERDUE if deadline.alert_curators else None
    if not deadline.remind_before:
        return None
    current = None
    for days in offsets_for(deadline, rules):
        if now >= local_moment(deadline.due - timedelta(days=days), rules.quiet_start_hour, tz):
            current = f"d-{days}"
    return current


def earlier_offsets(deadline: Deadline, offset: str, rules: OrgRules) -> list[str]:
    """The reminders before `offset` in this deadline's sequence (superseded once `offset` is due)."""
    sequence = [f"d-{days}" for days in offsets_for(deadline, rules)] if deadline.remind_before else []
    if deadline.alert_curators:
        sequence.append(OVERDUE)
    return sequence[: sequence.index(offset)] if offset in sequence else []


def days_left(due: date, today: date) -> int:
    return (due - today).days


def stage(days: int) -> str:
    """How a message words the days left on the day it is sent (not on the day its slot was planned):
    "before" (in 2+ days), "tomorrow", "today" (the last day) or "overdue"."""
    if days < 0:
        return "overdue"
    return {0: "today", 1: "tomorrow"}.get(days, "before")


def reminder_window(rules: OrgRules) -> int:
    """How many days ahead of a deadline its first regular reminder may fall."""
    return max(rules.reminder_days_before, default=0)
