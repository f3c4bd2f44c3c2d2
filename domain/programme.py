"""The personalized programme (3.6) and the end-of-mentorship reports, as rules.

3.6: the mentor writes the programme «не позднее 10 дней со дня утверждения его кандидатуры приказом» (the number
is `OrgRules.programme_days`), of activities of the kinds 3.6 lists; the mentee «знакомится с программой». 1.2: a
personalized programme is short-term, from 3 months to 1 year (a shorter one is flagged, not refused). 5.1: the
mentee takes part in composing it (proposals, comments). 5.2: the mentee carries out its activities on time; 4.1:
the mentor checks them («личная проверка выполнения заданий»). 3.6: both reports «в течение 10 дней по
завершении наставничества» (`OrgRules.report_days`)."""

from datetime import date, timedelta
from enum import StrEnum

from domain.mentorship import end_date
from domain.rules import OrgRules
from domain.validation import InputError, clean_text


class ActivityKind(StrEnum):
    """What a programme may include (3.6)."""

    WORKPLACE = "workplace"  # знакомство с рабочим местом и коллективом
    DUTIES = "duties"  # знакомство с должностными обязанностями и квалификационными требованиями
    ADAPTATION = "adaptation"  # меры по профессиональной и должностной адаптации
    STUDY = "study"  # изучение теоретических и практических вопросов
    ASSIGNMENTS = "assignments"  # выполнение практических заданий
    CONSOLIDATION = "consolidation"  # закрепление профессиональных знаний и навыков
    HELP = "help"  # содействие в выполнении должностных обязанностей
    OTHER = "other"  # другие мероприятия по наставничеству


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"  # the mentor writes it
    SUBMITTED = "submitted"  # sent to the mentee(s) for acknowledgement
    ACKNOWLEDGED = "acknowledged"  # every mentee has read it (3.6: «знакомится с программой»)


class ItemStatus(StrEnum):
    PROPOSED = "proposed"  # 5.1: the mentee proposed it; the mentor includes it or declines it
    PLANNED = "planned"
    DONE = "done"  # the mentee reported it done (5.2), waiting for the mentor's check
    ACCEPTED = "accepted"  # the mentor checked it (4.1)
    RETURNED = "returned"  # the mentor asked to redo it


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"
    CHAT = "chat"


class Part(StrEnum):
    """How a person takes part in a mentorship, as far as its programme goes."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    CURATOR = "curator"  # 3.5: «курирует процесс разработки и реализации» programmes: reads, never writes


OPEN_ITEM = frozenset({ItemStatus.PLANNED, ItemStatus.RETURNED})  # may be reported done (5.2)
IN_PROGRAMME = frozenset(set(ItemStatus) - {ItemStatus.PROPOSED})  # what the programme (and its DOCX) consists of

GOAL_MIN, GOAL_MAX = 10, 1000
TASKS_MAX = 1500
COMMENT_MIN, COMMENT_MAX = 3, 900


def programme_due(order_date: date, rules: OrgRules) -> date:
    """3.6: no later than `programme_days` (10) days from the approval of the mentor by order."""
    return order_date + timedelta(days=rules.programme_days)


def days_late(due: date, on: date) -> int:
    """How many days after `due` something done `on` came (0: in time)."""
    return max((on - due).days, 0)


def check_activity_date(day: date, start: date, end: date) -> date:
    """An activity's date lies within the mentorship's period (3.7, the order)."""
    if not start <= day <= end:
        raise InputError("outside-period", {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")})
    return day


def check_meeting_date(day: date, start: date, end: date, today: date) -> date:
    """A meeting is logged once it was held: within the period, not in the future."""
    if day > today:
        raise InputError("meeting-in-future", {"today": today.strftime("%d.%m.%Y")})
    return check_activity_date(day, start, end)


def is_short(start: date, end: date, rules: OrgRules) -> bool:
    """1.2: a personalized programme runs from 3 months to 1 year; a shorter one is flagged, not refused."""
    return end < end_date(start, rules.programme_min_months)


def clean_goal(text: str | None) -> str:
    return clean_text(text, min_len=GOAL_MIN, max_len=GOAL_MAX)


def missing_for_submission(goal: str | None, items: int) -> list[str]:
    """What a programme lacks before the mentor may send it: a goal and at least one activity."""
    missing = []
    if not goal:
        missing.append("goal")
    if items == 0:
        missing.append("items")
    return missing


def accepted_share(statuses: list[str]) -> tuple[int, int]:
    """(accepted, total) of the programme's activities, for «выполнено и проверено 2 из 5»."""
    counted = [s for s in statuses if s in IN_PROGRAMME]
    return sum(1 for s in counted if s == ItemStatus.ACCEPTED), len(counted)
