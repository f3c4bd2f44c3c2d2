"""`make run` twice (local mode: embedded PostgreSQL, emulator, bot in one process): the second run shows the
chats and people of the first on the page, and the bot still answers — update ids went on growing, so the
bot's de-duplication by update_id does not swallow the new messages."""

import json
from pathlib import Path

from playwright.async_api import expect

from tests.browser.conftest import Browse
from tests.e2e.test_local_mode import start_local, stop


async def test_make_run_again_shows_yesterdays_chats_and_the_bot_still_answers(
    tmp_path: Path, project_root: Path, browse: Browse
) -> None:
    data_dir = tmp_path / "data"
    # The demo curator's chat must stay as the test leaves it: the bot's own deadline scan (which writes to
    # the demo curator in working hours) is tested elsewhere.
    process, url = await start_local(data_dir, project_root, REMINDERS_ENABLED="false")
    try:
        page = await browse(url + "/?user=1002")  # the demo curator
        await page.get_by_role("button", name="Начать").click()
        await expect(page.locator(".msg.bot", has_text="Главное меню")).to_have_count(1)
        await page.get_by_role("button", name="Добавить пользователя").click()
        dialog = page.get_by_role("dialog", name="Новый пользователь")
        await dialog.get_by_label("Имя", exact=True).fill("Мария")
        await dialog.get_by_label("Фамилия").fill("Соколова")
        await dialog.get_by_role("button", name="Добавить", exact=True).click()
        await expect(page.locator("#users .user.active .name")).to_have_text("Мария Соколова")
    finally:
        await stop(process)
    await expect(page.get_by_text("Нет связи с ботом")).to_be_visible()
    saved = json.loads((data_dir / "emulator" / "state.json").read_text(encoding="utf-8"))
    assert "Мария" in [user["first_name"] for user in saved["users"]]

    process, url = await start_local(data_dir, project_root, REMINDERS_ENABLED="false")
    try:
        page = await browse(url + "/?user=1002")
        await expect(page.locator(".msg.me .body")).to_have_text(["/start"])
        await expect(page.locator(".msg.bot", has_text="Главное меню")).to_have_count(1)
        await expect(page.locator("#users .user .name", has_text="Мария Соколова")).to_have_count(1)

        message_box = page.get_by_label("Сообщение", exact=True)
        await message_box.fill("/start")
        await message_box.press("Enter")
        await expect(page.locator(".msg.bot", has_text="Главное меню")).to_have_count(2)
    finally:
        await stop(process)
    again = json.loads((data_dir / "emulator" / "state.json").read_text(encoding="utf-8"))
    assert again["last_update_id"] > saved["last_update_id"] >= 1
