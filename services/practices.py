"""The bank of programmes and best practices (3.5, 3.6): the curator marks a finished programme as a best
practice; a mentor starts a new programme from one (activities copied, dates shifted to the new period)."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BestPractice, Mentorship, Person
from db.repositories import mentorships as mentorships_repo
from db.repositories import practices as repo
from db.repositories import programmes as programmes_repo
from db.repositories.audit import record_event
from domain.practices import NeedArea, TemplateItem, can_be_practice, shift_items
from domain.programme import ActivityKind, ProgrammeStatus


class Problem(StrEnum):
    NOT_FOUND = "not-found"
    NOT_FINISHED = "not-finished"  # 8.2: only a completed programme
    ALREADY = "already"
    NOT_DRAFT = "not-draft"  # the mentor's programme was already sent: 7.2 asks for a correction first
    NOT_MENTOR = "not-mentor"


async def mark(
    session: AsyncSession, curator: Person, mentorship_id: int, area: NeedArea, title: str, description: str
) -> BestPractice | Problem:
    mentorship = await mentorships_repo.get_in_organization(session, curator.organization_id, mentorship_id)
    if mentorship is None:
        return Problem.NOT_FOUND
    if not can_be_practice(mentorship.status):
        return Problem.NOT_FINISHED
    if await session.scalar(select(BestPractice.id).where(BestPractice.mentorship_id == mentorship.id)):
        return Problem.ALREADY
    practice = await repo.add(session, mentorship, area.value, title, description, curator.id)
    await record_event(
        session,
        "practice_marked",
        organization_id=curator.organization_id,
        actor_person_id=curator.id,
        mentorship=mentorship.id,
        practice=practice.id,
    )
    await session.commit()
    return practice


async def template(session: AsyncSession, practice: BestPractice) -> list[TemplateItem]:
    mentorship = await session.get(Mentorship, practice.mentorship_id)
    start = mentorship.start_date if mentorship and mentorship.start_date else None
    return [
        TemplateItem(i.kind, i.title, i.expected_result, (i.due_date - start).days if start else 0)
        for i in await repo.programme_items(session, practice.mentorship_id)
    ]


@dataclass(frozen=True)
class Started:
    mentorship: Mentorship
    copied: int


async def start_from(session: AsyncSession, mentor: Person, practice_id: int, mentorship_id: int) -> Started | Problem:
    """Copy the practice's activities into the mentor's draft programme, each at the same distance from the
    new start, never past the new end; the goal is left for the mentor (a programme is personal, 3.6)."""
    practice = await repo.practice(session, mentor.organization_id, practice_id)
    mentorship = await mentorships_repo.get_in_organization(session, mentor.organization_id, mentorship_id, lock=True)
    if practice is None or mentorship is None:
        return Problem.NOT_FOUND
    if mentorship.mentor_id != mentor.id or mentorship.status != "approved":
        return Problem.NOT_MENTOR
    assert mentorship.start_date and mentorship.end_date
    programme = await programmes_repo.programme_of(session, mentorship)
    if programme.status != ProgrammeStatus.DRAFT:
        return Problem.NOT_DRAFT
    items = shift_items(await template(session, practice), mentorship.start_date, mentorship.end_date)
    for item, due in items:
        await programmes_repo.add_item(
            session, programme, ActivityKind(item.kind), item.title, due, item.expected_result, mentor.id
        )
    await mentorships_repo.record(
        session,
        mentorship,
        mentor.id,
        "programme_from_practice",
        mentorship.status,
        mentorship.status,
        practice=practice.id,
        items=len(items),
    )
    await session.commit()
    return Started(mentorship, len(items))


async def mentor_drafts(session: AsyncSession, mentor: Person) -> list[Mentorship]:
    """The mentor's approved mentorships whose programme is still a draft."""
    result = []
    for mentorship in await programmes_repo.mentorships_of(session, mentor.id):
        if mentorship.mentor_id != mentor.id:
            continue
        programme = await programmes_repo.programme_of(session, mentorship)
        if programme.status == ProgrammeStatus.DRAFT:
            result.append(mentorship)
    await session.commit()
    return result
