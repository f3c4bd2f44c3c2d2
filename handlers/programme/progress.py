"""The mentor checks what a mentee reported done (4.1: «личная проверка выполнения заданий»): accepts it, or
returns it for more work with a word on what to redo."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programme import ItemStatus, Part
from domain.validation import InputError, clean_text
from handlers.callbacks import ActivityCb
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.programme.common import activity_markup, activity_text, refuse, show_activity
from locales import Texts
from services.outcome import Actor, Refused
from services.programme import check_activity, open_activity

router = Router(name="programme_progress")


class ReturnReason(StatesGroup):
    waiting = State()


@router.callback_query(ActivityCb.filter(F.action == "accept"))
async def accept(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await check_activity(session, actor, callback_data.id, accepted=True)
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await query.answer(t("prog-checked-accepted").plain())
    await show_activity(query, t, outcome.value)
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(ActivityCb.filter(F.action == "return"))
async def return_start(
    query: CallbackQuery,
    callback_data: ActivityCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    try:
        card = (await open_activity(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    if card.programme.part != Part.MENTOR or not card.programme.running:
        await refuse(query, t, Refused("denied" if card.programme.running else "prog-closed"), session, actor)
        return
    if card.activity.status != ItemStatus.DONE:
        await refuse(query, t, Refused(f"prog-item-already-{card.activity.status}"), session, actor)
        return
    await state.set_state(ReturnReason.waiting)
    await state.set_data({"item": card.activity.id})
    cancel = keyboard([button(t("form-cancel"), ActivityCb(action="card", id=card.activity.id))])
    await bot.send_message(query.from_user.id, t("prog-ask-return", title=card.activity.title), reply_markup=cancel)


@router.message(ReturnReason.waiting, F.text, ~F.text.startswith("/"))
async def return_reason(
    message: Message, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    try:
        reason = clean_text(message.text, min_len=3, max_len=900)
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    item_id = int((await state.get_data()).get("item", 0))
    await state.clear()
    try:
        outcome = await check_activity(session, actor, item_id, accepted=False, comment=reason)
    except Refused as refusal:
        await refuse(message, t, refusal, session, actor)
        return
    card = outcome.value
    await message.answer(
        t("prog-checked-returned") + "\n\n" + activity_text(t, card), reply_markup=activity_markup(t, card)
    )
    await deliver(bot, session, t, outcome.notices)


@router.message(ReturnReason.waiting, ~F.text)
async def return_not_text(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))
