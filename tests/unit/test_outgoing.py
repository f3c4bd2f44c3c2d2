"""The one request middleware (issue 12, item 5): transient 5xx and network errors are retried with
backoff, a bounded number of times, and the final failure is logged with the method and the chat; after a
429 the chat is held, so the next message to it waits out `retry_after` instead of walking into the storm;
"message is not modified" is success."""

import logging
import time
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import EditMessageText, Response, SendMessage

from bot.middlewares.outgoing import OutgoingMiddleware, Pacer

BOT = Bot("1:TEST-token-for-the-middleware")


class Telegram:
    """make_request stand-in: fails with the given errors, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self, bot: Bot, method: Any) -> Response[Any]:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return Response[bool](ok=True, result=True)


def send(chat: int = 42) -> SendMessage:
    return SendMessage(chat_id=chat, text="Здравствуйте")


def middleware() -> OutgoingMiddleware:
    return OutgoingMiddleware(backoff=0.001, pacer=Pacer(per_second=1e6, chat_interval=1e-6, chat_burst=100))


async def test_a_5xx_and_a_network_error_are_retried_with_backoff() -> None:
    method = send()
    telegram = Telegram(TelegramServerError(method, "Bad Gateway"), TelegramNetworkError(method, "reset"))
    answer = await middleware()(telegram, BOT, method)  # type: ignore[arg-type]
    assert answer.result is True and telegram.calls == 3


async def test_the_final_failure_is_raised_and_logged_with_method_and_chat(caplog: pytest.LogCaptureFixture) -> None:
    method = send(chat=777)
    telegram = Telegram(*[TelegramServerError(method, "Bad Gateway") for _ in range(10)])
    with caplog.at_level(logging.WARNING), pytest.raises(TelegramServerError):
        await middleware()(telegram, BOT, method)  # type: ignore[arg-type]
    assert telegram.calls == 4  # the first try and three retries, then it stops
    assert any("sendMessage to chat 777 failed after 4 attempts" in r.getMessage() for r in caplog.records)


async def test_after_a_429_the_next_message_to_that_chat_waits() -> None:
    pacer = Pacer(per_second=1e6, chat_interval=1e-6, chat_burst=100)
    outgoing = OutgoingMiddleware(pacer=pacer, max_retries=0)  # give up at once: what matters is the hold
    method = send(chat=5)
    with pytest.raises(TelegramRetryAfter):
        await outgoing(Telegram(TelegramRetryAfter(method, "Too Many Requests", 3)), BOT, method)  # type: ignore[arg-type]
    now = time.monotonic()
    assert pacer._reserve(5, now) > 2.5  # the next message to chat 5 waits out retry_after…
    assert pacer._reserve(6, now) < 0.01  # …another chat's does not


async def test_a_double_tap_re_rendering_the_same_screen_is_not_an_error() -> None:
    method = EditMessageText(chat_id=1, message_id=2, text="Меню")
    not_modified = TelegramBadRequest(method, "Bad Request: message is not modified: specified new message content")
    answer = await middleware()(Telegram(not_modified), BOT, method)  # type: ignore[arg-type]
    assert answer.ok and answer.result is True
