"""In-process flows: the real dispatcher (build_dispatcher: the same middlewares, routers, FSM storage on the
real PostgreSQL) fed through `Dispatcher.feed_update`, with a recording Bot API session that answers from the
emulator's state — the same Bot API semantics as the end-to-end emulator, without HTTP, a subprocess or
waiting for quiet: an action returns when its update (and whatever it set off) has been handled.

Users have the same API as the end-to-end `SimulatedUser` (send, press, press_data, messages…), so a flow test
reads like an end-to-end one, and "today" can be moved (`Flows.today`) to time-travel deadlines in-process.
"""

import json
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.emulator.client import BotMessage, Reply
from bot.emulator.server import METHODS
from bot.emulator.state import ApiError, ChatMessage, EmulatorState, SimUser
from bot.middlewares.outgoing import OutgoingMiddleware, Pacer


class RecordingSession(BaseSession):
    """Answers every Bot API call from the emulator's state and records it (method name and parameters)."""

    def __init__(self, state: EmulatorState) -> None:
        super().__init__()
        self.state = state
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        name = method.__api_method__
        uploads: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=uploads)
            if prepared:
                params[key] = prepared
        files = {}
        for key, upload in uploads.items():
            content = b"".join([chunk async for chunk in upload.read(bot)])
            files[key] = self.state.new_file(content, upload.filename or key, None)
        self.calls.append((name, params))
        handler = METHODS.get(name.lower())
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(self.state, bot.id, params, files)
        except ApiError as error:
            response = self.check_response(bot, method, error.code, json.dumps(error.payload()))
        else:
            response = self.check_response(bot, method, 200, json.dumps({"ok": True, "result": result}))
        return response.result  # type: ignore[return-value]

    async def close(self) -> None:
        pass

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        """A download (`bot.download`) of a file a user sent: its bytes from the emulator's state, by its path."""
        for stored in self.state.files.values():
            if url.endswith("/" + stored.file_path):
                yield stored.content
                return
        raise ApiError(404, "Not Found")


def _view(message: ChatMessage) -> BotMessage:
    stored = message.document or message.photo
    return BotMessage.from_view(
        {
            "message_id": message.message_id,
            "from_bot": message.from_bot,
            "text": message.text,
            "caption": message.caption,
            "edited": message.edit_date is not None,
            "buttons": (message.reply_markup or {}).get("inline_keyboard", []),
            "file": None
            if stored is None
            else {"file_id": stored.file_id, "file_name": stored.file_name, "size": len(stored.content)},
        }
    )


class Clock:
    """The dispatcher's "now": the real time unless a test moves it (time travel for deadlines)."""

    def __init__(self) -> None:
        self.fixed: datetime | None = None

    def __call__(self) -> datetime:
        return self.fixed or datetime.now(UTC)

    def set(self, moment: datetime | date, hour: int = 10) -> None:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, datetime.min.time()).replace(hour=hour, tzinfo=UTC)
        self.fixed = moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def reset(self) -> None:
        self.fixed = None


@dataclass
class Flows:
    dispatcher: Dispatcher
    bot: Bot
    state: EmulatorState
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    handled: int = 0

    def add_user(self, user_id: int, first_name: str = "Пользователь", last_name: str | None = None) -> "FlowUser":
        if user_id not in self.state.users:
            self.state.add_user(SimUser(user_id, first_name, last_name))
        return FlowUser(self, user_id)

    def user(self, user_id: int) -> "FlowUser":
        return FlowUser(self, user_id)

    async def drain(self) -> int:
        """Handle every update the users produced, in order, as the bot's workers would."""
        count = 0
        while self.state._updates:
            payload = self.state._updates.pop(0)
            update = Update.model_validate(payload, context={"bot": self.bot})
            await self.dispatcher.feed_update(self.bot, update)
            count += 1
        self.handled += count
        return count

    @property
    def bot_id(self) -> int:
        return self.bot.id


class FlowUser:
    def __init__(self, flows: Flows, user_id: int) -> None:
        self.flows = flows
        self.id = user_id

    @property
    def state(self) -> EmulatorState:
        return self.flows.state

    async def messages(self) -> list[BotMessage]:
        return [_view(m) for m in self.state.chats.get(self.id, []) if not m.deleted]

    async def bot_messages(self) -> list[BotMessage]:
        return [m for m in await self.messages() if m.from_bot]

    async def last_bot_message(self) -> BotMessage:
        messages = await self.bot_messages()
        if not messages:
            raise AssertionError("the bot has sent nothing to this user")
        return messages[-1]

    async def wait_for_message(
        self, predicate: Callable[[BotMessage], bool], timeout: float | None = None
    ) -> BotMessage:
        """In-process everything has happened by now: the newest matching message, or a failure."""
        await self.flows.drain()
        found = [m for m in await self.bot_messages() if predicate(m)]
        if not found:
            bodies = [m.body[:80] for m in (await self.messages())[-5:]]
            raise AssertionError(f"no matching message for user {self.id}; last messages: {bodies}")
        return found[-1]

    async def _act(self, action: Callable[[], Any]) -> Reply:
        seen = {m.message_id: m for m in await self.messages()}
        callback_id = await action()
        await self.flows.drain()
        changed = [m for m in await self.messages() if m.from_bot and seen.get(m.message_id) != m]
        reply = Reply(messages=changed)
        if callback_id is not None:
            record = self.state.callbacks[callback_id]
            assert record.answered, f"the press {record.data!r} was not answered"
            reply.callback_answer, reply.show_alert = record.answer_text, record.show_alert
        return reply

    async def send(self, text: str) -> Reply:
        async def action() -> None:
            await self.state.user_sends(self.id, text=text)

        return await self._act(action)

    async def send_sticker(self) -> Reply:
        async def action() -> None:
            await self.state.user_sends(self.id, sticker=True)

        return await self._act(action)

    async def upload(
        self, file_name: str, content: bytes, *, caption: str | None = None, mime_type: str = "application/octet-stream"
    ) -> Reply:
        async def action() -> None:
            stored = self.state.new_file(content, file_name, mime_type)
            await self.state.user_sends(self.id, document=stored, caption=caption)

        return await self._act(action)

    async def press(self, label: str, message: BotMessage | None = None) -> Reply:
        candidates = [message] if message else list(reversed(await self.bot_messages()))
        for candidate in candidates:
            button = candidate.button(label)
            if button is not None and button.callback_data is not None:
                return await self.press_data(button.callback_data, candidate.message_id)
        raise AssertionError(f"no button {label!r}; buttons: {candidates[0].labels if candidates else []}")

    async def press_data(self, data: str, message_id: int) -> Reply:
        async def action() -> str:
            record = await self.state.user_presses(self.id, message_id, data, self.flows.bot_id)
            return record.id

        return await self._act(action)

    async def set_blocked(self, blocked: bool) -> None:
        await self.state.user_blocks(self.id, blocked, self.flows.bot_id)
        await self.flows.drain()


def fast_bot(token: str, state: EmulatorState) -> Bot:
    session = RecordingSession(state)
    session.middleware(OutgoingMiddleware(pacer=Pacer(per_second=1e9, chat_interval=1e-9, chat_burst=1000)))
    return Bot(
        token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)
    )
