"""The banks of mentors and mentees (road map, stages 2–3; 3.5, 3.8): who is in which bank, with which status,
and what the curator may decide.

A mentor enters the bank as a candidate — by the mentor survey, by an invitation or a staff list with the
mentor's role — and is approved by the curator only with both written consents: to the processing of personal
data (152-FZ, road map stage 3.2) and to be appointed mentor (3.2: «назначается наставником с его письменного
согласия»). Withdrawing either takes them out of the bank; giving the mentor's consent again makes them a
candidate again, to be approved anew."""

from collections.abc import Collection
from datetime import date, timedelta
from enum import StrEnum

from domain.consents import ConsentKind
from domain.rules import OrgRules


class BankKind(StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"


class MenteeStatus(StrEnum):
    WAITING = "waiting"  # needs a mentor (3.7: within 30 days of the start of work)
    ASSIGNED = "assigned"  # in a mentorship fixed by order
    COMPLETED = "completed"  # 7.1
    ARCHIVED = "archived"


class MentorStatus(StrEnum):
    CANDIDATE = "candidate"  # waits for the curator's decision
    APPROVED = "approved"  # may be matched (3.5); only with both consents
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # withdrew a consent the bank needs: out of the bank until they consent again
    ARCHIVED = "archived"


BankStatus = MenteeStatus | MentorStatus
STATUSES: dict[BankKind, tuple[BankStatus, ...]] = {
    BankKind.MENTEE: tuple(MenteeStatus),
    BankKind.MENTOR: tuple(MentorStatus),
}
# How one enters each bank (and returns to it from the archive).
ENTRY: dict[BankKind, BankStatus] = {BankKind.MENTEE: MenteeStatus.WAITING, BankKind.MENTOR: MentorStatus.CANDIDATE}
# The questionnaire of each bank (road map: stage 2 the needs, stage 3 the would-be mentors).
QUESTIONNAIRE: dict[BankKind, str] = {BankKind.MENTEE: "mentee_needs", BankKind.MENTOR: "mentor_survey"}
BANK_OF_QUESTIONNAIRE: dict[str, BankKind] = {code: bank for bank, code in QUESTIONNAIRE.items()}
# The consent each bank needs besides the personal-data one (3.2 for mentors, 3.7 for mentees).
BANK_CONSENT: dict[BankKind, ConsentKind] = {BankKind.MENTEE: ConsentKind.MENTEE, BankKind.MENTOR: ConsentKind.MENTOR}
MENTOR_APPROVAL_CONSENTS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR)


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    ARCHIVE = "archive"
    RESTORE = "restore"


class BankProblem(StrEnum):
    DECIDED = "decided"  # the status has moved on (another curator, a stale button)
    NO_CONSENT = "no-consent"  # 3.2: not without the written consents


def status_of(bank: BankKind, value: str | None) -> BankStatus:
    """A stored status, or the bank's entry status when there is no decision yet (never «approved»)."""
    if value is None:
        return ENTRY[bank]
    return MenteeStatus(value) if bank is BankKind.MENTEE else MentorStatus(value)


def missing_for_mentor_approval(consents: Collection[ConsentKind]) -> list[ConsentKind]:
    """3.2, 3.7: a mentor only with their written consent; and nothing is processed without the 152-FZ one."""
    return [kind for kind in MENTOR_APPROVAL_CONSENTS if kind not in consents]


def decide(
    bank: BankKind, status: BankStatus, decision: Decision, consents: Collection[ConsentKind]
) -> BankStatus | BankProblem:
    """The curator's decision about a person in a bank: the new status, or why not."""
    if decision in (Decision.APPROVE, Decision.REJECT):
        if bank is not BankKind.MENTOR or status is not MentorStatus.CANDIDATE:
            return BankProblem.DECIDED
        if decision is Decision.REJECT:
            return MentorStatus.REJECTED
        return BankProblem.NO_CONSENT if missing_for_mentor_approval(consents) else MentorStatus.APPROVED
    archived = MenteeStatus.ARCHIVED if bank is BankKind.MENTEE else MentorStatus.ARCHIVED
    if decision is Decision.ARCHIVE:
        return BankProblem.DECIDED if status is archived else archived
    return ENTRY[bank] if status is archived else BankProblem.DECIDED


def after_withdrawal(kind: ConsentKind, mentor_status: MentorStatus) -> MentorStatus | None:
    """A withdrawn consent takes a mentor out of the bank (3.2): the new status, or None for no change."""
    if kind not in MENTOR_APPROVAL_CONSENTS:
        return None
    if mentor_status in (MentorStatus.CANDIDATE, MentorStatus.APPROVED):
        return MentorStatus.WITHDRAWN
    return None


def after_consent(kind: ConsentKind, mentor_status: MentorStatus) -> MentorStatus | None:
    """The mentor's consent given again: a candidate again, for the curator to approve anew."""
    if kind is ConsentKind.MENTOR and mentor_status is MentorStatus.WITHDRAWN:
        return MentorStatus.CANDIDATE
    return None


def mentor_assignment_deadline(work_start: date, rules: OrgRules) -> date:
    """3.7: a mentor is assigned no later than N calendar days after the actual start of work."""
    return work_start + timedelta(days=rules.mentor_assignment_days)
