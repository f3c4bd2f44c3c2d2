"""Durable handling of Telegram updates: nothing lost on a crash, nothing handled twice, a chat's updates
in order, and as many users at once as the CPU allows without exhausting the database pool.

Intake (long polling here; the webhook front end stores the same way) writes every update to the inbox
(db/repositories/inbox.py) and only then asks Telegram for the next batch — which is what confirms the
previous one. A fixed number of workers, below the pool size, take the oldest pending update of a free
lane (a chat), each on one pooled connection held for that update only; the handler's session runs on
that connection, so the conversation state and the handler's changes commit together with the update's
"done" mark (InboxTicket). Before anything is shown to a person the outgoing middleware commits what the
handler did so far (bot/middlewares/outgoing.py), so a crash after a reply never replays that update.

A worker killed mid-update releases its lane with its connection; the update is still pending and is
handled again by the next worker — after a restart, or at once by another instance.
"""

import asyncio
import logging
import signal
import time
from contextlib import suppress
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import Response, TelegramMethod
from aiogram.types import Update
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from db.errors import is_transient, is_unready
from db.repositories import inbox

log = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 600
IDLE_RECHECK_SECONDS = 1.0  # how often an idle worker looks for updates stored by another instance


class RawGetUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates whose answer stays JSON: the poller only stores updates, a worker parses each one later."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


_RAW_RESPONSE = Response[list[dict[str, Any]]]  # built once (see PINNED_RESPONSE_MODELS)


class InboxTicket:
    """Carried into the handler's data: binds the handler's session to the worker's connection and marks the
    update done in the same transaction as the first commit of the handler's changes."""

    def __init__(self, bot_id: int, update_id: int, connection: AsyncConnection) -> None:
        self.bot_id = bot_id
        self.update_id = update_id
        self.connection = connection
        self.done = False
        self._marking = False

    def attach(self, session: AsyncSession) -> None:
        sync = session.sync_session
        session.info["inbox_ticket"] = self
        event.listen(sync, "before_commit", self._before_commit)
        event.listen(sync, "after_commit", self._after_commit)
        event.listen(sync, "after_rollback", self._after_rollback)

    async def mark_before_commit(self, session: AsyncSession) -> None:
        """Write the "done" mark now, so that the commit that follows is a bare COMMIT (see the outgoing
        middleware: it sends that COMMIT and the reply in the same turn of the loop)."""
        if not self.done and not self._marking:
            await session.execute(inbox.done_statement(self.bot_id, self.update_id))
            self._marking = True

    def _before_commit(self, session: Session) -> None:
        if not self.done and not self._marking:
            session.execute(inbox.done_statement(self.bot_id, self.update_id))
            self._marking = True

    def _after_commit(self, session: Session) -> None:
        if self._marking:
            self.done, self._marking = True, False

    def _after_rollback(self, session: Session) -> None:
        self._marking = False


