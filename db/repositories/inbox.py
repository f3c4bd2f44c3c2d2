"""The update inbox (IncomingUpdate): updates are stored before Telegram is told they were received, handled
by one worker at a time per lane (a chat), in update_id order, and marked done in the handler's own
transaction — so a crash loses nothing and a redelivered update is never handled twice.

A lane is held with a session-level advisory lock on the worker's connection: it lives exactly as long
as the worker (or its process) does, so a killed process releases its lanes at once and another worker
or instance carries on; no lease to wait out."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.models import IncomingUpdate

MAX_ATTEMPTS = 5  # an update that crashed the process this often is set aside (logged), not retried for ever
KEEP_HANDLED = timedelta(days=2)  # Telegram redelivers for at most 24 hours; ids are kept a little longer

_T = IncomingUpdate.__table__


@dataclass(frozen=True)
class Stored:
    update_id: int
    lane: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class Claimed:
    update_id: int
    lane: int
    payload: dict[str, Any]
    attempts: int


def lane_of(payload: dict[str, Any]) -> int:
    """The chat whose updates must keep their order (the user for updates without a chat; 0 for none)."""
    for kind in ("message", "edited_message", "channel_post", "edited_channel_post", "business_message"):
        if kind in payload:
            return int(payload[kind]["chat"]["id"])
    if "callback_query" in payload:
        query = payload["callback_query"]
        message = query.get("message")
        return int(message["chat"]["id"]) if message else int(query["from"]["id"])
    for kind in ("my_chat_member", "chat_member", "chat_join_request"):
        if kind in payload:
            return int(payload[kind]["chat"]["id"])
    for value in payload.values():
        if isinstance(value, dict) and isinstance(value.get("from"), dict):
            return int(value["from"]["id"])
    return 0


async def store(connection: AsyncConnection, bot_id: int, updates: Sequence[Stored]) -> int:
    """Insert what is new; an update seen before (same bot and update_id) is ignored. Returns how many were new."""
    if not updates:
        return 0
    rows = await connection.execute(
        insert(IncomingUpdate)
        .values([{"bot_id": bot_id, "update_id": u.update_id, "lane": u.lane, "payload": u.payload} for u in updates])
        .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
        .returning(IncomingUpdate.update_id)
    )
    return len(rows.all())


async def ready_lanes(connection: AsyncConnection, bot_id: int, limit: int) -> list[int]:
    """Lanes with something pending, the lane whose next update is oldest first."""
    heads = (
        select(IncomingUpdate.lane, func.min(IncomingUpdate.update_id).label("head"))
        .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.status == "pending")
        .group_by(IncomingUpdate.lane)
        .subquery()
    )
    rows = await connection.scalars(select(heads.c.lane).order_by(heads.c.head).limit(limit))
    return list(rows)


async def finish_and_unlock(connection: AsyncConnection, bot_id: int, update_id: int | None, lane: int) -> None:
    """The update's handling is over (every message sent): note when, and free its lane — one round trip."""
    if update_id is None:
        await unlock_lane(connection, lane)
        return
    finished = (
        update(IncomingUpdate)
        .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.update_id == update_id)
        .values(handled_at=func.now())
        .cte("finished")
    )
    await connection.execute(select(func.pg_advisory_unlock(lane)).add_cte(finished))


async def is_finished(connection: AsyncConnection, bot_id: int, update_id: int) -> bool:
    return bool(
        await connection.scalar(
            select(IncomingUpdate.handled_at.is_not(None)).where(
                IncomingUpdate.bot_id == bot_id, IncomingUpdate.update_id == update_id
            )
        )
    )


async def is_handled(connection: AsyncConnection, bot_id: int, update_id: int) -> bool:
    """Its effects are committed (marked done or set aside) — even if the worker died before it noted the end."""
    status = await connection.scalar(
        select(IncomingUpdate.status).where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.update_id == update_id)
    )
    return status is not None and status != "pending"


async def try_lock_lane(connection: AsyncConnection, lane: int) -> bool:
    # The single-bigint advisory key space is the inbox's own (nothing else in the schema uses it).
    return bool(await connection.scalar(select(func.pg_try_advisory_lock(lane))))


async def unlock_lane(connection: AsyncConnection, lane: int) -> None:
    await connection.execute(select(func.pg_advisory_unlock(lane)))


async def claim_head(connection: AsyncConnection, bot_id: int, lane: int) -> Claimed | None:
    """The oldest pending update of a lane whose lock the caller holds, with its attempt counted (committed by
    the caller before handling, so an update that keeps killing the process is recognised)."""
    head = (
        select(IncomingUpdate.update_id)
        .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.lane == lane, IncomingUpdate.status == "pending")
        .order_by(IncomingUpdate.update_id)
        .limit(1)
        .scalar_subquery()
    )
    row = (
        await connection.execute(
            update(IncomingUpdate)
            .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.update_id == head)
            .values(attempts=IncomingUpdate.attempts + 1)
            .returning(IncomingUpdate.update_id, IncomingUpdate.payload, IncomingUpdate.attempts)
        )
    ).first()
    if row is None:
        return None
    return Claimed(row.update_id, lane, row.payload or {}, row.attempts)


def done_statement(bot_id: int, update_id: int, status: str = "done", error: str | None = None) -> Any:
    """Marks an update handled and forgets what it said and whose chat it came from: only its id is kept, to
    recognise a redelivery (personal data no longer than needed, 152-FZ art. 5 part 7)."""
    return (
        update(IncomingUpdate)
        .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.update_id == update_id)
        .values(status=status, payload=None, lane=0, error=error)
    )


async def mark(
    target: AsyncConnection | AsyncSession, bot_id: int, update_id: int, status: str, error: str | None = None
) -> None:
    await target.execute(done_statement(bot_id, update_id, status, error))


async def prune(connection: AsyncConnection, keep: timedelta = KEEP_HANDLED) -> int:
    result = await connection.execute(
        delete(IncomingUpdate).where(
            IncomingUpdate.status != "pending",
            func.coalesce(IncomingUpdate.handled_at, IncomingUpdate.received_at) < func.now() - keep,
        )
    )
    return int(result.rowcount or 0)


async def forget_handled(connection: AsyncConnection, bot_id: int) -> None:
    """A Bot API server that starts its update ids afresh (the local emulator): ids seen before mean nothing."""
    await connection.execute(
        delete(IncomingUpdate).where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.status != "pending")
    )


async def pending_count(connection: AsyncConnection, bot_id: int) -> int:
    return int(
        await connection.scalar(
            select(func.count())
            .select_from(_T)
            .where(IncomingUpdate.bot_id == bot_id, IncomingUpdate.status == "pending")
        )
        or 0
    )
