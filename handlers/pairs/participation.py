"""The mentor and the mentees answer a proposal (6.1): agree — after their written consent (3.2, 3.7), asked for
right there — or decline, after a confirmation."""

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from handlers.callbacks import PairCb
from handlers.filters import IsLinked
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver, refusal
from handlers.steps.consent import ask_consent
from handlers.steps.pair_view import card_text
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import pairs
from services.outcome import Actor, Refused

router = Router(name="pairs_participant")
router.callback_query.filter(IsLinked())


def answer_keyboard(t: Texts, mentorship_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t("pair-agree"), PairCb(action="agree", id=mentorship_id))],
        [button(t("pair-decline"), PairCb(action="decline", id=mentorship_id))],
    )


@router.callback_query(PairCb.filter(F.action.in_({"offer", "agree-screen"})))
async def offer(query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    try:
        pair = await pairs.view(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await show_in_place(query, card_text(t, pair), answer_keyboard(t, pair.mentorship.id))


@router.callback_query(PairCb.filter(F.action == "agree"))
async def agree(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    try:
        outcome = await pairs.agree(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    agreement = outcome.value
    if agreement.missing:  # 3.2, 3.7: the written consent first, sent right below
        await query.answer(t("pair-consent-first"), show_alert=True)
        for kind in agreement.missing:
            await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)
        return
    await query.answer(t("pair-agreed-short"))
    pair = await pairs.view(session, actor, callback_data.id)
    await show_in_place(
        query,
        Html(f"{t('pair-agreed', everybody='yes' if agreement.everybody else 'no')}\n\n{card_text(t, pair)}"),
        None,
    )
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(PairCb.filter(F.action == "decline"))
async def decline(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    if callback_data.v != 1:  # ask first: declining closes the proposal for everybody
        try:
            pair = await pairs.view(session, actor, callback_data.id)
        except Refused as refused:
            await query.answer(refusal(t, refused), show_alert=True)
            return
        await query.answer()
        await show_in_place(
            query,
            t("pair-decline-confirm", pair=pair.title),
            keyboard(
                [button(t("pair-decline-yes"), PairCb(action="decline", id=callback_data.id, v=1))],
                [button(t("nav-back"), PairCb(action="offer", id=callback_data.id))],
            ),
        )
        return
    try:
        outcome = await pairs.decline(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("pair-declined-short"))
    await show_in_place(query, t("pair-declined"), None)
    await deliver(bot, session, t, outcome.notices)
