"""Backups, restores and upgrades with real pg_dump, pg_restore and psql against real PostgreSQL databases
of their own (created beside the test database on the same server, dropped afterwards)."""

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.backup import backups_in, make_backup, schema_revision
from db.engine import async_url, create_engine
from db.migrate import alembic_config, upgrade, upgrade_sync

MOSCOW = ZoneInfo("Europe/Moscow")
OLD_REVISION = "0004"  # mentorships exist, programmes (0005) and everything after do not yet

NewDatabase = Callable[[str], Awaitable[str]]


def head_revision(url: str) -> str:
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None
    return head


async def execute(url: str, *statements: str) -> None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(text(query))]
    finally:
        await engine.dispose()


async def tables(url: str) -> set[str]:
    return {str(name) for (name,) in await rows(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


@pytest.fixture
async def new_database(database_url: str) -> AsyncIterator[NewDatabase]:
    """Empty databases on the test server, as a new server would have; dropped after the test."""
    admin_url = make_url(async_url(database_url)).set(database="postgres").render_as_string(hide_password=False)
    admin = create_engine(admin_url, pool_size=1).execution_options(isolation_level="AUTOCOMMIT")
    created: list[str] = []

    async def create(name: str) -> str:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(async_url(database_url)).set(database=name).render_as_string(hide_password=False)

    yield create
    async with admin.connect() as connection:
        for name in created:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


def cli(project_root: Path, env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=project_root,
        env={**os.environ, "BOT_TOKEN": "", "LOG_LEVEL": "WARNING", **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )


async def a_school_at_an_old_revision(url: str) -> None:
    """A database as an earlier version of the bot left it: schema at OLD_REVISION, with a school and a person."""
    await upgrade(url, OLD_REVISION)
    await execute(
        url,
        "INSERT INTO organizations (id, name, short_name) VALUES (1, 'МБОУ гимназия «Интеллект»', 'Интеллект')",
        "INSERT INTO people (organization_id, full_name, position) VALUES (1, 'Петрова Ирина Олеговна', 'Учитель')",
    )


async def test_a_backup_from_an_older_version_restores_on_a_new_server_and_is_upgraded(
    new_database: NewDatabase, project_root: Path, tmp_path: Path
) -> None:
    old = await new_database("nastavnik_backup_old")
    await a_school_at_an_old_revision(old)
    result = cli(project_root, {"DATABASE_URL": old, "DATA_DIR": str(tmp_path)}, "backup")
    assert result.returncode == 0, result.stderr
    match = re.search(r"Резервная копия сохранена: (\S+\.dump) \(\d+ КБ\)\.", result.stdout)
    assert match, result.stdout
    dump = Path(match.group(1))
    assert dump.parent == tmp_path / "backups" and re.fullmatch(r"nastavnik-\d{8}-\d{6}\.dump", dump.name)
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [dump.name]  # no temporary file left behind

    # A new server: an empty database; `restore` fills it and brings the schema up to date.
    new = await new_database("nastavnik_backup_new")
    result = cli(project_root, {"DATABASE_URL": new}, "restore", str(dump), "--yes")
    assert result.returncode == 0, result.stderr
    head = head_revision(new)
    assert f"База восстановлена из {dump}." in result.stdout
    assert f"Схема базы обновлена миграциями: {OLD_REVISION} → {head}." in result.stdout
    assert await schema_revision(new) == head
    assert {"programmes", "mentorship_changes", "update_inbox"} <= await tables(new)  # created by the migrations
    assert await rows(new, "SELECT full_name, position FROM people") == [("Петрова Ирина Олеговна", "Учитель")]
    assert await rows(new, "SELECT short_name FROM organizations") == [("Интеллект",)]


async def test_restore_replaces_a_newer_database_whole_or_not_at_all(
    new_database: NewDatabase, project_root: Path, tmp_path: Path
) -> None:
    old = await new_database("nastavnik_restore_source")
    await a_school_at_an_old_revision(old)
    dump = await make_backup(old, tmp_path, keep=5, timezone=MOSCOW)

    # The target is at head, with tables the backup has never heard of, and other people in it.
    target = await new_database("nastavnik_restore_target")
    await upgrade(target)
    await execute(
        target,
        "INSERT INTO organizations (id, name, short_name) VALUES (1, 'Школа № 5', 'Школа № 5')",
        "INSERT INTO people (organization_id, full_name, position) VALUES (1, 'Сидоров Пётр Ильич', 'Учитель')",
    )
    env = {"DATABASE_URL": target}

    # Asked and declined: nothing changes.
    result = cli(project_root, env, "restore", str(dump), stdin="нет\n")
    assert result.returncode == 1
    assert "база «nastavnik_restore_target»" in result.stdout
    assert "Все текущие данные бота в этой базе будут заменены данными копии." in result.stdout
    assert "Восстановление отменено, база не изменена." in result.stdout
    assert await rows(target, "SELECT full_name FROM people") == [("Сидоров Пётр Ильич",)]

    # A copy damaged in the middle (cut short, as by a full disk): refused before anything changes.
    damaged = tmp_path / "nastavnik-20261201-030000.dump"
    damaged.write_bytes(dump.read_bytes()[: dump.stat().st_size * 2 // 3])
    result = cli(project_root, env, "restore", str(damaged), "--yes")
    assert result.returncode == 1
    assert "не читается как резервная копия pg_dump (-Fc), база не изменена" in result.stderr
    assert await rows(target, "SELECT full_name FROM people") == [("Сидоров Пётр Ильич",)]
    result = cli(project_root, env, "restore", str(tmp_path / "нет-такого.dump"), "--yes")
    assert result.returncode == 1 and "не найден" in result.stderr

    # Confirmed: the whole database is the backup's, then upgraded; no table of the newer schema is left over
    # to collide with the migrations.
    result = cli(project_root, env, "restore", str(dump), stdin="да\n")
    assert result.returncode == 0, result.stderr
    assert await rows(target, "SELECT full_name FROM people") == [("Петрова Ирина Олеговна",)]
    assert await schema_revision(target) == head_revision(target)


async def test_migrate_upgrades_a_database_left_at_an_older_revision(
    new_database: NewDatabase, project_root: Path
) -> None:
    url = await new_database("nastavnik_upgrade")
    await asyncio.to_thread(upgrade_sync, url)
    await execute(
        url,
        "INSERT INTO organizations (id, name, short_name) VALUES (1, 'МБОУ гимназия «Интеллект»', 'Интеллект')",
        "INSERT INTO people (organization_id, full_name, position) VALUES (1, 'Петрова Ирина Олеговна', 'Учитель')",
    )
    # Back to how an older version of the bot left it (every downgrade on the way runs too).
    await asyncio.to_thread(command.downgrade, alembic_config(url), OLD_REVISION)
    assert await schema_revision(url) == OLD_REVISION
    assert "programmes" not in await tables(url)

    # Installing the new version: `migrate` (also run by every start) brings it to head, keeping the data.
    result = cli(project_root, {"DATABASE_URL": url}, "migrate")
    assert result.returncode == 0, result.stderr
    assert "Миграции применены." in result.stdout
    assert await schema_revision(url) == head_revision(url)
    assert {"programmes", "update_inbox"} <= await tables(url)
    assert await rows(url, "SELECT full_name FROM people") == [("Петрова Ирина Олеговна",)]


async def test_backups_rotate_keeping_the_newest(new_database: NewDatabase, tmp_path: Path) -> None:
    url = await new_database("nastavnik_rotation")
    await upgrade(url, OLD_REVISION)
    made = [await make_backup(url, tmp_path, keep=2, timezone=MOSCOW) for _ in range(3)]
    assert backups_in(tmp_path) == made[1:]
    assert sorted(await asyncio.to_thread(os.listdir, tmp_path)) == sorted(p.name for p in made[1:])


def test_backup_and_restore_of_the_embedded_database(project_root: Path, tmp_path: Path) -> None:
    """The default install: no DATABASE_URL, the embedded PostgreSQL under DATA_DIR and its bundled pg_dump."""
    env = {"DATABASE_URL": "", "DATA_DIR": str(tmp_path)}
    assert cli(project_root, env, "migrate").returncode == 0
    result = cli(project_root, env, "backup")
    assert result.returncode == 0, result.stderr
    [dump] = backups_in(tmp_path / "backups")
    assert str(dump) in result.stdout
    listing = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.backup import *; print(find_tools(16)['pg_restore'])"],
        cwd=project_root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    contents = subprocess.run([listing, "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    assert "TABLE public people" in contents and "TABLE DATA public alembic_version" in contents

    result = cli(project_root, env, "restore", str(dump), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"База восстановлена из {dump}." in result.stdout
    assert "Схема базы обновлена" not in result.stdout  # the backup was already at head
