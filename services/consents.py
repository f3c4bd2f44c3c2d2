"""Consents: each asked as a separate document (152-FZ art. 9 as amended by 156-FZ of 24.06.2025), recorded with
the exact text version, its SHA-256 and the message it was given in; withdrawn at any time in /privacy.
Withdrawing the personal-data consent erases the person's data (152-FZ art. 21 parts 5–6, db/privacy.py);
withdrawing the mentor's one takes them out of the mentor bank (3.2); the curators are told who withdrew what
and which pairs it affects."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Consent, ConsentText, Mentorship, Organization, Person
from db.privacy import anonymize_person
from db.registry import latest_consent_text, questionnaire_of
from db.repositories import banks as banks_repo
from db.repositories import consents as repo
from db.repositories import responses as responses_repo
from db.repositories.audit import record_event
from db.repositories.people import people_with_role
from documents.consent_docx import ConsentDocument, consent_docx
from domain.banks import (
    MENTOR_APPROVAL_CONSENTS,
    BankKind,
    BankStatus,
    MentorStatus,
    after_consent,
    after_withdrawal,
    missing_for_mentor_approval,
)
from domain.consents import ConsentKind, relevant_consents
from domain.questionnaire import progress
from domain.roles import Role
from locales import texts
from locales.grammar import CASES, decline_name, decline_phrase
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused


@dataclass(frozen=True)
class ConsentPrompt:
    kind: ConsentKind
    title: str
    text: str  # rendered for this person and school
    version: int


@dataclass(frozen=True)
class Given:
    kind: ConsentKind
    title: str


@dataclass(frozen=True)
class Withdrawn:
    kind: ConsentKind
    erased: bool  # the personal-data consent: the person's data are gone, the account unlinked


@dataclass(frozen=True)
class ConsentLine:
    kind: ConsentKind
    consent: Consent | None


@dataclass(frozen=True)
class ResponseLine:
    title: str
    submitted: bool
    on: datetime
    answers: int


def render(text: ConsentText, person: Person, organization: Organization) -> str:
    """The consent's text for this person and school, the school's name declined as each sentence needs it."""
    return text.text.format(
        name=person.full_name,
        school=organization.name,
        school_dat=decline_phrase(organization.name, "dat"),
        short_gen=decline_phrase(organization.short_name, "gen"),
        short_pre=decline_phrase(organization.short_name, "pre"),
        city=organization.city or "",
    )


async def relevant(session: AsyncSession, person: Person) -> list[ConsentKind]:
    return relevant_consents(person.role_set, await responses_repo.submitted_codes(session, person.id))


async def prompt(session: AsyncSession, person: Person, organization: Organization, kind: ConsentKind) -> ConsentPrompt:
    """The consent as the person reads it before agreeing. Refused for a consent they have nothing to do with."""
    if kind not in await relevant(session, person):
        raise Refused("denied")
    text = await latest_consent_text(session, kind)
    return ConsentPrompt(kind, text.title, render(text, person, organization), text.version)


async def give(session: AsyncSession, actor: Actor, kind: ConsentKind, message_id: int | None) -> Outcome[Given]:
    """Record the consent (the text version and its SHA-256 through the text row, the message it was given
    in). A double press records it once. A mentor who withdrew the mentor's consent and gives it again is a
    candidate of the bank again; the curators hear when a candidate has both consents and may be approved."""
    person = actor.person
    if kind not in await relevant(session, person):
        raise Refused("denied")
    text = await latest_consent_text(session, kind)
    consent = await repo.give_consent(session, person, text, message_id, actor.now)
    if consent is None:
        raise Refused("consent-already")
    await record_event(
        session,
        "consent_given",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        kind=kind.value,
        version=text.version,
    )
    notices: list[Notice] = []
    row = await banks_repo.row_of(session, person.organization_id, BankKind.MENTOR, person.id)
    if row is not None:
        status: BankStatus = row.status
        back = after_consent(kind, MentorStatus(status))
        if back is not None:
            await banks_repo.set_status(session, person, BankKind.MENTOR, back, None, actor.now)
            status = back
        ready = not missing_for_mentor_approval({*row.consents, kind})
        if status is MentorStatus.CANDIDATE and kind in MENTOR_APPROVAL_CONSENTS and ready:
            notices = [
                Notice(c.id, "bank-candidate-ready", {"name": person.full_name}, (Open("mentor_card", person.id),))
                for c in await people_with_role(session, person.organization_id, Role.CURATOR)
                if c.id != person.id
            ]
    await session.commit()
    return Outcome(Given(kind, text.title), notices)


async def overview(session: AsyncSession, actor: Actor) -> list[ConsentLine]:
    """/privacy: every consent the person may give, given or not."""
    active = await repo.active_consents(session, actor.person.id)
    return [ConsentLine(kind, active.get(kind)) for kind in await relevant(session, actor.person)]


async def responses(session: AsyncSession, actor: Actor) -> list[ResponseLine]:
    """/privacy «Какие данные обо мне хранятся»: the person's questionnaires."""
    lines = []
    for response in await responses_repo.responses_of(session, actor.person.id):
        questionnaire = questionnaire_of(await responses_repo.definition(session, response.definition_id))
        lines.append(
            ResponseLine(
                questionnaire.title,
                response.submitted_at is not None,
                response.submitted_at or response.updated_at,
                progress(questionnaire, response.answers).answered,
            )
        )
    return lines


