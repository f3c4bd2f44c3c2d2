"""aiogram's storage conformance tests (tests/test_fsm/storage/test_storages.py), adapted to PostgresStorage,
plus what the Postgres version must add: key isolation, restart survival and concurrent merges."""

import asyncio

import pytest
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine
from db.fsm_storage import PostgresStorage
from db.models import FsmRecord


class Form(StatesGroup):
    name = State()


@pytest.fixture
def storage(clean_db: AsyncEngine) -> PostgresStorage:
    return PostgresStorage(clean_db)


@pytest.fixture
def storage_key() -> StorageKey:
    return StorageKey(bot_id=42, chat_id=-42, user_id=-42)


# --- aiogram's own conformance suite -------------------------------------------------------------------
async def test_set_state(storage: PostgresStorage, storage_key: StorageKey) -> None:
    assert await storage.get_state(key=storage_key) is None
    await storage.set_state(key=storage_key, state="state")
    assert await storage.get_state(key=storage_key) == "state"
    await storage.set_state(key=storage_key, state=None)
    assert await storage.get_state(key=storage_key) is None


async def test_set_data(storage: PostgresStorage, storage_key: StorageKey) -> None:
    assert await storage.get_data(key=storage_key) == {}
    await storage.set_data(key=storage_key, data={"foo": "bar"})
    assert await storage.get_data(key=storage_key) == {"foo": "bar"}
    await storage.set_data(key=storage_key, data={})
    assert await storage.get_data(key=storage_key) == {}


async def test_update_data(storage: PostgresStorage, storage_key: StorageKey) -> None:
    assert await storage.get_data(key=storage_key) == {}
    assert await storage.update_data(key=storage_key, data={"foo": "bar"}) == {"foo": "bar"}
    assert await storage.update_data(key=storage_key, data={}) == {"foo": "bar"}
    assert await storage.get_data(key=storage_key) == {"foo": "bar"}
    assert await storage.update_data(key=storage_key, data={"baz": "spam"}) == {"foo": "bar", "baz": "spam"}
    assert await storage.get_data(key=storage_key) == {"foo": "bar", "baz": "spam"}
    assert await storage.update_data(key=storage_key, data={"baz": "test"}) == {"foo": "bar", "baz": "test"}
    assert await storage.get_data(key=storage_key) == {"foo": "bar", "baz": "test"}


async def test_get_value(storage: PostgresStorage, storage_key: StorageKey) -> None:
    assert await storage.get_value(storage_key, "foo") is None
    assert await storage.get_value(storage_key, "foo", "default") == "default"
    await storage.set_data(key=storage_key, data={"foo": "bar"})
    assert await storage.get_value(storage_key, "foo") == "bar"


async def test_data_must_be_dict_like(storage: PostgresStorage, storage_key: StorageKey) -> None:
    with pytest.raises(DataNotDictLikeError):
        await storage.set_data(key=storage_key, data=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(DataNotDictLikeError):
        await storage.update_data(key=storage_key, data="text")  # type: ignore[arg-type]


# --- what a Postgres storage adds --------------------------------------------------------------------------
async def test_state_objects_and_data_live_side_by_side(storage: PostgresStorage, storage_key: StorageKey) -> None:
    await storage.set_state(storage_key, Form.name)
    await storage.set_data(storage_key, {"step": 2, "values": {"full_name": "Иванова А.А."}, "ok": True})
    assert await storage.get_state(storage_key) == "Form:name"
    assert await storage.get_data(storage_key) == {"step": 2, "values": {"full_name": "Иванова А.А."}, "ok": True}


async def test_keys_are_isolated_by_bot_destiny_thread_and_business(storage: PostgresStorage) -> None:
    base = StorageKey(bot_id=1, chat_id=10, user_id=10)
    variants = [
        base,
        StorageKey(bot_id=2, chat_id=10, user_id=10),
        StorageKey(bot_id=1, chat_id=10, user_id=10, destiny="dialog"),
        StorageKey(bot_id=1, chat_id=10, user_id=10, thread_id=5),
        StorageKey(bot_id=1, chat_id=10, user_id=10, business_connection_id="biz"),
    ]
    for index, key in enumerate(variants):
        await storage.set_state(key, f"state-{index}")
        await storage.set_data(key, {"n": index})
    for index, key in enumerate(variants):
        assert await storage.get_state(key) == f"state-{index}"
        assert await storage.get_data(key) == {"n": index}


async def test_survives_a_new_engine_as_after_a_restart(
    storage: PostgresStorage, storage_key: StorageKey, database_url: str
) -> None:
    await storage.set_state(storage_key, "Form:name")
    await storage.update_data(storage_key, {"step": 1})
    fresh_engine = create_engine(database_url, pool_size=1)
    try:
        reborn = PostgresStorage(fresh_engine)
        assert await reborn.get_state(storage_key) == "Form:name"
        assert await reborn.get_data(storage_key) == {"step": 1}
    finally:
        await fresh_engine.dispose()


async def test_concurrent_updates_lose_nothing(storage: PostgresStorage, storage_key: StorageKey) -> None:
    await asyncio.gather(*(storage.update_data(storage_key, {f"k{i}": i}) for i in range(20)))
    assert await storage.get_data(storage_key) == {f"k{i}": i for i in range(20)}


async def test_finished_conversations_leave_no_rows(
    storage: PostgresStorage, storage_key: StorageKey, clean_db: AsyncEngine
) -> None:
    await storage.set_state(storage_key, "Form:name")
    await storage.set_data(storage_key, {"x": 1})
    await storage.set_state(storage_key, None)
    await storage.set_data(storage_key, {})
    async with clean_db.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(FsmRecord)) == 0
