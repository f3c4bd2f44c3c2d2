"""aiogram FSM storage on our own PostgreSQL table (fsm_states), so a restart mid-form loses nothing.

Keys include the bot id and the destiny; data is JSONB, so only JSON values may be stored in it.
Each call is one statement (an upsert), so concurrent writers never lose each other's keys.

While an update is being handled, every call runs in that update's session (db/current.py): the state
changes commit or roll back with the handler's own changes, and no second pooled connection is taken. The
session also keeps what it read or wrote (`session.info`): state and data come in one query, a second read
costs nothing, and a write that changes nothing (clearing an empty conversation, as /menu does) is not sent.
Outside an update (scripts, tests) each call takes a connection of its own.
"""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy import Executable, Table, and_, delete, event, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from db.current import current_session
from db.models import FsmRecord

_TABLE: Table = FsmRecord.__table__  # type: ignore[assignment]
_PK = ("bot_id", "chat_id", "user_id", "thread_id", "business_connection_id", "destiny")


def _key_values(key: StorageKey) -> dict[str, Any]:
    return {
        "bot_id": key.bot_id,
        "chat_id": key.chat_id,
        "user_id": key.user_id,
        "thread_id": key.thread_id or 0,
        "business_connection_id": key.business_connection_id or "",
        "destiny": key.destiny,
    }


def _where(key: StorageKey) -> Any:
    values = _key_values(key)
    return and_(*(_TABLE.c[name] == values[name] for name in _PK))


class _Executor:
    """Runs statements in the current update's session, or on a connection of its own."""

    def __init__(self, target: AsyncSession | AsyncConnection) -> None:
        self.target = target

    async def scalar(self, statement: Executable) -> Any:
        return await self.target.scalar(statement)

    async def first(self, statement: Executable) -> Any:
        return (await self.target.execute(statement)).first()

    async def execute(self, statement: Executable) -> None:
        await self.target.execute(statement)


_ABSENT: tuple[str | None, dict[str, Any]] = (None, {})


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop("fsm", None)  # what this update wrote is gone: read it again


def _cache() -> dict[tuple[Any, ...], tuple[str | None, dict[str, Any]]] | None:
    """This update's view of its conversation records, or None outside an update."""
    session = current_session.get()
    if session is None:
        return None
    cache: dict[tuple[Any, ...], tuple[str | None, dict[str, Any]]] = session.info.setdefault("fsm", {})
    return cache


class PostgresStorage(BaseStorage):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _record(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        cache = _cache()
        if cache is not None and tuple(_key_values(key).values()) in cache:
            return cache[tuple(_key_values(key).values())]
        async with self._run() as run:
            row = await run.first(select(_TABLE.c.state, _TABLE.c.data).where(_where(key)))
        record = (row[0], dict(row[1] or {})) if row is not None else _ABSENT
        if cache is not None:
            cache[tuple(_key_values(key).values())] = record
        return record

    def _remember(self, key: StorageKey, state: str | None, data: dict[str, Any]) -> None:
        cache = _cache()
        if cache is not None:
            cache[tuple(_key_values(key).values())] = (state, dict(data))

    def _known(self, key: StorageKey) -> tuple[str | None, dict[str, Any]] | None:
        cache = _cache()
        return cache.get(tuple(_key_values(key).values())) if cache is not None else None

    @asynccontextmanager
    async def _run(self) -> AsyncIterator[_Executor]:
        session = current_session.get()
        if session is not None:
            yield _Executor(session)
            return
        async with self._engine.begin() as connection:
            yield _Executor(connection)

    async def _upsert(self, key: StorageKey, **fields: Any) -> None:
        statement = insert(_TABLE).values(**_key_values(key), **fields)
        statement = statement.on_conflict_do_update(index_elements=list(_PK), set_=fields)
        async with self._run() as run:
            await run.execute(statement)
            # An empty record is no record: keep the table as small as the live conversations.
            await run.execute(delete(_TABLE).where(_where(key), _TABLE.c.state.is_(None), _TABLE.c.data == {}))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        known = self._known(key)
        if known is not None and known[0] == value:
            return  # nothing changes
        await self._upsert(key, state=value)
        if known is not None:
            self._remember(key, value, known[1])

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._record(key))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise DataNotDictLikeError(f"Data must be a dict or dict-like object, got {type(data).__name__}")
        known = self._known(key)
        if known is not None and known[1] == dict(data):
            return  # nothing changes
        await self._upsert(key, data=dict(data))
        if known is not None:
            self._remember(key, known[0], dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._record(key))[1])

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise DataNotDictLikeError(f"Data must be a dict or dict-like object, got {type(data).__name__}")
        # Merge in the database (jsonb ||) so that two concurrent updates both survive.
        upsert = insert(_TABLE).values(**_key_values(key), data=dict(data))
        statement = upsert.on_conflict_do_update(
            index_elements=list(_PK), set_={"data": _TABLE.c.data.op("||")(upsert.excluded.data)}
        ).returning(_TABLE.c.data)
        async with self._run() as run:
            merged = await run.scalar(statement)
        known = self._known(key)
        if known is not None:
            self._remember(key, known[0], dict(merged or {}))
        return dict(merged or {})

    async def close(self) -> None:
        """The engine belongs to the application, which disposes of it."""
