"""The one request middleware every outgoing Telegram call passes (DESIGN.md "The house"):

- paces sends to Telegram's limits (about 30 messages a second overall, about one a second per chat — with a
  small burst, so a reply of two or three messages is not slowed down);
- commits the current update's database work as anything reaches a person (db/current.py), the COMMIT sent
  just ahead of the request: once a reply is out, what it reports is durable and the update is marked
  handled, so a crash can't replay it;
- on 429 waits `retry_after` and retries a bounded number of times, and holds that chat (or every chat,
  for a global flood) until then, so the next message doesn't walk into the same storm;
- on a 5xx or a network error retries with exponential backoff, a bounded number of times; the final
  failure is logged with the method and the chat and raised to the caller (a reminder stays due);
- on 403 reports the chat as unreachable;
- treats "message is not modified" (a double tap re-rendering the same screen) as success.
"""

import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any, cast

import aiogram
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientSession, TraceConfig, TraceRequestHeadersSentParams
from aiohttp.hdrs import USER_AGENT
from aiohttp.http import SERVER_SOFTWARE
from sqlalchemy.ext.asyncio import AsyncSession

from db.current import current_session
from handlers.callback_answers import DONE

log = logging.getLogger(__name__)

OnForbidden = Callable[[int], Awaitable[None]]


def _pin_response_models() -> list[Any]:
    """aiogram parses every answer with `Response[method.__returning__]`; pydantic keeps such parametrized
    models only weakly, so each one was garbage-collected and rebuilt — about a third of the bot's CPU per
    update. Held here for every Bot API method, they are built once."""
    import aiogram.methods

    pinned = []
    for name in aiogram.methods.__all__:
        method = getattr(aiogram.methods, name)
        returning = getattr(method, "__returning__", None)
        if isinstance(method, type) and issubclass(method, TelegramMethod) and not isinstance(returning, property):
            pinned.append(Response[returning])  # type: ignore[valid-type]
    return pinned


PINNED_RESPONSE_MODELS = _pin_response_models()

# A sender that must record "on its way" at the last moment (the reminder scan: after pacing, right before the
# request, so that neither a wait nor a crash in it can make the message go out twice or not at all) sets a
# hook here; the next request runs it once, and does not go out when it answers False.
on_the_way: ContextVar[Callable[[], Awaitable[bool]] | None] = ContextVar("on_the_way", default=None)


class NotOurs(Exception):
    """The sender's hook said the message is no longer this sender's to send (its claim was taken over)."""


class Pacer:
    """A global minimum interval plus a token bucket per chat. Delays, never refuses."""

    def __init__(self, per_second: float = 30.0, chat_interval: float = 1.0, chat_burst: int = 5) -> None:
        self.global_interval = 1.0 / per_second
        self.chat_interval = chat_interval
        self.chat_burst = chat_burst
        self._next_global = 0.0
        self._chats: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)
        self._holds: dict[int, float] = {}  # chat -> monotonic time before which nothing goes there (429)
        self._lock = asyncio.Lock()

    def _reserve(self, chat_id: int, now: float) -> float:
        tokens, at = self._chats.get(chat_id, (float(self.chat_burst), now))
        tokens = min(self.chat_burst, tokens + (now - at) / self.chat_interval)
        hold = self._holds.get(chat_id, 0.0)
        # The overall rate takes the next free slot; a chat that must wait (its pace, or a 429's hold) waits on
        # its own, without keeping every other chat behind it.
        global_slot = max(self._next_global, now)
        chat_ready = now + max((1 - tokens) * self.chat_interval if tokens < 1 else 0.0, hold - now, 0.0)
        start = max(global_slot, chat_ready)
        delay = start - now
        tokens = min(self.chat_burst, tokens + delay / self.chat_interval) - 1
        self._chats[chat_id] = (tokens, start)
        self._next_global = global_slot + self.global_interval
        if len(self._chats) > 10_000:  # forget chats idle long enough to have a full bucket again
            horizon = now - self.chat_interval * self.chat_burst
            self._chats = {c: v for c, v in self._chats.items() if v[1] > horizon}
            self._holds = {c: v for c, v in self._holds.items() if v > now}
        return delay

    async def wait(self, chat_id: int) -> float:
        async with self._lock:
            delay = self._reserve(chat_id, time.monotonic())
        if delay > 0:
            await asyncio.sleep(delay)
        return delay

    def hold(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said "retry after": nothing more to this chat (or, with no chat, anywhere) until then."""
        until = time.monotonic() + seconds
        if chat_id is None:
            self._next_global = max(self._next_global, until)
        else:
            self._holds[chat_id] = max(self._holds.get(chat_id, 0.0), until)


def _visible(method: TelegramMethod[Any]) -> bool:
    """A request a person may see (a message, an edit, an answer to a button), as opposed to a query."""
    return not method.__api_method__.startswith("get")


class _CommitWithRequest:
    """The current update's commit, sent with its reply. The work is flushed and the inbox's "done" mark written
    before the request (a failing constraint stops the reply there); the bare COMMIT is started when aiohttp
    hands the request's headers to the connection (`BotSession`'s trace) — after the connection is set up, in
    the same loop turn as the body is written, COMMIT first — and its answer is awaited after the request.

    Committing and waiting for the answer before the request (as this did at first) left a step — a database
    round trip, a connection to Telegram, a loop turn or two — in which the update was done but its reply not
    yet out: a process killed there lost that reply. Now a kill lands before both (the update is handled again)
    or after both. If the COMMIT itself fails (the connection is lost), the update stays pending and is handled
    again, and that one reply may come twice."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.task is None:
            self.task = _run_now(self.session.commit())

    async def finish(self) -> None:
        self.start()  # the request never got as far as its headers (no connection, a session without aiohttp)
        assert self.task is not None
        await self.task


