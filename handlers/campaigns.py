"""«Анкетирование»: the curator picks a questionnaire and whom to send it to (buttons), types or picks the due
date (a TextForm step, checked and reviewed before sending), and then watches who answered and reminds the
rest with one button. The yearly refresh of 3.5 is one button away while it is due. Rules and notices:
services/campaigns.py."""

import contextlib
from datetime import date, timedelta
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.campaigns import QUICK_DUE_DAYS, REFRESH_QUESTIONNAIRE, Audience, CampaignKind, InviteeState, check_due
from domain.dates import format_date, parse_date
from domain.roles import Role
from handlers.callbacks import CampCb, MenuCb, PickPage
from handlers.filters import HasRole
from handlers.forms import FormField, TextForm
from handlers.keyboards import button, keyboard, pager_row
from handlers.notifier import deliver
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services import campaigns
from services.outcome import Actor, Refused

router = Router(name="campaigns")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

PICK_PAGE = 8
PROGRESS_LINES = 40
NAMES_SHOWN = 15


class CampaignSetup(StatesGroup):
    choosing = State()  # the questionnaire, the audience, the people (buttons)
    due = State()  # the due date and the review (the TextForm)


# -- the list ------------------------------------------------------------------------------------------------
async def _list_screen(session: AsyncSession, t: Texts, actor: Actor) -> tuple[str, InlineKeyboardMarkup]:
    overview = await campaigns.overview(session, actor)
    rows = [
        [
            button(
                t(
                    "camp-list-item",
                    title=line.title,
                    done=line.submitted,
                    total=line.total,
                    due=format_date(line.campaign.due_date),
                ),
                CampCb(action="view", id=line.campaign.id),
            )
        ]
        for line in overview.campaigns
    ]
    if overview.refresh_due:
        rows.insert(0, [button(t("camp-refresh-button", year=overview.year), CampCb(action="refresh"))])
    rows.append([button(t("camp-new"), CampCb(action="new"))])
    rows.append(back_to_menu(t))
    return t("camp-list", refresh="yes" if overview.refresh_due else "no", year=overview.year), keyboard(*rows)


@router.callback_query(MenuCb.filter(F.action == "campaigns"))
@router.callback_query(CampCb.filter(F.action == "list"))
async def campaigns_list(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    await state.clear()
    await query.answer()
    text, markup = await _list_screen(session, t, actor)
    await show_in_place(query, text, markup)


# -- setting one up: choices by buttons ------------------------------------------------------------------------
def _cancel_row(t: Texts) -> list[Any]:
    return [button(t("form-cancel"), CampCb(action="list"))]


@router.callback_query(CampCb.filter(F.action == "new"))
async def new_campaign(query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext) -> None:
    await state.set_state(CampaignSetup.choosing)
    await state.set_data({"kind": CampaignKind.REGULAR.value, "chosen": []})
    rows = [[button(title, CampCb(action="q", v=code))] for code, title in await campaigns.questionnaires(session)]
    await query.answer()
    await show_in_place(query, t("camp-choose-q"), keyboard(*rows, _cancel_row(t)))


def _audience_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        *[[button(t(f"camp-aud-{a}"), CampCb(action="aud", v=a.value))] for a in Audience],
        [button(t("form-back"), CampCb(action="new")), *_cancel_row(t)],
    )


@router.callback_query(CampCb.filter(F.action == "q"), CampaignSetup.choosing)
async def questionnaire_chosen(
    query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, state: FSMContext
) -> None:
    if callback_data.v == "" and (await state.get_data()).get("code"):
        pass  # «Назад» from picking people: the audience again
    elif callback_data.v not in dict(await campaigns.questionnaires(session)):
        await query.answer(t("q-stale"), show_alert=True)
        return
    else:
        await state.update_data(code=callback_data.v)
    await query.answer()
    await show_in_place(query, t("camp-choose-aud"), _audience_keyboard(t))


