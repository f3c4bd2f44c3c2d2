"""The mentee's side of the programme: acknowledging it (3.6) and reporting an activity done with a comment or
a file (5.2)."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programme import OPEN_ITEM, Part
from domain.validation import InputError, clean_text
from handlers.callbacks import ActivityCb, ProgCb
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.programme.common import activity_markup, activity_text, programme_screen, refuse
from handlers.steps.screens import show_in_place
from locales import Texts
from services.outcome import Actor, Refused
from services.programme import acknowledge_programme, open_activity, report_done

router = Router(name="programme_mentee")


class DoneReport(StatesGroup):
    waiting = State()


@router.callback_query(ProgCb.filter(F.action == "ack"))
async def acknowledge(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await acknowledge_programme(session, actor, callback_data.id)
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await query.answer(t("prog-ack-short").plain())
    await show_in_place(query, *await programme_screen(session, t, actor, outcome.value))
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(ActivityCb.filter(F.action == "done"))
async def done_start(
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
    view, activity = card.programme, card.activity
    why = (
        Refused("denied")
        if view.part != Part.MENTEE
        else Refused("prog-closed")
        if not view.running
        else Refused("prog-nothing-to-mark")
        if view.draft
        else None
        if activity.status in OPEN_ITEM
        else Refused(f"prog-item-already-{activity.status}")
    )
    if why is not None:
        await refuse(query, t, why, session, actor)
        return
    await state.set_state(DoneReport.waiting)
    await state.set_data({"item": card.activity.id})
    cancel = keyboard([button(t("form-cancel"), ActivityCb(action="card", id=card.activity.id))])
    await bot.send_message(query.from_user.id, t("prog-ask-report", title=card.activity.title), reply_markup=cancel)


@router.message(DoneReport.waiting, ~F.text.startswith("/"))
async def done_report(
    message: Message, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    item_id = int((await state.get_data()).get("item", 0))
    upload = message.document or (message.photo[-1] if message.photo else None)
    text = message.text or message.caption
    if not text and not upload:
        await message.answer(t("prog-report-need"))
        return
    try:
        comment = clean_text(text, min_len=3, max_len=1000) if text else None
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    file_name = (message.document.file_name or "файл") if message.document else ("фото" if upload else None)
    try:
        outcome = await report_done(session, actor, item_id, comment, upload.file_id if upload else None, file_name)
    except Refused as refusal:
        await state.clear()
        await refuse(message, t, refusal, session, actor)
        return
    await state.clear()
    card = outcome.value
    await message.answer(
        t("prog-reported", mentor=card.programme.mentor.name) + "\n\n" + activity_text(t, card),
        reply_markup=activity_markup(t, card),
    )
    await deliver(bot, session, t, outcome.notices)
