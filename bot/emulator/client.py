"""A Python client of the emulator's control API: simulated users who chat with the bot over HTTP.

    async with EmulatorClient(url) as emulator:
        anna = await emulator.add_user(5001, "Анна")
        reply = await anna.send("/start")
        reply = await anna.press("📝 Подать заявку")

Each action returns once the bot has handled it: with a `handled` hook (the end-to-end harness asks the
bot's database whether the update is finished), exactly then; without one, once the bot has answered in that
chat and then stayed quiet for `settle` seconds.
"""

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp


class BotSilent(AssertionError):
    """The bot did not react in time."""


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BotMessage:
    message_id: int
    from_bot: bool
    text: str | None
    caption: str | None = None
    edited: bool = False
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: dict[str, Any] | None = None

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> "BotMessage":
        rows = tuple(
            tuple(Button(b["text"], b.get("callback_data"), b.get("url")) for b in row) for row in view["buttons"]
        )
        return cls(
            message_id=view["message_id"],
            from_bot=view["from_bot"],
            text=view.get("text"),
            caption=view.get("caption"),
            edited=view.get("edited", False),
            buttons=rows,
            file=view.get("file"),
        )

    @property
    def body(self) -> str:
        return self.text or self.caption or ""

    @property
    def labels(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]

    def button(self, label: str) -> Button | None:
        every = [button for row in self.buttons for button in row]
        exact = [b for b in every if b.text == label]
        if exact:
            return exact[0]
        partial = [b for b in every if label.lower() in b.text.lower()]
        return partial[0] if len(partial) == 1 else None


@dataclass
class Reply:
    """What the bot did in the chat after one action of the user."""

    messages: list[BotMessage] = field(default_factory=list)
    callback_answer: str | None = None
    show_alert: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(m.body for m in self.messages)

    @property
    def last(self) -> BotMessage:
        if not self.messages:
            raise AssertionError("the bot sent or changed no message")
        return self.messages[-1]


Handled = Callable[[int, float], Awaitable[bool]]  # (update_id, timeout) → finished in time


class EmulatorClient:
    def __init__(self, url: str, *, settle: float = 0.3, timeout: float = 20.0, handled: Handled | None = None) -> None:
        self.url = url.rstrip("/")
        self.settle = settle
        self.timeout = timeout
        self.handled = handled
        self._http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "EmulatorClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def http(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()

    async def request(self, method: str, path: str, **kwargs: Any) -> Any:
        async with self.http.request(method, f"{self.url}{path}", **kwargs) as response:
            if response.content_type == "application/json":
                return await response.json()
            response.raise_for_status()
            return await response.read()

    async def add_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        *,
        username: str | None = None,
        label: str | None = None,
    ) -> "SimulatedUser":
        body = {"id": user_id, "first_name": first_name, "last_name": last_name, "username": username, "label": label}
        await self.request("POST", "/_emulator/users", json=body)
        return SimulatedUser(self, user_id)

    def user(self, user_id: int) -> "SimulatedUser":
        return SimulatedUser(self, user_id)

    async def reset(self) -> None:
        await self.request("POST", "/_emulator/reset")

    async def configure(self, **options: Any) -> None:
        await self.request("POST", "/_emulator/config", json=options)

    async def download(self, file_id: str) -> bytes:
        return await self.request("GET", f"/_emulator/files/{file_id}")

    async def commands(self) -> dict[str, list[dict[str, str]]]:
        return (await self.request("GET", "/_emulator/commands"))["commands"]


