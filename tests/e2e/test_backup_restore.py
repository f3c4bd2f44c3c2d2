"""A school's disaster, end to end: the curator works through the bot, `backup` copies the database, the
database is lost (dropped, then created empty as on a new server), `restore` brings it back — and the same
bot process, never restarted, answers the curator and a teacher with the restored data. Then a restore over
the live database undoes what was done after the backup, again without restarting the bot.

Why no restart is needed: dropping the database (WITH FORCE) closes the bot's connections, and its pool
pings every connection before use (pool_pre_ping), so the next update gets a fresh connection to the restored
database; a restore over the live database is one transaction, which the bot's queries wait for before they
see the restored tables."""

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import aiohttp
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from bot.emulator.client import SimulatedUser
from db.engine import async_url, create_engine
from db.models import Person
from domain.roles import Role
from tests.e2e.conftest import World
from tests.e2e.helpers import person_by_name, staff

CODE_RE = re.compile(r"start=([A-Za-z0-9_-]+)")


def cli(world: World, project_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=project_root,
        env={**os.environ, **world.env, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        timeout=180,
    )


async def health(world: World) -> tuple[int, dict[str, str]]:
    url = f"http://127.0.0.1:{world.env['HEALTH_PORT']}/healthz"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.json()


async def add_person(curator: SimulatedUser, name: str) -> str:
    """The curator adds a teacher through the form; returns the invite code the bot gave."""
    await curator.send("/start")
    await curator.press("Сотрудники")
    assert "шаг 1 из 5" in (await curator.press("Добавить")).text
    await curator.send(name)
    await curator.send("Учитель математики")
    await curator.press("Пропустить")
    await curator.send("01.09.2026")
    await curator.send("2")
    reply = await curator.press("Сохранить")
    assert f"{name} — в списке сотрудников" in reply.text
    code = CODE_RE.search(next(m.body for m in reply.messages if "Приглашение" in m.body))
    assert code is not None
    return code.group(1)


async def staff_screen(curator: SimulatedUser) -> str:
    await curator.send("/start")
    reply = await curator.press("Сотрудники")
    return reply.text + "\n" + "\n".join(reply.last.labels)


async def test_backup_lost_database_restore_and_the_running_bot_carries_on(world: World, project_root: Path) -> None:
    log_start = world.bot.log_path.stat().st_size
    pid = world.bot.process.pid  # type: ignore[union-attr]
    database = make_url(async_url(world.env["DATABASE_URL"]))
    admin = create_engine(
        database.set(database="postgres").render_as_string(hide_password=False), pool_size=1
    ).execution_options(isolation_level="AUTOCOMMIT")

    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=7001)
    curator = await world.client.add_user(7001, "Елена")
    code = await add_person(curator, "Петрова Ирина Олеговна")
    assert (await curator.press("наставляемый")).callback_answer == "Роль «наставляемый» назначена"
    assert await health(world) == (200, {"status": "ok", "database": "ok", "polling": "ok"})

    # The nightly backup.
    result = cli(world, project_root, "backup")
    assert result.returncode == 0, result.stderr
    dump = Path(re.search(r"Резервная копия сохранена: (\S+\.dump)", result.stdout).group(1))  # type: ignore[union-attr]
    assert dump.parent == Path(world.env["DATA_DIR"]) / "backups" and await asyncio.to_thread(dump.is_file)

    try:
        # The database is lost while the bot runs; the health endpoint says so.
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{database.database}" WITH (FORCE)'))
        status, body = await health(world)
        assert status == 503 and body["status"] == "fail"
        assert body["database"] == (
            f'база данных недоступна (database unavailable): InvalidCatalogNameError: database "{database.database}"'
            " does not exist"
        )
        # A new, empty database, as on a new server.
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{database.database}"'))
    finally:
        await admin.dispose()

    result = cli(world, project_root, "restore", str(dump), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"База восстановлена из {dump}." in result.stdout
    assert await health(world) == (200, {"status": "ok", "database": "ok", "polling": "ok"})

    # The same bot process answers with the restored data: the staff list, and the invite link given before.
    assert world.bot.process is not None and world.bot.process.poll() is None and world.bot.process.pid == pid
    screen = await staff_screen(curator)
    assert "Сотрудники: 2" in screen, screen
    assert "Петрова Ирина Олеговна" in screen
    irina = await world.client.add_user(7002, "Ирина")
    reply = await irina.send(f"/start {code}")
    assert "Петрова Ирина Олеговна" in reply.text and "наставляемый" in reply.text
    petrova = await person_by_name(world.sessions, "Петрова Ирина Олеговна")
    assert petrova is not None and petrova.telegram_user_id == 7002 and petrova.role_set == {Role.MENTEE}

    # Restoring over the live database undoes what came after the backup (Irina's sign-in, a new teacher);
    # still no restart.
    await add_person(curator, "Сидоров Павел Андреевич")
    assert "Сотрудники: 3" in await staff_screen(curator)
    result = cli(world, project_root, "restore", str(dump), "--yes")
    assert result.returncode == 0, result.stderr
    screen = await staff_screen(curator)
    assert "Сотрудники: 2" in screen and "Сидоров" not in screen
    async with world.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 2
    petrova = await person_by_name(world.sessions, "Петрова Ирина Олеговна")
    assert petrova is not None and petrova.telegram_user_id is None  # signed in after the backup: undone
    reply = await irina.send(f"/start {code}")  # the invite, unused in the backup, works again
    assert "Петрова Ирина Олеговна" in reply.text

    assert world.bot.process.poll() is None and world.bot.process.pid == pid
    with world.bot.log_path.open("rb") as log:
        log.seek(log_start)
        bot_log = log.read().decode(errors="replace")
    assert "Traceback" not in bot_log and " ERROR " not in bot_log, bot_log
