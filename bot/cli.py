"""python -m bot [run|migrate|invite|demo]; also installed as the `nastavnik` command."""

import argparse
import asyncio
import logging
import sys

from bot.database import migrated_database_url
from bot.settings import Settings
from domain.roles import Role
from domain.validation import InputError, clean_full_name, clean_position


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Наставник: бот системы наставничества")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="запустить бота (по умолчанию); без BOT_TOKEN — локальный режим с эмулятором")
    commands.add_parser("migrate", help="применить миграции базы данных")
    invite = commands.add_parser("invite", help="создать сотрудника (если нужно) и напечатать ссылку-приглашение")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--name", required=True, help="ФИО, например «Иванова А.А.»")
    invite.add_argument("--position", default=None, help="должность")
    invite.add_argument("--school", default=None, help="краткое название школы (если их несколько)")
    commands.add_parser("demo", help="создать демонстрационную школу и напечатать её сотрудников")
    remind = commands.add_parser("remind", help="одна проверка сроков, как если бы сейчас было --at")
    remind.add_argument("--at", default=None, help="момент ISO 8601, например 2026-09-15T09:00 (время школы)")
    remind.add_argument("--dry-run", action="store_true", help="только показать, что было бы отправлено")
    return parser


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("aiogram.event").setLevel(max(logging.WARNING, logging.getLogger().level))


async def _run(settings: Settings) -> None:
    from bot.app import run_polling

    url = await migrated_database_url(settings)
    if settings.local_mode:
        from bot.local_mode import run_local

        await run_local(settings, url)
    else:
        await run_polling(settings, url, settings.telegram_api_url)


async def _migrate(settings: Settings) -> None:
    await migrated_database_url(settings)
    print("Миграции применены.")


async def _invite(settings: Settings, args: argparse.Namespace) -> int:
    from bot.invite_cli import create_invite

    try:
        name = clean_full_name(args.name)
        position = clean_position(args.position) if args.position else None
    except InputError:
        print(
            "Ошибка: проверьте ФИО (например, «Иванова Анна Андреевна» или «Иванова А.А.») и должность.",
            file=sys.stderr,
        )
        return 2
    url = await migrated_database_url(settings)
    result = await create_invite(settings, url, Role(args.role), name, position, args.school)
    if isinstance(result, str):
        print(f"Ошибка: {result}", file=sys.stderr)
        return 2
    print(result.describe())
    return 0


async def _demo(settings: Settings) -> None:
    from db.demo import seed_demo
    from db.engine import create_engine, session_factory

    url = await migrated_database_url(settings)
    engine = create_engine(url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            for demo, person in await seed_demo(session):
                print(f"{demo.telegram_id}\t{person.full_name}\t{demo.label}")
    finally:
        await engine.dispose()


async def _remind(settings: Settings, at: str | None, dry_run: bool) -> int:
    from datetime import datetime

    from bot.app import build_bot
    from bot.reminders import run_scan
    from db.engine import create_engine, session_factory
    from handlers.reminders import describe

    try:
        moment = datetime.fromisoformat(at) if at else datetime.now(settings.timezone)
    except ValueError:
        print("Ошибка: укажите момент как 2026-09-15T09:00.", file=sys.stderr)
        return 2
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.timezone)
    url = await migrated_database_url(settings)
    engine = create_engine(url, pool_size=2)
    # Local mode talks to the local emulator, if it is running.
    api_url = settings.telegram_api_url or (
        f"http://127.0.0.1:{settings.emulator_port}" if settings.local_mode else None
    )
    bot = build_bot(settings.token, api_url, settings=settings)
    try:
        report = await run_scan(moment, session_factory(engine), bot, settings, dry_run=dry_run)
    finally:
        await bot.session.close()
        await engine.dispose()
    local = moment.astimezone(settings.timezone)
    print("\n".join(describe(report, f"{local:%d.%m.%Y %H:%M}", settings.bot_timezone)))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    _configure_logging(settings)
    command = args.command or "run"
    try:
        if command == "run":
            asyncio.run(_run(settings))
        elif command == "migrate":
            asyncio.run(_migrate(settings))
        elif command == "invite":
            return asyncio.run(_invite(settings, args))
        elif command == "demo":
            asyncio.run(_demo(settings))
        elif command == "remind":
            return asyncio.run(_remind(settings, args.at, args.dry_run))
    except KeyboardInterrupt:
        pass
    return 0
