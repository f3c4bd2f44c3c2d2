"""The one request middleware every outgoing Telegram call passes (DESIGN.md "The house"): paces sends to
Telegram's limits (about 30 messages a second overall, about one a second per chat — with a small burst, so
a reply of two or three messages is not slowed down), waits `retry_after` on 429 and retries a bounded
number of times, and on 403 reports the chat as unreachable."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

OnForbidden = Callable[[int], Awaitable[None]]


class Pacer:
    """A global minimum interval plus a token bucket per chat. Delays, never refuses."""

    def __init__(self, per_second: float = 30.0, chat_interval: float = 1.0, chat_burst: int = 5) -> None:
        self.global_interval = 1.0 / per_second
        self.chat_interval = chat_interval
        self.chat_burst = chat_burst
        self._next_global = 0.0
        self._chats: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)
        self._lock = asyncio.Lock()

    def _reserve(self, chat_id: int, now: float) -> float:
        tokens, at = self._chats.get(chat_id, (float(self.chat_burst), now))
        tokens = min(self.chat_burst, tokens + (now - at) / self.chat_interval)
        delay = max((1 - tokens) * self.chat_interval if tokens < 1 else 0.0, self._next_global - now, 0.0)
        start = now + delay
        tokens = min(self.chat_burst, tokens + delay / self.chat_interval) - 1
        self._chats[chat_id] = (tokens, start)
        self._next_global = start + self.global_interval
        if len(self._chats) > 10_000:  # forget chats idle long enough to have a full bucket again
            horizon = now - self.chat_interval * self.chat_burst
            self._chats = {c: v for c, v in self._chats.items() if v[1] > horizon}
        return delay

    async def wait(self, chat_id: int) -> float:
        async with self._lock:
            delay = self._reserve(chat_id, time.monotonic())
        if delay > 0:
            await asyncio.sleep(delay)
        return delay


class OutgoingMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        max_wait: float = 60.0,
        on_forbidden: OnForbidden | None = None,
        pacer: Pacer | None = None,
    ):
        self.pacer = pacer or Pacer()
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.on_forbidden = on_forbidden

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        attempt = 0
        chat_id: Any = getattr(method, "chat_id", None)
        paced = type(method).__name__.startswith("Send") and isinstance(chat_id, int)
        while True:
            if paced:
                await self.pacer.wait(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                attempt += 1
                if attempt > self.max_retries or error.retry_after > self.max_wait:
                    raise
                log.warning("429 on %s, waiting %s s (attempt %s)", type(method).__name__, error.retry_after, attempt)
                await asyncio.sleep(error.retry_after)
            except TelegramForbiddenError:
                if self.on_forbidden is not None and isinstance(chat_id, int):
                    await self.on_forbidden(chat_id)
                raise
