"""Pieces of deployment that need no database: JSON logs, the backup folder's rotation, choosing pg_dump,
turning a database URL into libpq's terms, the daily schedule, and the compose/systemd files themselves."""

import configparser
import json
import logging
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from pydantic import ValidationError

from bot.backup import (
    PgTools,
    backup_path,
    backups_in,
    choose_tools,
    describe_database,
    libpq_connection,
    next_run,
    parse_time_of_day,
    prune,
)
from bot.logs import JsonFormatter
from bot.settings import Settings

MOSCOW = ZoneInfo("Europe/Moscow")


# --- LOG_FORMAT=json ----------------------------------------------------------------------------------


def _record(message: str, *args: object, exc: bool = False, **extra: object) -> logging.LogRecord:
    logger = logging.getLogger("nastavnik.test")
    exc_info = None
    if exc:
        try:
            raise ValueError("сломалось")
        except ValueError:
            exc_info = sys.exc_info()
    return logger.makeRecord(logger.name, logging.WARNING, __file__, 1, message, args, exc_info, extra=extra)


def test_json_log_line_has_time_level_logger_message_and_extra_fields() -> None:
    line = JsonFormatter().format(_record("пара %s утверждена\nприказ %s", "Иванова", 17, chat_id=42, role="curator"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "nastavnik.test"
    assert entry["message"] == "пара Иванова утверждена\nприказ 17"
    assert entry["chat_id"] == 42 and entry["role"] == "curator"
    moment = datetime.fromisoformat(entry["time"])
    assert moment.utcoffset() == timedelta(0)  # ISO 8601 with its zone
    assert abs(moment.timestamp() - time.time()) < 60
    assert "exception" not in entry and "args" not in entry and "msg" not in entry


def test_json_log_line_carries_the_traceback_and_survives_odd_extras() -> None:
    entry = json.loads(JsonFormatter().format(_record("scan failed", exc=True, path=Path("/data"), when=object())))
    assert entry["exception"].startswith("Traceback") and "ValueError: сломалось" in entry["exception"]
    assert entry["path"] == "/data" and entry["when"].startswith("<object")


def test_log_format_json_makes_the_cli_log_one_json_object_a_line(project_root: Path) -> None:
    program = (
        "import logging; from bot.cli import _configure_logging; from bot.settings import Settings\n"
        "_configure_logging(Settings())\n"
        "logging.getLogger('bot.test').info('привет', extra={'update_id': 7})\n"
        "import warnings; warnings.warn('XDG_RUNTIME_DIR is not set')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    logging.getLogger('bot.test').exception('упало')\n"
    )
    env = {**os.environ, "LOG_FORMAT": "JSON", "LOG_LEVEL": "INFO"}
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=project_root, env=env, capture_output=True, text=True, check=True
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    first, warning, error = (json.loads(line) for line in lines)
    assert (first["message"], first["update_id"], first["level"]) == ("привет", 7, "INFO")
    assert warning["logger"] == "py.warnings" and "XDG_RUNTIME_DIR is not set" in warning["message"]
    assert error["level"] == "ERROR" and "ZeroDivisionError" in error["exception"]

    env["LOG_FORMAT"] = "text"  # the default: for a person reading a terminal
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=project_root, env=env, capture_output=True, text=True, check=True
    )
    assert " INFO bot.test: привет" in result.stderr and "Traceback" in result.stderr


def test_unknown_log_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


# --- the backup folder --------------------------------------------------------------------------------


def test_backups_are_named_by_school_time_and_never_overwrite(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 3, 0, 5, tzinfo=MOSCOW)
    first = backup_path(tmp_path, now)
    assert first.name == "nastavnik-20261201-030005.dump"
    first.write_bytes(b"1")
    second = backup_path(tmp_path, now)
    assert second.name == "nastavnik-20261201-030005-2.dump"
    second.write_bytes(b"2")
    assert backup_path(tmp_path, now).name == "nastavnik-20261201-030005-3.dump"
    assert backups_in(tmp_path) == [first, second]


def test_prune_keeps_the_newest_and_touches_nothing_else(tmp_path: Path) -> None:
    names = [f"nastavnik-202612{day:02d}-030000.dump" for day in (3, 1, 2, 5, 4)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "nastavnik-20261201-030000-2.dump").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("не копия")
    (tmp_path / "school-archive.dump").write_bytes(b"x")
    fresh_partial = tmp_path / ".nastavnik-20261206-030000.dump.partial"  # a backup being written right now
    fresh_partial.write_bytes(b"x")
    stale_partial = tmp_path / ".nastavnik-20261101-030000.dump.partial"  # left by one that died
    stale_partial.write_bytes(b"x")
    old = time.time() - 2 * 86400
    os.utime(stale_partial, (old, old))

    removed = prune(tmp_path, keep=3)

    assert sorted(p.name for p in removed) == [
        ".nastavnik-20261101-030000.dump.partial",
        "nastavnik-20261201-030000-2.dump",
        "nastavnik-20261201-030000.dump",
        "nastavnik-20261202-030000.dump",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".nastavnik-20261206-030000.dump.partial",
        "nastavnik-20261203-030000.dump",
        "nastavnik-20261204-030000.dump",
        "nastavnik-20261205-030000.dump",
        "notes.txt",
        "school-archive.dump",
    ]


def test_backup_keep_must_be_positive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKUP_KEEP", "0")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


# --- choosing pg_dump ---------------------------------------------------------------------------------


def test_the_servers_own_version_of_pg_dump_is_preferred_then_the_nearest_newer() -> None:
    debian15 = PgTools(Path("/usr/lib/postgresql/15/bin"), 15)
    bundled16 = PgTools(Path("/venv/pgserver/pginstall/bin"), 16)
    debian17 = PgTools(Path("/usr/lib/postgresql/17/bin"), 17)
    installed = [debian17, bundled16, debian15]
    assert choose_tools(installed, 15) == debian15
    assert choose_tools(installed, 16) == bundled16  # the embedded server: its bundled binaries
    assert choose_tools([debian17, debian15], 16) == debian17
    assert choose_tools([debian15], 16) is None  # an older pg_dump refuses a newer server


def test_database_urls_become_libpq_connection_strings_with_the_password_out_of_sight() -> None:
    conninfo, env = libpq_connection("postgres://nastavnik:s3cr%27et@db.example.ru:6432/school?sslmode=require")
    assert conninfo == "host='db.example.ru' port='6432' user='nastavnik' dbname='school' sslmode='require'"
    assert env == {"PGPASSWORD": "s3cr'et"}
    assert "s3cr" not in conninfo

    conninfo, env = libpq_connection("postgresql+asyncpg://postgres:@/nastavnik?host=/tmp/pg&ssl=true&x=1")
    assert conninfo == "user='postgres' dbname='nastavnik' host='/tmp/pg' sslmode='require'"
    assert env == {}
    assert describe_database("postgresql://u:p@db:5432/nastavnik") == "база «nastavnik» на db:5432"


# --- the daily schedule -------------------------------------------------------------------------------


def test_daily_backups_run_at_the_given_school_time() -> None:
    assert parse_time_of_day("3:00") == (3, 0) and parse_time_of_day(" 23:59 ") == (23, 59)
    for bad in ("24:00", "3", "03:60", "три часа"):
        with pytest.raises(ValueError):
            parse_time_of_day(bad)
    before = datetime(2026, 12, 31, 2, 59, tzinfo=MOSCOW)
    assert next_run(before, (3, 0)) == datetime(2026, 12, 31, 3, 0, tzinfo=MOSCOW)
    at = datetime(2026, 12, 31, 3, 0, tzinfo=MOSCOW)
    assert next_run(at, (3, 0)) == datetime(2027, 1, 1, 3, 0, tzinfo=MOSCOW)  # strictly after: no double run


# --- the deployment files -----------------------------------------------------------------------------


def test_compose_file_runs_postgres_the_bot_and_daily_backups_on_named_volumes(project_root: Path) -> None:
    compose = yaml.safe_load((project_root / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "bot", "backup"}
    assert services["db"]["image"] == "postgres:15"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    for name in ("db", "bot", "backup"):
        assert services[name]["restart"] == "unless-stopped", name
    for name in ("bot", "backup"):
        service = services[name]
        assert service["env_file"] == [".env"] or service["env_file"] == ".env"
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["environment"]["DATABASE_URL"].startswith("postgresql://nastavnik:")
        assert "@db:5432/nastavnik" in service["environment"]["DATABASE_URL"]
    assert services["bot"]["command"] == ["run"]
    assert services["bot"]["environment"]["HEALTH_HOST"] == "0.0.0.0"
    assert services["backup"]["command"][:2] == ["backup", "--daily-at"]
    assert services["backup"]["healthcheck"] == {"disable": True}
    volumes = {v.split(":")[0] for s in services.values() for v in s.get("volumes", [])}
    assert volumes == set(compose["volumes"]) == {"pgdata", "bot-data", "backups"}
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "backups:/data/backups" in services["backup"]["volumes"]


def test_dockerfile_builds_from_the_lock_as_a_non_root_user_with_a_healthcheck(project_root: Path) -> None:
    lines = [line.strip() for line in (project_root / "Dockerfile").read_text().splitlines()]
    joined = "\n".join(lines)
    assert lines[next(i for i, line in enumerate(lines) if line.startswith("FROM"))].startswith("FROM python:3.11-slim")
    assert "uv sync --frozen --no-dev" in joined
    assert "postgresql-client-15" in joined  # pg_dump of the same major version as compose's postgres:15
    user = [line for line in lines if line.startswith("USER ")]
    assert user and user[-1] not in ("USER root", "USER 0")
    assert any(line.startswith("HEALTHCHECK") and "bot.health" in line for line in lines)
    ignored = (project_root / ".dockerignore").read_text().splitlines()
    assert {".env", ".venv", "data", ".git"} <= {line.strip().strip("/") for line in ignored}


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("nastavnik.service", "Service"), ("nastavnik-backup.service", "Service"), ("nastavnik-backup.timer", "Timer")],
)
def test_systemd_units_parse_and_run_the_bot_as_its_own_user(project_root: Path, unit: str, kind: str) -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(project_root / "deploy" / unit)
    assert parser.has_section("Unit") and parser.has_section(kind)
    # The bot and the timer start with the server; the backup service only when the timer fires.
    assert parser.has_section("Install") == (unit != "nastavnik-backup.service")
    if kind == "Service":
        service = parser["Service"]
        assert service["User"] == "nastavnik"
        assert service["WorkingDirectory"] == "/opt/nastavnik"
        command = service["ExecStart"].split()
        assert command[:3] == ["/opt/nastavnik/.venv/bin/python", "-m", "bot"]
        assert command[3] == ("run" if unit == "nastavnik.service" else "backup")
    else:
        assert parser["Timer"]["OnCalendar"] and parser["Timer"]["Persistent"] == "true"
        assert parser["Timer"].get("Unit", "nastavnik-backup.service") == "nastavnik-backup.service"
