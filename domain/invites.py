"""Invite codes: single use, expiring, at least 96 random bits, stored only as a hash."""

import hashlib
import re
import secrets
from datetime import datetime
from enum import StrEnum

INVITE_CODE_BYTES = 16  # 128 random bits; the issue asks for at least 96
_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")  # what a Telegram deep-link payload may carry


class InviteProblem(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class InviteState(StrEnum):
    """Where an invite is in its life. Derived from its timestamps (used_at, revoked_at, expires_at), never
    stored as a column: one source of truth, no status to drift from the moments it summarizes."""

    ACTIVE = "active"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"


def invite_state(
    *, used_at: datetime | None, revoked_at: datetime | None, expires_at: datetime, now: datetime
) -> InviteState:
    problem = check_invite(used_at=used_at, revoked_at=revoked_at, expires_at=expires_at, now=now)
    return InviteState.ACTIVE if problem is None else InviteState(problem.value)


def new_invite_code() -> str:
    return secrets.token_urlsafe(INVITE_CODE_BYTES)


def hash_invite_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def looks_like_invite_code(text: str) -> bool:
    return bool(_CODE_RE.fullmatch(text))


def check_invite(
    *, used_at: datetime | None, revoked_at: datetime | None, expires_at: datetime, now: datetime
) -> InviteProblem | None:
    """Why an existing invite can't be redeemed now, or None when it can."""
    if used_at is not None:
        return InviteProblem.USED
    if revoked_at is not None:
        return InviteProblem.REVOKED
    if now >= expires_at:
        return InviteProblem.EXPIRED
    return None


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"
