"""Courses, competitions and certifications a participant entered (stage 2 of the monitoring)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import GrowthRecord


async def add(
    session: AsyncSession,
    organization_id: int,
    person_id: int,
    kind: str,
    title: str,
    held_on: date,
    result: str | None,
) -> GrowthRecord:
    record = GrowthRecord(
        organization_id=organization_id, person_id=person_id, kind=kind, title=title, held_on=held_on, result=result
    )
    session.add(record)
    await session.flush()
    return record


async def of_person(session: AsyncSession, person_id: int) -> list[GrowthRecord]:
    return list(
        await session.scalars(
            select(GrowthRecord).where(GrowthRecord.person_id == person_id).order_by(GrowthRecord.held_on.desc())
        )
    )
