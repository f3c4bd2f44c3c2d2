"""«Заявка на доступ»: a Telegram user without an invite tells who they are and since when they work at the school;
the school's curators decide (handlers/access_review.py). Only for users not linked to any staff record."""

from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.access_requests import pending_for_telegram
from db.repositories.organizations import get_organization, list_organizations
from db.repositories.people import active_with_role
from domain.roles import Role
from domain.validation import clean_full_name, clean_position
from handlers.callbacks import AccessCb
from handlers.filters import IsLinked
from handlers.forms import FormField, TextForm, date_field
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.steps.screens import show_in_place
from locales import Texts
from services.access import request_access
from services.outcome import Refused

router = Router(name="access_request")
router.message.filter(IsLinked(False))
router.callback_query.filter(IsLinked(False))


class AccessRequestForm(StatesGroup):
    filling = State()


async def _submit(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    today: date,
    **_: Any,
) -> None:
    start = values.get("work_start_date")
    try:
        outcome = await request_access(
            session,
            query.from_user.id,
            int(extra["org_id"]),
            values["full_name"],
            values["position"],
            date.fromisoformat(start) if start else None,
            today,
            username=query.from_user.username,
        )
    except Refused as refusal:
        if refusal.key.startswith("input-"):  # a date still to come: back to that step (3.7)
            await query.answer()
            await form.reopen(bot, query.from_user.id, state, t, "work_start_date", t(refusal.key, **refusal.params))
            return
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    await state.clear()
    organization = await get_organization(session, outcome.value.organization_id)
    curators = await active_with_role(session, outcome.value.organization_id, Role.CURATOR)
    await bot.send_message(
        query.from_user.id,
        t(
            "access-sent",
            count=len(curators),
            curator=curators[0].full_name if curators else "",
            school=organization.short_name if organization else "",
        ),
    )
    await deliver(bot, session, t, outcome.notices)


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(query.from_user.id, t("access-cancelled"))


form = TextForm(
    "access",
    AccessRequestForm.filling,
    [
        FormField("full_name", "field-full-name", "prompt-full-name", clean_full_name),
        FormField("position", "field-position", "prompt-position", clean_position),
        date_field("work_start_date", "field-start", "prompt-own-start", optional=True),
    ],
    title="access-title",
    on_submit=_submit,
    on_cancel=_cancelled,
)
form.register(router)


@router.callback_query(AccessCb.filter(F.action == "new"))
async def new_request(query: CallbackQuery, t: Texts, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    if await pending_for_telegram(session, query.from_user.id) is not None:
        await query.answer(t("start-request-pending"), show_alert=True)
        return
    schools = await list_organizations(session)
    await query.answer()
    if not schools:
        await bot.send_message(query.from_user.id, t("access-no-schools"))
        return
    if len(schools) == 1:
        await bot.send_message(query.from_user.id, t("access-intro"))
        await form.start(bot, query.from_user.id, state, t, org_id=schools[0].id)
        return
    rows = [[button(s.short_name, AccessCb(action="org", org_id=s.id))] for s in schools]
    await show_in_place(query, t("access-choose-school"), keyboard(*rows))


@router.callback_query(AccessCb.filter(F.action == "org"))
async def school_chosen(
    query: CallbackQuery, callback_data: AccessCb, t: Texts, bot: Bot, session: AsyncSession, state: FSMContext
) -> None:
    if await get_organization(session, callback_data.org_id) is None:
        await query.answer(t("access-school-gone"), show_alert=True)
        return
    await query.answer()
    await bot.send_message(query.from_user.id, t("access-intro"))
    await form.start(bot, query.from_user.id, state, t, org_id=callback_data.org_id)
