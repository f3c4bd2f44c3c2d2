"""Server-side access checks: every router declares which roles may reach its handlers."""

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from db.models import Person
from domain.roles import Role


class HasRole(Filter):
    """Passes when the person holds any of the roles. Routers apply it to every handler they own."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    async def __call__(self, event: TelegramObject, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)


class IsLinked(Filter):
    """Passes for a Telegram user linked to a staff record; `expected=False` for strangers."""

    def __init__(self, expected: bool = True) -> None:
        self.expected = expected

    async def __call__(self, event: TelegramObject, person: Person | None) -> bool:
        return (person is not None) == self.expected
