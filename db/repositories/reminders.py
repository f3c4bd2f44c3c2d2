"""The reminder ledger: planning (idempotent inserts), claiming (SKIP LOCKED, with a lease) and outcomes.

Leases use clock_timestamp(), the wall clock: now() is the start of the transaction and would make a
lease measured inside a long transaction look younger than it is."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ReminderLedger

MAX_ATTEMPTS = 5


async def plan(
    session: AsyncSession,
    *,
    organization_id: int,
    key: str,
    kind: str,
    person_id: int,
    offset: str,
    due: date,
    planned_for: datetime,
    status: str = "pending",
) -> bool:
    """Record a reminder once; True when it is new."""
    inserted = await session.scalar(
        insert(ReminderLedger)
        .values(
            organization_id=organization_id,
            deadline_key=key,
            kind=kind,
            person_id=person_id,
            offset=offset,
            due=due,
            planned_for=planned_for,
            status=status,
        )
        .on_conflict_do_nothing(index_elements=["deadline_key", "person_id", "offset"])
        .returning(ReminderLedger.id)
    )
    return inserted is not None


async def claim(
    session: AsyncSession, organization_ids: Iterable[int], claimer: str, lease: timedelta, limit: int = 200
) -> list[ReminderLedger]:
    """Take open rows for this scanner. Rows another scanner holds are skipped (SKIP LOCKED); a claim
    older than the lease (its scanner died) is taken over. The caller commits before sending."""
    ids = list(organization_ids)
    if not ids:
        return []
    candidates = (
        select(ReminderLedger.id)
        .where(
            ReminderLedger.organization_id.in_(ids),
            or_(
                ReminderLedger.status == "pending",
                (ReminderLedger.status == "claimed") & (ReminderLedger.claimed_at < func.clock_timestamp() - lease),
            ),
        )
        .order_by(ReminderLedger.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = await session.scalars(
        update(ReminderLedger)
        .where(ReminderLedger.id.in_(candidates.scalar_subquery()))
        .values(
            status="claimed",
            claimed_at=func.clock_timestamp(),
            claimed_by=claimer,
            attempts=ReminderLedger.attempts + 1,
        )
        .returning(ReminderLedger)
    )
    result = list(rows)
    return result


async def finish(
    session: AsyncSession,
    row_id: int,
    claimer: str,
    status: str,
    *,
    message_id: int | None = None,
    error: str | None = None,
) -> None:
    """Record the outcome, only if this scanner still holds the claim."""
    values: dict[str, object] = {"status": status, "error": error}
    if status == "sent":
        values.update(sent_at=func.clock_timestamp(), telegram_message_id=message_id)
    await session.execute(
        update(ReminderLedger)
        .where(ReminderLedger.id == row_id, ReminderLedger.claimed_by == claimer, ReminderLedger.status == "claimed")
        .values(**values)
    )


async def release(session: AsyncSession, row: ReminderLedger, claimer: str, error: str) -> None:
    """A passing failure: back to pending for the next scan, or failed after MAX_ATTEMPTS."""
    status = "failed" if row.attempts >= MAX_ATTEMPTS else "pending"
    await session.execute(
        update(ReminderLedger)
        .where(ReminderLedger.id == row.id, ReminderLedger.claimed_by == claimer, ReminderLedger.status == "claimed")
        .values(status=status, error=error, claimed_by=None, claimed_at=None)
    )


async def sent_keys(session: AsyncSession, keys: Iterable[str]) -> set[tuple[str, int, str]]:
    rows = await session.execute(
        select(ReminderLedger.deadline_key, ReminderLedger.person_id, ReminderLedger.offset).where(
            ReminderLedger.deadline_key.in_(list(keys))
        )
    )
    return {(k, p, o) for k, p, o in rows}
