"""The personalized programme (3.6): the mentor writes the goal and the activities (kinds of 3.6, dates
within the mentorship, expected results) within 10 days of the order and sends it to the mentee(s), who
may propose activities (5.1) and acknowledge it. The curator sees it; everybody gets it as DOCX."""

from datetime import UTC, date, datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Organization, Person, Programme, ProgrammeItemComment
from db.repositories import mentorships as mentorships_repo
from db.repositories import programmes as repo
from db.repositories.audit import record_event
from db.repositories.people import people_with_role
from documents.programme_docx import ProgrammeDocument, ProgrammeRow, programme_docx
from domain.dates import format_date
from domain.programme import (
    ActivityKind,
    ItemStatus,
    MeetingFormat,
    ProgrammeStatus,
    accepted_share,
    check_activity_date,
    is_short,
    missing_for_submission,
    programme_due,
)
from domain.roles import Role
from domain.rules import OrgRules
from domain.validation import InputError, clean_text
from handlers.callbacks import ChangeCb, MenuCb, ProgCb
from handlers.filters import IsLinked
from handlers.forms import TextForm, date_field, input_error_text, text_field
from handlers.keyboards import button, choice_rows, chosen, keyboard
from handlers.menu import back_to_menu, show_in_place
from handlers.notify import notify
from locales import Html, Texts

router = Router(name="programme")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())


class GoalForm(StatesGroup):
    text = State()


class ActivityForm(StatesGroup):
    filling = State()


def _part(person: Person, mentorship: Mentorship) -> str | None:
    if person.id == mentorship.mentor_id:
        return "mentor"
    if any(m.mentee_id == person.id for m in mentorship.members):
        return "mentee"
    if Role.CURATOR in person.role_set:
        return "curator"
    return None


async def _load(
    query: CallbackQuery | Message, session: AsyncSession, t: Texts, person: Person, mentorship_id: int, *parts: str
) -> tuple[Mentorship, Programme, str] | None:
    """The mentorship if the person takes part in it in one of `parts`; refused and logged otherwise."""
    mentorship = await mentorships_repo.get_in_organization(session, person.organization_id, mentorship_id)
    part = _part(person, mentorship) if mentorship and mentorship.status == "approved" else None
    if mentorship is None or part is None or part not in parts:
        await record_event(
            session,
            "access_denied",
            organization_id=person.organization_id,
            actor_person_id=person.id,
            data=query.data if isinstance(query, CallbackQuery) else "programme",
            reason="programme",
        )
        await session.commit()
        if isinstance(query, CallbackQuery):
            await query.answer(t("denied"), show_alert=True)
        else:
            await query.answer(t("denied"))
        return None
    return mentorship, await repo.programme_of(session, mentorship), part


