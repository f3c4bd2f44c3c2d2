"""Staff: the list (searchable by typing a name), the archive and cards (curator, director, council); adding,
editing and archiving people, roles, invite links and uploading a staff list (curator only). The rules live in
services/staff.py; this module parses, calls and renders."""

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import people as people_repo
from documents.spreadsheets import MAX_UPLOAD_BYTES, SUPPORTED, UnreadableFile, read_rows, staff_template
from domain.dates import format_date
from domain.invites import deep_link
from domain.roles import CURATOR_GRANTABLE, Role
from domain.staff_import import validate_staff_table
from domain.validation import (
    InputError,
    clean_full_name,
    clean_position,
    clean_subjects,
    parse_experience_years,
)
from handlers.callbacks import MenuCb, StaffArchive, StaffCb, StaffEditCb, StaffList
from handlers.filters import HasRole
from handlers.forms import FormField, TextForm, date_field, input_error_text
from handlers.keyboards import button, keyboard, pager_row
from handlers.links import bot_username
from handlers.notifier import deliver
from handlers.prompts import send_prompt
from handlers.steps.screens import back_to_menu, role_names, send_main_menu, show_in_place
from locales import Html, Texts
from services import staff as service
from services.outcome import Actor, Refused

PAGE_SIZE = 8
SEARCH_LIMIT = 10
MESSAGE_BUDGET = 3500  # Telegram allows 4096 characters; leave room for the header

viewers = Router(name="staff_view")
viewers.message.filter(HasRole(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL))
viewers.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL))

admin = Router(name="staff_admin")
admin.message.filter(HasRole(Role.CURATOR))
admin.callback_query.filter(HasRole(Role.CURATOR))

router = Router(name="staff")
router.include_routers(admin, viewers)


class StaffForm(StatesGroup):
    filling = State()
    upload = State()
    editing = State()


# The fields of a staff card, in the order of the add form and of the edit screen (people_repo.EDITABLE).
FIELDS: tuple[FormField, ...] = (
    FormField("full_name", "field-full-name", "prompt-staff-full-name", clean_full_name),
    FormField("position", "field-position", "prompt-position", clean_position),
    FormField("subjects", "field-subjects", "prompt-subjects", clean_subjects, optional=True),
    date_field("work_start_date", "field-start", "prompt-start", optional=True),
    FormField("experience_years", "field-experience", "prompt-experience", parse_experience_years, optional=True),
)
assert tuple(f.key for f in FIELDS) == people_repo.EDITABLE


def _shown(person: Person, key: str) -> str | None:
    value = getattr(person, key)
    if isinstance(value, date):
        return format_date(value)
    return None if value is None else str(value)


async def _refused(query: CallbackQuery, t: Texts, refusal: Refused) -> None:
    await query.answer(t(refusal.key, **refusal.params), show_alert=True)


# -- list, search and card (viewers) ----------------------------------------------------------------------------
def _person_button(person: Person, page: int) -> list[InlineKeyboardButton]:
    mark = "🗄" if not person.is_active else "✅" if person.telegram_user_id else "⏳"
    return [button(f"{mark} {person.full_name}", StaffCb(action="card", person_id=person.id, page=page))]


async def _list_screen(
    session: AsyncSession, t: Texts, person: Person, page: int, *, archived: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    org = person.organization_id
    total = await people_repo.count_people(session, org, archived=archived)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    people = await people_repo.list_people(session, org, offset=page * PAGE_SIZE, limit=PAGE_SIZE, archived=archived)
    rows = [_person_button(p, page) for p in people]
    rows.append(pager_row(page, pages, StaffArchive if archived else StaffList))
    if archived:
        rows.append([button(t("staff-back-to-staff"), StaffList(page=0))])
        return t("staff-archive-list", count=total, page=page + 1, pages=pages), keyboard(*rows, back_to_menu(t))
    if Role.CURATOR in person.role_set:
        rows.append(
            [button(t("staff-add"), StaffCb(action="add")), button(t("staff-upload"), StaffCb(action="upload"))]
        )
    in_archive = await people_repo.count_people(session, org, archived=True)
    if in_archive:
        rows.append([button(t("staff-archive-open", count=in_archive), StaffArchive(page=0))])
    rows.append(back_to_menu(t))
    return t("staff-list", count=total, page=page + 1, pages=pages), keyboard(*rows)


def _card(t: Texts, viewer: Person, target: Person, page: int) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "staff-card",
        name=target.full_name,
        archived="no" if target.is_active else "yes",
        position=target.position,
        subjects=target.subjects,
        start=target.work_start_date,
        experience=target.experience_years if target.experience_years is not None else "—",
        roles=role_names(t, target.role_set),
        linked="yes" if target.telegram_user_id else "no",
    )
    rows: list[list[InlineKeyboardButton]] = []
    if Role.CURATOR in viewer.role_set:
        card = lambda action: StaffCb(action=action, person_id=target.id, page=page)  # noqa: E731
        if target.is_active:
            rows.extend(
                [
                    button(
                        ("✅ " if role in target.role_set else "▫️ ") + t(f"role-{role}"),
                        StaffCb(action="role", person_id=target.id, page=page, role=role.value),
                    )
                ]
                for role in CURATOR_GRANTABLE
            )
            rows.append([button(t("staff-edit"), card("edit")), button(t("staff-invite"), card("invite"))])
            if target.id != viewer.id:
                rows.append([button(t("staff-archive"), card("archive"))])
        else:
            rows.append([button(t("staff-restore"), card("restore"))])
    back = StaffList(page=page) if target.is_active else StaffArchive(page=page)
    rows.append([button(t("staff-back-to-list"), back)])
    return text, keyboard(*rows)


