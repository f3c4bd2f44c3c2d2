"""Connecting a person to the bot: an invite redeemed (/start <code>) — or an access request approved
(services/access.py) — links their Telegram account to their staff record."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories.audit import record_event
from db.repositories.invites import redeem_invite as redeem_code
from domain.invites import InviteProblem, looks_like_invite_code
from services.outcome import Notice, Outcome, Refused
from services.pending import pending_for


async def on_connected(session: AsyncSession, person: Person) -> list[Notice]:
    """What was waiting for somebody not yet connected and must reach them now that they are: a proposal of a
    pair made before they opened their invite (services/pending.py)."""
    return await pending_for(session, person)


async def redeem_invite(session: AsyncSession, code: str, telegram_user_id: int, now: datetime) -> Outcome[Person]:
    """Single use, before its expiry, not revoked by a newer one (domain/invites.py). A refusal is written to the
    audit log and committed before it is raised: a guessed code leaves a trace."""
    code = code.strip()
    result: Person | InviteProblem = (
        await redeem_code(session, code, telegram_user_id, now=now)
        if looks_like_invite_code(code)
        else InviteProblem.UNKNOWN
    )
    if not isinstance(result, Person):
        await session.rollback()
        await record_event(session, "invite_refused", telegram_user_id=telegram_user_id, problem=result.value)
        await session.commit()
        raise Refused(f"start-invite-{result}")
    await record_event(
        session, "invite_redeemed", organization_id=result.organization_id, actor_person_id=result.id,
        telegram_user_id=telegram_user_id,
    )  # fmt: skip
    notices = await on_connected(session, result)
    await session.commit()
    return Outcome(result, notices)
