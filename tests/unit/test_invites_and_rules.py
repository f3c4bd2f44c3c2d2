import math
import string
from datetime import UTC, datetime, timedelta

from domain.invites import (
    INVITE_CODE_BYTES,
    InviteProblem,
    check_invite,
    deep_link,
    hash_invite_code,
    looks_like_invite_code,
    new_invite_code,
)
from domain.roles import Role, parse_role_word
from domain.rules import OrgRules

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def test_codes_carry_at_least_96_random_bits_and_fit_a_deep_link() -> None:
    assert INVITE_CODE_BYTES * 8 >= 96
    codes = {new_invite_code() for _ in range(1000)}
    assert len(codes) == 1000
    allowed = set(string.ascii_letters + string.digits + "_-")
    for code in codes:
        assert set(code) <= allowed and len(code) <= 64  # Telegram's start parameter
        assert looks_like_invite_code(code)
        # base64url: 6 bits per character
        assert len(code) * 6 >= 96
    assert math.log2(64) * len(next(iter(codes))) >= 96


def test_only_the_hash_is_kept_and_it_is_stable() -> None:
    code = new_invite_code()
    assert hash_invite_code(code) == hash_invite_code(code)
    assert code not in hash_invite_code(code)
    assert len(hash_invite_code(code)) == 64


def test_invite_states() -> None:
    expires = NOW + timedelta(days=14)
    assert check_invite(used_at=None, revoked_at=None, expires_at=expires, now=NOW) is None
    assert check_invite(used_at=NOW, revoked_at=None, expires_at=expires, now=NOW) is InviteProblem.USED
    assert check_invite(used_at=None, revoked_at=NOW, expires_at=expires, now=NOW) is InviteProblem.REVOKED
    assert check_invite(used_at=None, revoked_at=None, expires_at=expires, now=expires) is InviteProblem.EXPIRED


def test_garbage_is_not_a_code() -> None:
    assert not looks_like_invite_code("short")
    assert not looks_like_invite_code("a" * 65)
    assert not looks_like_invite_code("код-по-русски-длинный")
    assert deep_link("school_bot", "abc") == "https://t.me/school_bot?start=abc"


def test_regulation_defaults() -> None:
    rules = OrgRules()
    assert rules.mentor_assignment_days == 30  # 3.7
    assert rules.programme_days == 10  # 3.6
    assert rules.report_days == 10  # 3.6
    assert (rules.mentorship_min_months, rules.mentorship_max_months) == (1, 12)  # 3.7
    assert rules.max_mentees_per_mentor == 3  # 3.7


def test_organization_overrides_only_known_numbers() -> None:
    rules = OrgRules.from_overrides({"invite_ttl_days": "7", "unknown": 5})
    assert rules.invite_ttl_days == 7
    assert rules.mentor_assignment_days == 30


def test_role_words() -> None:
    assert parse_role_word("Наставник") is Role.MENTOR
    assert parse_role_word("mentee") is Role.MENTEE
    assert parse_role_word(" МО ") is Role.COUNCIL
    assert parse_role_word("завхоз") is None
