"""The curator's conclusions and next year's tasks for the annual analytic report (3.5)."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ReportConclusion


async def of_year(session: AsyncSession, organization_id: int, school_year: int) -> ReportConclusion | None:
    return await session.scalar(
        select(ReportConclusion).where(
            ReportConclusion.organization_id == organization_id, ReportConclusion.school_year == school_year
        )
    )


async def save(
    session: AsyncSession, organization_id: int, school_year: int, field: str, text: str, author_id: int
) -> None:
    """field: conclusions | tasks; the other one is kept."""
    assert field in ("conclusions", "tasks")
    values = {field: text, "updated_by_id": author_id, "updated_at": datetime.now(UTC)}
    await session.execute(
        insert(ReportConclusion)
        .values(organization_id=organization_id, school_year=school_year, **values)
        .on_conflict_do_update(index_elements=["organization_id", "school_year"], set_=values)
    )
