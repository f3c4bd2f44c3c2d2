"""Meetings of the pair or group in any form (2.3: situational, speed, virtual ones too): the list and a new
one by its format, date and topic."""

from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programme import MeetingFormat, Part
from domain.validation import InputError
from handlers.callbacks import MenuCb, ProgCb
from handlers.forms import TextForm, date_field, input_error_text, text_field
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.programme.common import refuse
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services.outcome import Actor, Refused
from services.programme import Meetings, log_meeting, meetings

router = Router(name="programme_meetings")


class MeetingForm(StatesGroup):
    filling = State()


def _screen(t: Texts, found: Meetings) -> tuple[Html, Any]:
    view = found.programme
    lines = [
        t("meeting-line", date=m.held_on, format=t(f"meeting-{m.format}"), topic=m.topic, name=m.logged_by)
        for m in found.meetings
    ]
    rows = []
    logging_allowed = view.running and view.part in (Part.MENTOR, Part.MENTEE)
    if logging_allowed:
        rows = choice_rows(t, MeetingFormat, "meeting", lambda i: ProgCb(action="mfmt", id=view.mentorship_id, v=i))
    rows.append([button(t("act-back"), ProgCb(action="view", id=view.mentorship_id))])
    text = t(
        "meetings",
        lines=Html("\n".join(lines)) if lines else t("meetings-none"),
        ask="yes" if logging_allowed else "no",
    )
    return text, keyboard(*rows)


@router.callback_query(ProgCb.filter(F.action == "meetings"))
async def meetings_list(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        found = (await meetings(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await show_in_place(query, *_screen(t, found))


async def _save_meeting(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    actor: Actor,
    **_: Any,
) -> None:
    try:
        outcome = await log_meeting(
            session,
            actor,
            int(extra["mentorship"]),
            date.fromisoformat(values["held_on"]),
            MeetingFormat(extra["format"]),
            values["topic"],
        )
    except InputError as error:
        await meeting_form.reopen(bot, query.from_user.id, state, t, "held_on", input_error_text(t, error))
        return
    except Refused as refusal:
        await state.clear()
        await refuse(query, t, refusal, session, actor)
        return
    await state.clear()
    text, markup = _screen(t, outcome.value)
    await bot.send_message(query.from_user.id, t("meeting-saved") + "\n\n" + text, reply_markup=markup)


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    markup = keyboard([button(t("menu-mentoring"), MenuCb(action="mentoring"))])
    await bot.send_message(query.from_user.id, t("cancelled"), reply_markup=markup)


meeting_form = TextForm(
    "meeting",
    MeetingForm.filling,
    [
        date_field("held_on", "field-meeting-date", "prompt-meeting-date"),
        text_field("topic", "field-meeting-topic", "prompt-meeting-topic", max_len=500),
    ],
    title="meeting-title",
    on_submit=_save_meeting,
    on_cancel=_cancelled,
)
meeting_form.register(router)


@router.callback_query(ProgCb.filter(F.action == "mfmt"))
async def meeting_start(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    meeting_format = chosen(MeetingFormat, callback_data.v)
    try:
        found = (await meetings(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    view = found.programme
    if meeting_format is None or not view.running or view.part == Part.CURATOR:
        key = "q-stale" if meeting_format is None else "prog-closed" if not view.running else "denied"
        await refuse(query, t, Refused(key), session, actor)
        return
    await meeting_form.start(
        bot, query.from_user.id, state, t, mentorship=view.mentorship_id, format=meeting_format.value
    )
