"""Every button press is answered exactly once (the spinner on the person's button stops, and Telegram never
gets a second answer for one press, which it refuses). The outgoing middleware records each answer here and
drops a repeated one; after a handler, an unanswered press gets a silent answer; the error handler shows its
apology as an alert only when the press is still unanswered."""

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject

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


class AnswerEveryPress(BaseMiddleware):
    """An outer middleware of callback queries: a press the handler left unanswered is answered silently."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        result = await handler(event, data)
        if isinstance(event, CallbackQuery) and event.id not in answered:
            await event.answer()
        return result
