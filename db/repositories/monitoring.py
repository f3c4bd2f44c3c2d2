"""Facts for the monitoring (domain/indicators.py): one aggregate query per kind of fact and school, never a
query per person or per pair. Timestamps become dates in the school's time zone."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Date, and_, cast, exists, func, literal, or_, select, union_all
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Campaign,
    CampaignInvitee,
    GrowthRecord,
    Meeting,
    Mentorship,
    MentorshipChange,
    MentorshipEvent,
    MentorshipMember,
    Person,
    PersonRole,
    Programme,
    ProgrammeItem,
    QuestionnaireResponse,
)
from domain.indicators import (
    CampaignFact,
    ChangeFact,
    GrowthFact,
    ItemFact,
    MentorshipFact,
    NewcomerFact,
    Period,
    ReportFact,
    StaffFact,
)
from domain.roles import Role


def local_date(column: Any, tz: str) -> Any:
    return cast(func.timezone(tz, column), Date)


async def staff(session: AsyncSession, organization_id: int) -> list[StaffFact]:
    """Active people of the school except the education department's staff."""
    rows = await session.execute(
        select(Person.id, Person.experience_years, func.array_remove(func.array_agg(PersonRole.role), None))
        .outerjoin(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.organization_id == organization_id, Person.is_active.is_(True))
        .group_by(Person.id)
    )
    return [
        StaffFact(pid, experience, frozenset(role_list or ()))
        for pid, experience, role_list in rows
        if Role.DEPARTMENT.value not in (role_list or ())
    ]


async def mentorships(session: AsyncSession, organization_id: int, tz: str) -> list[MentorshipFact]:
    members = (
        select(func.array_agg(aggregate_order_by(MentorshipMember.mentee_id, MentorshipMember.mentee_id)))
        .where(MentorshipMember.mentorship_id == Mentorship.id)
        .scalar_subquery()
    )
    first_sent = (
        select(func.min(local_date(MentorshipEvent.created_at, tz)))
        .where(MentorshipEvent.mentorship_id == Mentorship.id, MentorshipEvent.action == "programme_submitted")
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            Mentorship.id,
            Mentorship.mentor_id,
            members,
            Mentorship.form,
            Mentorship.status,
            local_date(Mentorship.created_at, tz),
            Mentorship.order_date,
            Mentorship.start_date,
            Mentorship.end_date,
            Mentorship.completed_on,
            Mentorship.completion_reason,
            first_sent,
            Programme.status,
        )
        .outerjoin(Programme, Programme.mentorship_id == Mentorship.id)
        .where(Mentorship.organization_id == organization_id)
        .order_by(Mentorship.id)
    )
    return [
        MentorshipFact(
            id=row[0],
            mentor_id=row[1],
            mentee_ids=tuple(row[2] or ()),
            form=row[3],
            status=row[4],
            created_on=row[5],
            order_date=row[6],
            start_date=row[7],
            end_date=row[8],
            completed_on=row[9],
            completion_reason=row[10],
            programme_sent_on=row[11],
            programme_status=row[12],
        )
        for row in rows
    ]


async def newcomers(session: AsyncSession, organization_id: int) -> list[NewcomerFact]:
    """Mentees with a date of actual start of work, and the first order that gave them a mentor (3.7)."""
    assigned = (
        select(func.min(Mentorship.order_date))
        .join(MentorshipMember, MentorshipMember.mentorship_id == Mentorship.id)
        .where(MentorshipMember.mentee_id == Person.id, Mentorship.status.in_(["approved", "completed"]))
        .scalar_subquery()
    )
    is_mentee = exists().where(PersonRole.person_id == Person.id, PersonRole.role == Role.MENTEE.value)
    rows = await session.execute(
        select(Person.id, Person.work_start_date, assigned).where(
            Person.organization_id == organization_id,
            Person.is_active.is_(True),
            Person.work_start_date.is_not(None),
            is_mentee,
        )
    )
    return [NewcomerFact(pid, start, on) for pid, start, on in rows if start is not None]


async def reports(session: AsyncSession, organization_id: int, tz: str) -> list[ReportFact]:
    """Every report due after a completed mentorship (3.6): the mentor's and each mentee's."""

    def submitted(person_column: Any, code: str) -> Any:
        return (
            select(func.min(local_date(QuestionnaireResponse.submitted_at, tz)))
            .where(
                QuestionnaireResponse.mentorship_id == Mentorship.id,
                QuestionnaireResponse.person_id == person_column,
                QuestionnaireResponse.questionnaire_code == code,
                QuestionnaireResponse.status == "submitted",
            )
            .scalar_subquery()
        )

    done = and_(Mentorship.organization_id == organization_id, Mentorship.status == "completed")
    mentor_rows = select(
        Mentorship.id.label("mid"),
        Mentorship.mentor_id.label("pid"),
        literal("mentor").label("role"),
        Mentorship.completed_on.label("ended"),
        submitted(Mentorship.mentor_id, "mentor_report").label("on"),
    ).where(done)
    mentee_rows = (
        select(
            Mentorship.id,
            MentorshipMember.mentee_id,
            literal("mentee"),
            Mentorship.completed_on,
            submitted(MentorshipMember.mentee_id, "mentee_report"),
        )
        .join(MentorshipMember, MentorshipMember.mentorship_id == Mentorship.id)
        .where(done)
    )
    rows = await session.execute(union_all(mentor_rows, mentee_rows))
    return [ReportFact(mid, pid, role, ended, on) for mid, pid, role, ended, on in rows if ended is not None]


