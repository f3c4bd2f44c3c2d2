"""The README's run command without a token: embedded PostgreSQL, the emulator with its chat page and
the demo school, all in one process; its data survives a restart."""

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.emulator.client import EmulatorClient
from domain.roles import Role
from tests.e2e.helpers import MENUS

_DRAINS: set[asyncio.Task[None]] = set()
URL_RE = re.compile(r"Откройте чат в браузере: (http://127\.0\.0\.1:\d+)/")


def local_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(BOT_TOKEN="", DATABASE_URL="", TELEGRAM_API_URL="", DATA_DIR=str(data_dir), EMULATOR_PORT="0")
    env.update(extra)
    return env


async def start_local(data_dir: Path, root: Path, **extra: str) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=root,
        env=local_env(data_dir, **extra),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    seen: list[str] = []
    async with asyncio.timeout(90):
        while True:
            line = (await process.stdout.readline()).decode()
            if not line:
                raise AssertionError("local mode exited:\n" + "".join(seen))
            seen.append(line)
            if match := URL_RE.search(line):
                break
    # Keep reading so the pipe never fills up; the task ends with the process.
    _DRAINS.add(asyncio.create_task(_drain(process)))
    return process, match.group(1)


async def _drain(process: asyncio.subprocess.Process) -> None:
    assert process.stdout is not None
    while await process.stdout.readline():
        pass


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
        try:
            async with asyncio.timeout(20):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def data_dir(tmp_path: Path) -> AsyncIterator[Path]:
    yield tmp_path / "data"


async def test_local_mode_serves_the_demo_school_and_keeps_its_data(data_dir: Path, project_root: Path) -> None:
    process, url = await start_local(data_dir, project_root)
    try:
        async with aiohttp.ClientSession() as http, http.get(url + "/") as response:
            page = await response.text()
        assert response.status == 200 and "Наставник" in page and "Выберите пользователя" in page

        async with EmulatorClient(url, settle=0.25) as client:
            users = (await client.request("GET", "/_emulator/users"))["users"]
            labels = {u["id"]: u["label"] for u in users}
            assert labels[1002] == "куратор" and labels[1001] == "директор" and 2001 in labels
            curator = client.user(1002)
            reply = await curator.send("/start")
            assert "Кузнецова Елена Павловна · куратор" in reply.text
            # The bot's own deadline scan runs in local mode too: a reminder may arrive beside the menu.
            assert any(m.labels == MENUS[Role.CURATOR] for m in reply.messages)
            reply = await curator.press("Сотрудники")
            assert "Сотрудники: 8" in reply.text
    finally:
        await stop(process)
    assert process.returncode is not None

    # The CLI against the same embedded database, while the bot is down.
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "invite", "--role", "mentor", "--name", "Иванова А.А."],
        cwd=project_root,
        env=local_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    code = re.search(r"Код: (\S+)", result.stdout).group(1)  # type: ignore[union-attr]
    assert f"https://t.me/nastavnik_local_bot?start={code}" in result.stdout

    process, url = await start_local(data_dir, project_root)
    try:
        async with EmulatorClient(url, settle=0.25) as client:
            stranger = client.user(2001)
            reply = await stranger.send(f"/start {code}")
            assert "Иванова А.А." in reply.text and "наставник" in reply.text
            reply = await stranger.send(f"/start {code}")
            assert "уже использована" in reply.text
            reply = await client.user(1002).send("/staff")
            assert "Сотрудники: 9" in reply.text  # the demo school was kept, not seeded twice
    finally:
        await stop(process)
