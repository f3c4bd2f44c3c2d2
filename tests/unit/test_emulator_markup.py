import pytest

from bot.emulator.markup import EntityError, html_to_plain


def test_allowed_html_becomes_plain_text() -> None:
    assert html_to_plain("<b>Меню</b> &amp; <i>помощь</i> &lt;3") == "Меню & помощь <3"


@pytest.mark.parametrize("text", ["<script>x</script>", "a < b", "Tom & Jerry", "<b>open", "</b>", "<b><i>x</b></i>"])
def test_what_telegram_rejects_is_rejected(text: str) -> None:
    with pytest.raises(EntityError):
        html_to_plain(text)
