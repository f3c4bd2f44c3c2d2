"""What awaits a person, shown at the top of their main menu («2 пары ждут приказа», «анкета не заполнена»): per
role, counts computed in one query each (scalar subqueries in one SELECT), read from the tables and statuses as
they are on main:

- director / department: mentorships `confirmed` (everybody agreed, waiting for the order, 3.4, 6.2) and
  mentorship_changes `replace` (3.8) or `complete` (7.1) + `agreed` — of the forms this role approves (the
  department: «руководитель — педагог», 3.3).
- curator: access_requests `pending`; mentees (role) without a mentorship other than `declined` whose 3.7 deadline
  (work_start_date + mentorship_assignment_days) is within a week or passed this school year; mentorships
  `returned`; mentees never invited to the needs questionnaire (`mentee_needs`) and without an answer to it.
- mentor: approved mentorships whose programme is missing or `draft` (3.6); programme_items `done` waiting for the
  check (4.1); completed mentorships without a `submitted` `mentor_report` (3.6).
- everybody: campaign invitations without a `submitted` response (a questionnaire not filled);
- mentee: programmes `submitted` not yet acknowledged by
  them (3.6); programme_items `returned` to redo; completed mentorships without a `submitted` `mentee_report`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ScalarSelect

from db.models import (
    AccessRequest,
    Campaign,
    CampaignInvitee,
    Mentorship,
    MentorshipChange,
    MentorshipMember,
    Person,
    PersonRole,
    Programme,
    ProgrammeAcknowledgement,
    ProgrammeItem,
    QuestionnaireResponse,
)
from domain.access import RequestStatus
from domain.mentorship import REPORTS, ChangeKind, ChangeStatus, Form, Status
from domain.programme import ItemStatus, ProgrammeStatus
from domain.roles import Role
from domain.school_year import school_year_of, school_year_start
from services.outcome import Actor

NEAR_DAYS = 7  # «скоро срок»: a week before the 3.7 deadline
SUBMITTED = "submitted"  # questionnaire_responses.status of a finished answer (draft | submitted on main)
NEEDS = "mentee_needs"  # the needs questionnaire's code (questionnaires/mentee_needs.yaml)
DECLINED = Status.DECLINED.value
# mentorship_changes.kind / .status of a replacement (3.8) or a completion (7.1) awaiting the order
REPLACE, COMPLETE, AGREED = ChangeKind.REPLACE.value, ChangeKind.COMPLETE.value, ChangeStatus.AGREED.value


@dataclass(frozen=True)
class Line:
    key: str  # a text key taking $count
    count: int


@dataclass(frozen=True)
class Awaiting:
    lines: tuple[Line, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.lines)


def _count(query: Select[int]) -> ScalarSelect[int]:
    return query.scalar_subquery()


def _n(*where: ColumnElement[bool], of: type = Mentorship) -> Select[int]:
    return select(func.count()).select_from(of).where(*where)


def _approver(actor: Actor) -> dict[str, ScalarSelect[int]]:
    org = actor.organization.id
    counts: dict[str, ScalarSelect[int]] = {}
    for role, forms in (
        (Role.DIRECTOR, Mentorship.form != Form.DIRECTOR_TEACHER.value),
        (Role.DEPARTMENT, Mentorship.form == Form.DIRECTOR_TEACHER.value),
    ):
        if not actor.has(role):
            continue
        counts[f"{role}-pairs"] = _count(
            _n(Mentorship.organization_id == org, Mentorship.status == Status.CONFIRMED.value, forms)
        )
        for kind, key in ((REPLACE, "replacements"), (COMPLETE, "completions")):
            counts[f"{role}-{key}"] = _count(
                select(func.count())
                .select_from(MentorshipChange)
                .join(Mentorship, Mentorship.id == MentorshipChange.mentorship_id)
                .where(
                    MentorshipChange.organization_id == org,
                    MentorshipChange.kind == kind,
                    MentorshipChange.status == AGREED,
                    forms,
                )
            )
    return counts


def _curator(actor: Actor) -> dict[str, ScalarSelect[int]]:
    org = actor.organization.id
    today = actor.today
    days = actor.rules.mentor_assignment_days
    mentee = and_(
        Person.organization_id == org,
        Person.is_active.is_(True),
        exists().where(PersonRole.person_id == Person.id, PersonRole.role == Role.MENTEE.value),
    )
    has_pair = exists().where(
        MentorshipMember.mentee_id == Person.id,
        MentorshipMember.mentorship_id == Mentorship.id,
        Mentorship.status != DECLINED,
    )
    # 3.7: deadline = start + days; near: deadline in [today, today + 7]; overdue: passed, started this school year
    near_from, near_to = today - timedelta(days=days), today + timedelta(days=NEAR_DAYS - days)
    year_start = school_year_start(school_year_of(today))
    invited_to_needs = exists().where(
        CampaignInvitee.person_id == Person.id,
        CampaignInvitee.campaign_id == Campaign.id,
        Campaign.questionnaire_code == NEEDS,
    )
    answered_needs = exists().where(
        QuestionnaireResponse.person_id == Person.id, QuestionnaireResponse.questionnaire_code == NEEDS
    )
    return {
        "curator-requests": _count(
            _n(AccessRequest.organization_id == org, AccessRequest.status == RequestStatus.PENDING, of=AccessRequest)
        ),
        "curator-deadline-near": _count(
            _n(mentee, ~has_pair, Person.work_start_date.between(near_from, near_to), of=Person)
        ),
        "curator-deadline-passed": _count(
            _n(
                mentee,
                ~has_pair,
                Person.work_start_date < near_from,
                Person.work_start_date >= year_start,
                of=Person,
            )
        ),
        "curator-returned": _count(_n(Mentorship.organization_id == org, Mentorship.status == Status.RETURNED.value)),
        "curator-needs": _count(_n(mentee, ~invited_to_needs, ~answered_needs, of=Person)),
    }


def _report_missing(me: int, code: str) -> ColumnElement[bool]:
    return ~exists().where(
        QuestionnaireResponse.person_id == me,
        QuestionnaireResponse.mentorship_id == Mentorship.id,
        QuestionnaireResponse.questionnaire_code == code,
        QuestionnaireResponse.status == SUBMITTED,
    )


def _mentor(actor: Actor) -> dict[str, ScalarSelect[int]]:
    me = actor.person.id
    mine = Mentorship.mentor_id == me
    no_programme = ~exists().where(
        Programme.mentorship_id == Mentorship.id, Programme.status != ProgrammeStatus.DRAFT.value
    )
    return {
        "mentor-programme": _count(_n(mine, Mentorship.status == Status.APPROVED.value, no_programme)),
        "mentor-check": _count(
            select(func.count())
            .select_from(ProgrammeItem)
            .join(Programme, Programme.id == ProgrammeItem.programme_id)
            .join(Mentorship, Mentorship.id == Programme.mentorship_id)
            .where(mine, Mentorship.status == Status.APPROVED.value, ProgrammeItem.status == ItemStatus.DONE.value)
        ),
        "mentor-report": _count(
            _n(mine, Mentorship.status == Status.COMPLETED.value, _report_missing(me, REPORTS["mentor"]))
        ),
    }


def _everybody(actor: Actor) -> dict[str, ScalarSelect[int]]:
    me = actor.person.id
    answered = exists().where(
        QuestionnaireResponse.person_id == me,
        QuestionnaireResponse.campaign_id == CampaignInvitee.campaign_id,
        QuestionnaireResponse.status == SUBMITTED,
    )
    return {"any-questionnaire": _count(_n(CampaignInvitee.person_id == me, ~answered, of=CampaignInvitee))}


def _mentee(actor: Actor) -> dict[str, ScalarSelect[int]]:
    me = actor.person.id
    member = exists().where(MentorshipMember.mentorship_id == Mentorship.id, MentorshipMember.mentee_id == me)
    acknowledged = exists().where(
        ProgrammeAcknowledgement.programme_id == Programme.id, ProgrammeAcknowledgement.mentee_id == me
    )
    return {
        "mentee-acknowledge": _count(
            select(func.count())
            .select_from(Programme)
            .join(Mentorship, Mentorship.id == Programme.mentorship_id)
            .where(member, Programme.status == ProgrammeStatus.SUBMITTED.value, ~acknowledged)
        ),
        "mentee-returned": _count(
            select(func.count())
            .select_from(ProgrammeItem)
            .join(Programme, Programme.id == ProgrammeItem.programme_id)
            .join(Mentorship, Mentorship.id == Programme.mentorship_id)
            .where(
                member, Mentorship.status == Status.APPROVED.value, ProgrammeItem.status == ItemStatus.RETURNED.value
            )
        ),
        "mentee-report": _count(
            _n(member, Mentorship.status == Status.COMPLETED.value, _report_missing(me, REPORTS["mentee"]))
        ),
    }


async def awaiting(session: AsyncSession, actor: Actor) -> Awaiting:
    """Everything that awaits the actor in any of their roles, in one round trip."""
    counts = _approver(actor)
    if actor.has(Role.CURATOR):
        counts |= _curator(actor)
    if actor.has(Role.MENTOR):
        counts |= _mentor(actor)
    if actor.has(Role.MENTEE):
        counts |= _mentee(actor)
    counts |= _everybody(actor)
    keys = list(counts)
    row = (await session.execute(select(literal(1), *(counts[k].label(k.replace("-", "_")) for k in keys)))).one()
    values = dict(zip(keys, row[1:], strict=True))
    return Awaiting(tuple(Line(f"await-{key}", int(values[key])) for key in keys if values[key]))
