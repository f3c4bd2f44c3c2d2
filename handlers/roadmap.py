"""The road map (Annex 2; 3.4, 3.5): stages and events of a school year; the curator ticks an event done with a
date and the document that shows it; the director sees where the school stands."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person, RoadmapItem
from domain.dates import format_date, parse_date
from domain.roles import Role
from domain.school_year import school_year_label, school_year_of
from domain.validation import InputError, clean_text
from handlers.callbacks import MonCb, RoadCb
from handlers.filters import HasRole
from handlers.forms import input_error_text
from handlers.keyboards import button, clip, keyboard
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import roadmap as service

router = Router(name="roadmap")
curators = Router(name="roadmap_curator")
curators.message.filter(HasRole(Role.CURATOR))
curators.callback_query.filter(HasRole(Role.CURATOR))
viewers = Router(name="roadmap_view")
viewers.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR))
router.include_routers(curators, viewers)


class TickForm(StatesGroup):
    day = State()
    document = State()


def _year(y: int, tz: ZoneInfo) -> int | None:
    current = school_year_of(datetime.now(tz).date())
    if y == 0:
        return current
    return y if 2020 <= y <= current + 1 else None


@viewers.callback_query(RoadCb.filter(F.action == "home"))
async def home(
    query: CallbackQuery,
    callback_data: RoadCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    tz: ZoneInfo,
    state: FSMContext,
) -> None:

    await state.clear()
    year = _year(callback_data.y, tz)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    items = await service.year_items(session, person.organization_id, year)
    stages = service.stages(items, datetime.now(tz).date())
    lines = [
        t("rm-stage-line", number=s.number, title=s.title, done=s.done, total=s.total, overdue=s.overdue)
        for s in stages
    ]
    done = sum(s.done for s in stages)
    rows = [
        [
            button(
                t("rm-stage-button", number=s.number, done=s.done, total=s.total),
                RoadCb(action="stage", y=year, id=s.number),
            )
        ]
        for s in stages
    ]
    rows.append(
        [button(t("nav-back"), MonCb(action="board", y=year if year <= school_year_of(datetime.now(tz).date()) else 0))]
    )
    await query.answer()
    await show_in_place(
        query,
        t("rm-home", year=school_year_label(year), done=done, total=len(items), lines=Html("\n".join(lines))),
        keyboard(*rows),
    )


def _mark(item: RoadmapItem, today: date) -> str:
    if item.done_on:
        return "✅"
    return "⚠️" if item.due_date < today else "⬜"


@viewers.callback_query(RoadCb.filter(F.action == "stage"))
async def stage(
    query: CallbackQuery, callback_data: RoadCb, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> None:
    year = _year(callback_data.y, tz)
    items = [
        i for i in await service.year_items(session, person.organization_id, year or 0) if i.stage == callback_data.id
    ]
    if year is None or not items:
        await query.answer(t("q-stale"), show_alert=True)
        return
    today = datetime.now(tz).date()
    rows = [
        [button(f"{_mark(i, today)} {i.code} {clip(i.title, 48)}", RoadCb(action="item", y=year, id=i.id))]
        for i in items
    ]
    rows.append([button(t("nav-back"), RoadCb(action="home", y=year))])
    await query.answer()
    await show_in_place(query, t("rm-stage", number=callback_data.id, title=items[0].stage_title), keyboard(*rows))


def _item_text(t: Texts, item: RoadmapItem, today: date) -> str:
    state = (
        t("rm-done", date=format_date(item.done_on), document=item.document or t("rm-no-document"))
        if item.done_on
        else t("rm-not-done", overdue="yes" if item.due_date < today else "no", due=format_date(item.due_date))
    )
    return t(
        "rm-item",
        code=item.code,
        title=item.title,
        planned=item.planned,
        responsible=item.responsible,
        expected=item.expected_result,
        state=Html(state),
    )


async def _item_screen(query: CallbackQuery, t: Texts, person: Person, item: RoadmapItem, tz: ZoneInfo) -> None:
    rows = []
    if Role.CURATOR in person.role_set:
        if item.done_on:
            rows.append([button(t("rm-undo"), RoadCb(action="undo", y=item.school_year, id=item.id))])
        else:
            rows.append([button(t("rm-tick"), RoadCb(action="done", y=item.school_year, id=item.id))])
    rows.append([button(t("nav-back"), RoadCb(action="stage", y=item.school_year, id=item.stage))])
    await show_in_place(query, _item_text(t, item, datetime.now(tz).date()), keyboard(*rows))


@viewers.callback_query(RoadCb.filter(F.action == "item"))
async def item_card(
    query: CallbackQuery, callback_data: RoadCb, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> None:
    item = await service.item(session, person.organization_id, callback_data.id)
    if item is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await _item_screen(query, t, person, item, tz)


@curators.callback_query(RoadCb.filter(F.action == "done"))
async def tick_start(
    query: CallbackQuery, callback_data: RoadCb, t: Texts, tz: ZoneInfo, state: FSMContext, bot: Bot
) -> None:
    await state.set_state(TickForm.day)
    await state.set_data({"item": callback_data.id, "year": callback_data.y})
    today = datetime.now(tz).date()
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("rm-ask-date"),
        reply_markup=keyboard(
            [button(t("rm-today", date=format_date(today)), RoadCb(action="today", id=callback_data.id))],
            [button(t("form-cancel"), RoadCb(action="item", y=callback_data.y, id=callback_data.id))],
        ),
    )


async def _ask_document(bot: Bot, chat_id: int, t: Texts, state: FSMContext, day: date) -> None:
    await state.update_data(day=day.isoformat())
    await state.set_state(TickForm.document)
    data = await state.get_data()
    await bot.send_message(
        chat_id,
        t("rm-ask-document", date=format_date(day)),
        reply_markup=keyboard(
            [button(t("rm-without-document"), RoadCb(action="nodoc", id=int(data["item"])))],
            [button(t("form-cancel"), RoadCb(action="item", y=int(data["year"]), id=int(data["item"])))],
        ),
    )


@curators.callback_query(RoadCb.filter(F.action == "today"), TickForm.day)
async def tick_today(query: CallbackQuery, t: Texts, tz: ZoneInfo, state: FSMContext, bot: Bot) -> None:
    await query.answer()
    await _ask_document(bot, query.from_user.id, t, state, datetime.now(tz).date())


@curators.message(TickForm.day, F.text, ~F.text.startswith("/"))
async def tick_day_typed(message: Message, t: Texts, tz: ZoneInfo, state: FSMContext, bot: Bot) -> None:
    try:
        day = parse_date(message.text)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    if day > datetime.now(tz).date():
        await message.answer(t("rm-future"))
        return
    await _ask_document(bot, message.chat.id, t, state, day)


async def _save(
    chat_id: int, document: str | None, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot
) -> None:
    data = await state.get_data()
    item = await service.tick(session, person, int(data.get("item", 0)), date.fromisoformat(data["day"]), document)
    await state.clear()
    if item is None:
        await bot.send_message(chat_id, t("q-stale"))
        return
    await bot.send_message(
        chat_id,
        t("rm-saved", code=item.code, date=format_date(item.done_on) if item.done_on else ""),
        reply_markup=keyboard([button(t("rm-back-stage"), RoadCb(action="stage", y=item.school_year, id=item.stage))]),
    )


@curators.callback_query(RoadCb.filter(F.action == "nodoc"), TickForm.document)
async def tick_without_document(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot
) -> None:
    await query.answer()
    await _save(query.from_user.id, None, session, t, person, state, bot)


@curators.message(TickForm.document, F.text, ~F.text.startswith("/"))
async def tick_document(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot
) -> None:
    try:
        document = clean_text(message.text, min_len=3, max_len=300)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    await _save(message.chat.id, document, session, t, person, state, bot)


@curators.message(TickForm.day, ~F.text)
@curators.message(TickForm.document, ~F.text)
async def tick_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


@curators.callback_query(RoadCb.filter(F.action == "undo"))
async def untick(
    query: CallbackQuery, callback_data: RoadCb, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> None:
    item = await service.untick(session, person, callback_data.id)
    if item is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer(t("rm-undone"))
    await _item_screen(query, t, person, item, tz)
