"""Factories of the bot and the dispatcher, and the polling loop."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import SimpleEventIsolation
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.health import combine, database_check, start_health_server, stop_health_server
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.outgoing import BotSession, OnForbidden, OutgoingMiddleware, Pacer
from bot.reminders import run_scan
from bot.settings import Settings
from bot.updates import UpdatePump
from bot.webhook import register_webhook, start_webhook_server
from db.engine import create_engine, session_factory
from db.fsm_storage import PostgresStorage
from db.registry import sync_registry
from db.repositories.people import set_reachable
from domain.rules import OrgRules
from handlers import build_root_router
from handlers.callback_answers import AnswerEveryPress
from handlers.commands import set_default_commands
from locales import Texts, texts
from scheduler.runner import build_scheduler

log = logging.getLogger(__name__)


def build_bot(
    token: str, api_url: str | None = None, on_forbidden: OnForbidden | None = None, settings: Settings | None = None
) -> Bot:
    session = BotSession(api=TelegramAPIServer.from_base(api_url)) if api_url else BotSession()
    pacer = (
        Pacer(settings.telegram_global_rate, 1.0 / settings.telegram_chat_rate, settings.telegram_chat_burst)
        if settings
        else Pacer()
    )
    session.middleware(OutgoingMiddleware(on_forbidden=on_forbidden, pacer=pacer))
    return Bot(
        token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)
    )


def build_dispatcher(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    text: Texts,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Dispatcher:
    # The updates of one chat are serialized across workers and instances by the inbox's lane lock
    # (bot/updates.py); the in-process isolation also covers updates fed directly (tests, feed_update).
    dispatcher = Dispatcher(storage=PostgresStorage(engine), events_isolation=SimpleEventIsolation(), disable_fsm=True)
    # The session first, then aiogram's FSM middleware: the state is read through the update's own session.
    dispatcher.update.outer_middleware(ContextMiddleware(sessions, text, settings, clock))
    dispatcher.update.outer_middleware(dispatcher.fsm)
    dispatcher.callback_query.outer_middleware(AnswerEveryPress())
    dispatcher.include_router(build_root_router())
    return dispatcher


def forbidden_marker(sessions: async_sessionmaker[AsyncSession]) -> OnForbidden:
    async def mark(chat_id: int) -> None:
        async with sessions() as session:
            await set_reachable(session, chat_id, False)
            await session.commit()

    return mark


async def _scheduled_scan(sessions: async_sessionmaker[AsyncSession], bot: Bot, settings: Settings) -> None:
    try:
        report = await run_scan(datetime.now(UTC), sessions, bot, settings)
    except Exception:  # a failed scan is retried by the next one; it must not stop the scheduler
        log.exception("deadline scan failed")
        return
    log.info(
        "deadline scan finished: %s sent, %s undeliverable, %s failed",
        report.count("sent"),
        report.count("undeliverable"),
        report.count("failed"),
    )


async def run_polling(settings: Settings, database_url: str, api_url: str | None, *, intake: bool = True) -> None:
    """The bot: updates by long polling, or — with WEBHOOK_URL — by webhook (bot/webhook.py). Without `intake`
    (`python -m bot work`) it only handles what another process stored in the shared inbox."""
    engine = create_engine(database_url, pool_size=settings.database_pool_size)
    sessions = session_factory(engine)
    text = texts()
    bot = build_bot(settings.token, api_url, forbidden_marker(sessions), settings)
    dispatcher = build_dispatcher(engine, sessions, settings, text)
    pump = UpdatePump(dispatcher, bot, engine, workers=settings.update_workers)
    # GET /healthz, /livez (bot/health.py): the database answers and Telegram is being polled.
    webhook = intake and settings.webhook_url is not None
    polling = intake and not webhook
    checks = [database_check(engine), pump.health] if polling else [database_check(engine)]
    health = await start_health_server(settings, combine(*checks))
    receiver = await start_webhook_server(settings, pump) if webhook else None
    try:
        me = await bot.get_me()
        where = api_url or "api.telegram.org"
        if not intake:
            log.info("bot @%s (id %s): a worker of the shared update inbox", me.username, me.id)
        elif webhook:
            await register_webhook(bot, dispatcher, settings)
            log.info(
                "bot @%s (id %s) takes updates by webhook %s from %s", me.username, me.id, settings.webhook_url, where
            )
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            log.info("bot @%s (id %s) polling %s", me.username, me.id, where)
        await set_default_commands(bot, text)
        async with sessions() as session:
            await sync_registry(session)  # questionnaires and consent texts from the repository

        async def scan_job() -> None:  # a coroutine function: APScheduler awaits it on this loop
            await _scheduled_scan(sessions, bot, settings)

        scheduler = build_scheduler(scan_job, settings.timezone, OrgRules().digest_hour)
        if settings.reminders_enabled:
            scheduler.start()
        try:
            await pump.run(poll=polling)
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=False)
    finally:
        if receiver is not None:
            await receiver.cleanup()
        await stop_health_server(health)
        await bot.session.close()
        await engine.dispose()
