"""The curator reviews access requests: approve with a role, or reject (with a confirmation). The rules are in
services/access.py; a stale button says what was decided."""

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AccessRequest, Person
from db.repositories import access_requests as requests_repo
from domain.access import RequestStatus
from domain.roles import CURATOR_GRANTABLE, Role
from handlers.callbacks import MenuCb, ReviewCb
from handlers.commands import set_person_commands
from handlers.filters import HasRole
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.notify import notify
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Texts
from services import access
from services.outcome import Actor, Refused

router = Router(name="access_review")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


def request_card(t: Texts, request: AccessRequest) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "review-card",
        name=request.full_name,
        position=request.position,
        start=request.work_start_date,
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
    rows.append([button(t("review-back-to-list"), ReviewCb(action="list"))])
    return text, keyboard(*rows)


async def _list(session: AsyncSession, t: Texts, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    pending = await requests_repo.list_pending(session, person.organization_id)
    if not pending:
        return t("review-none"), keyboard(back_to_menu(t))
    rows = [[button(f"{r.full_name} — {r.position}", ReviewCb(action="open", request_id=r.id))] for r in pending]
    return t("review-list", count=len(pending)), keyboard(*rows, back_to_menu(t))


def _after(t: Texts) -> InlineKeyboardMarkup:
    return keyboard([button(t("review-back-to-list"), ReviewCb(action="list"))])


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
    if request.status != RequestStatus.PENDING:
        await query.answer(t("review-already-decided", status=request.status), show_alert=True)
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
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await access.approve_request(session, actor, callback_data.request_id, callback_data.role)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    approved = outcome.value
    await query.answer(t("review-approved-short"))
    await show_in_place(
        query, t("review-approved", name=approved.person.full_name, role=t(f"role-{approved.role}")), _after(t)
    )
    if await deliver(bot, session, t, outcome.notices):
        await set_person_commands(bot, approved.telegram_user_id, approved.person.role_set, t)


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
    query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        outcome = await access.reject_request(session, actor, callback_data.request_id)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer(t("review-rejected-short"))
    await show_in_place(query, t("review-rejected", name=outcome.value.full_name), _after(t))
    await notify(bot, outcome.value.telegram_user_id, t("access-rejected"))  # not a staff record: by the account
