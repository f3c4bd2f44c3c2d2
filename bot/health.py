"""A tiny HTTP health endpoint beside the bot, for Docker's HEALTHCHECK, systemd watchers and monitoring.

GET /livez   → 200 while the process runs (its event loop answers).
GET /healthz → 200 {"status": "ok", "database": "ok", …} when every component answers,
               503 {"status": "fail", …, "reason": "…"} naming the ones that don't.

A check is an async callable returning {component: "ok" or what is wrong}; `combine` joins several, so the
composition root can add components (polling, the update inbox) without touching this module.
Components may not be called "status" or "reason". `python -m bot.health` asks the running bot (the
container's HEALTHCHECK): exit code 0 when healthy, 1 when not.
"""

import asyncio
import json
import logging
import sys
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from functools import partial

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings

log = logging.getLogger(__name__)

OK = "ok"
Check = Callable[[], Awaitable[dict[str, str]]]

CHECK: web.AppKey[Check] = web.AppKey("check")
TIMEOUT: web.AppKey[float] = web.AppKey("timeout")
LAST_FAILURE: web.AppKey[dict[str, str]] = web.AppKey("last_failure")

_dumps = partial(json.dumps, ensure_ascii=False)


def database_check(engine: AsyncEngine, timeout: float = 5.0) -> Check:
    """{"database": "ok"} when `SELECT 1` answers within `timeout` seconds."""

    async def check() -> dict[str, str]:
        try:
            async with asyncio.timeout(timeout), engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except TimeoutError:
            return {"database": f"база данных не ответила за {timeout:g} с (database did not answer in {timeout:g} s)"}
        except Exception as error:  # any failure to answer is the finding, not a crash of the endpoint
            return {"database": f"база данных недоступна (database unavailable): {_describe(error)}"}
        return {"database": OK}

    return check


def _describe(error: BaseException) -> str:
    """The driver's own words (asyncpg's «database "x" does not exist»), on one line, without SQLAlchemy's wrapper."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig.__cause__ or error.orig
    return f"{type(error).__name__}: {error}".splitlines()[0]


def combine(*checks: Check) -> Check:
    """One check of several components, run concurrently."""

    async def check() -> dict[str, str]:
        result: dict[str, str] = {}
        for part in await asyncio.gather(*(c() for c in checks)):
            result.update(part)
        return result

    return check


async def _livez(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _healthz(request: web.Request) -> web.Response:
    timeout = request.app[TIMEOUT]
    try:
        async with asyncio.timeout(timeout):
            components = await request.app[CHECK]()
    except TimeoutError:
        components = {"health": f"проверка не уложилась в {timeout:g} с (health check timed out)"}
    except Exception as error:
        components = {"health": f"проверка завершилась ошибкой (health check failed): {type(error).__name__}: {error}"}
    failing = {name: value for name, value in components.items() if value != OK}
    body: dict[str, str] = {"status": "fail" if failing else "ok", **components}
    if failing:
        body["reason"] = "; ".join(f"{name}: {value}" for name, value in failing.items())
    # Say it once in the log when the health changes, not at every probe.
    if failing != request.app[LAST_FAILURE]:
        if failing:
            log.warning("health: %s", body["reason"], extra={"health": failing})
        else:
            log.info("health: ok again")
        request.app[LAST_FAILURE].clear()
        request.app[LAST_FAILURE].update(failing)
    return web.json_response(body, status=503 if failing else 200, dumps=_dumps)


def build_app(check: Check, timeout: float = 10.0) -> web.Application:
    app = web.Application()
    app[CHECK] = check
    app[TIMEOUT] = timeout
    app[LAST_FAILURE] = {}
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/livez", _livez)
    return app


async def start_health_server(settings: Settings, check: Check, timeout: float = 10.0) -> web.AppRunner | None:
    """Serve /healthz and /livez on HEALTH_HOST:HEALTH_PORT; None when HEALTH_PORT=0 or the port is taken.

    A taken port is a warning, not a reason to stop the bot: the endpoint is for watching it.
    """
    if settings.health_port == 0:
        return None
    runner = web.AppRunner(build_app(check, timeout), access_log=None, shutdown_timeout=1)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.health_host, settings.health_port).start()
    except OSError as error:
        await runner.cleanup()
        log.warning(
            "health endpoint not started: cannot listen on %s:%s (%s); set HEALTH_PORT to a free port or 0",
            settings.health_host,
            settings.health_port,
            error,
        )
        return None
    log.info("health endpoint: http://%s:%s/healthz", settings.health_host, settings.health_port)
    return runner


async def stop_health_server(runner: web.AppRunner | None) -> None:
    if runner is not None:
        await runner.cleanup()


def probe_url(settings: Settings) -> str:
    host = settings.health_host
    if host in ("", "0.0.0.0", "::"):  # listening everywhere: ask over loopback
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.health_port}/healthz"


def probe(url: str, timeout: float = 15.0) -> int:
    """0 when the bot at `url` is healthy, 1 when not (printing why); for HEALTHCHECK and scripts."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:  # 503: the body says what is wrong
        print(error.read().decode(errors="replace"))
        return 1
    except OSError as error:
        print(f"Бот не отвечает на {url} (not answering): {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    settings = Settings()
    if settings.health_port == 0:
        print("HEALTH_PORT=0: проверка здоровья выключена (health endpoint is off).", file=sys.stderr)
        sys.exit(1)
    sys.exit(probe(probe_url(settings)))
