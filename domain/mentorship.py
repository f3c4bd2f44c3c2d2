"""A mentorship (a pair or a group): its forms (2.3), its life (3.4, 3.7, 3.8, 6.1, 6.2, 7.1, 7.2) and the checks
that must hold before the director's order. Every status, kind and reason of the mentorship tables is an enum
here; the database's CHECK constraints are derived from these enums (db/models.py)."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.consents import ConsentKind
from domain.roles import Role
from domain.rules import OrgRules


class Form(StrEnum):
    """Forms of mentorship listed in 2.3."""

    TRADITIONAL = "traditional"  # традиционная «один на один»
    TEACHER_TEACHER = "teacher_teacher"  # «учитель — учитель»
    GROUP = "group"  # наставничество в группе
    VIRTUAL = "virtual"  # виртуальное (дистанционное)
    SHORT_TERM = "short_term"  # краткосрочное, целеполагающее
    REVERSE = "reverse"  # реверсивное
    SITUATIONAL = "situational"  # ситуационное
    SPEED = "speed"  # скоростное
    DIRECTOR_TEACHER = "director_teacher"  # «руководитель ОО — педагог»: the mentor is assigned by the department (3.3)
    EMPLOYER_STUDENT = "employer_student"  # «работодатель — студент»


class Status(StrEnum):
    PROPOSED = "proposed"  # the curator proposed it; mentor and mentees confirm (6.1) and consent (3.7)
    CONFIRMED = "confirmed"  # everybody agreed: with the director (or the department, 3.3)
    RETURNED = "returned"  # the director returned it with a comment: the curator corrects or cancels it
    DECLINED = "declined"  # the mentor or a mentee declined
    CANCELLED = "cancelled"  # the curator withdrew it before the order (or cancelled it once returned)
    APPROVED = "approved"  # fixed by order (3.4, 6.2)
    COMPLETED = "completed"  # 7.1, by order


OPEN = (Status.PROPOSED, Status.CONFIRMED, Status.APPROVED)  # occupy a place with the mentor (3.7)
BEFORE_ORDER = (Status.PROPOSED, Status.CONFIRMED, Status.RETURNED)  # the curator may still change or withdraw it
DECIDED = (Status.DECLINED, Status.CANCELLED, Status.APPROVED, Status.COMPLETED)  # no longer waits for anybody


class CompletionReason(StrEnum):
    """7.1: why a personalized programme ends."""

    FULFILLED = "fulfilled"  # the plan is fulfilled in full
    MENTOR = "mentor"  # the mentor's initiative, for valid reasons
    MENTEE = "mentee"  # the mentee's initiative, for valid reasons
    BOTH = "both"  # a mutual decision
    CURATOR = "curator"  # the curator's initiative: the programme is not being carried out

    @property
    def needs_comment(self) -> bool:
        """7.1: an early end needs its valid reason written down."""
        return self is not CompletionReason.FULFILLED


class ReplacementReason(StrEnum):
    """3.8: when the mentor is replaced."""

    CONTRACT_ENDED = "contract_ended"  # прекращение трудового договора с наставником
    TRANSFER = "transfer"  # перевод наставника или наставляемого на иную должность или в другое подразделение
    REQUEST = "request"  # просьба наставника (4.1) или наставляемого (5.1)
    NON_PERFORMANCE = "non_performance"  # неисполнение наставником функций наставничества
    OTHER = "other"  # иные обстоятельства, препятствующие наставничеству


class ChangeKind(StrEnum):
    EXTEND = "extend"  # 7.2: a longer period by mutual agreement
    CORRECT = "correct"  # 7.2: the programme corrected by mutual agreement
    REPLACE = "replace"  # 3.8: a new mentor, by order
    COMPLETE = "complete"  # 7.1: the end of the programme, by order

    @property
    def by_order(self) -> bool:
        """Replacement (3.8) and completion are fixed by the order of the director (or the department, 3.3)."""
        return self in (ChangeKind.REPLACE, ChangeKind.COMPLETE)


class ChangeStatus(StrEnum):
    PENDING = "pending"  # waits for the agreement of the participants (7.2) or of the new mentor (3.8)
    AGREED = "agreed"  # everybody agreed; a change by order waits for the order
    DECLINED = "declined"  # somebody did not agree
    APPROVED = "approved"  # in force (by order for a replacement or a completion)
    RETURNED = "returned"  # the director returned it with a comment
    CANCELLED = "cancelled"  # the curator withdrew it


OPEN_CHANGE = (ChangeStatus.PENDING, ChangeStatus.AGREED)


class EventAction(StrEnum):
    """What the history of a mentorship records (mentorship_events.action)."""

    PROPOSED = "proposed"
    CONFIRMED_BY = "confirmed_by"
    ALL_CONFIRMED = "all_confirmed"
    DECLINED = "declined"
    REVISED = "revised"  # the curator changed the proposal before the order
    RESUBMITTED = "resubmitted"  # a returned pair sent back for the order
    WITHDRAWN = "withdrawn"  # the curator withdrew the proposal before the order
    CANCELLED = "cancelled"  # the curator cancelled a returned pair
    RETURNED = "returned"
    APPROVED_BY_ORDER = "approved_by_order"
    COMPLETION_REQUESTED = "completion_requested"
    COMPLETION_RETURNED = "completion_returned"
    COMPLETED = "completed"
    ITEM_ADDED_BY_MENTOR = "item_added_by_mentor"
    ITEM_ADDED_BY_MENTEE = "item_added_by_mentee"
    PROGRAMME_GOAL_SET = "programme_goal_set"
    ITEM_EDITED = "item_edited"
    ITEM_DELETED = "item_deleted"
    PROPOSAL_INCLUDED = "proposal_included"  # 5.1: the mentee's proposal taken into the programme
    PROPOSAL_DECLINED = "proposal_declined"
    PROGRAMME_SUBMITTED = "programme_submitted"
    PROGRAMME_FROM_PRACTICE = "programme_from_practice"
    PROGRAMME_ACKNOWLEDGED = "programme_acknowledged"
    ITEM_DONE = "item_done"
    ITEM_ACCEPTED = "item_accepted"
    ITEM_RETURNED = "item_returned"
    ITEM_COMMENTED = "item_commented"
    MEETING_LOGGED = "meeting_logged"
    EXTEND_REQUESTED = "extend_requested"
    EXTEND_AGREED = "extend_agreed"
    EXTEND_DECLINED = "extend_declined"
    EXTENDED = "extended"
    CORRECT_REQUESTED = "correct_requested"
    CORRECT_AGREED = "correct_agreed"
    CORRECT_DECLINED = "correct_declined"
    PROGRAMME_REOPENED = "programme_reopened"
    REPLACEMENT_PETITION_MENTEE = "replacement_petition_mentee"  # 5.1
    REPLACEMENT_PETITION_MENTOR = "replacement_petition_mentor"  # 4.1
    COMPLETION_PETITION_MENTEE = "completion_petition_mentee"  # 7.1: the mentee's initiative
    COMPLETION_PETITION_MENTOR = "completion_petition_mentor"  # 7.1: the mentor's initiative
    REPLACE_REQUESTED = "replace_requested"
    REPLACE_AGREED = "replace_agreed"
    REPLACE_DECLINED = "replace_declined"
    REPLACE_RETURNED = "replace_returned"
    REPLACE_CANCELLED = "replace_cancelled"
    MENTOR_REPLACED = "mentor_replaced"


def requested(kind: ChangeKind) -> EventAction:
    return {
        ChangeKind.EXTEND: EventAction.EXTEND_REQUESTED,
        ChangeKind.CORRECT: EventAction.CORRECT_REQUESTED,
        ChangeKind.REPLACE: EventAction.REPLACE_REQUESTED,
        ChangeKind.COMPLETE: EventAction.COMPLETION_REQUESTED,
    }[kind]


def agreed(kind: ChangeKind) -> EventAction:
    return {
        ChangeKind.EXTEND: EventAction.EXTEND_AGREED,
        ChangeKind.CORRECT: EventAction.CORRECT_AGREED,
        ChangeKind.REPLACE: EventAction.REPLACE_AGREED,
    }[kind]


def declined(kind: ChangeKind) -> EventAction:
    return {
        ChangeKind.EXTEND: EventAction.EXTEND_DECLINED,
        ChangeKind.CORRECT: EventAction.CORRECT_DECLINED,
        ChangeKind.REPLACE: EventAction.REPLACE_DECLINED,
    }[kind]


def returned(kind: ChangeKind) -> EventAction:
    return {ChangeKind.REPLACE: EventAction.REPLACE_RETURNED, ChangeKind.COMPLETE: EventAction.COMPLETION_RETURNED}[
        kind
    ]


class Part(StrEnum):
    """Who a person is in a mentorship."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class Petition(StrEnum):
    """What a participant may ask the curator for."""

    REPLACE = "replace"  # 5.1: the mentee's petition for another mentor; 4.1: the mentor asks to step down
    COMPLETE = "complete"  # 7.1: an early end on the initiative of the mentor or the mentee, for valid reasons


