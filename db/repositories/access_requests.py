from datetime import UTC, date, datetime

from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AccessRequest
from domain.access import RequestStatus


async def submit_request(
    session: AsyncSession,
    organization_id: int,
    telegram_user_id: int,
    full_name: str,
    position: str,
    work_start_date: date | None = None,
) -> AccessRequest:
    """One open request per account and school: a repeated submission updates it."""
    statement = (
        insert(AccessRequest)
        .values(
            organization_id=organization_id,
            telegram_user_id=telegram_user_id,
            full_name=full_name,
            position=position,
            work_start_date=work_start_date,
        )
        .on_conflict_do_update(
            index_elements=["organization_id", "telegram_user_id"],
            index_where=text(f"status = '{RequestStatus.PENDING}'"),  # the partial index's own predicate, as text
            set_={"full_name": full_name, "position": position, "work_start_date": work_start_date},
        )
        .returning(AccessRequest.id)
    )
    request_id = await session.scalar(statement)
    request = await session.get(AccessRequest, request_id, populate_existing=True)
    assert request is not None
    return request


async def pending_for_telegram(session: AsyncSession, telegram_user_id: int) -> AccessRequest | None:
    return await session.scalar(
        select(AccessRequest).where(
            AccessRequest.telegram_user_id == telegram_user_id, AccessRequest.status == RequestStatus.PENDING
        )
    )


async def list_pending(session: AsyncSession, organization_id: int) -> list[AccessRequest]:
    return list(
        await session.scalars(
            select(AccessRequest)
            .where(AccessRequest.organization_id == organization_id, AccessRequest.status == RequestStatus.PENDING)
            .order_by(AccessRequest.created_at)
        )
    )


async def get_in_organization(session: AsyncSession, organization_id: int, request_id: int) -> AccessRequest | None:
    return await session.scalar(
        select(AccessRequest).where(AccessRequest.id == request_id, AccessRequest.organization_id == organization_id)
    )


async def close_request(
    session: AsyncSession,
    organization_id: int,
    request_id: int,
    *,
    approved: bool,
    decided_by_id: int,
    now: datetime | None = None,
) -> AccessRequest | None:
    """Atomically move a pending request to its final status; None if it was not pending any more
    (a double click, or another curator was faster)."""
    values: dict[str, object] = {
        "status": RequestStatus.APPROVED if approved else RequestStatus.REJECTED,
        "decided_at": now or datetime.now(UTC),
        "decided_by_id": decided_by_id,
    }
    closed_id = await session.scalar(
        update(AccessRequest)
        .where(
            AccessRequest.id == request_id,
            AccessRequest.organization_id == organization_id,
            AccessRequest.status == RequestStatus.PENDING,
        )
        .values(**values)
        .returning(AccessRequest.id)
    )
    if closed_id is None:
        return None
    return await session.get(AccessRequest, closed_id, populate_existing=True)


def erase_personal_data(request: AccessRequest) -> None:
    """A rejected request keeps no name or position (152-FZ: data no longer needed are destroyed)."""
    request.full_name = None
    request.position = None
    request.work_start_date = None
