"""Comments on an activity (5.1: the mentee takes part in composing the programme; the mentor answers)."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programme import COMMENT_MAX, COMMENT_MIN, Part
from domain.validation import InputError, clean_text
from handlers.callbacks import ActivityCb
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.programme.common import activity_markup, activity_text, refuse
from locales import Texts
from services.outcome import Actor, Refused
from services.programme import comment_activity, open_activity

router = Router(name="programme_comments")


class CommentText(StatesGroup):
    waiting = State()


@router.callback_query(ActivityCb.filter(F.action == "comment"))
async def comment_start(
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
    if card.programme.part == Part.CURATOR or not card.programme.running:
        await refuse(query, t, Refused("prog-closed" if not card.programme.running else "denied"), session, actor)
        return
    await state.set_state(CommentText.waiting)
    await state.set_data({"item": card.activity.id})
    cancel = keyboard([button(t("form-cancel"), ActivityCb(action="card", id=card.activity.id))])
    await bot.send_message(query.from_user.id, t("prog-comment-ask", title=card.activity.title), reply_markup=cancel)


@router.message(CommentText.waiting, F.text, ~F.text.startswith("/"))
async def comment_typed(
    message: Message, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    try:
        text = clean_text(message.text, min_len=COMMENT_MIN, max_len=COMMENT_MAX)
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    item_id = int((await state.get_data()).get("item", 0))
    await state.clear()
    try:
        outcome = await comment_activity(session, actor, item_id, text)
    except Refused as refusal:
        await refuse(message, t, refusal, session, actor)
        return
    card = outcome.value
    await message.answer(activity_text(t, card), reply_markup=activity_markup(t, card))
    await deliver(bot, session, t, outcome.notices)


@router.message(CommentText.waiting, ~F.text)
async def comment_not_text(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))