def petition_action(petition: Petition, part: Part) -> EventAction:
    return {
        (Petition.REPLACE, Part.MENTEE): EventAction.REPLACEMENT_PETITION_MENTEE,
        (Petition.REPLACE, Part.MENTOR): EventAction.REPLACEMENT_PETITION_MENTOR,
        (Petition.COMPLETE, Part.MENTEE): EventAction.COMPLETION_PETITION_MENTEE,
        (Petition.COMPLETE, Part.MENTOR): EventAction.COMPLETION_PETITION_MENTOR,
    }[(petition, part)]


REPORTS: dict[str, str] = {
    Part.MENTOR: "mentor_report",
    Part.MENTEE: "mentee_report",
}  # 3.6: both within N days of the end


class ProposalProblem(StrEnum):
    NO_MENTEES = "no-mentees"
    MENTOR_IS_MENTEE = "mentor-is-mentee"
    DURATION = "duration"  # 3.7: 1 to 12 months
    GROUP_TOO_SMALL = "group-too-small"  # 2.3: a group is two or more
    CAPACITY = "capacity"  # 3.7: no more than three at the same time
    MENTEE_BUSY = "mentee-busy"  # a mentee already has an open pair or group
    NOT_IN_SCHOOL = "not-in-school"  # somebody is not (or no longer) on this school's staff


