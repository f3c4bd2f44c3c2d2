"""Backups of the bot's database with pg_dump, and restoring them (python -m bot backup / restore).

A backup is pg_dump's custom format (`-Fc`: compressed, restorable table by table), written under a
temporary name and renamed when complete, so a half-written file never looks like a backup. The newest
BACKUP_KEEP copies are kept.

A restore replaces the whole `public` schema with the backup's in ONE transaction (psql --single-transaction
over pg_restore's script): if anything fails, the database is left exactly as it was. Emptying the schema
first, rather than `pg_restore --clean`, also works when the database is newer than the backup (tables a
later migration added would otherwise stay and collide with the migrations run afterwards). A running bot
needs no restart: its queries wait for the restore's transaction and then see the restored tables, and
connections lost with a dropped database are replaced (its pool pings connections before use). Afterwards
the migrations run, so a backup from an older version of the bot is brought up to date.

pg_dump must be at least as new as the server; the tools are taken from the newest-fitting place: the
server's own major version first (Debian's /usr/lib/postgresql/N/bin, the embedded pgserver's bundled
binaries, PATH), otherwise the nearest newer one.
"""

import asyncio
import contextlib
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import async_url, create_engine

log = logging.getLogger(__name__)

BACKUP_NAME = re.compile(r"^nastavnik-(\d{8}-\d{6})(?:-(\d+))?\.dump$")
PARTIAL_SUFFIX = ".partial"
TOOLS = ("pg_dump", "pg_restore", "psql")
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")

# Query parameters of a database URL that libpq (pg_dump, psql) understands as connection keywords.
LIBPQ_KEYWORDS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "passfile",
        "channel_binding",
        "connect_timeout",
        "options",
        "application_name",
        "keepalives",
        "sslmode",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslrootcert",
        "sslcrl",
        "sslcertmode",
        "sslnegotiation",
        "require_auth",
        "gssencmode",
        "krbsrvname",
        "service",
        "target_session_attrs",
        "load_balance_hosts",
    }
)


class BackupError(Exception):
    """A failure explained in Russian for the person at the console."""


@dataclass(frozen=True)
class PgTools:
    bin_dir: Path
    major: int

    def __getitem__(self, name: str) -> str:
        return str(self.bin_dir / name)


# --- connecting -------------------------------------------------------------------------------------


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def libpq_connection(url: str) -> tuple[str, dict[str, str]]:
    """A database URL as a libpq connection string and the environment with its password.

    The password goes through PGPASSWORD, never the command line (where `ps` would show it).
    """
    parsed = make_url(async_url(url))
    params: dict[str, str] = {}
    if parsed.host:
        params["host"] = parsed.host
    if parsed.port:
        params["port"] = str(parsed.port)
    if parsed.username:
        params["user"] = parsed.username
    if parsed.database:
        params["dbname"] = parsed.database
    for key, raw in parsed.query.items():
        value = raw[-1] if isinstance(raw, tuple) else raw
        if key == "ssl":  # asyncpg's spelling
            key, value = "sslmode", {"true": "require", "false": "disable"}.get(value.lower(), value)
        if key in LIBPQ_KEYWORDS:
            params[key] = value
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    return " ".join(f"{key}={_quote(value)}" for key, value in params.items()), env


def describe_database(url: str) -> str:
    """«база nastavnik на db:5432» — where a restore will write, without the password."""
    parsed = make_url(async_url(url))
    host = parsed.host or parsed.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[-1]
    where = f"{host}:{parsed.port}" if parsed.port else str(host)
    return f"база «{parsed.database}» на {where}"


async def _scalar(url: str, query: str) -> str | None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(text(query))).scalar_one_or_none()
    finally:
        await engine.dispose()


async def server_major_version(url: str) -> int:
    try:
        number = await _scalar(url, "SHOW server_version_num")
    except Exception as error:
        raise BackupError(f"не удалось подключиться к базе данных: {type(error).__name__}: {error}") from error
    return int(number or 0) // 10000