# -- lists and the programme screen ---------------------------------------------------------------------------
@router.callback_query(MenuCb.filter(F.action == "mentoring"))
async def my_mentorships(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    rows = []
    for mentorship in await repo.mentorships_of(session, person.id):
        mentor = await session.get(Person, mentorship.mentor_id)
        part = _part(person, mentorship)
        rows.append(
            [
                button(
                    t(
                        f"mentoring-item-{part}",
                        mentor=mentor.full_name if mentor else "",
                        count=len(mentorship.members),
                    ),
                    ProgCb(action="view", id=mentorship.id),
                )
            ]
        )
    await query.answer()
    await show_in_place(query, t("mentoring-list") if rows else t("mentoring-none"), keyboard(*rows, back_to_menu(t)))


async def _screen(
    session: AsyncSession,
    t: Texts,
    person: Person,
    mentorship: Mentorship,
    programme: Programme,
    part: str,
    rules: OrgRules,
) -> tuple[str, InlineKeyboardMarkup]:
    assert mentorship.order_date and mentorship.start_date and mentorship.end_date
    kinds = {k.value: t(f"kind-{k}") for k in ActivityKind}
    lines = [
        t(
            "prog-item",
            number=n,
            kind=kinds[item.kind],
            title=item.title,
            due=format_date(item.due_date),
            expected=item.expected_result,
            proposed="yes" if item.proposed_by_id != mentorship.mentor_id else "no",
            mark=t(f"item-mark-{item.status}"),
        )
        + "".join("\n" + t("prog-comment", text=c.text) for c in item.comments[-2:])
        for n, item in enumerate(programme.items, start=1)
    ]
    acknowledged = await repo.acknowledged_by(session, programme.id)
    notes = []
    if programme.status == ProgrammeStatus.DRAFT:
        notes.append(t("prog-due", due=format_date(programme_due(mentorship.order_date, rules))))
    if is_short(mentorship.start_date, mentorship.end_date, rules):
        notes.append(t("prog-short"))
    if programme.status != ProgrammeStatus.DRAFT:
        done, total = accepted_share([item.status for item in programme.items])
        notes.append(t("prog-progress", done=done, total=total))
    text = t(
        "prog-screen",
        status=t(f"prog-status-{programme.status}"),
        goal=programme.goal or t("prog-no-goal"),
        items=Html("\n".join(lines) or t("prog-no-items")),
        notes=Html("\n".join(notes)),
        start=format_date(mentorship.start_date),
        end=format_date(mentorship.end_date),
    )
    cb = lambda action: ProgCb(action=action, id=mentorship.id)  # noqa: E731
    rows = []
    if part == "mentor" and programme.status == ProgrammeStatus.DRAFT:
        rows += [
            [button(t("prog-set-goal"), cb("goal")), button(t("prog-add"), cb("add"))],
            [button(t("prog-submit"), cb("submit"))],
        ]
    if part == "mentee":
        if programme.status != ProgrammeStatus.DRAFT:
            rows.append([button(t("prog-mark-done"), cb("done"))])
        rows.append([button(t("prog-propose"), cb("add"))])
        if programme.status != ProgrammeStatus.DRAFT and person.id not in acknowledged:
            rows.append([button(t("prog-ack"), cb("ack"))])
    if part in ("mentor", "mentee"):
        if programme.items:
            rows.append([button(t("prog-comment-button"), cb("comment"))])
        rows.append(
            [
                button(t("prog-meetings"), cb("meetings")),
                button(t("chg-open"), ChangeCb(action="menu", id=mentorship.id)),
            ]
        )
    rows.append([button(t("prog-docx"), cb("docx"))])
    rows.append([button(t("nav-back"), MenuCb(action="mentoring"))])
    return text, keyboard(*rows)


@router.callback_query(ProgCb.filter(F.action == "view"))
async def view(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    rules: OrgRules,
    state: FSMContext,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee", "curator")
    if loaded is None:
        return
    await state.clear()
    await session.commit()
    await query.answer()
    await show_in_place(query, *await _screen(session, t, person, *loaded, rules))


# -- the goal (mentor) --------------------------------------------------------------------------------------
@router.callback_query(ProgCb.filter(F.action == "goal"))
async def goal_start(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor")
    if loaded is None:
        return
    await state.set_state(GoalForm.text)
    await state.set_data({"mentorship": callback_data.id})
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("prog-ask-goal"),
        reply_markup=keyboard([button(t("form-cancel"), ProgCb(action="view", id=callback_data.id))]),
    )


@router.message(GoalForm.text, F.text, ~F.text.startswith("/"))
async def goal_typed(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, rules: OrgRules
) -> None:
    loaded = await _load(message, session, t, person, int((await state.get_data()).get("mentorship", 0)), "mentor")
    if loaded is None:
        await state.clear()
        return
    mentorship, programme, part = loaded
    if programme.status != ProgrammeStatus.DRAFT:
        await state.clear()
        await message.answer(t("prog-not-draft"))
        return
    try:
        programme.goal = clean_text(message.text, min_len=10, max_len=1000)
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    await session.commit()
    await state.clear()
    await message.answer(
        *(await _screen(session, t, person, mentorship, programme, part, rules))[:1],
        reply_markup=(await _screen(session, t, person, mentorship, programme, part, rules))[1],
    )


@router.message(GoalForm.text, ~F.text)
async def goal_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


# -- activities (mentor adds, mentee proposes) ----------------------------------------------------------------
async def _save_activity(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    rules: OrgRules,
    **_: Any,
) -> None:
    loaded = await _load(query, session, t, person, int(extra["mentorship"]), "mentor", "mentee")
    if loaded is None:
        await state.clear()
        return
    mentorship, programme, part = loaded
    if part == "mentor" and programme.status != ProgrammeStatus.DRAFT:
        await state.clear()
        await query.answer(t("prog-not-draft"), show_alert=True)
        return
    assert mentorship.start_date and mentorship.end_date
    try:
        due = check_activity_date(date.fromisoformat(values["due"]), mentorship.start_date, mentorship.end_date)
    except InputError as error:
        await query.answer()
        await activity_form.reopen(bot, query.from_user.id, state, t, "due", input_error_text(t, error))
        return
    item = await repo.add_item(
        session, programme, ActivityKind(extra["kind"]), values["title"], due, values["expected"], person.id
    )
    await mentorships_repo.record(
        session, mentorship, person.id, f"item_added_by_{part}", mentorship.status, mentorship.status, item=item.id
    )
    await session.commit()
    await state.clear()
    text, markup = await _screen(session, t, person, mentorship, programme, part, rules)  # before replying
    await query.answer(t("prog-added-short"))
    await bot.send_message(query.from_user.id, t(f"prog-added-{part}"))
    await bot.send_message(query.from_user.id, text, reply_markup=markup)
    if part == "mentee":
        mentor = await session.get(Person, mentorship.mentor_id)
        if mentor and mentor.telegram_user_id:
            await notify(
                bot,
                mentor.telegram_user_id,
                t("prog-proposed-to-mentor", name=person.full_name, title=values["title"]),
                keyboard([button(t("prog-open"), ProgCb(action="view", id=mentorship.id))]),
            )


async def _activity_cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(query.from_user.id, t("cancelled"))


activity_form = TextForm(
    "activity",
    ActivityForm.filling,
    [
        text_field("title", "field-activity", "prompt-activity", max_len=300),
        date_field("due", "field-activity-due", "prompt-activity-due"),
        text_field("expected", "field-activity-result", "prompt-activity-result", max_len=500),
    ],
    title="prog-activity-title",
    on_submit=_save_activity,
    on_cancel=_activity_cancelled,
)
activity_form.register(router)


@router.callback_query(ProgCb.filter(F.action == "add"))
async def add_start(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    if loaded is None:
        return
    _, programme, part = loaded
    if part == "mentor" and programme.status != ProgrammeStatus.DRAFT:
        await query.answer(t("prog-not-draft"), show_alert=True)
        return
    rows = choice_rows(t, ActivityKind, "kind", lambda i: ProgCb(action="kind", id=callback_data.id, v=i))
    rows.append([button(t("form-cancel"), ProgCb(action="view", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("prog-choose-kind"), keyboard(*rows))


@router.callback_query(ProgCb.filter(F.action == "kind"))
async def kind_chosen(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    kind = chosen(ActivityKind, callback_data.v)
    if loaded is None:
        return
    if kind is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await activity_form.start(bot, query.from_user.id, state, t, mentorship=callback_data.id, kind=kind.value)


# -- submit (mentor) and acknowledge (mentee) --------------------------------------------------------------------
@router.callback_query(ProgCb.filter(F.action == "submit"))
async def submit(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor")
    if loaded is None:
        return
    mentorship, programme, part = loaded
    missing = missing_for_submission(programme.goal, len(programme.items))
    if missing:
        await query.answer(t("prog-missing", what=", ".join(t(f"prog-missing-{m}") for m in missing)), show_alert=True)
        return
    if not await repo.submit(session, programme, mentorship, person.id):
        await query.answer(t("prog-not-draft"), show_alert=True)
        return
    await session.commit()
    await query.answer(t("prog-submitted-short"))
    await show_in_place(query, *await _screen(session, t, person, mentorship, programme, part, rules))
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        if mentee and mentee.telegram_user_id:
            await notify(
                bot,
                mentee.telegram_user_id,
                t("prog-to-mentee", mentor=person.full_name),
                keyboard([button(t("prog-open"), ProgCb(action="view", id=mentorship.id))]),
            )


@router.callback_query(ProgCb.filter(F.action == "ack"))
async def acknowledge(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentee")
    if loaded is None:
        return
    mentorship, programme, part = loaded
    if programme.status == ProgrammeStatus.DRAFT or person.id in await repo.acknowledged_by(session, programme.id):
        await query.answer(t("prog-ack-not-now"), show_alert=True)
        return
    everybody = await repo.acknowledge(session, programme, mentorship, person.id)
    await session.commit()
    await query.answer(t("prog-ack-short"))
    await show_in_place(query, *await _screen(session, t, person, mentorship, programme, part, rules))
    if everybody:
        recipients = [mentorship.mentor_id] + [
            c.id for c in await people_with_role(session, mentorship.organization_id, Role.CURATOR)
        ]
        for recipient_id in recipients:
            recipient = await session.get(Person, recipient_id)
            if recipient and recipient.telegram_user_id:
                await notify(bot, recipient.telegram_user_id, t("prog-acknowledged"))


# -- DOCX ---------------------------------------------------------------------------------------------------
@router.callback_query(ProgCb.filter(F.action == "docx"))
async def docx(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee", "curator")
    if loaded is None:
        return
    mentorship, programme, _ = loaded
    assert mentorship.start_date and mentorship.end_date and mentorship.order_date
    mentor = await session.get(Person, mentorship.mentor_id)
    mentees = [p for p in [await session.get(Person, m.mentee_id) for m in mentorship.members] if p]
    acknowledged = await repo.acknowledged_by(session, programme.id)
    content = programme_docx(
        ProgrammeDocument(
            school=organization.name,
            mentor=f"{mentor.full_name}, {mentor.position or ''}".rstrip(", ") if mentor else "",
            mentees=[m.full_name for m in mentees],
            form=t.plain(f"form-{mentorship.form}"),
            start=mentorship.start_date,
            end=mentorship.end_date,
            order=t.plain("prog-order", number=mentorship.order_number or "", date=format_date(mentorship.order_date)),
            goal=programme.goal or "",
            rows=[
                ProgrammeRow(
                    t.plain(f"kind-{i.kind}"),
                    i.title,
                    i.due_date,
                    i.expected_result,
                    i.proposed_by_id != mentorship.mentor_id,
                )
                for i in programme.items
            ],
            acknowledged=[m.full_name for m in mentees if m.id in acknowledged],
        )
    )
    await query.answer()
    await bot.send_document(query.from_user.id, BufferedInputFile(content, filename="Программа_наставничества.docx"))


# -- doing it: the mentee reports an activity done (5.2), the mentor checks it (4.1) ----------------------------
class ItemDone(StatesGroup):
    report = State()


@router.callback_query(ProgCb.filter(F.action == "done"))
async def done_choose(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentee")
    if loaded is None:
        return
    _, programme, _ = loaded
    open_items = [
        (n, i) for n, i in enumerate(programme.items, start=1) if i.status in (ItemStatus.PLANNED, ItemStatus.RETURNED)
    ]
    if programme.status == ProgrammeStatus.DRAFT or not open_items:
        await query.answer(t("prog-nothing-to-mark"), show_alert=True)
        return
    rows = [
        [button(f"{n}. {item.title[:50]}", ProgCb(action="doneitem", id=callback_data.id, v=item.id))]
        for n, item in open_items
    ]
    rows.append([button(t("nav-back"), ProgCb(action="view", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("prog-choose-done"), keyboard(*rows))


def _item(programme: Programme, item_id: int):  # type: ignore[no-untyped-def]
    return next((i for i in programme.items if i.id == item_id), None)


@router.callback_query(ProgCb.filter(F.action == "doneitem"))
async def done_item(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentee")
    if loaded is None:
        return
    item = _item(loaded[1], callback_data.v)
    if item is None or item.status not in (ItemStatus.PLANNED, ItemStatus.RETURNED):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.set_state(ItemDone.report)
    await state.set_data({"mentorship": callback_data.id, "item": item.id})
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("prog-ask-report", title=item.title),
        reply_markup=keyboard([button(t("form-cancel"), ProgCb(action="view", id=callback_data.id))]),
    )


@router.message(ItemDone.report, ~F.text.startswith("/"))
async def done_report(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot, rules: OrgRules
) -> None:
    data = await state.get_data()
    loaded = await _load(message, session, t, person, int(data.get("mentorship", 0)), "mentee")
    if loaded is None:
        await state.clear()
        return
    mentorship, programme, part = loaded
    item = _item(programme, int(data.get("item", 0)))
    if item is None or item.status not in (ItemStatus.PLANNED, ItemStatus.RETURNED):
        await state.clear()
        await message.answer(t("q-stale"))
        return
    upload = message.document or (message.photo[-1] if message.photo else None)
    try:
        comment = (
            clean_text(message.text or message.caption, min_len=3, max_len=1000)
            if (message.text or message.caption or not upload)
            else None
        )
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    if not comment and not upload:
        await message.answer(t("prog-report-need"))
        return
    item.status = ItemStatus.DONE.value
    item.done_at = datetime.now(UTC)
    item.done_comment = comment
    item.done_file_id = upload.file_id if upload else None
    item.done_file_name = (message.document.file_name if message.document else "фото") if upload else None
    await mentorships_repo.record(
        session, mentorship, person.id, "item_done", mentorship.status, mentorship.status, item=item.id
    )
    await session.commit()
    await state.clear()
    text, markup = await _screen(session, t, person, mentorship, programme, part, rules)  # before replying
    await message.answer(t("prog-reported"))
    await message.answer(text, reply_markup=markup)
    mentor = await session.get(Person, mentorship.mentor_id)
    if mentor and mentor.telegram_user_id:
        cb = lambda action: ProgCb(action=action, id=mentorship.id, v=item.id)  # noqa: E731
        rows = [[button(t("prog-accept"), cb("accept")), button(t("prog-return-item"), cb("returnitem"))]]
        if item.done_file_id:
            rows.insert(0, [button(t("prog-get-file"), cb("file"))])
        await notify(
            bot,
            mentor.telegram_user_id,
            t("prog-done-to-mentor", name=person.full_name, title=item.title, comment=comment or "—"),
            keyboard(*rows),
        )


@router.callback_query(ProgCb.filter(F.action.in_({"accept", "returnitem", "file"})))
async def check_item(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor")
    if loaded is None:
        return
    mentorship, programme, _ = loaded
    item = _item(programme, callback_data.v)
    if item is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    if callback_data.action == "file":
        await query.answer()
        if item.done_file_id:
            await bot.send_document(query.from_user.id, item.done_file_id, caption=item.title)
        return
    if item.status != ItemStatus.DONE:
        await query.answer(t("prog-already-checked"), show_alert=True)
        return
    accepted = callback_data.action == "accept"
    item.status = (ItemStatus.ACCEPTED if accepted else ItemStatus.RETURNED).value
    item.checked_at = datetime.now(UTC)
    item.checked_by_id = person.id
    await mentorships_repo.record(
        session,
        mentorship,
        person.id,
        "item_accepted" if accepted else "item_returned",
        mentorship.status,
        mentorship.status,
        item=item.id,
    )
    await session.commit()
    await query.answer(t("prog-checked-short"))
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        if mentee and mentee.telegram_user_id:
            await notify(
                bot,
                mentee.telegram_user_id,
                t("prog-item-accepted" if accepted else "prog-item-returned", title=item.title),
                keyboard([button(t("prog-open"), ProgCb(action="view", id=mentorship.id))]),
            )


# -- meetings (every form, including situational, speed and virtual ones) ------------------------------------
class MeetingForm(StatesGroup):
    filling = State()


@router.callback_query(ProgCb.filter(F.action == "meetings"))
async def meetings(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    if loaded is None:
        return
    rows = await mentorships_repo.meetings(session, callback_data.id)
    lines = [
        t("meeting-line", date=format_date(m.held_on), format=t(f"meeting-{m.format}"), topic=m.topic) for m in rows
    ]
    buttons = choice_rows(t, MeetingFormat, "meeting", lambda i: ProgCb(action="mfmt", id=callback_data.id, v=i))
    await query.answer()
    await show_in_place(
        query,
        t("meetings", lines=Html("\n".join(lines) or t("meetings-none"))),
        keyboard(*buttons, [button(t("nav-back"), ProgCb(action="view", id=callback_data.id))]),
    )


async def _save_meeting(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    **_: Any,
) -> None:
    loaded = await _load(query, session, t, person, int(extra["mentorship"]), "mentor", "mentee")
    await state.clear()
    if loaded is None:
        return
    mentorship = loaded[0]
    await mentorships_repo.add_meeting(
        session, mentorship, date.fromisoformat(values["held_on"]), extra["format"], values["topic"], person.id
    )
    await session.commit()
    await query.answer(t("prog-added-short"))
    await bot.send_message(
        query.from_user.id,
        t("meeting-saved"),
        reply_markup=keyboard([button(t("prog-meetings"), ProgCb(action="meetings", id=mentorship.id))]),
    )


meeting_form = TextForm(
    "meeting",
    MeetingForm.filling,
    [
        date_field("held_on", "field-meeting-date", "prompt-meeting-date"),
        text_field("topic", "field-meeting-topic", "prompt-meeting-topic", max_len=500),
    ],
    title="meeting-title",
    on_submit=_save_meeting,
    on_cancel=_activity_cancelled,
)
meeting_form.register(router)


@router.callback_query(ProgCb.filter(F.action == "mfmt"))
async def meeting_start(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    meeting_format = chosen(MeetingFormat, callback_data.v)
    if loaded is None:
        return
    if meeting_format is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await meeting_form.start(
        bot, query.from_user.id, state, t, mentorship=callback_data.id, format=meeting_format.value
    )


# -- comments on activities (5.1: the mentee takes part in composing the programme) ---------------------------
class ItemComment(StatesGroup):
    text = State()


@router.callback_query(ProgCb.filter(F.action == "comment"))
async def comment_choose(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    if loaded is None:
        return
    rows = [
        [button(f"{n}. {item.title[:50]}", ProgCb(action="commentitem", id=callback_data.id, v=item.id))]
        for n, item in enumerate(loaded[1].items, start=1)
    ]
    rows.append([button(t("nav-back"), ProgCb(action="view", id=callback_data.id))])
    await query.answer()
    await show_in_place(query, t("prog-comment-which"), keyboard(*rows))


@router.callback_query(ProgCb.filter(F.action == "commentitem"))
async def comment_start(
    query: CallbackQuery,
    callback_data: ProgCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    loaded = await _load(query, session, t, person, callback_data.id, "mentor", "mentee")
    if loaded is None:
        return
    item = _item(loaded[1], callback_data.v)
    if item is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await state.set_state(ItemComment.text)
    await state.set_data({"mentorship": callback_data.id, "item": item.id})
    await query.answer()
    await bot.send_message(query.from_user.id, t("prog-comment-ask", title=item.title))


@router.message(ItemComment.text, F.text, ~F.text.startswith("/"))
async def comment_typed(
    message: Message, session: AsyncSession, t: Texts, person: Person, state: FSMContext, bot: Bot, rules: OrgRules
) -> None:
    data = await state.get_data()
    loaded = await _load(message, session, t, person, int(data.get("mentorship", 0)), "mentor", "mentee")
    if loaded is None:
        await state.clear()
        return
    mentorship, programme, part = loaded
    item = _item(programme, int(data.get("item", 0)))
    try:
        text = clean_text(message.text, min_len=3, max_len=900)
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    if item is None:
        await state.clear()
        await message.answer(t("q-stale"))
        return
    item.comments.append(
        ProgrammeItemComment(
            organization_id=item.organization_id,
            item_id=item.id,
            author_id=person.id,
            text=f"{person.full_name}: {text}",
        )
    )
    await mentorships_repo.record(
        session, mentorship, person.id, "item_commented", mentorship.status, mentorship.status, item=item.id
    )
    await session.commit()
    await state.clear()
    screen_text, markup = await _screen(session, t, person, mentorship, programme, part, rules)
    await message.answer(screen_text, reply_markup=markup)
    others = [p for p in [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)] if p != person.id]
    for other_id in others:
        other = await session.get(Person, other_id)
        if other and other.telegram_user_id:
            await notify(
                bot,
                other.telegram_user_id,
                t("prog-commented", name=person.full_name, title=item.title, text=text),
                keyboard([button(t("prog-open"), ProgCb(action="view", id=mentorship.id))]),
            )


@router.message(ItemComment.text, ~F.text)
async def comment_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))
