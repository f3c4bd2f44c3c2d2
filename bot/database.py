"""Which PostgreSQL to use: DATABASE_URL, or the embedded one under DATA_DIR when it is unset."""

import asyncio
import logging

from bot.settings import Settings
from db.embedded import start_embedded_postgres
from db.migrate import upgrade

log = logging.getLogger(__name__)


async def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    url = await asyncio.to_thread(start_embedded_postgres, settings.data_dir)
    log.info("embedded PostgreSQL in %s", (settings.data_dir / "postgres").resolve())
    return url


async def migrated_database_url(settings: Settings) -> str:
    url = await database_url(settings)
    await upgrade(url)
    return url
