"""An aiohttp server that speaks the Telegram Bot API as our bot uses it, plus a control API for
simulated users (tests, the chat page). Listens on 127.0.0.1 only.

Bot API:   /bot<token>/<method>, /file/bot<token>/<file_path>
Control:   /_emulator/…  (see `_control_routes`)
Chat page: /  (page.html)

With `state_dir` the history is kept on disk between runs (storage.py).
"""

import errno
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from aiohttp import web

from bot.emulator.links import LinkError, parse_deep_link
from bot.emulator.markup import Entity, EntityError, parse_html
from bot.emulator.state import ApiError, ChatMessage, EmulatorState, SimUser, StoredFile, bad_request
from bot.emulator.storage import StateFile
from bot.emulator.webhook import Delivery, Webhook

log = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^(\d+):[\w-]{5,}$")
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_NAME = 64  # Telegram's limit for a first or last name
PICTURE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
PAGE = Path(__file__).with_name("page.html")

Params = dict[str, Any]
Method = Callable[[EmulatorState, int, Params, dict[str, StoredFile]], Awaitable[Any]]


# -- parameter helpers ---------------------------------------------------------------------------------
def _int(params: Params, name: str, *, required: bool = True) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise bad_request(f"{name} is empty" if name != "chat_id" else "chat_id is empty")
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise bad_request(f"invalid {name} specified") from exc


def _json(params: Params, name: str) -> Any:
    value = params.get(name)
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(value)
    except ValueError as exc:
        raise bad_request(f"can't parse {name} JSON object") from exc


def _text(params: Params, name: str, limit: int, *, required: bool) -> tuple[str | None, list[Entity] | None]:
    """The text (or caption) as a client shows it, and its formatting."""
    raw = params.get(name)
    if raw is None or raw == "":
        if required:
            raise bad_request("message text is empty")
        return None, None
    parse_mode = (params.get("parse_mode") or "").lower()
    entities: list[Entity] | None = None
    if parse_mode == "html":
        try:
            text, entities = parse_html(str(raw))
        except EntityError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    else:
        text = str(raw)
        explicit = _json(params, "entities" if name == "text" else "caption_entities")
        if isinstance(explicit, list):
            entities = [e for e in explicit if isinstance(e, dict)]
    if required and not text.strip():
        raise bad_request("message text is empty")
    if len(text) > limit:
        raise bad_request("message is too long" if name == "text" else "message caption is too long")
    return text, entities or None


