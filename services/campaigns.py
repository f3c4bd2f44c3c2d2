"""«Анкетирование» (road map, stages 2–3): the curator sends a questionnaire to a group with a due date, sees who
answered, and reminds the rest; once every school year the list of teachers who need a mentor is refreshed by
the needs questionnaire to all staff (3.5)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, Person
from db.registry import all_latest_definitions, latest_definition, questionnaire_of
from db.repositories import campaigns as repo
from db.repositories.audit import record_event
from domain.campaigns import REFRESH_QUESTIONNAIRE, Audience, CampaignKind, InviteeState, check_due, may_nudge
from domain.questionnaire import Progress, progress
from domain.school_year import school_year_label, school_year_of, yearly_refresh_due
from domain.validation import InputError
from services.outcome import Actor, Notice, Open, Outcome, Refused

PICK_LIMIT = 1000


@dataclass(frozen=True)
class CampaignLine:
    campaign: Campaign
    title: str
    submitted: int
    total: int


@dataclass(frozen=True)
class Overview:
    campaigns: list[CampaignLine]
    refresh_due: bool  # 3.5: no yearly refresh yet in this school year
    year: str  # «2026/2027»


@dataclass(frozen=True)
class InviteeLine:
    person: Person
    state: InviteeState
    on: date | None  # submitted on
    answered: Progress | None  # in progress: how far


@dataclass(frozen=True)
class CampaignView:
    campaign: Campaign
    title: str
    lines: list[InviteeLine]

    def count(self, state: InviteeState) -> int:
        return sum(1 for line in self.lines if line.state is state)


@dataclass(frozen=True)
class Launched:
    campaign: Campaign
    invitees: int


async def _title(session: AsyncSession, code: str) -> str:
    definition = await latest_definition(session, code)
    return definition.title if definition else code


async def overview(session: AsyncSession, actor: Actor) -> Overview:
    lines = []
    for campaign in await repo.campaigns_of(session, actor.organization.id):
        states = await repo.progress(session, campaign)
        submitted = sum(1 for s in states if s.status is InviteeState.SUBMITTED)
        lines.append(CampaignLine(campaign, await _title(session, campaign.questionnaire_code), submitted, len(states)))
    refreshed = await repo.refreshed_years(session, actor.organization.id)
    year = school_year_of(actor.today)
    return Overview(lines, yearly_refresh_due(actor.today, refreshed), school_year_label(year))


async def questionnaires(session: AsyncSession) -> list[tuple[str, str]]:
    """(code, title) of every questionnaire a campaign may send."""
    return [(d.code, d.title) for d in await all_latest_definitions(session)]


async def pickable(session: AsyncSession, actor: Actor) -> list[Person]:
    """The staff the curator may pick one by one (active, not the curator themself)."""
    return await repo.audience(session, actor.organization.id, Audience.ALL, actor.today, actor.person.id)


async def invitees(session: AsyncSession, actor: Actor, audience: Audience, chosen: list[int]) -> list[Person]:
    return await repo.audience(session, actor.organization.id, audience, actor.today, actor.person.id, chosen)


async def launch(
    session: AsyncSession,
    actor: Actor,
    code: str,
    audience: Audience,
    chosen: list[int],
    due: date,
    kind: CampaignKind = CampaignKind.REGULAR,
) -> Outcome[Launched]:
    """Send the questionnaire: every invitee gets it with the curator's name, the due date and a button to fill
    it in. 3.5: the yearly refresh is the needs questionnaire to all staff."""
    if kind is CampaignKind.YEARLY_REFRESH:
        code, audience = REFRESH_QUESTIONNAIRE, Audience.ALL
    if await latest_definition(session, code) is None:
        raise Refused("q-stale")
    try:
        check_due(due, actor.today)
    except InputError as error:
        raise Refused(f"input-{error.code}") from error
    people = await invitees(session, actor, audience, chosen)
    if not people:
        raise Refused("camp-nobody")
    campaign = await repo.create_campaign(
        session, actor.organization.id, code, audience, due, actor.today, people, actor.person.id, kind=kind
    )
    await record_event(
        session,
        "campaign_launched",
        organization_id=actor.organization.id,
        actor_person_id=actor.person.id,
        campaign_id=campaign.id,
        invitees=len(people),
    )
    await session.commit()
    title = await _title(session, code)
    notices = [_invitation(actor, campaign, title, p.id, "camp-invitation") for p in people]
    return Outcome(Launched(campaign, len(people)), notices)


def _invitation(actor: Actor, campaign: Campaign, title: str, person_id: int, key: str) -> Notice:
    args = {"curator": actor.person.full_name, "title": title, "due": campaign.due_date}
    return Notice(person_id, key, args, (Open("fill_campaign", campaign.id),))


async def view(session: AsyncSession, actor: Actor, campaign_id: int) -> CampaignView:
    campaign = await repo.get_in_organization(session, actor.organization.id, campaign_id)
    if campaign is None:
        raise Refused("camp-not-found")
    definition = await latest_definition(session, campaign.questionnaire_code)
    assert definition is not None
    questionnaire = questionnaire_of(definition)
    lines = []
    for item in await repo.progress(session, campaign):
        response = item.response
        lines.append(
            InviteeLine(
                item.person,
                item.status,
                response.submitted_at.astimezone(actor.tz).date() if response and response.submitted_at else None,
                progress(questionnaire, response.answers)
                if response and item.status is InviteeState.IN_PROGRESS
                else None,
            )
        )
    return CampaignView(campaign, definition.title, lines)


async def nudge(session: AsyncSession, actor: Actor, campaign_id: int) -> Outcome[int]:
    """Remind everybody who has not submitted yet — once: a second press right after the first sends nothing."""
    campaign = await repo.get_in_organization(session, actor.organization.id, campaign_id, lock=True)
    if campaign is None:
        raise Refused("camp-not-found")
    waiting = [s for s in await repo.progress(session, campaign) if s.status is not InviteeState.SUBMITTED]
    fresh = [s for s in waiting if may_nudge(s.invitee.nudged_at, actor.now)]
    if not fresh:
        raise Refused("camp-nudged-recently")
    for item in fresh:
        repo.mark_nudged(item.invitee, actor.now)
    await record_event(
        session,
        "campaign_nudged",
        organization_id=actor.organization.id,
        actor_person_id=actor.person.id,
        campaign_id=campaign.id,
        people=[s.person.id for s in fresh],
    )
    await session.commit()
    title = await _title(session, campaign.questionnaire_code)
    return Outcome(len(fresh), [_invitation(actor, campaign, title, s.person.id, "camp-nudge") for s in fresh])
