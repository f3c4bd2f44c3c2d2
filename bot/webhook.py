"""Webhook mode (WEBHOOK_URL set): Telegram POSTs each update to this process instead of being polled, so
several instances can share one PostgreSQL behind a load balancer.

A request is taken only with the secret Telegram was given (`X-Telegram-Bot-Api-Secret-Token`, compared in
constant time). Its update goes to the shared inbox (deduplicated by update_id), and the answer to Telegram
waits until the update is handled — by a worker of this instance or of another one, the chat's updates in
order under the inbox's lane lock — so a crash anywhere loses nothing: an update Telegram did not hear "taken"
for comes again, and one that was stored is handled by whichever instance is alive. The database being away
answers 503, which Telegram retries."""

import hmac
import logging
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiohttp import web

from bot.settings import Settings
from bot.updates import UpdatePump

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ANSWER_WITHIN = 50.0  # Telegram waits about a minute for an answer
PUMP: web.AppKey[UpdatePump] = web.AppKey("pump")
SECRET: web.AppKey[str] = web.AppKey("secret")


def webhook_path(settings: Settings) -> str:
    assert settings.webhook_url
    return urlsplit(settings.webhook_url).path or "/"


async def _take(request: web.Request) -> web.Response:
    secret = request.app[SECRET]
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("webhook request without the right secret from %s refused", request.remote)
        return web.Response(status=401, text="unauthorized")
    try:
        payload = await request.json()
        int(payload["update_id"])
    except (ValueError, KeyError, TypeError):
        return web.Response(status=400, text="not an update")
    try:
        finished = await request.app[PUMP].take(payload, ANSWER_WITHIN)
    except Exception as error:  # the database is away: Telegram keeps the update and tries again
        log.warning("webhook update %s not stored (%r); Telegram will retry", payload.get("update_id"), error)
        return web.Response(status=503, text="try again")
    if not finished:
        log.warning("update %s is stored but not handled within %s s", payload["update_id"], ANSWER_WITHIN)
    return web.Response(text="ok")


async def start_webhook_server(settings: Settings, pump: UpdatePump) -> web.AppRunner:
    assert settings.webhook_secret is not None
    app = web.Application(client_max_size=1024 * 1024)
    app[PUMP] = pump
    app[SECRET] = settings.webhook_secret.get_secret_value()
    app.router.add_post(webhook_path(settings), _take)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    log.info("webhook: listening on %s:%s%s", settings.webhook_host, settings.webhook_port, webhook_path(settings))
    return runner


async def register_webhook(bot: Bot, dispatcher: Dispatcher, settings: Settings) -> None:
    """Tell Telegram where to send updates (each instance does it at start; the same call is harmless)."""
    assert settings.webhook_url and settings.webhook_secret
    await bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=dispatcher.resolve_used_update_types(),
        max_connections=settings.webhook_max_connections,
        drop_pending_updates=False,
    )
