"""Deadlines derived from the database (never kept as in-memory jobs). Each source returns only the
deadlines not yet met; issue 4's lifecycle (programme, reports, activities, planned end) adds sources here."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    BankEntry,
    Campaign,
    Mentorship,
    Organization,
    Person,
    PersonRole,
    Programme,
    ProgrammeItem,
    QuestionnaireResponse,
)
from db.repositories.campaigns import progress, refreshed_years
from db.repositories.people import people_with_role
from domain.banks import MenteeStatus, mentor_assignment_deadline
from domain.deadlines import Deadline, DeadlineKind
from domain.programme import programme_due
from domain.roles import Role
from domain.rules import OrgRules
from domain.school_year import school_year_of

# How far back a missed deadline keeps being tracked (older records are history, not work).
HORIZON = timedelta(days=365)
MET = (MenteeStatus.ASSIGNED.value, MenteeStatus.COMPLETED.value, MenteeStatus.ARCHIVED.value)


async def curator_ids(session: AsyncSession, organization_id: int) -> tuple[int, ...]:
    return tuple(p.id for p in await people_with_role(session, organization_id, Role.CURATOR) if p.is_active)


async def mentor_assignment(
    session: AsyncSession, organization: Organization, today: date, rules: OrgRules, curators: tuple[int, ...]
) -> list[Deadline]:
    """3.7: a mentee's mentor no later than 30 calendar days after the actual start of work; the curator acts."""
    met = select(BankEntry.person_id).where(BankEntry.bank == "mentee", BankEntry.status.in_(MET))
    mentees = await session.scalars(
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Person.organization_id == organization.id,
            Person.is_active.is_(True),
            PersonRole.role == Role.MENTEE.value,
            Person.work_start_date.is_not(None),
            Person.work_start_date >= today - HORIZON,
            Person.id.not_in(met),
        )
    )
    return [
        Deadline(
            DeadlineKind.MENTOR_ASSIGNMENT,
            organization.id,
            person.id,
            mentor_assignment_deadline(person.work_start_date, rules),
            curators,
        )  # type: ignore[arg-type]
        for person in mentees
    ]


async def campaigns(
    session: AsyncSession, organization: Organization, today: date, curators: tuple[int, ...]
) -> list[Deadline]:
    """A campaign's due date: reminders to each invitee who has not submitted; the day after, the curator."""
    deadlines = []
    for campaign in await session.scalars(
        select(Campaign).where(Campaign.organization_id == organization.id, Campaign.due_date >= today - HORIZON)
    ):
        waiting = [s for s in await progress(session, campaign) if s.status != "submitted" and s.person.is_active]
        deadlines += [
            Deadline(
                DeadlineKind.CAMPAIGN,
                organization.id,
                s.invitee.id,
                campaign.due_date,
                (s.person.id,),
                alert_curators=False,
            )
            for s in waiting
        ]
        if waiting:
            deadlines.append(
                Deadline(
                    DeadlineKind.CAMPAIGN_OVERDUE,
                    organization.id,
                    campaign.id,
                    campaign.due_date,
                    curators,
                    remind_before=False,
                )
            )
    return deadlines


async def yearly_refresh(
    session: AsyncSession, organization: Organization, today: date, rules: OrgRules, curators: tuple[int, ...]
) -> list[Deadline]:
    """3.5: at least once a school year; prompted on 1 September, due by the end of September."""
    year = school_year_of(today)
    if year in await refreshed_years(session, organization.id):
        return []
    due = date(year, 9, rules.yearly_refresh_last_day)
    return [
        Deadline(
            DeadlineKind.YEARLY_REFRESH,
            organization.id,
            year,
            due,
            curators,
            first_reminder_days=(due - date(year, 9, 1)).days,
        )
    ]