async def schema_revision(url: str) -> str | None:
    """The Alembic revision the database is at (None for an empty database)."""
    try:
        return await _scalar(url, "SELECT version_num FROM alembic_version")
    except Exception:
        return None


# --- finding pg_dump ----------------------------------------------------------------------------------


def tool_version(executable: Path) -> int | None:
    try:
        result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    match = _VERSION.search(result.stdout)
    return int(match.group(1)) if result.returncode == 0 and match else None


def candidate_dirs() -> list[Path]:
    """Where PostgreSQL client programs may be, most specific first."""
    dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)  # Debian: every installed version
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.submodule_search_locations:
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin")
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).parent)
    unique: list[Path] = []
    for directory in dirs:
        if directory not in unique:
            unique.append(directory)
    return unique


def installed_tools(dirs: list[Path]) -> list[PgTools]:
    found = []
    for directory in dirs:
        if all(os.access(directory / tool, os.X_OK) for tool in TOOLS):
            major = tool_version(directory / "pg_dump")
            if major is not None:
                found.append(PgTools(directory, major))
    return found


def choose_tools(installed: list[PgTools], server_major: int) -> PgTools | None:
    """The server's own major version if present, otherwise the nearest newer one; never an older one
    (pg_dump refuses a newer server, and a newer pg_dump's script may use settings an older server lacks)."""
    fitting = [tools for tools in installed if tools.major >= server_major]
    return min(fitting, key=lambda tools: tools.major - server_major, default=None)


def find_tools(server_major: int) -> PgTools:
    installed = installed_tools(candidate_dirs())
    tools = choose_tools(installed, server_major)
    if tools is None:
        seen = ", ".join(f"{t.major} ({t.bin_dir})" for t in installed) or "ни одной"
        raise BackupError(
            f"не найдены pg_dump, pg_restore и psql версии {server_major} или новее для сервера PostgreSQL "
            f"{server_major} (найдены версии: {seen}). Установите клиент PostgreSQL, например в Debian/Ubuntu: "
            f"sudo apt install postgresql-client-{server_major}"
        )
    return tools


# --- backup -------------------------------------------------------------------------------------------


def _sort_key(path: Path) -> tuple[str, int]:
    match = BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def backups_in(directory: Path) -> list[Path]:
    """The backups in `directory`, oldest first (by the time in their names)."""
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.iterdir() if BACKUP_NAME.match(p.name) and p.is_file()), key=_sort_key)


def prune(directory: Path, keep: int, *, stale_after: timedelta = timedelta(days=1)) -> list[Path]:
    """Delete all but the newest `keep` backups, and partial files left by a backup that died; return them."""
    removed = backups_in(directory)[:-keep] if keep > 0 else []
    cutoff = time.time() - stale_after.total_seconds()
    removed += [
        p for p in directory.glob(f".nastavnik-*{PARTIAL_SUFFIX}") if p.is_file() and p.stat().st_mtime < cutoff
    ]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_path(directory: Path, now: datetime) -> Path:
    stem = f"nastavnik-{now:%Y%m%d-%H%M%S}"
    path, n = directory / f"{stem}.dump", 1
    while path.exists():
        n += 1
        path = directory / f"{stem}-{n}.dump"
    return path


async def _run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *args, env={**os.environ, **env}, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        _, stderr = await process.communicate()
    except BaseException:  # cancelled (SIGTERM in the daily loop): the program must not outlive us
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        raise
    return process.returncode or 0, stderr.decode(errors="replace").strip()


def _prepare(directory: Path, timezone: ZoneInfo) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return backup_path(directory, datetime.now(timezone))


def _finish(partial: Path, target: Path) -> int:
    with partial.open("rb") as written:
        os.fsync(written.fileno())  # on disk before it gets its final name
    partial.replace(target)
    return target.stat().st_size


