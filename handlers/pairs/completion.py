"""Completion (7.1) put to the director's order by the curator: why (the plan fulfilled; the initiative of the
mentor, the mentee or both; the curator's), with the valid reasons written down for an early end; and, once
completed, the end-of-mentorship reports (3.6) as DOCX."""

from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mentorship import CompletionReason, Status
from domain.roles import Role
from handlers.callbacks import PairCb
from handlers.filters import HasRole
from handlers.forms import TextForm, text_field
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.pairs.card import card_keyboard, show_card
from handlers.steps.pair_view import card_text
from handlers.steps.screens import show_in_place
from locales import Texts
from services import completion, pairs, programme, reports
from services.outcome import Actor, Refused

router = Router(name="pairs_completion")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


class Completion(StatesGroup):
    comment = State()


@router.callback_query(PairCb.filter(F.action == "complete"))
async def complete_start(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        pair = await pairs.view(session, actor, callback_data.id)
        if pair.status is not Status.APPROVED:
            raise Refused("pair-not-active")
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    rows = choice_rows(t, CompletionReason, "completion", lambda i: PairCb(action="reason", id=callback_data.id, v=i))
    rows.append([button(t("nav-back"), PairCb(action="card", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("pair-complete-why", pair=pair.title), keyboard(*rows))


async def _send(
    query: CallbackQuery | None,
    chat_id: int,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    bot: Bot,
    mentorship_id: int,
    reason: CompletionReason,
    comment: str | None,
) -> None:
    try:
        outcome = await completion.request_completion(session, actor, mentorship_id, reason, comment)
    except Refused as refused:
        if query is not None:
            await query.answer(refusal(t, refused), show_alert=True)
        else:
            await bot.send_message(chat_id, refusal(t, refused))
        return
    names = ", ".join(outcome.value.approvers)
    notice = t("pair-completion-sent", names=names, count=len(outcome.value.approvers))
    if query is not None:
        await query.answer(t("pair-sent-short"))
        await show_card(query, session, t, actor, mentorship_id, notice)
    else:
        pair = await pairs.view(session, actor, mentorship_id)
        await bot.send_message(chat_id, f"{notice}\n\n{card_text(t, pair)}", reply_markup=card_keyboard(t, pair))
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(PairCb.filter(F.action.in_({"reason", "reason_ok"})))
async def complete_reason(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext,
    bot: Bot,
) -> None:  # fmt: skip
    reason = chosen(CompletionReason, callback_data.v)
    if reason is None:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    if reason is CompletionReason.FULFILLED and callback_data.action == "reason":
        # One tap must not send «план выполнен» to the director: the curator sees how much was done and confirms.
        try:
            pair = await pairs.view(session, actor, callback_data.id)
            done, total = (await programme.open_programme(session, actor, callback_data.id)).value.progress
        except Refused as refused:
            await query.answer(refusal(t, refused), show_alert=True)
            return
        await query.answer()
        confirm = PairCb(action="reason_ok", id=callback_data.id, v=callback_data.v)
        rows = [
            [button(t("pair-complete-send"), confirm)],
            [button(t("nav-back"), PairCb(action="complete", id=callback_data.id))],
        ]
        await show_in_place(
            query,
            t(
                "pair-complete-fulfilled-check",
                pair=pair.title,
                done=done,
                total=total,
                complete="yes" if total and done == total else "no",
            ),
            keyboard(*rows),
        )
        return
    if reason.needs_comment:  # 7.1: the valid reasons, in writing
        await query.answer()
        await comment_form.start(bot, query.from_user.id, state, t, mentorship=callback_data.id, reason=reason.value)
        return
    await _send(query, query.from_user.id, session, t, actor, bot, callback_data.id, reason, None)


async def _comment_given(
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    actor: Actor,
    chat_id: int | None = None,
    **_: Any,
) -> None:
    await state.clear()
    await _send(
        None, chat_id or 0, session, t, actor, bot, int(extra["mentorship"]), CompletionReason(extra["reason"]),
        values["comment"],
    )  # fmt: skip


async def _comment_cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(
        query.from_user.id, t("cancelled"), reply_markup=keyboard([button(t("pair-back"), PairCb(action="list"))])
    )


comment_form = TextForm(
    "completion",
    Completion.comment,
    [text_field("comment", "completion-comment-label", "pair-complete-comment", min_len=5, max_len=1000)],
    title="completion-form-title",
    on_submit=_comment_given,
    on_cancel=_comment_cancelled,
    submit_on_last=True,
)
comment_form.register(router)


# -- the reports (3.6) -----------------------------------------------------------------------------------------
@router.callback_query(PairCb.filter(F.action == "reports"))
async def reports_docx(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        files = (await reports.report_documents(session, actor, callback_data.id, t.plain)).value
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    for file in files:
        await bot.send_document(query.from_user.id, BufferedInputFile(file.content, filename=file.filename))
