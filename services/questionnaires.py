"""Questionnaires (road map, stages 2–3; the reports of 3.6): who may fill which, opening or resuming a draft
after the personal-data consent (152-FZ), answering question by question — each answer saved at once —,
moving back and to the review, and submitting once: a submitted response never changes; filling it again
makes the next attempt."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, Person, QuestionnaireResponse
from db.registry import latest_definition, questionnaire_of
from db.repositories import banks as banks_repo
from db.repositories import campaigns as campaigns_repo
from db.repositories import responses as responses_repo
from db.repositories.audit import record_event
from db.repositories.consents import active_consents
from db.repositories.mentorships import get_in_organization as mentorship_in_organization
from db.repositories.people import people_with_role
from domain.banks import BANK_CONSENT, BANK_OF_QUESTIONNAIRE, ENTRY, BankKind, MenteeStatus, MentorStatus
from domain.campaigns import InviteeState
from domain.consents import ConsentKind
from domain.mentorship import REPORTS, Status
from domain.questionnaire import (
    SELF_SERVICE,
    TYPED,
    Progress,
    Question,
    Questionnaire,
    QuestionType,
    choose_single,
    parse_other,
    parse_typed,
    progress,
    scale_value,
    toggle_multi,
)
from domain.roles import Role
from domain.validation import InputError
from services.outcome import Actor, Notice, Open, Outcome, Refused
from services.reports import report_submitted

REPORT_CODES = frozenset(REPORTS.values())


@dataclass(frozen=True)
class Entry:
    """A questionnaire in the person's list: new, a draft in progress, or submitted (to fill again)."""

    code: str
    campaign_id: int
    title: str
    draft: Progress | None
    submitted_on: date | None


@dataclass(frozen=True)
class Access:
    code: str
    campaign_id: int  # the campaign that invited the person, 0 for none
    mentorship_id: int  # the completed mentorship whose report this is (3.6), 0 for none


@dataclass
class Screen:
    """What the person sees next: a question, or the review of all answers (`question` None)."""

    response: QuestionnaireResponse
    questionnaire: Questionnaire
    question: Question | None
    opening: str = ""  # "intro" for a fresh start, "resumed" for a return


@dataclass(frozen=True)
class ConsentFirst:
    """The personal-data consent comes before any questionnaire (152-FZ art. 9); `then` is the continuation
    the consent's button carries — authorized again when it is pressed."""

    kind: ConsentKind
    then: str


class Given(StrEnum):
    TYPED = "typed"  # text, number, date
    OTHER = "other"  # the text of «Другое»
    OPTION = "option"
    TICK = "tick"
    DONE = "done"
    SCALE = "scale"
    YESNO = "yesno"
    SKIP = "skip"


class Go(StrEnum):
    CURRENT = "current"  # stay on the current question (e.g. to type «Другое»)
    BACK = "back"
    REVIEW = "review"
    EDIT = "edit"


@dataclass(frozen=True)
class Submitted:
    code: str
    title: str
    report: bool  # 3.6: an end-of-mentorship report
    consent_needed: ConsentKind | None  # the consent the bank of this questionnaire still needs


# -- the list and the way in ----------------------------------------------------------------------------------
async def _invitations(session: AsyncSession, person: Person) -> list[Campaign]:
    return await campaigns_repo.open_invitations(session, person.id)


async def available(session: AsyncSession, actor: Actor) -> list[Entry]:
    """The questionnaires the person may open: their role's own ones and every campaign they are invited to."""
    items = {code: 0 for code, roles in SELF_SERVICE.items() if roles & actor.person.role_set}
    for campaign in reversed(await _invitations(session, actor.person)):  # the newest invitation wins
        items[campaign.questionnaire_code] = campaign.id
    entries = []
    for code, campaign_id in items.items():
        definition = await latest_definition(session, code)
        if definition is None:
            continue
        questionnaire = questionnaire_of(definition)
        draft = await responses_repo.draft_for(session, actor.person.id, code)
        done = await responses_repo.latest_submitted(session, actor.person.id, code)
        entries.append(
            Entry(
                code,
                campaign_id,
                questionnaire.title,
                progress(questionnaire, draft.answers) if draft is not None else None,
                done.submitted_at.astimezone(actor.tz).date() if done and done.submitted_at else None,
            )
        )
    return entries


