"""The curator reviews access requests: approve with a role, or reject (with a confirmation).
Closing a request is one conditional UPDATE, so a double click or two curators at once decide it once."""

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AccessRequest, Person
from db.repositories import access_requests as requests_repo
from db.repositories.audit import record_event
from db.repositories.people import StaffFields, create_person, get_by_telegram, link_telegram
from domain.roles import CURATOR_GRANTABLE, Role
from handlers.callbacks import MenuCb, ReviewCb
from handlers.commands import set_person_commands
from handlers.filters import HasRole
from handlers.keyboards import button, keyboard
from handlers.menu import back_to_menu, main_menu, show_in_place
from handlers.notify import notify
from locales import Texts

router = Router(name="access_review")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


def request_card(t: Texts, request: AccessRequest, username: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "review-card",
        name=request.full_name,
        position=request.position,
        username=f"@{username}" if username else "—",
        created=request.created_at,
    )
    rows = [
        [
            button(
                t("review-approve-as", role=t(f"role-{role}")),
                ReviewCb(action="approve", request_id=request.id, role=role.value),
            )
        ]
        for role in CURATOR_GRANTABLE
    ]
    rows.append([button(t("review-reject"), ReviewCb(action="reject", request_id=request.id))])
    return text, keyboard(*rows)


async def _list(session: AsyncSession, t: Texts, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    pending = await requests_repo.list_pending(session, person.organization_id)
    if not pending:
        return t("review-none"), keyboard(back_to_menu(t))
    rows = [[button(f"{r.full_name} — {r.position}", ReviewCb(action="open", request_id=r.id))] for r in pending]
    return t("review-list", count=len(pending)), keyboard(*rows, back_to_menu(t))


@router.message(Command("requests"))
async def requests_command(message: Message, session: AsyncSession, t: Texts, person: Person) -> None:
    text, markup = await _list(session, t, person)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuCb.filter(F.action == "requests"))
@router.callback_query(ReviewCb.filter(F.action == "list"))
async def requests_button(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    await query.answer()
    text, markup = await _list(session, t, person)
    await show_in_place(query, text, markup)


async def _pending_or_explain(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, request_id: int
) -> AccessRequest | None:
    request = await requests_repo.get_in_organization(session, person.organization_id, request_id)
    if request is None:
        await query.answer(t("review-not-found"), show_alert=True)
        return None
    if request.status != "pending":
        await query.answer(t("review-already-decided"), show_alert=True)
        return None
    return request


@router.callback_query(ReviewCb.filter(F.action == "open"))
async def open_request(
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    request = await _pending_or_explain(query, session, t, person, callback_data.request_id)
    if request is None:
        return
    await query.answer()
    text, markup = request_card(t, request)
    await show_in_place(query, text, markup)


@router.callback_query(ReviewCb.filter(F.action == "approve"))
async def approve(
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    try:
        role = Role(callback_data.role)
    except ValueError:
        role = None
    if role not in CURATOR_GRANTABLE:
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
    assert role is not None
    request = await requests_repo.close_request(
        session, person.organization_id, callback_data.request_id, approved=True, decided_by_id=person.id
    )
    if request is None:
        await query.answer(t("review-already-decided"), show_alert=True)
        return
    applicant = await get_by_telegram(session, request.telegram_user_id)
    if applicant is None:
        applicant = await create_person(
            session,
            person.organization_id,
            StaffFields(full_name=request.full_name or "", position=request.position),
            [role],
        )
        await link_telegram(session, applicant, request.telegram_user_id)
    request.person_id = applicant.id
    await record_event(
        session,
        "access_approved",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        request_id=request.id,
        person_id=applicant.id,
        role=role.value,
    )
    await session.commit()
    await query.answer(t("review-approved-short"))
    await show_in_place(
        query,
        t("review-approved", name=applicant.full_name, role=t(f"role-{role}")),
        keyboard([button(t("review-back-to-list"), ReviewCb(action="list"))]),
    )
    if await notify(bot, request.telegram_user_id, t("access-approved")):
        text, markup = main_menu(t, applicant)
        await notify(bot, request.telegram_user_id, text, markup)
        await set_person_commands(bot, request.telegram_user_id, applicant.role_set, t)


@router.callback_query(ReviewCb.filter(F.action == "reject"))
async def reject_confirm(
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    request = await _pending_or_explain(query, session, t, person, callback_data.request_id)
    if request is None:
        return
    await query.answer()
    await show_in_place(
        query,
        t("review-reject-confirm", name=request.full_name),
        keyboard(
            [button(t("review-reject-yes"), ReviewCb(action="reject_yes", request_id=request.id))],
            [button(t("nav-back"), ReviewCb(action="open", request_id=request.id))],
        ),
    )


@router.callback_query(ReviewCb.filter(F.action == "reject_yes"))
async def reject(
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    request = await requests_repo.close_request(
        session, person.organization_id, callback_data.request_id, approved=False, decided_by_id=person.id
    )
    if request is None:
        await query.answer(t("review-already-decided"), show_alert=True)
        return
    name = request.full_name
    requests_repo.erase_personal_data(request)
    await record_event(
        session,
        "access_rejected",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        request_id=request.id,
    )
    await session.commit()
    await query.answer(t("review-rejected-short"))
    await show_in_place(
        query, t("review-rejected", name=name), keyboard([button(t("review-back-to-list"), ReviewCb(action="list"))])
    )
    await notify(bot, request.telegram_user_id, t("access-rejected"))
