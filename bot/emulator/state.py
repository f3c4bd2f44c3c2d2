"""In-memory world of the emulator: users, private chats, messages, files, pending updates.

The Bot API side (server.py) and the simulated users (the control API, client.py, the chat page)
both act on it. Every change to a chat bumps its version (and the global one), which is how waiting
clients learn that the bot has answered. `snapshot()`/`restore()` let storage.py keep it on disk.
"""

import asyncio
import contextlib
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from bot.emulator.markup import Entity, detect_entities


class ApiError(Exception):
    """An error answer of the Bot API: {"ok": false, "error_code": …, "description": …}."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class SimUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    blocked_bot: bool = False
    label: str | None = None  # a hint for the chat page, e.g. the demo role

    def as_user(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        data["language_code"] = "ru"
        return data

    def as_chat(self) -> dict[str, Any]:
        chat = {k: v for k, v in self.as_user().items() if k in ("id", "first_name", "last_name", "username")}
        chat["type"] = "private"
        return chat


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None

    @property
    def file_path(self) -> str:
        # Telegram's own paths are ASCII too: documents/file_12.xlsx
        suffix = Path(self.file_name or "").suffix
        return f"documents/file_{self.file_unique_id}{suffix if suffix.isascii() else ''}"

    def meta(self) -> dict[str, Any]:
        """Everything but the content, which storage.py keeps in a file of its own."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
        }

    def as_document(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass
class ChatMessage:
    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None  # plain text, as a client displays it
    entities: list[Entity] | None = None  # its formatting (from parse_mode=HTML)
    caption: str | None = None
    caption_entities: list[Entity] | None = None
    reply_markup: dict[str, Any] | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    edit_date: int | None = None
    deleted: bool = False
    update_id: int | None = None  # a person's message: the update that carried it to the bot

    def shown_entities(self) -> tuple[list[Entity], list[Entity]]:
        """What a client highlights in the text and in the caption: the formatting plus found links."""
        text = detect_entities(self.text, self.entities) if self.text else []
        caption = detect_entities(self.caption, self.caption_entities) if self.caption else []
        return text, caption

    def as_dict(self, bot_user: dict[str, Any], user: SimUser) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": bot_user if self.from_bot else user.as_user(),
            "chat": user.as_chat(),
            "date": self.date,
        }
        entities, caption_entities = self.shown_entities() if self.from_bot else ([], [])
        if self.text is not None:
            data["text"] = self.text
            if not self.from_bot and self.text.startswith("/"):
                command = self.text.split()[0]
                data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            elif entities:
                data["entities"] = entities
        if self.caption is not None:
            data["caption"] = self.caption
            if caption_entities:
                data["caption_entities"] = caption_entities
        if self.document is not None:
            data["document"] = self.document.as_document()
        if self.photo is not None:
            size = {"file_id": self.photo.file_id, "file_unique_id": self.photo.file_unique_id}
            data["photo"] = [{**size, "width": 800, "height": 600, "file_size": len(self.photo.content)}]
        if self.reply_markup is not None:
            data["reply_markup"] = self.reply_markup
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        return data

    def snapshot(self) -> dict[str, Any]:
        skip = ("document", "photo", "chat_id", "deleted")  # asdict() would copy the files' bytes too
        data = {f.name: getattr(self, f.name) for f in dataclass_fields(self) if f.name not in skip}
        data["document"] = self.document.file_id if self.document else None
        data["photo"] = self.photo.file_id if self.photo else None
        return {k: v for k, v in data.items() if v is not None}


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    message_id: int
    data: str
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False
    update_id: int | None = None


@dataclass
class RateLimit:
    """Above `per_second` bot messages in one second (overall) the emulator answers 429."""

    per_second: float | None = None
    retry_after: int = 1
    stamps: deque[float] = field(default_factory=deque)

    def check(self) -> None:
        if not self.per_second:
            return
        now = time.monotonic()
        while self.stamps and now - self.stamps[0] > 1.0:
            self.stamps.popleft()
        if len(self.stamps) >= self.per_second:
            raise ApiError(429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after)
        self.stamps.append(now)


