"""One database session per update, and who is asking: the person, their roles, their school and its rules.

Handlers receive `session`, `person`, `roles`, `organization`, `rules`, `tz` (the school's time zone),
`now` (this moment, UTC) and `today` (the school's date), `actor` (all of it for a use case, services/),
`t` (texts) and `settings` by argument name.
"Now" comes from one clock for the whole update, injectable, so tests move time in-process.
The session commits when the handler returns and rolls back
when it raises. An update taken from the inbox brings its worker's connection (InboxTicket): the session
runs on it, and the update is marked done in the session's first commit. The session is also published in
db/current.py, so the FSM storage and the outgoing middleware use it instead of a second connection.

This middleware runs before aiogram's FSM middleware (bot/app.py registers them in that order), so even
the state aiogram reads before the handler comes through this session.
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from bot.updates import InboxTicket
from db.current import current_session
from db.repositories.organizations import rules_of
from db.repositories.people import context_of
from domain.rules import OrgRules
from locales import Texts
from services.outcome import Actor

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ContextMiddleware(BaseMiddleware):
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        texts: Texts,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.sessions = sessions
        self.texts = texts
        self.settings = settings
        self.clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["t"] = self.texts
        data["settings"] = self.settings
        user: User | None = data.get("event_from_user")
        ticket: InboxTicket | None = data.get("inbox_ticket")
        async with self.sessions(bind=ticket.connection) if ticket else self.sessions() as session:
            if ticket is not None:
                ticket.attach(session)
            token = current_session.set(session)
            try:
                found = await context_of(session, user.id) if user else None
                person, organization = found if found else (None, None)
                tz = (
                    ZoneInfo(organization.timezone)
                    if organization and organization.timezone
                    else self.settings.timezone
                )
                now = self.clock()
                data.update(
                    session=session,
                    person=person,
                    roles=person.role_set if person else frozenset(),
                    organization=organization,
                    rules=rules_of(organization) if organization else OrgRules(),
                    tz=tz,
                    now=now,
                    today=now.astimezone(tz).date(),
                )
                if person is not None and organization is not None:
                    data["actor"] = Actor(person, organization, data["rules"], tz, now)
                try:
                    result = await handler(event, data)
                except BaseException:
                    await session.rollback()
                    raise
                await session.commit()
                return result
            finally:
                current_session.reset(token)
