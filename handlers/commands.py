"""Slash commands shown in Telegram's menu (setMyCommands): the default set and a person's own."""

from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from domain.roles import Role
from locales import Texts

_BASE = ("start", "menu", "help", "cancel")
_LINKED = ("privacy",)  # only for people linked to a staff record
_BY_ROLE: dict[Role, tuple[str, ...]] = {Role.CURATOR: ("staff", "requests")}


def commands_for(roles: frozenset[Role], t: Texts, *, linked: bool = False) -> list[BotCommand]:
    names = list(_BASE) + (list(_LINKED) if linked else [])
    for role in sorted(roles):
        names.extend(name for name in _BY_ROLE.get(role, ()) if name not in names)
    return [BotCommand(command=name, description=t(f"command-{name}")) for name in names]


async def set_default_commands(bot: Bot, t: Texts) -> None:
    await bot.set_my_commands(commands_for(frozenset(), t), scope=BotCommandScopeDefault())


async def set_person_commands(bot: Bot, chat_id: int, roles: frozenset[Role], t: Texts) -> None:
    # The menu of commands is a convenience; the buttons work without it.
    with suppress(TelegramAPIError):
        await bot.set_my_commands(commands_for(roles, t, linked=True), scope=BotCommandScopeChat(chat_id=chat_id))