class _Wakeups:
    """Wakes as many idle workers as there is new work (a stored update wakes one), never all of them at once:
    a token posted while no worker waits is kept, so a worker about to sleep sees it and looks again."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.tokens = 0
        self._condition = asyncio.Condition()

    async def post(self, count: int = 1) -> None:
        async with self._condition:
            self.tokens = min(self.limit, self.tokens + count)
            self._condition.notify(count)

    async def wait(self, timeout: float) -> None:
        async with self._condition:
            with suppress(TimeoutError):
                await asyncio.wait_for(self._condition.wait_for(lambda: self.tokens > 0), timeout)
            if self.tokens > 0:
                self.tokens -= 1


class Backoff:
    def __init__(self, first: float = 0.5, limit: float = 30.0) -> None:
        self.first, self.limit, self.delay = first, limit, first

    async def sleep(self) -> None:
        await asyncio.sleep(self.delay)
        self.delay = min(self.limit, self.delay * 2)

    def reset(self) -> None:
        self.delay = self.first


class UpdatePump:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        engine: AsyncEngine,
        *,
        workers: int,
        polling_timeout: int = 25,
    ) -> None:
        self.dispatcher = dispatcher
        self.bot = bot
        self.engine = engine
        self.workers = workers
        self.polling_timeout = polling_timeout
        self.wakeups = _Wakeups(workers)
        self.stopping = asyncio.Event()
        self.last_poll: float | None = None  # monotonic time of the last successful getUpdates (health)
        self._finished: dict[int, asyncio.Future[None]] = {}  # updates a webhook request waits for

    # -- intake -------------------------------------------------------------------------------------
    async def store(self, payloads: list[dict[str, Any]]) -> int:
        stored = [inbox.Stored(int(p["update_id"]), inbox.lane_of(p), p) for p in payloads]
        async with self.engine.begin() as connection:
            new = await inbox.store(connection, self.bot.id, stored)
        if new:
            await self.wakeups.post(new)
        return new

    async def poll(self) -> None:
        """Long polling: a batch is confirmed to Telegram (by the next call's offset) only once it is stored."""
        allowed = self.dispatcher.resolve_used_update_types()
        offset: int | None = None
        backoff = Backoff()
        timeout = int(self.bot.session.timeout + self.polling_timeout)
        self.last_poll = time.monotonic()  # the bot has just talked to Telegram (getMe) before polling
        while not self.stopping.is_set():
            method = RawGetUpdates(offset=offset, timeout=self.polling_timeout, allowed_updates=allowed, limit=100)
            try:
                updates = await self.bot(method, request_timeout=timeout)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning(
                    "could not fetch updates (%s: %s); retrying in %.1f s", type(error).__name__, error, backoff.delay
                )
                await backoff.sleep()
                continue
            self.last_poll = time.monotonic()
            if not updates:
                backoff.reset()
                continue
            try:
                await self.store(updates)
            except Exception as error:  # the database is away: don't confirm; Telegram keeps them for us
                log.warning("could not store %s updates (%r); retrying in %.1f s", len(updates), error, backoff.delay)
                await backoff.sleep()
                continue
            backoff.reset()
            offset = int(updates[-1]["update_id"]) + 1

    # -- handling -----------------------------------------------------------------------------------
    async def handle_next(self) -> bool:
        """Handle one update of a free lane; False when there was nothing this worker could take."""
        async with self.engine.connect() as connection:
            # The inbox's own statements need no transaction of their own (no BEGIN/COMMIT round trips).
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            lanes = await inbox.ready_lanes(connection, self.bot.id, limit=self.workers * 4)
            for lane in lanes:
                if not await inbox.try_lock_lane(connection, lane):
                    continue
                claimed = None
                try:
                    claimed = await inbox.claim_head(connection, self.bot.id, lane)
                    if claimed is None:
                        continue  # handled by another worker between the listing and the lock
                    await connection.commit()  # ends SQLAlchemy's bookkeeping only: nothing is sent in autocommit
                    await connection.execution_options(isolation_level="READ COMMITTED")
                    await self._handle(connection, claimed)
                    return True
                finally:
                    if not connection.invalidated:
                        await connection.rollback()
                        await connection.execution_options(isolation_level="AUTOCOMMIT")
                        await inbox.finish_and_unlock(
                            connection, self.bot.id, claimed.update_id if claimed else None, lane
                        )
                        await connection.commit()
                        if claimed is not None:
                            self._resolve(claimed.update_id)
        return False

    async def _handle(self, connection: AsyncConnection, claimed: inbox.Claimed) -> None:
        if claimed.attempts > inbox.MAX_ATTEMPTS:
            log.error(
                "update %s was tried %s times without finishing; set aside", claimed.update_id, claimed.attempts - 1
            )
            await inbox.mark(connection, self.bot.id, claimed.update_id, "failed", "too many attempts")
            await connection.commit()
            return
        ticket = InboxTicket(self.bot.id, claimed.update_id, connection)
        try:
            update = Update.model_validate(claimed.payload, context={"bot": self.bot})
            await self.dispatcher.feed_update(self.bot, update, inbox_ticket=ticket)
        except Exception as error:
            if is_transient(error) and not ticket.done:
                raise  # the database went away mid-update: it stays pending and is handled when it is back
            if not isinstance(error, ValueError):
                log.exception("update %s failed outside the handlers", claimed.update_id)
            else:
                log.error("update %s is not a valid update: %s", claimed.update_id, error)
            if not ticket.done:
                await connection.rollback()
                await inbox.mark(connection, self.bot.id, claimed.update_id, "failed", repr(error)[:500])
                await connection.commit()
            return
        if not ticket.done:  # the handler's transaction was rolled back (its error was answered) or never ran
            await connection.rollback()
            await inbox.mark(connection, self.bot.id, claimed.update_id, "done")
            await connection.commit()

    def _resolve(self, update_id: int) -> None:
        future = self._finished.pop(update_id, None)
        if future is not None and not future.done():
            future.set_result(None)

    async def take(self, payload: dict[str, Any], timeout: float) -> bool:
        """A webhook's update: stored (a redelivery is recognised), then awaited until it is handled — by a
        worker here, or by another instance sharing the database — so Telegram hears "taken" only after
        handling. False when that took longer than `timeout` (it is stored, and will be handled)."""
        update_id = int(payload["update_id"])
        future = self._finished.setdefault(update_id, asyncio.get_running_loop().create_future())
        try:
            await self.store([payload])
        except BaseException:
            self._finished.pop(update_id, None)
            raise
        return await self._wait_finished(update_id, future, timeout)

    async def _wait_finished(self, update_id: int, future: asyncio.Future[None], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                with suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(future), min(0.2, max(deadline - time.monotonic(), 0)))
                    return True
                async with self.engine.connect() as connection:
                    # Handled by another instance (or by one that died after committing it): its effects are in.
                    if await inbox.is_handled(connection, self.bot.id, update_id):
                        return True
            return False
        finally:
            self._finished.pop(update_id, None)

    async def work(self) -> None:
        backoff = Backoff()
        while not self.stopping.is_set():
            try:
                handled = await self.handle_next()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if is_unready(error):
                    log.warning("database unavailable (%s); retrying in %.1f s", type(error).__name__, backoff.delay)
                else:
                    log.exception("update worker failed; retrying in %.1f s", backoff.delay)
                await backoff.sleep()
                continue
            backoff.reset()
            if not handled:
                await self.wakeups.wait(IDLE_RECHECK_SECONDS)

    async def prune(self) -> None:
        while not self.stopping.is_set():
            try:
                async with self.engine.begin() as connection:
                    removed = await inbox.prune(connection)
                if removed:
                    log.info("update inbox: %s handled updates forgotten", removed)
            except Exception as error:
                log.warning("update inbox prune failed: %r", error)
            with suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), PRUNE_EVERY_SECONDS)

    async def health(self) -> dict[str, str]:
        """For /healthz: Telegram answered a long poll recently."""
        if self.last_poll is None:
            return {"polling": "ещё не получены обновления от Telegram (no poll yet)"}
        silent = time.monotonic() - self.last_poll
        limit = self.polling_timeout + self.bot.session.timeout + 30
        if silent > limit:
            return {"polling": f"Telegram не отвечает {silent:.0f} с (no poll for {silent:.0f} s)"}
        return {"polling": "ok"}

    # -- running ----------------------------------------------------------------------------------------
    def stop(self) -> None:
        self.stopping.set()

    async def run(self, *, poll: bool = True, handle_signals: bool = True) -> None:
        loop = asyncio.get_running_loop()
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                with suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, self.stop)
        tasks = [asyncio.create_task(self.work(), name=f"update-worker-{n}") for n in range(self.workers)]
        tasks.append(asyncio.create_task(self.prune(), name="update-inbox-prune"))
        poller = asyncio.create_task(self.poll(), name="update-poller") if poll else None
        try:
            await self.stopping.wait()
        finally:
            if poller is not None:
                poller.cancel()
                with suppress(asyncio.CancelledError):
                    await poller
            # Workers finish the update in hand; whatever is still pending waits in the inbox for the next start.
            await self.wakeups.post(self.workers)
            _, still = await asyncio.wait(tasks, timeout=10)
            for task in still:
                task.cancel()
            for task in tasks:
                with suppress(asyncio.CancelledError, Exception):
                    await task
            if handle_signals:
                for sig in (signal.SIGINT, signal.SIGTERM):
                    with suppress(NotImplementedError, RuntimeError):
                        loop.remove_signal_handler(sig)
