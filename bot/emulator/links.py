"""Telegram links to a bot, as a Telegram client understands them: https://t.me/<bot>?start=<code>
(also t.me/… without the scheme, telegram.me, and tg://resolve?domain=<bot>&start=<code>).

Opening such a link opens the chat with the bot and sends `/start <code>` (Telegram's deep linking)."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

WEB_HOSTS = {"t.me", "telegram.me", "telegram.dog", "www.t.me"}
_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_START_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what Telegram allows in a start parameter


class LinkError(ValueError):
    """A link that does not open our bot; the message is for the person on the chat page (Russian)."""


@dataclass(frozen=True)
class DeepLink:
    bot_username: str
    start: str | None

    @property
    def command(self) -> str:
        return f"/start {self.start}" if self.start else "/start"


def is_telegram_link(url: str) -> bool:
    try:
        return _split(url) is not None
    except ValueError:
        return False


def _split(url: str) -> tuple[str, str | None] | None:
    """(username, start) of a Telegram link to a chat, or None when the link is not Telegram's."""
    url = url.strip()
    if url.lower().startswith("tg:"):
        parts = urlsplit(url)
        if parts.netloc.lower() != "resolve":
            return None
        query = parse_qs(parts.query)
        return _first(query, "domain") or "", _first(query, "start")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or (parts.hostname or "").lower() not in WEB_HOSTS:
        return None
    username = parts.path.strip("/").split("/")[0]
    return username, _first(parse_qs(parts.query), "start")


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def parse_deep_link(url: str, bot_username: str) -> DeepLink:
    """The deep link to our bot in `url`, or LinkError saying in Russian what is wrong with it."""
    example = f"https://t.me/{bot_username}?start=код"
    try:
        split = _split(url)
    except ValueError:
        split = None
    if split is None:
        raise LinkError(f"Это не ссылка на бота в Telegram. Нужна ссылка вида {example}")
    username, start = split
    if not _USERNAME_RE.match(username):
        raise LinkError(f"В ссылке нет имени бота. Нужна ссылка вида {example}")
    if username.lower() != bot_username.lower():
        raise LinkError(f"Ссылка ведёт к боту @{username}, а здесь работает @{bot_username}.")
    if start is not None and not _START_RE.match(start):
        raise LinkError("Код в ссылке повреждён: допустимы только латинские буквы, цифры, «_» и «-».")
    return DeepLink(bot_username, start or None)
