"""Deadlines derived from the database (never kept as in-memory jobs), and what their messages need.

Each source returns only the deadlines not yet met, for many schools at once and in a window of due
dates: one query per kind of deadline however many schools, people and mentorships there are (the scan
must stay fast for a municipality's hundred thousand mentorships). Only columns are selected, never
ORM objects, so nothing is loaded lazily one row at a time.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    BankEntry,
    Campaign,
    CampaignInvitee,
    Mentorship,
    MentorshipMember,
    Organization,
    Person,
    PersonRole,
    Programme,
    ProgrammeItem,
    QuestionnaireDefinition,
    QuestionnaireResponse,
)
from db.repositories.organizations import rules_of
from domain.banks import MenteeStatus, mentor_assignment_deadline
from domain.deadlines import Deadline, DeadlineKind
from domain.programme import programme_due
from domain.roles import Role
from domain.rules import OrgRules
from domain.school_year import school_year_of

# How far back a missed deadline keeps being tracked (older records are history, not work).
HORIZON = timedelta(days=365)
MET = (MenteeStatus.ASSIGNED.value, MenteeStatus.COMPLETED.value, MenteeStatus.ARCHIVED.value)


@dataclass(frozen=True)
class Window:
    """Schools that share one local date, and the due dates of interest: [today - HORIZON, until]."""

    organizations: Sequence[Organization]
    today: date
    until: date
    rules: dict[int, OrgRules] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.rules:
            self.rules.update({o.id: rules_of(o) for o in self.organizations})

    @property
    def ids(self) -> list[int]:
        return [o.id for o in self.organizations]

    @property
    def since(self) -> date:
        return self.today - HORIZON

    def fewest(self, days: str) -> int:
        """The smallest value of a rule among these schools: bounds a base date from the due date."""
        return min((getattr(r, days) for r in self.rules.values()), default=0)


async def curators_of(session: AsyncSession, organization_ids: Collection[int]) -> dict[int, tuple[int, ...]]:
    rows = await session.execute(
        select(Person.organization_id, Person.id)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Person.organization_id.in_(list(organization_ids)),
            PersonRole.role == Role.CURATOR.value,
            Person.is_active.is_(True),
        )
        .order_by(Person.id)
    )
    result: dict[int, list[int]] = defaultdict(list)
    for organization_id, person_id in rows:
        result[organization_id].append(person_id)
    return {o: tuple(result.get(o, ())) for o in organization_ids}


async def mentor_assignment(
    session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]
) -> list[Deadline]:
    """3.7: a mentee's mentor no later than 30 calendar days after the actual start of work; the curator acts."""
    met = exists().where(BankEntry.person_id == Person.id, BankEntry.bank == "mentee", BankEntry.status.in_(MET))
    rows = await session.execute(
        select(Person.id, Person.organization_id, Person.work_start_date)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Person.organization_id.in_(window.ids),
            Person.is_active.is_(True),
            PersonRole.role == Role.MENTEE.value,
            Person.work_start_date >= window.since,
            Person.work_start_date <= window.until - timedelta(days=window.fewest("mentor_assignment_days")),
            ~met,
        )
    )
    deadlines = []
    for person_id, organization_id, work_start in rows:
        if work_start is None:  # excluded by the query; for the type checker
            continue
        due = mentor_assignment_deadline(work_start, window.rules[organization_id])
        if due <= window.until:
            deadlines.append(
                Deadline(DeadlineKind.MENTOR_ASSIGNMENT, organization_id, person_id, due, curators[organization_id])
            )
    return deadlines


