"""The programme's rules without I/O: deadlines from the school's numbers (3.6), dates within the period, the
short-programme flag (1.2), the share of accepted activities, what a submission lacks."""

from datetime import date

import pytest

from domain.mentorship import report_due
from domain.programme import (
    ItemStatus,
    accepted_share,
    check_activity_date,
    check_meeting_date,
    days_late,
    is_short,
    missing_for_submission,
    programme_due,
)
from domain.rules import OrgRules
from domain.validation import InputError


def test_deadlines_come_from_the_schools_numbers() -> None:
    assert programme_due(date(2026, 9, 1), OrgRules()) == date(2026, 9, 11)  # 3.6: 10 days by default
    assert programme_due(date(2026, 9, 1), OrgRules(programme_days=7)) == date(2026, 9, 8)
    assert report_due(date(2027, 2, 28), OrgRules()) == date(2027, 3, 10)
    assert report_due(date(2027, 2, 28), OrgRules(report_days=5)) == date(2027, 3, 5)
    assert days_late(date(2026, 9, 11), date(2026, 9, 11)) == 0
    assert days_late(date(2026, 9, 11), date(2026, 9, 15)) == 4


def test_dates_lie_within_the_period_and_meetings_in_the_past() -> None:
    start, end = date(2026, 9, 1), date(2027, 2, 28)
    assert check_activity_date(date(2026, 9, 1), start, end) == date(2026, 9, 1)
    with pytest.raises(InputError) as error:
        check_activity_date(date(2027, 3, 1), start, end)
    assert error.value.code == "outside-period" and error.value.params == {"start": "01.09.2026", "end": "28.02.2027"}
    with pytest.raises(InputError) as error:
        check_meeting_date(date(2026, 10, 6), start, end, today=date(2026, 10, 5))
    assert error.value.code == "meeting-in-future"
    assert check_meeting_date(date(2026, 10, 5), start, end, today=date(2026, 10, 5)) == date(2026, 10, 5)


def test_a_programme_shorter_than_three_months_is_flagged() -> None:  # 1.2
    assert not is_short(date(2026, 9, 1), date(2026, 11, 30), OrgRules())  # exactly three months
    assert is_short(date(2026, 9, 1), date(2026, 11, 29), OrgRules())
    assert is_short(date(2026, 9, 1), date(2027, 2, 28), OrgRules(programme_min_months=7))


def test_the_share_counts_the_programme_not_the_proposals() -> None:
    statuses = [ItemStatus.ACCEPTED, ItemStatus.DONE, ItemStatus.PROPOSED, ItemStatus.RETURNED]
    assert accepted_share([s.value for s in statuses]) == (1, 3)
    assert missing_for_submission(None, 0) == ["goal", "items"]
    assert missing_for_submission("Цель", 2) == []