@viewers.message(Command("staff"))
async def staff_command(message: Message, session: AsyncSession, t: Texts, person: Person) -> None:
    text, markup = await _list_screen(session, t, person, 0)
    await message.answer(text, reply_markup=markup)


@viewers.callback_query(MenuCb.filter(F.action == "staff"))
@viewers.callback_query(StaffList.filter())
@viewers.callback_query(StaffArchive.filter())
async def staff_list(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    callback_data: CallbackData,
) -> None:
    await state.clear()
    page = callback_data.page if isinstance(callback_data, StaffList | StaffArchive) else 0
    await query.answer()
    text, markup = await _list_screen(session, t, person, page, archived=isinstance(callback_data, StaffArchive))
    await show_in_place(query, text, markup)


@viewers.message(StateFilter(None), F.text, ~F.text.startswith("/"))
async def search(message: Message, session: AsyncSession, t: Texts, person: Person) -> None:
    """A name typed anywhere outside a form: the staff list filtered by it (85 people are 11 pages)."""
    query = " ".join("".join(ch for ch in message.text or "" if ch.isprintable()).split())[:100]
    if sum(ch.isalpha() for ch in query) < 2:
        await message.answer(t("staff-search-short"), reply_markup=keyboard(back_to_menu(t)))
        return
    org = person.organization_id
    total = await people_repo.count_people(session, org, search=query)
    archived = await people_repo.list_people(session, org, offset=0, limit=SEARCH_LIMIT, archived=True, search=query)
    if not total and not archived:
        await message.answer(
            t("staff-search-none", query=query), reply_markup=keyboard([button(t("menu-staff"), StaffList(page=0))])
        )
        return
    found = await people_repo.list_people(session, org, offset=0, limit=SEARCH_LIMIT, search=query)
    shown = (found + archived)[:SEARCH_LIMIT]
    count = total + len(archived)
    rows = [_person_button(p, 0) for p in shown]
    rows.append([button(t("menu-staff"), StaffList(page=0))])
    text = t(
        "staff-search-found", query=query, count=count, more="yes" if count > len(shown) else "no", shown=len(shown)
    )
    await message.answer(text, reply_markup=keyboard(*rows, back_to_menu(t)))


async def _target(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, person_id: int
) -> Person | None:
    target = await people_repo.get_in_organization(session, person.organization_id, person_id)
    if target is None or target.anonymized_at is not None:
        await query.answer(t("staff-not-found"), show_alert=True)
        return None
    return target


