"""Local mode (no BOT_TOKEN): embedded PostgreSQL, the Telegram emulator and the bot in one process,
with a demo school whose people can be opened on the emulator's chat page."""

import logging

from bot.app import run_polling
from bot.emulator import Emulator, SimUser
from bot.settings import Settings
from db.demo import DEMO_STRANGER, seed_demo
from db.engine import create_engine, session_factory
from db.repositories import inbox

log = logging.getLogger(__name__)


async def seed_and_register(database_url: str, emulator: Emulator, bot_id: int) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.begin() as connection:
            # A new emulator numbers its updates afresh: the ids the inbox remembers from the last run mean nothing.
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


async def run_local(settings: Settings, database_url: str) -> None:
    emulator = Emulator()
    url = await emulator.start(port=settings.emulator_port)
    await seed_and_register(database_url, emulator, int(settings.token.split(":")[0]))
    banner = (
        "\n"
        "  Наставник работает в локальном режиме (без BOT_TOKEN).\n"
        f"  Откройте чат в браузере: {url}/\n"
        "  Слева выберите сотрудника демо-школы (например, куратора) и отправьте /start.\n"
        "  Остановить: Ctrl+C.\n"
    )
    print(banner, flush=True)
    try:
        await run_polling(settings, database_url, api_url=url)
    finally:
        await emulator.stop()
