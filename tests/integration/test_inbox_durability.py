"""The running bot's engine does not wait for the disk on commit (db/engine.py), except where it matters: storing
updates in the inbox, which is what confirms them to Telegram (issue 12.3)."""

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine
from db.models import IncomingUpdate
from db.repositories import inbox

BOT_ID = 424242


async def test_the_inbox_store_waits_for_the_disk_and_handler_commits_do_not(
    clean_db: AsyncEngine, database_url: str
) -> None:
    engine = create_engine(database_url, pool_size=1, wait_for_disk=False)
    try:
        async with engine.begin() as connection:
            assert await connection.scalar(text("SHOW synchronous_commit")) == "off"  # a handler's transaction
            update = {"update_id": 7, "message": {"chat": {"id": 501}, "from": {"id": 501}, "text": "Здравствуйте"}}
            assert await inbox.store(connection, BOT_ID, [inbox.Stored(7, 501, update)]) == 1
            assert await connection.scalar(text("SHOW synchronous_commit")) == "on"  # this commit waits for the disk
        async with engine.connect() as connection:  # SET LOCAL ended with that transaction
            assert await connection.scalar(text("SHOW synchronous_commit")) == "off"
    finally:
        await engine.dispose()
    async with clean_db.connect() as connection:
        assert await connection.scalar(text("SHOW synchronous_commit")) == "on"  # other engines: the default
        stored = await connection.scalar(select(IncomingUpdate.lane).where(IncomingUpdate.update_id == 7))
    assert stored == 501
