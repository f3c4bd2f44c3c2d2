"""End-to-end harness: the emulator runs in the test process; the bot runs as a real subprocess
(`python -m bot run`) that long-polls the emulator through TELEGRAM_API_URL; tests act as simulated
users over HTTP and check both what the users see and what PostgreSQL holds."""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.emulator import Emulator, EmulatorState
from bot.emulator.client import EmulatorClient
from db.engine import session_factory
from db.repositories import inbox
from tests.conftest import wipe

TEST_TOKEN = "424242:TEST-token-for-the-emulator"
BOT_ID = int(TEST_TOKEN.split(":")[0])
BOT_USERNAME = "nastavnik_test_bot"


class BotProcess:
    """The bot as its users meet it: a separate process that can be killed and started again."""

    def __init__(
        self, env: dict[str, str], log_path: Path, root: Path, emulator: Emulator, ready_on: str = "getUpdates"
    ) -> None:
        self.ready_on = ready_on  # the Bot API call that shows the bot has started taking updates
        self.env = env
        self.log_path = log_path
        self.root = root
        self.emulator = emulator
        self.process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        mark = len(self.emulator.state.requests)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while self.ready_on not in self.emulator.state.requests[mark:]:
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited with {self.process.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the bot did not start polling:\n{self.log_tail()}")
            await asyncio.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: a crash, with no chance to save anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
async def emulator() -> AsyncIterator[Emulator]:
    emulator = Emulator(EmulatorState(bot_username=BOT_USERNAME, bot_name="Наставник (тест)"))
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture(scope="session")
def bot_env(emulator: Emulator, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_URL=emulator.url,
        DATABASE_URL=database_url,
        DATA_DIR=str(tmp_path_factory.mktemp("data")),
        LOG_LEVEL="INFO",
        BOT_USERNAME="",
        # Reminders are driven by the tests with `remind --at`; a real-time scan would send on its own.
        REMINDERS_ENABLED="false",
        REMINDER_LEASE_SECONDS="1",
        # The harness types ten times faster than a person; per-chat pacing (1/s, unit-tested) would
        # only make replies arrive after the client stopped waiting.
        TELEGRAM_CHAT_RATE="20",
        HEALTH_PORT=str(free_port()),  # not the default 8080: other test runs on this machine may hold it
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
async def bot_process(
    emulator: Emulator, bot_env: dict[str, str], project_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    process = BotProcess(bot_env, tmp_path_factory.mktemp("logs") / "bot.log", project_root, emulator)
    await process.start()
    yield process
    process.stop()


# What must never appear in the bot's log: a traceback, an unawaited coroutine, an ERROR or CRITICAL record.
# A test that provokes an error on purpose names the lines it expects: @pytest.mark.bot_log_allows(r"regex", ...).
LOG_PROBLEM = re.compile(r"Traceback|never awaited|RuntimeWarning| ERROR | CRITICAL ")


def log_problems(log: str, allowed: list[str]) -> list[str]:
    """Problem lines of a log segment; a traceback belongs to the record above it and is allowed with it."""
    problems: list[str] = []
    allowed_record = False
    for line in log.splitlines():
        is_record = re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line) is not None
        if is_record:
            allowed_record = any(re.search(pattern, line) for pattern in allowed)
        if LOG_PROBLEM.search(line) and not allowed_record and not any(re.search(p, line) for p in allowed):
            problems.append(line)
    return problems


def allowed_log_lines(request: pytest.FixtureRequest) -> list[str]:
    return [pattern for marker in request.node.iter_markers("bot_log_allows") for pattern in marker.args]


@dataclass
class World:
    emulator: Emulator
    client: EmulatorClient
    sessions: async_sessionmaker[AsyncSession]
    bot: BotProcess
    env: dict[str, str]


@pytest.fixture
async def world(
    emulator: Emulator,
    bot_process: BotProcess,
    engine: AsyncEngine,
    bot_env: dict[str, str],
    request: pytest.FixtureRequest,
) -> AsyncIterator[World]:
    await wipe(engine)
    emulator.state.reset()
    if bot_process.process is None or bot_process.process.poll() is not None:
        await bot_process.start()
    log_start = bot_process.log_size()

    async def handled(update_id: int, timeout: float) -> bool:
        """An action is over when the bot has finished its update (every reply sent): the inbox says so."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with engine.connect() as connection:
                if await inbox.is_finished(connection, BOT_ID, update_id):
                    return True
            await asyncio.sleep(0.01)
        return False

    async with EmulatorClient(emulator.url, timeout=20, handled=handled) as client:
        yield World(emulator, client, session_factory(engine), bot_process, bot_env)
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print("---- bot log ----\n" + bot_process.log_tail())
    problems = log_problems(bot_process.log_since(log_start), allowed_log_lines(request))
    assert not problems, "the bot's log has problems:\n" + "\n".join(problems)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