def _run_now(coroutine: Coroutine[Any, Any, None]) -> "asyncio.Task[None]":
    if sys.version_info >= (3, 12):  # runs at once, up to the COMMIT written — before aiohttp's eager body write
        return asyncio.Task(coroutine, loop=asyncio.get_running_loop(), eager_start=True)
    return asyncio.ensure_future(coroutine)  # queued ahead of aiohttp's body-writing task: the same turn, first


_commit_with_request: ContextVar[_CommitWithRequest | None] = ContextVar("commit_with_request", default=None)


async def _prepare_commit() -> _CommitWithRequest | None:
    session = current_session.get()
    if session is None or not session.in_transaction():
        return None
    await session.flush()
    ticket = session.info.get("inbox_ticket")
    if ticket is not None:
        await ticket.mark_before_commit(session)
    return _CommitWithRequest(session)


async def _on_request_headers_sent(session: ClientSession, context: Any, params: TraceRequestHeadersSentParams) -> None:
    pending = _commit_with_request.get()
    if pending is not None:
        pending.start()


class BotSession(AiohttpSession):
    """aiogram's aiohttp session with the trace that starts an update's commit as its request goes out."""

    async def create_session(self) -> ClientSession:
        if self._should_reset_connector:
            await self.close()
        if self._session is None or self._session.closed:
            tracing = TraceConfig()
            tracing.on_request_headers_sent.append(_on_request_headers_sent)
            self._session = ClientSession(
                connector=self._connector_type(**self._connector_init),
                headers={USER_AGENT: f"{SERVER_SOFTWARE} aiogram/{aiogram.__version__}"},
                trace_configs=[tracing],
            )
            self._should_reset_connector = False
        return self._session


class OutgoingMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        max_wait: float = 60.0,
        backoff: float = 0.5,
        on_forbidden: OnForbidden | None = None,
        pacer: Pacer | None = None,
    ):
        self.pacer = pacer or Pacer()
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.backoff = backoff
        self.on_forbidden = on_forbidden

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        attempt = 0
        name = method.__api_method__
        chat_id: Any = getattr(method, "chat_id", None)
        chat = chat_id if isinstance(chat_id, int) else None
        paced = name.startswith("send") and chat is not None
        hook = on_the_way.get()
        if hook is not None:
            on_the_way.set(None)
        while True:
            if paced:
                await self.pacer.wait(chat)  # type: ignore[arg-type]
            if hook is not None:
                if not await hook():
                    raise NotOurs(name)
                hook = None
            commit = await _prepare_commit() if _visible(method) else None
            token = _commit_with_request.set(commit)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                attempt += 1
                self.pacer.hold(chat, error.retry_after)
                if attempt > self.max_retries or error.retry_after > self.max_wait:
                    log.warning("%s to chat %s failed: 429 after %s attempts", name, chat, attempt)
                    raise
                log.warning("429 on %s to chat %s, waiting %s s (attempt %s)", name, chat, error.retry_after, attempt)
                if not paced:  # a paced send waits for the hold in the pacer
                    await asyncio.sleep(error.retry_after)
            except (TelegramServerError, TelegramNetworkError) as error:
                attempt += 1
                if attempt > self.max_retries or name == "getUpdates":  # polling has its own backoff
                    log.warning("%s to chat %s failed after %s attempts: %s", name, chat, attempt, error)
                    raise
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s to chat %s: %s; retrying in %.1f s (attempt %s)", name, chat, error, delay, attempt)
                await asyncio.sleep(delay)
            except TelegramForbiddenError:
                if self.on_forbidden is not None and chat is not None:
                    await self.on_forbidden(chat)
                raise
            except TelegramBadRequest as error:
                if name.startswith("edit") and "message is not modified" in error.message:
                    return cast(Response[TelegramType], DONE)
                raise
            finally:
                _commit_with_request.reset(token)
                if commit is not None:
                    await commit.finish()  # the session is the handler's again only once its commit is over
