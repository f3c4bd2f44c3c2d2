"""The consent step several flows share — a questionnaire or a report (the personal-data consent first,
152-FZ art. 9), a pair's or a replacement's agreement (the mentor's and the mentee's written consents, 3.2,
3.7): the consent shown as its own document with «Даю согласие» and «Не сейчас», and what pressing «Даю
согласие» does (services/consents.py `give`).

«Даю согласие» may carry a continuation (`ConsentCb.then`): the flow that owns it handles the press —
handlers/questionnaire.py opens the questionnaire, authorizing it again as if it were asked for directly;
handlers/consents.py handles the press without one. Both call `record` here, so neither imports the other."""

import contextlib

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.consents import ConsentKind
from handlers.callbacks import ConsentCb
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from locales import Texts
from services import consents
from services.outcome import Actor, Refused


def kind_of(value: str) -> ConsentKind | None:
    try:
        return ConsentKind(value)
    except ValueError:
        return None


async def ask_consent(
    bot: Bot,
    chat_id: int,
    t: Texts,
    session: AsyncSession,
    person: Person,
    organization: Organization,
    kind: ConsentKind,
    then: str = "",
) -> None:
    """Show the consent, rendered for the person and the school, with its version."""
    try:
        shown = await consents.prompt(session, person, organization, kind)
    except Refused as refusal:
        await bot.send_message(chat_id, t(refusal.key, **refusal.params))
        return
    await bot.send_message(
        chat_id,
        t("consent-ask", title=shown.title, text=shown.text, version=shown.version),
        reply_markup=keyboard(
            [button(t("consent-agree"), ConsentCb(action="give", kind=kind.value, then=then))],
            [button(t("consent-later"), ConsentCb(action="later", kind=kind.value))],
        ),
    )


async def record(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    bot: Bot,
    after: InlineKeyboardMarkup | None = None,
) -> bool:
    """«Даю согласие» pressed: the consent recorded with its text version and the message it was given in.
    True when it was recorded now (a continuation may follow); `after`: the buttons under the confirmation when
    nothing follows."""
    kind = kind_of(callback_data.kind)
    if kind is None:
        await query.answer(t("denied"), show_alert=True)
        return False
    message_id = query.message.message_id if isinstance(query.message, Message) else None
    try:
        outcome = await consents.give(session, actor, kind, message_id)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return False
    await query.answer(t("consent-given-short"))
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
    await bot.send_message(query.from_user.id, t("consent-given", title=outcome.value.title), reply_markup=after)
    await deliver(bot, session, t, outcome.notices)
    return True