async def _report_mentorship(session: AsyncSession, person: Person, code: str, mentorship_id: int) -> int:
    """The mentorship id when the person may write this end-of-mentorship report (3.6), else 0."""
    mentorship = await mentorship_in_organization(session, person.organization_id, mentorship_id)
    if mentorship is None or mentorship.status != Status.COMPLETED:
        return 0
    if person.id == mentorship.mentor_id and code == REPORTS["mentor"]:
        return mentorship.id
    if any(m.mentee_id == person.id for m in mentorship.members) and code == REPORTS["mentee"]:
        return mentorship.id
    return 0


async def access(session: AsyncSession, actor: Actor, code: str, campaign_id: int, mentorship_id: int) -> Access:
    """Whether the person may fill this questionnaire, and in which capacity. Checked for every way in — the
    questionnaire's own button, an invitation, a reminder, a consent's continuation — so that a replayed or
    forged button opens nobody else's. A refusal is written to the journal."""
    person = actor.person
    invitations = await _invitations(session, person)
    if not code and campaign_id:  # an invitation's button names the campaign only
        code = next((c.questionnaire_code for c in invitations if c.id == campaign_id), "")
    invited = campaign_id != 0 and any(c.questionnaire_code == code and c.id == campaign_id for c in invitations)
    report_for = await _report_mentorship(session, person, code, mentorship_id) if mentorship_id else 0
    allowed = not (mentorship_id and not report_for) and bool(
        invited or report_for or SELF_SERVICE.get(code, frozenset()) & person.role_set
    )
    if not allowed or await latest_definition(session, code) is None:
        await record_event(
            session,
            "access_denied",
            organization_id=person.organization_id,
            actor_person_id=person.id,
            data=f"questionnaire {code}.{campaign_id}.{mentorship_id}"[:64],
        )
        await session.commit()
        raise Refused("denied")
    return Access(code, campaign_id if invited else 0, report_for)


async def open_questionnaire(
    session: AsyncSession, actor: Actor, code: str, campaign_id: int = 0, mentorship_id: int = 0
) -> Outcome[Screen | ConsentFirst]:
    """Open the person's draft (a new attempt after a submitted one), or resume it where they stopped. The
    personal-data consent comes first: without it nothing is opened and nothing stored."""
    allowed = await access(session, actor, code, campaign_id, mentorship_id)
    if ConsentKind.PERSONAL_DATA not in await active_consents(session, actor.person.id):
        then = f"{allowed.code}.{allowed.campaign_id}.{allowed.mentorship_id}"
        return Outcome(ConsentFirst(ConsentKind.PERSONAL_DATA, then))
    definition = await latest_definition(session, allowed.code)
    assert definition is not None
    questionnaire = questionnaire_of(definition)
    response = await responses_repo.open_draft(
        session, actor.person, definition, allowed.campaign_id or None, allowed.mentorship_id or None
    )
    visible = {q.id for q in questionnaire.visible(response.answers)}
    if response.current_question and response.current_question in visible:
        screen = Screen(response, questionnaire, questionnaire.question(response.current_question), "resumed")
    elif response.answers and questionnaire.next_unanswered(response.answers, response.skipped) is None:
        screen = Screen(response, questionnaire, None)
    else:
        question = questionnaire.next_unanswered(response.answers, response.skipped) or questionnaire.visible({})[0]
        screen = Screen(response, questionnaire, question, "" if response.answers else "intro")
    response.current_question = screen.question.id if screen.question else None
    await session.commit()
    return Outcome(screen)


# -- answering --------------------------------------------------------------------------------------------
async def _draft(session: AsyncSession, actor: Actor, response_id: int) -> tuple[QuestionnaireResponse, Questionnaire]:
    response = await responses_repo.own_draft(session, actor.person.id, response_id)
    if response is None:
        raise Refused("q-closed")
    return response, questionnaire_of(await responses_repo.definition(session, response.definition_id))


