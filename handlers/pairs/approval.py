"""«На утверждение» for the director and the education department (3.3): pairs and groups (3.4, 6.2),
replacements (3.8) and completions (7.1) waiting for their order. Each opens to its card with «Утвердить
приказом» and «Вернуть с комментарием». The order — its number and date, «Сегодня», «Отмена» — is one form for
all three; so is the return's comment. A decided item's buttons say what was decided."""

from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.roles import Role
from handlers.callbacks import MenuCb, OrderCb, PairCb
from handlers.filters import HasRole
from handlers.forms import TextForm, date_field, text_field
from handlers.keyboards import button, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.steps.pair_view import card_text
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services import approvals, pairs
from services.approvals import Awaiting, Item
from services.outcome import Actor, Refused

router = Router(name="pairs_approval")
router.message.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))
router.callback_query.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))


class Decision(StatesGroup):
    order = State()
    comment = State()


def _item(callback_data: OrderCb) -> Item | None:
    return chosen(Item, callback_data.item)


def _cb(action: str, awaited: Awaiting) -> OrderCb:
    return OrderCb(action=action, item=list(Item).index(awaited.item), id=awaited.id)


def _label(t: Texts, awaited: Awaiting) -> Html:
    return t("approvals-item", kind=awaited.item, pair=awaited.parties.title, new=awaited.new_mentor)


@router.callback_query(MenuCb.filter(F.action == "approvals"))
async def approvals_list(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    await state.clear()
    items = await approvals.awaiting(session, actor)
    rows = [[button(_label(t, a), _cb("open", a))] for a in items]
    await query.answer()
    await show_in_place(query, t("approvals-title", count=len(items)), keyboard(*rows, back_to_menu(t)))


async def _card(session: AsyncSession, t: Texts, actor: Actor, awaited: Awaiting) -> Html:
    pair = await pairs.view(session, actor, awaited.mentorship.id)
    change = awaited.change
    header = t(
        f"approvals-card-{awaited.item}",
        new=awaited.new_mentor,
        old=awaited.parties.mentor.full_name,
        reason=t(f"replace-{change.reason}") if change and awaited.item is Item.REPLACE
        else (t(f"completion-{change.reason}") if change else ""),
        comment=(change.comment if change else "") or "",
        has_comment="yes" if change and change.comment else "no",
    )  # fmt: skip
    return Html(f"{header}\n\n{card_text(t, pair)}")


@router.callback_query(OrderCb.filter(F.action == "open"))
async def open_item(
    query: CallbackQuery, callback_data: OrderCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    item = _item(callback_data)
    try:
        if item is None:
            raise Refused("pair-stale")
        awaited = await approvals.one(session, actor, item, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await show_in_place(
        query,
        await _card(session, t, actor, awaited),
        keyboard(
            [button(t("pair-approve"), _cb("approve", awaited))],
            [button(t("pair-return"), _cb("return", awaited))],
            [button(t("nav-back"), MenuCb(action="approvals"))],
        ),
    )


# -- the order: one form for pairs, replacements and completions ---------------------------------------------------
async def _approve(
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    actor: Actor,
    chat_id: int | None = None,
    query: CallbackQuery | None = None,
    **_: Any,
) -> None:
    target = chat_id or (query.from_user.id if query else actor.person.telegram_user_id or 0)
    await state.clear()
    try:
        outcome = await approvals.approve(
            session, actor, Item(extra["item"]), int(extra["id"]), values["number"], date.fromisoformat(values["date"])
        )
    except Refused as refused:
        await bot.send_message(
            target,
            refusal(t, refused),
            reply_markup=keyboard([button(t("open-approvals"), MenuCb(action="approvals"))]),
        )
        return
    ordered = outcome.value
    await bot.send_message(
        target,
        t("pair-approved", number=ordered.number, date=ordered.on),
        reply_markup=keyboard([button(t("open-approvals"), MenuCb(action="approvals"))]),
    )
    document = ordered.document
    await bot.send_document(
        target, BufferedInputFile(document.content, filename=document.filename), caption=t(document.caption_key)
    )
    await deliver(bot, session, t, outcome.notices)


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(
        query.from_user.id,
        t("cancelled"),
        reply_markup=keyboard([button(t("open-approvals"), MenuCb(action="approvals"))]),
    )


order_form = TextForm(
    "order",
    Decision.order,
    [
        text_field("number", "order-number-label", "pair-ask-number", min_len=1, max_len=32),
        date_field("date", "order-date-label", "pair-ask-date", today=True),
    ],
    title="order-form-title",
    on_submit=_approve,
    on_cancel=_cancelled,
    submit_on_last=True,
)
order_form.register(router)


async def _give_back(
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    actor: Actor,
    chat_id: int | None = None,
    query: CallbackQuery | None = None,
    message: Message | None = None,
    **_: Any,
) -> None:
    target = chat_id or (query.from_user.id if query else 0)
    await state.clear()
    try:
        outcome = await approvals.give_back(session, actor, Item(extra["item"]), int(extra["id"]), values["comment"])
    except Refused as refused:
        await bot.send_message(target, refusal(t, refused))
        return
    await bot.send_message(
        target,
        t("pair-returned", names=", ".join(outcome.value.to), count=len(outcome.value.to)),
        reply_markup=keyboard([button(t("open-approvals"), MenuCb(action="approvals"))]),
    )
    await deliver(bot, session, t, outcome.notices)


return_form = TextForm(
    "return",
    Decision.comment,
    [text_field("comment", "return-comment-label", "pair-ask-comment", min_len=3, max_len=1000)],
    title="return-form-title",
    on_submit=_give_back,
    on_cancel=_cancelled,
    submit_on_last=True,
)
return_form.register(router)


@router.callback_query(PairCb.filter(F.action.in_({"approve", "return"})))
async def decide_from_an_old_message(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    """A pair's buttons as they were sent before «На утверждение» existed: the same decision."""
    order = OrderCb(action=callback_data.action, item=0, id=callback_data.id)
    await decide(query, order, session, t, actor, state, bot)


@router.callback_query(OrderCb.filter(F.action.in_({"approve", "return"})))
async def decide(
    query: CallbackQuery,
    callback_data: OrderCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    """Checked before anything is typed: a stale or decided item says what was decided."""
    item = _item(callback_data)
    try:
        if item is None:
            raise Refused("pair-stale")
        await approvals.check(session, actor, item, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    form = order_form if callback_data.action == "approve" else return_form
    await form.start(bot, query.from_user.id, state, t, today_button=actor.today, item=item.value, id=callback_data.id)
