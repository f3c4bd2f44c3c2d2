from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from db.models import Mentorship, MentorshipMember, Organization, Person, PersonRole
from domain.mentorship import OPEN, Status
from domain.roles import Role


@dataclass(frozen=True)
class StaffFields:
    full_name: str
    position: str | None = None
    subjects: str | None = None
    work_start_date: date | None = None
    experience_years: int | None = None


EDITABLE = tuple(f.name for f in fields(StaffFields))


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


async def link_telegram(
    session: AsyncSession, person: Person, telegram_user_id: int, *, now: datetime | None = None
) -> None:
    """Bind a Telegram account to the person, releasing it from any other record first."""
    await session.execute(
        update(Person)
        .where(Person.telegram_user_id == telegram_user_id, Person.id != person.id)
        .values(telegram_user_id=None, telegram_linked_at=None)
    )
    person.telegram_user_id = telegram_user_id
    person.telegram_linked_at = now or datetime.now(UTC)
    person.is_reachable = True
    await session.flush()


async def set_reachable(session: AsyncSession, telegram_user_id: int, reachable: bool) -> Person | None:
    person = await get_by_telegram(session, telegram_user_id)
    if person is not None:
        person.is_reachable = reachable
        await session.flush()
    return person


def _listed(organization_id: int, *, archived: bool, search: str | None) -> ColumnElement[bool]:
    """The working list (active people) or the archive (moved there by the curator, not anonymized: those left
    under 152-FZ are nobody's to restore)."""
    where = [Person.organization_id == organization_id]
    if archived:
        where += [Person.is_active.is_(False), Person.anonymized_at.is_(None)]
    else:
        where.append(Person.is_active.is_(True))
    if search:
        words = search.lower().replace("ё", "е").split()
        name = func.replace(func.lower(Person.full_name), "ё", "е")
        where.extend(name.contains(word, autoescape=True) for word in words)
    return and_(*where)


async def count_people(
    session: AsyncSession, organization_id: int, *, archived: bool = False, search: str | None = None
) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(Person).where(_listed(organization_id, archived=archived, search=search))
        )
        or 0
    )


async def list_people(
    session: AsyncSession,
    organization_id: int,
    *,
    offset: int,
    limit: int,
    archived: bool = False,
    search: str | None = None,
) -> list[Person]:
    return list(
        await session.scalars(
            select(Person)
            .where(_listed(organization_id, archived=archived, search=search))
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


async def active_with_role(session: AsyncSession, organization_id: int, role: Role) -> list[Person]:
    return [p for p in await people_with_role(session, organization_id, role) if p.is_active]


async def find_by_name(session: AsyncSession, organization_id: int, full_name: str) -> Person | None:
    return await session.scalar(
        select(Person)
        .where(Person.organization_id == organization_id, func.lower(Person.full_name) == full_name.lower())
        .order_by(Person.is_active.desc(), Person.id)
        .limit(1)
    )


async def names_taken(session: AsyncSession, organization_id: int, names: Iterable[str]) -> set[str]:
    """Which of these names (lower-cased) the school's list already has: one query for a whole upload."""
    lowered = {name.lower() for name in names}
    if not lowered:
        return set()
    found = await session.scalars(
        select(func.lower(Person.full_name)).where(
            Person.organization_id == organization_id, func.lower(Person.full_name).in_(lowered)
        )
    )
    return set(found)


async def open_mentorships(session: AsyncSession, person_id: int, *, as_role: Role | None = None) -> int:
    """How many pairs or groups not yet completed the person is in, as mentor, mentee or either."""
    as_mentor = Mentorship.mentor_id == person_id
    as_mentee = Mentorship.id.in_(select(MentorshipMember.mentorship_id).where(MentorshipMember.mentee_id == person_id))
    who = as_mentor if as_role is Role.MENTOR else as_mentee if as_role is Role.MENTEE else or_(as_mentor, as_mentee)
    return (
        await session.scalar(
            select(func.count())
            .select_from(Mentorship)
            .where(who, Mentorship.status.in_([s.value for s in (*OPEN, Status.RETURNED)]))
        )
        or 0
    )
