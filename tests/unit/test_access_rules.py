"""Who may be given which role from the chat (3.3–3.5), who may be archived, and the life of an invite."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.access import ArchiveProblem, RequestStatus, archive_problem
from domain.invites import InviteState, invite_state
from domain.roles import BY_ORDER, CURATOR_GRANTABLE, Role, curator_may_grant


@pytest.mark.parametrize("role", list(Role))
def test_only_mentor_mentee_and_council_come_from_the_chat(role: Role) -> None:
    assert (curator_may_grant(role.value) is role) == (role in CURATOR_GRANTABLE)
    assert (role in BY_ORDER) != (role in CURATOR_GRANTABLE)


@pytest.mark.parametrize("forged", ["", "admin", "DIRECTOR", "mentor ", "role-mentor"])
def test_a_forged_role_is_none(forged: str) -> None:
    assert curator_may_grant(forged) is None


def test_archive_problems() -> None:
    assert archive_problem(is_self=True, open_mentorships=0) is ArchiveProblem.SELF
    assert archive_problem(is_self=False, open_mentorships=1) is ArchiveProblem.OPEN_MENTORSHIP
    assert archive_problem(is_self=False, open_mentorships=0) is None


def test_request_statuses_are_the_databases() -> None:
    assert [s.value for s in RequestStatus] == ["pending", "approved", "rejected"]


def test_invite_states_follow_their_moments() -> None:
    now = datetime(2026, 9, 1, tzinfo=UTC)
    later = now + timedelta(days=14)
    assert invite_state(used_at=None, revoked_at=None, expires_at=later, now=now) is InviteState.ACTIVE
    assert invite_state(used_at=now, revoked_at=None, expires_at=later, now=now) is InviteState.USED
    assert invite_state(used_at=None, revoked_at=now, expires_at=later, now=now) is InviteState.REVOKED
    assert invite_state(used_at=None, revoked_at=None, expires_at=now, now=now) is InviteState.EXPIRED
