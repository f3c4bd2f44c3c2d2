from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Consent, ConsentText, Organization, Person
from domain.consents import ConsentKind


def render_consent(text: ConsentText, person: Person, organization: Organization) -> str:
    return text.text.format(name=person.full_name, school=organization.name, city=organization.city or "")


async def give_consent(
    session: AsyncSession, person: Person, text: ConsentText, telegram_message_id: int | None
) -> Consent | None:
    """Record the consent; None when an active one of this kind already exists (a double click)."""
    consent_id = await session.scalar(
        insert(Consent)
        .values(
            organization_id=person.organization_id,
            person_id=person.id,
            kind=text.kind,
            text_id=text.id,
            telegram_message_id=telegram_message_id,
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


async def withdraw_consent(session: AsyncSession, person_id: int, kind: ConsentKind) -> bool:
    withdrawn = await session.scalar(
        update(Consent)
        .where(Consent.person_id == person_id, Consent.kind == kind.value, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=datetime.now(UTC))
        .returning(Consent.id)
    )
    return withdrawn is not None


async def consent_in_organization(session: AsyncSession, person_id: int, consent_id: int) -> Consent | None:
    return await session.scalar(select(Consent).where(Consent.id == consent_id, Consent.person_id == person_id))
