"""An aiohttp server that speaks the Telegram Bot API as our bot uses it, plus a control API for
simulated users (tests, the chat page). Listens on 127.0.0.1 only.

Bot API:   /bot<token>/<method>, /file/bot<token>/<file_path>
Control:   /_emulator/…  (see `_control_routes`)
Chat page: /
"""

import json
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from aiohttp import web

from bot.emulator.markup import EntityError, html_to_plain
from bot.emulator.state import ApiError, EmulatorState, SimUser, StoredFile, bad_request

log = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^(\d+):[\w-]{5,}$")
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
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


def _text(params: Params, name: str, limit: int, *, required: bool) -> str | None:
    raw = params.get(name)
    if raw is None or raw == "":
        if required:
            raise bad_request("message text is empty")
        return None
    parse_mode = (params.get("parse_mode") or "").lower()
    if parse_mode == "html":
        try:
            text = html_to_plain(str(raw))
        except EntityError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    else:
        text = str(raw)
    if required and not text.strip():
        raise bad_request("message text is empty")
    if len(text) > limit:
        raise bad_request("message is too long" if name == "text" else "message caption is too long")
    return text


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


async def get_updates(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    offset = _int(params, "offset", required=False)
    limit = min(max(_int(params, "limit", required=False) or 100, 1), 100)
    timeout = min(float(params.get("timeout") or 0), 50.0)
    return await state.get_updates(offset, limit, timeout)


async def send_message(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id = _int(params, "chat_id")
    assert chat_id is not None
    text = _text(params, "text", MAX_TEXT, required=True)
    message = await state.bot_sends(chat_id, text=text, reply_markup=_markup(params))
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def _send_file(kind: str, state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id = _int(params, "chat_id")
    assert chat_id is not None
    stored = _file(params, files, kind, state)
    caption = _text(params, "caption", MAX_CAPTION, required=False)
    message = await state.bot_sends(chat_id, caption=caption, reply_markup=_markup(params), **{kind: stored})
    return message.as_dict(state.bot_user(bot_id), state.users[chat_id])


async def send_document(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return await _send_file("document", state, bot_id, params, files)


async def send_photo(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    return await _send_file("photo", state, bot_id, params, files)


async def edit_message_text(state: EmulatorState, bot_id: int, params: Params, files: dict[str, StoredFile]) -> Any:
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    assert chat_id is not None and message_id is not None
    text = _text(params, "text", MAX_TEXT, required=True)
    message = await state.bot_edits(chat_id, message_id, text=text, reply_markup=_markup(params))
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
    "deletewebhook": accept,
    "sendchataction": accept,
    "close": accept,
    "logout": accept,
}


class Emulator:
    def __init__(self, state: EmulatorState | None = None, *, token: str | None = None) -> None:
        self.state = state or EmulatorState()
        self.token = token  # when set, other tokens get 401
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
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        bound_port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://{host}:{bound_port}"
        return self.url

    async def stop(self) -> None:
        await self.state.close()
        if self._runner is not None:
            await self._runner.cleanup()

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
        add.add_get("/_emulator/chats/{user_id}", self._chat)
        add.add_get("/_emulator/chats/{user_id}/wait", self._wait)
        add.add_post("/_emulator/chats/{user_id}/send", self._send)
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

    def _message_view(self, message: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from_bot": message.from_bot,
            "text": message.text,
            "caption": message.caption,
            "edited": message.edit_date is not None,
            "buttons": (message.reply_markup or {}).get("inline_keyboard", []),
        }
        stored = message.document or message.photo
        if stored is not None:
            data["file"] = {"file_id": stored.file_id, "file_name": stored.file_name, "size": len(stored.content)}
        return data

    async def _users(self, request: web.Request) -> web.Response:
        users = [
            {
                "id": u.id,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "label": u.label,
                "blocked": u.blocked_bot,
            }
            for u in self.state.users.values()
        ]
        return web.json_response({"users": users, "bot_username": self.state.bot_username})

    async def _add_user(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.state.add_user(
            SimUser(
                id=int(body["id"]),
                first_name=str(body.get("first_name") or "Пользователь"),
                last_name=body.get("last_name"),
                username=body.get("username"),
                label=body.get("label"),
            )
        )
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

    async def _send(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        body = await request.json()
        version = self.state.versions[user_id]
        message = await self.state.user_sends(user_id, text=body.get("text"), sticker=bool(body.get("sticker")))
        return web.json_response({"message_id": message.message_id, "version": version + 1})

    async def _press(self, request: web.Request) -> web.Response:
        user_id = self._user_id(request)
        body = await request.json()
        version = self.state.versions[user_id]
        try:
            record = await self.state.user_presses(user_id, int(body["message_id"]), str(body["data"]), self.bot_id)
        except ApiError as error:
            return web.json_response(error.payload(), status=error.code)
        return web.json_response({"callback_query_id": record.id, "version": version})

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
        return web.json_response({"message_id": message.message_id, "version": self.state.versions[user_id]})

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
        headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.file_name or 'file')}"}
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
        return web.json_response({"ok": True})

    async def _commands(self, request: web.Request) -> web.Response:
        return web.json_response({"commands": self.state.commands})

    async def _page(self, request: web.Request) -> web.Response:
        return web.Response(text=PAGE.read_text(encoding="utf-8"), content_type="text/html")
