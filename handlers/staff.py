"""Staff: the list and cards (curator, director, council); adding people, roles, invite links and
uploading a staff list (curator only)."""

import math
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import people as people_repo
from db.repositories.audit import record_event
from db.repositories.invites import issue_invite
from documents.spreadsheets import MAX_UPLOAD_BYTES, SUPPORTED, UnreadableFile, read_rows, staff_template
from domain.dates import format_date
from domain.invites import deep_link
from domain.roles import CURATOR_GRANTABLE, Role
from domain.rules import OrgRules
from domain.staff_import import validate_staff_table
from domain.validation import clean_full_name, clean_position, clean_subjects, parse_experience_years
from handlers.callbacks import MenuCb, StaffCb, StaffList
from handlers.filters import HasRole
from handlers.forms import FormField, TextForm, date_field
from handlers.keyboards import button, keyboard, pager_row
from handlers.links import bot_username
from handlers.menu import back_to_menu, role_names, send_main_menu, show_in_place
from locales import Html, Texts

PAGE_SIZE = 8
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


# -- list and card (viewers) ----------------------------------------------------------------------------
async def _list_screen(session: AsyncSession, t: Texts, person: Person, page: int) -> tuple[str, InlineKeyboardMarkup]:
    total = await people_repo.count_people(session, person.organization_id)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    people = await people_repo.list_people(session, person.organization_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    rows = [
        [
            button(
                f"{'✅' if p.telegram_user_id else '⏳'} {p.full_name}",
                StaffCb(action="card", person_id=p.id, page=page),
            )
        ]
        for p in people
    ]
    rows.append(pager_row(page, pages, StaffList))
    if Role.CURATOR in person.role_set:
        rows.append(
            [button(t("staff-add"), StaffCb(action="add")), button(t("staff-upload"), StaffCb(action="upload"))]
        )
    rows.append(back_to_menu(t))
    return t("staff-list", count=total, page=page + 1, pages=pages), keyboard(*rows)


def _card(t: Texts, viewer: Person, target: Person, page: int) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "staff-card",
        name=target.full_name,
        position=target.position,
        subjects=target.subjects,
        start=format_date(target.work_start_date) if target.work_start_date else None,
        experience=target.experience_years if target.experience_years is not None else "—",
        roles=role_names(t, target.role_set),
        linked="yes" if target.telegram_user_id else "no",
    )
    rows: list[list] = []
    if Role.CURATOR in viewer.role_set:
        rows.extend(
            [
                button(
                    ("✅ " if role in target.role_set else "▫️ ") + t(f"role-{role}"),
                    StaffCb(action="role", person_id=target.id, page=page, role=role.value),
                )
            ]
            for role in CURATOR_GRANTABLE
        )
        rows.append([button(t("staff-invite"), StaffCb(action="invite", person_id=target.id, page=page))])
    rows.append([button(t("staff-back-to-list"), StaffList(page=page))])
    return text, keyboard(*rows)


@viewers.message(Command("staff"))
async def staff_command(message: Message, session: AsyncSession, t: Texts, person: Person) -> None:
    text, markup = await _list_screen(session, t, person, 0)
    await message.answer(text, reply_markup=markup)


@viewers.callback_query(MenuCb.filter(F.action == "staff"))
@viewers.callback_query(StaffList.filter())
async def staff_list(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    state: FSMContext,
    callback_data: CallbackData,
) -> None:
    await state.clear()
    page = callback_data.page if isinstance(callback_data, StaffList) else 0
    await query.answer()
    text, markup = await _list_screen(session, t, person, page)
    await show_in_place(query, text, markup)


async def _target(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, person_id: int
) -> Person | None:
    target = await people_repo.get_in_organization(session, person.organization_id, person_id)
    if target is None:
        await query.answer(t("staff-not-found"), show_alert=True)
    return target


