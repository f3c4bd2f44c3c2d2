"""An invitation link from the real bot, opened on the chat page: the curator asks for a teacher's link, clicks
it, chooses who opens it (a new person), and the bot welcomes that person, whose Telegram is now linked.

The bot runs as a subprocess (as in tests/e2e) against an emulator in this process; both stop when this module
ends, so they never poll alongside the e2e harness's own bot."""

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import expect
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.emulator import Emulator, EmulatorState, SimUser
from db.engine import session_factory
from domain.roles import Role
from tests.browser.conftest import Browse
from tests.conftest import wipe
from tests.e2e.conftest import BotProcess
from tests.e2e.helpers import person_by_name, staff

TOKEN = "525252:BROWSER-test-token"
BOT_USERNAME = "nastavnik_browser_bot"


@pytest.fixture(scope="module")
async def live_emulator() -> AsyncIterator[Emulator]:
    emulator = Emulator(EmulatorState(bot_username=BOT_USERNAME, bot_name="Наставник (тест)"))
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture(scope="module")
async def live_bot(
    live_emulator: Emulator, database_url: str, project_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    env = dict(os.environ)
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=live_emulator.url,
        DATABASE_URL=database_url,
        DATA_DIR=str(tmp_path_factory.mktemp("browser-data")),
        LOG_LEVEL="INFO",
        BOT_USERNAME="",
        REMINDERS_ENABLED="false",
        TELEGRAM_CHAT_RATE="20",
    )
    process = BotProcess(env, tmp_path_factory.mktemp("browser-logs") / "bot.log", project_root, live_emulator)
    await process.start()
    yield process
    process.stop()


async def test_the_curator_clicks_an_invitation_and_a_new_person_joins_with_it(
    live_emulator: Emulator, live_bot: BotProcess, engine: AsyncEngine, browse: Browse
) -> None:
    await wipe(engine)
    sessions = session_factory(engine)
    await staff(sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=7001)
    await staff(sessions, "Петрова Ирина Олеговна", [Role.MENTEE])
    live_emulator.state.add_user(SimUser(7001, "Елена Павловна", "Кузнецова", label="куратор"))

    try:
        page = await browse(live_emulator.url + "/?user=7001")
        await page.get_by_role("button", name="Начать").click()
        await page.get_by_role("button", name="👥 Сотрудники").click()
        await page.get_by_role("button", name="⏳ Петрова Ирина Олеговна").click()
        await page.get_by_role("button", name="🔗 Ссылка-приглашение").click()
        invitation = page.locator(".msg.bot", has_text="Приглашение для Петровой Ирины Олеговны")
        link = invitation.get_by_role("link", name=f"https://t.me/{BOT_USERNAME}?start=")
        await expect(link).to_be_visible()
        code = (await link.inner_text()).split("start=", 1)[1]

        await link.click()
        dialog = page.get_by_role("dialog", name="Открыть ссылку")
        await expect(dialog.get_by_label("Ссылка")).to_have_value(f"https://t.me/{BOT_USERNAME}?start={code}")
        await dialog.get_by_label("Имя", exact=True).fill("Ирина")
        await dialog.get_by_label("Фамилия").fill("Петрова")
        await dialog.get_by_role("button", name="Открыть", exact=True).click()

        await expect(page.locator("#users .user.active .name")).to_have_text("Ирина Петрова")
        await expect(page.locator(".msg.me .body")).to_have_text(f"/start {code}")
        welcome = page.locator(".msg.bot", has_text="Ваш Telegram подключён")
        await expect(welcome).to_contain_text("Готово, Петрова Ирина Олеговна!")
        await expect(welcome).to_contain_text("наставляемый")
    except AssertionError:
        print("---- bot log ----\n" + live_bot.log_tail())
        raise

    [irina] = [u for u in live_emulator.state.users.values() if u.first_name == "Ирина"]
    person = await person_by_name(sessions, "Петрова Ирина Олеговна")
    assert person is not None and person.telegram_user_id == irina.id
    log = live_bot.log_path.read_text(errors="replace")
    assert "Traceback" not in log and " ERROR " not in log, live_bot.log_tail()
