"""The update's work is committed as its reply goes out (bot/middlewares/outgoing.py, issue 12.3): the "done" mark
is written before the request; the bare COMMIT leaves when the request's headers do — not before the request
(waiting for its answer there was the step in which a killed bot lost a reply), not after it — and the
middleware returns once the commit is over. A deferred trigger makes the COMMIT take a second, so what the
Bot API server sees while it is in progress is certain."""

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import DeleteMessage
from aiohttp import web
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.middlewares.outgoing import BotSession, OutgoingMiddleware, Pacer
from bot.updates import InboxTicket
from db.current import current_session
from db.engine import session_factory
from db.models import IncomingUpdate
from db.repositories import inbox

BOT_ID = 424242
UPDATE = {"update_id": 11, "message": {"chat": {"id": 77}, "from": {"id": 77}, "text": "Здравствуйте"}}
SLOW_COMMIT = """
CREATE TABLE reply_probe (note text);
CREATE FUNCTION reply_probe_slow() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER reply_probe_at_commit AFTER INSERT ON reply_probe
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reply_probe_slow();
"""


@pytest.fixture
async def probe(clean_db: AsyncEngine) -> AsyncIterator[None]:
    async with clean_db.begin() as connection:
        for statement in SLOW_COMMIT.split(";\n"):
            if statement.strip():
                await connection.execute(text(statement))
        await inbox.store(connection, BOT_ID, [inbox.Stored(11, 77, UPDATE)])
    yield
    async with clean_db.begin() as connection:
        await connection.execute(text("DROP TABLE reply_probe"))
        await connection.execute(text("DROP FUNCTION reply_probe_slow()"))


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return int(probe_socket.getsockname()[1])


async def reply_while_handling(clean_db: AsyncEngine, api_url: str) -> tuple[InboxTicket, Any]:
    """A handler's work (a row whose COMMIT is slow) and its reply through the bot's own session."""
    bot = Bot("1:TEST-token", session=BotSession(api=TelegramAPIServer.from_base(api_url)))
    bot.session.middleware(OutgoingMiddleware(max_retries=0, pacer=Pacer(1e6, 1e-6, 100)))
    try:
        async with clean_db.connect() as worker:
            ticket = InboxTicket(BOT_ID, 11, worker)
            async with session_factory(clean_db)(bind=worker) as session:
                ticket.attach(session)
                token = current_session.set(session)
                try:
                    await session.execute(text("INSERT INTO reply_probe VALUES ('the handler''s work')"))
                    try:
                        answer = await bot(DeleteMessage(chat_id=77, message_id=1))
                    except Exception as error:
                        answer = error
                finally:
                    current_session.reset(token)
                assert ticket.done and not session.in_transaction()  # returned once the commit was over
            await worker.rollback()
    finally:
        await bot.session.close()
    return ticket, answer


async def committed(engine: AsyncEngine) -> tuple[str | None, int | None]:
    async with engine.connect() as connection:
        status = await connection.scalar(select(IncomingUpdate.status).where(IncomingUpdate.update_id == 11))
        rows = await connection.scalar(text("SELECT count(*) FROM reply_probe"))
    return status, rows


async def test_the_commit_leaves_with_the_request_and_the_reply_does_not_wait_for_it(
    clean_db: AsyncEngine, probe: None
) -> None:
    seen: dict[str, Any] = {}
    ticket: InboxTicket | None = None

    async def api(request: web.Request) -> web.Response:
        seen["done"] = ticket.done if ticket else None
        seen["committing"] = [
            task
            for task in asyncio.all_tasks()
            if "AsyncSession.commit" in task.get_coro().__qualname__  # type: ignore[union-attr]
        ]
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        original_init = InboxTicket.__init__

        def remember(self: InboxTicket, *args: Any) -> None:
            nonlocal ticket
            original_init(self, *args)
            ticket = self

        InboxTicket.__init__ = remember  # type: ignore[method-assign]
        try:
            _, answer = await reply_while_handling(clean_db, f"http://127.0.0.1:{port}")
        finally:
            InboxTicket.__init__ = original_init  # type: ignore[method-assign]
    finally:
        await runner.cleanup()

    assert answer is True
    assert seen["done"] is False  # the request reached the server while the COMMIT was still going on…
    assert len(seen["committing"]) == 1  # …already started: it left no later than the request
    assert await committed(clean_db) == ("done", 1)  # the work and the done mark, in one commit


async def test_a_request_that_never_leaves_still_commits(clean_db: AsyncEngine, probe: None) -> None:
    """No connection to Telegram (nothing listens): the work is committed all the same, as before (the update is
    handled; the reply's failure is logged by the middleware and raised to the handler)."""
    ticket, answer = await reply_while_handling(clean_db, f"http://127.0.0.1:{free_port()}")
    assert isinstance(answer, Exception)
    assert ticket.done
    assert await committed(clean_db) == ("done", 1)
