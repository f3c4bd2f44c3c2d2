"""How many people can press at once? Simulated linked teachers drive real flows through the emulator against
the bot (`python -m bot run`, a real process on real PostgreSQL), closed loop: each user acts, waits for the
bot's answer in their chat, acts again. The same load against a bare aiogram echo bot through the same
emulator gives the framework's ceiling; our throughput is printed as a ratio of it.

    .venv/bin/python -m benchmarks.flows [--users 50 200] [--seconds 15] [--scenarios press menu start]

Scenarios: `press` — a menu button pressed (the help screen and back, edited in place); `menu` — /menu typed
(a new message with the menu); `start` — /start. Printed for each: updates a second, p50/p99 latency from the
update to the bot's answer, CPU seconds per 1,000 updates and the peak RSS of the bot's process; and, from an
in-process run of the same bot with every SQL statement counted, the database round trips per update (with
the statements of one update listed, so you can see where they go).

Pacing is raised for both bots (TELEGRAM_GLOBAL_RATE etc.): the benchmark measures the bot, not Telegram's
limits. Prints figures, asserts nothing.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.emulator import Emulator, EmulatorState, SimUser
from db.engine import create_engine, session_factory
from db.migrate import upgrade_sync
from db.registry import sync_registry
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.roles import Role

TOKEN = "777000:BENCH-token-for-the-emulator"
ROOT = Path(__file__).resolve().parent.parent
FIRST_USER = 900_000
ECHO = """
import asyncio, os
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message

dp = Dispatcher()

@dp.message()
async def echo(message: Message) -> None:
    await message.answer(message.text or "?")

@dp.callback_query()
async def press(query: CallbackQuery) -> None:
    await query.answer()
    await query.message.edit_text("echo " + (query.data or ""), reply_markup=query.message.reply_markup)

async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    await dp.start_polling(Bot(os.environ["BOT_TOKEN"], session=session), handle_signals=True)

asyncio.run(main())
"""


@dataclass
class Result:
    target: str
    scenario: str
    users: int
    updates: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu: float = 0.0
    rss_mb: float = 0.0

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def start_database(directory: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    import pgserver

    server = pgserver.get_server(directory / "pg", cleanup_mode="stop")
    server.psql('CREATE DATABASE "bench";')
    return str(server.get_uri("bench"))


async def seed(url: str, users: int) -> None:
    engine = create_engine(url, pool_size=2)
    async with session_factory(engine)() as session:
        await sync_registry(session)
        school = await ensure_default_organization(session)
        for n in range(users):
            person = await create_person(
                session, school.id, StaffFields(f"Учитель Номер{n:04d} Иванович", "Учитель"), [Role.MENTEE]
            )
            await link_telegram(session, person, FIRST_USER + n)
        await session.commit()
    await engine.dispose()


def process_stats(pid: int) -> tuple[float, float]:
    """CPU seconds used so far and the peak RSS in MB of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmHWM")
    )
    return cpu, peak / 1024


