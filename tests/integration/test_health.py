"""The health endpoint against a real PostgreSQL, an unreachable one and a component that hangs."""

import asyncio
import logging
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.health import combine, database_check, probe, probe_url, start_health_server, stop_health_server
from bot.settings import Settings
from db.engine import create_engine


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port: int = probe_socket.getsockname()[1]
        return port


def settings_on(port: int) -> Settings:
    return Settings(_env_file=None, health_port=port, health_host="127.0.0.1")  # type: ignore[call-arg]


async def get(port: int, path: str) -> tuple[int, dict[str, str]]:
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}{path}") as response:
        return response.status, await response.json()


@pytest.fixture
async def unreachable_engine() -> AsyncIterator[AsyncEngine]:
    # A port nobody listens on: connecting is refused at once.
    engine = create_engine(f"postgresql://nastavnik:secret@127.0.0.1:{free_port()}/nastavnik", pool_size=1)
    yield engine
    await engine.dispose()


async def test_healthz_is_ok_when_the_database_answers(engine: AsyncEngine) -> None:
    port = free_port()
    runner = await start_health_server(settings_on(port), database_check(engine))
    assert runner is not None
    try:
        assert await get(port, "/healthz") == (200, {"status": "ok", "database": "ok"})
        assert await get(port, "/livez") == (200, {"status": "ok"})
    finally:
        await stop_health_server(runner)
    with pytest.raises(aiohttp.ClientConnectionError):  # stopped means stopped
        await get(port, "/livez")


async def test_healthz_is_503_with_the_reason_when_the_database_is_unreachable(
    unreachable_engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    runner = await start_health_server(settings_on(port), database_check(unreachable_engine))
    try:
        with caplog.at_level(logging.WARNING, logger="bot.health"):
            for _ in range(3):
                status, body = await get(port, "/healthz")
                assert status == 503
        assert body["status"] == "fail"
        assert body["database"].startswith("база данных недоступна (database unavailable): ")
        assert body["reason"].startswith("database: база данных недоступна")
        # The process itself is alive: a restart would not help, the database needs attention.
        assert await get(port, "/livez") == (200, {"status": "ok"})
        # Said once in the log, not at every probe.
        assert [r.getMessage() for r in caplog.records if r.name == "bot.health"] == [f"health: {body['reason']}"]
        assert await asyncio.to_thread(probe, probe_url(settings_on(port))) == 1  # answered 503, not timed out
    finally:
        await stop_health_server(runner)


async def test_a_hanging_or_failing_component_makes_healthz_503(engine: AsyncEngine) -> None:
    async def polling() -> dict[str, str]:
        return {"polling": "нет ответа от Telegram 5 минут"}

    async def hangs() -> dict[str, str]:
        await asyncio.Event().wait()
        return {}

    port = free_port()
    runner = await start_health_server(settings_on(port), combine(database_check(engine), polling))
    try:
        status, body = await get(port, "/healthz")
        assert status == 503
        assert body == {
            "status": "fail",
            "database": "ok",
            "polling": "нет ответа от Telegram 5 минут",
            "reason": "polling: нет ответа от Telegram 5 минут",
        }
    finally:
        await stop_health_server(runner)

    runner = await start_health_server(settings_on(port), hangs, timeout=0.2)
    try:
        status, body = await get(port, "/healthz")
        assert status == 503
        assert body["health"] == "проверка не уложилась в 0.2 с (health check timed out)"
    finally:
        await stop_health_server(runner)


async def test_probe_says_healthy_for_200(engine: AsyncEngine) -> None:
    port = free_port()
    runner = await start_health_server(settings_on(port), database_check(engine))
    try:
        assert await asyncio.to_thread(probe, probe_url(settings_on(port))) == 0
    finally:
        await stop_health_server(runner)
    assert await asyncio.to_thread(probe, probe_url(settings_on(port))) == 1  # nobody answers
    assert probe_url(Settings(_env_file=None, health_host="0.0.0.0", health_port=9)) == "http://127.0.0.1:9/healthz"  # type: ignore[call-arg]


async def test_port_zero_turns_the_endpoint_off_and_a_taken_port_only_warns(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    assert await start_health_server(settings_on(0), database_check(engine)) is None
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with caplog.at_level(logging.WARNING, logger="bot.health"):
            assert await start_health_server(settings_on(port), database_check(engine)) is None
    assert f"cannot listen on 127.0.0.1:{port}" in caplog.text
