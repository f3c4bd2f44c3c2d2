"""aiogram FSM storage on our own PostgreSQL table (fsm_states), so a restart mid-form loses nothing.

Keys include the bot id and the destiny; data is JSONB, so only JSON values may be stored in it.
Each call is one statement (an upsert), so concurrent writers never lose each other's keys.
"""

from collections.abc import Mapping
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy import and_, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import FsmRecord

_TABLE = FsmRecord.__table__
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


class PostgresStorage(BaseStorage):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _upsert(self, key: StorageKey, **fields: Any) -> None:
        statement = insert(_TABLE).values(**_key_values(key), **fields)
        statement = statement.on_conflict_do_update(index_elements=list(_PK), set_=fields)
        async with self._engine.begin() as connection:
            await connection.execute(statement)
            # An empty record is no record: keep the table as small as the live conversations.
            await connection.execute(delete(_TABLE).where(_where(key), _TABLE.c.state.is_(None), _TABLE.c.data == {}))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._engine.connect() as connection:
            return await connection.scalar(select(_TABLE.c.state).where(_where(key)))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise DataNotDictLikeError(f"Data must be a dict or dict-like object, got {type(data).__name__}")
        await self._upsert(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._engine.connect() as connection:
            data = await connection.scalar(select(_TABLE.c.data).where(_where(key)))
        return dict(data or {})

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise DataNotDictLikeError(f"Data must be a dict or dict-like object, got {type(data).__name__}")
        # Merge in the database (jsonb ||) so that two concurrent updates both survive.
        statement = insert(_TABLE).values(**_key_values(key), data=dict(data))
        statement = statement.on_conflict_do_update(
            index_elements=list(_PK), set_={"data": _TABLE.c.data.op("||")(statement.excluded.data)}
        ).returning(_TABLE.c.data)
        async with self._engine.begin() as connection:
            merged = await connection.scalar(statement)
        return dict(merged or {})

    async def close(self) -> None:
        """The engine belongs to the application, which disposes of it."""
