"""Wiring of the reminder scan: the outbox (the bot, through the one request middleware), the renderer
(handlers/reminders.py) and the claimer id of this process."""

import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares.outgoing import NotOurs, on_the_way
from bot.settings import Settings
from handlers.reminders import render
from scheduler.scan import ClaimLost, ScanReport, Undeliverable, scan


class BotOutbox:
    """Sends through the bot, so every message passes the one request middleware (pacing, 429, 403).
    A blocked bot (403) or a chat Telegram does not know makes the reminder undeliverable; any other error
    (network, 5xx, 429 beyond the middleware's retries) reaches the scan, which releases the reminder."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        mark_on_the_way: Callable[[], Awaitable[bool]] | None = None,
    ) -> int:
        on_the_way.set(mark_on_the_way)  # run by the request middleware right before the request
        try:
            message = await self.bot.send_message(chat_id, text, reply_markup=markup)
        except NotOurs as error:
            raise ClaimLost(str(error)) from error
        except TelegramForbiddenError as error:
            raise Undeliverable(str(error)) from error
        except TelegramBadRequest as error:
            if "chat not found" in error.message.lower():
                raise Undeliverable(str(error)) from error
            raise
        return message.message_id

    async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str) -> int:
        message = await self.bot.send_document(chat_id, BufferedInputFile(content, filename=file_name), caption=caption)
        return message.message_id


def claimer_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def run_scan(
    now: datetime,
    sessions: async_sessionmaker[AsyncSession],
    bot: Bot,
    settings: Settings,
    *,
    dry_run: bool = False,
    claimer: str | None = None,
) -> ScanReport:
    return await scan(
        now,
        sessions,
        BotOutbox(bot),
        render,
        claimer=claimer or claimer_id(),
        lease=timedelta(seconds=settings.reminder_lease_seconds),
        default_tz=settings.timezone,
        dry_run=dry_run,
    )