async def campaigns(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """A campaign's due date: reminders to each invitee who has not submitted; the day after, the curator."""
    in_window = and_(
        Campaign.organization_id.in_(window.ids),
        Campaign.due_date >= window.since,
        Campaign.due_date <= window.until,
    )
    rows = await session.execute(
        select(CampaignInvitee.id, CampaignInvitee.person_id, Campaign.id, Campaign.organization_id, Campaign.due_date)
        .join(Campaign, Campaign.id == CampaignInvitee.campaign_id)
        .join(Person, Person.id == CampaignInvitee.person_id)
        .where(in_window, Person.is_active.is_(True), ~_submitted_for_campaign())
        .order_by(Campaign.id, CampaignInvitee.id)
    )
    deadlines: list[Deadline] = []
    overdue_seen: set[int] = set()
    for invitee_id, person_id, campaign_id, organization_id, due in rows:
        deadlines.append(
            Deadline(DeadlineKind.CAMPAIGN, organization_id, invitee_id, due, (person_id,), alert_curators=False)
        )
        if campaign_id not in overdue_seen:  # somebody is still waited for: the curator hears of it after the date
            overdue_seen.add(campaign_id)
            deadlines.append(
                Deadline(
                    DeadlineKind.CAMPAIGN_OVERDUE,
                    organization_id,
                    campaign_id,
                    due,
                    curators[organization_id],
                    remind_before=False,
                )
            )
    return deadlines


def _submitted_for_campaign():  # type: ignore[no-untyped-def]
    """A response counts for a campaign when it was started from it, or started after the campaign was created
    (db/repositories/campaigns.py `progress`)."""
    return (
        exists()
        .where(
            QuestionnaireResponse.person_id == CampaignInvitee.person_id,
            QuestionnaireResponse.questionnaire_code == Campaign.questionnaire_code,
            QuestionnaireResponse.status == "submitted",
            (QuestionnaireResponse.campaign_id == Campaign.id)
            | (QuestionnaireResponse.started_at >= Campaign.created_at),
        )
        .correlate(CampaignInvitee, Campaign)
    )


async def yearly_refresh(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """3.5: at least once a school year; prompted on 1 September, due by the end of September."""
    year = school_year_of(window.today)
    refreshed = set(
        await session.scalars(
            select(Campaign.organization_id).where(
                Campaign.organization_id.in_(window.ids),
                Campaign.kind == "yearly_refresh",
                Campaign.school_year == year,
            )
        )
    )
    deadlines = []
    for organization_id in window.ids:
        if organization_id in refreshed:
            continue
        due = date(year, 9, window.rules[organization_id].yearly_refresh_last_day)
        deadlines.append(
            Deadline(
                DeadlineKind.YEARLY_REFRESH,
                organization_id,
                year,
                due,
                curators[organization_id],
                first_reminder_days=(due - date(year, 9, 1)).days,
            )
        )
    return deadlines


async def programmes(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """3.6: the programme within 10 days of the order; met once the mentor has sent it to the mentee."""
    sent = exists().where(Programme.mentorship_id == Mentorship.id, Programme.status != "draft")
    rows = await session.execute(
        select(Mentorship.id, Mentorship.organization_id, Mentorship.order_date, Mentorship.mentor_id).where(
            Mentorship.organization_id.in_(window.ids),
            Mentorship.status == "approved",
            Mentorship.order_date >= window.since,
            Mentorship.order_date <= window.until - timedelta(days=window.fewest("programme_days")),
            ~sent,
        )
    )
    deadlines = []
    for mentorship_id, organization_id, order_date, mentor_id in rows:
        if order_date is None:  # excluded by the query; for the type checker
            continue
        due = programme_due(order_date, window.rules[organization_id])
        if due <= window.until:
            deadlines.append(
                Deadline(
                    DeadlineKind.PROGRAMME,
                    organization_id,
                    mentorship_id,
                    due,
                    (mentor_id,),
                    overdue_recipients=(mentor_id, *curators[organization_id]),
                )
            )
    return deadlines


async def reports(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """3.6: the mentor's and every mentee's report within 10 days of the end; met when submitted."""
    completed = select(Mentorship.id).where(
        Mentorship.organization_id.in_(window.ids),
        Mentorship.status == "completed",
        Mentorship.completed_on >= window.since,
        Mentorship.completed_on <= window.until - timedelta(days=window.fewest("report_days")),
    )
    mentorships = (
        await session.execute(
            select(Mentorship.id, Mentorship.organization_id, Mentorship.completed_on, Mentorship.mentor_id).where(
                Mentorship.id.in_(completed)
            )
        )
    ).all()
    if not mentorships:
        return []
    done: set[tuple[int | None, int]] = {
        (mentorship_id, person_id)
        for mentorship_id, person_id in await session.execute(
            select(QuestionnaireResponse.mentorship_id, QuestionnaireResponse.person_id).where(
                QuestionnaireResponse.mentorship_id.in_(completed), QuestionnaireResponse.status == "submitted"
            )
        )
    }
    members = await _members(session, completed)
    deadlines = []
    for mentorship_id, organization_id, completed_on, mentor_id in mentorships:
        if completed_on is None:  # excluded by the query; for the type checker
            continue
        due = completed_on + timedelta(days=window.rules[organization_id].report_days)
        if due > window.until:
            continue
        curated = curators[organization_id]
        if (mentorship_id, mentor_id) not in done:
            deadlines.append(
                Deadline(
                    DeadlineKind.REPORT_MENTOR,
                    organization_id,
                    mentorship_id,
                    due,
                    (mentor_id,),
                    overdue_recipients=(mentor_id, *curated),
                )
            )
        deadlines += [
            Deadline(
                DeadlineKind.REPORT_MENTEE,
                organization_id,
                member_id,
                due,
                (mentee_id,),
                overdue_recipients=(mentee_id, *curated),
            )
            for member_id, mentee_id in members.get(mentorship_id, [])
            if (mentorship_id, mentee_id) not in done
        ]
    return deadlines


async def _members(session: AsyncSession, mentorship_ids: object) -> dict[int, list[tuple[int, int]]]:
    """(member id, mentee id) of each mentorship, in the order they joined; `mentorship_ids` is a subquery."""
    rows = await session.execute(
        select(MentorshipMember.mentorship_id, MentorshipMember.id, MentorshipMember.mentee_id)
        .where(MentorshipMember.mentorship_id.in_(mentorship_ids))  # type: ignore[arg-type]
        .order_by(MentorshipMember.id)
    )
    result: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for mentorship_id, member_id, mentee_id in rows:
        result[mentorship_id].append((member_id, mentee_id))
    return result


async def activities(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """5.2: each activity by its date, for the mentees; overdue, the mentor and the curator are told."""
    mentees = (
        select(func.array_agg(aggregate_order_by(MentorshipMember.mentee_id, MentorshipMember.id)))
        .where(MentorshipMember.mentorship_id == Mentorship.id)
        .correlate(Mentorship)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(ProgrammeItem.id, ProgrammeItem.due_date, Mentorship.organization_id, Mentorship.mentor_id, mentees)
        .join(Programme, Programme.id == ProgrammeItem.programme_id)
        .join(Mentorship, Mentorship.id == Programme.mentorship_id)
        .where(
            Mentorship.organization_id.in_(window.ids),
            Mentorship.status == "approved",
            Programme.status != "draft",
            ProgrammeItem.status.in_(["planned", "returned"]),
            ProgrammeItem.due_date >= window.since,
            ProgrammeItem.due_date <= window.until,
        )
    )
    return [
        Deadline(
            DeadlineKind.ACTIVITY,
            organization_id,
            item_id,
            due,
            tuple(mentee_ids or ()),
            overdue_recipients=(mentor_id, *curators[organization_id]),
        )
        for item_id, due, organization_id, mentor_id, mentee_ids in rows
    ]


async def planned_ends(session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]]) -> list[Deadline]:
    """The planned end of each approved mentorship: the curator completes it (7.1) and the reports follow."""
    rows = await session.execute(
        select(Mentorship.id, Mentorship.organization_id, Mentorship.end_date, Mentorship.mentor_id).where(
            Mentorship.organization_id.in_(window.ids),
            Mentorship.status == "approved",
            Mentorship.end_date >= window.since,
            Mentorship.end_date <= window.until,
        )
    )
    return [
        Deadline(DeadlineKind.PLANNED_END, organization_id, mentorship_id, end, (*curators[organization_id], mentor_id))
        for mentorship_id, organization_id, end, mentor_id in rows
        if end is not None  # excluded by the query; for the type checker
    ]


async def open_deadlines(
    session: AsyncSession, window: Window, curators: dict[int, tuple[int, ...]] | None = None
) -> list[Deadline]:
    """Every deadline not yet met in these schools whose due date lies in the window."""
    if not window.organizations:
        return []
    curators = curators if curators is not None else await curators_of(session, window.ids)
    return [
        *await mentor_assignment(session, window, curators),
        *await campaigns(session, window, curators),
        *await yearly_refresh(session, window, curators),
        *await programmes(session, window, curators),
        *await reports(session, window, curators),
        *await activities(session, window, curators),
        *await planned_ends(session, window, curators),
    ]


# -- what the messages about them need, for many at once -------------------------------------------------------
@dataclass(frozen=True)
class Recipient:
    id: int
    full_name: str
    telegram_user_id: int | None
    is_active: bool
    is_reachable: bool


async def recipients(session: AsyncSession, ids: Iterable[int]) -> dict[int, Recipient]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(Person.id, Person.full_name, Person.telegram_user_id, Person.is_active, Person.is_reachable).where(
            Person.id.in_(wanted)
        )
    )
    return {row[0]: Recipient(*row) for row in rows}


@dataclass(frozen=True)
class MentorshipBrief:
    id: int
    mentor_id: int
    mentees: list[str]


async def mentorships(session: AsyncSession, ids: Iterable[int]) -> dict[int, MentorshipBrief]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    names: dict[int, list[str]] = defaultdict(list)
    for mentorship_id, name in await session.execute(
        select(MentorshipMember.mentorship_id, Person.full_name)
        .join(Person, Person.id == MentorshipMember.mentee_id)
        .where(MentorshipMember.mentorship_id.in_(wanted))
        .order_by(Person.full_name)
    ):
        names[mentorship_id].append(name)
    rows = await session.execute(select(Mentorship.id, Mentorship.mentor_id).where(Mentorship.id.in_(wanted)))
    return {m_id: MentorshipBrief(m_id, mentor_id, names.get(m_id, [])) for m_id, mentor_id in rows}


async def members(session: AsyncSession, ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """member id → (mentorship id, mentee id)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(MentorshipMember.id, MentorshipMember.mentorship_id, MentorshipMember.mentee_id).where(
            MentorshipMember.id.in_(wanted)
        )
    )
    return {member_id: (mentorship_id, mentee_id) for member_id, mentorship_id, mentee_id in rows}


async def activity_items(session: AsyncSession, ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    """item id → (title, mentorship id)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(ProgrammeItem.id, ProgrammeItem.title, Programme.mentorship_id)
        .join(Programme, Programme.id == ProgrammeItem.programme_id)
        .where(ProgrammeItem.id.in_(wanted))
    )
    return {item_id: (title, mentorship_id) for item_id, title, mentorship_id in rows}


async def invitee_campaigns(session: AsyncSession, ids: Iterable[int]) -> dict[int, int]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(CampaignInvitee.id, CampaignInvitee.campaign_id).where(CampaignInvitee.id.in_(wanted))
    )
    return {k: v for k, v in rows}


@dataclass(frozen=True)
class CampaignBrief:
    id: int
    code: str
    title: str
    waiting: list[str]  # who has not submitted yet, by name


async def campaign_briefs(
    session: AsyncSession, ids: Iterable[int], *, waiting: bool = False
) -> dict[int, CampaignBrief]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = (
        await session.execute(select(Campaign.id, Campaign.questionnaire_code).where(Campaign.id.in_(wanted)))
    ).all()
    titles = await definition_titles(session, {code for _, code in rows})
    names: dict[int, list[str]] = defaultdict(list)
    if waiting:
        for campaign_id, name in await session.execute(
            select(CampaignInvitee.campaign_id, Person.full_name)
            .join(Campaign, Campaign.id == CampaignInvitee.campaign_id)
            .join(Person, Person.id == CampaignInvitee.person_id)
            .where(Campaign.id.in_(wanted), Person.is_active.is_(True), ~_submitted_for_campaign())
            .order_by(Person.full_name)
        ):
            names[campaign_id].append(name)
    return {c_id: CampaignBrief(c_id, code, titles.get(code, code), names.get(c_id, [])) for c_id, code in rows}


async def definition_titles(session: AsyncSession, codes: Iterable[str]) -> dict[str, str]:
    """The title of the latest version of each questionnaire."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = await session.execute(
        select(QuestionnaireDefinition.code, QuestionnaireDefinition.title)
        .where(QuestionnaireDefinition.code.in_(wanted))
        .distinct(QuestionnaireDefinition.code)
        .order_by(QuestionnaireDefinition.code, QuestionnaireDefinition.version.desc())
    )
    return {k: v for k, v in rows}
