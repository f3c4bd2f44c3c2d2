"""Webhook mode with two instances behind one address (issue 11): each update handled once, each chat's
answers in order, and an instance killed mid-burst loses nothing — the emulator delivers updates as Telegram
does (retrying what was not taken), a small load balancer spreads them over the instances."""

import asyncio
import itertools
import socket
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

from bot.emulator.markup import html_to_plain
from bot.emulator.state import SimUser
from db.models import IncomingUpdate
from locales import texts
from tests.e2e.conftest import BotProcess, World, log_problems
from tests.e2e.test_running_bot import bot_replies, eventually

SECRET = "s3cret-for_the-webhook"
SAID = ["/start", "/help", "Добрый день!"]  # a stranger's three messages, answered differently, in this order


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Balancer:
    """Round robin over the instances; an instance that doesn't answer gets 502 (Telegram then retries)."""

    def __init__(self, backends: list[str]) -> None:
        self.backends = itertools.cycle(backends)
        self.forwarded: dict[str, int] = {}
        self.app = web.Application()
        self.app.router.add_post("/telegram", self.forward)
        self.runner = web.AppRunner(self.app, access_log=None)
        self.http: aiohttp.ClientSession | None = None

    async def start(self, port: int) -> None:
        self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()

    async def stop(self) -> None:
        assert self.http is not None
        await self.http.close()
        await self.runner.cleanup()

    async def forward(self, request: web.Request) -> web.Response:
        assert self.http is not None
        backend = next(self.backends)
        body = await request.read()
        try:
            async with self.http.post(backend, data=body, headers=dict(request.headers)) as answer:
                self.forwarded[backend] = self.forwarded.get(backend, 0) + 1
                return web.Response(status=answer.status, text=await answer.text())
        except aiohttp.ClientError:
            return web.Response(status=502)


async def test_two_instances_behind_one_address_answer_each_update_once_in_order(world: World, tmp_path: Path) -> None:
    world.bot.stop()  # the shared polling bot steps aside (a webhook and polling exclude each other)
    lb_port = free_port()
    ports = [free_port(), free_port()]
    balancer = Balancer([f"http://127.0.0.1:{p}/telegram" for p in ports])
    await balancer.start(lb_port)
    instances = [
        BotProcess(
            {
                **world.env,
                "WEBHOOK_URL": f"http://127.0.0.1:{lb_port}/telegram",
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_HOST": "127.0.0.1",
                "WEBHOOK_PORT": str(port),
                "HEALTH_PORT": str(free_port()),
            },
            tmp_path / f"bot-{n}.log",
            world.bot.root,
            world.emulator,
            ready_on="setWebhook",
        )
        for n, port in enumerate(ports)
    ]
    for instance in instances:
        await instance.start()
    try:
        users = list(range(50_000, 50_100))
        for user_id in users:
            world.emulator.state.add_user(SimUser(user_id, f"Гость{user_id}"))
        for said in SAID:  # a burst: everybody's first message, then everybody's second, then the third
            await asyncio.gather(*(world.emulator.state.user_sends(u, text=said) for u in users))

        async def a_quarter_answered() -> bool:
            return sum(len(bot_replies(world.emulator, u)) for u in users) >= 75

        await eventually(a_quarter_answered, 60, "the first answers did not come")
        instances[0].kill()  # one instance dies mid-burst; the other carries on

        async def all_answered() -> bool:
            return all(len(bot_replies(world.emulator, u)) >= len(SAID) for u in users)

        await eventually(all_answered, 120, "not every message was answered after one instance died")
        t = texts()
        expected = [html_to_plain(t(key)) for key in ("start-stranger", "help-stranger", "not-understood-stranger")]
        assert {u: bot_replies(world.emulator, u) for u in users} == {u: expected for u in users}
        async with world.sessions() as session:
            pending = await session.scalar(
                select(func.count()).select_from(IncomingUpdate).where(IncomingUpdate.status == "pending")
            )
        assert pending == 0
        assert len(balancer.forwarded) == 2  # both instances took part
    finally:
        for instance in instances:
            instance.stop()
        await balancer.stop()
        if world.emulator.state.delivery is not None:  # back to polling for the next test
            await world.emulator.state.delivery.stop()
            world.emulator.state.delivery = None
    for instance in instances[1:]:
        assert log_problems(instance.log_since(0), []) == []
