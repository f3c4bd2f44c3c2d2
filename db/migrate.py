"""Apply Alembic migrations programmatically (python -m bot migrate, and on every start of the bot), and tell
quickly whether a database is already current (the other CLI commands: no Alembic import, no environment run)."""

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r'^revision: str = "([^"]+)"', re.M)
_DOWN = re.compile(r'^down_revision: str \| None = (?:"([^"]+)"|None)', re.M)


def alembic_config(url: str) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = url
    return config


def upgrade_sync(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


async def upgrade(url: str, revision: str = "head") -> None:
    # env.py runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(upgrade_sync, url, revision)


def head_revision() -> str:
    """The newest migration, read from the files (the chain is linear: the one nobody revises)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found:
            revisions.add(found.group(1))
            down = _DOWN.search(text)
            if down and down.group(1):
                parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one chain; heads: {sorted(heads)}")
    return heads.pop()


async def ensure_current(url: str) -> None:
    """Upgrade only when the database is behind the code (one query when it is not)."""
    from db.engine import create_engine

    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            from sqlalchemy import text

            exists = await connection.scalar(text("SELECT to_regclass('alembic_version') IS NOT NULL"))
            current = await connection.scalar(text("SELECT version_num FROM alembic_version")) if exists else None
    finally:
        await engine.dispose()
    if current != head_revision():
        await upgrade(url)
