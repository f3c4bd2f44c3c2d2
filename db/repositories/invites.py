from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import InviteCode, Person
from db.repositories.people import link_telegram
from domain.invites import InviteProblem, check_invite, hash_invite_code, new_invite_code


@dataclass(frozen=True)
class IssuedInvite:
    code: str  # shown once; only its hash is stored
    expires_at: datetime


async def revoke_open_invites(session: AsyncSession, person_id: int, now: datetime) -> None:
    await session.execute(
        update(InviteCode)
        .where(InviteCode.person_id == person_id, InviteCode.used_at.is_(None), InviteCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def issue_invite(
    session: AsyncSession,
    person: Person,
    *,
    ttl_days: int,
    created_by_id: int | None = None,
    now: datetime | None = None,
) -> IssuedInvite:
    """A new code for the person; earlier unused codes of theirs stop working."""
    now = now or datetime.now(UTC)
    await revoke_open_invites(session, person.id, now)
    code = new_invite_code()
    expires_at = now + timedelta(days=ttl_days)
    session.add(
        InviteCode(
            organization_id=person.organization_id,
            person_id=person.id,
            code_hash=hash_invite_code(code),
            created_by_id=created_by_id,
            created_at=now,
            expires_at=expires_at,
        )
    )
    await session.flush()
    return IssuedInvite(code=code, expires_at=expires_at)


async def redeem_invite(
    session: AsyncSession, code: str, telegram_user_id: int, *, now: datetime | None = None
) -> Person | InviteProblem:
    """Link the Telegram account to the invite's person. The row lock makes a code single-use
    even when two /start with the same code arrive together."""
    now = now or datetime.now(UTC)
    invite = await session.scalar(
        select(InviteCode).where(InviteCode.code_hash == hash_invite_code(code)).with_for_update()
    )
    if invite is None:
        return InviteProblem.UNKNOWN
    problem = check_invite(used_at=invite.used_at, revoked_at=invite.revoked_at, expires_at=invite.expires_at, now=now)
    if problem is not None:
        return problem
    person = await session.get(Person, invite.person_id)
    if person is None or not person.is_active:
        return InviteProblem.REVOKED
    invite.used_at = now
    invite.used_by_telegram_id = telegram_user_id
    await link_telegram(session, person, telegram_user_id, now=now)
    return person
