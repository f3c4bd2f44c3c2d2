"""Engine and session factory; accepts the plain postgresql:// URLs hosting providers hand out."""

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def async_url(url: str) -> str:
    """postgresql://… or postgres://… → postgresql+asyncpg://… (the driver is the bot's business)."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    if parsed.drivername in ("postgresql", "postgresql+psycopg2", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str, *, pool_size: int = 10, wait_for_disk: bool = True) -> AsyncEngine:
    """`wait_for_disk=False` (the running bot): a commit returns once PostgreSQL has it, without waiting for
    its WAL to reach the disk (`synchronous_commit = off`). The bot can afford it because what confirms an
    update to Telegram — storing it in the inbox — still waits for the disk (db/repositories/inbox.py), and
    everything a handler commits is replayable from there: its update stays pending until that very
    transaction marks it done. Only a crash of PostgreSQL itself (not of the bot, not a clean stop) can undo
    the last fraction of a second of such commits, and then those updates are handled again. What it buys is a
    short step between a committed "done" and the reply reaching Telegram — the step in which a killed bot
    would lose that reply (bot/middlewares/outgoing.py); waiting for the disk made it several times longer."""
    connect_args = {} if wait_for_disk else {"server_settings": {"synchronous_commit": "off"}}
    return create_async_engine(
        async_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, connect_args=connect_args
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
