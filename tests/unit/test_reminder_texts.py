"""How reminders read on the day they are sent, where their buttons lead, and the digest of a large school
(or of a department's schools): one message under Telegram's limit, the full list as a spreadsheet."""

import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from aiogram.types import InlineKeyboardMarkup
from openpyxl import load_workbook

from db.repositories.deadlines import Recipient
from domain.deadlines import OVERDUE, DeadlineKind, stage
from domain.digest import DigestItem, build_digest, fitting
from handlers.callbacks import PairCb, ProgCb
from handlers.questionnaire import QStart
from handlers.reminders import render
from handlers.staff import StaffCb

TODAY = date(2026, 9, 28)
CURATOR = Recipient(1, "Кузнецова Елена Павловна", 5551, True, True)
MENTOR = Recipient(2, "Мороз Андрей Иванович", 5552, True, True)


@dataclass
class View:  # the shape of scheduler.scan.ReminderView
    kind: str
    offset: str
    due: date
    today: date
    recipient: Recipient
    subject_id: int = 7
    details: dict[str, Any] = field(default_factory=dict)


def mentor_view(days_left: int, offset: str = "d-3") -> View:
    details = {"mentee": "Ким Дарья Алексеевна", "mentee_id": 42, "limit": 30}
    return View(DeadlineKind.MENTOR_ASSIGNMENT, offset, TODAY + timedelta(days=days_left), TODAY, CURATOR, 42, details)


