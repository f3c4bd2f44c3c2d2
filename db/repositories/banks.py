from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BankEntry, Consent, Person, PersonRole, QuestionnaireResponse
from domain.banks import MenteeStatus, MentorStatus
from domain.consents import ConsentKind
from domain.roles import Role

QUESTIONNAIRE_OF_BANK = {"mentee": "mentee_needs", "mentor": "mentor_survey"}


@dataclass
class BankRow:
    person: Person
    status: str
    submitted: QuestionnaireResponse | None  # the latest submitted questionnaire of this bank
    draft: QuestionnaireResponse | None
    consents: set[ConsentKind]


async def _rows(session: AsyncSession, organization_id: int, bank: str) -> list[BankRow]:
    role = Role.MENTEE if bank == "mentee" else Role.MENTOR
    code = QUESTIONNAIRE_OF_BANK[bank]
    has_role = select(PersonRole.person_id).where(PersonRole.role == role.value)
    has_entry = select(BankEntry.person_id).where(BankEntry.bank == bank)
    answered = select(QuestionnaireResponse.person_id).where(
        QuestionnaireResponse.questionnaire_code == code, QuestionnaireResponse.status == "submitted"
    )
    people = list(
        await session.scalars(
            select(Person)
            .where(
                Person.organization_id == organization_id,
                Person.is_active.is_(True),
                or_(Person.id.in_(has_role), Person.id.in_(has_entry), Person.id.in_(answered)),
            )
            .order_by(Person.full_name, Person.id)
        )
    )
    ids = [p.id for p in people]
    entries = {
        e.person_id: e
        for e in await session.scalars(select(BankEntry).where(BankEntry.bank == bank, BankEntry.person_id.in_(ids)))
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
        submitted = [r for r in own if r.status == "submitted"]
        draft = next((r for r in own if r.status == "draft"), None)
        entry = entries.get(person.id)
        if entry is not None:
            status = entry.status
        elif bank == "mentee":
            status = MenteeStatus.WAITING.value
        else:
            status = (MentorStatus.APPROVED if role in person.role_set else MentorStatus.CANDIDATE).value
        rows.append(
            BankRow(person, status, submitted[-1] if submitted else None, draft, consents.get(person.id, set()))
        )
    return rows


async def mentee_bank(session: AsyncSession, organization_id: int, status: str | None = None) -> list[BankRow]:
    rows = await _rows(session, organization_id, "mentee")
    return [r for r in rows if status is None or r.status == status]


async def mentor_bank(session: AsyncSession, organization_id: int, status: str | None = None) -> list[BankRow]:
    rows = await _rows(session, organization_id, "mentor")
    return [r for r in rows if status is None or r.status == status]


async def set_status(session: AsyncSession, person: Person, bank: str, status: str, decided_by_id: int | None) -> None:
    values = {"status": status, "decided_by_id": decided_by_id, "decided_at": datetime.now(UTC)}
    await session.execute(
        insert(BankEntry)
        .values(organization_id=person.organization_id, person_id=person.id, bank=bank, **values)
        .on_conflict_do_update(index_elements=["person_id", "bank"], set_=values)
    )


async def row_of(session: AsyncSession, organization_id: int, bank: str, person_id: int) -> BankRow | None:
    for row in await _rows(session, organization_id, bank):
        if row.person.id == person_id:
            return row
    return None
