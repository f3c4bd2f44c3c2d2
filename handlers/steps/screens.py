"""The screens every flow opens: the main menu of each role (with what awaits the person), the way back to it,
a screen shown in place of the pressed one, /help and the profile. Below the flows: any flow imports these,
and the menu flow (handlers/menu.py) answers /menu, /help and the menu's buttons with them."""

from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.dates import format_date
from domain.roles import Role
from handlers.callbacks import MenuCb
from handlers.keyboards import button, keyboard
from locales import Html, Texts
from services.awaiting import Awaiting, awaiting
from services.outcome import Actor

ALL_ROLES = frozenset(Role)
# (action, label key, roles that see it). Handlers of each action check the same roles on the server.
MENU_ITEMS: tuple[tuple[str, str, frozenset[Role]], ...] = (
    ("requests", "menu-requests", frozenset({Role.CURATOR})),
    ("staff", "menu-staff", frozenset({Role.CURATOR, Role.DIRECTOR, Role.COUNCIL})),
    ("pairs", "menu-pairs", frozenset({Role.CURATOR})),
    ("approvals", "menu-approvals", frozenset({Role.DIRECTOR, Role.DEPARTMENT})),
    ("campaigns", "menu-campaigns", frozenset({Role.CURATOR})),
    ("banks", "menu-banks", frozenset({Role.CURATOR, Role.DIRECTOR, Role.COUNCIL})),
    ("monitoring", "menu-monitoring", frozenset({Role.CURATOR, Role.DIRECTOR})),
    ("department", "menu-department", frozenset({Role.DEPARTMENT})),
    ("mentoring", "menu-mentoring", frozenset({Role.MENTOR, Role.MENTEE})),
    ("practices", "menu-practices", frozenset({Role.MENTOR, Role.COUNCIL})),
    ("growth", "menu-growth", frozenset({Role.MENTOR, Role.MENTEE})),
    ("forms", "menu-forms", ALL_ROLES),
    ("privacy", "menu-privacy", ALL_ROLES),
    ("profile", "menu-profile", ALL_ROLES),
    ("help", "menu-help", ALL_ROLES),
)
# Without any role a person still has their questionnaires (if invited), their data, profile and help.
NO_ROLE_ITEMS = ("forms", "privacy", "profile", "help")


def role_names(t: Texts, roles: frozenset[Role]) -> str:
    return ", ".join(t(f"role-{role}") for role in sorted(roles)) or t("role-none")


def _awaiting_text(t: Texts, waiting: Awaiting | None) -> Html:
    if not waiting:
        return Html("")
    lines = [t("menu-awaiting-line", line=t(line.key, count=line.count)) for line in waiting.lines]
    return Html("\n\n" + t("menu-awaiting") + "\n" + "\n".join(lines))


def main_menu(t: Texts, person: Person, waiting: Awaiting | None = None) -> tuple[str, InlineKeyboardMarkup]:
    roles = person.role_set
    rows = [[button(t(label), MenuCb(action=action))] for action, label, allowed in MENU_ITEMS if roles & allowed]
    if not roles:
        rows = [[button(t(label), MenuCb(action=action))] for action, label, _ in MENU_ITEMS if action in NO_ROLE_ITEMS]
    text = t("menu-title", name=person.full_name, roles=role_names(t, roles), awaiting=_awaiting_text(t, waiting))
    return text, keyboard(*rows)


async def menu_screen(session: AsyncSession, actor: Actor, t: Texts) -> tuple[str, InlineKeyboardMarkup]:
    """The main menu with what awaits the person now (services/awaiting.py)."""
    return main_menu(t, actor.person, await awaiting(session, actor))


def back_to_menu(t: Texts) -> list[InlineKeyboardButton]:
    return [button(t("nav-menu"), MenuCb(action="main"))]


async def send_main_menu(
    bot: Bot,
    chat_id: int,
    t: Texts,
    person: Person,
    *,
    session: AsyncSession | None = None,
    actor: Actor | None = None,
) -> None:
    """The main menu as a new message; with the session and the actor it opens with what awaits the person."""
    if session is not None and actor is not None and actor.person.id == person.id:
        text, markup = await menu_screen(session, actor, t)
    else:
        text, markup = main_menu(t, person)
    await bot.send_message(chat_id, text, reply_markup=markup)


async def show_in_place(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Replace the pressed message with a new screen (or send it anew if it can't be edited)."""
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error):
                return
    await query.bot.send_message(query.from_user.id, text, reply_markup=markup)  # type: ignore[union-attr]


def help_text(t: Texts, roles: frozenset[Role]) -> str:
    sections = [t(f"help-{role}") for role in sorted(roles)] or [t("help-norole")]
    return t("help", sections=Html("\n\n".join(sections)))


def profile_text(t: Texts, person: Person, organization: Organization, curators: Sequence[str] = ()) -> str:
    return t(
        "profile",
        name=person.full_name,
        position=person.position,
        subjects=person.subjects,
        start=format_date(person.work_start_date) if person.work_start_date else None,
        experience=person.experience_years if person.experience_years is not None else "—",
        roles=role_names(t, person.role_set),
        school=organization.short_name,
        curators=", ".join(curators) or "none",
    )
