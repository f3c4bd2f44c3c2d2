"""Which PostgreSQL to use: DATABASE_URL, or the embedded one under DATA_DIR when it is unset."""

import asyncio
import logging

from bot.settings import Settings
from db.migrate import ensure_current, upgrade

log = logging.getLogger(__name__)


async def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    from db.embedded import start_embedded_postgres  # pgserver: only when there is no DATABASE_URL

    url = await asyncio.to_thread(start_embedded_postgres, settings.data_dir)
    log.info("embedded PostgreSQL in %s", (settings.data_dir / "postgres").resolve())
    return url


async def migrated_database_url(settings: Settings) -> str:
    """The bot and `migrate`: every migration applied (Alembic checks them all)."""
    url = await database_url(settings)
    await upgrade(url)
    return url


async def current_database_url(settings: Settings) -> str:
    """The other commands: upgraded only when behind — one quick query when the schema is current."""
    url = await database_url(settings)
    await ensure_current(url)
    return url
