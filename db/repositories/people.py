from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from db.models import Organization, Person, PersonRole
from domain.roles import Role


@dataclass(frozen=True)
class StaffFields:
    full_name: str
    position: str | None = None
    subjects: str | None = None
    work_start_date: date | None = None
    experience_years: int | None = None


async def get_by_telegram(session: AsyncSession, telegram_user_id: int) -> Person | None:
    return await session.scalar(
        select(Person).where(Person.telegram_user_id == telegram_user_id, Person.is_active.is_(True))
    )


async def context_of(session: AsyncSession, telegram_user_id: int) -> tuple[Person, Organization] | None:
    """Who writes, with their roles and their school, in one query (every update asks this first)."""
    row = (
        (
            await session.execute(
                select(Person, Organization)
                .join(Organization, Organization.id == Person.organization_id)
                .options(joinedload(Person.roles))
                .where(Person.telegram_user_id == telegram_user_id, Person.is_active.is_(True))
            )
        )
        .unique()
        .first()
    )
    return (row[0], row[1]) if row is not None else None


async def get_in_organization(session: AsyncSession, organization_id: int, person_id: int) -> Person | None:
    """A person only if they belong to this school: every lookup by a client-sent id goes through here."""
    return await session.scalar(select(Person).where(Person.id == person_id, Person.organization_id == organization_id))


async def create_person(
    session: AsyncSession, organization_id: int, fields: StaffFields, roles: Iterable[Role] = ()
) -> Person:
    person = Person(
        organization_id=organization_id,
        full_name=fields.full_name,
        position=fields.position,
        subjects=fields.subjects,
        work_start_date=fields.work_start_date,
        experience_years=fields.experience_years,
    )
    person.roles = [PersonRole(organization_id=organization_id, role=role.value) for role in dict.fromkeys(roles)]
    session.add(person)
    await session.flush()
    return person


async def add_role(session: AsyncSession, person: Person, role: Role) -> bool:
    if role in person.role_set:
        return False
    person.roles.append(PersonRole(organization_id=person.organization_id, role=role.value))
    await session.flush()
    return True


async def remove_role(session: AsyncSession, person: Person, role: Role) -> bool:
    for item in person.roles:
        if item.role == role.value:
            person.roles.remove(item)
            await session.flush()
            return True
    return False


async def link_telegram(session: AsyncSession, person: Person, telegram_user_id: int) -> None:
    """Bind a Telegram account to the person, releasing it from any other record first."""
    await session.execute(
        update(Person)
        .where(Person.telegram_user_id == telegram_user_id, Person.id != person.id)
        .values(telegram_user_id=None, telegram_linked_at=None)
    )
    person.telegram_user_id = telegram_user_id
    person.telegram_linked_at = datetime.now(UTC)
    person.is_reachable = True
    await session.flush()


async def set_reachable(session: AsyncSession, telegram_user_id: int, reachable: bool) -> Person | None:
    person = await get_by_telegram(session, telegram_user_id)
    if person is not None:
        person.is_reachable = reachable
        await session.flush()
    return person


async def count_people(session: AsyncSession, organization_id: int) -> int:
    return (
        await session.scalar(select(func.count()).select_from(Person).where(Person.organization_id == organization_id))
        or 0
    )


async def list_people(session: AsyncSession, organization_id: int, *, offset: int, limit: int) -> list[Person]:
    return list(
        await session.scalars(
            select(Person)
            .where(Person.organization_id == organization_id)
            .order_by(func.lower(Person.full_name), Person.id)
            .offset(offset)
            .limit(limit)
        )
    )


async def people_with_role(session: AsyncSession, organization_id: int, role: Role) -> list[Person]:
    return list(
        await session.scalars(
            select(Person)
            .join(PersonRole)
            .where(Person.organization_id == organization_id, PersonRole.role == role.value)
            .order_by(Person.id)
        )
    )


async def find_by_name(session: AsyncSession, organization_id: int, full_name: str) -> Person | None:
    return await session.scalar(
        select(Person)
        .where(Person.organization_id == organization_id, func.lower(Person.full_name) == full_name.lower())
        .limit(1)
    )
