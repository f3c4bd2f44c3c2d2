"""Who takes part in a mentorship and who decides on it: the facts every use case of a pair's life needs to
check access and to name the people in its notices."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Person
from db.repositories.people import people_with_role
from domain.mentorship import Part, approver_role
from domain.names import initials
from domain.roles import Role
from services.outcome import Actor, Refused


@dataclass(frozen=True)
class Parties:
    mentor: Person
    mentees: list[Person]

    @property
    def ids(self) -> list[int]:
        return [self.mentor.id, *(m.id for m in self.mentees)]

    @property
    def mentee_names(self) -> str:
        """«Ким Дарья Алексеевна» for one; «Аннина А. А., Борисов Б. Б.» for a group."""
        if len(self.mentees) == 1:
            return self.mentees[0].full_name
        return ", ".join(initials(m.full_name) for m in self.mentees)

    @property
    def title(self) -> str:
        """The pair as a curator names it: «Мороз А. И. — Ким Д. А.»."""
        return f"{initials(self.mentor.full_name)} — " + ", ".join(initials(m.full_name) for m in self.mentees)

    def part_of(self, person_id: int) -> Part | None:
        if person_id == self.mentor.id:
            return Part.MENTOR
        if any(m.id == person_id for m in self.mentees):
            return Part.MENTEE
        return None


async def people(session: AsyncSession, ids: list[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in await session.scalars(select(Person).where(Person.id.in_(ids)))}


async def parties(session: AsyncSession, mentorship: Mentorship, mentor_id: int | None = None) -> Parties:
    """`mentor_id`: someone else in the mentor's place (a new mentor before the replacement order)."""
    mentor = mentor_id or mentorship.mentor_id
    found = await people(session, [mentor, *(m.mentee_id for m in mentorship.members)])
    return Parties(found[mentor], [found[m.mentee_id] for m in mentorship.members if m.mentee_id in found])


async def curators(session: AsyncSession, mentorship: Mentorship) -> list[Person]:
    """The school's curators, the one who proposed the pair first (3.5)."""
    every = await people_with_role(session, mentorship.organization_id, Role.CURATOR)
    return sorted(every, key=lambda p: p.id != mentorship.proposed_by_id)


async def approvers(session: AsyncSession, mentorship: Mentorship) -> list[Person]:
    """Who fixes this pair's orders: the director, or the department in the «руководитель — педагог» form (3.3)."""
    return await people_with_role(session, mentorship.organization_id, approver_role(mentorship.form))


def require_curator(actor: Actor) -> None:
    if not actor.has(Role.CURATOR):
        raise Refused("denied")


def require_approver(actor: Actor, mentorship: Mentorship) -> Role:
    """3.3, 3.4, 3.8, 6.2: only the approver of this pair's form decides on it."""
    role = approver_role(mentorship.form)
    if not actor.has(role):
        raise Refused(f"pair-only-{role}")
    return role
