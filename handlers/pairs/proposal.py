"""A proposal by the curator: the mentees (one, or several for a group), ranked mentor suggestions with their
reasons and what still stands before an order (6.1), the form (2.3), the period (3.7), a check, and out to the
participants."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from domain.banks import mentor_assignment_deadline
from domain.mentorship import Form, approver_role, forms_for
from domain.roles import Role
from handlers.callbacks import BankCb, PairCb
from handlers.filters import HasRole
from handlers.keyboards import button, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.pairs.curator import card_keyboard
from handlers.steps.pair_view import card_text, suggestion_text
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import pairs
from services.outcome import Actor, Refused

router = Router(name="pairs_proposal")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

SHOWN = 30


class PairSetup(StatesGroup):
    choosing = State()


async def _choose_screen(
    session: AsyncSession, t: Texts, actor: Actor, picked: list[int]
) -> tuple[Html, InlineKeyboardMarkup]:
    rows = []
    waiting = await pairs.waiting(session, actor)
    for mentee, busy in waiting[:SHOWN]:
        due = mentor_assignment_deadline(mentee.work_start_date, actor.rules) if mentee.work_start_date else None
        label = t("pair-mentee-line", name=mentee.full_name, due=due, busy="yes" if busy else "no")
        mark = "☑ " if mentee.id in picked else "☐ "
        rows.append([button(mark + label.plain(), PairCb(action="pick", id=mentee.id))])
    rows.append([button(t("pair-next", count=len(picked)), PairCb(action="suggest"))])
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    return (t("pair-choose") if waiting else t("pair-nobody-waiting")), keyboard(*rows)


def _waiting_ids(waiting: list[tuple[Person, bool]]) -> set[int]:
    return {p.id for p, busy in waiting if not busy}


@router.callback_query(PairCb.filter(F.action == "new"))
async def new_pair(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    """With a mentee's id (the 3.7 reminder's button): that mentee is chosen and the mentor suggestions shown."""
    await state.set_state(PairSetup.choosing)
    if callback_data.id:
        if callback_data.id in _waiting_ids(await pairs.waiting(session, actor)):  # this school's, still waiting
            await state.set_data({"mentees": [callback_data.id]})
            await suggest(query, session, t, actor, state)
            return
        await query.answer(t("pair-not-waiting"), show_alert=True)
    else:
        await query.answer()
    await state.set_data({"mentees": []})
    await show_in_place(query, *await _choose_screen(session, t, actor, []))


@router.callback_query(PairCb.filter(F.action == "pick"), PairSetup.choosing)
async def pick(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    waiting = await pairs.waiting(session, actor)
    if callback_data.id not in {p.id for p, _ in waiting}:
        await query.answer(t("pair-not-waiting"), show_alert=True)
        return
    if callback_data.id not in _waiting_ids(waiting):
        await query.answer(t("pair-mentee-has-proposal"), show_alert=True)
        return
    picked = list((await state.get_data()).get("mentees", []))
    picked = [i for i in picked if i != callback_data.id] if callback_data.id in picked else [*picked, callback_data.id]
    await state.update_data(mentees=picked)
    await query.answer()
    await show_in_place(query, *await _choose_screen(session, t, actor, picked))


@router.callback_query(PairCb.filter(F.action == "suggest"), PairSetup.choosing)
async def suggest(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext) -> None:
    picked = (await state.get_data()).get("mentees", [])
    if not picked:
        await query.answer(t("pair-problem-no-mentees"), show_alert=True)
        return
    try:
        found = await pairs.suggestions(session, actor, picked)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    if not found:
        await show_in_place(
            query,
            t("pair-no-mentors", count=len(picked), max=actor.rules.max_mentees_per_mentor),
            keyboard(
                [button(t("open-mentor-bank"), BankCb(action="list", bank="mentor"))],
                [button(t("nav-back"), PairCb(action="new")), button(t("pair-back"), PairCb(action="list"))],
            ),
        )
        return
    lines = [suggestion_text(t, n, s) for n, s in enumerate(found, start=1)]
    rows = [
        [button(f"{n}. {s.mentor.full_name}", PairCb(action="mentor", id=s.mentor.person_id))]
        for n, s in enumerate(found, start=1)
    ]
    rows.append([button(t("nav-back"), PairCb(action="new")), button(t("form-cancel"), PairCb(action="list"))])
    await show_in_place(
        query, t("pair-suggestions", count=len(picked), lines=Html("\n\n".join(lines))), keyboard(*rows)
    )


@router.callback_query(PairCb.filter(F.action == "mentor"), PairSetup.choosing)
async def mentor_chosen(query: CallbackQuery, callback_data: PairCb, t: Texts, state: FSMContext) -> None:
    picked = (await state.get_data()).get("mentees", [])
    await state.update_data(mentor=callback_data.id)  # checked again, with its school, when proposed
    rows = [
        [button(t(f"form-{form}"), PairCb(action="form", v=list(Form).index(form)))] for form in forms_for(len(picked))
    ]
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    await query.answer()
    await show_in_place(query, t("pair-choose-form"), keyboard(*rows))


@router.callback_query(PairCb.filter(F.action == "form"), PairSetup.choosing)
async def form_chosen(query: CallbackQuery, callback_data: PairCb, t: Texts, state: FSMContext, actor: Actor) -> None:
    form = chosen(Form, callback_data.v)
    if form is None:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    await state.update_data(form=form.value)
    rules = actor.rules
    months = range(rules.mentorship_min_months, rules.mentorship_max_months + 1)
    buttons = [button(t("pair-months", months=m), PairCb(action="months", v=m)) for m in months]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    await query.answer()
    await show_in_place(query, t("pair-choose-months"), keyboard(*rows))


@router.callback_query(PairCb.filter(F.action == "months"), PairSetup.choosing)
async def months_chosen(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, state: FSMContext
) -> None:
    await state.update_data(months=callback_data.v)
    data = await state.get_data()
    if not all(key in data for key in ("mentor", "mentees", "form")):
        await query.answer(t("pair-stale"), show_alert=True)
        return
    found = await pairs.people(session, [data["mentor"], *data["mentees"]])
    form = Form(data["form"])
    text = t(
        "pair-confirm",
        mentor=found[data["mentor"]].full_name if data["mentor"] in found else "",
        mentees=", ".join(found[i].full_name for i in data["mentees"] if i in found),
        form=t(f"form-{form}"),
        months=callback_data.v,
        approver=approver_role(form),
    )
    await query.answer()
    await show_in_place(
        query,
        text,
        keyboard([button(t("pair-send"), PairCb(action="propose"))], [button(t("form-cancel"), PairCb(action="list"))]),
    )


@router.callback_query(PairCb.filter(F.action == "propose"), PairSetup.choosing)
async def propose(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    data = await state.get_data()
    if not all(key in data for key in ("mentor", "mentees", "form", "months")):
        await query.answer(t("pair-stale"), show_alert=True)
        return
    try:
        outcome = await pairs.propose(
            session,
            actor,
            int(data["mentor"]),
            [int(i) for i in data["mentees"]],
            Form(data["form"]),
            int(data["months"]),
        )
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await state.clear()
    await query.answer(t("pair-sent-short"))
    proposed = outcome.value
    pair = await pairs.view(session, actor, proposed.mentorship.id)
    notice = t("pair-sent", names=", ".join(proposed.not_connected), waiting="yes" if proposed.not_connected else "no")
    await show_in_place(query, Html(f"{notice}\n\n{card_text(t, pair)}"), card_keyboard(t, pair))
    await deliver(bot, session, t, outcome.notices)