class SimulatedUser:
    def __init__(self, client: EmulatorClient, user_id: int) -> None:
        self.client = client
        self.id = user_id

    # -- reading ---------------------------------------------------------------------------------------
    async def _snapshot(self) -> tuple[int, list[BotMessage]]:
        data = await self.client.request("GET", f"/_emulator/chats/{self.id}")
        return data["version"], [BotMessage.from_view(v) for v in data["messages"]]

    async def messages(self) -> list[BotMessage]:
        return (await self._snapshot())[1]

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
        """For what another user's action makes the bot send here (e.g. a curator's notification)."""
        deadline = time.monotonic() + (timeout or self.client.timeout)
        while True:
            version, messages = await self._snapshot()
            found = [m for m in messages if m.from_bot and predicate(m)]
            if found:
                return found[-1]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                bodies = [m.body[:80] for m in messages[-5:]]
                raise BotSilent(f"no matching message for user {self.id}; last messages: {bodies}")
            await self._wait_change(version, min(remaining, 2.0))

    async def _wait_change(self, after: int, timeout: float) -> int:
        data = await self.client.request(
            "GET", f"/_emulator/chats/{self.id}/wait", params={"after": after, "timeout": timeout}
        )
        return data["version"]

    # -- acting ----------------------------------------------------------------------------------------
    async def _settle(self, after_version: int, callback_id: str | None = None) -> int:
        deadline = time.monotonic() + self.client.timeout
        version = await self._wait_change(after_version, self.client.timeout)
        if version <= after_version:
            raise BotSilent(f"the bot did not answer user {self.id} within {self.client.timeout} s")
        while True:
            newer = await self._wait_change(version, self.client.settle)
            quiet = newer == version
            if quiet and (callback_id is None or (await self._callback(callback_id))["answered"]):
                return version
            if time.monotonic() > deadline:
                raise BotSilent(f"the bot did not answer the button of user {self.id}")
            version = newer

    async def _callback(self, callback_id: str) -> dict[str, Any]:
        return await self.client.request("GET", f"/_emulator/callbacks/{callback_id}")

    async def _act(self, action: Callable[[], Any]) -> Reply:
        _, before = await self._snapshot()
        seen = {m.message_id: m for m in before}
        result = await action()
        if "error_code" in result:
            raise AssertionError(f"the emulator refused: {result['description']}")
        callback_id = result.get("callback_query_id")
        update_id = result.get("update_id")
        if self.client.handled is not None and update_id is not None:
            if not await self.client.handled(update_id, self.client.timeout):
                raise BotSilent(
                    f"the bot did not finish update {update_id} of user {self.id} in {self.client.timeout} s"
                )
        else:
            await self._settle(result["version"], callback_id)
        _, after = await self._snapshot()
        changed = [m for m in after if m.from_bot and seen.get(m.message_id) != m]
        reply = Reply(messages=changed)
        if callback_id is not None:
            answer = await self._callback(callback_id)
            reply.callback_answer, reply.show_alert = answer["text"], answer["show_alert"]
        return reply

    async def send(self, text: str) -> Reply:
        return await self._act(
            lambda: self.client.request("POST", f"/_emulator/chats/{self.id}/send", json={"text": text})
        )

    async def open_link(self, url: str) -> Reply:
        """Open a t.me link to the bot, as a tap on it in Telegram does: `/start <code>` from this user."""

        async def action() -> Any:
            result = await self.client.request("POST", f"/_emulator/chats/{self.id}/open", json={"url": url})
            if "error" in result:
                raise AssertionError(f"the emulator refused the link: {result['error']}")
            return result

        return await self._act(action)

    async def send_sticker(self) -> Reply:
        return await self._act(
            lambda: self.client.request("POST", f"/_emulator/chats/{self.id}/send", json={"sticker": True})
        )

    async def upload(
        self, file_name: str, content: bytes, *, caption: str | None = None, mime_type: str = "application/octet-stream"
    ) -> Reply:
        def action() -> Any:
            form = aiohttp.FormData(quote_fields=False)  # UTF-8 file names, as Telegram clients send them
            form.add_field("file", content, filename=file_name, content_type=mime_type)
            if caption:
                form.add_field("caption", caption)
            return self.client.request("POST", f"/_emulator/chats/{self.id}/upload", data=form)

        return await self._act(action)

    async def press(self, label: str, message: BotMessage | None = None) -> Reply:
        """Press the inline button whose label is `label` (or uniquely contains it) in `message`,
        by default in the newest bot message that has such a button."""
        candidates = [message] if message else list(reversed(await self.bot_messages()))
        for candidate in candidates:
            button = candidate.button(label)
            if button is not None and button.callback_data is not None:
                return await self.press_data(button.callback_data, candidate.message_id)
        raise AssertionError(f"no button {label!r}; buttons: {candidates[0].labels if candidates else []}")

    async def press_data(self, data: str, message_id: int) -> Reply:
        """Send callback data as is: a forged or stale button, for tests of access checks."""
        return await self._act(
            lambda: self.client.request(
                "POST", f"/_emulator/chats/{self.id}/press", json={"message_id": message_id, "data": data}
            )
        )

    async def set_blocked(self, blocked: bool) -> None:
        await self.client.request("POST", f"/_emulator/chats/{self.id}/block", json={"blocked": blocked})
