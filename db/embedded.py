"""The embedded PostgreSQL (pgserver) used when DATABASE_URL is unset; its data stays in DATA_DIR/postgres."""

import logging
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

DATABASE_NAME = "nastavnik"


def start_embedded_postgres(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or join) the server in data_dir/postgres and return a URL of `database`, creating it if needed.

    pgserver counts the processes using one data directory and stops the server when the last exits,
    so the bot and a CLI command can share it.
    """
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR (a systemd service, a container) platformdirs warns on every start and falls back
        # to /tmp/runtime-<uid>, where pgserver keeps only a lock file: nothing for the school's log.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        import pgserver  # heavy import, only when needed

    pgdata = (data_dir / "postgres").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
        log.info("created database %s in %s", database, pgdata)
    return server.get_uri(database)