def callbacks(markup: InlineKeyboardMarkup | None) -> list[str]:
    assert markup is not None
    return [b.callback_data or "" for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize(
    ("days_left", "phrase"),
    [
        (5, "Через 5 дней ("),
        (3, "Через 3 дня ("),
        (2, "Через 2 дня ("),
        (21, "Через 21 день ("),
        (1, "Завтра ("),
        (0, "Сегодня ("),
        (-1, "Просрочено на 1 день:"),
        (-3, "Просрочено на 3 дня:"),
        (-5, "Просрочено на 5 дней:"),
    ],
)
def test_the_days_left_are_counted_on_the_day_of_sending(days_left: int, phrase: str) -> None:
    """The slot ("d-3") does not decide the wording: a reminder held by quiet hours or downtime tells the truth."""
    rendered = render(mentor_view(days_left, offset="d-3"))
    assert phrase in rendered.text
    assert "Через 1 день" not in rendered.text and "Через 0" not in rendered.text


def test_stages() -> None:
    assert [stage(d) for d in (3, 2, 1, 0, -1)] == ["before", "before", "tomorrow", "today", "overdue"]


def test_every_kind_and_stage_has_wording_and_a_plain_summary() -> None:
    details: dict[str, Any] = {
        "mentee": "Ким Д. А.",
        "mentee_id": 4,
        "title": "Открытый урок",
        "campaign_id": 3,
        "code": "mentee_needs",
        "waiting": ["А", "Б"],
        "year": "2026/2027",
        "mentorship_id": 9,
        "mentees": ["Ким Д. А."],
        "author_id": 2,
        "author": "Мороз А. И.",
        "mentor_id": 2,
    }
    for kind in DeadlineKind:
        for days_left, offset in ((3, "d-3"), (1, "d-1"), (0, "d-0"), (-2, OVERDUE)):
            for recipient in (CURATOR, MENTOR):
                view = View(kind, offset, TODAY + timedelta(days=days_left), TODAY, recipient, 4, details)
                rendered = render(view)
                assert rendered.text and rendered.markup is not None
                # the `remind` list is for a deputy head: Russian, no internal codes
                assert not re.search(r"[A-Za-z]", rendered.summary), rendered.summary


def test_buttons_lead_straight_to_the_action() -> None:
    # 3.7: choosing a mentor for this mentee, in the curator's pair-forming flow
    assert callbacks(render(mentor_view(3)).markup) == [PairCb(action="new", id=42).pack()]
    # 3.6: the programme editor of this mentorship, for the mentor
    programme = View(DeadlineKind.PROGRAMME, "d-1", TODAY + timedelta(days=1), TODAY, MENTOR, 9)
    programme.details = {"mentorship_id": 9, "mentees": ["Ким Д. А."], "mentor_id": MENTOR.id}
    rendered = render(programme)
    assert callbacks(rendered.markup) == [ProgCb(action="view", id=9).pack()]
    assert "Составить программу" in rendered.markup.inline_keyboard[0][0].text  # type: ignore[union-attr]
    # 3.6: the report questionnaire of this mentorship, for its author
    report = View(DeadlineKind.REPORT_MENTOR, "d-3", TODAY + timedelta(days=3), TODAY, MENTOR, 9)
    report.details = {"mentorship_id": 9, "mentees": [], "author_id": MENTOR.id, "code": "mentor_report"}
    assert callbacks(render(report).markup) == [QStart(code="mentor_report", m=9).pack()]
    # whom reminders could not reach: a new invite for each of them
    people = [
        {"id": 11, "name": "Смирнова Ольга Викторовна", "reason": "blocked"},
        {"id": 12, "name": "Ким Дарья Алексеевна", "reason": "no_telegram"},
    ]
    notice = render(View("undeliverable", "", TODAY, TODAY, CURATOR, 0, {"people": people}))
    assert "Смирнова Ольга Викторовна — заблокировал(а) бота" in notice.text
    assert "Ким Дарья Алексеевна — не подключён(а) к боту" in notice.text
    assert callbacks(notice.markup) == [
        StaffCb(action="invite", person_id=11).pack(),
        StaffCb(action="invite", person_id=12).pack(),
    ]


def test_hundreds_of_unreachable_people_fit_one_message() -> None:
    people = [{"id": i, "name": f"Сотрудник Номер {i} <b>", "reason": "no_telegram"} for i in range(1, 400)]
    notice = render(View("undeliverable", "", TODAY, TODAY, CURATOR, 0, {"people": people}))
    assert len(notice.text) < 4096 and "и ещё 379" in notice.text
    assert "&lt;b&gt;" in notice.text  # names are escaped exactly once
    assert len(callbacks(notice.markup)) == 9  # eight invites and the staff list


def _items(count: int, schools: int = 1) -> list[DigestItem]:
    kinds = [k.value for k in DeadlineKind if k != DeadlineKind.CAMPAIGN]
    return [
        DigestItem(
            kinds[i % len(kinds)],
            f"Наставляемая Длиннофамильная-Двойная Екатерина Александровна № {i}",
            TODAY + timedelta(days=(i * 7) % 40 - 30),
            f"МБОУ «Средняя общеобразовательная школа № {i % schools + 1}»" if schools > 1 else "",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(("count", "schools"), [(200, 1), (5000, 1), (3000, 12)])
def test_the_digest_of_a_large_school_is_one_readable_message(count: int, schools: int) -> None:
    digest = build_digest(_items(count, schools), TODAY)
    assert len(digest.items) < count  # what falls due later than a week is left out
    rendered = render(View("digest", "digest", TODAY, TODAY, CURATOR, 0, {"digest": digest}))
    assert len(rendered.text) < 4096
    assert "Просрочено: " in rendered.text and "В ближайшие 7 дней: " in rendered.text
    assert "• назначение наставника (п. 3.7) — " in rendered.text  # counts by kind
    urgent = rendered.text.split("Самое срочное")[1]
    first = urgent.strip().splitlines()[1]
    assert "просрочено на 30 дней" in first  # the longest overdue first
    assert rendered.attachment is not None and rendered.attachment.file_name == "Сводка сроков 28.09.2026.xlsx"
    assert f"в файле «{rendered.attachment.file_name}»" in rendered.text
    sheet = load_workbook(io.BytesIO(rendered.attachment.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(digest.items) + 1  # the full list
    assert ("Школа" in rows[0]) == (schools > 1)
    assert rows[1][-1] == "просрочено на 30 дней" and rows[-1][-1] in ("через 7 дней", "через 6 дней")


def test_a_small_digest_lists_everything_and_needs_no_file() -> None:
    digest = build_digest(_items(4), TODAY)
    rendered = render(View("digest", "digest", TODAY, TODAY, CURATOR, 0, {"digest": digest}))
    assert rendered.attachment is None
    assert rendered.text.count("\n• ") >= len(digest.items)


def test_fitting() -> None:
    assert fitting(["aaa", "bbb", "ccc"], 7) == 2  # "aaa\nbbb"
    assert fitting(["aaaaaaaa"], 7) == 0


def test_every_outcome_of_the_remind_list_has_wording() -> None:
    from locales import texts

    t = texts()
    outcomes = ["sent", "failed", "undeliverable-blocked", "undeliverable-no_telegram"]
    outcomes += ["skipped-met", "skipped-nothing", "skipped-stale"]
    missing = [f"{mode}-{o}" for mode in ("dry", "real") for o in outcomes if not t.has(f"scan-outcome-{mode}-{o}")]
    assert missing == []
    assert all(t.has(f"scan-total-{mode}") for mode in ("dry", "real"))
