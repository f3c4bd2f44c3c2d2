"""/start with an invite code links the account; /start without one greets and offers an access request.
Open to everyone: this is the only door for a Telegram user the bot does not know."""

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories.access_requests import pending_for_telegram
from db.repositories.organizations import get_organization, rules_of
from handlers.callbacks import AccessCb
from handlers.commands import set_person_commands
from handlers.filters import IsLinked
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.steps.screens import menu_screen, role_names, send_main_menu
from locales import Texts
from services.onboarding import redeem_invite
from services.outcome import Actor, Refused

router = Router(name="start")


async def greet_stranger(message: Message, t: Texts, session: AsyncSession) -> None:
    assert message.from_user is not None
    if await pending_for_telegram(session, message.from_user.id) is not None:
        await message.answer(t("start-request-pending"))
        return
    await message.answer(
        t("start-stranger"), reply_markup=keyboard([button(t("start-request-button"), AccessCb(action="new"))])
    )


@router.message(CommandStart(deep_link=True))
async def start_with_code(
    message: Message, command: CommandObject, state: FSMContext, session: AsyncSession, t: Texts, bot: Bot,
    now: datetime, tz: ZoneInfo,
) -> None:  # fmt: skip
    assert message.from_user is not None
    try:
        outcome = await redeem_invite(session, command.args or "", message.from_user.id, now)
    except Refused as refusal:
        await message.answer(
            t(refusal.key, **refusal.params),
            reply_markup=keyboard([button(t("start-request-button"), AccessCb(action="new"))]),
        )
        return
    person = outcome.value
    await state.clear()
    await message.answer(t("start-linked", name=person.full_name, roles=role_names(t, person.role_set)))
    organization = await get_organization(session, person.organization_id)
    if organization is not None:  # the person is somebody now: their menu opens with what awaits them
        school_tz = ZoneInfo(organization.timezone) if organization.timezone else tz
        actor = Actor(person, organization, rules_of(organization), school_tz, now)
        await send_main_menu(bot, message.chat.id, t, person, session=session, actor=actor)
    await set_person_commands(bot, message.chat.id, person.role_set, t)
    await deliver(bot, session, t, outcome.notices)


@router.message(CommandStart())
async def start_plain(
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, person: Person | None,
    actor: Actor | None = None,
) -> None:  # fmt: skip
    await state.clear()
    if person is None or actor is None:
        await greet_stranger(message, t, session)
        return
    text, markup = await menu_screen(session, actor, t)
    await message.answer(text, reply_markup=markup)


@router.message(Command("cancel"))
async def cancel(
    message: Message, state: FSMContext, t: Texts, session: AsyncSession, actor: Actor | None = None
) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    await message.answer(t("cancelled") if had_state else t("nothing-to-cancel"))
    if actor is not None:
        text, markup = await menu_screen(session, actor, t)
        await message.answer(text, reply_markup=markup)


@router.message(Command("help"), IsLinked(False))
async def help_for_stranger(message: Message, t: Texts) -> None:
    await message.answer(t("help-stranger"))