@viewers.callback_query(StaffCb.filter(F.action == "card"))
async def staff_card(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, person: Person, state: FSMContext
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await state.clear()
    await query.answer()
    text, markup = _card(t, person, target, callback_data.page)
    await show_in_place(query, text, markup)


# -- roles and invites (curator) ------------------------------------------------------------------------------
@admin.callback_query(StaffCb.filter(F.action == "role"))
async def toggle_role(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await service.toggle_role(session, actor, callback_data.person_id, callback_data.role)
    except Refused as refusal:
        await _refused(query, t, refusal)
        return
    change = outcome.value
    role = t(f"role-{change.role}")
    await query.answer(t("staff-role-granted" if change.granted else "staff-role-removed", role=role))
    text, markup = _card(t, actor.person, change.person, callback_data.page)
    await show_in_place(query, text, markup)
    await deliver(bot, session, t, outcome.notices)


async def _send_invite(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, bot: Bot, person_id: int
) -> None:
    try:
        outcome = await service.issue_invite(session, actor, person_id)
    except Refused as refusal:
        await _refused(query, t, refusal)
        return
    await query.answer()
    invited = outcome.value
    await bot.send_message(
        query.from_user.id,
        t(
            "staff-invite-link",
            name=invited.person.full_name,
            link=deep_link(await bot_username(bot), invited.code),
            code=invited.code,
            expires=invited.expires,
            days=invited.ttl_days,
        ),
    )


@admin.callback_query(StaffCb.filter(F.action == "invite"))
async def invite(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    target = await _target(query, session, t, actor.person, callback_data.person_id)
    if target is None:
        return
    if target.telegram_user_id and target.is_active:
        # Already linked: a new link would let another account take this record over. Ask first.
        await query.answer()
        card = lambda action: StaffCb(action=action, person_id=target.id, page=callback_data.page)  # noqa: E731
        await show_in_place(
            query,
            t("staff-invite-relink", name=target.full_name),
            keyboard([button(t("staff-invite-relink-yes"), card("invite_yes"))], [button(t("nav-back"), card("card"))]),
        )
        return
    await _send_invite(query, session, t, actor, bot, target.id)


@admin.callback_query(StaffCb.filter(F.action == "invite_yes"))
async def invite_confirmed(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    await _send_invite(query, session, t, actor, bot, callback_data.person_id)


# -- editing one field (curator) --------------------------------------------------------------------------------
@admin.callback_query(StaffCb.filter(F.action == "edit"))
async def edit_choose(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, person: Person, state: FSMContext
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await state.clear()
    await query.answer()
    rows = [
        [
            button(
                t("staff-edit-field", field=t(field.label), value=_shown(target, field.key)),
                StaffEditCb(person_id=target.id, field=index, page=callback_data.page),
            )
        ]
        for index, field in enumerate(FIELDS)
    ]
    rows.append([button(t("nav-back"), StaffCb(action="card", person_id=target.id, page=callback_data.page))])
    await show_in_place(query, t("staff-edit-choose", name=target.full_name), keyboard(*rows))


@admin.callback_query(StaffEditCb.filter())
async def edit_field(
    query: CallbackQuery,
    callback_data: StaffEditCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    bot: Bot,
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    if not 0 <= callback_data.field < len(FIELDS):
        await query.answer(t("button-stale"), show_alert=True)
        return
    field = FIELDS[callback_data.field]
    await query.answer()
    await state.set_state(StaffForm.editing)
    await state.set_data({"person_id": target.id, "field": callback_data.field, "page": callback_data.page})
    text = t(
        "staff-edit-prompt",
        name=target.full_name,
        field=t(field.label),
        value=_shown(target, field.key),
        prompt=t(field.prompt),
    )
    cancel = StaffCb(action="card", person_id=target.id, page=callback_data.page)
    await send_prompt(bot, query.from_user.id, state, text, keyboard([button(t("nav-cancel"), cancel)]))


@admin.message(StaffForm.editing, F.text, ~F.text.startswith("/"))
async def edit_value(
    message: Message, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext, bot: Bot
) -> None:
    data = await state.get_data()
    field = FIELDS[int(data["field"])]
    try:
        value: Any = field.parse(message.text or "")
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    if field.key == "work_start_date":
        value = date.fromisoformat(value)
    try:
        outcome = await service.edit_person(session, actor, int(data["person_id"]), field.key, value)
    except Refused as refusal:
        await message.answer(t(refusal.key, **refusal.params) + "\n\n" + t("form-try-again"))
        return
    await state.clear()
    await message.answer(t("staff-edited", field=field.key))
    text, markup = _card(t, actor.person, outcome.value.person, int(data.get("page", 0)))
    await message.answer(text, reply_markup=markup)
    await deliver(bot, session, t, outcome.notices)


@admin.message(StaffForm.editing, ~F.text)
async def edit_not_text(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


# -- archive (curator) --------------------------------------------------------------------------------------------
@admin.callback_query(StaffCb.filter(F.action == "archive"))
async def archive_confirm(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await query.answer()
    card = lambda action: StaffCb(action=action, person_id=target.id, page=callback_data.page)  # noqa: E731
    await show_in_place(
        query,
        t("staff-archive-confirm", name=target.full_name),
        keyboard([button(t("staff-archive-yes"), card("archive_yes"))], [button(t("nav-back"), card("card"))]),
    )


@admin.callback_query(StaffCb.filter(F.action.in_({"archive_yes", "restore"})))
async def archive_or_restore(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    use_case = service.archive_person if callback_data.action == "archive_yes" else service.restore_person
    try:
        outcome = await use_case(session, actor, callback_data.person_id)
    except Refused as refusal:
        await _refused(query, t, refusal)
        return
    target = outcome.value
    await query.answer()
    text, markup = _card(t, actor.person, target, callback_data.page)
    done = t("staff-archived" if callback_data.action == "archive_yes" else "staff-restored", name=target.full_name)
    await show_in_place(query, Html(f"{done}\n\n{text}"), markup)


# -- adding one person (curator) ----------------------------------------------------------------------------------
async def _save_person(
    query: CallbackQuery,
    values: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    actor: Actor,
    **_: Any,
) -> None:
    start = values.get("work_start_date")
    fields = people_repo.StaffFields(
        full_name=values["full_name"],
        position=values.get("position"),
        subjects=values.get("subjects"),
        work_start_date=date.fromisoformat(start) if start else None,
        experience_years=values.get("experience_years"),
    )
    try:
        outcome = await service.add_person(session, actor, fields)
    except Refused as refusal:
        if refusal.key.startswith("input-"):  # a start of work still to come (3.7): back to that step
            await query.answer()
            await add_form.reopen(
                bot, query.from_user.id, state, t, "work_start_date", t(refusal.key, **refusal.params)
            )
            return
        await _refused(query, t, refusal)
        return
    target = outcome.value
    await state.clear()
    await query.answer(t("staff-saved-short"))
    await bot.send_message(query.from_user.id, t("staff-saved", name=target.full_name))
    await _send_invite(query, session, t, actor, bot, target.id)
    text, markup = _card(t, actor.person, target, 0)
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


async def _add_cancelled(
    query: CallbackQuery, t: Texts, bot: Bot, person: Person, session: AsyncSession, actor: Actor, **_: Any
) -> None:
    await send_main_menu(bot, query.from_user.id, t, person, session=session, actor=actor)


add_form = TextForm(
    "staff", StaffForm.filling, FIELDS, title="staff-add-title", on_submit=_save_person, on_cancel=_add_cancelled
)
add_form.register(admin)


@admin.callback_query(StaffCb.filter(F.action == "add"))
async def add_person(query: CallbackQuery, state: FSMContext, t: Texts, bot: Bot) -> None:
    await query.answer()
    await add_form.start(bot, query.from_user.id, state, t)


# -- uploading a list (curator) -----------------------------------------------------------------------------------
def _upload_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t("staff-template"), StaffCb(action="template"))], [button(t("nav-cancel"), StaffList(page=0))]
    )


@admin.callback_query(StaffCb.filter(F.action == "upload"))
async def upload_start(query: CallbackQuery, state: FSMContext, t: Texts) -> None:
    await state.set_state(StaffForm.upload)
    await query.answer()
    await show_in_place(query, t("staff-upload-prompt"), _upload_keyboard(t))


@admin.callback_query(StaffCb.filter(F.action == "template"))
async def upload_template(query: CallbackQuery, t: Texts, bot: Bot) -> None:
    await query.answer()
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(staff_template(), filename="Сотрудники_образец.xlsx"),
        caption=t("staff-template-caption"),
    )


def _chunks(lines: Sequence[str], budget: int = MESSAGE_BUDGET) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        if current and len(current) + len(line) + 1 > budget:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


@admin.message(StaffForm.upload, F.document)
async def upload_file(
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    document = message.document
    assert document is not None
    name = document.file_name or ""
    if not name.lower().endswith(SUPPORTED):
        await message.answer(t("staff-upload-bad-type"), reply_markup=_upload_keyboard(t))
        return
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await message.answer(t("staff-upload-too-big"), reply_markup=_upload_keyboard(t))
        return
    buffer = await bot.download(document.file_id)
    assert buffer is not None
    try:
        rows = read_rows(name, buffer.read())
    except UnreadableFile:
        await message.answer(t("staff-upload-unreadable"), reply_markup=_upload_keyboard(t))
        return
    result = validate_staff_table(rows)
    if any(p.code == "no-column" for p in result.problems):
        await message.answer(t("staff-upload-no-columns"), reply_markup=_upload_keyboard(t))
        return
    username = await bot_username(bot)
    outcome = await service.import_staff(session, actor, result, lambda code: deep_link(username, code))
    imported = outcome.value
    await state.clear()
    await message.answer(
        t("staff-upload-summary", added=len(imported.added), bad=len(imported.bad_lines), skipped=len(imported.skipped))
    )
    problems = [
        t("staff-upload-problem", line=p.line, field=t(f"column-{p.field}"), error=t(f"import-{p.code}"))
        for p in imported.problems
    ]
    skipped = [t("staff-upload-exists", line=row.line, name=row.full_name) for row in imported.skipped]
    for chunk in _chunks(problems + skipped):
        await message.answer(Html(chunk))
    for file in imported.files:
        await bot.send_document(
            message.chat.id,
            BufferedInputFile(file.content, filename=file.filename),
            caption=t(file.caption_key) if file.caption_key else None,
        )
    text, markup = await _list_screen(session, t, actor.person, 0)
    await message.answer(text, reply_markup=markup)


@admin.message(StaffForm.upload, ~F.text.startswith("/"))
async def upload_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("staff-upload-need-file"), reply_markup=_upload_keyboard(t))
