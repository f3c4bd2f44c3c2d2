"""The update's work is committed as its reply goes out (bot/middlewares/outgoing.py, issue 12.3): the "done" mark
is written before the request, the bare COMMIT is sent together with it rather than awaited first (that wait
was the step in which a killed bot lost a reply), and the middleware returns only once the commit is over."""

from typing import Any

from aiogram import Bot
from aiogram.methods import Response, SendMessage
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.middlewares.outgoing import OutgoingMiddleware, Pacer
from bot.updates import InboxTicket
from db.current import current_session
from db.engine import session_factory
from db.models import IncomingUpdate
from db.repositories import inbox

BOT_ID = 424242
UPDATE = {"update_id": 11, "message": {"chat": {"id": 77}, "from": {"id": 77}, "text": "Здравствуйте"}}


async def test_the_reply_goes_out_with_the_commit_and_returns_after_it(clean_db: AsyncEngine) -> None:
    async with clean_db.begin() as connection:
        await inbox.store(connection, BOT_ID, [inbox.Stored(11, 77, UPDATE)])
        await connection.execute(text("CREATE TABLE IF NOT EXISTS reply_probe (note text)"))
        await connection.execute(text("TRUNCATE reply_probe"))

    seen: dict[str, Any] = {}

    async def telegram(bot: Bot, method: Any) -> Response[Any]:
        seen["done_at_request"] = ticket.done  # before this request yields to the loop
        async with clean_db.connect() as other:  # what another connection sees while the request is made
            seen["status"] = await other.scalar(select(IncomingUpdate.status).where(IncomingUpdate.update_id == 11))
            seen["probe"] = await other.scalar(text("SELECT count(*) FROM reply_probe"))
        return Response[bool](ok=True, result=True)

    outgoing = OutgoingMiddleware(pacer=Pacer(per_second=1e6, chat_interval=1e-6, chat_burst=100))
    async with clean_db.connect() as worker:
        ticket = InboxTicket(BOT_ID, 11, worker)
        async with session_factory(clean_db)(bind=worker) as session:
            ticket.attach(session)
            token = current_session.set(session)
            try:
                await session.execute(text("INSERT INTO reply_probe VALUES ('the handler''s work')"))
                reply = SendMessage(chat_id=77, text="Ответ")
                answer = await outgoing(telegram, Bot("1:TEST-token"), reply)
            finally:
                current_session.reset(token)
            assert answer.result is True
            assert ticket.done and not session.in_transaction()  # returned after the commit was over
        await worker.rollback()

    # The request did not wait for the COMMIT's answer: at that moment the commit was not over (the work and the
    # "done" mark are committed together, so another connection could not see them yet, or just then).
    assert seen["done_at_request"] is False
    async with clean_db.connect() as connection:
        status = await connection.scalar(select(IncomingUpdate.status).where(IncomingUpdate.update_id == 11))
        probe = await connection.scalar(text("SELECT count(*) FROM reply_probe"))
        await connection.execute(text("DROP TABLE reply_probe"))
        await connection.commit()
    assert status == "done" and probe == 1  # the handler's work and the mark, in one commit
    assert (seen["status"], seen["probe"]) in (("pending", 0), ("done", 1))  # never one without the other
