from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, CampaignInvitee, Person, QuestionnaireResponse
from domain.school_year import is_new_hire, school_year_of


async def audience(
    session: AsyncSession, organization_id: int, kind: str, today: date, exclude_id: int
) -> list[Person]:
    people = await session.scalars(
        select(Person)
        .where(Person.organization_id == organization_id, Person.is_active.is_(True), Person.id != exclude_id)
        .order_by(Person.full_name)
    )
    if kind == "new_hires":
        return [p for p in people if is_new_hire(p.work_start_date, today)]
    return list(people)


async def create_campaign(
    session: AsyncSession,
    organization_id: int,
    code: str,
    audience_kind: str,
    due: date,
    today: date,
    invitees: Iterable[Person],
    created_by_id: int,
    kind: str = "regular",
) -> Campaign:
    campaign = Campaign(
        organization_id=organization_id,
        questionnaire_code=code,
        audience=audience_kind,
        kind=kind,
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


async def get_in_organization(session: AsyncSession, organization_id: int, campaign_id: int) -> Campaign | None:
    return await session.scalar(
        select(Campaign).where(Campaign.id == campaign_id, Campaign.organization_id == organization_id)
    )


async def refreshed_years(session: AsyncSession, organization_id: int) -> set[int]:
    rows = await session.scalars(
        select(Campaign.school_year).where(
            Campaign.organization_id == organization_id, Campaign.kind == "yearly_refresh"
        )
    )
    return set(rows)


@dataclass(frozen=True)
class InviteeProgress:
    person: Person
    invitee: CampaignInvitee
    status: str  # submitted | in_progress | not_started
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
        submitted = next((r for r in responses if r.status == "submitted"), None)
        draft = next((r for r in responses if r.status == "draft"), None)
        if submitted is not None:
            result.append(InviteeProgress(person, invitee, "submitted", submitted))
        elif draft is not None:
            result.append(InviteeProgress(person, invitee, "in_progress", draft))
        else:
            result.append(InviteeProgress(person, invitee, "not_started", None))
    return result


def mark_nudged(invitee: CampaignInvitee) -> None:
    invitee.nudged_at = datetime.now(UTC)
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
