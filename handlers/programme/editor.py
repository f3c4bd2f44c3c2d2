"""Writing the programme (3.6): the goal and the tasks, activities added, edited and deleted while it is a draft,
the mentee's proposals (5.1) included or declined, and the programme sent to the mentee after a confirmation."""

from dataclasses import replace
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dates import format_date, parse_date
from domain.programme import (
    GOAL_MAX,
    GOAL_MIN,
    TASKS_MAX,
    ActivityKind,
    Part,
    check_activity_date,
    missing_for_submission,
)
from domain.validation import InputError
from handlers.callbacks import ActivityCb, MenuCb, ProgCb
from handlers.forms import TextForm, date_field, input_error_text, text_field
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.notifier import deliver
from handlers.programme.common import programme_screen, refuse
from handlers.steps.screens import show_in_place
from locales import Texts
from services.outcome import Actor, Refused
from services.programme import (
    ActivityDraft,
    add_activity,
    decide_proposal,
    delete_activity,
    edit_activity,
    open_activity,
    open_programme,
    set_goal,
    submit_programme,
)

router = Router(name="programme_editor")


class GoalForm(StatesGroup):
    filling = State()


class ActivityForm(StatesGroup):
    filling = State()


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    markup = keyboard([button(t("menu-mentoring"), MenuCb(action="mentoring"))])
    await bot.send_message(query.from_user.id, t("cancelled"), reply_markup=markup)


