"""How fast does the bot start, and how fast are the commands a school's IT person types?

    .venv/bin/python -m benchmarks.start [--runs 3]

Prints, as the median of --runs: the time from `python -m bot run` to its first getUpdates (against the
emulator, PostgreSQL already running), and the wall time of each CLI command with DATABASE_URL set (the
database current, as it is between upgrades), plus `invite` with the embedded PostgreSQL (started cold by
the command itself, as on a laptop without DATABASE_URL). Aim: ≤ 2 s for a CLI command. Asserts nothing.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.emulator import Emulator, EmulatorState
from db.migrate import upgrade_sync

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "777001:BENCH-token-for-the-emulator"


def start_database(directory: Path) -> str:
    import pgserver

    server = pgserver.get_server(directory / "pg", cleanup_mode="stop")
    server.psql('CREATE DATABASE "start";')
    return str(server.get_uri("start"))


async def command_time(args: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{args}: {err.decode()[-500:]}")
    return time.perf_counter() - started


async def time_to_first_poll(env: dict[str, str], emulator: Emulator) -> float:
    mark = len(emulator.state.requests)
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while "getUpdates" not in emulator.state.requests[mark:]:
            if process.returncode is not None or time.perf_counter() - started > 120:
                raise RuntimeError("the bot did not start polling")
            await asyncio.sleep(0.01)
        return time.perf_counter() - started
    finally:
        process.terminate()
        await process.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        url = await asyncio.to_thread(start_database, directory)
        await asyncio.to_thread(upgrade_sync, url)
        emulator = Emulator(EmulatorState(bot_username="bench_bot"))
        await emulator.start()
        env = dict(os.environ)
        env.update(
            DATABASE_URL=url,
            DATA_DIR=str(directory / "data"),
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=emulator.url,
            REMINDERS_ENABLED="false",
            HEALTH_PORT="0",
            LOG_LEVEL="WARNING",
        )
        embedded = {k: v for k, v in env.items() if k not in ("DATABASE_URL", "BOT_TOKEN", "TELEGRAM_API_URL")}
        embedded["DATA_DIR"] = str(directory / "embedded")
        figures: dict[str, list[float]] = {}
        try:
            for run in range(args.runs):
                figures.setdefault("run: start → first getUpdates", []).append(await time_to_first_poll(env, emulator))
                for name, command in (
                    ("--help", ["--help"]),
                    ("migrate", ["migrate"]),
                    ("invite", ["invite", "--role", "mentor", "--name", f"Иванова Анна {'АБВГД'[run % 5]}."]),
                    ("remind --dry-run", ["remind", "--dry-run", "--at", "2026-11-16T09:00"]),
                ):
                    figures.setdefault(name, []).append(await command_time(command, env, directory))
                figures.setdefault("invite (embedded PostgreSQL, cold)", []).append(
                    await command_time(
                        ["invite", "--role", "mentor", "--name", f"Петрова Мария {'АБВГД'[run % 5]}."],
                        embedded,
                        directory,
                    )
                )
        finally:
            await emulator.stop()
    print(f"\n{'what':45} {'median, s':>10} {'runs':>20}")
    for name, values in figures.items():
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:45} {statistics.median(values):10.2f} {runs:>20}")


if __name__ == "__main__":
    asyncio.run(main())
