from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEvent


async def record_event(
    session: AsyncSession,
    action: str,
    *,
    organization_id: int | None = None,
    actor_person_id: int | None = None,
    telegram_user_id: int | None = None,
    **details: Any,
) -> None:
    session.add(
        AuditEvent(
            organization_id=organization_id,
            actor_person_id=actor_person_id,
            telegram_user_id=telegram_user_id,
            action=action,
            details=details,
        )
    )
    await session.flush()


async def events(session: AsyncSession, action: str) -> list[AuditEvent]:
    return list(await session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