def _markup(params: Params) -> dict[str, Any] | None:
    markup = _json(params, "reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    if "inline_keyboard" not in markup:
        return None  # reply keyboards and removals are accepted, not displayed
    return markup


def _file(params: Params, files: dict[str, StoredFile], name: str, state: EmulatorState) -> StoredFile:
    value = params.get(name)
    if isinstance(value, str) and value.startswith("attach://"):
        value = files.get(value.removeprefix("attach://"))
    if isinstance(value, StoredFile):
        return value
    if isinstance(value, str) and value in state.files:
        return state.files[value]
    if name in files:
        return files[name]
    raise bad_request(f"there is no {name} in the request")


# -- Bot API methods -----------------------------------------------------------------------------------
async def get_me(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return {
        **state.bot_user(bot_id),
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


async def set_webhook(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    url = str(params.get("url") or "")
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    webhook = Webhook(url, str(secret) if secret else None, _int(params, "max_connections", required=False) or 40)
    if state.delivery is not None:
        if state.delivery.webhook == webhook:
            return True  # another instance of the same bot set the same webhook: nothing changes
        await state.delivery.stop()
    state.delivery = Delivery(state, webhook)
    state.delivery.start()
    return True


async def delete_webhook(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    if state.delivery is not None:
        await state.delivery.stop()
        state.delivery = None
    if str(params.get("drop_pending_updates", "false")).lower() == "true":
        state._updates.clear()
    return True


async def get_webhook_info(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    delivery = state.delivery
    return {
        "url": delivery.webhook.url if delivery else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state._updates),
        "max_connections": delivery.webhook.max_connections if delivery else 40,
    }


async def get_updates(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    if state.delivery is not None:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active",
        )
    offset = _int(params, "offset", required=False)
    limit = min(max(_int(params, "limit", required=False) or 100, 1), 100)
    timeout = min(float(params.get("timeout") or 0), 50.0)
    return await state.get_updates(offset, limit, timeout)


async def send_message(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id = _int(params, "chat_id")
    assert chat_id is not None
    text, entities = _text(params, "text", MAX_TEXT, required=True)
    message = await state.bot_sends(chat_id, text=text, entities=entities, reply_markup=_markup(params))
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def _send_file(kind: str, state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id = _int(params, "chat_id")
    assert chat_id is not None
    stored = _file(params, files, kind, state)
    caption, entities = _text(params, "caption", MAX_CAPTION, required=False)
    message = await state.bot_sends(
        chat_id, caption=caption, caption_entities=entities, reply_markup=_markup(params), **{kind: stored}
    )
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def send_document(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return await _send_file("document", state, bot_id, params, files)


async def send_photo(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return await _send_file("photo", state, bot_id, params, files)


async def edit_message_text(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    assert chat_id is not None and message_id is not None
    text, entities = _text(params, "text", MAX_TEXT, required=True)
    message = await state.bot_edits(chat_id, message_id, text=text, entities=entities, reply_markup=_markup(params))
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def edit_message_reply_markup(
    state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]
) -> Any:
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    assert chat_id is not None and message_id is not None
    message = await state.bot_edits(chat_id, message_id, reply_markup=_markup(params))
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def delete_message(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    assert chat_id is not None and message_id is not None
    await state.bot_deletes(chat_id, message_id)
    return True


async def answer_callback_query(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    show_alert = str(params.get("show_alert", "false")).lower() == "true"
    await state.bot_answers_callback(str(params.get("callback_query_id")), params.get("text"), show_alert)
    return True


async def get_file(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    stored = state.files.get(str(params.get("file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


async def set_my_commands(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    commands = _json(params, "commands") or []
    scope = _json(params, "scope") or {"type": "default"}
    state.commands[json.dumps(scope, sort_keys=True)] = commands
    return True


async def get_my_commands(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    scope = _json(params, "scope") or {"type": "default"}
    return state.commands.get(json.dumps(scope, sort_keys=True), [])


async def delete_my_commands(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    scope = _json(params, "scope") or {"type": "default"}
    state.commands.pop(json.dumps(scope, sort_keys=True), None)
    return True


async def accept(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return True


METHODS: dict[str, Method] = {
    "getme": get_me,
    "getupdates": get_updates,
    "sendmessage": send_message,
    "senddocument": send_document,
    "sendphoto": send_photo,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
    "getfile": get_file,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "deletewebhook": delete_webhook,
    "setwebhook": set_webhook,
    "getwebhookinfo": get_webhook_info,
    "sendchataction": accept,
    "close": accept,
    "logout": accept,
}


class PortInUse(OSError):
    """Another program (often the bot started earlier) already listens on the emulator's port."""

    def __init__(self, port: int) -> None:
        super().__init__(errno.EADDRINUSE, f"port {port} is in use")
        self.port = port


class Emulator:
    def __init__(
        self, state: EmulatorState | None = None, *, token: str | None = None, state_dir: Path | None = None
    ) -> None:
        self.state = state or EmulatorState()
        self.token = token  # when set, other tokens get 401
        self.storage = StateFile(state_dir) if state_dir is not None else None
        self.app = web.Application(client_max_size=60 * 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self.app.router.add_get("/", self._page)
        self._control_routes()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.bot_id = 0

    # -- lifecycle -----------------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on host:port (0: any free port) and, with `state_dir`, take back the saved history.
        A busy port raises PortInUse."""
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            self._runner = None
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(port) from None
            raise
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        bound_port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://{host}:{bound_port}"
        # No request is served before this returns: loading does not wait for anything.
        if self.storage is not None:
            if self.storage.acquire():
                self.storage.load(self.state)
            else:
                log.warning(
                    "the emulator history in %s is kept by another running process; this one is not saved",
                    self.storage.directory,
                )
                self.storage = None
        return self.url

    async def stop(self) -> None:
        if self.state.delivery is not None:
            await self.state.delivery.stop()
            self.state.delivery = None
        await self.state.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self.storage is not None:
            self.storage.close()

    # -- Bot API -------------------------------------------------------------------------------------
    def _bot_id(self, token: str) -> int:
        match = TOKEN_RE.fullmatch(token)
        if not match or (self.token is not None and token != self.token):
            raise ApiError(401, "Unauthorized")
        self.bot_id = int(match.group(1))
        return self.bot_id

    async def _read_params(self, request: web.Request) -> tuple[Params, dict[str, StoredFile]]:
        params: Params = dict(request.query)
        files: dict[str, StoredFile] = {}
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.body_exists:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    files[key] = self.state.new_file(content, value.filename, value.content_type)
                else:
                    params[key] = value
        return params, files

    async def _bot_api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        try:
            bot_id = self._bot_id(request.match_info["token"])
            method = METHODS.get(name.lower())
            if method is None:
                raise ApiError(404, "Not Found")
            params, files = await self._read_params(request)
            self.state.requests.append(name)
            result = await method(self.state, bot_id, params, files)
        except ApiError as error:
            if error.code != 409:
                log.debug("emulator %s -> %s %s", name, error.code, error.description)
            return web.json_response(error.payload(), status=error.code)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        try:
            self._bot_id(request.match_info["token"])
        except ApiError as error:
            return web.json_response(error.payload(), status=error.code)
        path = unquote(request.match_info["path"])
        for stored in self.state.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    # -- control API (simulated users) ---------------------------------------------------------------
    def _control_routes(self) -> None:
        add = self.app.router
        add.add_get("/_emulator/users", self._users)
        add.add_post("/_emulator/users", self._add_user)
        add.add_get("/_emulator/wait", self._wait_any)
        add.add_post("/_emulator/links", self._parse_link)
        add.add_get("/_emulator/chats/{user_id}", self._chat)
        add.add_get("/_emulator/chats/{user_id}/wait", self._wait)
        add.add_post("/_emulator/chats/{user_id}/send", self._send)
        add.add_post("/_emulator/chats/{user_id}/open", self._open_link)
        add.add_post("/_emulator/chats/{user_id}/press", self._press)
        add.add_post("/_emulator/chats/{user_id}/upload", self._upload)
        add.add_post("/_emulator/chats/{user_id}/block", self._block)
        add.add_get("/_emulator/callbacks/{callback_id}", self._callback)
        add.add_get("/_emulator/files/{file_id}", self._file)
        add.add_post("/_emulator/config", self._config)
        add.add_post("/_emulator/reset", self._reset)
        add.add_get("/_emulator/commands", self._commands)

    def _user_id(self, request: web.Request) -> int:
        try:
            user_id = int(request.match_info["user_id"])
        except ValueError as exc:
            raise web.HTTPBadRequest(text="bad user id") from exc
        if user_id not in self.state.users:
            raise web.HTTPNotFound(text="unknown user")
        return user_id

    @staticmethod
    def _refusal(text: str) -> web.Response:
        """A control request the page can't do, with the reason in Russian for the person."""
        return web.json_response({"error": text}, status=400)

    def _message_view(self, message: ChatMessage) -> dict[str, Any]:
        entities, caption_entities = message.shown_entities()
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from_bot": message.from_bot,
            "date": message.date,
            "text": message.text,
            "entities": entities,
            "caption": message.caption,
            "caption_entities": caption_entities,
            "edited": message.edit_date is not None,
            "buttons": (message.reply_markup or {}).get("inline_keyboard", []),
        }
        stored = message.document or message.photo
        if stored is not None:
            data["file"] = {
                "file_id": stored.file_id,
                "file_name": stored.file_name,
                "size": len(stored.content),
                "mime_type": stored.mime_type,
                "kind": "photo" if message.photo is not None else "document",
            }
        return data

    def _last_message(self, user_id: int) -> dict[str, Any] | None:
        for message in reversed(self.state.chats.get(user_id, [])):
            if message.deleted:
                continue
            body = message.text or message.caption or (message.document.file_name if message.document else None)
            return {
                "message_id": message.message_id,
                "from_bot": message.from_bot,
                "date": message.date,
                "text": (body or ("фото" if message.photo else "")).split("\n")[0][:120],
            }
        return None

    async def _users(self, request: web.Request) -> web.Response:
        users = [
            {
                "id": u.id,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "label": u.label,
                "blocked": u.blocked_bot,
                "version": self.state.versions.get(u.id, 0),
                "last": self._last_message(u.id),
            }
            for u in self.state.users.values()
        ]
        return web.json_response(
            {
                "users": users,
                "bot_username": self.state.bot_username,
                "bot_name": self.state.bot_name,
                "version": self.state.version,
                "saved": self.storage is not None,
            }
        )

    async def _add_user(self, request: web.Request) -> web.Response:
        body = await request.json()
        first_name = " ".join(str(body.get("first_name") or "").split())
        last_name = " ".join(str(body.get("last_name") or "").split()) or None
        if body.get("id") is None:
            # from the chat page: a person types the name
            if not first_name:
                return self._refusal("Укажите имя.")
            if len(first_name) > MAX_NAME or len(last_name or "") > MAX_NAME:
                return self._refusal(f"Имя и фамилия — не длиннее {MAX_NAME} символов каждое.")
            user_id = self.state.next_user_id()
        else:
            user_id = int(body["id"])
        user = self.state.add_user(
            SimUser(
                id=user_id,
                first_name=first_name or "Пользователь",
                last_name=last_name,
                username=body.get("username"),
                label=body.get("label"),
            )
        )
        await self.state.notify()
        return web.json_response({"id": user.id})

    async def _chat(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        messages = [self._message_view(m) for m in self.state.chats[user_id] if not m.deleted]
        return web.json_response({"version": self.state.versions[user_id], "messages": messages})

    async def _wait(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        after = int(request.query.get("after", "0"))
        timeout = min(float(request.query.get("timeout", "10")), 60.0)
        version = await self.state.wait_chat_change(user_id, after, timeout)
        return web.json_response({"version": version})

    async def _wait_any(self, request: web.Request) -> web.Response:
        after = int(request.query.get("after", "-1"))
        timeout = min(float(request.query.get("timeout", "10")), 60.0)
        version = await self.state.wait_any_change(after, timeout)
        return web.json_response({"version": version})

    async def _send(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        body = await request.json()
        version = self.state.versions[user_id]
        message = await self.state.user_sends(user_id, text=body.get("text"), sticker=bool(body.get("sticker")))
        return web.json_response(
            {"message_id": message.message_id, "version": version + 1, "update_id": message.update_id}
        )

    async def _parse_link(self, request: web.Request) -> web.Response:
        """Whether a link opens our bot: {"command": "/start <code>"} or {"error": why not}."""
        body = await request.json()
        try:
            link = parse_deep_link(str(body.get("url") or ""), self.state.bot_username)
        except LinkError as error:
            return self._refusal(str(error))
        return web.json_response({"bot_username": link.bot_username, "start": link.start, "command": link.command})

    async def _open_link(self, request: web.Request) -> web.Response:
        """The user opens a t.me link to the bot: Telegram sends `/start <code>` for them (and a bare
        `/start` only when the chat is new, as the «Начать» button does)."""
        user_id = self._user_id(request)
        body = await request.json()
        try:
            link = parse_deep_link(str(body.get("url") or ""), self.state.bot_username)
        except LinkError as error:
            return self._refusal(str(error))
        version = self.state.versions[user_id]
        if link.start is None and any(not m.deleted for m in self.state.chats[user_id]):
            return web.json_response({"command": None, "version": version})
        message = await self.state.user_sends(user_id, text=link.command)
        return web.json_response({"command": link.command, "message_id": message.message_id, "version": version + 1})

    async def _press(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        body = await request.json()
        version = self.state.versions[user_id]
        try:
            record = await self.state.user_presses(user_id, int(body["message_id"]), str(body["data"]), self.bot_id)
        except ApiError as error:
            return web.json_response(error.payload(), status=error.code)
        return web.json_response({"callback_query_id": record.id, "version": version, "update_id": record.update_id})

    async def _upload(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="no file")
        stored = self.state.new_file(upload.file.read(), upload.filename, upload.content_type)
        caption = form.get("caption")
        message = await self.state.user_sends(
            user_id, document=stored, caption=str(caption) if isinstance(caption, str) and caption else None
        )
        return web.json_response(
            {"message_id": message.message_id, "version": self.state.versions[user_id], "update_id": message.update_id}
        )

    async def _block(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        body = await request.json()
        await self.state.user_blocks(user_id, bool(body.get("blocked", True)), self.bot_id)
        return web.json_response({"blocked": self.state.users[user_id].blocked_bot})

    async def _callback(self, request: web.Request) -> web.Response:
        record = self.state.callbacks.get(request.match_info["callback_id"])
        if record is None:
            raise web.HTTPNotFound(text="unknown callback")
        return web.json_response(
            {"answered": record.answered, "text": record.answer_text, "show_alert": record.show_alert}
        )

    async def _file(self, request: web.Request) -> web.Response:
        stored = self.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound(text="unknown file")
        # A picture may be shown in the chat; anything else (an uploaded .html, an .svg) is only downloaded and,
        # even if opened, runs nothing on the page's origin.
        inline = request.query.get("inline") == "1" and stored.mime_type in PICTURE_TYPES
        disposition = "inline" if inline else "attachment"
        headers = {
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(stored.file_name or 'file')}",
            "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'",
            "X-Content-Type-Options": "nosniff",
        }
        return web.Response(
            body=stored.content, headers=headers, content_type=stored.mime_type or "application/octet-stream"
        )

    async def _config(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "rate_limit_per_second" in body:
            self.state.rate_limit.per_second = body["rate_limit_per_second"]
        if "retry_after" in body:
            self.state.rate_limit.retry_after = int(body["retry_after"])
        return web.json_response({"rate_limit_per_second": self.state.rate_limit.per_second})

    async def _reset(self, request: web.Request) -> web.Response:
        self.state.reset()
        await self.state.notify()
        return web.json_response({"ok": True})

    async def _commands(self, request: web.Request) -> web.Response:
        return web.json_response({"commands": self.state.commands})

    async def _page(self, request: web.Request) -> web.Response:
        # The page builds messages from text nodes and checked links, never from HTML. On top of that the
        # policy runs only the page's own script (by its nonce): no injected <script>, no onclick="…".
        nonce = secrets.token_urlsafe(16)
        headers = {
            "Content-Security-Policy": (
                f"default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
            ),
            "Cache-Control": "no-store",
        }
        page = PAGE.read_text(encoding="utf-8").replace("<script>", f'<script nonce="{nonce}">', 1)
        return web.Response(text=page, content_type="text/html", headers=headers)
