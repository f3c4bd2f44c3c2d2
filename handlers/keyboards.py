"""Small keyboard helpers shared by the flows."""

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from locales import Html

E = TypeVar("E", bound=StrEnum)

if TYPE_CHECKING:
    from locales import Texts


def button(text: str, data: CallbackData | str) -> InlineKeyboardButton:
    """A label is plain text to Telegram: a text rendered as HTML (a name with «&» in it) is shown as read."""
    label = text.plain() if isinstance(text, Html) else text
    return InlineKeyboardButton(text=label, callback_data=data if isinstance(data, str) else data.pack())


def clip(text: str, limit: int) -> str:
    """A long title on a button: cut at a word and marked «…», never in the middle of a phrase unmarked."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:—-") + "…"


def keyboard(*rows: list[InlineKeyboardButton] | None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def pager_row(
    page: int, pages: int, make: "type[CallbackData] | None" = None, **fields: object
) -> list[InlineKeyboardButton]:
    """◀ 2/5 ▶ — `make(page=…, **fields)` builds the callback of each arrow."""
    if pages <= 1 or make is None:
        return []
    row = []
    if page > 0:
        row.append(button("◀", make(page=page - 1, **fields)))
    row.append(button(f"{page + 1}/{pages}", make(page=page, **fields)))
    if page < pages - 1:
        row.append(button("▶", make(page=page + 1, **fields)))
    return row


def choice_rows(
    t: "Texts", values: "Iterable[StrEnum]", prefix: str, make: "Callable[[int], CallbackData]"
) -> list[list[InlineKeyboardButton]]:
    """One button per enum value, labelled by the text key `{prefix}-{value}`; `make(index)` builds its callback.
    The index (not the value) travels in the callback, and handlers check it against the same enum."""
    return [[button(t(f"{prefix}-{value}"), make(index))] for index, value in enumerate(values)]


def chosen(values: "type[E]", index: int) -> "E | None":
    """The value `choice_rows` put at `index`; None for a stale or forged index."""
    members = list(values)
    return members[index] if 0 <= index < len(members) else None
