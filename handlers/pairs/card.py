"""The curator's card of a pair or group, with the buttons of what can be done with it now."""

from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mentorship import BEFORE_ORDER, ChangeKind, Status
from handlers.callbacks import ChangeCb, PairCb
from handlers.keyboards import button, keyboard
from handlers.steps.pair_view import card_text
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import pairs
from services.outcome import Actor


def card_keyboard(t: Texts, pair: pairs.PairView) -> InlineKeyboardMarkup:
    m = pair.mentorship
    cb = lambda action, v=0: PairCb(action=action, id=m.id, v=v)  # noqa: E731
    rows: list[list[InlineKeyboardButton]] = []
    status = pair.status
    if status is Status.RETURNED:
        rows.append([button(t("pair-resubmit"), cb("resubmit"))])
        rows.append([button(t("pair-edit-returned"), cb("edit"))])
        rows.append([button(t("pair-cancel"), cb("withdraw"))])
    elif status in BEFORE_ORDER:
        rows.append([button(t("pair-edit"), cb("edit"))])
        rows.append([button(t("pair-withdraw"), cb("withdraw"))])
    if status is Status.APPROVED:
        completing = any(c.kind == ChangeKind.COMPLETE for c in pair.changes)
        replacing = next((c for c in pair.changes if c.kind == ChangeKind.REPLACE), None)
        if not completing:
            rows.append([button(t("pair-complete"), cb("complete"))])
        if replacing is None:
            rows.append([button(t("chg-replace"), ChangeCb(action="replace", id=m.id))])
        else:
            rows.append([button(t("chg-replace-cancel"), ChangeCb(action="rcancel", id=replacing.id))])
    if status in (Status.APPROVED, Status.COMPLETED):
        rows.append([button(t("pair-order-docx"), cb("docx"))])
    if status is Status.COMPLETED:
        rows.append([button(t("pair-reports-docx"), cb("reports"))])
    rows.append([button(t("pair-history"), cb("history"))])
    rows.append([button(t("pair-back"), PairCb(action="list"))])
    return keyboard(*rows)


async def show_card(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, mentorship_id: int,
                    notice: str = "") -> None:  # fmt: skip
    pair = await pairs.view(session, actor, mentorship_id)
    text = card_text(t, pair)
    await show_in_place(query, Html(f"{notice}\n\n{text}") if notice else text, card_keyboard(t, pair))
