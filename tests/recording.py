"""Flows in-process: the real dispatcher (bot/app.py build_dispatcher, real PostgreSQL) fed updates with
`Dispatcher.feed_update`, and a Bot API session that records every method instead of calling Telegram."""

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import AnswerCallbackQuery, EditMessageText, GetMe, SendDocument, SendMessage, SendPhoto
from aiogram.methods.base import TelegramMethod
from aiogram.types import Message, Update, User
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.flows.dispatcher import shared_dispatcher

BOT_ID = 424242


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []
        self.ids = itertools.count(1000)

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.calls.append(method)
        if isinstance(method, GetMe):
            return User(id=BOT_ID, is_bot=True, first_name="Наставник", username="nastavnik_test_bot")
        if method.__returning__ is bool:
            return True
        chat_id = getattr(method, "chat_id", None) or 0
        return Message.model_validate(
            {
                "message_id": next(self.ids),
                "date": datetime.now(UTC),
                "chat": {"id": chat_id, "type": "private"},
                "text": getattr(method, "text", None),
            },
            context={"bot": bot},
        )

    async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # no downloads in these flows
        raise NotImplementedError

    async def close(self) -> None:
        return None


@dataclass
class Reply:
    calls: list[TelegramMethod[Any]]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.calls if isinstance(c, SendMessage | EditMessageText) and c.text]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def alerts(self) -> list[str]:
        return [c.text or "" for c in self.calls if isinstance(c, AnswerCallbackQuery)]

    @property
    def documents(self) -> dict[str, bytes]:
        return {c.document.filename or "": c.document.data for c in self.calls if isinstance(c, SendDocument)}  # type: ignore[union-attr]

    @property
    def photos(self) -> list[bytes]:
        return [c.photo.data for c in self.calls if isinstance(c, SendPhoto)]  # type: ignore[union-attr]


@dataclass
class Flow:
    dispatcher: Dispatcher
    bot: Bot
    session: RecordingSession
    updates: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def _feed(self, update: dict[str, Any]) -> Reply:
        mark = len(self.session.calls)
        await self.dispatcher.feed_update(self.bot, Update.model_validate(update, context={"bot": self.bot}))
        return Reply(self.session.calls[mark:])

    def _user(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": "Пользователь"}

    async def send(self, user_id: int, text: str) -> Reply:
        n = next(self.updates)
        return await self._feed(
            {
                "update_id": n,
                "message": {
                    "message_id": n,
                    "date": datetime.now(UTC),
                    "chat": {"id": user_id, "type": "private"},
                    "from": self._user(user_id),
                    "text": text,
                },
            }
        )

    async def press(self, user_id: int, data: CallbackData | str) -> Reply:
        n = next(self.updates)
        return await self._feed(
            {
                "update_id": n,
                "callback_query": {
                    "id": f"{n}-{uuid.uuid4().hex}",  # unique like Telegram's: presses are answered once by id
                    "from": self._user(user_id),
                    "chat_instance": "ci",
                    "data": data if isinstance(data, str) else data.pack(),
                    "message": {
                        "message_id": 10_000 + n,
                        "date": datetime.now(UTC),
                        "chat": {"id": user_id, "type": "private"},
                        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Наставник"},
                        "text": "…",
                    },
                },
            }
        )


def build_flow(engine: AsyncEngine) -> Flow:
    """A new recording bot; the dispatcher is built once per engine (aiogram routers attach to one parent)."""
    recording = RecordingSession()
    bot = Bot("424242:TEST-token", session=recording, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    return Flow(shared_dispatcher(engine), bot, recording)