def _current(questionnaire: Questionnaire, response: QuestionnaireResponse, index: int | str) -> Question:
    """The question a button or a typed answer is for (by its position, or its id) — only ever the current
    one: an older question's buttons are stale."""
    if isinstance(index, str):
        ids = [q.id for q in questionnaire.questions]
        index = ids.index(index) if index in ids else -1
    if not 0 <= index < len(questionnaire.questions):
        raise Refused("q-stale")
    question = questionnaire.questions[index]
    if response.current_question != question.id:
        raise Refused("q-stale")
    return question


def _store(response: QuestionnaireResponse, questionnaire: Questionnaire, question: Question, value: Any) -> None:
    answers = dict(response.answers)
    if value is None:
        answers.pop(question.id, None)
    else:
        answers[question.id] = value
    skipped = [q for q in response.skipped if q != question.id]
    responses_repo.set_answers(response, questionnaire.clean(answers), skipped, question.id)


def _next(
    response: QuestionnaireResponse, questionnaire: Questionnaire, question: Question, in_review: bool
) -> Question | None:
    return None if in_review else questionnaire.after(question.id, response.answers)


async def answer(
    session: AsyncSession,
    actor: Actor,
    response_id: int,
    index: int | str,
    given: Given,
    value: int = -1,
    text: str = "",
    *,
    in_review: bool = False,
) -> Outcome[Screen]:
    """An answer to the current question, saved at once; the screen that follows: the next question, the same
    one (a ticked option, «Другое» of a multiple choice), or the review. Bad input raises InputError and
    changes nothing."""
    response, questionnaire = await _draft(session, actor, response_id)
    question = _current(questionnaire, response, index)
    stay = False
    kind = question.type
    if given is Given.TYPED and kind in TYPED:
        _store(response, questionnaire, question, parse_typed(question, text))
    elif given is Given.TYPED:
        raise InputError("use-buttons")
    elif given is Given.OTHER and question.allow_other:
        other = parse_other(question, text)
        if kind is QuestionType.MULTI:
            kept = [v for v in response.answers.get(question.id, []) if not isinstance(v, dict)]
            _store(response, questionnaire, question, [*kept, other])
            stay = True
        else:
            _store(response, questionnaire, question, other)
    elif given is Given.OPTION and kind is QuestionType.SINGLE:
        _store(response, questionnaire, question, choose_single(question, value))
    elif given is Given.TICK and kind is QuestionType.MULTI:
        chosen = toggle_multi(question, response.answers.get(question.id), value)
        _store(response, questionnaire, question, chosen or None)
        stay = True
    elif given is Given.DONE and kind is QuestionType.MULTI:
        if question.required and not response.answers.get(question.id):
            raise Refused("q-choose-one")
    elif given is Given.SCALE and kind is QuestionType.SCALE:
        _store(response, questionnaire, question, scale_value(question, value))
    elif given is Given.YESNO and kind is QuestionType.YESNO and value in (0, 1):
        _store(response, questionnaire, question, bool(value))
    elif given is Given.SKIP and not question.required:
        _store(response, questionnaire, question, None)
        responses_repo.set_answers(response, response.answers, [*response.skipped, question.id], question.id)
    else:
        raise Refused("q-stale")
    following = question if stay else _next(response, questionnaire, question, in_review)
    response.current_question = following.id if following else None
    await session.commit()
    return Outcome(Screen(response, questionnaire, following))


