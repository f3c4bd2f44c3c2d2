"""The emulator's chat page in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium;
`make test` installs it). Pages are checked by what they show (DOM text and state), waiting with Playwright's
auto-retrying expectations, never with sleeps."""

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from bot.emulator import Emulator, EmulatorState, SimUser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BOT_USERNAME = "nastavnik_page_bot"
TOKEN = "777000:PAGE-test-token"

# A loaded two-core machine can be slow to draw; expectations retry until this many milliseconds.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="package")  # closed when the browser tests end, not kept through the rest of the suite
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        await browser.close()


class FakeBot:
    """Plays the bot's side over the real Bot API of the emulator (what the bot would send)."""

    def __init__(self, url: str, http: aiohttp.ClientSession) -> None:
        self.url = url
        self.http = http

    async def call(self, method: str, **params: Any) -> Any:
        if isinstance(params.get("reply_markup"), dict):
            params["reply_markup"] = json.dumps(params["reply_markup"])
        async with self.http.post(f"{self.url}/bot{TOKEN}/{method}", json=params) as response:
            body = await response.json()
        assert body["ok"], body
        return body["result"]

    async def send(self, chat_id: int, text: str, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = await self.call("sendMessage", chat_id=chat_id, text=text, **params)
        return result

    async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str = "") -> Any:
        form = aiohttp.FormData(quote_fields=False)
        form.add_field("chat_id", str(chat_id))
        form.add_field("caption", caption)
        form.add_field("document", content, filename=file_name)
        async with self.http.post(f"{self.url}/bot{TOKEN}/sendDocument", data=form) as response:
            body = await response.json()
        assert body["ok"], body
        return body["result"]

    async def updates(self, offset: int | None = None) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self.call("getUpdates", offset=offset, timeout=0)
        return result


class Site:
    """An emulator with its history in a folder, as `make run` has it, and a bot-side client."""

    def __init__(self, state_dir: Path, http: aiohttp.ClientSession) -> None:
        self.state_dir = state_dir
        self.http = http
        self.emulator: Emulator | None = None
        self.bot: FakeBot | None = None

    async def start(self) -> Emulator:
        return await self.start_on(0)

    async def start_on(self, port: int) -> Emulator:
        self.emulator = Emulator(EmulatorState(bot_username=BOT_USERNAME), state_dir=self.state_dir)
        await self.emulator.start(port=port)
        self.bot = FakeBot(self.emulator.url, self.http)
        return self.emulator

    async def stop(self) -> None:
        if self.emulator is not None:
            await self.emulator.stop()
            self.emulator = None

    @property
    def url(self) -> str:
        assert self.emulator is not None
        return self.emulator.url

    def add(self, user_id: int, first_name: str, last_name: str | None = None, label: str | None = None) -> None:
        assert self.emulator is not None
        self.emulator.state.add_user(SimUser(user_id, first_name, last_name, label=label))


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Site]:
    async with aiohttp.ClientSession() as http:
        site = Site(tmp_path / "emulator", http)
        await site.start()
        site.add(1001, "Анна Сергеевна", "Литвинова", "директор")
        site.add(1002, "Елена Павловна", "Кузнецова", "куратор")
        yield site
        await site.stop()


class Browse:
    """Opens pages in fresh browser contexts (no shared storage) and closes them after the test."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: list[tuple[Page, list[str]]] = []

    async def __call__(self, url: str, viewport: dict[str, int] = DESKTOP) -> Page:
        context = await self.browser.new_context(viewport=viewport, locale="ru-RU")  # type: ignore[arg-type]
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        self.pages.append((page, errors))
        await page.goto(url)
        return page

    async def close(self) -> list[str]:
        errors = [error for _, page_errors in self.pages for error in page_errors]
        for page, _ in self.pages:
            await page.context.close()
        return errors


@pytest.fixture
async def browse(browser: Browser) -> AsyncIterator[Browse]:
    pages = Browse(browser)
    yield pages
    assert await pages.close() == []  # no script error on any page
