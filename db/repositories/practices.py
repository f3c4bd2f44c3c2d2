"""The bank of programmes and best practices (3.5, 3.6)."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BestPractice, Mentorship, Programme, ProgrammeItem


async def practices(
    session: AsyncSession, organization_id: int, need_area: str | None = None, form: str | None = None
) -> list[BestPractice]:
    query = select(BestPractice).where(BestPractice.organization_id == organization_id)
    if need_area:
        query = query.where(BestPractice.need_area == need_area)
    if form:
        query = query.where(BestPractice.form == form)
    return list(await session.scalars(query.order_by(BestPractice.id.desc())))


async def practice(session: AsyncSession, organization_id: int, practice_id: int) -> BestPractice | None:
    return await session.scalar(
        select(BestPractice).where(BestPractice.id == practice_id, BestPractice.organization_id == organization_id)
    )


async def unmarked_completed(session: AsyncSession, organization_id: int, limit: int = 20) -> list[Mentorship]:
    """Finished mentorships with a programme of at least one activity, not yet in the bank."""
    marked = select(BestPractice.mentorship_id)
    with_items = (
        select(Programme.mentorship_id).join(ProgrammeItem, ProgrammeItem.programme_id == Programme.id).distinct()
    )
    return list(
        await session.scalars(
            select(Mentorship)
            .where(
                Mentorship.organization_id == organization_id,
                Mentorship.status == "completed",
                Mentorship.id.not_in(marked),
                Mentorship.id.in_(with_items),
            )
            .order_by(Mentorship.completed_on.desc(), Mentorship.id.desc())
            .limit(limit)
        )
    )


async def add(
    session: AsyncSession, mentorship: Mentorship, need_area: str, title: str, description: str, marked_by_id: int
) -> BestPractice:
    entry = BestPractice(
        organization_id=mentorship.organization_id,
        mentorship_id=mentorship.id,
        need_area=need_area,
        form=mentorship.form,
        title=title,
        description=description,
        marked_by_id=marked_by_id,
    )
    session.add(entry)
    await session.flush()
    return entry


async def programme_items(session: AsyncSession, mentorship_id: int) -> list[ProgrammeItem]:
    return list(
        await session.scalars(
            select(ProgrammeItem)
            .join(Programme, Programme.id == ProgrammeItem.programme_id)
            .where(Programme.mentorship_id == mentorship_id)
            .order_by(ProgrammeItem.due_date, ProgrammeItem.id)
        )
    )