@viewers.callback_query(StaffCb.filter(F.action == "card"))
async def staff_card(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await query.answer()
    text, markup = _card(t, person, target, callback_data.page)
    await show_in_place(query, text, markup)


# -- roles and invites (curator) ------------------------------------------------------------------------
@admin.callback_query(StaffCb.filter(F.action == "role"))
async def toggle_role(
    query: CallbackQuery, callback_data: StaffCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    role = Role(callback_data.role) if callback_data.role in {r.value for r in CURATOR_GRANTABLE} else None
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    if role is None:
        await record_event(
            session,
            "access_denied",
            organization_id=person.organization_id,
            actor_person_id=person.id,
            telegram_user_id=query.from_user.id,
            data=query.data,
            reason="role not grantable",
        )
        await query.answer(t("denied"), show_alert=True)
        return
    if role in target.role_set:
        await people_repo.remove_role(session, target, role)
        action = "role_removed"
    else:
        await people_repo.add_role(session, target, role)
        action = "role_granted"
    await record_event(
        session,
        action,
        organization_id=person.organization_id,
        actor_person_id=person.id,
        person_id=target.id,
        role=role.value,
    )
    await session.commit()
    await query.answer(t(f"staff-{action}", role=t(f"role-{role}")))
    text, markup = _card(t, person, target, callback_data.page)
    await show_in_place(query, text, markup)


async def send_invite(
    bot: Bot, chat_id: int, t: Texts, session: AsyncSession, target: Person, issuer: Person, rules: OrgRules
) -> str:
    invite = await issue_invite(session, target, ttl_days=rules.invite_ttl_days, created_by_id=issuer.id)
    await record_event(
        session, "invite_issued", organization_id=issuer.organization_id, actor_person_id=issuer.id, person_id=target.id
    )
    await session.commit()
    link = deep_link(await bot_username(bot), invite.code)
    await bot.send_message(
        chat_id,
        t(
            "staff-invite-link",
            name=target.full_name,
            link=link,
            code=invite.code,
            expires=format_date(invite.expires_at.date()),
            days=rules.invite_ttl_days,
        ),
    )
    return link


@admin.callback_query(StaffCb.filter(F.action == "invite"))
async def invite(
    query: CallbackQuery,
    callback_data: StaffCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await query.answer()
    if target.telegram_user_id:
        # Already linked: a new link would let another account take this record over. Ask first.
        await show_in_place(
            query,
            t("staff-invite-relink", name=target.full_name),
            keyboard(
                [
                    button(
                        t("staff-invite-relink-yes"),
                        StaffCb(action="invite_yes", person_id=target.id, page=callback_data.page),
                    )
                ],
                [button(t("nav-back"), StaffCb(action="card", person_id=target.id, page=callback_data.page))],
            ),
        )
        return
    await send_invite(bot, query.from_user.id, t, session, target, person, rules)


@admin.callback_query(StaffCb.filter(F.action == "invite_yes"))
async def invite_confirmed(
    query: CallbackQuery,
    callback_data: StaffCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
) -> None:
    target = await _target(query, session, t, person, callback_data.person_id)
    if target is None:
        return
    await query.answer()
    await send_invite(bot, query.from_user.id, t, session, target, person, rules)


# -- adding one person (curator) --------------------------------------------------------------------------
async def _save_person(
    query: CallbackQuery,
    values: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    rules: OrgRules,
    **_: Any,
) -> None:
    start = values.get("work_start_date")
    target = await people_repo.create_person(
        session,
        person.organization_id,
        people_repo.StaffFields(
            full_name=values["full_name"],
            position=values.get("position"),
            subjects=values.get("subjects"),
            work_start_date=date.fromisoformat(start) if start else None,
            experience_years=values.get("experience_years"),
        ),
    )
    await record_event(
        session, "person_added", organization_id=person.organization_id, actor_person_id=person.id, person_id=target.id
    )
    await state.clear()
    await query.answer(t("staff-saved-short"))
    await bot.send_message(query.from_user.id, t("staff-saved", name=target.full_name))
    await send_invite(bot, query.from_user.id, t, session, target, person, rules)
    text, markup = _card(t, person, target, 0)
    await bot.send_message(query.from_user.id, text, reply_markup=markup)


async def _add_cancelled(query: CallbackQuery, t: Texts, bot: Bot, person: Person, **_: Any) -> None:
    await send_main_menu(bot, query.from_user.id, t, person)


add_form = TextForm(
    "staff",
    StaffForm.filling,
    [
        FormField("full_name", "field-full-name", "prompt-staff-full-name", clean_full_name),
        FormField("position", "field-position", "prompt-position", clean_position),
        FormField("subjects", "field-subjects", "prompt-subjects", clean_subjects, optional=True),
        date_field("work_start_date", "field-start", "prompt-start", optional=True),
        FormField("experience_years", "field-experience", "prompt-experience", parse_experience_years, optional=True),
    ],
    title="staff-add-title",
    on_submit=_save_person,
    on_cancel=_add_cancelled,
)
add_form.register(admin)


@admin.callback_query(StaffCb.filter(F.action == "add"))
async def add_person(query: CallbackQuery, state: FSMContext, t: Texts, bot: Bot) -> None:
    await query.answer()
    await add_form.start(bot, query.from_user.id, state, t)


# -- uploading a list (curator) ----------------------------------------------------------------------------
def _upload_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard([button(t("staff-template"), StaffCb(action="template"))], back_to_menu(t))


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


def _chunks(lines: list[str], budget: int = MESSAGE_BUDGET) -> list[str]:
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
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, person: Person, bot: Bot, rules: OrgRules
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
    problems = [
        t("staff-upload-problem", line=p.line, field=t(f"column-{p.field}"), error=t(f"import-{p.code}"))
        for p in result.problems
    ]
    username = await bot_username(bot)
    links: list[str] = []
    skipped: list[str] = []
    for row in result.rows:
        if await people_repo.find_by_name(session, person.organization_id, row.full_name) is not None:
            skipped.append(t("staff-upload-exists", line=row.line, name=row.full_name))
            continue
        target = await people_repo.create_person(
            session,
            person.organization_id,
            people_repo.StaffFields(
                row.full_name, row.position, row.subjects, row.work_start_date, row.experience_years
            ),
            row.roles,
        )
        invite_code = await issue_invite(session, target, ttl_days=rules.invite_ttl_days, created_by_id=person.id)
        links.append(t("staff-upload-link", name=target.full_name, link=deep_link(username, invite_code.code)))
    await record_event(
        session,
        "staff_uploaded",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        added=len(links),
        bad_lines=result.bad_lines,
        skipped=len(skipped),
    )
    await session.commit()
    await state.clear()
    await message.answer(t("staff-upload-summary", added=len(links), bad=len(result.bad_lines), skipped=len(skipped)))
    for chunk in _chunks(problems + skipped):
        await message.answer(Html(chunk))
    for chunk in _chunks(links):
        await message.answer(Html(chunk))
    text, markup = await _list_screen(session, t, person, 0)
    await message.answer(text, reply_markup=markup)


@admin.message(StaffForm.upload, ~F.text.startswith("/"))
async def upload_wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("staff-upload-need-file"), reply_markup=_upload_keyboard(t))
