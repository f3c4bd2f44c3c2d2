"""The road map's events per school year (Annex 2): seeded once per year, ticked by the curator."""

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RoadmapItem
from domain.roadmap import ROADMAP, due_in_year


async def ensure_year(session: AsyncSession, organization_id: int, school_year: int) -> None:
    """Seed the year's road map from domain/roadmap.py; a second call (or a second curator) adds nothing."""
    rows = [
        {
            "organization_id": organization_id,
            "school_year": school_year,
            "code": event.code,
            "stage": stage.number,
            "stage_title": stage.title,
            "title": event.title,
            "planned": event.planned,
            "due_date": due_in_year(event.due, school_year),
            "responsible": event.responsible,
            "expected_result": event.expected_result,
        }
        for stage in ROADMAP
        for event in stage.events
    ]
    await session.execute(
        insert(RoadmapItem)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["organization_id", "school_year", "code"])
    )


async def items(session: AsyncSession, organization_id: int, school_year: int) -> list[RoadmapItem]:
    return list(
        await session.scalars(
            select(RoadmapItem)
            .where(RoadmapItem.organization_id == organization_id, RoadmapItem.school_year == school_year)
            .order_by(RoadmapItem.stage, RoadmapItem.id)
        )
    )


async def item(session: AsyncSession, organization_id: int, item_id: int) -> RoadmapItem | None:
    return await session.scalar(
        select(RoadmapItem).where(RoadmapItem.id == item_id, RoadmapItem.organization_id == organization_id)
    )


def mark_done(entry: RoadmapItem, on: date, document: str | None, person_id: int) -> None:
    entry.done_on = on
    entry.document = document
    entry.done_by_id = person_id
    entry.updated_at = datetime.now(UTC)


def unmark(entry: RoadmapItem, person_id: int) -> None:
    entry.done_on = None
    entry.document = None
    entry.done_by_id = person_id
    entry.updated_at = datetime.now(UTC)
