"""Delivers the notices a use case returns (services/outcome.py): each to the person's Telegram chat, its text
rendered in Russian, its buttons mapped from `Open` targets to this front end's buttons, its file attached.

Somebody unreachable — never connected, blocked the bot, or a chat Telegram doesn't know — is skipped and
logged; the actor's own action has succeeded and must not turn into an error for them (the request
middleware has already marked a 403 as unreachable)."""

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from domain.mentorship import REPORTS
from handlers.callbacks import (
    ActivityCb,
    BankCb,
    CampCb,
    ChangeCb,
    ConsentCb,
    MenuCb,
    OrderCb,
    PairCb,
    ProgCb,
    QStart,
    ReviewCb,
    StaffCb,
)  # fmt: skip
from handlers.keyboards import button, keyboard
from locales import Html, Texts
from services.outcome import Notice, Open, Refused, Term

log = logging.getLogger(__name__)

# target → (the button's usual label key, the button). Flows add their targets here: one map for every notice.
TARGETS: dict[str, tuple[str, Callable[[int], CallbackData]]] = {
    "menu": ("nav-menu", lambda _: MenuCb(action="main")),
    "pair": ("open-pair", lambda i: PairCb(action="card", id=i)),
    "pairs": ("open-pairs", lambda _: PairCb(action="list")),
    "programme": ("open-programme", lambda i: ProgCb(action="view", id=i)),
    "activity": ("open-activity", lambda i: ActivityCb(action="card", id=i)),
    "activity_accept": ("prog-accept", lambda i: ActivityCb(action="accept", id=i)),
    "activity_return": ("prog-return-item", lambda i: ActivityCb(action="return", id=i)),
    "activity_file": ("prog-get-file", lambda i: ActivityCb(action="file", id=i)),
    "report_mentor": ("report-write", lambda i: QStart(code=REPORTS["mentor"], m=i)),
    "report_mentee": ("report-write", lambda i: QStart(code=REPORTS["mentee"], m=i)),
    "reports": ("report-open", lambda i: ProgCb(action="reports", id=i)),
    "staff_card": ("open-staff-card", lambda i: StaffCb(action="card", person_id=i)),
    "profile": ("open-profile", lambda _: MenuCb(action="profile")),
    "privacy": ("consent-give-button", lambda _: ConsentCb(action="privacy")),
    "consent_personal_data": ("consent-give-button", lambda _: ConsentCb(action="ask", kind="personal_data")),
    "consent_mentor": ("consent-give-button", lambda _: ConsentCb(action="ask", kind="mentor")),
    "access_request": ("open-request", lambda i: ReviewCb(action="open", request_id=i)),
    "mentor_card": ("open-bank-card", lambda i: BankCb(action="card", bank="mentor", pid=i)),
    "mentee_card": ("open-bank-card", lambda i: BankCb(action="card", bank="mentee", pid=i)),
    "mentor_bank": ("open-mentor-bank", lambda _: BankCb(action="list", bank="mentor")),
    "campaign": ("open-campaign", lambda i: CampCb(action="view", id=i)),
    "fill_campaign": ("camp-fill", lambda i: QStart(code="", campaign=i)),  # the campaign names the questionnaire
    # a pair's life (handlers/pairs, handlers/changes)
    "agree": ("pair-agree", lambda i: PairCb(action="agree", id=i)),
    "decline": ("pair-decline", lambda i: PairCb(action="decline", id=i)),
    "approvals": ("open-approvals", lambda _: MenuCb(action="approvals")),
    "approve_pair": ("pair-approve", lambda i: OrderCb(action="approve", item=0, id=i)),
    "return_pair": ("pair-return", lambda i: OrderCb(action="return", item=0, id=i)),
    "approve_change": ("pair-approve", lambda i: OrderCb(action="approve", item=1, id=i)),
    "return_change": ("pair-return", lambda i: OrderCb(action="return", item=1, id=i)),
    "approve_completion": ("pair-approve", lambda i: OrderCb(action="approve", item=2, id=i)),
    "return_completion": ("pair-return", lambda i: OrderCb(action="return", item=2, id=i)),
    "change_agree": ("chg-agree", lambda i: ChangeCb(action="agree", id=i)),
    "change_disagree": ("chg-disagree", lambda i: ChangeCb(action="disagree", id=i)),
}


def render(t: Texts, key: str, args: Mapping[str, Any]) -> Html:
    """A text with its arguments; an argument that is itself a text key (`Term`) is rendered first."""
    return t(key, **{name: t(value.key) if isinstance(value, Term) else value for name, value in args.items()})


def refusal(t: Texts, refused: Refused) -> Html:
    """What a person reads when a rule or access says no."""
    return render(t, refused.key, refused.params)


def markup_of(t: Texts, buttons: Iterable[Open]) -> InlineKeyboardMarkup | None:
    rows = []
    for target in buttons:
        label, build = TARGETS[target.target]
        rows.append([button(t(target.label or label), build(target.id))])
    return keyboard(*rows) if rows else None


async def deliver(bot: Bot, session: AsyncSession, t: Texts, notices: Iterable[Notice]) -> int:
    """Send every notice; returns how many reached their person."""
    notices = list(notices)
    if not notices:
        return 0
    ids = {n.person_id for n in notices}
    rows = await session.execute(select(Person.id, Person.telegram_user_id).where(Person.id.in_(ids)))
    chats: dict[int, int | None] = {person_id: chat for person_id, chat in rows}
    delivered = 0
    for notice in notices:
        chat_id = chats.get(notice.person_id)
        if not chat_id:
            log.info("person %s has not connected Telegram; notice %s not delivered", notice.person_id, notice.key)
            continue
        try:
            await bot.send_message(
                chat_id, render(t, notice.key, notice.args), reply_markup=markup_of(t, notice.buttons)
            )
            if notice.attachment is not None:
                caption = t(notice.attachment.caption_key) if notice.attachment.caption_key else None
                file = BufferedInputFile(notice.attachment.content, filename=notice.attachment.filename)
                await bot.send_document(chat_id, file, caption=caption)
        except TelegramForbiddenError:
            log.info("person %s blocked the bot; notice %s not delivered", notice.person_id, notice.key)
            continue
        except TelegramBadRequest as error:
            if "chat not found" not in error.message:
                raise
            log.info("person %s never opened the chat; notice %s not delivered", notice.person_id, notice.key)
            continue
        delivered += 1
    return delivered
