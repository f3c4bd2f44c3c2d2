"""The participants' changes of a running mentorship: by mutual agreement (7.2) a longer period or the programme
corrected; the answer to a change (and the new mentor's answer to a replacement offered to them, 3.8, after
their written consent); petitions to the curator — another mentor (5.1), stepping down (4.1), an early end for
valid reasons (7.1)."""

from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.mentorship import Part, Petition
from handlers.callbacks import ChangeCb, ProgCb
from handlers.filters import IsLinked
from handlers.forms import Submit, TextForm, text_field
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver, refusal
from handlers.steps.consent import ask_consent
from handlers.steps.screens import show_in_place
from locales import Texts
from services import changes
from services.outcome import Actor, Refused

router = Router(name="changes_participant")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())


class Petitioning(StatesGroup):
    comment = State()
    replace_reason = State()


@router.callback_query(ChangeCb.filter(F.action == "menu"))
async def changes_menu(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        menu = await changes.menu(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    m = menu.mentorship.id
    rows = [[button(t("chg-extend"), ChangeCb(action="extend", id=m))]]
    if menu.part is Part.MENTOR:
        rows.append([button(t("chg-correct"), ChangeCb(action="correct", id=m))])
        rows.append([button(t("chg-step-down"), ChangeCb(action="petition", id=m))])
    else:
        rows.append([button(t("chg-petition"), ChangeCb(action="petition", id=m))])
    rows.append([button(t("chg-end-early"), ChangeCb(action="endearly", id=m))])
    rows.append([button(t("nav-back"), ProgCb(action="view", id=m))])
    await query.answer()
    await show_in_place(query, t("chg-menu"), keyboard(*rows))


@router.callback_query(ChangeCb.filter(F.action == "extend"))
async def extend_choose(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    try:
        menu = await changes.menu(session, actor, callback_data.id)
        if not menu.extensions:
            raise Refused("chg-no-longer")
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    rows = [
        [button(t("chg-months", months=months, end=end), ChangeCb(action="extendto", id=callback_data.id, v=months))]
        for months, end in menu.extensions
    ]
    rows.append([button(t("form-cancel"), ChangeCb(action="menu", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("chg-extend-how"), keyboard(*rows))


@router.callback_query(ChangeCb.filter(F.action.in_({"extendto", "correct"})))
async def request_change(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        if callback_data.action == "extendto":
            outcome = await changes.request_extension(session, actor, callback_data.id, callback_data.v)
        else:
            outcome = await changes.request_correction(session, actor, callback_data.id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer(t("chg-sent-short"))
    await show_in_place(
        query, t("chg-sent"), keyboard([button(t("nav-back"), ProgCb(action="view", id=callback_data.id))])
    )
    await deliver(bot, session, t, outcome.notices)


@router.callback_query(ChangeCb.filter(F.action.in_({"agree", "disagree"})))
async def answer_change(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    try:
        outcome = await changes.answer(session, actor, callback_data.id, callback_data.action == "agree")
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    answer = outcome.value
    if answer.missing:  # 3.2, 3.7: the new mentor's written consent first, sent right below
        await query.answer(t("pair-consent-first"), show_alert=True)
        for kind in answer.missing:
            await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)
        return
    if not answer.agreed:
        await query.answer(t("chg-declined-short"))
        await show_in_place(query, t("chg-declined"), None)
    else:
        await query.answer(t("chg-agreed-short"))
        await show_in_place(
            query, t("chg-agreed", kind=answer.change.kind, in_force="yes" if answer.in_force else "no"), None
        )
    await deliver(bot, session, t, outcome.notices)


# -- petitions to the curator --------------------------------------------------------------------------------
@router.callback_query(ChangeCb.filter(F.action == "petition"))
async def petition_replace(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext,
    bot: Bot,
) -> None:  # fmt: skip
    """5.1 (the mentee) and 4.1 (the mentor): the curator decides on a replacement (3.8). The reason is asked
    first: a single tap must not send the curator «заменить наставника» by mistake, and the curator needs it."""
    await _ask_reason(query, callback_data.id, session, t, actor, state, bot, replace_form)


@router.callback_query(ChangeCb.filter(F.action == "endearly"))
async def petition_end(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext,
    bot: Bot,
) -> None:  # fmt: skip
    """7.1: an early end on the initiative of the mentor or the mentee, for valid reasons written down."""
    await _ask_reason(query, callback_data.id, session, t, actor, state, bot, end_form)


async def _ask_reason(
    query: CallbackQuery, mentorship_id: int, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext,
    bot: Bot, form: TextForm,
) -> None:  # fmt: skip
    try:
        await changes.menu(session, actor, mentorship_id)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    await form.start(bot, query.from_user.id, state, t, mentorship=mentorship_id)


def _petition_asked(petition: Petition) -> Submit:
    """The reason is written: the petition goes to the curator (services/changes.py checks who may ask)."""

    async def asked(
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
        await state.clear()
        mentorship_id = int(extra["mentorship"])
        target = chat_id or (query.from_user.id if query else 0)
        try:
            outcome = await changes.petition(session, actor, mentorship_id, petition, values["comment"])
        except Refused as refused:
            await bot.send_message(target, refusal(t, refused))
            return
        await bot.send_message(
            target,
            t("chg-petition-sent"),
            reply_markup=keyboard([button(t("nav-back"), ProgCb(action="view", id=mentorship_id))]),
        )
        await deliver(bot, session, t, outcome.notices)

    return asked


async def _end_cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(query.from_user.id, t("cancelled"))


end_form = TextForm(
    "end_early",
    Petitioning.comment,
    [text_field("comment", "chg-end-reason-label", "chg-end-reason-prompt", min_len=5, max_len=1000)],
    title="chg-end-title",
    on_submit=_petition_asked(Petition.COMPLETE),
    on_cancel=_end_cancelled,
    submit_on_last=True,
)
end_form.register(router)

replace_form = TextForm(
    "petition_replace",
    Petitioning.replace_reason,
    [text_field("comment", "chg-end-reason-label", "chg-replace-reason-prompt", min_len=5, max_len=1000)],
    title="chg-replace-petition-title",
    on_submit=_petition_asked(Petition.REPLACE),
    on_cancel=_end_cancelled,
    submit_on_last=True,
)
replace_form.register(router)
