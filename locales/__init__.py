"""Russian texts in Fluent (.ftl) files, loaded once. Arguments are HTML-escaped unless wrapped in
`Html`, because every message goes out with parse_mode=HTML and Telegram rejects a stray '<' or '&'."""

import html
from datetime import date
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).parent


class Html(str):
    """A fragment that is already valid Telegram HTML and must not be escaped again."""


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


class Texts:
    def __init__(self, locale: str = "ru") -> None:
        self.bundle = FluentBundle([locale], use_isolating=False)
        for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
            self.bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))

    def has(self, key: str) -> bool:
        return self.bundle.has_message(key)

    def __call__(self, key: str, **args: Any) -> str:
        message = self.bundle.get_message(key)  # KeyError for a missing key: a bug, caught by tests
        if message.value is None:
            raise KeyError(key)
        text, errors = self.bundle.format_pattern(message.value, {k: _prepare(v) for k, v in args.items()})
        if errors:
            raise ValueError(f"{key}: {errors}")
        return text

    def plain(self, key: str, **args: Any) -> str:
        """For documents and logs: the same text without HTML escaping."""
        message = self.bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = self.bundle.format_pattern(message.value, args)
        if errors:
            raise ValueError(f"{key}: {errors}")
        return text


_TEXTS: Texts | None = None


def texts() -> Texts:
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = Texts()
    return _TEXTS