async def document(session: AsyncSession, actor: Actor, kind: ConsentKind) -> Attachment:
    """The consent as the school files it: DOCX with the exact text, the person's data and how it was given."""
    consent = (await repo.active_consents(session, actor.person.id)).get(kind)
    if consent is None:
        raise Refused("consent-not-found")
    t = texts()
    person, organization, tz = actor.person, actor.organization, actor.tz
    directors = await people_with_role(session, organization.id, Role.DIRECTOR)
    text = consent.consent_text
    content = consent_docx(
        ConsentDocument(
            school=organization.name,
            addressee=[
                t.plain("consent-doc-to-school", school=organization.short_name),
                *([t.plain("consent-doc-to-director", name=directors[0].full_name)] if directors else []),
            ],
            sender=t.plain("consent-doc-from", name=person.full_name),
            title=text.title,
            text=render(text, person, organization),
            person_name=person.full_name,
            person_short=_short(person.full_name),
            position=person.position or "",
            given_at=consent.given_at.astimezone(tz),
            version=text.version,
            sha256=text.sha256,
            telegram_message_id=consent.telegram_message_id,
            withdrawn_at=consent.withdrawn_at.astimezone(tz) if consent.withdrawn_at else None,
        )
    )
    return Attachment(f"Согласие_{t.plain(f'consent-file-{kind}')}.docx", content, "consent-docx-caption")


def _short(full_name: str) -> str:
    """«Щукина З. Э.» for a signature line."""
    words = full_name.split()
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:3])]) if len(words) > 1 else full_name


def name_forms(full_name: str) -> list[str]:
    """The person's name as texts may mention it: in every case, in full, as «Фамилия Имя» and as «Фамилия
    И. О.»/«И. О. Фамилия» — what erasure redacts in free text (db/privacy.py). A surname alone, or a first
    name with a patronymic, names too many people to be redacted wherever it appears."""
    words = full_name.split()
    initials = " ".join(f"{w[0]}." for w in words[1:3])
    forms = set()
    for case in CASES:
        declined = decline_name(full_name, case).split()
        forms.add(" ".join(declined))
        if len(declined) >= 2:
            forms.add(" ".join(declined[:2]))
        if initials:
            forms.update({f"{declined[0]} {initials}", f"{initials} {declined[0]}"})
    return sorted(forms)


async def withdraw(session: AsyncSession, actor: Actor, kind: ConsentKind) -> Outcome[Withdrawn]:
    """Withdraw one consent. The personal-data one erases the person's data (what the law keeps: the consent
    records as proof, closed answers for statistics). The curators are told who and what it affects."""
    person = actor.person
    active = await repo.active_consents(session, person.id)
    if kind not in active:
        raise Refused("consent-not-found")
    name = person.full_name
    affected = await repo.open_mentorships_of(session, person.id)
    pairs = [await _pair_line(session, m) for m in affected]
    await record_event(
        session,
        "consent_withdrawn",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        kind=kind.value,
    )
    mentor_row = await banks_repo.row_of(session, person.organization_id, BankKind.MENTOR, person.id)
    left_bank = False
    if kind is ConsentKind.PERSONAL_DATA:
        left_bank = mentor_row is not None
        await anonymize_person(session, person, now=actor.now, mentions=name_forms(name))
    else:
        await repo.withdraw_consent(session, person.id, kind, actor.now)
        out = after_withdrawal(kind, MentorStatus(mentor_row.status)) if mentor_row is not None else None
        if out is not None:
            await banks_repo.set_status(session, person, BankKind.MENTOR, out, None, actor.now)
            left_bank = True
    await session.commit()

    buttons = (Open("pair", affected[0].id),) if len(affected) == 1 else (Open("pairs"),) if affected else ()
    if not affected and left_bank:
        buttons = (Open("mentor_bank"),)
    args = {
        "name": name,
        "pairs": "\n".join(pairs),
        "count": len(pairs),
        "bank": "yes" if left_bank else "no",
    }
    curators = [c.id for c in await people_with_role(session, person.organization_id, Role.CURATOR)]
    notices = [Notice(c, f"curator-withdrawn-{kind}", args, buttons) for c in curators if c != person.id]
    return Outcome(Withdrawn(kind, kind is ConsentKind.PERSONAL_DATA), notices)


async def _pair_line(session: AsyncSession, mentorship: Mentorship) -> str:
    mentor = await session.get(Person, mentorship.mentor_id)
    mentees = [await session.get(Person, m.mentee_id) for m in mentorship.members]
    names = ", ".join(_short(p.full_name) for p in mentees if p is not None)
    return texts().plain(
        "consent-affected-pair",
        mentor=_short(mentor.full_name) if mentor else "—",
        mentees=names or "—",
        status=mentorship.status,
        order=mentorship.order_number or "",
    )
