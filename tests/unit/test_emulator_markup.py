import pytest

from bot.emulator.markup import EntityError, detect_entities, html_to_plain, parse_html


def test_allowed_html_becomes_plain_text() -> None:
    assert html_to_plain("<b>Меню</b> &amp; <i>помощь</i> &lt;3") == "Меню & помощь <3"


@pytest.mark.parametrize("text", ["<script>x</script>", "a < b", "Tom & Jerry", "<b>open", "</b>", "<b><i>x</b></i>"])
def test_what_telegram_rejects_is_rejected(text: str) -> None:
    with pytest.raises(EntityError):
        html_to_plain(text)


def test_formatting_becomes_entities_in_utf16_units() -> None:
    # 📨 is two UTF-16 code units, as Telegram (and JavaScript) count them
    text, entities = parse_html('📨 <b>Заявки</b> <i>и <u>люди</u></i> <a href="https://example.org/">сайт</a>')
    assert text == "📨 Заявки и люди сайт"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 6},
        {"type": "italic", "offset": 10, "length": 6},
        {"type": "underline", "offset": 12, "length": 4},
        {"type": "text_link", "url": "https://example.org/", "offset": 17, "length": 4},
    ]


def test_pre_with_a_language_is_one_entity_and_escapes_are_text() -> None:
    text, entities = parse_html('<pre><code class="language-python">a &lt; b</code></pre><s>x</s><code>&amp;</code>')
    assert text == "a < bx&"
    assert entities == [
        {"type": "pre", "language": "python", "offset": 0, "length": 5},
        {"type": "strikethrough", "offset": 5, "length": 1},
        {"type": "code", "offset": 6, "length": 1},
    ]


def test_links_and_commands_are_found_in_plain_text_like_telegram_does() -> None:
    text = "Ссылка: https://t.me/bot?start=abc_1. Команда /help; код /x не трогаем, и/или 1/2"
    _, entities = parse_html(text.replace("/x", "<code>/x</code>"))
    found = detect_entities(text, entities)
    pieces = [(e["type"], text[e["offset"] : e["offset"] + e["length"]]) for e in found]
    assert pieces == [
        ("url", "https://t.me/bot?start=abc_1"),
        ("bot_command", "/help"),
        ("code", "/x"),
    ]


def test_a_link_inside_bold_is_found_but_not_across_a_piece_of_formatting() -> None:
    text, entities = parse_html("<b>см. https://example.org</b> и <i>https://a.ru</i>/путь")
    found = detect_entities(text, entities)
    assert {"type": "url", "offset": 4, "length": 19} in found
    assert [e["type"] for e in found].count("url") == 1  # the second would cut the italic piece
