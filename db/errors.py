"""Which database errors are the database being away (stopped, restarting, unreachable, out of connections)
rather than a fault of the request: those are retried later, and nobody is told "something went wrong"."""

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# SQLSTATE classes and codes that mean "not now": connection exceptions (08…), the server shutting down or
# starting (57P01–57P03), too many connections (53300), the database itself gone for a moment (3D000: dropped
# and created again by a restore).
_TRANSIENT_STATES = ("08", "57P01", "57P02", "57P03", "53300", "3D000")


def is_transient(error: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PoolTimeout | ConnectionError | OSError | TimeoutError):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        state = getattr(current, "sqlstate", None) or getattr(current, "pgcode", None)
        if isinstance(state, str) and state.startswith(_TRANSIENT_STATES):
            return True
        if type(current).__name__ == "ConnectionDoesNotExistError":
            return True
        current = current.__cause__ or current.__context__
    return False


def is_unready(error: BaseException) -> bool:
    """For the bot's own background loops (the update inbox, the deadline scan): the database is away, or is
    there without its tables for a moment (being restored from a backup, 42P01) — wait and look again."""
    if is_transient(error):
        return True
    current: BaseException | None = error
    while current is not None:
        if (getattr(current, "sqlstate", None) or getattr(current, "pgcode", None)) == "42P01":
            return True
        current = current.__cause__
    return False
