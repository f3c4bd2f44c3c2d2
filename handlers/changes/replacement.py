"""The curator replaces the mentor (3.8): the reason, the new mentor among those with room for all the mentees
(3.7), ranked by fit with what still stands before an order; the offer goes to the new mentor. A replacement
not yet ordered can be withdrawn."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mentorship import ReplacementReason
from domain.roles import Role
from handlers.callbacks import BankCb, ChangeCb, PairCb
from handlers.filters import HasRole
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.steps.pair_view import suggestion_text
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import replacement
from services.outcome import Actor, Refused

router = Router(name="changes_curator")
router.callback_query.filter(HasRole(Role.CURATOR))


@router.callback_query(ChangeCb.filter(F.action == "replace"))
async def replace_reason(query: CallbackQuery, callback_data: ChangeCb, t: Texts) -> None:
    rows = choice_rows(t, ReplacementReason, "replace", lambda i: ChangeCb(action="rreason", id=callback_data.id, v=i))
    rows.append([button(t("nav-back"), PairCb(action="card", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("chg-replace-why"), keyboard(*rows))


@router.callback_query(ChangeCb.filter(F.action == "rreason"))
async def replace_candidates(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    reason = chosen(ReplacementReason, callback_data.v)
    if reason is None:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    try:
        found = await replacement.candidates(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await state.update_data(replace_reason=reason.value)
    await query.answer()
    back = [button(t("nav-back"), PairCb(action="card", id=callback_data.id))]
    if not found:
        bank = [button(t("open-mentor-bank"), BankCb(action="list", bank="mentor"))]
        await show_in_place(
            query, t("pair-no-mentors", count=1, max=actor.rules.max_mentees_per_mentor), keyboard(bank, back)
        )
        return
    lines = [suggestion_text(t, n, s) for n, s in enumerate(found, start=1)]
    rows = [
        [button(f"{n}. {s.mentor.full_name}", ChangeCb(action="rmentor", id=callback_data.id, v=s.mentor.person_id))]
        for n, s in enumerate(found, start=1)
    ]
    rows.append(back)
    await show_in_place(query, t("chg-replace-who", lines=Html("\n\n".join(lines))), keyboard(*rows))


@router.callback_query(ChangeCb.filter(F.action == "rmentor"))
async def replace_request(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext,
    bot: Bot,
) -> None:  # fmt: skip
    reason = (await state.get_data()).get("replace_reason")
    if reason not in {r.value for r in ReplacementReason}:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    try:
        outcome = await replacement.request_replacement(
            session, actor, callback_data.id, callback_data.v, ReplacementReason(reason)
        )
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await state.update_data(replace_reason=None)
    await query.answer(t("chg-sent-short"))
    requested = outcome.value
    await show_in_place(
        query,
        t("chg-replace-sent", name=requested.new_mentor, connected="yes" if requested.connected else "no"),
        keyboard([button(t("open-pair"), PairCb(action="card", id=callback_data.id))],
                 [button(t("pair-back"), PairCb(action="list"))]),
    )  # fmt: skip
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(ChangeCb.filter(F.action == "rcancel"))
async def replace_cancel(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    if callback_data.v != 1:  # ask first
        await query.answer()
        await show_in_place(
            query,
            t("chg-replace-cancel-confirm"),
            keyboard(
                [button(t("chg-replace-cancel-yes"), ChangeCb(action="rcancel", id=callback_data.id, v=1))],
                [button(t("nav-back"), PairCb(action="list"))],
            ),
        )
        return
    try:
        outcome = await replacement.cancel_replacement(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("chg-replace-cancelled-short"))
    await show_in_place(
        query,
        t("chg-replace-cancelled-curator"),
        keyboard([button(t("open-pair"), PairCb(action="card", id=outcome.value.mentorship_id))]),
    )
    await deliver(bot, session, t, outcome.notices)