async def items(session: AsyncSession, organization_id: int) -> list[ItemFact]:
    rows = await session.execute(
        select(Programme.mentorship_id, ProgrammeItem.status, ProgrammeItem.due_date)
        .join(Programme, Programme.id == ProgrammeItem.programme_id)
        .where(ProgrammeItem.organization_id == organization_id, Programme.status != "draft")
    )
    return [ItemFact(mid, status, due) for mid, status, due in rows]


async def campaigns(session: AsyncSession, organization_id: int, school_year: int) -> list[CampaignFact]:
    """Each campaign of the year: invited, and submitted by the campaigns' own rule (a response started from
    the campaign, or started after it was created — db/repositories/campaigns.progress)."""
    invited = select(func.count(CampaignInvitee.id)).where(CampaignInvitee.campaign_id == Campaign.id).scalar_subquery()
    answered = exists().where(
        QuestionnaireResponse.person_id == CampaignInvitee.person_id,
        QuestionnaireResponse.questionnaire_code == Campaign.questionnaire_code,
        QuestionnaireResponse.status == "submitted",
        or_(QuestionnaireResponse.campaign_id == Campaign.id, QuestionnaireResponse.started_at >= Campaign.created_at),
    )
    submitted = (
        select(func.count(CampaignInvitee.id))
        .where(CampaignInvitee.campaign_id == Campaign.id, answered)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Campaign.id, Campaign.questionnaire_code, Campaign.due_date, invited, submitted)
        .where(Campaign.organization_id == organization_id, Campaign.school_year == school_year)
        .order_by(Campaign.id)
    )
    return [CampaignFact(*row) for row in rows]


async def changes(session: AsyncSession, organization_id: int, tz: str) -> list[ChangeFact]:
    rows = await session.execute(
        select(
            MentorshipChange.kind,
            MentorshipChange.status,
            MentorshipChange.reason,
            local_date(MentorshipChange.decided_at, tz),
        ).where(MentorshipChange.organization_id == organization_id)
    )
    return [ChangeFact(*row) for row in rows]


async def meetings(session: AsyncSession, organization_id: int, period: Period) -> dict[str, int]:
    rows = await session.execute(
        select(Meeting.format, func.count(Meeting.id))
        .where(Meeting.organization_id == organization_id, Meeting.held_on.between(period.start, period.end))
        .group_by(Meeting.format)
    )
    return {fmt: count for fmt, count in rows}


async def report_answers(
    session: AsyncSession, organization_id: int, code: str, period: Period
) -> list[dict[str, Any]]:
    """Submitted end-of-mentorship reports of the mentorships completed in the period."""
    rows = await session.scalars(
        select(QuestionnaireResponse.answers)
        .join(Mentorship, Mentorship.id == QuestionnaireResponse.mentorship_id)
        .where(
            Mentorship.organization_id == organization_id,
            Mentorship.status == "completed",
            Mentorship.completed_on.between(period.start, period.end),
            QuestionnaireResponse.questionnaire_code == code,
            QuestionnaireResponse.status == "submitted",
        )
        .order_by(QuestionnaireResponse.id)
    )
    return [dict(a) for a in rows]


async def submitted_answers(
    session: AsyncSession, organization_id: int, code: str, period: Period, tz: str
) -> list[dict[str, Any]]:
    """The latest submitted answer of each person to a questionnaire, submitted within the period."""
    rows = await session.execute(
        select(QuestionnaireResponse.person_id, QuestionnaireResponse.answers)
        .where(
            QuestionnaireResponse.organization_id == organization_id,
            QuestionnaireResponse.questionnaire_code == code,
            QuestionnaireResponse.status == "submitted",
            local_date(QuestionnaireResponse.submitted_at, tz).between(period.start, period.end),
        )
        .order_by(QuestionnaireResponse.person_id, QuestionnaireResponse.attempt)
    )
    latest: dict[int, dict[str, Any]] = {}
    for person_id, answers in rows:
        latest[person_id] = dict(answers)
    return list(latest.values())


async def activity_of(session: AsyncSession, people: Sequence[int]) -> dict[int, tuple[int | None, bool]]:
    """person id → (experience, still active), for the retention of young mentees."""
    if not people:
        return {}
    rows = await session.execute(
        select(Person.id, Person.experience_years, Person.is_active).where(Person.id.in_(list(people)))
    )
    return {pid: (experience, active) for pid, experience, active in rows}


async def growth(session: AsyncSession, organization_id: int) -> list[GrowthFact]:
    rows = await session.execute(
        select(GrowthRecord.person_id, GrowthRecord.kind, GrowthRecord.held_on).where(
            GrowthRecord.organization_id == organization_id
        )
    )
    return [GrowthFact(*row) for row in rows]


async def roles_count(session: AsyncSession, organization_id: int, role: Role) -> int:
    return (
        await session.scalar(
            select(func.count(PersonRole.id))
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.organization_id == organization_id, PersonRole.role == role.value, Person.is_active)
        )
        or 0
    )
