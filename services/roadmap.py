"""The road map (Annex 2): seeded per school year; the curator ticks events done with a date and a document
(3.5); the director sees where the school stands (3.4)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person, RoadmapItem
from db.repositories import roadmap as repo
from db.repositories.audit import record_event


@dataclass(frozen=True)
class StageState:
    number: int
    title: str
    done: int
    total: int
    overdue: int  # events whose last day has passed, not done


def stages(items: list[RoadmapItem], today: date) -> list[StageState]:
    result = []
    for number in sorted({i.stage for i in items}):
        own = [i for i in items if i.stage == number]
        result.append(
            StageState(
                number,
                own[0].stage_title,
                sum(1 for i in own if i.done_on),
                len(own),
                sum(1 for i in own if not i.done_on and i.due_date < today),
            )
        )
    return result


async def year_items(session: AsyncSession, organization_id: int, year: int) -> list[RoadmapItem]:
    await repo.ensure_year(session, organization_id, year)
    await session.commit()
    return await repo.items(session, organization_id, year)


async def tick(
    session: AsyncSession, person: Person, item_id: int, on: date, document: str | None
) -> RoadmapItem | None:
    item = await repo.item(session, person.organization_id, item_id)
    if item is None:
        return None
    repo.mark_done(item, on, document, person.id)
    await record_event(
        session,
        "roadmap_done",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        item=item.code,
        year=item.school_year,
        on=on.isoformat(),
    )
    await session.commit()
    return item


async def untick(session: AsyncSession, person: Person, item_id: int) -> RoadmapItem | None:
    item = await repo.item(session, person.organization_id, item_id)
    if item is None:
        return None
    repo.unmark(item, person.id)
    await record_event(
        session, "roadmap_undone", organization_id=person.organization_id, actor_person_id=person.id, item=item.code
    )
    await session.commit()
    return item


async def item(session: AsyncSession, organization_id: int, item_id: int) -> RoadmapItem | None:
    return await repo.item(session, organization_id, item_id)
