"""The one request middleware every outgoing Telegram call passes (DESIGN.md "The house"):
waits `retry_after` on 429 and retries a bounded number of times; on 403 reports the chat as
unreachable. Rate pacing and the reminder ledger build on this (issue 5)."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

OnForbidden = Callable[[int], Awaitable[None]]


class OutgoingMiddleware(BaseRequestMiddleware):
    def __init__(self, *, max_retries: int = 3, max_wait: float = 60.0, on_forbidden: OnForbidden | None = None):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.on_forbidden = on_forbidden

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                attempt += 1
                if attempt > self.max_retries or error.retry_after > self.max_wait:
                    raise
                log.warning("429 on %s, waiting %s s (attempt %s)", type(method).__name__, error.retry_after, attempt)
                await asyncio.sleep(error.retry_after)
            except TelegramForbiddenError:
                chat_id: Any = getattr(method, "chat_id", None)
                if self.on_forbidden is not None and isinstance(chat_id, int):
                    await self.on_forbidden(chat_id)
                raise
