"""python -m bot [run|migrate|invite|demo|remind|backup|restore]; also installed as the `nastavnik` command."""

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.database import current_database_url, migrated_database_url
from bot.logs import formatter
from bot.settings import Settings
from domain.roles import Role
from domain.validation import InputError, clean_full_name, clean_position


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Наставник: бот системы наставничества")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="запустить бота (по умолчанию); без BOT_TOKEN — локальный режим с эмулятором")
    commands.add_parser(
        "work",
        help="дополнительный обработчик: берёт обновления из общей очереди в базе, сам их не принимает "
        "(запускается рядом с `run`, когда одному процессу не хватает процессора)",
    )
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
    backup = commands.add_parser("backup", help="резервная копия базы (pg_dump) в DATA_DIR/backups")
    backup.add_argument("--dir", type=Path, default=None, help="папка для копий (по умолчанию DATA_DIR/backups)")
    backup.add_argument(
        "--daily-at", default=None, metavar="ЧЧ:ММ", help="не выходить: делать копию каждый день в это время школы"
    )
    restore = commands.add_parser("restore", help="восстановить базу из резервной копии (заменяет все данные)")
    restore.add_argument("file", type=Path, help="файл копии, например data/backups/nastavnik-20261201-030000.dump")
    restore.add_argument("--yes", action="store_true", help="не спрашивать подтверждение")
    return parser


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(settings.log_format))  # LOG_FORMAT=json: one JSON object a line
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler])
    logging.captureWarnings(True)  # library warnings go through the same handler (one JSON line each, too)
    quiet = max(logging.WARNING, logging.getLogger().level)
    logging.getLogger("aiogram.event").setLevel(quiet)  # a line per update
    logging.getLogger("apscheduler").setLevel(quiet)  # lines per job run; the scan logs its own outcome


async def _run(settings: Settings, *, intake: bool = True) -> None:
    if settings.local_mode and intake:
        from bot.local_mode import run_local

        await run_local(settings)  # takes the emulator's port before it starts the database
        return
    from bot.app import run_polling

    url = await migrated_database_url(settings)
    await run_polling(settings, url, settings.telegram_api_url, intake=intake)


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
    url = await current_database_url(settings)
    result = await create_invite(settings, url, Role(args.role), name, position, args.school)
    if isinstance(result, str):
        print(f"Ошибка: {result}", file=sys.stderr)
        return 2
    print(result.describe())
    return 0


async def _demo(settings: Settings) -> None:
    from db.demo import seed_demo
    from db.engine import create_engine, session_factory

    url = await current_database_url(settings)
    engine = create_engine(url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            for demo, person in await seed_demo(session):
                print(f"{demo.telegram_id}\t{person.full_name}\t{demo.label}")
    finally:
        await engine.dispose()


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",") if size >= 1024 * 1024 else f"{size / 1024:.0f} КБ"


async def _backup(settings: Settings, directory: Path | None, daily_at: str | None) -> int:
    from bot.backup import BackupError, backup_daily, make_backup, parse_time_of_day
    from bot.database import database_url

    directory = directory or settings.data_dir / "backups"
    if daily_at is not None:
        try:
            at = parse_time_of_day(daily_at)
        except ValueError:
            print("Ошибка: укажите время как 03:00.", file=sys.stderr)
            return 2
        print(f"Резервные копии: каждый день в {at[0]:02d}:{at[1]:02d} ({settings.bot_timezone}) в {directory}")
        # `docker stop` sends SIGTERM: stop between backups, or kill pg_dump and drop its unfinished file.
        task = asyncio.current_task()
        assert task is not None
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        try:
            await backup_daily(await database_url(settings), directory, settings.backup_keep, settings.timezone, at)
        except asyncio.CancelledError:
            print("Резервное копирование по расписанию остановлено.")
        return 0
    try:
        # Not migrated_database_url: a backup must not change the database it copies.
        path = await make_backup(await database_url(settings), directory, settings.backup_keep, settings.timezone)
    except BackupError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    print(f"Резервная копия сохранена: {path} ({_size(path)}).")
    print(f"В папке хранятся {settings.backup_keep} последних копий, более старые удаляются.")
    return 0


def _confirm_restore(settings: Settings, file: Path) -> bool:
    from bot.backup import describe_database

    where = (
        describe_database(settings.database_url)
        if settings.database_url
        else f"встроенная база в {(settings.data_dir / 'postgres').resolve()}"
    )
    print(f"Восстановление из {file}: {where}.")
    print("Все текущие данные бота в этой базе будут заменены данными копии.")
    try:
        answer = input("Продолжить? Введите «да»: ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("да", "д", "yes", "y")


async def _restore(settings: Settings, file: Path) -> int:
    from bot.backup import BackupError, restore_backup, schema_revision
    from bot.database import database_url
    from db.migrate import upgrade

    url = await database_url(settings)
    try:
        revision = await restore_backup(url, file)
    except BackupError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    await upgrade(url)  # a backup made by an older version of the bot gets the newer migrations
    current = await schema_revision(url)
    print(f"База восстановлена из {file}.")
    if revision != current:
        print(f"Схема базы обновлена миграциями: {revision or '—'} → {current}.")
    print("Запущенный бот переподключится сам; перезапускать его не нужно.")
    return 0


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
    url = await current_database_url(settings)
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
        elif command == "work":
            if settings.local_mode and not settings.database_url:
                print("Ошибка: дополнительному обработчику нужна общая база: задайте DATABASE_URL.", file=sys.stderr)
                return 2
            asyncio.run(_run(settings, intake=False))
        elif command == "migrate":
            asyncio.run(_migrate(settings))
        elif command == "invite":
            return asyncio.run(_invite(settings, args))
        elif command == "demo":
            asyncio.run(_demo(settings))
        elif command == "remind":
            return asyncio.run(_remind(settings, args.at, args.dry_run))
        elif command == "backup":
            return asyncio.run(_backup(settings, args.dir, args.daily_at))
        elif command == "restore":
            if not args.yes and not _confirm_restore(settings, args.file):
                print("Восстановление отменено, база не изменена.")
                return 1
            return asyncio.run(_restore(settings, args.file))
    except KeyboardInterrupt:
        pass
    return 0
