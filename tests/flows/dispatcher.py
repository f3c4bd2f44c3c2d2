"""The one dispatcher of a test run: aiogram's routers are module-level and attach to one parent only, so
every in-process test shares it (with its injectable clock)."""

from aiogram import Dispatcher
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_dispatcher
from bot.settings import Settings
from db.engine import session_factory
from locales import texts
from tests.flows.harness import Clock

TOKEN = "424242:TEST-token-for-the-emulator"
CLOCK = Clock()
_DISPATCHER: list[Dispatcher] = []


def shared_dispatcher(engine: AsyncEngine) -> Dispatcher:
    if not _DISPATCHER:
        settings = Settings(bot_token=TOKEN, database_url="unused", bot_username="nastavnik_test_bot")
        _DISPATCHER.append(build_dispatcher(engine, session_factory(engine), settings, texts(), clock=CLOCK))
    return _DISPATCHER[0]
