"""«Анкетирование»: the curator sends a questionnaire to a group with a due date, watches who answered,
and nudges the rest with one button. The yearly refresh of the list of teachers who need a mentor (3.5)
is a campaign the curator is prompted to launch once every school year."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, Person
from db.registry import all_latest_definitions, latest_definition, questionnaire_of
from db.repositories import campaigns as campaigns_repo
from db.repositories.audit import record_event
from db.repositories.people import get_in_organization, list_people
from domain.dates import format_date, parse_date
from domain.questionnaire import progress as answer_progress
from domain.roles import Role
from domain.school_year import school_year_label, school_year_of, yearly_refresh_due
from domain.validation import InputError
from handlers.callbacks import CampCb, MenuCb, PickPage, QStart
from handlers.filters import HasRole
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard, pager_row
from handlers.menu import back_to_menu, show_in_place
from handlers.notify import notify
from locales import Html, Texts

router = Router(name="campaigns")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

PICK_PAGE = 8
NUDGE_PAUSE = timedelta(minutes=1)  # a second press right after the first sends nothing twice
PROGRESS_LINES = 40


class CampaignSetup(StatesGroup):
    choosing = State()
    due = State()


def today_in(tz: ZoneInfo) -> date:
    return datetime.now(tz).date()


# -- the list ------------------------------------------------------------------------------------------------
async def _list_screen(
    session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    rows = []
    for campaign in await campaigns_repo.campaigns_of(session, person.organization_id):
        states = await campaigns_repo.progress(session, campaign)
        done = sum(1 for s in states if s.status == "submitted")
        definition = await latest_definition(session, campaign.questionnaire_code)
        title = definition.title if definition else campaign.questionnaire_code
        rows.append(
            [
                button(
                    t("camp-list-item", title=title, done=done, total=len(states), due=format_date(campaign.due_date)),
                    CampCb(action="view", id=campaign.id),
                )
            ]
        )
    today = today_in(tz)
    due = yearly_refresh_due(today, await campaigns_repo.refreshed_years(session, person.organization_id))
    if due:
        rows.insert(
            0,
            [button(t("camp-refresh-button", year=school_year_label(school_year_of(today))), CampCb(action="refresh"))],
        )
    rows.append([button(t("camp-new"), CampCb(action="new"))])
    rows.append(back_to_menu(t))
    text = t("camp-list", refresh="yes" if due else "no", year=school_year_label(school_year_of(today)))
    return text, keyboard(*rows)


@router.callback_query(MenuCb.filter(F.action == "campaigns"))
@router.callback_query(CampCb.filter(F.action == "list"))
async def campaigns(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo, state: FSMContext
) -> None:
    await state.clear()
    await query.answer()
    text, markup = await _list_screen(session, t, person, tz)
    await show_in_place(query, text, markup)


# -- setting one up ------------------------------------------------------------------------------------------
@router.callback_query(CampCb.filter(F.action == "new"))
async def new_campaign(query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext) -> None:
    await state.set_state(CampaignSetup.choosing)
    await state.set_data({"kind": "regular", "chosen": []})
    rows = [[button(d.title, CampCb(action="q", v=d.code))] for d in await all_latest_definitions(session)]
    await query.answer()
    await show_in_place(query, t("camp-choose-q"), keyboard(*rows, [button(t("form-cancel"), CampCb(action="list"))]))


@router.callback_query(CampCb.filter(F.action == "refresh"))
async def yearly_refresh(query: CallbackQuery, t: Texts, state: FSMContext, bot: Bot, tz: ZoneInfo) -> None:
    # 3.5: refresh the list of teachers who need a mentor — the needs questionnaire to all staff.
    await state.set_state(CampaignSetup.due)
    await state.set_data({"kind": "yearly_refresh", "code": "mentee_needs", "audience": "all", "chosen": []})
    await query.answer()
    await _ask_due(query, t, tz)


def _audience_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t("camp-aud-all"), CampCb(action="aud", v="all"))],
        [button(t("camp-aud-new_hires"), CampCb(action="aud", v="new_hires"))],
        [button(t("camp-aud-chosen"), CampCb(action="aud", v="chosen"))],
        [button(t("form-cancel"), CampCb(action="list"))],
    )


@router.callback_query(CampCb.filter(F.action == "q"), CampaignSetup.choosing)
async def questionnaire_chosen(
    query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, state: FSMContext
) -> None:
    if await latest_definition(session, callback_data.v) is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.update_data(code=callback_data.v)
    await query.answer()
    await show_in_place(query, t("camp-choose-aud"), _audience_keyboard(t))


async def _pick_screen(
    session: AsyncSession, t: Texts, person: Person, chosen: list[int], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    people = [
        p
        for p in await list_people(session, person.organization_id, offset=0, limit=1000)
        if p.is_active and p.id != person.id
    ]
    pages = max(1, -(-len(people) // PICK_PAGE))
    page = min(max(page, 0), pages - 1)
    rows = [
        [button(("☑ " if p.id in chosen else "☐ ") + p.full_name, CampCb(action="pick", id=p.id, page=page))]
        for p in people[page * PICK_PAGE : (page + 1) * PICK_PAGE]
    ]
    rows.append(pager_row(page, pages, PickPage))
    rows.append([button(t("camp-picked", count=len(chosen)), CampCb(action="picked"))])
    rows.append([button(t("form-cancel"), CampCb(action="list"))])
    return t("camp-pick"), keyboard(*rows)


@router.callback_query(CampCb.filter(F.action == "aud"), CampaignSetup.choosing)
async def audience_chosen(
    query: CallbackQuery,
    callback_data: CampCb,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    person: Person,
    tz: ZoneInfo,
) -> None:
    if callback_data.v not in ("all", "new_hires", "chosen"):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.update_data(audience=callback_data.v)
    await query.answer()
    if callback_data.v == "chosen":
        text, markup = await _pick_screen(session, t, person, [], 0)
        await show_in_place(query, text, markup)
        return
    await state.set_state(CampaignSetup.due)
    await _ask_due(query, t, tz)


@router.callback_query(CampCb.filter(F.action == "pick"), CampaignSetup.choosing)
@router.callback_query(PickPage.filter(), CampaignSetup.choosing)
async def pick(
    query: CallbackQuery,
    callback_data: CallbackData,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    person: Person,
) -> None:
    chosen: list[int] = list((await state.get_data()).get("chosen", []))
    page = callback_data.page  # type: ignore[attr-defined]
    if isinstance(callback_data, CampCb):
        if await get_in_organization(session, person.organization_id, callback_data.id) is None:
            await query.answer(t("staff-not-found"), show_alert=True)
            return
        chosen = (
            [i for i in chosen if i != callback_data.id] if callback_data.id in chosen else [*chosen, callback_data.id]
        )
        await state.update_data(chosen=chosen)
    await query.answer()
    text, markup = await _pick_screen(session, t, person, chosen, page)
    await show_in_place(query, text, markup)


@router.callback_query(CampCb.filter(F.action == "picked"), CampaignSetup.choosing)
async def picked(query: CallbackQuery, t: Texts, state: FSMContext, tz: ZoneInfo) -> None:
    if not (await state.get_data()).get("chosen"):
        await query.answer(t("camp-pick-none"), show_alert=True)
        return
    await state.set_state(CampaignSetup.due)
    await query.answer()
    await _ask_due(query, t, tz)


async def _ask_due(query: CallbackQuery, t: Texts, tz: ZoneInfo) -> None:
    today = today_in(tz)
    quick = [
        button(t("camp-due-in", days=d, date=format_date(today + timedelta(days=d))), CampCb(action="due", v=str(d)))
        for d in (7, 14)
    ]
    await show_in_place(query, t("camp-ask-due"), keyboard(quick, [button(t("form-cancel"), CampCb(action="list"))]))


async def _confirm(
    target: Message | CallbackQuery,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    person: Person,
    due: date,
    tz: ZoneInfo,
) -> None:
    data = await state.get_data()
    invitees = await _invitees(session, person, data, tz)
    definition = await latest_definition(session, data["code"])
    assert definition is not None
    await state.update_data(due=due.isoformat())
    text = t(
        "camp-confirm",
        title=definition.title,
        count=len(invitees),
        due=format_date(due),
        audience=t(f"camp-aud-{data['audience']}"),
        names=Html("\n".join(f"• {t('plain', value=p.full_name)}" for p in invitees[:15])),
        more=max(0, len(invitees) - 15),
    )
    markup = keyboard(
        [button(t("camp-launch"), CampCb(action="launch"))], [button(t("form-cancel"), CampCb(action="list"))]
    )
    if isinstance(target, CallbackQuery):
        await show_in_place(target, text, markup)
    else:
        await target.answer(text, reply_markup=markup)


async def _invitees(session: AsyncSession, person: Person, data: dict, tz: ZoneInfo) -> list[Person]:
    if data["audience"] == "chosen":
        people = [await get_in_organization(session, person.organization_id, pid) for pid in data.get("chosen", [])]
        return sorted((p for p in people if p is not None and p.is_active), key=lambda p: p.full_name)
    return await campaigns_repo.audience(session, person.organization_id, data["audience"], today_in(tz), person.id)


def _check_due(due: date, tz: ZoneInfo) -> None:
    if due < today_in(tz):
        raise InputError("past-date")


@router.callback_query(CampCb.filter(F.action == "due"), CampaignSetup.due)
async def due_quick(
    query: CallbackQuery,
    callback_data: CampCb,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    person: Person,
    tz: ZoneInfo,
) -> None:
    if callback_data.v not in ("7", "14"):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await _confirm(query, session, t, state, person, today_in(tz) + timedelta(days=int(callback_data.v)), tz)


@router.message(CampaignSetup.due, F.text, ~F.text.startswith("/"))
async def due_typed(
    message: Message, session: AsyncSession, t: Texts, state: FSMContext, person: Person, tz: ZoneInfo
) -> None:
    try:
        due = parse_date(message.text)
        _check_due(due, tz)
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    await _confirm(message, session, t, state, person, due, tz)


@router.message(CampaignSetup.due, ~F.text.startswith("/"))
@router.message(CampaignSetup.choosing, ~F.text.startswith("/"))
async def setup_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-use-buttons"))


@router.callback_query(CampCb.filter(F.action == "launch"), CampaignSetup.due)
async def launch(
    query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext, person: Person, bot: Bot, tz: ZoneInfo
) -> None:
    data = await state.get_data()
    if not data.get("due"):
        await query.answer(t("q-stale"), show_alert=True)
        return
    invitees = await _invitees(session, person, data, tz)
    if not invitees:
        await query.answer(t("camp-nobody"), show_alert=True)
        return
    due = date.fromisoformat(data["due"])
    campaign = await campaigns_repo.create_campaign(
        session,
        person.organization_id,
        data["code"],
        data["audience"],
        due,
        today_in(tz),
        invitees,
        person.id,
        kind=data.get("kind", "regular"),
    )
    await record_event(
        session,
        "campaign_launched",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        campaign_id=campaign.id,
        invitees=len(invitees),
    )
    await session.commit()
    await state.clear()
    await query.answer(t("camp-launched-short"))
    delivered = await _send_invitations(bot, t, session, campaign, invitees, nudge=False)
    text, markup = await _progress_screen(session, t, campaign)
    await show_in_place(query, t("camp-launched", delivered=delivered, total=len(invitees)) + "\n\n" + text, markup)


async def _send_invitations(
    bot: Bot, t: Texts, session: AsyncSession, campaign: Campaign, people: list[Person], *, nudge: bool
) -> int:
    definition = await latest_definition(session, campaign.questionnaire_code)
    assert definition is not None
    delivered = 0
    for person in people:
        if not person.telegram_user_id or not person.is_reachable:
            continue
        text = t(
            "camp-nudge" if nudge else "camp-invitation", title=definition.title, due=format_date(campaign.due_date)
        )
        markup = keyboard([button(t("camp-fill"), QStart(code=campaign.questionnaire_code, campaign=campaign.id))])
        if await notify(bot, person.telegram_user_id, text, markup):
            delivered += 1
    return delivered


# -- progress and nudges --------------------------------------------------------------------------------------
async def _progress_screen(session: AsyncSession, t: Texts, campaign: Campaign) -> tuple[str, InlineKeyboardMarkup]:
    definition = await latest_definition(session, campaign.questionnaire_code)
    assert definition is not None
    questionnaire = questionnaire_of(definition)
    states = await campaigns_repo.progress(session, campaign)
    lines = []
    for item in states[:PROGRESS_LINES]:
        if item.status == "submitted" and item.response and item.response.submitted_at:
            lines.append(
                t(
                    "camp-line-submitted",
                    name=item.person.full_name,
                    date=format_date(item.response.submitted_at.date()),
                )
            )
        elif item.status == "in_progress" and item.response:
            state = answer_progress(questionnaire, item.response.answers)
            lines.append(t("camp-line-progress", name=item.person.full_name, done=state.answered, total=state.total))
        else:
            lines.append(
                t(
                    "camp-line-not-started",
                    name=item.person.full_name,
                    linked="yes" if item.person.telegram_user_id else "no",
                )
            )
    if len(states) > PROGRESS_LINES:
        lines.append(t("camp-more", count=len(states) - PROGRESS_LINES))
    counts = {s: sum(1 for i in states if i.status == s) for s in ("submitted", "in_progress", "not_started")}
    text = t(
        "camp-progress",
        title=definition.title,
        due=format_date(campaign.due_date),
        total=len(states),
        submitted=counts["submitted"],
        in_progress=counts["in_progress"],
        not_started=counts["not_started"],
        lines=Html("\n".join(lines)),
    )
    waiting = counts["in_progress"] + counts["not_started"]
    rows = []
    if waiting:
        rows.append([button(t("camp-nudge-button", count=waiting), CampCb(action="nudge", id=campaign.id))])
    rows.append([button(t("camp-refresh-view"), CampCb(action="view", id=campaign.id))])
    rows.append([button(t("camp-back"), CampCb(action="list"))])
    return text, keyboard(*rows)


async def _campaign(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, campaign_id: int
) -> Campaign | None:
    campaign = await campaigns_repo.get_in_organization(session, person.organization_id, campaign_id)
    if campaign is None:
        await query.answer(t("camp-not-found"), show_alert=True)
    return campaign


@router.callback_query(CampCb.filter(F.action == "view"))
async def view(query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, person: Person) -> None:
    campaign = await _campaign(query, session, t, person, callback_data.id)
    if campaign is None:
        return
    await query.answer()
    text, markup = await _progress_screen(session, t, campaign)
    await show_in_place(query, text, markup)


@router.callback_query(CampCb.filter(F.action == "nudge"))
async def nudge(
    query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    campaign = await _campaign(query, session, t, person, callback_data.id)
    if campaign is None:
        return
    waiting = [s for s in await campaigns_repo.progress(session, campaign) if s.status != "submitted"]
    now = datetime.now(UTC)
    fresh = [s for s in waiting if s.invitee.nudged_at is None or now - s.invitee.nudged_at > NUDGE_PAUSE]
    if not fresh:
        await query.answer(t("camp-nudged-recently"), show_alert=True)
        return
    for item in fresh:
        campaigns_repo.mark_nudged(item.invitee)
    await record_event(
        session,
        "campaign_nudged",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        campaign_id=campaign.id,
        people=[s.person.id for s in fresh],
    )
    await session.commit()
    delivered = await _send_invitations(bot, t, session, campaign, [s.person for s in fresh], nudge=True)
    await query.answer(t("camp-nudged", count=delivered), show_alert=True)
