"""Monitoring (3.5): the dashboard of the curator and the director, charts, the statistics for a period (XLSX),
the annual analytic report (DOCX and XLSX) with the curator's conclusions typed here; and the education
department's overview of its schools with a school-to-school comparison (3.3), aggregates only."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.dates import format_date, parse_date
from domain.indicators import INVOLVEMENT_TARGET, Dashboard, DeadlineTally, Period, school_year_period
from domain.mentorship import Form
from domain.roles import Role
from domain.rules import OrgRules
from domain.school_year import school_year_label, school_year_of
from domain.validation import InputError, clean_text
from handlers.callbacks import MenuCb, MonCb, PracCb, RoadCb, SiteCb
from handlers.filters import HasRole
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services import monitoring

router = Router(name="monitoring")
school = Router(name="monitoring_school")
school.message.filter(HasRole(Role.CURATOR, Role.DIRECTOR))
school.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR))
curators = Router(name="monitoring_curator")
curators.message.filter(HasRole(Role.CURATOR))
curators.callback_query.filter(HasRole(Role.CURATOR))
department = Router(name="monitoring_department")
department.callback_query.filter(HasRole(Role.DEPARTMENT))
router.include_routers(curators, school, department)

FIRST_YEAR = 2020  # no school year before this one is offered


class PeriodForm(StatesGroup):
    dates = State()


class NoteForm(StatesGroup):
    text = State()


def _today(tz: ZoneInfo) -> date:
    return datetime.now(tz).date()


def _year(callback_data: MonCb, today: date) -> int | None:
    """The chosen school year, or the current one; None for a forged year."""
    current = school_year_of(today)
    if callback_data.y == 0:
        return current
    return callback_data.y if FIRST_YEAR <= callback_data.y <= current else None


def _tally(t: Texts, key: str, tallied: DeadlineTally) -> str:
    return t(
        "mon-deadline",
        name=t(key),
        met=tallied.met,
        late=tallied.late,
        overdue=tallied.overdue,
        pending=tallied.pending,
        share=f"{tallied.in_time_share:.1f}".replace(".", ",") if tallied.in_time_share is not None else "—",
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def board_text(t: Texts, school_name: str, year: int, board: Dashboard, rules: OrgRules) -> str:
    forms = ", ".join(f"{t.plain(f'form-{f}')} — {board.by_form[f.value]}" for f in Form if board.by_form.get(f.value))
    statuses = ", ".join(f"{t.plain(f'mon-status-{s}')} — {n}" for s, n in sorted(board.by_status.items()))
    load = "; ".join(
        t.plain("mon-load-item", mentees=k, mentors=board.mentor_load[k]) for k in sorted(board.mentor_load)
    )
    campaigns = "\n".join(
        t(
            "mon-campaign",
            title=t(f"qn-{c.questionnaire_code}"),
            due=format_date(c.due_date),
            submitted=c.submitted,
            invited=c.invited,
        )
        for c in board.campaigns
    )
    return t(
        "mon-board",
        school=school_name,
        year=school_year_label(year),
        today=format_date(board.today),
        staff=board.staff,
        young=board.young,
        young_mentees=board.young_mentees,
        young_share=_pct(board.young_share),
        mentors=board.mentors,
        mentees=board.mentees,
        pairs=board.pairs,
        groups=board.groups,
        forms=forms or "—",
        statuses=statuses or "—",
        load=load or "—",
        max=rules.max_mentees_per_mentor,
        involved=board.involved,
        involvement=_pct(board.involvement),
        target=INVOLVEMENT_TARGET,
        reached="yes" if board.meets_target else "no",
        assignment=Html(_tally(t, "mon-dl-assignment", board.assignment)),
        programmes=Html(_tally(t, "mon-dl-programme", board.programmes)),
        reports=Html(_tally(t, "mon-dl-report", board.reports)),
        overdue=len(board.overdue_now),
        accepted=board.items_accepted,
        items=board.items_total,
        waiting=board.items_waiting,
        items_overdue=board.items_overdue,
        campaigns=Html(campaigns or t("mon-no-campaigns")),
    )


def board_keyboard(t: Texts, person: Person, year: int, today: date) -> InlineKeyboardMarkup:

    curator = Role.CURATOR in person.role_set
    rows = [
        [
            button(t("mon-charts"), MonCb(action="charts", y=year)),
            button(t("mon-overdue"), MonCb(action="overdue", y=year)),
        ],
        [button(t("mon-stats"), MonCb(action="stats", y=year))],
        [button(t("mon-report"), MonCb(action="report", y=year))],
    ]
    if curator:
        rows.append([button(t("mon-notes"), MonCb(action="notes", y=year))])
    rows.append(
        [button(t("menu-roadmap"), RoadCb(action="home", y=year)), button(t("menu-practices"), PracCb(action="home"))]
    )
    if curator:
        rows.append([button(t("menu-site"), SiteCb(action="home"))])
    years = []
    if year > FIRST_YEAR:
        years.append(button(f"◀ {school_year_label(year - 1)}", MonCb(action="board", y=year - 1)))
    if year < school_year_of(today):
        years.append(button(f"{school_year_label(year + 1)} ▶", MonCb(action="board", y=year + 1)))
    rows.append(years)
    rows.append(back_to_menu(t))
    return keyboard(*rows)


@school.callback_query(MenuCb.filter(F.action == "monitoring"))
@school.callback_query(MonCb.filter(F.action == "board"))
async def board(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    rules: OrgRules,
    tz: ZoneInfo,
    state: FSMContext,
    callback_data: CallbackData | None = None,
) -> None:
    await state.clear()
    today = _today(tz)
    year = _year(callback_data, today) if isinstance(callback_data, MonCb) else school_year_of(today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    data = await monitoring.dashboard(session, organization, rules, tz, school_year_period(year), today)
    await query.answer()
    await show_in_place(
        query, board_text(t, organization.short_name, year, data, rules), board_keyboard(t, person, year, today)
    )


@school.callback_query(MonCb.filter(F.action == "charts"))
async def charts(
    query: CallbackQuery,
    callback_data: MonCb,
    session: AsyncSession,
    t: Texts,
    organization: Organization,
    rules: OrgRules,
    tz: ZoneInfo,
    bot: Bot,
) -> None:
    today = _today(tz)
    year = _year(callback_data, today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    data = await monitoring.dashboard(session, organization, rules, tz, school_year_period(year), today)
    await query.answer(t("mon-charts-wait"))
    for name, picture in monitoring.dashboard_charts(data, t.plain, rules):
        await bot.send_photo(query.from_user.id, BufferedInputFile(picture, filename=name))
    await bot.send_message(
        query.from_user.id,
        t("mon-charts-done", year=school_year_label(year)),
        reply_markup=keyboard([button(t("nav-back"), MonCb(action="board", y=year))]),
    )


@school.callback_query(MonCb.filter(F.action == "overdue"))
async def overdue(
    query: CallbackQuery,
    callback_data: MonCb,
    session: AsyncSession,
    t: Texts,
    organization: Organization,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    today = _today(tz)
    year = _year(callback_data, today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    data = await monitoring.dashboard(session, organization, rules, tz, school_year_period(year), today)
    people = await monitoring.overdue_people(session, data)
    lines = [
        t("mon-overdue-line", what=t(f"mon-overdue-{kind}"), who=people.get((kind, subject), "—"), due=format_date(due))
        for kind, subject, due in sorted(data.overdue_now, key=lambda x: x[2])
    ]
    await query.answer()
    await show_in_place(
        query,
        t("mon-overdue-title", count=len(lines)) + "\n\n" + ("\n".join(lines) or t("mon-overdue-none")),
        keyboard([button(t("nav-back"), MonCb(action="board", y=year))]),
    )


# -- statistics for a period -------------------------------------------------------------------------------------
PERIODS = ("year", "last", "half1", "half2")


def _period(kind: str, today: date) -> Period:
    year = school_year_of(today)
    if kind == "last":
        return school_year_period(year - 1)
    if kind == "half1":
        return Period(date(year, 9, 1), date(year, 12, 31))
    if kind == "half2":
        return Period(date(year + 1, 1, 1), date(year + 1, 8, 31))
    return school_year_period(year)


@school.callback_query(MonCb.filter(F.action == "stats"))
async def stats_menu(query: CallbackQuery, callback_data: MonCb, t: Texts, tz: ZoneInfo) -> None:
    today = _today(tz)
    rows = []
    for index, kind in enumerate(PERIODS):
        period = _period(kind, today)
        label = t(f"mon-period-{kind}", start=format_date(period.start), end=format_date(period.end))
        rows.append([button(label, MonCb(action="period", y=callback_data.y, v=index))])
    rows.append([button(t("mon-period-typed"), MonCb(action="period", y=callback_data.y, v=len(PERIODS)))])
    rows.append([button(t("nav-back"), MonCb(action="board", y=callback_data.y))])
    await query.answer()
    await show_in_place(query, t("mon-stats-choose"), keyboard(*rows))


async def _send_statistics(
    bot: Bot, chat_id: int, session: AsyncSession, t: Texts, organization: Organization, tz: ZoneInfo, period: Period
) -> None:
    stats, content = await monitoring.statistics_file(session, organization, tz, period, _today(tz), t.plain)
    await bot.send_document(
        chat_id,
        BufferedInputFile(
            content, filename=f"Статистика_наставничества_{period.start:%d.%m.%Y}-{period.end:%d.%m.%Y}.xlsx"
        ),
        caption=t(
            "mon-stats-caption",
            start=format_date(period.start),
            end=format_date(period.end),
            mentors=stats.total_mentors,
            mentees=stats.total_mentees,
            completed=sum(stats.completed.values()),
        ),
        reply_markup=keyboard([button(t("nav-back"), MonCb(action="board"))]),
    )


@school.callback_query(MonCb.filter(F.action == "period"))
async def period_chosen(
    query: CallbackQuery,
    callback_data: MonCb,
    session: AsyncSession,
    t: Texts,
    organization: Organization,
    tz: ZoneInfo,
    bot: Bot,
    state: FSMContext,
) -> None:
    if callback_data.v == len(PERIODS):
        await state.set_state(PeriodForm.dates)
        await query.answer()
        await bot.send_message(
            query.from_user.id,
            t("mon-period-ask"),
            reply_markup=keyboard([button(t("form-cancel"), MonCb(action="board"))]),
        )
        return
    if not 0 <= callback_data.v < len(PERIODS):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer(t("mon-file-wait"))
    period = _period(PERIODS[callback_data.v], _today(tz))
    await _send_statistics(bot, query.from_user.id, session, t, organization, tz, period)


@school.message(PeriodForm.dates, F.text, ~F.text.startswith("/"))
async def period_typed(
    message: Message,
    session: AsyncSession,
    t: Texts,
    organization: Organization,
    tz: ZoneInfo,
    bot: Bot,
    state: FSMContext,
) -> None:
    parts = [p for p in (message.text or "").replace("—", "-").replace("–", "-").split("-") if p.strip()]
    try:
        if len(parts) != 2:
            raise InputError("bad-date")
        start, end = parse_date(parts[0]), parse_date(parts[1])
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("mon-period-ask"))
        return
    if end < start or (end - start).days > 3 * 366:
        await message.answer(t("mon-period-bad"))
        return
    await state.clear()
    await _send_statistics(bot, message.chat.id, session, t, organization, tz, Period(start, end))


@school.message(PeriodForm.dates, ~F.text)
async def period_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


# -- the annual analytic report -------------------------------------------------------------------------------
@school.callback_query(MonCb.filter(F.action == "report"))
async def report(
    query: CallbackQuery,
    callback_data: MonCb,
    session: AsyncSession,
    t: Texts,
    organization: Organization,
    rules: OrgRules,
    tz: ZoneInfo,
    bot: Bot,
    person: Person,
) -> None:
    today = _today(tz)
    year = _year(callback_data, today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer(t("mon-file-wait"))
    curator = Role.CURATOR in person.role_set
    bundle = await monitoring.annual_report(session, organization, rules, tz, year, today, t.plain)
    await session.commit()  # the year's road map may have been seeded
    label = school_year_label(year).replace("/", "-")
    await bot.send_document(
        query.from_user.id, BufferedInputFile(bundle.docx, filename=f"Аналитический_отчёт_наставничество_{label}.docx")
    )
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(bundle.xlsx, filename=f"Аналитический_отчёт_таблицы_{label}.xlsx"),
        caption=t(
            "mon-report-caption",
            year=school_year_label(year),
            risks=len(bundle.report.risks),
            curator="yes" if curator else "no",
        ),
        reply_markup=keyboard(
            [button(t("mon-notes"), MonCb(action="notes", y=year))] if curator else None,
            [button(t("nav-back"), MonCb(action="board", y=year))],
        ),
    )


# -- the curator's conclusions and next year's tasks -------------------------------------------------------------
NOTE_FIELDS = ("conclusions", "tasks")


@curators.callback_query(MonCb.filter(F.action == "notes"))
async def notes(
    query: CallbackQuery, callback_data: MonCb, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> None:
    year = _year(callback_data, _today(tz))
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    conclusions, tasks = await monitoring.conclusion_of(session, person.organization_id, year)
    await query.answer()
    await show_in_place(
        query,
        t("mon-notes", year=school_year_label(year), conclusions=conclusions, tasks=tasks),
        keyboard(
            [button(t("mon-note-conclusions"), MonCb(action="note", y=year, v=0))],
            [button(t("mon-note-tasks"), MonCb(action="note", y=year, v=1))],
            [button(t("nav-back"), MonCb(action="board", y=year))],
        ),
    )


@curators.callback_query(MonCb.filter(F.action == "note"))
async def note_start(
    query: CallbackQuery, callback_data: MonCb, t: Texts, tz: ZoneInfo, state: FSMContext, bot: Bot
) -> None:
    year = _year(callback_data, _today(tz))
    if year is None or not 0 <= callback_data.v < len(NOTE_FIELDS):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.set_state(NoteForm.text)
    await state.set_data({"year": year, "field": NOTE_FIELDS[callback_data.v]})
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t(f"mon-ask-{NOTE_FIELDS[callback_data.v]}", year=school_year_label(year)),
        reply_markup=keyboard([button(t("form-cancel"), MonCb(action="notes", y=year))]),
    )


@curators.message(NoteForm.text, F.text, ~F.text.startswith("/"))
async def note_typed(message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext) -> None:
    data = await state.get_data()
    try:
        text = clean_text((message.text or "").replace("\n", " \n "), min_len=10, max_len=4000).replace(" \n ", "\n")
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    await monitoring.save_conclusion(session, person, int(data["year"]), str(data["field"]), text)
    await state.clear()
    await message.answer(
        t("mon-note-saved"), reply_markup=keyboard([button(t("mon-notes"), MonCb(action="notes", y=int(data["year"])))])
    )


@curators.message(NoteForm.text, ~F.text)
async def note_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


# -- the education department (3.3): aggregates of its schools -----------------------------------------------------
def _school_row(t: Texts, name: str, data: Dashboard) -> str:
    return t(
        "mon-dept-school",
        name=name,
        staff=data.staff,
        involved=data.involved,
        share=_pct(data.involvement),
        pairs=data.pairs,
        groups=data.groups,
        missed=data.assignment.late
        + data.assignment.overdue
        + data.programmes.late
        + data.programmes.overdue
        + data.reports.late
        + data.reports.overdue,
    )


@department.callback_query(MenuCb.filter(F.action == "department"))
@department.callback_query(MonCb.filter(F.action == "dept"))
async def department_home(
    query: CallbackQuery, session: AsyncSession, t: Texts, tz: ZoneInfo, callback_data: CallbackData | None = None
) -> None:
    today = _today(tz)
    year = _year(callback_data, today) if isinstance(callback_data, MonCb) else school_year_of(today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    overview = await monitoring.department_overview(session, tz, school_year_period(year), today)
    lines = [_school_row(t, organization.short_name, data) for organization, data in overview]
    staff = sum(d.staff for _, d in overview)
    involved = sum(d.involved for _, d in overview)
    text = t(
        "mon-dept",
        year=school_year_label(year),
        today=format_date(today),
        schools=len(overview),
        staff=staff,
        involved=involved,
        share=_pct(100 * involved / staff if staff else None),
        target=INVOLVEMENT_TARGET,
        lines=Html("\n\n".join(lines) or t("mon-dept-none")),
    )
    rows = [[button(t("mon-dept-files"), MonCb(action="dxlsx", y=year))]]
    if len(overview) >= 2:
        rows.append([button(t("mon-dept-compare"), MonCb(action="cmp", y=year))])
    years = []
    if year > FIRST_YEAR:
        years.append(button(f"◀ {school_year_label(year - 1)}", MonCb(action="dept", y=year - 1)))
    if year < school_year_of(today):
        years.append(button(f"{school_year_label(year + 1)} ▶", MonCb(action="dept", y=year + 1)))
    rows += [years, back_to_menu(t)]
    await query.answer()
    await show_in_place(query, text, keyboard(*rows))


@department.callback_query(MonCb.filter(F.action == "dxlsx"))
async def department_files(
    query: CallbackQuery, callback_data: MonCb, session: AsyncSession, t: Texts, tz: ZoneInfo, bot: Bot
) -> None:
    today = _today(tz)
    year = _year(callback_data, today)
    if year is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer(t("mon-file-wait"))
    table, picture = await monitoring.comparison_files(session, tz, year, today, t.plain)
    label = school_year_label(year).replace("/", "-")
    await bot.send_photo(query.from_user.id, BufferedInputFile(picture, filename="школы.png"))
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(table, filename=f"Наставничество_по_школам_{label}.xlsx"),
        reply_markup=keyboard([button(t("nav-back"), MonCb(action="dept", y=year))]),
    )


@department.callback_query(MonCb.filter(F.action.in_({"cmp", "cmp2"})))
async def compare(
    query: CallbackQuery, callback_data: MonCb, session: AsyncSession, t: Texts, tz: ZoneInfo, state: FSMContext
) -> None:
    """Choose the first school, then the second; then both side by side."""
    today = _today(tz)
    year = _year(callback_data, today)
    schools = await monitoring.municipality_schools(session)
    ids = {s.id for s in schools}
    if year is None or (callback_data.v and callback_data.v not in ids):
        await query.answer(t("q-stale"), show_alert=True)
        return
    if callback_data.action == "cmp":
        await state.clear()
        first = callback_data.v
        if not first:
            rows = [[button(s.short_name, MonCb(action="cmp", y=year, v=s.id))] for s in schools]
            rows.append([button(t("nav-back"), MonCb(action="dept", y=year))])
            await query.answer()
            await show_in_place(query, t("mon-cmp-first"), keyboard(*rows))
            return
        await state.update_data(cmp_first=first)
        rows = [[button(s.short_name, MonCb(action="cmp2", y=year, v=s.id))] for s in schools if s.id != first]
        rows.append([button(t("nav-back"), MonCb(action="cmp", y=year))])
        await query.answer()
        await show_in_place(query, t("mon-cmp-second"), keyboard(*rows))
        return
    first_id = int((await state.get_data()).get("cmp_first", 0))
    if first_id not in ids or first_id == callback_data.v:
        await query.answer(t("q-stale"), show_alert=True)
        return
    period = school_year_period(year)
    chosen = [s for s in schools if s.id in (first_id, callback_data.v)]
    chosen.sort(key=lambda s: 0 if s.id == first_id else 1)
    boards = [(s, await monitoring.dashboard(session, s, monitoring.rules_of(s), tz, period, today)) for s in chosen]
    (a_school, a), (b_school, b) = boards
    rows_text = [
        t("mon-cmp-row", name=t(key), a=va, b=vb)
        for key, va, vb in (
            ("mon-cmp-staff", a.staff, b.staff),
            ("mon-cmp-young", a.young, b.young),
            ("mon-cmp-mentors", a.mentors, b.mentors),
            ("mon-cmp-mentees", a.mentees, b.mentees),
            ("mon-cmp-pairs", a.pairs, b.pairs),
            ("mon-cmp-groups", a.groups, b.groups),
            ("mon-cmp-involvement", _pct(a.involvement) + " %", _pct(b.involvement) + " %"),
            ("mon-dl-assignment", _pct(a.assignment.in_time_share) + " %", _pct(b.assignment.in_time_share) + " %"),
            ("mon-dl-programme", _pct(a.programmes.in_time_share) + " %", _pct(b.programmes.in_time_share) + " %"),
            ("mon-dl-report", _pct(a.reports.in_time_share) + " %", _pct(b.reports.in_time_share) + " %"),
        )
    ]
    await query.answer()
    await show_in_place(
        query,
        t("mon-cmp", a=a_school.short_name, b=b_school.short_name, year=school_year_label(year))
        + "\n\n"
        + "\n".join(rows_text),
        keyboard([button(t("nav-back"), MonCb(action="dept", y=year))]),
    )
