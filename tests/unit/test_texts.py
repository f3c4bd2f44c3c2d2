"""Every text key the code asks for exists, and the Russian plural forms are right."""

import re
from pathlib import Path

import pytest

from domain.roles import Role
from locales import Html, Texts

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"""\bt\(\s*"([a-z][a-z0-9_-]*)\"""")


@pytest.fixture(scope="module")
def t() -> Texts:
    return Texts()


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("handlers", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(KEY_RE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_literal_key_exists(t: Texts) -> None:
    keys = _literal_keys()
    assert len(keys) > 50
    missing = sorted(key for key in keys if not t.has(key))
    assert missing == []


def test_computed_keys_exist(t: Texts) -> None:
    for role in Role:
        assert t.has(f"role-{role}") and t.has(f"help-{role}")
    for code in ("too-long", "too-short", "bad-name", "bad-date", "bad-number", "need-text"):
        assert t.has(f"input-{code}")
    for problem in ("unknown", "used", "expired", "revoked"):
        assert t.has(f"start-invite-{problem}")
    for name in ("start", "menu", "help", "cancel", "staff", "requests"):
        assert t.has(f"command-{name}")


@pytest.mark.parametrize(("days", "word"), [(1, "день"), (3, "дня"), (5, "дней"), (21, "день"), (14, "дней")])
def test_plural_forms(t: Texts, days: int, word: str) -> None:
    text = t("staff-invite-link", name="А", link="L", code="C", expires="01.01.2027", days=days)
    assert f"({days} {word})" in text


def test_arguments_are_escaped_unless_marked_html(t: Texts) -> None:
    assert "&lt;script&gt; &amp;" in t("form-current", value="<script> &")
    assert "<b>x</b>" in t("form-current", value=Html("<b>x</b>"))


def test_every_history_action_has_wording(t: Texts) -> None:
    """Actions recorded in a mentorship's history are read back to the curator in Russian."""
    actions: set[str] = set()
    for folder in ("db", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            actions.update(re.findall(r'record\(\s*session,\s*\w+,\s*[\w.]+,\s*"([a-z_]+)"', source))
            actions.update(
                re.findall(r'set_status\(\s*session,\s*mentorship,\s*Status\.\w+,\s*[\w.]+,\s*"([a-z_]+)"', source)
            )
    actions.update(
        f"{kind}_{verb}" for kind in ("extend", "correct", "replace") for verb in ("requested", "agreed", "declined")
    )
    actions.update(
        {"item_added_by_mentor", "item_added_by_mentee", "replacement_petition_mentee", "replacement_petition_mentor"}
    )
    assert len(actions) > 15
    assert sorted(a for a in actions if not t.has(f"pair-action-{a}")) == []


def test_a_sentence_ending_on_initials_takes_one_full_stop(t: Texts) -> None:
    """«…: Белова Н. С. — Ким Д. А.. Приказ — файлом ниже» was sent to the curator after every order."""
    text = t(
        "pair-approved-curator",
        approver="Смирнова Ольга Викторовна",
        number="112-В",
        date="26.11.2026",
        pair="Белова Н. С. — Ким Д. А.",
    )
    assert "Белова Н. С. — Ким Д. А. Приказ — файлом ниже." in text and ".." not in text
    assert t.plain("pair-withdrawn", curator="Кузнецова Е. П.", pair="Мороз А. И. — Ким Д. А.").count("..") == 0
    assert "(п. 7.2)." in t("remind-end-overdue", days=2, due="01.10.2026", names="Ким Д. А.")  # clauses untouched


def test_a_long_title_on_a_button_is_cut_at_a_word_and_marked() -> None:
    from handlers.keyboards import clip

    label = "1. " + clip("Знакомство с методическим объединением начальных классов", 48)
    assert label == "1. Знакомство с методическим объединением…"  # was «…объединением начальных», cut unmarked
    assert clip("Посетить 3 урока", 48) == "Посетить 3 урока" and len(clip("А" * 60, 48)) == 48


def test_the_dashboard_says_the_mentors_load_in_words(t: Texts) -> None:
    """«Нагрузка наставников сейчас (наставляемых — наставников): 1 — 1, 2 — 3» was a riddle for a deputy head."""
    from datetime import date

    from domain.indicators import Dashboard, school_year_period
    from domain.rules import OrgRules
    from handlers.monitoring import board_text

    board = Dashboard(school_year_period(2026), date(2026, 11, 26), staff=10, mentor_load={1: 1, 2: 3})
    text = board_text(t, "МБОУ гимназия «Интеллект»", 2026, board, OrgRules())
    assert "Нагрузка наставников сейчас: 1 наставляемый — у 1 наставника; 2 наставляемых — у 3 наставников" in text
    assert "(не более 3 у одного, п. 3.7)" in text and "1 — 1" not in text
