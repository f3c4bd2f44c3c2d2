"""The curator's pairs and groups: the list (mentor and mentees, status, a filter, pages), the card with what can
be done now, the history, the order again; before the order: change the form or the period, withdraw; after a
return: correct and send again, send as it is, or cancel."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mentorship import BEFORE_ORDER, Form, Status, forms_for
from domain.roles import Role
from handlers.callbacks import MenuCb, PairCb
from handlers.filters import HasRole
from handlers.keyboards import button, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.pairs.card import card_keyboard, show_card
from handlers.steps.pair_view import card_text, history_text, list_label
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Texts
from services import pairs
from services.outcome import Actor, Refused

router = Router(name="pairs_curator")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


# -- the list ---------------------------------------------------------------------------------------------------
def _filters_row(t: Texts, current: int) -> list[list[InlineKeyboardButton]]:
    buttons = [
        button(("• " if index == current else "") + t(f"pair-filter-{name}"), PairCb(action="list", v=index))
        for index, (name, _) in enumerate(pairs.FILTERS)
    ]
    return [buttons[i : i + 3] for i in range(0, len(buttons), 3)]


@router.callback_query(MenuCb.filter(F.action == "pairs"))
@router.callback_query(PairCb.filter(F.action == "list"))
async def pairs_list(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    callback_data: PairCb | None = None,
) -> None:
    await state.clear()
    current = callback_data.v if isinstance(callback_data, PairCb) and callback_data.v < len(pairs.FILTERS) else 0
    page = callback_data.id if isinstance(callback_data, PairCb) else 0
    items, pages = await pairs.pair_list(session, actor, current, page)
    rows = [[button(list_label(t, item), PairCb(action="card", id=item.mentorship.id))] for item in items]
    pager = _pager(page, pages, current)
    text = t("pair-list", filter=t(f"pair-filter-{pairs.FILTERS[current][0]}"), empty="yes" if not items else "no")
    await query.answer()
    await show_in_place(
        query,
        text,
        keyboard(
            *rows,
            pager,
            *_filters_row(t, current),
            [button(t("pair-new"), PairCb(action="new"))],
            [button(t("pool-open"), PairCb(action="pool"))],
            back_to_menu(t),
        ),
    )


def _pager(page: int, pages: int, current: int) -> list[InlineKeyboardButton]:
    if pages <= 1:
        return []
    row = []
    if page > 0:
        row.append(button("◀", PairCb(action="list", id=page - 1, v=current)))
    row.append(button(f"{page + 1}/{pages}", PairCb(action="list", id=page, v=current)))
    if page < pages - 1:
        row.append(button("▶", PairCb(action="list", id=page + 1, v=current)))
    return row


# -- the card ---------------------------------------------------------------------------------------------------
@router.callback_query(PairCb.filter(F.action == "card"))
async def pair_card(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    await state.clear()
    try:
        pair = await pairs.view(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await show_in_place(query, card_text(t, pair), card_keyboard(t, pair))


@router.callback_query(PairCb.filter(F.action == "history"))
async def pair_history(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        pair, lines = await pairs.history(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await show_in_place(
        query,
        history_text(t, pair, lines, actor.tz),
        keyboard([button(t("nav-back"), PairCb(action="card", id=pair.mentorship.id))]),
    )


@router.callback_query(PairCb.filter(F.action == "docx"))
async def order_again(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        document = await pairs.order_document(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(document.content, filename=document.filename),
        caption=t(document.caption_key),
    )


# -- before the order: change, withdraw; after a return: send again or cancel -----------------------------------
@router.callback_query(PairCb.filter(F.action == "edit"))
async def edit_form(query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    try:
        pair = await pairs.view(session, actor, callback_data.id)
        if pair.status not in BEFORE_ORDER:
            raise pairs.decided(pair.mentorship)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    forms = forms_for(len(pair.mentees))
    rows = [
        [
            button(
                ("• " if f == pair.mentorship.form else "") + t(f"form-{f}"),
                PairCb(action="eform", id=pair.mentorship.id, v=list(Form).index(f)),
            )
        ]
        for f in forms
    ]
    rows.append([button(t("form-cancel"), PairCb(action="card", id=pair.mentorship.id))])
    await query.answer()
    await show_in_place(query, t("pair-edit-form", pair=pair.title), keyboard(*rows))


@router.callback_query(PairCb.filter(F.action == "eform"))
async def edit_months(query: CallbackQuery, callback_data: PairCb, t: Texts, actor: Actor) -> None:
    form = chosen(Form, callback_data.v)
    if form is None:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    rules = actor.rules
    index = list(Form).index(form)
    buttons = [
        button(t("pair-months", months=n), PairCb(action="esave", id=callback_data.id, v=index * 100 + n))
        for n in range(rules.mentorship_min_months, rules.mentorship_max_months + 1)
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([button(t("form-cancel"), PairCb(action="card", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("pair-edit-months", form=t(f"form-{form}")), keyboard(*rows))


@router.callback_query(PairCb.filter(F.action == "esave"))
async def edit_save(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    form, months = chosen(Form, callback_data.v // 100), callback_data.v % 100
    if form is None:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    try:
        outcome = await pairs.revise(session, actor, callback_data.id, form, months)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("pair-sent-short"))
    notice = t(
        "pair-revised",
        names=", ".join(outcome.value.not_connected),
        waiting="yes" if outcome.value.not_connected else "no",
    )
    await show_card(query, session, t, actor, callback_data.id, notice)
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(PairCb.filter(F.action == "resubmit"))
async def resubmit(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await pairs.resubmit(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("pair-sent-short"))
    await show_card(query, session, t, actor, callback_data.id, t("pair-resubmitted"))
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(PairCb.filter(F.action == "withdraw"))
async def withdraw(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    if callback_data.v != 1:  # irreversible: ask first
        try:
            pair = await pairs.view(session, actor, callback_data.id)
            if pair.status not in BEFORE_ORDER:
                raise pairs.decided(pair.mentorship)
        except Refused as refused:
            await query.answer(refusal(t, refused), show_alert=True)
            return
        await query.answer()
        await show_in_place(
            query,
            t("pair-withdraw-confirm", pair=pair.title, returned="yes" if pair.status is Status.RETURNED else "no"),
            keyboard(
                [button(t("pair-withdraw-yes"), PairCb(action="withdraw", id=callback_data.id, v=1))],
                [button(t("nav-back"), PairCb(action="card", id=callback_data.id))],
            ),
        )
        return
    try:
        outcome = await pairs.withdraw(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("pair-withdrawn-short"))
    await show_card(query, session, t, actor, callback_data.id, t("pair-withdrawn-curator"))
    await deliver(bot, session, t, outcome.notices)