async def programmes(
    session: AsyncSession, organization: Organization, today: date, rules: OrgRules, curators: tuple[int, ...]
) -> list[Deadline]:
    """3.6: the programme within 10 days of the order; met once the mentor has sent it to the mentee."""
    sent = select(Programme.mentorship_id).where(Programme.status != "draft")
    rows = await session.scalars(
        select(Mentorship).where(
            Mentorship.organization_id == organization.id,
            Mentorship.status == "approved",
            Mentorship.order_date.is_not(None),
            Mentorship.order_date >= today - HORIZON,
            Mentorship.id.not_in(sent),
        )
    )
    return [
        Deadline(
            DeadlineKind.PROGRAMME,
            organization.id,
            m.id,
            programme_due(m.order_date, rules),  # type: ignore[arg-type]
            (m.mentor_id,),
            overdue_recipients=(m.mentor_id, *curators),
        )
        for m in rows
    ]


async def reports(
    session: AsyncSession, organization: Organization, today: date, rules: OrgRules, curators: tuple[int, ...]
) -> list[Deadline]:
    """3.6: the mentor's and every mentee's report within 10 days of the end; met when submitted."""
    deadlines = []
    for mentorship in await session.scalars(
        select(Mentorship).where(
            Mentorship.organization_id == organization.id,
            Mentorship.status == "completed",
            Mentorship.completed_on >= today - HORIZON,
        )
    ):
        assert mentorship.completed_on is not None
        due = mentorship.completed_on + timedelta(days=rules.report_days)
        done = set(
            await session.scalars(
                select(QuestionnaireResponse.person_id).where(
                    QuestionnaireResponse.mentorship_id == mentorship.id, QuestionnaireResponse.status == "submitted"
                )
            )
        )
        if mentorship.mentor_id not in done:
            deadlines.append(
                Deadline(
                    DeadlineKind.REPORT_MENTOR,
                    organization.id,
                    mentorship.id,
                    due,
                    (mentorship.mentor_id,),
                    overdue_recipients=(mentorship.mentor_id, *curators),
                )
            )
        deadlines += [
            Deadline(
                DeadlineKind.REPORT_MENTEE,
                organization.id,
                member.id,
                due,
                (member.mentee_id,),
                overdue_recipients=(member.mentee_id, *curators),
            )
            for member in mentorship.members
            if member.mentee_id not in done
        ]
    return deadlines


async def activities(
    session: AsyncSession, organization: Organization, today: date, curators: tuple[int, ...]
) -> list[Deadline]:
    """5.2: each activity by its date, for the mentees; overdue, the mentor and the curator are told."""
    rows = await session.execute(
        select(ProgrammeItem, Mentorship)
        .join(Programme, Programme.id == ProgrammeItem.programme_id)
        .join(Mentorship, Mentorship.id == Programme.mentorship_id)
        .where(
            Mentorship.organization_id == organization.id,
            Mentorship.status == "approved",
            Programme.status != "draft",
            ProgrammeItem.status.in_(["planned", "returned"]),
            ProgrammeItem.due_date >= today - HORIZON,
        )
    )
    return [
        Deadline(
            DeadlineKind.ACTIVITY,
            organization.id,
            item.id,
            item.due_date,
            tuple(m.mentee_id for m in mentorship.members),
            overdue_recipients=(mentorship.mentor_id, *curators),
        )
        for item, mentorship in rows
    ]


async def planned_ends(
    session: AsyncSession, organization: Organization, today: date, curators: tuple[int, ...]
) -> list[Deadline]:
    """The planned end of each approved mentorship: the curator completes it (7.1) and the reports follow."""
    rows = await session.scalars(
        select(Mentorship).where(
            Mentorship.organization_id == organization.id,
            Mentorship.status == "approved",
            Mentorship.end_date.is_not(None),
            Mentorship.end_date >= today - HORIZON,
        )
    )
    return [
        Deadline(DeadlineKind.PLANNED_END, organization.id, m.id, m.end_date, (*curators, m.mentor_id))  # type: ignore[arg-type]
        for m in rows
    ]


async def open_deadlines(
    session: AsyncSession, organization: Organization, today: date, rules: OrgRules
) -> list[Deadline]:
    curators = await curator_ids(session, organization.id)
    return [
        *await mentor_assignment(session, organization, today, rules, curators),
        *await campaigns(session, organization, today, curators),
        *await yearly_refresh(session, organization, today, rules, curators),
        *await programmes(session, organization, today, rules, curators),
        *await reports(session, organization, today, rules, curators),
        *await activities(session, organization, today, curators),
        *await planned_ends(session, organization, today, curators),
    ]
