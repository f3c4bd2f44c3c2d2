"""Pairs and groups: the curator picks mentees and gets ranked mentor suggestions with reasons (6.1),
proposes a form (2.3) and a period (3.7); mentor and mentees confirm and consent (3.2, 3.7, 6.1); the
director — or, in the «руководитель — педагог» form, the education department (3.3) — approves by order
(3.4, 6.2) or returns it with a comment. Every change lands in the mentorship's history."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Organization, Person
from db.repositories import banks as banks_repo
from db.repositories import mentorships as repo
from db.repositories.audit import record_event
from db.repositories.consents import active_consents
from db.repositories.organizations import rules_of
from db.repositories.people import get_in_organization, people_with_role
from domain.banks import MenteeStatus, mentor_assignment_deadline
from domain.dates import format_date, parse_date
from domain.matching import MenteeProfile, rank
from domain.mentorship import (
    MENTEE_CONSENTS,
    MENTOR_CONSENTS,
    CompletionReason,
    Form,
    Proposal,
    ProposalProblem,
    Status,
    approver_role,
    missing_consents,
)
from domain.programme import report_due
from domain.roles import Role
from domain.rules import OrgRules
from domain.validation import InputError, clean_text
from handlers.callbacks import MenuCb, PairCb
from handlers.filters import HasRole, IsLinked
from handlers.forms import input_error_text
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.menu import back_to_menu, show_in_place
from handlers.notifier import deliver
from handlers.notify import notify
from locales import Html, Texts
from services.orders import order_file
from services.outcome import Actor, Refused
from services.reports import report_documents, report_requests

curators = Router(name="pairs_curator")
curators.message.filter(HasRole(Role.CURATOR))
curators.callback_query.filter(HasRole(Role.CURATOR))
approvers = Router(name="pairs_approver")
approvers.message.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))
approvers.callback_query.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))
participants = Router(name="pairs_participant")
participants.callback_query.filter(IsLinked())
router = Router(name="pairs")
router.include_routers(curators, approvers, participants)

SUGGESTIONS = 5


class PairSetup(StatesGroup):
    choosing = State()


class Decision(StatesGroup):
    order_number = State()
    order_date = State()
    comment = State()


def _today(tz: ZoneInfo) -> date:
    return datetime.now(tz).date()


async def _names(session: AsyncSession, ids: list[int]) -> list[Person]:
    return [p for p in [await session.get(Person, i) for i in ids] if p is not None]


# -- the curator's list and the card ---------------------------------------------------------------------------
async def card_text(session: AsyncSession, t: Texts, mentorship: Mentorship) -> str:
    mentor = await session.get(Person, mentorship.mentor_id)
    consents_ok = []
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        given = set(await active_consents(session, member.mentee_id))
        consents_ok.append(
            t(
                "pair-member",
                name=mentee.full_name if mentee else "?",
                agreed="yes" if member.confirmed_at else "no",
                consents="yes" if not missing_consents(MENTEE_CONSENTS, given) else "no",
            )
        )
    mentor_given = set(await active_consents(session, mentorship.mentor_id))
    return t(
        "pair-card",
        status=t(f"pair-status-{mentorship.status}"),
        mentor=mentor.full_name if mentor else "?",
        mentor_agreed="yes" if mentorship.mentor_confirmed_at else "no",
        mentor_consents="yes" if not missing_consents(MENTOR_CONSENTS, mentor_given) else "no",
        members=Html("\n".join(consents_ok)),
        form=t(f"form-{mentorship.form}"),
        months=mentorship.months,
        order=t(
            "pair-order",
            number=mentorship.order_number,
            date=format_date(mentorship.order_date),
            start=format_date(mentorship.start_date),
            end=format_date(mentorship.end_date),
        )
        if mentorship.order_number and mentorship.order_date and mentorship.start_date and mentorship.end_date
        else "",
        comment=t("pair-comment", comment=mentorship.comment) if mentorship.comment else "",
    ) + await _completion_text(session, t, mentorship)


async def _completion_text(session: AsyncSession, t: Texts, mentorship: Mentorship) -> str:
    if mentorship.status != Status.COMPLETED or mentorship.completed_on is None:
        return ""
    organization = await session.get(Organization, mentorship.organization_id)
    assert organization is not None
    due = format_date(report_due(mentorship.completed_on, rules_of(organization)))
    submitted = await repo.reports(session, mentorship)
    lines = [
        t(
            "pair-completed",
            date=format_date(mentorship.completed_on),
            reason=t(f"completion-{mentorship.completion_reason}"),
            comment=mentorship.completion_comment or "—",
        )
    ]
    for person_id in [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)]:
        author = await session.get(Person, person_id)
        report = submitted.get(person_id)
        lines.append(
            t(
                "pair-report-line",
                name=author.full_name if author else "?",
                state=format_date(report.submitted_at.date()) if report and report.submitted_at else "none",
                due=due,
            )
        )
    return "\n" + "\n".join(lines)


@curators.callback_query(MenuCb.filter(F.action == "pairs"))
@curators.callback_query(PairCb.filter(F.action == "list"))
async def pairs_list(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext) -> None:
    await state.clear()
    rows = []
    for mentorship in await repo.of_organization(session, person.organization_id):
        mentor = await session.get(Person, mentorship.mentor_id)
        rows.append(
            [
                button(
                    t(
                        "pair-list-item",
                        status=t(f"pair-icon-{mentorship.status}"),
                        mentor=mentor.full_name if mentor else "?",
                        count=len(mentorship.members),
                    ),
                    PairCb(action="card", id=mentorship.id),
                )
            ]
        )
    rows.append([button(t("pair-new"), PairCb(action="new"))])
    rows.append(back_to_menu(t))
    await query.answer()
    await show_in_place(query, t("pair-list"), keyboard(*rows))


@curators.callback_query(PairCb.filter(F.action == "card"))
async def pair_card(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    mentorship = await repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None:
        await query.answer(t("pair-not-found"), show_alert=True)
        return
    rows = [[button(t("pair-history"), PairCb(action="history", id=mentorship.id))]]
    if mentorship.status in (Status.APPROVED, Status.COMPLETED):
        rows.append([button(t("pair-order-docx"), PairCb(action="docx", id=mentorship.id))])
    if mentorship.status == Status.APPROVED:
        from handlers.changes import ChangeCb  # changes builds on this module

        rows.append([button(t("pair-complete"), PairCb(action="complete", id=mentorship.id))])
        rows.append([button(t("chg-replace"), ChangeCb(action="replace", id=mentorship.id))])
    if mentorship.status == Status.COMPLETED:
        rows.append([button(t("pair-reports-docx"), PairCb(action="reports", id=mentorship.id))])
    rows.append([button(t("pair-back"), PairCb(action="list"))])
    await query.answer()
    await show_in_place(query, await card_text(session, t, mentorship), keyboard(*rows))


@curators.callback_query(PairCb.filter(F.action == "history"))
async def pair_history(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person, tz: ZoneInfo
) -> None:
    mentorship = await repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None:
        await query.answer(t("pair-not-found"), show_alert=True)
        return
    lines = []
    for event in await repo.history(session, mentorship.id):
        actor = await session.get(Person, event.actor_person_id) if event.actor_person_id else None
        lines.append(
            t(
                "pair-event",
                when=event.created_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
                who=actor.full_name if actor else "—",
                what=t(f"pair-action-{event.action}") if t.has(f"pair-action-{event.action}") else event.action,
                change=f"{event.from_status or '—'} → {event.to_status or '—'}",
            )
        )
    await query.answer()
    await show_in_place(
        query,
        t("pair-history-title") + "\n" + "\n".join(lines),
        keyboard([button(t("nav-back"), PairCb(action="card", id=mentorship.id))]),
    )


# -- matching -----------------------------------------------------------------------------------------------------
async def _waiting(session: AsyncSession, person: Person) -> list[Person]:
    rows = await banks_repo.mentee_bank(session, person.organization_id, MenteeStatus.WAITING.value)
    return [r.person for r in rows]


async def _choose_screen(
    session: AsyncSession, t: Texts, person: Person, chosen: list[int], rules: OrgRules, tz: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    rows = []
    for mentee in (await _waiting(session, person))[:30]:
        due = format_date(mentor_assignment_deadline(mentee.work_start_date, rules)) if mentee.work_start_date else "—"
        rows.append(
            [
                button(
                    ("☑ " if mentee.id in chosen else "☐ ") + t("pair-mentee-line", name=mentee.full_name, due=due),
                    PairCb(action="pick", id=mentee.id),
                )
            ]
        )
    rows.append([button(t("pair-next", count=len(chosen)), PairCb(action="suggest"))])
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    text = t("pair-choose") if len(rows) > 2 else t("pair-nobody-waiting")
    return text, keyboard(*rows)


@curators.callback_query(PairCb.filter(F.action == "new"))
async def new_pair(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    """With a mentee's id (the 3.7 reminder's button): that mentee is chosen and the mentor suggestions shown."""
    await state.set_state(PairSetup.choosing)
    if callback_data.id:
        if callback_data.id in {p.id for p in await _waiting(session, person)}:  # this school's, still waiting
            await state.set_data({"mentees": [callback_data.id]})
            await suggest(query, session, t, person, state, rules)
            return
        await query.answer(t("pair-not-waiting"), show_alert=True)
    else:
        await query.answer()
    await state.set_data({"mentees": []})
    await show_in_place(query, *await _choose_screen(session, t, person, [], rules, tz))


@curators.callback_query(PairCb.filter(F.action == "pick"), PairSetup.choosing)
async def pick(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    if callback_data.id not in {p.id for p in await _waiting(session, person)}:
        await query.answer(t("pair-not-waiting"), show_alert=True)
        return
    chosen = list((await state.get_data()).get("mentees", []))
    chosen = [i for i in chosen if i != callback_data.id] if callback_data.id in chosen else [*chosen, callback_data.id]
    await state.update_data(mentees=chosen)
    await query.answer()
    await show_in_place(query, *await _choose_screen(session, t, person, chosen, rules, tz))


@curators.callback_query(PairCb.filter(F.action == "suggest"), PairSetup.choosing)
async def suggest(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext, rules: OrgRules
) -> None:
    chosen = (await state.get_data()).get("mentees", [])
    if not chosen:
        await query.answer(t("camp-pick-none"), show_alert=True)
        return
    profiles = [await repo.mentee_profile(session, p) for p in await _names(session, chosen)]
    group = MenteeProfile(
        profiles[0].person_id,
        profiles[0].subjects,
        frozenset().union(*(p.needs for p in profiles)),
        frozenset().union(*(p.forms for p in profiles)),
        profiles[0].preferred_mentor if len(profiles) == 1 else None,
    )
    mentors = [
        m for m in await repo.mentor_profiles(session, person.organization_id, rules) if m.person_id not in chosen
    ]
    suggestions = [s for s in rank(group, mentors, SUGGESTIONS) if s.free >= len(chosen)]
    await query.answer()
    if not suggestions:
        await show_in_place(
            query, t("pair-no-mentors", count=len(chosen)), keyboard([button(t("pair-back"), PairCb(action="list"))])
        )
        return
    lines, rows = [], []
    for number, suggestion in enumerate(suggestions, start=1):
        reasons = "; ".join(t(f"reason-{key}", **args) for key, args in suggestion.reasons)  # type: ignore[arg-type]
        lines.append(
            t(
                "pair-suggestion",
                number=number,
                name=suggestion.mentor.full_name,
                score=suggestion.score,
                reasons=reasons,
            )
        )
        rows.append(
            [
                button(
                    f"{number}. {suggestion.mentor.full_name}", PairCb(action="mentor", id=suggestion.mentor.person_id)
                )
            ]
        )
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    await show_in_place(
        query, t("pair-suggestions", count=len(chosen), lines=Html("\n\n".join(lines))), keyboard(*rows)
    )


@curators.callback_query(PairCb.filter(F.action == "mentor"), PairSetup.choosing)
async def mentor_chosen(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person, state: FSMContext
) -> None:
    if await get_in_organization(session, person.organization_id, callback_data.id) is None:
        await query.answer(t("staff-not-found"), show_alert=True)
        return
    await state.update_data(mentor=callback_data.id)
    rows = choice_rows(t, Form, "form", lambda i: PairCb(action="form", v=i))
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    await query.answer()
    await show_in_place(query, t("pair-choose-form"), keyboard(*rows))


@curators.callback_query(PairCb.filter(F.action == "form"), PairSetup.choosing)
async def form_chosen(
    query: CallbackQuery, callback_data: PairCb, t: Texts, state: FSMContext, rules: OrgRules
) -> None:
    form = chosen(Form, callback_data.v)
    if form is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.update_data(form=form.value)
    months = range(rules.mentorship_min_months, rules.mentorship_max_months + 1)
    buttons = [button(t("pair-months", months=m), PairCb(action="months", v=m)) for m in months]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([button(t("form-cancel"), PairCb(action="list"))])
    await query.answer()
    await show_in_place(query, t("pair-choose-months"), keyboard(*rows))


@curators.callback_query(PairCb.filter(F.action == "months"), PairSetup.choosing)
async def months_chosen(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, state: FSMContext
) -> None:
    await state.update_data(months=callback_data.v)
    data = await state.get_data()
    mentor = await session.get(Person, data["mentor"])
    mentees = await _names(session, data["mentees"])
    form = Form(data["form"])
    text = t(
        "pair-confirm",
        mentor=mentor.full_name if mentor else "?",
        mentees=", ".join(m.full_name for m in mentees),
        form=t(f"form-{form}"),
        months=callback_data.v,
        approver=t(f"pair-approver-{approver_role(form)}"),
    )
    await query.answer()
    await show_in_place(
        query,
        text,
        keyboard([button(t("pair-send"), PairCb(action="propose"))], [button(t("form-cancel"), PairCb(action="list"))]),
    )


def participant_keyboard(t: Texts, mentorship_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t("pair-agree"), PairCb(action="agree", id=mentorship_id))],
        [button(t("pair-decline"), PairCb(action="decline", id=mentorship_id))],
    )


@curators.callback_query(PairCb.filter(F.action == "propose"), PairSetup.choosing)
async def propose(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot, rules: OrgRules
) -> None:
    data = await state.get_data()
    if not all(key in data for key in ("mentor", "mentees", "form", "months")):
        await query.answer(t("q-stale"), show_alert=True)
        return
    proposal = Proposal(data["mentor"], tuple(data["mentees"]), Form(data["form"]), int(data["months"]))
    result = await repo.propose(session, person.organization_id, person.id, proposal, rules)
    if isinstance(result, ProposalProblem):
        await session.rollback()
        await query.answer(t(f"pair-problem-{result}", max=rules.max_mentees_per_mentor), show_alert=True)
        return
    await record_event(
        session,
        "pair_proposed",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        mentorship_id=result.id,
    )
    await session.commit()
    await state.clear()
    await query.answer(t("pair-sent-short"))
    text = await card_text(session, t, result)
    await show_in_place(
        query, t("pair-sent") + "\n\n" + text, keyboard([button(t("pair-back"), PairCb(action="list"))])
    )
    for participant in await _names(session, [result.mentor_id, *[m.mentee_id for m in result.members]]):
        if participant.telegram_user_id:
            role = "mentor" if participant.id == result.mentor_id else "mentee"
            await notify(
                bot,
                participant.telegram_user_id,
                t(f"pair-invite-{role}") + "\n\n" + text,
                participant_keyboard(t, result.id),
            )


# -- participants agree (6.1) after consenting (3.2, 3.7) ----------------------------------------------------------
async def _own(session: AsyncSession, person: Person, mentorship_id: int) -> Mentorship | None:
    mentorship = await repo.get_in_organization(session, person.organization_id, mentorship_id, lock=True)
    if mentorship is None:
        return None
    involved = {mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)}
    return mentorship if person.id in involved else None


@participants.callback_query(PairCb.filter(F.action == "agree"))
async def agree(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    mentorship = await _own(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    if mentorship.status != Status.PROPOSED:
        await query.answer(t("pair-not-open"), show_alert=True)
        return
    needed = MENTOR_CONSENTS if person.id == mentorship.mentor_id else MENTEE_CONSENTS
    missing = missing_consents(needed, set(await active_consents(session, person.id)))
    if missing:
        from handlers.consents import ask_consent

        await query.answer(t("pair-consent-first"), show_alert=True)
        for kind in missing:
            await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)
        return
    everybody = await repo.confirm(session, mentorship, person.id)
    await session.commit()
    await query.answer(t("pair-agreed-short"))
    await show_in_place(query, t("pair-agreed") + "\n\n" + await card_text(session, t, mentorship), None)
    if everybody:
        await _to_approvers(session, t, mentorship, bot)


async def _to_approvers(session: AsyncSession, t: Texts, mentorship: Mentorship, bot: Bot) -> None:
    role = approver_role(mentorship.form)
    text = t("pair-for-approval") + "\n\n" + await card_text(session, t, mentorship)
    markup = keyboard(
        [button(t("pair-approve"), PairCb(action="approve", id=mentorship.id))],
        [button(t("pair-return"), PairCb(action="return", id=mentorship.id))],
    )
    for approver in await people_with_role(session, mentorship.organization_id, role):
        if approver.telegram_user_id:
            await notify(bot, approver.telegram_user_id, text, markup)
    for curator in await people_with_role(session, mentorship.organization_id, Role.CURATOR):
        if curator.telegram_user_id:
            await notify(bot, curator.telegram_user_id, t("pair-all-agreed", id=mentorship.id))


@participants.callback_query(PairCb.filter(F.action == "decline"))
async def decline(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    mentorship = await _own(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    if mentorship.status != Status.PROPOSED:
        await query.answer(t("pair-not-open"), show_alert=True)
        return
    if callback_data.v != 1:  # ask first: declining closes the proposal for everybody
        await query.answer()
        await show_in_place(
            query,
            t("pair-decline-confirm"),
            keyboard(
                [button(t("pair-decline-yes"), PairCb(action="decline", id=mentorship.id, v=1))],
                [button(t("nav-back"), PairCb(action="agree-screen", id=mentorship.id))],
            ),
        )
        return
    await repo.set_status(session, mentorship, Status.DECLINED, person.id, "declined")
    await session.commit()
    await query.answer(t("pair-declined-short"))
    await show_in_place(query, t("pair-declined"), None)
    for curator in await people_with_role(session, mentorship.organization_id, Role.CURATOR):
        if curator.telegram_user_id:
            await notify(bot, curator.telegram_user_id, t("pair-declined-curator", name=person.full_name))


@participants.callback_query(PairCb.filter(F.action == "agree-screen"))
async def agree_screen(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    mentorship = await _own(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    await query.answer()
    await show_in_place(query, await card_text(session, t, mentorship), participant_keyboard(t, mentorship.id))


# -- the director's (or the department's) order ---------------------------------------------------------------------
async def _decidable(
    query: CallbackQuery | Message, session: AsyncSession, t: Texts, person: Person, mentorship_id: int
) -> Mentorship | None:
    mentorship = await repo.get_in_organization(session, person.organization_id, mentorship_id, lock=True)
    problem = None
    if mentorship is None:
        problem = t("pair-not-found")
    else:
        role = approver_role(mentorship.form)
        if role not in person.role_set:
            problem = t(f"pair-only-{role}")
        elif mentorship.status != Status.CONFIRMED:
            problem = t("pair-not-confirmed")
    if problem is None:
        return mentorship
    if isinstance(query, CallbackQuery):
        await query.answer(problem, show_alert=True)
    else:
        await query.answer(problem)
    return None


@approvers.callback_query(PairCb.filter(F.action == "approve"))
async def approve_start(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person, state: FSMContext
) -> None:
    if await _decidable(query, session, t, person, callback_data.id) is None:
        return
    await state.set_state(Decision.order_number)
    await state.set_data({"mentorship": callback_data.id})
    await query.answer()
    await query.bot.send_message(
        query.from_user.id,
        t("pair-ask-number"),  # type: ignore[union-attr]
        reply_markup=keyboard([button(t("form-cancel"), MenuCb(action="main"))]),
    )


@approvers.message(Decision.order_number, F.text, ~F.text.startswith("/"))
async def order_number(message: Message, t: Texts, state: FSMContext, tz: ZoneInfo) -> None:
    try:
        number = clean_text(message.text, max_len=32)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    await state.update_data(number=number)
    await state.set_state(Decision.order_date)
    today = _today(tz)
    await message.answer(
        t("pair-ask-date"),
        reply_markup=keyboard(
            [button(t("pair-today", date=format_date(today)), PairCb(action="today"))],
            [button(t("form-cancel"), MenuCb(action="main"))],
        ),
    )


async def _approve(
    target: Message | CallbackQuery,
    order_date: date,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    state: FSMContext,
    bot: Bot,
    rules: OrgRules,
) -> None:
    data = await state.get_data()
    mentorship = await _decidable(target, session, t, person, int(data.get("mentorship", 0)))
    if mentorship is None:
        await state.clear()
        return
    # 3.2, 3.7: no order without the written consent of the mentor and of every mentee.
    lacking = [
        p.full_name
        for p in await _names(session, [mentorship.mentor_id])
        if missing_consents(MENTOR_CONSENTS, set(await active_consents(session, p.id)))
    ]
    for member in mentorship.members:
        if missing_consents(MENTEE_CONSENTS, set(await active_consents(session, member.mentee_id))):
            lacking += [p.full_name for p in await _names(session, [member.mentee_id])]
    chat_id = target.chat.id if isinstance(target, Message) else target.from_user.id
    if lacking:
        await state.clear()
        await bot.send_message(chat_id, t("pair-lacking-consents", names=", ".join(lacking)))
        return
    await repo.approve(session, mentorship, person.id, data["number"], order_date)
    await session.commit()
    await state.clear()
    document = await order_file(session, mentorship, organization, person, rules)
    await bot.send_message(chat_id, t("pair-approved", number=data["number"], date=format_date(order_date)))
    file = BufferedInputFile(document, filename=f"Приказ_{data['number']}.docx")
    await bot.send_document(chat_id, file, caption=t("pair-order-caption"))
    due = format_date(order_date + timedelta(days=rules.programme_days))
    participants_ids = [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)]
    for participant in await _names(session, participants_ids):
        if participant.telegram_user_id:
            role = "mentor" if participant.id == mentorship.mentor_id else "mentee"
            await notify(
                bot,
                participant.telegram_user_id,
                t(f"pair-approved-{role}", number=data["number"], date=format_date(order_date), due=due),
            )
    for curator in await people_with_role(session, mentorship.organization_id, Role.CURATOR):
        if curator.telegram_user_id:
            await notify(
                bot, curator.telegram_user_id, t("pair-approved", number=data["number"], date=format_date(order_date))
            )
            await bot.send_document(curator.telegram_user_id, BufferedInputFile(document, filename=file.filename))


@approvers.callback_query(PairCb.filter(F.action == "today"), Decision.order_date)
async def order_today(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    state: FSMContext,
    bot: Bot,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    await query.answer()
    await _approve(query, _today(tz), session, t, person, organization, state, bot, rules)


@approvers.message(Decision.order_date, F.text, ~F.text.startswith("/"))
async def order_date_typed(
    message: Message,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    state: FSMContext,
    bot: Bot,
    rules: OrgRules,
) -> None:
    try:
        order_day = parse_date(message.text)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    await _approve(message, order_day, session, t, person, organization, state, bot, rules)


@approvers.callback_query(PairCb.filter(F.action == "return"))
async def return_start(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person, state: FSMContext
) -> None:
    if await _decidable(query, session, t, person, callback_data.id) is None:
        return
    await state.set_state(Decision.comment)
    await state.set_data({"mentorship": callback_data.id})
    await query.answer()
    await query.bot.send_message(query.from_user.id, t("pair-ask-comment"))  # type: ignore[union-attr]


@approvers.message(Decision.comment, F.text, ~F.text.startswith("/"))
async def return_comment(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot
) -> None:
    try:
        comment = clean_text(message.text, max_len=1000, min_len=3)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    mentorship = await _decidable(message, session, t, person, int((await state.get_data()).get("mentorship", 0)))
    await state.clear()
    if mentorship is None:
        return
    mentorship.comment = comment
    await repo.set_status(session, mentorship, Status.RETURNED, person.id, "returned", comment=comment)
    await session.commit()
    await message.answer(t("pair-returned"))
    for curator in await people_with_role(session, mentorship.organization_id, Role.CURATOR):
        if curator.telegram_user_id:
            await notify(bot, curator.telegram_user_id, t("pair-returned-curator", comment=comment))


@approvers.message(Decision.order_number)
@approvers.message(Decision.order_date)
@approvers.message(Decision.comment)
async def decision_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


# -- the order as DOCX -----------------------------------------------------------------------------------------
@curators.callback_query(PairCb.filter(F.action == "docx"))
async def order_again(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
    rules: OrgRules,
) -> None:
    mentorship = await repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None or mentorship.order_number is None or mentorship.decided_by_id is None:
        await query.answer(t("pair-not-found"), show_alert=True)
        return
    signer = await session.get(Person, mentorship.decided_by_id)
    assert signer is not None
    await query.answer()
    document = await order_file(session, mentorship, organization, signer, rules)
    await bot.send_document(
        query.from_user.id, BufferedInputFile(document, filename=f"Приказ_{mentorship.order_number}.docx")
    )


# -- completion (7.1) and the reports (3.6) -------------------------------------------------------------------
class Completion(StatesGroup):
    comment = State()


@curators.callback_query(PairCb.filter(F.action == "complete"))
async def complete_start(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    mentorship = await repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None or mentorship.status != Status.APPROVED:
        await query.answer(t("pair-not-active"), show_alert=True)
        return
    rows = choice_rows(t, CompletionReason, "completion", lambda i: PairCb(action="reason", id=mentorship.id, v=i))
    rows.append([button(t("nav-back"), PairCb(action="card", id=mentorship.id))])
    await query.answer()
    await show_in_place(query, t("pair-complete-why"), keyboard(*rows))


@curators.callback_query(PairCb.filter(F.action == "reason"))
async def complete_reason(
    query: CallbackQuery,
    callback_data: PairCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
    tz: ZoneInfo,
) -> None:
    reason = chosen(CompletionReason, callback_data.v)
    mentorship = await repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None or mentorship.status != Status.APPROVED or reason is None:
        await query.answer(t("pair-not-active"), show_alert=True)
        return
    await query.answer()
    if reason.needs_comment:
        await state.set_state(Completion.comment)
        await state.set_data({"mentorship": mentorship.id, "reason": reason.value})
        await bot.send_message(
            query.from_user.id,
            t("pair-complete-comment"),
            reply_markup=keyboard([button(t("form-cancel"), PairCb(action="card", id=mentorship.id))]),
        )
        return
    await _complete(session, t, person, mentorship, reason, None, bot, _today(tz), query.from_user.id)


@curators.message(Completion.comment, F.text, ~F.text.startswith("/"))
async def complete_comment(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot, tz: ZoneInfo
) -> None:
    try:
        comment = clean_text(message.text, min_len=5, max_len=1000)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    data = await state.get_data()
    await state.clear()
    mentorship = await repo.get_in_organization(session, person.organization_id, int(data.get("mentorship", 0)))
    if mentorship is None or mentorship.status != Status.APPROVED:
        await message.answer(t("pair-not-active"))
        return
    await _complete(
        session, t, person, mentorship, CompletionReason(data["reason"]), comment, bot, _today(tz), message.chat.id
    )


async def _complete(
    session: AsyncSession,
    t: Texts,
    person: Person,
    mentorship: Mentorship,
    reason: CompletionReason,
    comment: str | None,
    bot: Bot,
    today: date,
    chat_id: int,
) -> None:
    await repo.complete(session, mentorship, person.id, reason.value, comment, today)
    await session.commit()
    await bot.send_message(
        chat_id,
        t("pair-completed-curator") + "\n\n" + await card_text(session, t, mentorship),
        reply_markup=keyboard([button(t("pair-back"), PairCb(action="list"))]),
    )
    organization = await session.get(Organization, mentorship.organization_id)
    assert organization is not None
    await deliver(bot, session, t, await report_requests(session, mentorship, rules_of(organization)))


@curators.callback_query(PairCb.filter(F.action == "reports"))
async def reports_docx(
    query: CallbackQuery, callback_data: PairCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        files = (await report_documents(session, actor, callback_data.id, t.plain)).value
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params).plain(), show_alert=True)
        return
    for file in files:
        await bot.send_document(query.from_user.id, BufferedInputFile(file.content, filename=file.filename))
