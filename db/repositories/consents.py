from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Consent, ConsentText, Mentorship, MentorshipMember, Person
from domain.consents import ConsentKind
from domain.mentorship import OPEN


async def give_consent(
    session: AsyncSession,
    person: Person,
    text: ConsentText,
    telegram_message_id: int | None,
    given_at: datetime | None = None,
) -> Consent | None:
    """Record the consent; None when an active one of this kind already exists (a double click)."""
    moment = {"given_at": given_at} if given_at is not None else {}
    consent_id = await session.scalar(
        insert(Consent)
        .values(
            organization_id=person.organization_id,
            person_id=person.id,
            kind=text.kind,
            text_id=text.id,
            telegram_message_id=telegram_message_id,
            **moment,
        )
        .on_conflict_do_nothing(index_elements=["person_id", "kind"], index_where=Consent.withdrawn_at.is_(None))
        .returning(Consent.id)
    )
    return await session.get(Consent, consent_id) if consent_id else None


async def active_consents(session: AsyncSession, person_id: int) -> dict[ConsentKind, Consent]:
    rows = await session.scalars(
        select(Consent).where(Consent.person_id == person_id, Consent.withdrawn_at.is_(None)).order_by(Consent.id)
    )
    return {ConsentKind(row.kind): row for row in rows}


async def has_consent(session: AsyncSession, person_id: int, kind: ConsentKind) -> bool:
    return kind in await active_consents(session, person_id)


async def withdraw_consent(session: AsyncSession, person_id: int, kind: ConsentKind, now: datetime) -> bool:
    withdrawn = await session.scalar(
        update(Consent)
        .where(Consent.person_id == person_id, Consent.kind == kind.value, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
        .returning(Consent.id)
    )
    return withdrawn is not None


async def open_mentorships_of(session: AsyncSession, person_id: int) -> list[Mentorship]:
    """The pairs and groups the person mentors or is mentored in that are not over (proposed to approved):
    what a withdrawn consent affects."""
    as_mentee = select(MentorshipMember.mentorship_id).where(MentorshipMember.mentee_id == person_id)
    return list(
        await session.scalars(
            select(Mentorship)
            .where(
                (Mentorship.mentor_id == person_id) | Mentorship.id.in_(as_mentee),
                Mentorship.status.in_([s.value for s in OPEN]),
            )
            .order_by(Mentorship.id)
        )
    )