SNAPSHOT_FORMAT = 1
FIRST_PAGE_USER_ID = 100_001  # people added on the chat page get ids from here on


class EmulatorState:
    def __init__(self, *, bot_username: str = "nastavnik_local_bot", bot_name: str = "Наставник") -> None:
        self.delivery: Any = None  # webhook delivery (bot/emulator/webhook.py) while the bot has a webhook set
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.users: dict[int, SimUser] = {}
        self.chats: dict[int, list[ChatMessage]] = {}
        self.versions: dict[int, int] = {}
        self.version = 0  # grows with any change of any chat or of the list of users
        self.files: dict[str, StoredFile] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.rate_limit = RateLimit()
        self.requests: list[str] = []  # names of the Bot API methods called, for tests
        self._updates: list[dict[str, Any]] = []
        # Both only grow, across restarts too: the bot drops an update whose update_id it has seen.
        self._last_update_id = 0
        self._last_message_ids: dict[int, int] = {}
        self._changed = asyncio.Condition()
        self.closing = False
        self.on_change: Callable[[], None] | None = None  # storage.py saves the state soon after

    def _dirty(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # -- users and chats ------------------------------------------------------------------------------
    def add_user(self, user: SimUser) -> SimUser:
        known = self.users.get(user.id)
        if known is not None:
            user.blocked_bot = known.blocked_bot  # the bot remembers that too
        self.users[user.id] = user
        self.chats.setdefault(user.id, [])
        self.versions.setdefault(user.id, 0)
        self._last_message_ids.setdefault(user.id, 0)
        self.version += 1
        self._dirty()
        return user

    def next_user_id(self) -> int:
        return max([FIRST_PAGE_USER_ID - 1, *self.users]) + 1

    def user(self, user_id: int) -> SimUser:
        if user_id not in self.users:
            raise bad_request("chat not found")
        return self.users[user_id]

    def message(self, chat_id: int, message_id: int) -> ChatMessage | None:
        for item in self.chats.get(chat_id, []):
            if item.message_id == message_id and not item.deleted:
                return item
        return None

    def bot_user(self, bot_id: int) -> dict[str, Any]:
        return {"id": bot_id, "is_bot": True, "first_name": self.bot_name, "username": self.bot_username}

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_ids[chat_id] = self._last_message_ids.get(chat_id, 0) + 1
        return self._last_message_ids[chat_id]

    async def _touch(self, chat_id: int) -> None:
        async with self._changed:
            self.versions[chat_id] = self.versions.get(chat_id, 0) + 1
            self.version += 1
            self._changed.notify_all()
        self._dirty()

    async def notify(self, *, changed: bool = False) -> None:
        """Wake whoever waits for a change that is not one chat's (a new user, a blocked bot)."""
        async with self._changed:
            if changed:
                self.version += 1
            self._changed.notify_all()
        self._dirty()

    async def wait_chat_change(self, chat_id: int, after_version: int, timeout: float) -> int:
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.closing or self.versions.get(chat_id, 0) > after_version),
                    timeout,
                )
            return self.versions.get(chat_id, 0)

    async def wait_any_change(self, after_version: int, timeout: float) -> int:
        """Until anything changed after `after_version` (the global version); a smaller current version
        means the emulator was started anew with less history, which is a change too."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.closing or self.version != after_version), timeout
                )
            return self.version

    def new_file(self, content: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        unique = secrets.token_hex(8)
        stored = StoredFile(f"FILE{unique}{secrets.token_hex(8)}", unique, content, file_name, mime_type)
        self.files[stored.file_id] = stored
        self._dirty()
        return stored

    # -- what the simulated user does ------------------------------------------------------------------
    async def push_raw(self, update: dict[str, Any]) -> int:
        """An update of any kind, as a Telegram client would cause it (tests of content the page can't make)."""
        return await self._push_update(update)

    async def _push_update(self, update: dict[str, Any]) -> int:
        async with self._changed:
            self._last_update_id += 1
            update_id = self._last_update_id
            self._updates.append({"update_id": update_id, **update})
            self._changed.notify_all()
        self._dirty()
        return update_id

    def _user_message(self, user: SimUser, **fields: Any) -> ChatMessage:
        message = ChatMessage(
            message_id=self._next_message_id(user.id),
            chat_id=user.id,
            from_bot=False,
            date=int(time.time()),
            **fields,
        )
        self.chats[user.id].append(message)
        return message

    async def user_sends(
        self,
        user_id: int,
        *,
        text: str | None = None,
        document: StoredFile | None = None,
        caption: str | None = None,
        sticker: bool = False,
    ) -> ChatMessage:
        user = self.user(user_id)
        message = self._user_message(user, text=text, document=document, caption=caption)
        payload = message.as_dict({}, user)
        payload.pop("from")
        payload["from"] = user.as_user()
        if sticker:
            payload["sticker"] = {
                "file_id": "STICKER", "file_unique_id": "STICKER", "type": "regular",
                "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "👍",
            }  # fmt: skip
        await self._touch(user_id)
        message.update_id = await self._push_update({"message": payload})
        return message

    async def user_presses(self, user_id: int, message_id: int, data: str, bot_id: int) -> CallbackRecord:
        user = self.user(user_id)
        message = self.message(user_id, message_id)
        if message is None or not message.from_bot:
            raise bad_request("message not found")
        record = CallbackRecord(id=secrets.token_hex(8), user_id=user_id, message_id=message_id, data=data)
        self.callbacks[record.id] = record
        record.update_id = await self._push_update(
            {
                "callback_query": {
                    "id": record.id,
                    "from": user.as_user(),
                    "message": message.as_dict(self.bot_user(bot_id), user),
                    "chat_instance": str(user_id),
                    "data": data,
                }
            }
        )
        return record

    async def user_blocks(self, user_id: int, blocked: bool, bot_id: int) -> None:
        user = self.user(user_id)
        if user.blocked_bot == blocked:
            return
        user.blocked_bot = blocked
        bot = self.bot_user(bot_id)

        def member(status: str) -> dict[str, Any]:
            # Telegram's ChatMemberBanned always carries until_date (0: for ever)
            return {"status": status, "user": bot, **({"until_date": 0} if status == "kicked" else {})}

        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        await self._push_update(
            {
                "my_chat_member": {
                    "chat": user.as_chat(),
                    "from": user.as_user(),
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )
        await self.notify(changed=True)

    # -- what the bot does -----------------------------------------------------------------------------
    async def get_updates(self, offset: int | None, limit: int, timeout: float) -> list[dict[str, Any]]:
        async with self._changed:
            if offset is not None:
                pending = len(self._updates)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if len(self._updates) != pending:
                    self._dirty()
            if not self._updates and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait_for(lambda: self.closing or bool(self._updates)), timeout)
            return list(self._updates[:limit])

    async def close(self) -> None:
        """Answer every pending long poll now, so that the server can shut down at once."""
        async with self._changed:
            self.closing = True
            self._changed.notify_all()

    def _check_can_send(self, chat_id: int) -> SimUser:
        user = self.user(chat_id)
        if user.blocked_bot:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        self.rate_limit.check()
        return user

    async def bot_sends(self, chat_id: int, **fields: Any) -> ChatMessage:
        user = self._check_can_send(chat_id)
        message = ChatMessage(
            message_id=self._next_message_id(user.id), chat_id=chat_id, from_bot=True, date=int(time.time()), **fields
        )
        self.chats[chat_id].append(message)
        await self._touch(chat_id)
        return message

    async def bot_edits(self, chat_id: int, message_id: int, **fields: Any) -> ChatMessage:
        self.user(chat_id)
        message = self.message(chat_id, message_id)
        if message is None or not message.from_bot:
            raise bad_request("message to edit not found")
        if all(getattr(message, key) == value for key, value in fields.items()):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly the same "
                "as a current content and reply markup of the message"
            )
        for key, value in fields.items():
            setattr(message, key, value)
        message.edit_date = int(time.time())
        await self._touch(chat_id)
        return message

    async def bot_deletes(self, chat_id: int, message_id: int) -> None:
        message = self.message(chat_id, message_id)
        if message is None:
            raise bad_request("message to delete not found")
        message.deleted = True
        await self._touch(chat_id)

    async def bot_answers_callback(self, callback_id: str, text: str | None, show_alert: bool) -> None:
        record = self.callbacks.get(callback_id)
        if record is None or record.answered:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        record.answered, record.answer_text, record.show_alert = True, text, show_alert
        await self._touch(record.user_id)

    def reset(self) -> None:
        """Forget every chat and pending update (between tests); the users stay unknown too. Update ids
        keep growing, as Telegram's do."""
        self.users.clear()
        self.chats.clear()
        self.versions.clear()
        self.callbacks.clear()
        self._updates.clear()
        self._last_message_ids.clear()
        self.requests.clear()
        self.rate_limit = RateLimit()
        self.version += 1
        self._dirty()

    # -- on disk (see storage.py) ----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Everything worth keeping across a restart, as JSON-ready data (file contents aside)."""
        return {
            "format": SNAPSHOT_FORMAT,
            "version": self.version,
            "last_update_id": self._last_update_id,
            "users": [asdict(user) for user in self.users.values()],
            "chats": {
                str(chat_id): {
                    "version": self.versions.get(chat_id, 0),
                    "last_message_id": self._last_message_ids.get(chat_id, 0),
                    "messages": [m.snapshot() for m in messages if not m.deleted],
                }
                for chat_id, messages in self.chats.items()
            },
            "files": [stored.meta() for stored in self.files.values()],
            "updates": list(self._updates),  # not yet confirmed by the bot: Telegram keeps them too
            "callbacks": [asdict(c) for c in self.callbacks.values() if not c.answered],
            "commands": self.commands,
        }

    @property
    def numbers_afresh(self) -> bool:
        """No update was ever numbered here (a new emulator, or one whose history was lost)."""
        return self._last_update_id == 0

    def restore(self, data: dict[str, Any], content: Callable[[StoredFile], bytes]) -> None:
        """Take back a snapshot; `content` reads a file's bytes (empty when it was lost)."""
        if data.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"unknown emulator state format {data.get('format')!r}")
        self.version = int(data["version"])
        self._last_update_id = int(data["last_update_id"])
        self.commands = dict(data.get("commands") or {})
        for item in data.get("files", []):
            stored = StoredFile(item["file_id"], item["file_unique_id"], b"", item["file_name"], item["mime_type"])
            stored.content = content(stored)
            self.files[stored.file_id] = stored
        self.users = {int(u["id"]): SimUser(**u) for u in data.get("users", [])}
        for key, chat in data.get("chats", {}).items():
            chat_id = int(key)
            self.versions[chat_id] = int(chat["version"])
            self._last_message_ids[chat_id] = int(chat["last_message_id"])
            self.chats[chat_id] = [self._restored_message(chat_id, m) for m in chat["messages"]]
        for user_id in self.users:
            self.chats.setdefault(user_id, [])
            self.versions.setdefault(user_id, 0)
            self._last_message_ids.setdefault(user_id, 0)
        self._updates = list(data.get("updates", []))
        self.callbacks = {c["id"]: CallbackRecord(**c) for c in data.get("callbacks", [])}

    def _restored_message(self, chat_id: int, data: dict[str, Any]) -> ChatMessage:
        values = dict(data)
        for kind in ("document", "photo"):
            file_id = values.pop(kind, None)
            if file_id is not None:
                values[kind] = self.files.get(file_id)
        return ChatMessage(chat_id=chat_id, **values)
