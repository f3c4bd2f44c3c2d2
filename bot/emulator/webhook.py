"""Webhook delivery, as Telegram does it once a bot calls setWebhook: every update is POSTed as JSON to the
bot's URL with the secret in `X-Telegram-Bot-Api-Secret-Token`; an answer other than 2xx (or no answer) is
retried later; updates of one chat go one at a time, in order, the next only after the previous was taken;
different chats go in parallel, up to `max_connections`. While a webhook is set, getUpdates is refused."""

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.emulator.state import EmulatorState

log = logging.getLogger(__name__)

RETRY_SECONDS = 0.5


@dataclass
class Webhook:
    url: str
    secret: str | None = None
    max_connections: int = 40


def chat_of(update: dict[str, Any]) -> int:
    for kind in ("message", "edited_message", "my_chat_member", "chat_member"):
        if kind in update:
            return int(update[kind]["chat"]["id"])
    query = update.get("callback_query")
    if query:
        message = query.get("message")
        return int(message["chat"]["id"]) if message else int(query["from"]["id"])
    return 0


class Delivery:
    def __init__(self, state: EmulatorState, webhook: Webhook) -> None:
        self.state = state
        self.webhook = webhook
        self.in_flight: set[int] = set()  # chats with an update on its way
        self.delivered = 0
        self.failures = 0
        self._task: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(webhook.max_connections)
        self._http: aiohttp.ClientSession | None = None
        self._deliveries: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        self._task = asyncio.create_task(self._run(), name="webhook-delivery")

    async def stop(self) -> None:
        for task in [self._task, *self._deliveries]:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._http is not None:
            await self._http.close()

    def _ready(self) -> list[dict[str, Any]]:
        """The first waiting update of each chat that has nothing on its way."""
        chosen: dict[int, dict[str, Any]] = {}
        for update in self.state._updates:
            chat = chat_of(update)
            if chat not in chosen and chat not in self.in_flight:
                chosen[chat] = update
        return list(chosen.values())

    async def _run(self) -> None:
        condition = self.state._changed
        while True:
            async with condition:
                await condition.wait_for(lambda: self.state.closing or bool(self._ready()))
                if self.state.closing:
                    return
                batch = self._ready()
                for update in batch:
                    self.in_flight.add(chat_of(update))
            for update in batch:
                task = asyncio.create_task(self._deliver(update))
                self._deliveries.add(task)
                task.add_done_callback(self._deliveries.discard)

    async def _deliver(self, update: dict[str, Any]) -> None:
        chat = chat_of(update)
        taken = False
        try:
            async with self._slots:
                headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook.secret} if self.webhook.secret else {}
                assert self._http is not None
                try:
                    async with self._http.post(self.webhook.url, json=update, headers=headers) as response:
                        taken = 200 <= response.status < 300
                except (aiohttp.ClientError, TimeoutError) as error:
                    log.debug("webhook delivery of update %s failed: %r", update["update_id"], error)
            if not taken:
                self.failures += 1
                await asyncio.sleep(RETRY_SECONDS)
        finally:
            async with self.state._changed:
                if taken:
                    self.delivered += 1
                    self.state._updates = [u for u in self.state._updates if u["update_id"] != update["update_id"]]
                    self.state._dirty()
                self.in_flight.discard(chat)
                self.state._changed.notify_all()
