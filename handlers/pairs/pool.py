"""Whole-pool matching: all waiting mentees at once. The curator gets the assignment with the greatest total fit
under the capacity rule (3.7) with each pair's reasons (services/matching.py), keeps, changes or drops each pair,
then chooses the form (2.3) and the period (3.7) and sends the kept pairs out as proposals."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mentorship import Form, forms_for
from domain.names import initials
from domain.roles import Role
from handlers.callbacks import BankCb, PairCb, PoolCb
from handlers.filters import HasRole
from handlers.keyboards import button, chosen, keyboard
from handlers.notifier import deliver, refusal
from handlers.steps.pair_view import reasons_text, suggestion_text
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services import matching
from services.outcome import Actor, Refused

router = Router(name="pairs_pool")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


class PoolSetup(StatesGroup):
    reviewing = State()


def _planned(data: dict[str, object]) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in data.get("plan", [])]  # type: ignore[attr-defined]


async def _show_plan(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext) -> None:
    data = await state.get_data()
    dropped = set(data.get("dropped", []))
    plan = await matching.review(session, actor, _planned(data))
    if not plan:
        await state.clear()
        waiting = await matching.waiting(session, actor)
        text = t("pool-empty", mentees=waiting, max=actor.rules.max_mentees_per_mentor)
        rows = [[button(t("open-mentor-bank"), BankCb(action="list", bank="mentor"))]] if waiting else []
        rows.append([button(t("pair-back"), PairCb(action="list"))])
        await show_in_place(query, text, keyboard(*rows))
        return
    lines, rows = [], []
    for n, assignment in enumerate(plan, start=1):
        mentee = assignment.mentee
        kept = mentee.person_id not in dropped
        reasons, warnings = reasons_text(t, assignment.suggestion)
        lines.append(
            t("pool-line", number=n, mentee=mentee.full_name, mentor=assignment.mentor.full_name,
              score=assignment.suggestion.score, reasons=reasons, warnings=warnings, kept="yes" if kept else "no")
        )  # fmt: skip
        change = PoolCb(action="change", id=mentee.person_id)
        toggle = PoolCb(action="drop" if kept else "keep", id=mentee.person_id)
        rows.append(
            [
                button(t("pool-change", number=n, name=initials(mentee.full_name)), change),
                button(t("pool-drop") if kept else t("pool-keep"), toggle),
            ]
        )
    count = sum(1 for a in plan if a.mentee.person_id not in dropped)
    total = sum(a.suggestion.score for a in plan if a.mentee.person_id not in dropped)
    sending: list[InlineKeyboardButton] = [button(t("pool-send", count=count), PoolCb(action="send"))] if count else []
    rows.append(sending)
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    left = await matching.left_out(session, actor, _planned(data))
    text = t(
        "pool-plan",
        count=len(plan),
        kept=count,
        total=total,
        lines=Html("\n\n".join(lines)),
        left=len(left),
        left_names=", ".join(left),
        max=actor.rules.max_mentees_per_mentor,
    )
    await show_in_place(query, text, keyboard(*rows))


@router.callback_query(PairCb.filter(F.action == "pool"))
async def pool(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext) -> None:
    assignments = await matching.plan(session, actor)
    await state.set_state(PoolSetup.reviewing)
    await state.set_data({"plan": [[a.mentee.person_id, a.mentor.person_id] for a in assignments], "dropped": []})
    await query.answer()
    await _show_plan(query, session, t, actor, state)


@router.callback_query(PoolCb.filter(F.action.in_({"drop", "keep"})), PoolSetup.reviewing)
async def drop_or_keep(
    query: CallbackQuery, callback_data: PoolCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    dropped = set((await state.get_data()).get("dropped", []))
    if callback_data.action == "drop":
        dropped.add(callback_data.id)
    else:
        dropped.discard(callback_data.id)
    await state.update_data(dropped=sorted(dropped))
    await query.answer()
    await _show_plan(query, session, t, actor, state)


@router.callback_query(PoolCb.filter(F.action == "change"), PoolSetup.reviewing)
async def change(
    query: CallbackQuery, callback_data: PoolCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    planned = dict(_planned(await state.get_data()))
    try:
        found = await matching.alternatives(session, actor, callback_data.id, planned)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await query.answer()
    lines = [suggestion_text(t, n, s) for n, s in enumerate(found, start=1)]
    rows = [
        [button(f"{n}. {s.mentor.full_name}", PoolCb(action="pick", id=callback_data.id, v=s.mentor.person_id))]
        for n, s in enumerate(found, start=1)
    ]
    rows.append([button(t("nav-back"), PoolCb(action="review"))])
    text = t("pool-alternatives", lines=Html("\n\n".join(lines)), empty="yes" if not found else "no")
    await show_in_place(query, text, keyboard(*rows))


@router.callback_query(PoolCb.filter(F.action == "pick"), PoolSetup.reviewing)
async def pick(
    query: CallbackQuery, callback_data: PoolCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    data = await state.get_data()
    planned = dict(_planned(data))
    allowed = {s.mentor.person_id for s in await matching.alternatives(session, actor, callback_data.id, planned)}
    if callback_data.id not in planned or callback_data.v not in allowed:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    planned[callback_data.id] = callback_data.v
    await state.update_data(plan=[[a, b] for a, b in planned.items()])
    await query.answer()
    await _show_plan(query, session, t, actor, state)


@router.callback_query(PoolCb.filter(F.action == "review"), PoolSetup.reviewing)
async def back_to_plan(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext) -> None:
    await query.answer()
    await _show_plan(query, session, t, actor, state)


@router.callback_query(PoolCb.filter(F.action == "send"), PoolSetup.reviewing)
async def choose_form(query: CallbackQuery, t: Texts) -> None:
    rows = [[button(t(f"form-{f}"), PoolCb(action="form", v=list(Form).index(f)))] for f in forms_for(1)]
    rows.append([button(t("nav-back"), PoolCb(action="review"))])
    await query.answer()
    await show_in_place(query, t("pool-choose-form"), keyboard(*rows))


@router.callback_query(PoolCb.filter(F.action == "form"), PoolSetup.reviewing)
async def choose_months(query: CallbackQuery, callback_data: PoolCb, t: Texts, actor: Actor, state: FSMContext) -> None:
    form = chosen(Form, callback_data.v)
    if form is None or form is Form.GROUP:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    await state.update_data(form=form.value)
    rules = actor.rules
    buttons = [
        button(t("pair-months", months=m), PoolCb(action="months", v=m))
        for m in range(rules.mentorship_min_months, rules.mentorship_max_months + 1)
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([button(t("nav-back"), PoolCb(action="send"))])
    await query.answer()
    await show_in_place(query, t("pair-choose-months"), keyboard(*rows))


@router.callback_query(PoolCb.filter(F.action == "months"), PoolSetup.reviewing)
async def send(
    query: CallbackQuery,
    callback_data: PoolCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    data = await state.get_data()
    dropped = set(data.get("dropped", []))
    kept = [(mentee, mentor) for mentee, mentor in _planned(data) if mentee not in dropped]
    if not kept or "form" not in data:
        await query.answer(t("pair-stale"), show_alert=True)
        return
    try:
        outcome = await matching.send(session, actor, kept, Form(data["form"]), callback_data.v)
    except Refused as refused:
        await query.answer(refusal(t, refused), show_alert=True)
        return
    await state.clear()
    await query.answer(t("pair-sent-short"))
    sent = outcome.value
    names = await matching.names(session, [mentee for mentee, _ in sent.refused])
    most = actor.rules.max_mentees_per_mentor
    lines = [
        t("pool-refused-line", name=names.get(mentee, ""), why=t(f"pair-problem-{problem}", max=most))
        for mentee, problem in sent.refused
    ]
    await show_in_place(
        query,
        t("pool-sent", count=len(sent.sent), refused=Html("\n".join(lines)), any_refused="yes" if lines else "no"),
        keyboard([button(t("pair-back"), PairCb(action="list"))]),
    )
    await deliver(bot, session, t, outcome.notices)
