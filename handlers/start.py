"""/start with an invite code links the account; /start without one greets and offers an access request.
Open to everyone: this is the only door for a Telegram user the bot does not know."""

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories.access_requests import pending_for_telegram
from db.repositories.audit import record_event
from db.repositories.invites import redeem_invite
from domain.invites import InviteProblem, looks_like_invite_code
from handlers.callbacks import AccessCb
from handlers.commands import set_person_commands
from handlers.filters import IsLinked
from handlers.keyboards import button, keyboard
from handlers.menu import role_names, send_main_menu
from locales import Texts

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
    message: Message, command: CommandObject, state: FSMContext, session: AsyncSession, t: Texts, bot: Bot
) -> None:
    assert message.from_user is not None
    code = (command.args or "").strip()
    problem: InviteProblem | None = None
    if not looks_like_invite_code(code):
        problem = InviteProblem.UNKNOWN
    else:
        result = await redeem_invite(session, code, message.from_user.id)
        if isinstance(result, Person):
            await state.clear()
            await record_event(
                session,
                "invite_redeemed",
                organization_id=result.organization_id,
                actor_person_id=result.id,
                telegram_user_id=message.from_user.id,
            )
            await session.commit()
            await message.answer(t("start-linked", name=result.full_name, roles=role_names(t, result.role_set)))
            await send_main_menu(bot, message.chat.id, t, result)
            await set_person_commands(bot, message.chat.id, result.role_set, t)
            return
        problem = result
    await record_event(session, "invite_refused", telegram_user_id=message.from_user.id, problem=problem.value)
    await message.answer(
        t(f"start-invite-{problem}"),
        reply_markup=keyboard([button(t("start-request-button"), AccessCb(action="new"))]),
    )


@router.message(CommandStart())
async def start_plain(
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, bot: Bot, person: Person | None
) -> None:
    await state.clear()
    if person is None:
        await greet_stranger(message, t, session)
        return
    await send_main_menu(bot, message.chat.id, t, person)


@router.message(Command("cancel"))
async def cancel(
    message: Message, state: FSMContext, t: Texts, bot: Bot, person: Person | None, session: AsyncSession
) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    await message.answer(t("cancelled") if had_state else t("nothing-to-cancel"))
    if person is not None:
        await send_main_menu(bot, message.chat.id, t, person)


@router.message(Command("help"), IsLinked(False))
async def help_for_stranger(message: Message, t: Texts) -> None:
    await message.answer(t("help-stranger"))
