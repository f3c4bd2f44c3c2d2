"""The reminder ledger: planning (idempotent inserts), claiming (SKIP LOCKED, with a lease) and outcomes.

Leases use clock_timestamp(), the wall clock: now() is the start of the transaction and would make a
lease measured inside a long transaction look younger than it is. Planning and claiming work on many
rows per statement (arrays, multi-row inserts), so the statements per scan do not grow with the school."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Integer,
    Interval,
    String,
    any_,
    bindparam,
    case,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ReminderLedger

MAX_ATTEMPTS = 5


async def plan(
    session: AsyncSession,
    *,
    organization_id: int,
    key: str,
    kind: str,
    person_id: int,
    offset: str,
    due: date,
    planned_for: datetime,
    status: str = "pending",
) -> bool:
    """Record a reminder once; True when it is new."""
    inserted = await session.scalar(
        insert(ReminderLedger)
        .values(
            organization_id=organization_id,
            deadline_key=key,
            kind=kind,
            person_id=person_id,
            offset=offset,
            due=due,
            planned_for=planned_for,
            status=status,
        )
        .on_conflict_do_nothing(index_elements=["deadline_key", "person_id", "offset"])
        .returning(ReminderLedger.id)
    )
    return inserted is not None


@dataclass(frozen=True)
class Planned:
    organization_id: int
    key: str
    kind: str
    person_id: int
    offset: str
    due: date
    status: str = "pending"  # "skipped": superseded by a later reminder before it was ever due

    @property
    def identity(self) -> tuple[str, int, str]:
        return self.key, self.person_id, self.offset


async def recorded(session: AsyncSession, keys: Collection[str]) -> set[tuple[str, int, str]]:
    """(key, person, offset) of every ledger row of these deadlines, whatever its status."""
    if not keys:
        return set()
    rows = await session.execute(
        select(ReminderLedger.deadline_key, ReminderLedger.person_id, ReminderLedger.offset).where(
            ReminderLedger.deadline_key == any_(bindparam("keys", sorted(keys), type_=ARRAY(String(128))))
        )
    )
    return {(k, p, o) for k, p, o in rows}


_PLAN_MANY = text(
    """
    INSERT INTO reminder_ledger (organization_id, deadline_key, kind, person_id, "offset", due, status, planned_for)
    SELECT o, k, c, p, f, d, s, CAST(:planned_for AS timestamptz)
    FROM unnest(
        CAST(:orgs AS integer[]), CAST(:keys AS text[]), CAST(:kinds AS text[]), CAST(:people AS integer[]),
        CAST(:offsets AS text[]), CAST(:dues AS date[]), CAST(:statuses AS text[])
    ) AS r(o, k, c, p, f, d, s)
    ON CONFLICT (deadline_key, person_id, "offset") DO NOTHING
    """
).bindparams(
    bindparam("orgs", type_=ARRAY(Integer)),
    bindparam("keys", type_=ARRAY(String)),
    bindparam("kinds", type_=ARRAY(String)),
    bindparam("people", type_=ARRAY(Integer)),
    bindparam("offsets", type_=ARRAY(String)),
    bindparam("dues", type_=ARRAY(Date)),
    bindparam("statuses", type_=ARRAY(String)),
    bindparam("planned_for", type_=DateTime(timezone=True)),
)

_SUPERSEDE = text(
    """
    UPDATE reminder_ledger SET status = 'skipped', error = 'superseded by a later reminder'
    FROM unnest(CAST(:keys AS text[]), CAST(:people AS integer[]), CAST(:offsets AS text[])) AS s(k, p, f)
    WHERE reminder_ledger.deadline_key = s.k AND reminder_ledger.person_id = s.p AND reminder_ledger."offset" = s.f
      AND (reminder_ledger.status = 'pending'
           OR reminder_ledger.status = 'claimed' AND reminder_ledger.claimed_at < clock_timestamp() - :lease)
    """
).bindparams(
    bindparam("keys", type_=ARRAY(String)),
    bindparam("people", type_=ARRAY(Integer)),
    bindparam("offsets", type_=ARRAY(String)),
    bindparam("lease", type_=Interval),
)


async def plan_many(session: AsyncSession, rows: Sequence[Planned], planned_for: datetime) -> None:
    """Record many reminders once each, in one statement (ON CONFLICT DO NOTHING: two scanners plan once)."""
    if not rows:
        return
    await session.execute(
        _PLAN_MANY,
        {
            "orgs": [r.organization_id for r in rows],
            "keys": [r.key for r in rows],
            "kinds": [r.kind for r in rows],
            "people": [r.person_id for r in rows],
            "offsets": [r.offset for r in rows],
            "dues": [r.due for r in rows],
            "statuses": [r.status for r in rows],
            "planned_for": planned_for,
        },
    )


async def supersede(session: AsyncSession, identities: Iterable[tuple[str, int, str]], lease: timedelta) -> None:
    """Earlier reminders still waiting (held by quiet hours, or by a scanner that died) will not go out once a
    later one is due."""
    wanted = sorted(set(identities))
    if wanted:
        keys, people, offsets = (list(column) for column in zip(*wanted, strict=True))
        await session.execute(_SUPERSEDE, {"keys": keys, "people": people, "offsets": offsets, "lease": lease})


async def latest_open_due(session: AsyncSession, organization_ids: Collection[int]) -> date | None:
    """The furthest due date among reminders still to be sent (their deadlines must be checked too)."""
    if not organization_ids:
        return None
    return await session.scalar(
        select(func.max(ReminderLedger.due)).where(
            ReminderLedger.status.in_(["pending", "claimed"]),
            ReminderLedger.organization_id
            == any_(bindparam("orgs", sorted(organization_ids), type_=ARRAY(BigInteger))),
        )
    )


@dataclass(frozen=True)
class Claimed:
    id: int
    organization_id: int
    deadline_key: str
    kind: str
    person_id: int
    offset: str
    due: date
    attempts: int


async def claim(
    session: AsyncSession,
    organization_ids: Iterable[int],
    claimer: str,
    lease: timedelta,
    limit: int = 200,
    *,
    after: int = 0,
) -> list[Claimed]:
    """Take open rows for this scanner, in id order after `after` (so one scan walks the ledger once and
    does not take back what it has just released). Rows another scanner holds are skipped (SKIP LOCKED);
    a claim older than the lease (its scanner died) is taken over. The caller commits before sending."""
    ids = sorted(set(organization_ids))
    if not ids:
        return []
    candidates = (
        select(ReminderLedger.id)
        .where(
            ReminderLedger.id > after,
            ReminderLedger.organization_id == any_(bindparam("orgs", ids, type_=ARRAY(BigInteger))),
            or_(
                ReminderLedger.status == "pending",
                (ReminderLedger.status == "claimed") & (ReminderLedger.claimed_at < func.clock_timestamp() - lease),
            ),
        )
        .order_by(ReminderLedger.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = await session.execute(
        update(ReminderLedger)
        .where(ReminderLedger.id.in_(candidates.scalar_subquery()))
        .values(
            status="claimed",
            claimed_at=func.clock_timestamp(),
            claimed_by=claimer,
            attempts=ReminderLedger.attempts + 1,
        )
        .returning(
            ReminderLedger.id,
            ReminderLedger.organization_id,
            ReminderLedger.deadline_key,
            ReminderLedger.kind,
            ReminderLedger.person_id,
            ReminderLedger.offset,
            ReminderLedger.due,
            ReminderLedger.attempts,
        )
    )
    claimed = [
        Claimed(
            id=row.id,
            organization_id=row.organization_id,
            deadline_key=row.deadline_key,
            kind=row.kind,
            person_id=row.person_id,
            offset=row.offset,
            due=row.due,
            attempts=row.attempts,
        )
        for row in rows
    ]
    return sorted(claimed, key=lambda c: c.id)


async def renew(session: AsyncSession, row_ids: Collection[int], claimer: str) -> set[int]:
    """Extend the lease of rows this scanner still holds (a long batch paced to Telegram's limits);
    returns the ids still held — a row taken over by another scanner must not be sent by this one."""
    if not row_ids:
        return set()
    rows = await session.scalars(
        update(ReminderLedger)
        .where(
            ReminderLedger.id == any_(bindparam("ids", sorted(row_ids), type_=ARRAY(BigInteger))),
            ReminderLedger.claimed_by == claimer,
            ReminderLedger.status == "claimed",
        )
        .values(claimed_at=func.clock_timestamp())
        .returning(ReminderLedger.id)
    )
    return set(rows)


async def start_sending(session: AsyncSession, row_id: int, claimer: str) -> bool:
    """Right before its message goes out, a row becomes `sending` (committed by the caller): a scanner that
    dies between this and Telegram's answer leaves it so, and nobody sends it again — a crash may lose this
    one message in that instant, never double it (the reply to an update works the same way). False when
    the claim was lost to another scanner."""
    held = await session.scalar(
        update(ReminderLedger)
        .where(ReminderLedger.id == row_id, ReminderLedger.claimed_by == claimer, ReminderLedger.status == "claimed")
        .values(status="sending")
        .returning(ReminderLedger.id)
        .execution_options(synchronize_session=False)
    )
    return held is not None


_MINE = ("claimed", "sending")  # states in which a row is this scanner's to finish


async def finish(
    session: AsyncSession,
    row_id: int,
    claimer: str,
    status: str,
    *,
    message_id: int | None = None,
    error: str | None = None,
) -> None:
    """Record the outcome, only if this scanner still holds the claim."""
    values: dict[str, object] = {"status": status, "error": error}
    if status == "sent":
        values.update(sent_at=func.clock_timestamp(), telegram_message_id=message_id)
    await session.execute(
        update(ReminderLedger)
        .where(ReminderLedger.id == row_id, ReminderLedger.claimed_by == claimer, ReminderLedger.status.in_(_MINE))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def release(session: AsyncSession, row_id: int, claimer: str, error: str) -> None:
    """A passing failure: back to pending for the next scan, or failed after MAX_ATTEMPTS claims."""
    await session.execute(
        update(ReminderLedger)
        .where(ReminderLedger.id == row_id, ReminderLedger.claimed_by == claimer, ReminderLedger.status.in_(_MINE))
        .values(
            status=case((ReminderLedger.attempts >= MAX_ATTEMPTS, "failed"), else_="pending"),
            error=error,
            claimed_by=None,
            claimed_at=None,
        )
        .execution_options(synchronize_session=False)
    )
