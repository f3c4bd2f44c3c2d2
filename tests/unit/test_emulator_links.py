"""Deep links as the emulator's chat page opens them (the bot prints https://t.me/<bot>?start=<code>)."""

import pytest

from bot.emulator.links import DeepLink, LinkError, is_telegram_link, parse_deep_link
from domain.invites import deep_link

BOT = "nastavnik_local_bot"


@pytest.mark.parametrize(
    ("url", "start"),
    [
        (deep_link(BOT, "AbC-12_x"), "AbC-12_x"),  # exactly what the bot prints
        (f"http://t.me/{BOT}?start=code", "code"),
        (f"t.me/{BOT}?start=code", "code"),
        (f"  https://telegram.me/{BOT.upper()}/?start=code  ", "code"),
        (f"tg://resolve?domain={BOT}&start=code", "code"),
        (f"https://t.me/{BOT}", None),
    ],
)
def test_links_to_our_bot_open_it(url: str, start: str | None) -> None:
    link = parse_deep_link(url, BOT)
    assert link == DeepLink(BOT, start)
    assert link.command == (f"/start {start}" if start else "/start")
    assert is_telegram_link(url)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://example.org/?start=abc", "Это не ссылка на бота в Telegram"),
        ("просто текст", "Это не ссылка на бота в Telegram"),
        ("https://t.me/?start=abc", "В ссылке нет имени бота"),
        ("https://t.me/other_school_bot?start=abc", "Ссылка ведёт к боту @other_school_bot, а здесь работает @"),
        (f"https://t.me/{BOT}?start=abc<script>", "Код в ссылке повреждён"),
        (f"https://t.me/{BOT}?start=" + "a" * 65, "Код в ссылке повреждён"),
    ],
)
def test_other_links_are_refused_in_russian(url: str, said: str) -> None:
    with pytest.raises(LinkError) as refused:
        parse_deep_link(url, BOT)
    assert said in str(refused.value)
    assert not is_telegram_link("https://example.org/") and not is_telegram_link("javascript:alert(1)")
