"""Russian texts in Fluent (.ftl) files, loaded once. Every message goes out with parse_mode=HTML, and
Telegram rejects a stray '<' or '&': arguments are HTML-escaped exactly once — a plain `str` is escaped,
an `Html` value is trusted as it is — and a text comes back as `Html`, so a text passed into another text
is never escaped twice. Documents and logs take `plain`: the same text with nothing escaped.

Grammar in the texts themselves: { NAME($person, case: "dat") } declines a person's name and
{ PHRASE($school, case: "pre") } a noun phrase (locales/grammar.py)."""

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from locales.grammar import decline_name, decline_phrase

LOCALES_DIR = Path(__file__).parent


class Html(str):
    """A fragment that is already valid Telegram HTML and must not be escaped again."""

    def plain(self) -> str:
        """As a person reads it (for a button's label, which Telegram shows as plain text)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self))


def _declined(decline: Callable[[str, str], str]) -> Callable[..., str]:
    """A Fluent function over an argument that arrives HTML-escaped: declined as text, escaped again."""

    def function(value: object, case: str = "nom") -> str:
        if not isinstance(value, str):
            return str(value)
        return html.escape(decline(html.unescape(value), case), quote=False)

    return function


def _prepare(value: Any) -> Any:
    if isinstance(value, Html):
        return str(value)
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if value is None:
        return "—"
    return value


# A sentence that ends on an initial («…: Белова Н. С. — Ким Д. А.» + «.») takes no second full stop.
_DOUBLE_STOP = re.compile(r"(?<![.\w])([А-ЯЁ]\.)\.(?!\.)")


def _one_stop(text: str) -> str:
    return _DOUBLE_STOP.sub(r"\1", text)


class Texts:
    def __init__(self, locale: str = "ru") -> None:
        self.bundle = FluentBundle(
            [locale],
            use_isolating=False,
            functions={"NAME": _declined(decline_name), "PHRASE": _declined(decline_phrase)},  # type: ignore[dict-item]
        )
        for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
            self.bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))

    def has(self, key: str) -> bool:
        return self.bundle.has_message(key)

    def __call__(self, key: str, **args: Any) -> Html:
        message = self.bundle.get_message(key)  # KeyError for a missing key: a bug, caught by tests
        if message.value is None:
            raise KeyError(key)
        text, errors = self.bundle.format_pattern(message.value, {k: _prepare(v) for k, v in args.items()})
        if errors:
            raise ValueError(f"{key}: {errors}")
        return Html(_one_stop(str(text)))

    def plain(self, key: str, **args: Any) -> str:
        """For documents and logs: the same text without HTML escaping."""
        message = self.bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = self.bundle.format_pattern(message.value, args)
        if errors:
            raise ValueError(f"{key}: {errors}")
        return _one_stop(str(text))


_TEXTS: Texts | None = None


def texts() -> Texts:
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = Texts()
    return _TEXTS