async def go(session: AsyncSession, actor: Actor, response_id: int, to: Go, index: int = -1) -> Outcome[Screen]:
    """Back to the previous question, to the review, to one answer from the review (to change it), or the
    current question again."""
    response, questionnaire = await _draft(session, actor, response_id)
    if to is Go.REVIEW:
        screen = Screen(response, questionnaire, None)
    elif to is Go.EDIT:
        if not 0 <= index < len(questionnaire.questions):
            raise Refused("q-stale")
        question = questionnaire.questions[index]
        if question not in questionnaire.visible(response.answers):
            raise Refused("q-stale")
        screen = Screen(response, questionnaire, question)
    else:
        current = _current(questionnaire, response, index)
        previous = questionnaire.before(current.id, response.answers) if to is Go.BACK else None
        screen = Screen(response, questionnaire, previous or current)
    response.current_question = screen.question.id if screen.question else None
    await session.commit()
    return Outcome(screen)


async def ready_to_submit(session: AsyncSession, actor: Actor, response_id: int) -> Screen:
    """Before the confirmation: every required question answered, else which are not («11, 11.1»)."""
    response, questionnaire = await _draft(session, actor, response_id)
    missing = questionnaire.missing_required(response.answers)
    if missing:
        raise Refused("q-missing", numbers=", ".join(questionnaire.number(q.id) for q in missing))
    return Screen(response, questionnaire, None)


async def submit(session: AsyncSession, actor: Actor, response_id: int) -> Outcome[Submitted]:
    """Submit once (a double press submits once): the response never changes again. A bank questionnaire
    brings the person into its bank — a mentee waiting for a mentor, a mentor as a candidate for the
    curator's decision (3.2). The curator is told, with a button to what the answers are for."""
    person = actor.person
    response, questionnaire = await _draft(session, actor, response_id)
    if questionnaire.missing_required(response.answers) or not await responses_repo.submit(
        session, response, actor.now
    ):
        raise Refused("q-closed")
    await record_event(
        session,
        "questionnaire_submitted",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        response_id=response.id,
        code=questionnaire.code,
    )
    bank = BANK_OF_QUESTIONNAIRE.get(questionnaire.code)
    consent_needed = None
    if bank is not None:
        row = await banks_repo.row_of(session, person.organization_id, bank, person.id)
        archived = (MenteeStatus.ARCHIVED, MentorStatus.ARCHIVED)
        if row is None or row.status in archived:
            await banks_repo.set_status(session, person, bank, ENTRY[bank], None, actor.now)
        if BANK_CONSENT[bank] not in await active_consents(session, person.id):
            consent_needed = BANK_CONSENT[bank]
    notices = await _tell_curators(session, actor, response, questionnaire, bank)
    await session.commit()
    report = questionnaire.code in REPORT_CODES
    return Outcome(Submitted(questionnaire.code, questionnaire.title, report, consent_needed), notices)


async def _tell_curators(
    session: AsyncSession,
    actor: Actor,
    response: QuestionnaireResponse,
    questionnaire: Questionnaire,
    bank: BankKind | None,
) -> list[Notice]:
    """Who hears of a submitted questionnaire: for a report the curators (3.6), with the pair; for a campaign
    the curator who sent it, with how many have answered; for a bank questionnaire the curators, with the
    person's card in the bank."""
    person = actor.person
    curators = [c.id for c in await people_with_role(session, person.organization_id, Role.CURATOR)]
    args: dict[str, Any] = {"name": person.full_name, "title": questionnaire.title}
    if response.mentorship_id and questionnaire.code in REPORT_CODES:
        return await report_submitted(session, actor, response)  # 3.6: whose report, late or not
    if response.campaign_id:
        campaign = await campaigns_repo.get_in_organization(session, person.organization_id, response.campaign_id)
        if campaign is not None and campaign.created_by_id and campaign.created_by_id != person.id:
            states = await campaigns_repo.progress(session, campaign)
            done = sum(1 for s in states if s.status is InviteeState.SUBMITTED)
            return [
                Notice(
                    campaign.created_by_id,
                    "q-submitted-campaign",
                    {**args, "done": done, "total": len(states)},
                    (Open("campaign", campaign.id),),
                )
            ]
    if bank is not None:
        target = "mentor_card" if bank is BankKind.MENTOR else "mentee_card"
        return [Notice(c, f"q-submitted-{bank}", args, (Open(target, person.id),)) for c in curators if c != person.id]
    return []
