"""The database session of the update being handled, for the code that aiogram calls without passing it
(the FSM storage, the outgoing request middleware). One update, one session, one pooled connection: the
conversation state is read and written in the handler's own transaction, never on a second connection
that a burst of users could exhaust the pool for."""

from contextvars import ContextVar

from sqlalchemy.ext.asyncio import AsyncSession

current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)
