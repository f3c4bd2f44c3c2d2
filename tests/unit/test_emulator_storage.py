"""The emulator's history on disk (DATA_DIR/emulator): what `make run` shows again after a restart, and the
ids the bot relies on (it drops an update whose update_id it has seen)."""

import json
import os
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import bot.emulator.storage as storage
from bot.emulator import Emulator, EmulatorState, SimUser
from bot.emulator.storage import StateFile

TOKEN = "123456:TEST-token"


async def call(http: aiohttp.ClientSession, url: str, method: str, **params: Any) -> Any:
    async with http.post(f"{url}/bot{TOKEN}/{method}", json=params) as response:
        body = await response.json()
    assert body["ok"], body
    return body["result"]


async def control(http: aiohttp.ClientSession, url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    method = http.post if body is not None else http.get
    async with method(f"{url}/_emulator{path}", json=body) as response:
        return await response.json()


async def test_chats_files_and_pending_updates_survive_a_restart(tmp_path: Path) -> None:
    first = Emulator(state_dir=tmp_path / "emulator")
    url = await first.start()
    async with aiohttp.ClientSession() as http:
        created = await control(http, url, "/users", {"first_name": "Мария", "last_name": "Соколова"})
        maria = created["id"]
        await control(http, url, f"/chats/{maria}/send", {"text": "/start"})
        [update] = await call(http, url, "getUpdates", timeout=0)
        await call(http, url, "getUpdates", offset=update["update_id"] + 1, timeout=0)  # confirmed
        sent = await call(http, url, "sendMessage", chat_id=maria, text="<b>Черновик</b>", parse_mode="HTML")
        await call(
            http, url, "editMessageText", chat_id=maria, message_id=sent["message_id"], text="<b>Меню</b>",
            parse_mode="HTML",
        )  # fmt: skip
        form = aiohttp.FormData(quote_fields=False)
        form.add_field("chat_id", str(maria))
        form.add_field("document", b"PK-report", filename="Отчёт.docx")
        async with http.post(f"{url}/bot{TOKEN}/sendDocument", data=form) as response:
            assert (await response.json())["ok"]
        await control(http, url, f"/chats/{maria}/send", {"text": "не прочитано ботом"})
    await first.stop()
    saved = json.loads((tmp_path / "emulator" / "state.json").read_text(encoding="utf-8"))
    assert saved["last_update_id"] == 2 and [u["first_name"] for u in saved["users"]] == ["Мария"]

    second = Emulator(state_dir=tmp_path / "emulator")
    url = await second.start()
    try:
        async with aiohttp.ClientSession() as http:
            users = (await control(http, url, "/users"))["users"]
            assert [(u["id"], u["first_name"], u["last_name"]) for u in users] == [(maria, "Мария", "Соколова")]
            messages = (await control(http, url, f"/chats/{maria}"))["messages"]
            assert [m["text"] or m["file"]["file_name"] for m in messages] == [
                "/start", "Меню", "Отчёт.docx", "не прочитано ботом",
            ]  # fmt: skip
            menu = messages[1]
            assert menu["edited"] and menu["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
            async with http.get(f"{url}/_emulator/files/{messages[2]['file']['file_id']}") as response:
                assert await response.read() == b"PK-report"

            # The update the bot had not confirmed is still there; new ones continue the numbering.
            [pending] = await call(http, url, "getUpdates", timeout=0)
            assert pending["update_id"] == 2 and pending["message"]["text"] == "не прочитано ботом"
            await control(http, url, f"/chats/{maria}/send", {"text": "после перезапуска"})
            updates = await call(http, url, "getUpdates", offset=3, timeout=0)
            assert [u["update_id"] for u in updates] == [3]
            assert updates[0]["message"]["message_id"] == 5  # message ids of the chat go on as well
            again = await control(http, url, "/users", {"first_name": "Олег"})
            assert again["id"] == maria + 1
    finally:
        await second.stop()


async def test_a_burst_of_changes_is_written_once_and_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    real_write = storage._atomic_write

    def counting_write(path: Path, content: bytes) -> None:
        writes.append(path)
        real_write(path, content)

    monkeypatch.setattr(storage, "_atomic_write", counting_write)
    state = EmulatorState()
    state_file = StateFile(tmp_path, delay=0.05)
    assert state_file.acquire()
    state_file.load(state)
    for user_id in range(1, 51):
        state.add_user(SimUser(user_id, f"Пользователь {user_id}"))
    task = state_file._task
    assert task is not None
    await task
    assert writes == [tmp_path / "state.json"]
    assert len(json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))["users"]) == 50
    assert sorted(os.listdir(tmp_path)) == ["lock", "state.json"]  # no temporary file left behind

    state.add_user(SimUser(51, "Последний"))
    state_file.close()  # the emulator stops: written at once, without waiting for the delay
    assert len(json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))["users"]) == 51


def test_an_unreadable_history_is_kept_aside_and_the_emulator_starts_empty(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{ half a file", encoding="utf-8")
    state = EmulatorState()
    state_file = StateFile(tmp_path)
    assert state_file.acquire()
    state_file.load(state)
    assert state.users == {}
    assert [p.name for p in tmp_path.glob("state.broken-*.json")] != []
    state_file.close()


async def test_a_second_process_on_the_same_data_dir_does_not_write_the_same_history(tmp_path: Path) -> None:
    first = Emulator(state_dir=tmp_path)
    await first.start()
    second = Emulator(state_dir=tmp_path)
    await second.start()
    try:
        assert first.storage is not None and second.storage is None
    finally:
        await second.stop()
        await first.stop()
    third = Emulator(state_dir=tmp_path)  # the lock is released with the first
    await third.start()
    assert third.storage is not None
    await third.stop()
