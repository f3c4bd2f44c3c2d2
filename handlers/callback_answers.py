"""Every button press is answered exactly once (the spinner on the person's button stops, and Telegram never
gets a second answer for one press, which it refuses). A request middleware on the bot's session records
each answer and drops a repeated one; after a handler, an unanswered press gets a silent answer; the error
handler shows its apology as an alert only when the press is still unanswered. The dispatcher's middleware
puts the request middleware on whichever session the bot has, so no bot can skip it."""

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, cast

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import AnswerCallbackQuery, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, TelegramObject

log = logging.getLogger(__name__)

_REMEMBERED = 10_000  # presses are answered within seconds; the oldest ids are forgotten


class AnsweredPresses:
    def __init__(self) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_answer(self, query_id: str) -> bool:
        """Record an answer; False when this press was answered before."""
        if query_id in self._ids:
            return False
        self._ids[query_id] = None
        if len(self._ids) > _REMEMBERED:
            self._ids.popitem(last=False)
        return True

    def __contains__(self, query_id: object) -> bool:
        return query_id in self._ids


answered = AnsweredPresses()
# "Done" without a request. Built once: parametrizing Response with a TypeVar per call rebuilds a pydantic model.
DONE = Response[bool](ok=True, result=True)


class AnswerOnce(BaseRequestMiddleware):
    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        if isinstance(method, AnswerCallbackQuery) and not answered.first_answer(method.callback_query_id):
            log.debug("press %s was answered already; a second answer is not sent", method.callback_query_id)
            return cast(Response[TelegramType], DONE)
        return await make_request(bot, method)


class AnswerEveryPress(BaseMiddleware):
    """An outer middleware of callback queries: a press the handler left unanswered is answered silently."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        bot: Bot | None = data.get("bot")
        if bot is not None and not any(isinstance(m, AnswerOnce) for m in bot.session.middleware):
            bot.session.middleware(AnswerOnce())
        result = await handler(event, data)
        if isinstance(event, CallbackQuery) and event.id not in answered:
            await event.answer()
        return result
