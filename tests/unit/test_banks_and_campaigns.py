"""The banks' decisions (3.2: a mentor only with the written consent) and the campaigns' rules, without I/O."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.banks import (
    BankKind,
    BankProblem,
    Decision,
    MenteeStatus,
    MentorStatus,
    after_consent,
    after_withdrawal,
    decide,
    status_of,
)
from domain.campaigns import NUDGE_PAUSE, check_due, may_nudge
from domain.consents import ConsentKind
from domain.validation import InputError

BOTH = {ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR}
M = BankKind.MENTOR


def test_without_a_decision_a_mentor_is_a_candidate_never_approved() -> None:
    assert status_of(M, None) is MentorStatus.CANDIDATE
    assert status_of(BankKind.MENTEE, None) is MenteeStatus.WAITING
    assert status_of(M, "approved") is MentorStatus.APPROVED


@pytest.mark.parametrize(
    ("status", "decision", "consents", "expected"),
    [
        (MentorStatus.CANDIDATE, Decision.APPROVE, BOTH, MentorStatus.APPROVED),
        (MentorStatus.CANDIDATE, Decision.APPROVE, {ConsentKind.PERSONAL_DATA}, BankProblem.NO_CONSENT),
        (MentorStatus.CANDIDATE, Decision.APPROVE, {ConsentKind.MENTOR}, BankProblem.NO_CONSENT),
        (MentorStatus.CANDIDATE, Decision.REJECT, set(), MentorStatus.REJECTED),
        (MentorStatus.APPROVED, Decision.APPROVE, BOTH, BankProblem.DECIDED),  # a stale button
        (MentorStatus.REJECTED, Decision.REJECT, BOTH, BankProblem.DECIDED),
        (MentorStatus.WITHDRAWN, Decision.APPROVE, BOTH, BankProblem.DECIDED),
        (MentorStatus.APPROVED, Decision.ARCHIVE, BOTH, MentorStatus.ARCHIVED),
        (MentorStatus.ARCHIVED, Decision.ARCHIVE, BOTH, BankProblem.DECIDED),
        (MentorStatus.ARCHIVED, Decision.RESTORE, BOTH, MentorStatus.CANDIDATE),  # approved anew
        (MentorStatus.CANDIDATE, Decision.RESTORE, BOTH, BankProblem.DECIDED),
    ],
)
def test_the_curators_decisions(status, decision, consents, expected) -> None:  # type: ignore[no-untyped-def]
    assert decide(M, status, decision, consents) == expected


def test_mentees_are_never_approved_or_rejected() -> None:
    assert decide(BankKind.MENTEE, MenteeStatus.WAITING, Decision.APPROVE, BOTH) is BankProblem.DECIDED
    assert decide(BankKind.MENTEE, MenteeStatus.WAITING, Decision.ARCHIVE, set()) is MenteeStatus.ARCHIVED
    assert decide(BankKind.MENTEE, MenteeStatus.ARCHIVED, Decision.RESTORE, set()) is MenteeStatus.WAITING


def test_a_withdrawn_consent_takes_a_mentor_out_and_a_new_one_brings_them_back_as_a_candidate() -> None:
    assert after_withdrawal(ConsentKind.MENTOR, MentorStatus.APPROVED) is MentorStatus.WITHDRAWN
    assert after_withdrawal(ConsentKind.PERSONAL_DATA, MentorStatus.CANDIDATE) is MentorStatus.WITHDRAWN
    assert after_withdrawal(ConsentKind.PUBLICATION, MentorStatus.APPROVED) is None
    assert after_withdrawal(ConsentKind.MENTOR, MentorStatus.REJECTED) is None
    assert after_consent(ConsentKind.MENTOR, MentorStatus.WITHDRAWN) is MentorStatus.CANDIDATE
    assert after_consent(ConsentKind.MENTOR, MentorStatus.REJECTED) is None


def test_a_due_date_is_today_or_later_and_a_reminder_waits_a_minute() -> None:
    today = date(2026, 11, 2)
    assert check_due(today, today) == today
    with pytest.raises(InputError):
        check_due(today - timedelta(days=1), today)
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    assert may_nudge(None, now)
    assert not may_nudge(now - NUDGE_PAUSE, now)
    assert may_nudge(now - NUDGE_PAUSE - timedelta(seconds=1), now)


def test_name_forms_and_the_mention_pattern() -> None:
    import re

    from db.privacy import mention_pattern
    from services.consents import name_forms

    forms = name_forms("Щукина Злата Эдуардовна")
    assert {"Щукиной Златы Эдуардовны", "Щукину Злату Эдуардовну", "Щукина З. Э.", "З. Э. Щукиной"} <= set(forms)
    pattern = mention_pattern(forms)
    assert pattern is not None
    python = re.compile(pattern.replace(r"\m", r"\b"))
    assert python.search("Поздравляем Щукину Злату Эдуардовну!")
    assert python.search("учитель Щукина З.Э. провела")  # initials without a space
    assert not python.search("Щукиной")  # a surname alone is not redacted everywhere
    assert not python.search("Пращукина З. Э.")  # only whole words