async def make_backup(url: str, directory: Path, keep: int, timezone: ZoneInfo) -> Path:
    """Dump the database into directory/nastavnik-YYYYMMDD-HHMMSS.dump (school time); keep the newest `keep`."""
    tools = await asyncio.to_thread(find_tools, await server_major_version(url))
    target = await asyncio.to_thread(_prepare, directory, timezone)
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    conninfo, env = libpq_connection(url)
    try:
        code, errors = await _run(
            [tools["pg_dump"], "--format=custom", "--file", str(partial), "--dbname", conninfo],
            env,
        )
        if code != 0:
            raise BackupError(f"pg_dump завершился с ошибкой ({code}): {errors}")
        size = await asyncio.to_thread(_finish, partial, target)
    finally:
        await asyncio.to_thread(partial.unlink, missing_ok=True)
    for old in await asyncio.to_thread(prune, directory, keep):
        log.info("old backup removed: %s", old)
    log.info("backup written: %s (%s bytes, pg_dump %s)", target, size, tools.major)
    return target


def next_run(now: datetime, at: tuple[int, int]) -> datetime:
    """The next moment at hour:minute of `now`'s timezone, strictly after `now`."""
    candidate = now.replace(hour=at[0], minute=at[1], second=0, microsecond=0)
    return candidate if candidate > now else (candidate + timedelta(days=1)).replace(hour=at[0], minute=at[1])


def parse_time_of_day(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(value)
    return int(match.group(1)), int(match.group(2))


async def backup_daily(url: str, directory: Path, keep: int, timezone: ZoneInfo, at: tuple[int, int]) -> None:
    """Run make_backup every day at `at` (school time), forever; a failed backup is retried an hour later."""
    retry = timedelta(hours=1)
    due = next_run(datetime.now(timezone), at)
    while True:
        log.info("next backup at %s", due.isoformat())
        # A plain sleep is right here: this is the production loop, and wall-clock time is what it waits for.
        await asyncio.sleep(max(0.0, (due - datetime.now(timezone)).total_seconds()))
        try:
            await make_backup(url, directory, keep, timezone)
        except Exception as error:
            log.error("backup failed, next try in an hour: %s", error)
            due = min(datetime.now(timezone) + retry, next_run(datetime.now(timezone), at))
        else:
            due = next_run(datetime.now(timezone), at)


# --- restore ------------------------------------------------------------------------------------------

# Waits up to a minute for the bot's current transactions (a handler in flight) to finish.
_EMPTY_SCHEMA = (
    "SET client_min_messages = warning; SET lock_timeout = '60s'; DROP SCHEMA IF EXISTS public CASCADE; "
    "CREATE SCHEMA public"
)


async def restore_backup(url: str, file: Path) -> str | None:
    """Replace the database's contents with the backup in `file`; return the schema revision it brought
    (the caller then runs the migrations: bot.cli)."""
    if not await asyncio.to_thread(file.is_file):
        raise BackupError(f"файл {file} не найден")
    tools = await asyncio.to_thread(find_tools, await server_major_version(url))
    conninfo, env = libpq_connection(url)
    with tempfile.TemporaryDirectory(prefix="nastavnik-restore-") as workdir:
        # The whole script first: a backup damaged in the middle must fail before anything is changed.
        script = Path(workdir) / "restore.sql"
        code, errors = await _run(
            [tools["pg_restore"], "--no-owner", "--no-privileges", "--file", str(script), str(file)],
            {},
        )
        if code != 0:
            raise BackupError(f"{file} не читается как резервная копия pg_dump (-Fc), база не изменена: {errors}")
        code, errors = await _run(
            [
                tools["psql"], "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--command", _EMPTY_SCHEMA, "--file", str(script),
                "--dbname", conninfo,
            ],
            env,
        )  # fmt: skip
    if code != 0:
        raise BackupError(f"восстановление не удалось, база осталась прежней: {errors}")
    return await schema_revision(url)