async def start_worker(env: dict[str, str], root: Path) -> asyncio.subprocess.Process:
    """`python -m bot work`: a second process handling the same inbox (no intake of its own)."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "work", cwd=root, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def start_bot(target: str, env: dict[str, str], emulator: Emulator, root: Path) -> asyncio.subprocess.Process:
    command = [sys.executable, "-c", ECHO] if target == "echo" else [sys.executable, "-m", "bot", "run"]
    mark = len(emulator.state.requests)
    process = await asyncio.create_subprocess_exec(
        *command, cwd=root, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    deadline = time.monotonic() + 90
    while "getUpdates" not in emulator.state.requests[mark:]:
        if process.returncode is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{target} bot did not start")
        await asyncio.sleep(0.05)
    return process


async def stop_bot(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


def button_data(state: EmulatorState, user_id: int, label: str) -> tuple[int, str] | None:
    for message in reversed(state.chats.get(user_id, [])):
        for row in (message.reply_markup or {}).get("inline_keyboard", []):
            for button in row:
                if label in button["text"] and button.get("callback_data"):
                    return message.message_id, button["callback_data"]
    return None


async def closed_loop(
    state: EmulatorState,
    scenario: str,
    users: list[int],
    seconds: float,
    target: str,
    bot_id: int,
    cpu: Callable[[], float] = lambda: 0.0,
) -> tuple[int, list[float], float, float]:
    """Every user acts and waits for the answer, again and again, for `seconds` (after a short warm-up).
    Returns the answers counted in the window, their latencies, the window and the CPU seconds used in it."""
    stop_at = time.monotonic() + seconds + 2
    measure_from = time.monotonic() + 2
    used: list[float] = []

    async def meter() -> None:
        await asyncio.sleep(measure_from - time.monotonic())
        used.append(cpu())
        await asyncio.sleep(stop_at - time.monotonic())
        used.append(cpu())

    latencies: list[float] = []
    counted = 0

    async def act(user: int, toggle: list[bool]) -> None:
        nonlocal counted
        version = state.versions.get(user, 0)
        started = time.monotonic()
        record = None
        if scenario == "press":
            label = "echo" if target == "echo" else ("Помощь" if toggle[0] else "В главное меню")
            found = button_data(state, user, label) or button_data(state, user, "")
            if found is None:
                await state.user_sends(user, text="/menu")
            else:
                record = await state.user_presses(user, found[0], found[1], bot_id)
            toggle[0] = not toggle[0]
        else:
            await state.user_sends(user, text="/menu" if scenario == "menu" else "/start")
        after = version + 1 if record is None else version
        while True:
            seen = await state.wait_chat_change(user, after, 30)
            if seen > after and (record is None or record.answered or target == "echo"):
                break
            if seen <= after:
                raise RuntimeError(f"no answer to user {user} within 30 s")
            after = seen
        now = time.monotonic()
        if started >= measure_from and now <= stop_at:
            latencies.append(now - started)
            counted += 1

    async def run(user: int) -> None:
        toggle = [True]
        if scenario == "press":  # a menu to press on
            await state.user_sends(user, text="/menu")
            await state.wait_chat_change(user, state.versions.get(user, 0), 30)
        while time.monotonic() < stop_at:
            await act(user, toggle)

    await asyncio.gather(meter(), *(run(u) for u in users))
    return counted, latencies, seconds, used[1] - used[0]


async def measure(
    target: str, scenario: str, users: int, seconds: float, env: dict[str, str], emulator: Emulator, root: Path
) -> Result:
    emulator.state.reset()
    ids = list(range(FIRST_USER, FIRST_USER + users))
    for user_id in ids:
        emulator.state.add_user(SimUser(user_id, f"Учитель{user_id}"))
    process = await start_bot(target, env, emulator, root)
    processes = [process]
    if target == "nastavnik+work":
        processes.append(await start_worker(env, root))
        await asyncio.sleep(3)  # the worker's start (imports, connection) is not part of the measurement
    try:
        counted, latencies, window, cpu = await closed_loop(
            emulator.state,
            scenario,
            ids,
            seconds,
            target,
            int(TOKEN.split(":")[0]),
            lambda: sum(process_stats(p.pid)[0] for p in processes),
        )
        rss = sum(process_stats(p.pid)[1] for p in processes)
    finally:
        for running in processes:
            await stop_bot(running)
    result = Result(target, scenario, users, counted, window, latencies, cpu, rss)
    return result


async def statements_per_update(url: str, emulator: Emulator) -> tuple[dict[str, float], list[str]]:
    """The same bot in this process (dispatcher, inbox workers, middlewares), every SQL statement counted."""
    from bot.app import build_bot, build_dispatcher
    from bot.settings import Settings
    from bot.updates import UpdatePump
    from locales import texts

    settings = Settings(
        bot_token=TOKEN,
        database_url=url,
        telegram_api_url=emulator.url,
        telegram_global_rate=100000,
        telegram_chat_rate=100000,
        reminders_enabled=False,
    )
    engine = create_engine(url)
    statements: list[str] = []
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: statements.append(str(a[2]).split("\n")[0]))
    sessions = session_factory(engine)
    bot = build_bot(settings.token, emulator.url, settings=settings)
    dispatcher = build_dispatcher(engine, sessions, settings, texts())
    pump = UpdatePump(dispatcher, bot, engine, workers=1)
    user = FIRST_USER
    emulator.state.reset()
    emulator.state.add_user(SimUser(user, "Учитель"))
    per: dict[str, float] = {}
    listing: list[str] = []

    async def one(action: Callable[[], Awaitable[Any]]) -> int:
        statements.clear()
        version = emulator.state.versions.get(user, 0)
        await action()
        async with engine.begin() as connection:
            from db.repositories import inbox

            payloads = await emulator.state.get_updates(None, 100, 0)
            await inbox.store(connection, bot.id, [inbox.Stored(p["update_id"], inbox.lane_of(p), p) for p in payloads])
            await emulator.state.get_updates(payloads[-1]["update_id"] + 1, 100, 0)
        statements.clear()
        while await pump.handle_next():
            pass
        await emulator.state.wait_chat_change(user, version, 5)
        return len(statements)

    try:
        await one(lambda: emulator.state.user_sends(user, text="/menu"))  # warm-up: caches, prepared statements
        per["menu"] = await one(lambda: emulator.state.user_sends(user, text="/menu"))
        listing = list(statements)
        per["start"] = await one(lambda: emulator.state.user_sends(user, text="/start"))
        message_id, data = button_data(emulator.state, user, "Помощь") or (0, "")
        per["press"] = await one(lambda: emulator.state.user_presses(user, message_id, data, bot.id))
        emulator.state.add_user(SimUser(user + 10**6, "Незнакомец"))
        user += 10**6
        per["stranger"] = await one(lambda: emulator.state.user_sends(user, text="Здравствуйте"))
    finally:
        await bot.session.close()
        await engine.dispose()
    return per, listing


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--scenarios", nargs="+", default=["press", "menu", "start"])
    args = parser.parse_args()
    root = ROOT
    with tempfile.TemporaryDirectory() as tmp:
        url = await asyncio.to_thread(start_database, Path(tmp))
        await asyncio.to_thread(upgrade_sync, url)
        await seed(url, max(args.users))
        emulator = Emulator(EmulatorState(bot_username="bench_bot", bot_name="Бенчмарк"))
        await emulator.start()
        env = dict(os.environ)
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=emulator.url,
            DATABASE_URL=url,
            DATA_DIR=str(Path(tmp) / "data"),
            LOG_LEVEL="WARNING",
            REMINDERS_ENABLED="false",
            HEALTH_PORT="0",
            TELEGRAM_GLOBAL_RATE="100000",
            TELEGRAM_CHAT_RATE="100000",
            TELEGRAM_CHAT_BURST="1000",
        )
        try:
            per, listing = await statements_per_update(url, emulator)
            results: list[Result] = []
            for scenario in args.scenarios:
                for users in args.users:
                    for target in ("echo", "nastavnik", "nastavnik+work"):
                        results.append(await measure(target, scenario, users, args.seconds, env, emulator, root))
        finally:
            await emulator.stop()
    print("\nSQL statements per update (in-process, counted by SQLAlchemy):")
    for name, count in per.items():
        print(f"  {name:9} {count:3.0f}")
    print("  one /menu, statement by statement:")
    for name, count in Counter(listing).items():
        print(f"    {count} × {name[:110]}")
    print(
        f"\n{'scenario':8} {'users':>5} {'bot':15} {'upd/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'CPU s/1000':>10} {'RSS MB':>7} {'÷ echo':>7}"
    )
    for result in results:
        ceiling = next(
            r.rate for r in results if r.target == "echo" and r.scenario == result.scenario and r.users == result.users
        )
        cpu = result.cpu / result.updates * 1000 if result.updates else 0
        print(
            f"{result.scenario:8} {result.users:5} {result.target:15} {result.rate:8.1f} "
            f"{result.percentile(0.5) * 1000:8.0f} {result.percentile(0.99) * 1000:8.0f} {cpu:10.2f} "
            f"{result.rss_mb:7.0f} {result.rate / ceiling if ceiling else 0:7.2f}"
        )
    print(f"\nmedian of p50 across runs: {statistics.median(r.percentile(0.5) for r in results) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
