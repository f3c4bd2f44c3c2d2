"""The bank of programmes and best practices (3.5, 3.6): browsed by need area and form; the curator marks a
finished programme as a best practice with a short description; a mentor starts a new programme from one.
Also each mentor's and mentee's courses and competitions (stage 2 of the monitoring)."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import growth as growth_repo
from db.repositories import practices as repo
from domain.dates import format_date
from domain.mentorship import Form
from domain.practices import NeedArea
from domain.roles import Role
from handlers.callbacks import ANY, GrowthCb, MenuCb, PracCb
from handlers.filters import HasRole
from handlers.forms import TextForm, date_field, text_field
from handlers.keyboards import button, choice_rows, chosen, clip, keyboard
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services import practices as service

router = Router(name="practices")
curators = Router(name="practices_curator")
curators.message.filter(HasRole(Role.CURATOR))
curators.callback_query.filter(HasRole(Role.CURATOR))
viewers = Router(name="practices_view")
viewers.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL, Role.MENTOR))
mentors = Router(name="practices_mentor")
mentors.callback_query.filter(HasRole(Role.MENTOR))
growers = Router(name="growth")
growers.message.filter(HasRole(Role.MENTOR, Role.MENTEE))
growers.callback_query.filter(HasRole(Role.MENTOR, Role.MENTEE))
router.include_routers(curators, mentors, viewers, growers)

GROWTH_KINDS = ("course", "competition", "certification")


class MarkForm(StatesGroup):
    filling = State()


class GrowthForm(StatesGroup):
    filling = State()


def _area(index: int) -> NeedArea | None:
    return chosen(NeedArea, index) if index != ANY else None


def _form(index: int) -> Form | None:
    return chosen(Form, index) if index != ANY else None


@viewers.callback_query(MenuCb.filter(F.action == "practices"))
@viewers.callback_query(PracCb.filter(F.action == "home"))
async def home(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext) -> None:
    await state.clear()
    every = await repo.practices(session, person.organization_id)
    rows = [[button(t("bp-browse"), PracCb(action="areas"))]]
    if Role.CURATOR in person.role_set:
        rows.append([button(t("bp-mark"), PracCb(action="mark"))])
    rows.append(back_to_menu(t))
    await query.answer()
    await show_in_place(query, t("bp-home", count=len(every)), keyboard(*rows))


@viewers.callback_query(PracCb.filter(F.action == "areas"))
async def areas(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    every = await repo.practices(session, person.organization_id)
    rows = [[button(t("bp-all", count=len(every)), PracCb(action="forms"))]]
    for index, area in enumerate(NeedArea):
        count = sum(1 for p in every if p.need_area == area.value)
        if count:
            rows.append([button(f"{t(f'area-{area}')} ({count})", PracCb(action="forms", a=index))])
    rows.append([button(t("nav-back"), PracCb(action="home"))])
    await query.answer()
    await show_in_place(query, t("bp-choose-area"), keyboard(*rows))


@viewers.callback_query(PracCb.filter(F.action == "forms"))
async def forms(query: CallbackQuery, callback_data: PracCb, session: AsyncSession, t: Texts, person: Person) -> None:
    area = _area(callback_data.a)
    if callback_data.a != ANY and area is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    every = await repo.practices(session, person.organization_id, area.value if area else None)
    rows = [[button(t("bp-all-forms", count=len(every)), PracCb(action="list", a=callback_data.a))]]
    for index, form in enumerate(Form):
        count = sum(1 for p in every if p.form == form.value)
        if count:
            rows.append([button(f"{t(f'form-{form}')} ({count})", PracCb(action="list", a=callback_data.a, f=index))])
    rows.append([button(t("nav-back"), PracCb(action="areas"))])
    await query.answer()
    await show_in_place(query, t("bp-choose-form"), keyboard(*rows))


@viewers.callback_query(PracCb.filter(F.action == "list"))
async def practice_list(
    query: CallbackQuery, callback_data: PracCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    area, form = _area(callback_data.a), _form(callback_data.f)
    if (callback_data.a != ANY and area is None) or (callback_data.f != ANY and form is None):
        await query.answer(t("q-stale"), show_alert=True)
        return
    found = await repo.practices(
        session, person.organization_id, area.value if area else None, form.value if form else None
    )
    rows = [
        [button(clip(p.title, 60), PracCb(action="card", id=p.id, a=callback_data.a, f=callback_data.f))]
        for p in found[:30]
    ]
    rows.append([button(t("nav-back"), PracCb(action="forms", a=callback_data.a))])
    await query.answer()
    await show_in_place(query, t("bp-list", count=len(found)) if found else t("bp-empty"), keyboard(*rows))


@viewers.callback_query(PracCb.filter(F.action == "card"))
async def card(query: CallbackQuery, callback_data: PracCb, session: AsyncSession, t: Texts, person: Person) -> None:
    practice = await repo.practice(session, person.organization_id, callback_data.id)
    if practice is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    items = await service.template(session, practice)
    lines = [
        t("bp-item", number=n, kind=t(f"kind-{i.kind}"), title=i.title, day=i.offset_days + 1)
        for n, i in enumerate(items, start=1)
    ]
    rows = []
    if Role.MENTOR in person.role_set:
        rows.append([button(t("bp-use"), PracCb(action="use", id=practice.id, a=callback_data.a, f=callback_data.f))])
    rows.append([button(t("nav-back"), PracCb(action="list", a=callback_data.a, f=callback_data.f))])
    await query.answer()
    await show_in_place(
        query,
        t(
            "bp-card",
            title=practice.title,
            form=t(f"form-{practice.form}"),
            area=t(f"area-{practice.need_area}"),
            description=practice.description,
            items=Html("\n".join(lines) or t("bp-no-items")),
        ),
        keyboard(*rows),
    )


# -- a mentor starts a programme from a practice --------------------------------------------------------------
@mentors.callback_query(PracCb.filter(F.action == "use"))
async def use(query: CallbackQuery, callback_data: PracCb, session: AsyncSession, t: Texts, person: Person) -> None:
    drafts = await service.mentor_drafts(session, person)
    if not drafts:
        await query.answer(t("bp-no-drafts"), show_alert=True)
        return
    rows = []
    for mentorship in drafts:
        names = [m.mentee_id for m in mentorship.members]
        mentees = [p.full_name for p in [await session.get(Person, pid) for pid in names] if p]
        rows.append([button(clip(", ".join(mentees), 60), PracCb(action="into", id=callback_data.id, m=mentorship.id))])
    rows.append(
        [button(t("nav-back"), PracCb(action="card", id=callback_data.id, a=callback_data.a, f=callback_data.f))]
    )
    await query.answer()
    await show_in_place(query, t("bp-choose-mentorship"), keyboard(*rows))


@mentors.callback_query(PracCb.filter(F.action == "into"))
async def into(query: CallbackQuery, callback_data: PracCb, session: AsyncSession, t: Texts, person: Person) -> None:
    result = await service.start_from(session, person, callback_data.id, callback_data.m)
    if isinstance(result, service.Problem):
        await query.answer(t(f"bp-problem-{result}"), show_alert=True)
        return
    await query.answer(t("bp-copied-short"))
    await show_in_place(
        query,
        t("bp-copied", count=result.copied),
        keyboard([button(t("menu-mentoring"), MenuCb(action="mentoring"))], back_to_menu(t)),
    )


# -- the curator marks a finished programme as a best practice --------------------------------------------------
@curators.callback_query(PracCb.filter(F.action == "mark"))
async def mark_choose(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    rows = []
    for mentorship in await repo.unmarked_completed(session, person.organization_id):
        mentor = await session.get(Person, mentorship.mentor_id)
        label = t(
            "bp-mark-item",
            mentor=mentor.full_name if mentor else "—",
            form=t(f"form-{mentorship.form}"),
            end=format_date(mentorship.completed_on) if mentorship.completed_on else "—",
        )
        rows.append([button(clip(label, 64), PracCb(action="pick", id=mentorship.id))])
    rows.append([button(t("nav-back"), PracCb(action="home"))])
    await query.answer()
    await show_in_place(query, t("bp-mark-choose") if len(rows) > 1 else t("bp-mark-none"), keyboard(*rows))


@curators.callback_query(PracCb.filter(F.action == "pick"))
async def mark_area(query: CallbackQuery, callback_data: PracCb, t: Texts) -> None:
    rows = choice_rows(t, NeedArea, "area", lambda i: PracCb(action="area", id=callback_data.id, a=i))
    rows.append([button(t("form-cancel"), PracCb(action="mark"))])
    await query.answer()
    await show_in_place(query, t("bp-mark-area"), keyboard(*rows))


@curators.callback_query(PracCb.filter(F.action == "area"))
async def mark_form(query: CallbackQuery, callback_data: PracCb, t: Texts, state: FSMContext, bot: Bot) -> None:
    area = _area(callback_data.a)
    if area is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await mark_text.start(bot, query.from_user.id, state, t, mentorship=callback_data.id, area=area.value)


async def _save_mark(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    **_: Any,
) -> None:
    result = await service.mark(
        session, person, int(extra["mentorship"]), NeedArea(extra["area"]), values["title"], values["description"]
    )
    await state.clear()
    if isinstance(result, service.Problem):
        await query.answer(t(f"bp-problem-{result}"), show_alert=True)
        return
    await query.answer(t("bp-marked-short"))
    await bot.send_message(
        query.from_user.id,
        t("bp-marked", title=result.title),
        reply_markup=keyboard([button(t("bp-open"), PracCb(action="card", id=result.id))], back_to_menu(t)),
    )


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(query.from_user.id, t("cancelled"), reply_markup=keyboard(back_to_menu(t)))


mark_text = TextForm(
    "practice",
    MarkForm.filling,
    [
        text_field("title", "field-practice-title", "prompt-practice-title", min_len=5, max_len=200),
        text_field(
            "description", "field-practice-description", "prompt-practice-description", min_len=20, max_len=2000
        ),
    ],
    title="bp-mark-title",
    on_submit=_save_mark,
    on_cancel=_cancelled,
)
mark_text.register(curators)


# -- courses and competitions of a mentor or a mentee -----------------------------------------------------------
@growers.callback_query(MenuCb.filter(F.action == "growth"))
@growers.callback_query(GrowthCb.filter(F.action == "home"))
async def growth_home(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext) -> None:
    await state.clear()
    records = await growth_repo.of_person(session, person.id)
    lines = [
        t(
            "gr-line",
            date=format_date(r.held_on),
            kind=t(f"gr-kind-{r.kind}"),
            title=r.title or "—",
            result=f" — {r.result}" if r.result else "",
        )
        for r in records[:20]
    ]
    rows = [[button(t(f"gr-add-{kind}"), GrowthCb(action="kind", v=index))] for index, kind in enumerate(GROWTH_KINDS)]
    rows.append(back_to_menu(t))
    await query.answer()
    await show_in_place(query, t("gr-home", lines=Html("\n".join(lines) or t("gr-none"))), keyboard(*rows))


@growers.callback_query(GrowthCb.filter(F.action == "kind"))
async def growth_kind(query: CallbackQuery, callback_data: GrowthCb, t: Texts, state: FSMContext, bot: Bot) -> None:
    if not 0 <= callback_data.v < len(GROWTH_KINDS):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await growth_form.start(bot, query.from_user.id, state, t, kind=GROWTH_KINDS[callback_data.v])


async def _save_growth(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    tz: ZoneInfo,
    **_: Any,
) -> None:
    held_on = date.fromisoformat(values["held_on"])
    if held_on > datetime.now(tz).date():
        await query.answer()
        await growth_form.reopen(bot, query.from_user.id, state, t, "held_on", t("gr-future"))
        return
    await growth_repo.add(
        session, person.organization_id, person.id, str(extra["kind"]), values["title"], held_on, values.get("result")
    )
    await session.commit()
    await state.clear()
    await query.answer(t("gr-saved-short"))
    await bot.send_message(
        query.from_user.id,
        t("gr-saved", kind=t(f"gr-kind-{extra['kind']}"), title=values["title"]),
        reply_markup=keyboard([button(t("menu-growth"), GrowthCb(action="home"))], back_to_menu(t)),
    )


growth_form = TextForm(
    "growth",
    GrowthForm.filling,
    [
        text_field("title", "field-growth-title", "prompt-growth-title", min_len=3, max_len=300),
        date_field("held_on", "field-growth-date", "prompt-growth-date"),
        text_field("result", "field-growth-result", "prompt-growth-result", max_len=200, optional=True),
    ],
    title="gr-form-title",
    on_submit=_save_growth,
    on_cancel=_cancelled,
)
growth_form.register(growers)
