from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.middlewares.outgoing import Pacer
from domain.deadlines import (
    OVERDUE,
    Deadline,
    DeadlineKind,
    due_offset,
    earlier_offsets,
    is_overdue,
    within_quiet_hours,
)
from domain.rules import OrgRules

MSK = ZoneInfo("Europe/Moscow")
RULES = OrgRules()
# 3.7: a mentee who started on 01.09.2026 must have a mentor by 01.10.2026 (30 calendar days).
ASSIGNMENT = Deadline(DeadlineKind.MENTOR_ASSIGNMENT, 1, 7, date(2026, 10, 1), (2,))


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02}:{minute:02}").replace(tzinfo=MSK)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at("2026-09-27", 23, 59), None),
        (at("2026-09-28", 8, 59), None),
        (at("2026-09-28", 9), "d-3"),
        (at("2026-09-29", 12), "d-3"),
        (at("2026-09-30", 9), "d-1"),
        (at("2026-10-01", 9), "d-0"),
        (at("2026-10-01", 23, 59), "d-0"),  # the deadline ends at the end of its last day, local time
        (at("2026-10-02", 0), OVERDUE),
        (at("2026-10-05", 9), OVERDUE),
    ],
)
def test_which_reminder_is_due(moment: datetime, expected: str | None) -> None:
    assert due_offset(ASSIGNMENT, moment, RULES, MSK) == expected


def test_the_end_of_the_day_is_local() -> None:
    # 21:30 UTC on 1 October is already 2 October in Moscow
    assert is_overdue(ASSIGNMENT, datetime.fromisoformat("2026-10-01T21:30+00:00"), MSK)
    assert not is_overdue(ASSIGNMENT, datetime.fromisoformat("2026-10-01T20:59+00:00"), MSK)


def test_later_reminders_supersede_earlier_ones() -> None:
    assert earlier_offsets(ASSIGNMENT, "d-1", RULES) == ["d-3"]
    assert earlier_offsets(ASSIGNMENT, OVERDUE, RULES) == ["d-3", "d-1", "d-0"]
    refresh = Deadline(DeadlineKind.YEARLY_REFRESH, 1, 2026, date(2026, 9, 30), (2,), first_reminder_days=29)
    assert due_offset(refresh, at("2026-09-01", 9), RULES, MSK) == "d-29"  # prompted on the first day of the year


def test_configurable_offsets_and_quiet_hours() -> None:
    rules = OrgRules.from_overrides({"reminder_days_before": [7, 2], "quiet_start_hour": 10})
    assert due_offset(ASSIGNMENT, at("2026-09-24", 10), rules, MSK) == "d-7"
    assert due_offset(ASSIGNMENT, at("2026-09-24", 9), rules, MSK) is None
    assert within_quiet_hours(at("2026-09-24", 9), RULES, MSK)
    assert not within_quiet_hours(at("2026-09-24", 20), RULES, MSK)
    assert not within_quiet_hours(at("2026-09-24", 3), RULES, MSK)


def test_a_deadline_without_reminders_only_alerts() -> None:
    alert_only = Deadline(DeadlineKind.CAMPAIGN_OVERDUE, 1, 5, date(2026, 10, 1), (2,), remind_before=False)
    assert due_offset(alert_only, at("2026-09-30", 9), RULES, MSK) is None
    assert due_offset(alert_only, at("2026-10-02", 9), RULES, MSK) == OVERDUE
    reminders_only = Deadline(DeadlineKind.CAMPAIGN, 1, 5, date(2026, 10, 1), (3,), alert_curators=False)
    assert due_offset(reminders_only, at("2026-10-02", 9), RULES, MSK) is None


def test_pacing_allows_a_burst_then_one_per_second_per_chat() -> None:
    pacer = Pacer(per_second=30, chat_interval=1.0, chat_burst=3)
    delays = [pacer._reserve(1, 100.0) for _ in range(5)]
    assert delays[:3] == [0.0, pytest.approx(1 / 30), pytest.approx(2 / 30)]
    assert delays[3] == pytest.approx(1.0) and delays[4] == pytest.approx(2.0)
    # another chat is only held by the overall limit (five slots are taken), not by chat 1's own pace
    assert pacer._reserve(2, 100.0) == pytest.approx(5 / 30)


def test_pacing_keeps_the_overall_rate() -> None:
    pacer = Pacer(per_second=30, chat_interval=1.0, chat_burst=3)
    delays = [pacer._reserve(chat, 0.0) for chat in range(60)]
    assert delays[-1] == pytest.approx(59 / 30)  # 60 chats: two seconds, never faster than 30/s
