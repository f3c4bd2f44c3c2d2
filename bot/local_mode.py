"""Local mode (no BOT_TOKEN): embedded PostgreSQL, the Telegram emulator and the bot in one process,
with a demo school whose people can be opened on the emulator's chat page. The chats are kept in
DATA_DIR/emulator between runs."""

import logging
import sys

from bot.app import run_polling
from bot.database import migrated_database_url
from bot.emulator import Emulator, SimUser
from bot.emulator.server import PortInUse
from bot.settings import Settings
from db.demo import DEMO_STRANGER, seed_demo
from db.engine import create_engine, session_factory
from db.repositories import inbox

log = logging.getLogger(__name__)


async def seed_and_register(database_url: str, emulator: Emulator, bot_id: int) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        if emulator.state.numbers_afresh:
            # An emulator without its history numbers updates from 1: the ids the inbox remembers mean nothing.
            async with engine.begin() as connection:
                await inbox.forget_handled(connection, bot_id)
        async with session_factory(engine)() as session:
            for demo, person in await seed_demo(session):
                first, *rest = person.full_name.split(maxsplit=1)
                emulator.state.add_user(
                    SimUser(demo.telegram_id, first_name=rest[0] if rest else first, last_name=first, label=demo.label)
                )
    finally:
        await engine.dispose()
    user_id, first, last, label = DEMO_STRANGER
    emulator.state.add_user(SimUser(user_id, first, last, label=label))


def port_in_use_hint(port: int) -> str:
    return (
        f"Порт {port} занят (возможно, бот уже запущен — тогда его чат открыт по адресу http://127.0.0.1:{port}/).\n"
        f"Укажите другой порт: EMULATOR_PORT={port + 1} make run"
    )


async def run_local(settings: Settings) -> None:
    emulator = Emulator(state_dir=settings.data_dir / "emulator")
    try:
        url = await emulator.start(port=settings.emulator_port)
    except PortInUse as busy:
        print(port_in_use_hint(busy.port), file=sys.stderr, flush=True)
        raise SystemExit(3) from None
    try:
        database_url = await migrated_database_url(settings)
        await seed_and_register(database_url, emulator, int(settings.token.split(":")[0]))
        banner = (
            "\n"
            "  Наставник работает в локальном режиме (без BOT_TOKEN).\n"
            f"  Откройте чат в браузере: {url}/\n"
            "  Слева выберите сотрудника демо-школы (например, куратора) и отправьте /start.\n"
            "  Остановить: Ctrl+C.\n"
        )
        print(banner, flush=True)
        await run_polling(settings, database_url, api_url=url)
    finally:
        await emulator.stop()