# -- the goal and the tasks -------------------------------------------------------------------------------------
async def _save_goal(
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
    await state.clear()
    try:
        view = (await set_goal(session, actor, int(extra["mentorship"]), values["goal"], values.get("tasks"))).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    text, markup = await programme_screen(session, t, actor, view)
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


goal_form = TextForm(
    "goal",
    GoalForm.filling,
    [
        text_field("goal", "field-goal", "prompt-goal", min_len=GOAL_MIN, max_len=GOAL_MAX),
        text_field("tasks", "field-tasks", "prompt-tasks", max_len=TASKS_MAX, optional=True),
    ],
    title="prog-goal-title",
    on_submit=_save_goal,
    on_cancel=_cancelled,
)
goal_form.register(router)


@router.callback_query(ProgCb.filter(F.action == "goal"))
async def goal_start(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    try:
        view = (await open_programme(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    if not view.editable:
        await refuse(query, t, Refused("prog-not-draft" if view.part == Part.MENTOR else "denied"), session, actor)
        return
    current = {"goal": view.goal, "tasks": view.tasks}
    if view.goal:
        await goal_form.edit(bot, query.from_user.id, state, t, current, mentorship=view.mentorship_id)
    else:
        await goal_form.start(bot, query.from_user.id, state, t, mentorship=view.mentorship_id)


# -- activities: the mentor adds and edits, a mentee proposes (5.1) ----------------------------------------------
async def _save_activity(
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
    draft = ActivityDraft(
        kind=ActivityKind(extra["kind"]),
        title=values["title"],
        due=date.fromisoformat(values["due"]),
        expected=values["expected"],
        report_form=values.get("report_form"),
    )
    try:
        if extra.get("item"):
            outcome = await edit_activity(session, actor, int(extra["item"]), draft)
        else:
            outcome = await add_activity(session, actor, int(extra["mentorship"]), draft)
    except InputError as error:  # a date outside the mentorship's period: back to that field
        await activity_form.reopen(bot, query.from_user.id, state, t, "due", input_error_text(t, error))
        return
    except Refused as refusal:
        await state.clear()
        await refuse(query, t, refusal, session, actor)
        return
    await state.clear()
    card = outcome.value
    part = card.programme.part
    key = "prog-edited" if extra.get("item") else f"prog-added-{part}"
    text, markup = await programme_screen(session, t, actor, card.programme)
    await bot.send_message(query.from_user.id, t(key, title=card.activity.title) + "\n\n" + text, reply_markup=markup)
    await deliver(bot, session, t, outcome.notices)


def _period(start: date, end: date) -> tuple[str, str]:
    """The mentorship's period as the activity form keeps it: shown in its date question, checked at that step."""
    return format_date(start), format_date(end)


def _within_period(value: str, extra: dict[str, Any]) -> None:
    if extra.get("start") and extra.get("end"):
        check_activity_date(date.fromisoformat(value), parse_date(extra["start"]), parse_date(extra["end"]))


activity_form = TextForm(
    "activity",
    ActivityForm.filling,
    [
        text_field("title", "field-activity", "prompt-activity", max_len=300),
        replace(
            date_field("due", "field-activity-due", "prompt-activity-due"),
            check=_within_period,
            prompt_args=lambda extra: {"start": extra.get("start", "—"), "end": extra.get("end", "—")},
        ),
        text_field("expected", "field-activity-result", "prompt-activity-result", max_len=500),
        text_field("report_form", "field-activity-report", "prompt-activity-report", max_len=300, optional=True),
    ],
    title="prog-activity-title",
    on_submit=_save_activity,
    on_cancel=_cancelled,
)
activity_form.register(router)


@router.callback_query(ProgCb.filter(F.action == "add"))
async def add_start(query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    try:
        view = (await open_programme(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    if not view.running or view.part == Part.CURATOR or (view.part == Part.MENTOR and not view.draft):
        key = "prog-not-draft" if view.part == Part.MENTOR else "prog-closed" if not view.running else "denied"
        await refuse(query, t, Refused(key), session, actor)
        return
    rows = choice_rows(t, ActivityKind, "kind", lambda i: ProgCb(action="kind", id=view.mentorship_id, v=i))
    rows.append([button(t("form-cancel"), ProgCb(action="view", id=view.mentorship_id))])
    await show_in_place(query, t(f"prog-choose-kind-{view.part}"), keyboard(*rows))


@router.callback_query(ProgCb.filter(F.action == "kind"))
async def kind_chosen(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    kind = chosen(ActivityKind, callback_data.v)
    try:
        view = (await open_programme(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    if kind is None or view.part == Part.CURATOR:
        await refuse(query, t, Refused("denied" if kind else "q-stale"), session, actor)
        return
    start, end = _period(view.start, view.end)
    await activity_form.start(
        bot, query.from_user.id, state, t, mentorship=view.mentorship_id, kind=kind.value, start=start, end=end
    )


@router.callback_query(ActivityCb.filter(F.action == "edit"))
async def edit_start(
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
    if not card.programme.editable:
        await refuse(
            query, t, Refused("prog-not-draft" if card.programme.part == Part.MENTOR else "denied"), session, actor
        )
        return
    a = card.activity
    values = {"title": a.title, "due": a.due.isoformat(), "expected": a.expected, "report_form": a.report_form}
    start, end = _period(card.programme.start, card.programme.end)
    await activity_form.edit(
        bot,
        query.from_user.id,
        state,
        t,
        values,
        mentorship=card.programme.mentorship_id,
        kind=a.kind.value,
        item=a.id,
        start=start,
        end=end,
    )


@router.callback_query(ActivityCb.filter(F.action == "delete"))
async def delete_ask(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        card = (await open_activity(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    markup = keyboard(
        [button(t("act-delete-yes"), ActivityCb(action="delete_yes", id=callback_data.id))],
        [button(t("nav-back"), ActivityCb(action="card", id=callback_data.id))],
    )
    await show_in_place(query, t("act-delete-ask", title=card.activity.title), markup)


@router.callback_query(ActivityCb.filter(F.action == "delete_yes"))
async def delete(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        view = (await delete_activity(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await query.answer(t("act-deleted").plain())
    await show_in_place(query, *await programme_screen(session, t, actor, view))


@router.callback_query(ActivityCb.filter(F.action.in_({"include", "decline"})))
async def decide(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    include = callback_data.action == "include"
    try:
        outcome = await decide_proposal(session, actor, callback_data.id, include)
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await query.answer(t("act-included" if include else "act-declined").plain())
    await show_in_place(query, *await programme_screen(session, t, actor, outcome.value))
    await deliver(bot, session, t, outcome.notices)


# -- sending it to the mentee (3.6), after a confirmation ---------------------------------------------------------
@router.callback_query(ProgCb.filter(F.action == "submit"))
async def submit_ask(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        view = (await open_programme(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    if not view.editable:
        await refuse(query, t, Refused("prog-not-draft" if view.part == Part.MENTOR else "denied"), session, actor)
        return
    missing = missing_for_submission(view.goal, len(view.activities))
    if missing:
        what = missing[0] if len(missing) == 1 else "both"
        await refuse(query, t, Refused("prog-missing", what=what), session, actor)
        return
    names = [m.name for m in view.mentees]
    text = t(
        "prog-submit-ask",
        mentee=names[0] if names else "",
        mentees=", ".join(names),
        count=len(names),
        items=len(view.activities),
    )
    markup = keyboard(
        [button(t("prog-submit-yes"), ProgCb(action="submit_yes", id=view.mentorship_id))],
        [button(t("nav-back"), ProgCb(action="view", id=view.mentorship_id))],
    )
    await show_in_place(query, text, markup)


@router.callback_query(ProgCb.filter(F.action == "submit_yes"))
async def submit(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await submit_programme(session, actor, callback_data.id)
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    submitted = outcome.value
    await query.answer(t("prog-submitted-short").plain())
    text, markup = await programme_screen(session, t, actor, submitted.programme)
    await show_in_place(query, text, markup)
    await deliver(bot, session, t, outcome.notices)