async def _pick_screen(
    session: AsyncSession, t: Texts, actor: Actor, chosen: list[int], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    people = await campaigns.pickable(session, actor)
    pages = max(1, -(-len(people) // PICK_PAGE))
    page = min(max(page, 0), pages - 1)
    rows = [
        [button(("☑ " if p.id in chosen else "☐ ") + p.full_name, CampCb(action="pick", id=p.id, page=page))]
        for p in people[page * PICK_PAGE : (page + 1) * PICK_PAGE]
    ]
    rows.append(pager_row(page, pages, PickPage))
    rows.append([button(t("camp-picked", count=len(chosen)), CampCb(action="picked"))])
    rows.append([button(t("form-back"), CampCb(action="q", v="")), *_cancel_row(t)])
    return t("camp-pick"), keyboard(*rows)


@router.callback_query(CampCb.filter(F.action == "aud"), CampaignSetup.choosing)
async def audience_chosen(
    query: CallbackQuery,
    callback_data: CampCb,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    actor: Actor,
    bot: Bot,
) -> None:
    if callback_data.v not in {a.value for a in Audience} or not (await state.get_data()).get("code"):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.update_data(audience=callback_data.v)
    await query.answer()
    if callback_data.v == Audience.CHOSEN:
        text, markup = await _pick_screen(session, t, actor, [], 0)
        await show_in_place(query, text, markup)
        return
    await _to_due(query, session, t, state, actor, bot)


@router.callback_query(CampCb.filter(F.action == "pick"), CampaignSetup.choosing)
@router.callback_query(PickPage.filter(), CampaignSetup.choosing)
async def pick(
    query: CallbackQuery,
    callback_data: CallbackData,
    session: AsyncSession,
    t: Texts,
    state: FSMContext,
    actor: Actor,
) -> None:
    chosen: list[int] = list((await state.get_data()).get("chosen", []))
    page = callback_data.page  # type: ignore[attr-defined]
    if isinstance(callback_data, CampCb):
        if callback_data.id not in {p.id for p in await campaigns.pickable(session, actor)}:
            await query.answer(t("staff-not-found"), show_alert=True)
            return
        chosen = (
            [i for i in chosen if i != callback_data.id] if callback_data.id in chosen else [*chosen, callback_data.id]
        )
        await state.update_data(chosen=chosen)
    await query.answer()
    text, markup = await _pick_screen(session, t, actor, chosen, page)
    await show_in_place(query, text, markup)


@router.callback_query(CampCb.filter(F.action == "picked"), CampaignSetup.choosing)
async def picked(
    query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext, actor: Actor, bot: Bot
) -> None:
    if not (await state.get_data()).get("chosen"):
        await query.answer(t("camp-pick-none"), show_alert=True)
        return
    await query.answer()
    await _to_due(query, session, t, state, actor, bot)


@router.callback_query(CampCb.filter(F.action == "refresh"))
async def yearly_refresh(
    query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext, actor: Actor, bot: Bot
) -> None:
    # 3.5: refresh the list of teachers who need a mentor — the needs questionnaire to all staff.
    await state.set_data(
        {"kind": CampaignKind.YEARLY_REFRESH.value, "code": REFRESH_QUESTIONNAIRE, "audience": Audience.ALL.value}
    )
    await query.answer()
    await _to_due(query, session, t, state, actor, bot)


# -- the due date and the review: a TextForm ---------------------------------------------------------------------
async def _to_due(
    query: CallbackQuery, session: AsyncSession, t: Texts, state: FSMContext, actor: Actor, bot: Bot
) -> None:
    data = await state.get_data()
    people = await campaigns.invitees(session, actor, Audience(data["audience"]), list(data.get("chosen", [])))
    titles = dict(await campaigns.questionnaires(session))
    await _drop_keyboard(query)
    await DUE_FORM.start(
        bot,
        query.from_user.id,
        state,
        t,
        kind=data.get("kind", CampaignKind.REGULAR.value),
        code=data["code"],
        title=titles.get(data["code"], ""),
        audience=data["audience"],
        chosen=list(data.get("chosen", [])),
        today=actor.today.isoformat(),
        names=[p.full_name for p in people[:NAMES_SHOWN]],
        count=len(people),
    )


async def _drop_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


def _quick_due(t: Texts, extra: dict[str, Any]) -> list[tuple[str, Any]]:
    today = date.fromisoformat(extra["today"])
    return [
        (t("camp-due-in", days=d, date=format_date(today + timedelta(days=d))), (today + timedelta(days=d)).isoformat())
        for d in QUICK_DUE_DAYS
    ]


def _not_past(value: str, extra: dict[str, Any]) -> None:
    check_due(date.fromisoformat(value), date.fromisoformat(extra["today"]))


def _review(t: Texts, values: dict[str, Any], extra: dict[str, Any]) -> str:
    names = [f"• {t('plain', value=name)}" for name in extra["names"]]
    return t(
        "camp-confirm",
        title=extra["title"],
        count=extra["count"],
        due=format_date(date.fromisoformat(values["due"])),
        audience=t("camp-aud-shown", audience=extra["audience"]),
        names=Html("\n".join(names)),
        more=max(0, extra["count"] - len(extra["names"])),
    )


async def _cancelled(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, **_: Any) -> None:
    text, markup = await _list_screen(session, t, actor)
    await query.bot.send_message(query.from_user.id, text, reply_markup=markup)  # type: ignore[union-attr]


async def _launch(
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
        outcome = await campaigns.launch(
            session,
            actor,
            extra["code"],
            Audience(extra["audience"]),
            list(extra["chosen"]),
            date.fromisoformat(values["due"]),
            CampaignKind(extra["kind"]),
        )
    except Refused as refusal:
        if refusal.key == "input-past-date":
            await DUE_FORM.reopen(bot, query.from_user.id, state, t, "due", t(refusal.key))
            await query.answer()
            return
        await state.clear()
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await state.clear()
    await query.answer(t("camp-launched-short"))
    delivered = await deliver(bot, session, t, outcome.notices)
    text, markup = await _progress_screen(session, t, actor, outcome.value.campaign.id)
    launched = t("camp-launched", delivered=delivered, total=outcome.value.invitees)
    await bot.send_message(query.from_user.id, launched + "\n\n" + text, reply_markup=markup)


DUE_FORM = TextForm(
    "campaign",
    CampaignSetup.due,
    [
        FormField(
            "due",
            "camp-due-label",
            "camp-ask-due",
            lambda text: parse_date(text).isoformat(),
            show=lambda value: format_date(date.fromisoformat(value)),
            choices=_quick_due,
            check=_not_past,
        )
    ],
    title="camp-form-title",
    on_submit=_launch,
    on_cancel=_cancelled,
    review=_review,
    save_label="camp-launch",
)
DUE_FORM.register(router)


@router.message(CampaignSetup.choosing, ~F.text.startswith("/"))
async def setup_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-use-buttons"))


# -- progress and nudges --------------------------------------------------------------------------------------
async def _progress_screen(
    session: AsyncSession, t: Texts, actor: Actor, campaign_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    view = await campaigns.view(session, actor, campaign_id)
    lines = []
    for item in view.lines[:PROGRESS_LINES]:
        name = item.person.full_name
        if item.state is InviteeState.SUBMITTED and item.on is not None:
            lines.append(t("camp-line-submitted", name=name, date=format_date(item.on)))
        elif item.state is InviteeState.IN_PROGRESS and item.answered is not None:
            lines.append(t("camp-line-progress", name=name, done=item.answered.answered, total=item.answered.total))
        else:
            linked = "yes" if item.person.telegram_user_id else "no"
            lines.append(t("camp-line-not-started", name=name, linked=linked))
    if len(view.lines) > PROGRESS_LINES:
        lines.append(t("camp-more", count=len(view.lines) - PROGRESS_LINES))
    text = t(
        "camp-progress",
        title=view.title,
        due=format_date(view.campaign.due_date),
        total=len(view.lines),
        submitted=view.count(InviteeState.SUBMITTED),
        in_progress=view.count(InviteeState.IN_PROGRESS),
        not_started=view.count(InviteeState.NOT_STARTED),
        lines=Html("\n".join(lines)),
    )
    waiting = len(view.lines) - view.count(InviteeState.SUBMITTED)
    rows = []
    if waiting:
        rows.append([button(t("camp-nudge-button", count=waiting), CampCb(action="nudge", id=view.campaign.id))])
    rows.append([button(t("camp-refresh-view"), CampCb(action="view", id=view.campaign.id))])
    rows.append([button(t("camp-back"), CampCb(action="list"))])
    return text, keyboard(*rows)


@router.callback_query(CampCb.filter(F.action == "view"))
async def view(query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    try:
        text, markup = await _progress_screen(session, t, actor, callback_data.id)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    await show_in_place(query, text, markup)


@router.callback_query(CampCb.filter(F.action == "nudge"))
async def nudge(
    query: CallbackQuery, callback_data: CampCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await campaigns.nudge(session, actor, callback_data.id)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    delivered = await deliver(bot, session, t, outcome.notices)
    await query.answer(t("camp-nudged", count=delivered), show_alert=True)
