"""A mentorship (a pair or a group): its forms (2.3), its life (3.4, 3.7, 6.1, 6.2) and the checks that
must hold before the director's order."""

from dataclasses import dataclass
from datetime import date
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
    RETURNED = "returned"  # the director returned it with a comment
    DECLINED = "declined"  # the mentor or a mentee declined
    APPROVED = "approved"  # fixed by order (3.4, 6.2)
    COMPLETED = "completed"  # 7.1


OPEN = (Status.PROPOSED, Status.CONFIRMED, Status.APPROVED)  # occupy a place with the mentor (3.7)


class CompletionReason(StrEnum):
    """7.1: why a personalized programme ends."""

    FULFILLED = "fulfilled"  # the plan is fulfilled in full
    MENTOR = "mentor"  # the mentor's initiative, for valid reasons
    MENTEE = "mentee"  # the mentee's initiative, for valid reasons
    BOTH = "both"  # a mutual decision
    CURATOR = "curator"  # the curator's initiative: the programme is not being carried out

    @property
    def needs_comment(self) -> bool:
        return self is not CompletionReason.FULFILLED


REPORTS = {"mentor": "mentor_report", "mentee": "mentee_report"}  # 3.6: both within 10 days of the end


class ProposalProblem(StrEnum):
    NO_MENTEES = "no-mentees"
    MENTOR_IS_MENTEE = "mentor-is-mentee"
    DURATION = "duration"  # 3.7: 1 to 12 months
    GROUP_TOO_SMALL = "group-too-small"  # 2.3: a group is two or more
    CAPACITY = "capacity"  # 3.7: no more than three at the same time
    MENTEE_BUSY = "mentee-busy"  # a mentee already has an open pair or group


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


def approver_role(form: Form | str) -> Role:
    """Who fixes a pair, a replacement or a completion by order: the director (3.4, 3.8, 6.2) — or, in the
    «руководитель — педагог» form, the education department by its own act (3.3)."""
    return Role.DEPARTMENT if Form(form) is Form.DIRECTOR_TEACHER else Role.DIRECTOR


MENTOR_CONSENTS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR)
MENTEE_CONSENTS = (ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE)


def missing_consents(needed: tuple[ConsentKind, ...], given: set[ConsentKind]) -> list[ConsentKind]:
    """3.2, 3.7: nobody is appointed without their written consent."""
    return [kind for kind in needed if kind not in given]


def end_date(start: date, months: int) -> date:
    """The planned end: the same day `months` later (clamped to the month's last day), minus one day."""
    from calendar import monthrange
    from datetime import timedelta

    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


class ReplacementReason(StrEnum):
    """3.8: when the mentor is replaced."""

    CONTRACT_ENDED = "contract_ended"  # прекращение трудового договора с наставником
    TRANSFER = "transfer"  # перевод наставника или наставляемого на иную должность или в другое подразделение
    REQUEST = "request"  # просьба наставника (4.1) или наставляемого (5.1)
    NON_PERFORMANCE = "non_performance"  # неисполнение наставником функций наставничества
    OTHER = "other"  # иные обстоятельства, препятствующие наставничеству


def extension_options(months: int, rules: OrgRules) -> list[int]:
    """7.2: a longer period, still within one year (3.7)."""
    return [m for m in range(months + 1, rules.mentorship_max_months + 1)][:6]
