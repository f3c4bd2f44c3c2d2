"""The banks of mentors and mentees as the database holds them: who is in a bank (a role, a status row, a
submitted bank questionnaire) and with which status (domain/banks.py: without a decision a mentee waits for a
mentor and a mentor is a candidate)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BankEntry, Consent, Person, PersonRole, QuestionnaireResponse
from domain.banks import QUESTIONNAIRE, BankKind, BankStatus, status_of
from domain.consents import ConsentKind
from domain.questionnaire import ResponseStatus
from domain.roles import Role

ROLE_OF_BANK = {BankKind.MENTEE: Role.MENTEE, BankKind.MENTOR: Role.MENTOR}


@dataclass
class BankRow:
    person: Person
    status: BankStatus
    submitted: QuestionnaireResponse | None  # the latest submitted questionnaire of this bank
    draft: QuestionnaireResponse | None
    consents: set[ConsentKind]


async def _rows(
    session: AsyncSession, organization_id: int, bank: BankKind, person_id: int | None = None
) -> list[BankRow]:
    role = ROLE_OF_BANK[bank]
    code = QUESTIONNAIRE[bank]
    has_role = select(PersonRole.person_id).where(PersonRole.role == role.value)
    has_entry = select(BankEntry.person_id).where(BankEntry.bank == bank.value)
    answered = select(QuestionnaireResponse.person_id).where(
        QuestionnaireResponse.questionnaire_code == code,
        QuestionnaireResponse.status == ResponseStatus.SUBMITTED.value,
    )
    query = (
        select(Person)
        .where(
            Person.organization_id == organization_id,
            Person.is_active.is_(True),
            or_(Person.id.in_(has_role), Person.id.in_(has_entry), Person.id.in_(answered)),
        )
        .order_by(Person.full_name, Person.id)
    )
    if person_id is not None:
        query = query.where(Person.id == person_id)
    people = list(await session.scalars(query))
    ids = [p.id for p in people]
    entries = {
        e.person_id: e
        for e in await session.scalars(
            select(BankEntry).where(BankEntry.bank == bank.value, BankEntry.person_id.in_(ids))
        )
    }
    responses = list(
        await session.scalars(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.questionnaire_code == code, QuestionnaireResponse.person_id.in_(ids))
            .order_by(QuestionnaireResponse.attempt)
        )
    )
    consents: dict[int, set[ConsentKind]] = {}
    for consent in await session.scalars(
        select(Consent).where(Consent.person_id.in_(ids), Consent.withdrawn_at.is_(None))
    ):
        consents.setdefault(consent.person_id, set()).add(ConsentKind(consent.kind))
    rows = []
    for person in people:
        own = [r for r in responses if r.person_id == person.id]
        submitted = [r for r in own if r.status == ResponseStatus.SUBMITTED]
        draft = next((r for r in own if r.status == ResponseStatus.DRAFT), None)
        entry = entries.get(person.id)
        status = status_of(bank, entry.status if entry is not None else None)
        rows.append(
            BankRow(person, status, submitted[-1] if submitted else None, draft, consents.get(person.id, set()))
        )
    return rows


async def mentee_bank(session: AsyncSession, organization_id: int, status: str | None = None) -> list[BankRow]:
    rows = await _rows(session, organization_id, BankKind.MENTEE)
    return [r for r in rows if status is None or r.status == status]


async def mentor_bank(session: AsyncSession, organization_id: int, status: str | None = None) -> list[BankRow]:
    rows = await _rows(session, organization_id, BankKind.MENTOR)
    return [r for r in rows if status is None or r.status == status]


async def bank_rows(session: AsyncSession, organization_id: int, bank: BankKind) -> list[BankRow]:
    return await _rows(session, organization_id, bank)


async def set_status(
    session: AsyncSession,
    person: Person,
    bank: str,
    status: str,
    decided_by_id: int | None,
    now: datetime | None = None,
) -> None:
    values = {"status": str(status), "decided_by_id": decided_by_id, "decided_at": now or datetime.now(UTC)}
    await session.execute(
        insert(BankEntry)
        .values(organization_id=person.organization_id, person_id=person.id, bank=str(bank), **values)
        .on_conflict_do_update(index_elements=["person_id", "bank"], set_=values)
    )


async def row_of(session: AsyncSession, organization_id: int, bank: str, person_id: int) -> BankRow | None:
    rows = await _rows(session, organization_id, BankKind(bank), person_id)
    return rows[0] if rows else None


async def lock_person(session: AsyncSession, organization_id: int, person_id: int) -> Person | None:
    """The person's row locked, so two curators deciding at once decide one after the other."""
    return await session.scalar(
        select(Person)
        .where(Person.id == person_id, Person.organization_id == organization_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
