"""The personalized programme (3.6): written by the mentor within 10 days of the order, made of
activities of the kinds the regulation lists, acknowledged by the mentee (who may propose items, 5.1)."""

from datetime import date, timedelta
from enum import StrEnum

from domain.rules import OrgRules
from domain.validation import InputError


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
    DRAFT = "draft"
    SUBMITTED = "submitted"  # shown to the mentee(s) for acknowledgement
    ACKNOWLEDGED = "acknowledged"  # every mentee has read it (3.6: «знакомится с программой»)


def programme_due(order_date: date, rules: OrgRules) -> date:
    """3.6: no later than 10 days from the approval of the mentor by order."""
    return order_date + timedelta(days=rules.programme_days)


def check_activity_date(day: date, start: date, end: date) -> date:
    if not start <= day <= end:
        raise InputError("outside-period", {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")})
    return day


def is_short(start: date, end: date, rules: OrgRules) -> bool:
    """1.2: a personalized programme runs 3 months to 1 year; a shorter one is flagged, not refused."""
    return (end - start).days + 1 < rules.programme_min_months * 30


def missing_for_submission(goal: str | None, items: int) -> list[str]:
    missing = []
    if not goal:
        missing.append("goal")
    if items == 0:
        missing.append("items")
    return missing


class ItemStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"  # the mentee reported it done (5.2), waiting for the mentor's check
    ACCEPTED = "accepted"  # the mentor checked it (4.1)
    RETURNED = "returned"  # the mentor asked to redo it


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"
    CHAT = "chat"


def accepted_share(statuses: list[str]) -> tuple[int, int]:
    """(accepted, total) for «выполнено и проверено 2 из 5»."""
    return sum(1 for s in statuses if s == ItemStatus.ACCEPTED), len(statuses)