@dataclass(frozen=True)
class Proposal:
    mentor_id: int
    mentee_ids: tuple[int, ...]
    form: Form
    months: int


def check_proposal(proposal: Proposal, mentor_load: int, rules: OrgRules) -> ProposalProblem | None:
    """mentor_load: mentees the mentor already has in open mentorships (counted under a lock by the caller)."""
    if not proposal.mentee_ids:
        return ProposalProblem.NO_MENTEES
    if proposal.mentor_id in proposal.mentee_ids:
        return ProposalProblem.MENTOR_IS_MENTEE
    if not rules.mentorship_min_months <= proposal.months <= rules.mentorship_max_months:
        return ProposalProblem.DURATION
    if proposal.form is Form.GROUP and len(proposal.mentee_ids) < 2:
        return ProposalProblem.GROUP_TOO_SMALL
    if mentor_load + len(proposal.mentee_ids) > rules.max_mentees_per_mentor:
        return ProposalProblem.CAPACITY
    return None


def forms_for(mentees: int) -> list[Form]:
    """2.3: a group is two or more; one mentee is never «в группе»."""
    return [form for form in Form if form is not Form.GROUP or mentees >= 2]


def approver_role(form: Form | str) -> Role:
    """Who fixes a pair, a replacement or a completion by order: the director (3.4, 3.8, 6.2) — or, in the
    «руководитель — педагог» form, the education department by its own act (3.3)."""
    return Role.DEPARTMENT if Form(form) is Form.DIRECTOR_TEACHER else Role.DIRECTOR


MENTOR_CONSENTS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR)
MENTEE_CONSENTS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE)


def consents_needed(part: Part) -> tuple[ConsentKind, ...]:
    return MENTOR_CONSENTS if part is Part.MENTOR else MENTEE_CONSENTS


def missing_consents(needed: tuple[ConsentKind, ...], given: set[ConsentKind]) -> list[ConsentKind]:
    """3.2, 3.7: nobody is appointed without their written consent."""
    return [kind for kind in needed if kind not in given]


def end_date(start: date, months: int) -> date:
    """The planned end: the same day `months` later (clamped to the month's last day), minus one day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def report_due(ended_on: date, rules: OrgRules) -> date:
    """3.6: the mentor's and the mentees' reports, each no later than N days after the mentorship ends."""
    return ended_on + timedelta(days=rules.report_days)


def extension_options(months: int, rules: OrgRules) -> list[int]:
    """7.2: a longer period, still within one year (3.7)."""
    return list(range(months + 1, rules.mentorship_max_months + 1))[:6]
