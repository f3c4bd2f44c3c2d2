"""Changes of a running mentorship. By mutual agreement (7.2): a longer period, or the programme reopened
for correction. Replacement of the mentor (3.8): petitions of the mentee (5.1) and of the mentor (4.1)
reach the curator, who picks the new mentor for a 3.8 reason; the new mentor agrees and consents, and the
director approves it by order. The history keeps every step and the old mentor."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, Organization, Person
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from db.repositories.consents import active_consents
from db.repositories.people import people_with_role
from domain.dates import format_date, parse_date
from domain.matching import MenteeProfile, rank
from domain.mentorship import (
    MENTOR_CONSENTS,
    ReplacementReason,
    Status,
    approver_role,
    end_date,
    extension_options,
    missing_consents,
)
from domain.roles import Role
from domain.rules import OrgRules
from domain.validation import InputError, clean_text
from handlers.callbacks import ChangeCb, PairCb, ProgCb
from handlers.filters import HasRole, IsLinked
from handlers.forms import input_error_text
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.menu import show_in_place
from handlers.notifier import deliver
from handlers.notify import notify
from locales import Texts
from services.outcome import Actor, Refused
from services.replacement import approve_replacement

participants = Router(name="changes_participant")
participants.message.filter(IsLinked())
participants.callback_query.filter(IsLinked())
curators = Router(name="changes_curator")
curators.callback_query.filter(HasRole(Role.CURATOR))
approvers = Router(name="changes_approver")
approvers.message.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))
approvers.callback_query.filter(HasRole(Role.DIRECTOR, Role.DEPARTMENT))
router = Router(name="changes")
router.include_routers(curators, approvers, participants)


class ReplaceDecision(StatesGroup):
    number = State()
    date = State()


async def _mentorship(session: AsyncSession, person: Person, mentorship_id: int) -> Mentorship | None:
    mentorship = await mentorships_repo.get_in_organization(session, person.organization_id, mentorship_id, lock=True)
    if mentorship is None or mentorship.status != Status.APPROVED:
        return None
    return mentorship if person.id in repo.participants(mentorship) else None


async def _tell(session: AsyncSession, bot: Bot, people: list[int], text: str, markup=None) -> None:  # type: ignore[no-untyped-def]
    for person_id in dict.fromkeys(people):
        person = await session.get(Person, person_id)
        if person and person.telegram_user_id:
            await notify(bot, person.telegram_user_id, text, markup)


async def _curators(session: AsyncSession, organization_id: int) -> list[int]:
    return [c.id for c in await people_with_role(session, organization_id, Role.CURATOR)]


# -- the participants' menu of changes -------------------------------------------------------------------------
@participants.callback_query(ChangeCb.filter(F.action == "menu"))
async def changes_menu(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    mentorship = await _mentorship(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    mentor = person.id == mentorship.mentor_id
    rows = [[button(t("chg-extend"), ChangeCb(action="extend", id=mentorship.id))]]
    if mentor:
        rows.append([button(t("chg-correct"), ChangeCb(action="correct", id=mentorship.id))])
        rows.append([button(t("chg-step-down"), ChangeCb(action="petition", id=mentorship.id))])
    else:
        rows.append([button(t("chg-petition"), ChangeCb(action="petition", id=mentorship.id))])

    rows.append([button(t("nav-back"), ProgCb(action="view", id=mentorship.id))])
    await query.answer()
    await show_in_place(query, t("chg-menu"), keyboard(*rows))


@participants.callback_query(ChangeCb.filter(F.action == "extend"))
async def extend_choose(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, person: Person, rules: OrgRules
) -> None:
    mentorship = await _mentorship(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    options = extension_options(mentorship.months, rules)
    if not options:
        await query.answer(t("chg-no-longer"), show_alert=True)
        return
    assert mentorship.start_date
    rows = [
        [
            button(
                t("chg-months", months=m, end=format_date(end_date(mentorship.start_date, m))),
                ChangeCb(action="extendto", id=mentorship.id, v=m),
            )
        ]
        for m in options
    ]
    rows.append([button(t("form-cancel"), ChangeCb(action="menu", id=mentorship.id))])
    await query.answer()
    await show_in_place(query, t("chg-extend-how"), keyboard(*rows))


async def _request(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    mentorship: Mentorship,
    kind: str,
    **fields: int,
) -> None:
    if await repo.open_change(session, mentorship, kind) is not None:
        await query.answer(t("chg-already-open"), show_alert=True)
        return
    change = await repo.request(session, mentorship, kind, person.id, **fields)
    await session.commit()
    await query.answer(t("chg-sent-short"))
    await show_in_place(query, t("chg-sent"), None)
    text = t(f"chg-ask-{kind}", name=person.full_name, months=fields.get("months", 0))
    markup = keyboard(
        [
            button(t("chg-agree"), ChangeCb(action="agree", id=change.id)),
            button(t("chg-disagree"), ChangeCb(action="disagree", id=change.id)),
        ]
    )
    await _tell(session, bot, [p for p in repo.participants(mentorship) if p != person.id], text, markup)


@participants.callback_query(ChangeCb.filter(F.action == "extendto"))
async def extend_request(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
) -> None:
    mentorship = await _mentorship(session, person, callback_data.id)
    if mentorship is None or callback_data.v not in extension_options(mentorship.months, rules):
        await query.answer(t("denied") if mentorship is None else t("q-stale"), show_alert=True)
        return
    await _request(query, session, t, person, bot, mentorship, "extend", months=callback_data.v)


@participants.callback_query(ChangeCb.filter(F.action == "correct"))
async def correct_request(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    mentorship = await _mentorship(session, person, callback_data.id)
    if mentorship is None or person.id != mentorship.mentor_id:
        await query.answer(t("denied"), show_alert=True)
        return
    await _request(query, session, t, person, bot, mentorship, "correct")


@participants.callback_query(ChangeCb.filter(F.action.in_({"agree", "disagree"})))
async def answer_change(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    change = await repo.change_in_organization(session, person.organization_id, callback_data.id)
    mentorship = (
        await mentorships_repo.get_in_organization(session, person.organization_id, change.mentorship_id)
        if change
        else None
    )
    if change is None or mentorship is None or mentorship.status != Status.APPROVED:
        await query.answer(t("denied"), show_alert=True)
        return
    needed = repo.participants(mentorship) if change.kind != "replace" else [change.new_mentor_id]
    if person.id not in needed or person.id in change.agreed_ids:
        await query.answer(t("denied"), show_alert=True)
        return
    if change.status != "pending":
        await query.answer(t("chg-closed"), show_alert=True)
        return
    if callback_data.action == "disagree":
        await repo.decline(session, change, mentorship, person.id)
        await session.commit()
        await query.answer(t("chg-declined-short"))
        await show_in_place(query, t("chg-declined"), None)
        await _tell(
            session, bot, [p for p in [change.requested_by_id] if p], t("chg-declined-by", name=person.full_name)
        )
        return
    if change.kind == "replace":
        missing = missing_consents(MENTOR_CONSENTS, set(await active_consents(session, person.id)))
        if missing:
            from handlers.consents import ask_consent

            await query.answer(t("pair-consent-first"), show_alert=True)
            for kind in missing:
                await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)
            return
        needed = [change.new_mentor_id]  # type: ignore[list-item]
    everybody = await repo.agree(session, change, mentorship, person.id, needed)  # type: ignore[arg-type]
    if everybody and change.kind == "extend":
        await repo.extend(session, change, mentorship)
    elif everybody and change.kind == "correct":
        await repo.reopen_programme(session, change, mentorship)
    await session.commit()
    await query.answer(t("chg-agreed-short"))
    await show_in_place(query, t("chg-agreed"), None)
    if not everybody:
        return
    if change.kind == "replace":
        await _to_approvers(session, t, bot, change, mentorship)
        return
    text = t(f"chg-done-{change.kind}", end=format_date(mentorship.end_date) if mentorship.end_date else "")
    await _tell(
        session, bot, [*repo.participants(mentorship), *await _curators(session, mentorship.organization_id)], text
    )


@participants.callback_query(ChangeCb.filter(F.action == "petition"))
async def petition(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    mentorship = await _mentorship(session, person, callback_data.id)
    if mentorship is None:
        await query.answer(t("denied"), show_alert=True)
        return
    role = "mentor" if person.id == mentorship.mentor_id else "mentee"
    await mentorships_repo.record(
        session, mentorship, person.id, f"replacement_petition_{role}", mentorship.status, mentorship.status
    )
    await session.commit()
    await query.answer(t("chg-sent-short"))
    await show_in_place(query, t("chg-petition-sent"), None)
    await _tell(
        session,
        bot,
        await _curators(session, mentorship.organization_id),
        t(f"chg-petition-{role}", name=person.full_name),
        keyboard([button(t("remind-open-pair"), PairCb(action="card", id=mentorship.id))]),
    )


# -- the curator replaces the mentor (3.8) ------------------------------------------------------------------------
@curators.callback_query(ChangeCb.filter(F.action == "replace"))
async def replace_reason(
    query: CallbackQuery, callback_data: ChangeCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    mentorship = await mentorships_repo.get_in_organization(session, person.organization_id, callback_data.id)
    if mentorship is None or mentorship.status != Status.APPROVED:
        await query.answer(t("pair-not-active"), show_alert=True)
        return
    rows = choice_rows(t, ReplacementReason, "replace", lambda i: ChangeCb(action="rreason", id=mentorship.id, v=i))
    rows.append([button(t("nav-back"), PairCb(action="card", id=mentorship.id))])
    await query.answer()
    await show_in_place(query, t("chg-replace-why"), keyboard(*rows))


@curators.callback_query(ChangeCb.filter(F.action == "rreason"))
async def replace_candidates(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    rules: OrgRules,
    state: FSMContext,
) -> None:
    mentorship = await mentorships_repo.get_in_organization(session, person.organization_id, callback_data.id)
    reason = chosen(ReplacementReason, callback_data.v)
    if mentorship is None or mentorship.status != Status.APPROVED or reason is None:
        await query.answer(t("pair-not-active"), show_alert=True)
        return
    await state.update_data(replace_reason=reason.value)
    mentees = [p for p in [await session.get(Person, m.mentee_id) for m in mentorship.members] if p]
    profiles = [await mentorships_repo.mentee_profile(session, p) for p in mentees]
    group = MenteeProfile(
        profiles[0].person_id,
        profiles[0].subjects,
        frozenset().union(*(p.needs for p in profiles)),
        frozenset().union(*(p.forms for p in profiles)),
    )
    exclude = {mentorship.mentor_id, *(p.id for p in mentees)}
    mentors = [
        m
        for m in await mentorships_repo.mentor_profiles(session, person.organization_id, rules)
        if m.person_id not in exclude
    ]
    suggestions = [s for s in rank(group, mentors, 5) if s.free >= len(mentees)]
    await query.answer()
    if not suggestions:
        await show_in_place(
            query,
            t("pair-no-mentors", count=len(mentees)),
            keyboard([button(t("nav-back"), PairCb(action="card", id=mentorship.id))]),
        )
        return
    rows = [
        [
            button(
                f"{n}. {s.mentor.full_name} · {s.score}",
                ChangeCb(action="rmentor", id=mentorship.id, v=s.mentor.person_id),
            )
        ]
        for n, s in enumerate(suggestions, start=1)
    ]
    rows.append([button(t("nav-back"), PairCb(action="card", id=mentorship.id))])
    await show_in_place(query, t("chg-replace-who"), keyboard(*rows))


@curators.callback_query(ChangeCb.filter(F.action == "rmentor"))
async def replace_request(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    rules: OrgRules,
    state: FSMContext,
    bot: Bot,
) -> None:
    mentorship = await mentorships_repo.get_in_organization(
        session, person.organization_id, callback_data.id, lock=True
    )
    reason = (await state.get_data()).get("replace_reason")
    candidate = await session.get(Person, callback_data.v)
    if (
        mentorship is None
        or mentorship.status != Status.APPROVED
        or reason is None
        or candidate is None
        or candidate.organization_id != person.organization_id
        or candidate.id in repo.participants(mentorship)
    ):
        await query.answer(t("q-stale"), show_alert=True)
        return
    if await repo.open_change(session, mentorship, "replace") is not None:
        await query.answer(t("chg-already-open"), show_alert=True)
        return
    if not await repo.new_mentor_fits(session, mentorship, candidate.id, rules):
        await query.answer(t("pair-problem-capacity", max=rules.max_mentees_per_mentor), show_alert=True)
        return
    change = await repo.request(session, mentorship, "replace", person.id, new_mentor_id=candidate.id, reason=reason)
    await session.commit()
    await query.answer(t("chg-sent-short"))
    await show_in_place(
        query,
        t("chg-replace-sent", name=candidate.full_name),
        keyboard([button(t("pair-back"), PairCb(action="list"))]),
    )
    await _tell(
        session,
        bot,
        [candidate.id],
        t("chg-ask-replace-mentor", reason=t(f"replace-{reason}")),
        keyboard(
            [
                button(t("chg-agree"), ChangeCb(action="agree", id=change.id)),
                button(t("chg-disagree"), ChangeCb(action="disagree", id=change.id)),
            ]
        ),
    )


async def _to_approvers(
    session: AsyncSession, t: Texts, bot: Bot, change: MentorshipChange, mentorship: Mentorship
) -> None:
    old, new = await session.get(Person, mentorship.mentor_id), await session.get(Person, change.new_mentor_id)
    role = approver_role(mentorship.form)
    text = t(
        "chg-for-approval",
        old=old.full_name if old else "",
        new=new.full_name if new else "",
        reason=t(f"replace-{change.reason}"),
    )
    markup = keyboard([button(t("pair-approve"), ChangeCb(action="rapprove", id=change.id))])
    await _tell(
        session, bot, [p.id for p in await people_with_role(session, mentorship.organization_id, role)], text, markup
    )


@approvers.callback_query(ChangeCb.filter(F.action == "rapprove"))
async def replace_approve_start(
    query: CallbackQuery,
    callback_data: ChangeCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    change = await repo.change_in_organization(session, person.organization_id, callback_data.id)
    if change is None or change.kind != "replace" or change.status != "agreed":
        await query.answer(t("chg-closed"), show_alert=True)
        return
    await state.set_state(ReplaceDecision.number)
    await state.set_data({"change": change.id})
    await query.answer()
    await bot.send_message(query.from_user.id, t("pair-ask-number"))


@approvers.message(ReplaceDecision.number, F.text, ~F.text.startswith("/"))
async def replace_number(message: Message, t: Texts, state: FSMContext, tz: ZoneInfo) -> None:
    try:
        number = clean_text(message.text, max_len=32)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    await state.update_data(number=number)
    await state.set_state(ReplaceDecision.date)
    today = datetime.now(tz).date()
    await message.answer(
        t("pair-ask-date"),
        reply_markup=keyboard([button(t("pair-today", date=format_date(today)), ChangeCb(action="rtoday"))]),
    )


@approvers.callback_query(ChangeCb.filter(F.action == "rtoday"), ReplaceDecision.date)
async def replace_today(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    await query.answer()
    await _replace(query.from_user.id, actor.today, session, t, actor, state, bot)


@approvers.message(ReplaceDecision.date, F.text, ~F.text.startswith("/"))
async def replace_date(
    message: Message, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    try:
        on = parse_date(message.text)
    except InputError as error:
        await message.answer(input_error_text(t, error))
        return
    await _replace(message.chat.id, on, session, t, actor, state, bot)


async def _replace(
    chat_id: int,
    on: date,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        outcome = await approve_replacement(session, actor, int(data.get("change", 0)), data["number"], on)
    except Refused as refusal:
        await bot.send_message(chat_id, t(refusal.key, **refusal.params))
        return
    replaced = outcome.value
    await bot.send_message(chat_id, t("chg-replaced", number=replaced.number, date=format_date(replaced.on)))
    await bot.send_document(chat_id, BufferedInputFile(replaced.document.content, filename=replaced.document.filename))
    await deliver(bot, session, t, outcome.notices)
