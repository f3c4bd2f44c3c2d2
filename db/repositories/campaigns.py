from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, CampaignInvitee, Person, QuestionnaireResponse
from domain.campaigns import Audience, CampaignKind, InviteeState
from domain.questionnaire import ResponseStatus
from domain.school_year import is_new_hire, school_year_of


async def audience(
    session: AsyncSession,
    organization_id: int,
    kind: Audience,
    today: date,
    exclude_id: int,
    chosen: Iterable[int] = (),
) -> list[Person]:
    """Active staff of the school (without the curator who sends it): everybody, this school year's new hires,
    or the people picked one by one."""
    query = (
        select(Person)
        .where(Person.organization_id == organization_id, Person.is_active.is_(True), Person.id != exclude_id)
        .order_by(Person.full_name, Person.id)
    )
    if kind is Audience.CHOSEN:
        query = query.where(Person.id.in_(list(chosen)))
    people = await session.scalars(query)
    if kind is Audience.NEW_HIRES:
        return [p for p in people if is_new_hire(p.work_start_date, today)]
    return list(people)


async def create_campaign(
    session: AsyncSession,
    organization_id: int,
    code: str,
    audience_kind: Audience,
    due: date,
    today: date,
    invitees: Iterable[Person],
    created_by_id: int,
    kind: CampaignKind = CampaignKind.REGULAR,
) -> Campaign:
    campaign = Campaign(
        organization_id=organization_id,
        questionnaire_code=code,
        audience=audience_kind.value,
        kind=kind.value,
        school_year=school_year_of(today),
        due_date=due,
        created_by_id=created_by_id,
    )
    session.add(campaign)
    await session.flush()
    for person in invitees:
        session.add(CampaignInvitee(organization_id=organization_id, campaign_id=campaign.id, person_id=person.id))
    await session.flush()
    return campaign


async def campaigns_of(session: AsyncSession, organization_id: int, limit: int = 10) -> list[Campaign]:
    return list(
        await session.scalars(
            select(Campaign)
            .where(Campaign.organization_id == organization_id)
            .order_by(Campaign.id.desc())
            .limit(limit)
        )
    )


async def get_in_organization(
    session: AsyncSession, organization_id: int, campaign_id: int, *, lock: bool = False
) -> Campaign | None:
    query = select(Campaign).where(Campaign.id == campaign_id, Campaign.organization_id == organization_id)
    return await session.scalar(query.with_for_update() if lock else query)


async def refreshed_years(session: AsyncSession, organization_id: int) -> set[int]:
    rows = await session.scalars(
        select(Campaign.school_year).where(
            Campaign.organization_id == organization_id, Campaign.kind == CampaignKind.YEARLY_REFRESH.value
        )
    )
    return set(rows)


@dataclass(frozen=True)
class InviteeProgress:
    person: Person
    invitee: CampaignInvitee
    status: InviteeState
    response: QuestionnaireResponse | None


async def progress(session: AsyncSession, campaign: Campaign) -> list[InviteeProgress]:
    """Each invitee with the state of their filling. A response counts for the campaign when it was
    started from it, or started (or submitted) after the campaign was created."""
    rows = (
        await session.execute(
            select(CampaignInvitee, Person)
            .join(Person, Person.id == CampaignInvitee.person_id)
            .where(CampaignInvitee.campaign_id == campaign.id)
            .order_by(Person.full_name)
        )
    ).all()
    result = []
    for invitee, person in rows:
        responses = list(
            await session.scalars(
                select(QuestionnaireResponse)
                .where(
                    QuestionnaireResponse.person_id == person.id,
                    QuestionnaireResponse.questionnaire_code == campaign.questionnaire_code,
                    (QuestionnaireResponse.campaign_id == campaign.id)
                    | (QuestionnaireResponse.started_at >= campaign.created_at),
                )
                .order_by(QuestionnaireResponse.attempt.desc())
            )
        )
        submitted = next((r for r in responses if r.status == ResponseStatus.SUBMITTED), None)
        draft = next((r for r in responses if r.status == ResponseStatus.DRAFT), None)
        if submitted is not None:
            result.append(InviteeProgress(person, invitee, InviteeState.SUBMITTED, submitted))
        elif draft is not None:
            result.append(InviteeProgress(person, invitee, InviteeState.IN_PROGRESS, draft))
        else:
            result.append(InviteeProgress(person, invitee, InviteeState.NOT_STARTED, None))
    return result


def mark_nudged(invitee: CampaignInvitee, now: datetime) -> None:
    invitee.nudged_at = now
    invitee.nudge_count = (invitee.nudge_count or 0) + 1


async def open_invitations(session: AsyncSession, person_id: int) -> list[Campaign]:
    """Campaigns the person was invited to, newest first (the caller filters out the answered ones)."""
    return list(
        await session.scalars(
            select(Campaign)
            .join(CampaignInvitee, CampaignInvitee.campaign_id == Campaign.id)
            .where(CampaignInvitee.person_id == person_id)
            .order_by(Campaign.id.desc())
        )
    )
