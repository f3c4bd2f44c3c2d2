"""The main menu of each role (opening with what awaits the person), /menu, /help and the profile."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from db.repositories.people import active_with_role
from domain.roles import Role
from handlers.callbacks import MenuCb
from handlers.filters import IsLinked
from handlers.keyboards import keyboard
from handlers.steps.screens import back_to_menu, help_text, menu_screen, profile_text, show_in_place
from locales import Texts
from services.outcome import Actor

router = Router(name="menu")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())


@router.message(Command("menu"))
async def menu_command(message: Message, state: FSMContext, t: Texts, session: AsyncSession, actor: Actor) -> None:
    await state.clear()
    text, markup = await menu_screen(session, actor, t)
    await message.answer(text, reply_markup=markup)


@router.message(Command("help"))
async def help_command(message: Message, t: Texts, roles: frozenset[Role]) -> None:
    await message.answer(help_text(t, roles), reply_markup=keyboard(back_to_menu(t)))


@router.callback_query(MenuCb.filter(F.action == "main"))
async def menu_button(query: CallbackQuery, state: FSMContext, t: Texts, session: AsyncSession, actor: Actor) -> None:
    await state.clear()
    text, markup = await menu_screen(session, actor, t)
    await query.answer()
    await show_in_place(query, text, markup)


@router.callback_query(MenuCb.filter(F.action == "help"))
async def help_button(query: CallbackQuery, t: Texts, roles: frozenset[Role]) -> None:
    await query.answer()
    await show_in_place(query, help_text(t, roles), keyboard(back_to_menu(t)))


@router.callback_query(MenuCb.filter(F.action == "profile"))
async def profile_button(
    query: CallbackQuery, t: Texts, person: Person, organization: Organization, session: AsyncSession
) -> None:
    curators = [p.full_name for p in await active_with_role(session, organization.id, Role.CURATOR)]
    await query.answer()
    await show_in_place(query, profile_text(t, person, organization, curators), keyboard(back_to_menu(t)))
