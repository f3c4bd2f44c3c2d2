"""The scan tells the truth and never breaks: the dry run lists exactly what the real scan at that moment sends,
reminders say the days left on the day they arrive, one broken or failing message never stops the others, the
digest of a large school stays one message with a spreadsheet, and nothing waits on Telegram inside an open
database transaction."""

import asyncio
import io
import logging
import re
from datetime import date, timedelta
from typing import Any

import pytest
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage
from openpyxl import load_workbook
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.models import Mentorship, MentorshipMember, Person, Programme, ReminderLedger
from db.repositories import reminders as ledger
from db.repositories.banks import set_status
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.roles import Role
from handlers.reminders import describe, render
from scheduler.scan import ReminderView, scan
from tests.integration.test_reminder_scan import CURATOR_TG, LEASE, MSK, Outbox, at, make_school, reminders


@pytest.fixture
async def school(clean_db: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """A curator and a mentee who started work on 01.09.2026 without a mentor (3.7: due 01.10.2026)."""
    return await make_school(clean_db)


async def run(sessions, moment, outbox, *, dry_run=False, renderer=render, claimer="test"):  # type: ignore[no-untyped-def]
    return await scan(moment, sessions, outbox, renderer, claimer=claimer, lease=LEASE, default_tz=MSK, dry_run=dry_run)


async def ledger_rows(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, int, str, str, int]]:
    async with sessions() as session:
        rows = await session.execute(
            select(
                ReminderLedger.deadline_key,
                ReminderLedger.person_id,
                ReminderLedger.offset,
                ReminderLedger.status,
                ReminderLedger.attempts,
            ).order_by(ReminderLedger.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def add_mentorships(
    sessions: async_sessionmaker[AsyncSession], count: int, end: date, *, linked: bool = True
) -> list[int]:
    """`count` approved pairs whose planned end is `end`, their programmes sent (3.6); each mentor linked to
    Telegram (or not)."""
    ids = []
    async with sessions() as session:
        organization = await ensure_default_organization(session)
        first = await session.scalar(select(func.count()).select_from(Mentorship)) or 0
        for index in range(first, first + count):
            mentor = await create_person(
                session, organization.id, StaffFields(f"Наставник Длинная-Фамилия Иван № {index:03}"), [Role.MENTOR]
            )
            mentee = await create_person(
                session,
                organization.id,
                StaffFields(f"Наставляемая Длиннофамильная Екатерина Александровна № {index:03}"),
                [Role.MENTEE],
            )
            if linked:
                await link_telegram(session, mentor, 700_000 + index)
            mentorship = Mentorship(
                organization_id=organization.id,
                mentor_id=mentor.id,
                form="traditional",
                months=6,
                status="approved",
                order_number=f"{index}-В",
                order_date=end - timedelta(days=180),
                start_date=end - timedelta(days=180),
                end_date=end,
            )
            mentorship.members = [MentorshipMember(organization_id=organization.id, mentee_id=mentee.id)]
            session.add(mentorship)
            await session.flush()
            session.add(Programme(organization_id=organization.id, mentorship_id=mentorship.id, status="submitted"))
            ids.append(mentorship.id)
        await session.commit()
    return ids


# -- 1. the dry run is the real scan, minus sending ------------------------------------------------------------
async def test_the_dry_run_lists_exactly_what_the_real_scan_then_sends(school) -> None:  # type: ignore[no-untyped-def]
    await add_mentorships(school, 2, date(2026, 10, 2))
    await add_mentorships(school, 1, date(2026, 10, 2), linked=False)  # this mentor never opened the bot
    outbox = Outbox()
    # 28.09, 23:00: the 3.7 reminder (three days before 01.10) and the end reminders are due, but it is night
    for moment in (
        at("2026-09-28", 23),
        at("2026-09-29", 3),
        at("2026-09-29", 9),
        at("2026-09-30", 22),
        at("2026-09-30", 9),
    ):
        before = await ledger_rows(school)
        dry = await run(school, moment, Outbox(), dry_run=True)
        assert await ledger_rows(school) == before  # a dry run leaves no trace
        sent_before = len(outbox.sent)
        real = await run(school, moment, outbox)
        assert [line.identity for line in dry.lines] == [line.identity for line in real.lines], moment
        assert dry.count("sent") == real.count("sent") == len(outbox.sent) - sent_before
        if moment.hour in (23, 3, 22):  # quiet hours: nothing goes out, and the dry run says so
            assert dry.lines == [] and real.lines == []
    # the pending rows planned at night went out in the morning, and the dry run had listed them
    statuses = {(key.split(":")[0], offset): status for key, _, offset, status, _ in await ledger_rows(school)}
    assert statuses[("mentor_assignment", "d-3")] == "sent"
    assert statuses[("planned_end", "d-3")] in ("sent", "undeliverable")


async def test_the_remind_list_reads_in_russian(school) -> None:  # type: ignore[no-untyped-def]
    await add_mentorships(school, 1, date(2026, 10, 1), linked=False)
    dry = await run(school, at("2026-09-30", 9), Outbox(), dry_run=True)
    lines = describe(dry, "30.09.2026 09:00", "Europe/Moscow")
    body = "\n".join(lines[1:])
    assert (
        "будет отправлено: Кузнецова Елена Павловна — назначение наставника для Ким Дарьи Алексеевны (п. 3.7),"
        " срок 01.10.2026 — завтра" in body
    )
    assert "не будет доставлено: не подключён(а) к боту" in body  # the mentor who never linked Telegram
    assert "ежедневная сводка сроков" in body and lines[-1].startswith("Итого: будет отправлено")
    assert not re.search(r"[A-Za-z]", body), body  # no "would send", "d-1", "mentor_assignment"…
    real = describe(await run(school, at("2026-09-30", 9), Outbox()), "30.09.2026 09:00", "Europe/Moscow")
    assert any(line.startswith("  отправлено: Кузнецова Елена Павловна — назначение наставника") for line in real)


# -- 2. the days left on the day it is sent ---------------------------------------------------------------------
async def test_a_late_alert_counts_the_days_actually_overdue(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    await run(school, at("2026-10-06", 10), outbox)  # the bot was down from 27.09 to 06.10; due 01.10
    assert len(reminders(outbox)) == 1
    assert "Просрочено на 5 дней: наставник для Ким Дарьи Алексеевны не назначен" in reminders(outbox)[0]


async def test_a_reminder_held_past_its_day_gives_way_to_the_current_one(school) -> None:  # type: ignore[no-untyped-def]
    """«Сегодня последний день» planned at 21:00 on the last day would arrive the next morning as a lie:
    the overdue alert supersedes it."""
    outbox = Outbox()
    await run(school, at("2026-10-01", 21), outbox)  # d-0 planned, held by quiet hours
    await run(school, at("2026-10-02", 9), outbox)
    assert len(reminders(outbox)) == 1 and "Просрочено на 1 день" in reminders(outbox)[0]
    statuses = {o: s for k, _, o, s, _ in await ledger_rows(school) if k.startswith("mentor_assignment")}
    assert statuses == {"d-3": "skipped", "d-1": "skipped", "d-0": "skipped", "overdue": "sent"}


# -- 4. a broken text, a huge digest, a failing send: the others go on -------------------------------------------
async def test_a_large_schools_digest_is_one_message_and_a_spreadsheet(school) -> None:  # type: ignore[no-untyped-def]
    await add_mentorships(school, 100, date(2026, 10, 2))  # planned ends within the week
    await add_mentorships(school, 100, date(2026, 9, 20))  # and overdue, not completed
    outbox = Outbox()
    report = await run(school, at("2026-09-28"), outbox)
    digests = [t for chat, t in outbox.sent if "Сводка сроков" in t]
    assert len(digests) == 1 and len(digests[0]) < 4096
    assert "Просрочено: " in digests[0] and "окончание наставничества (п. 7.1) — 100" in digests[0]
    assert "Самое срочное" in digests[0] and "полный список в файле «Сводка сроков 28.09.2026.xlsx»" in digests[0]
    assert [(chat, name) for chat, name, _ in outbox.documents] == [(CURATOR_TG, "Сводка сроков 28.09.2026.xlsx")]
    sheet = load_workbook(io.BytesIO(outbox.documents[0][2])).active
    assert sheet is not None
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 202  # 200 planned ends, the 3.7 mentor and the 3.5 refresh
    assert any("№ 099" in (name or "") for name in names)
    assert report.count("failed") == 0
    assert len(reminders(outbox)) == 1  # the 3.7 reminder went out too


async def test_one_broken_message_does_not_stop_the_others(school, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken(view: ReminderView):  # type: ignore[no-untyped-def]
        if view.kind == "yearly_refresh":
            raise ValueError("Too many characters in placeable")
        return render(view)

    outbox = Outbox()
    with caplog.at_level(logging.WARNING, logger="scheduler.scan"):
        report = await run(school, at("2026-09-28"), outbox, renderer=broken)
    assert len(reminders(outbox)) == 1  # the 3.7 reminder and the digest still went out
    assert any("Сводка сроков" in t for _, t in outbox.sent)
    rows = {k.split(":")[0]: (s, a) for k, _, o, s, a in await ledger_rows(school) if s != "skipped"}
    assert rows["yearly_refresh"] == ("pending", 1)  # released, to be tried again
    failed = [line for line in report.lines if line.outcome == "failed"]
    assert len(failed) == 1 and f"reminder {failed[0].row_id} (yearly_refresh" in caplog.text


@pytest.mark.parametrize(
    "error",
    [
        TelegramNetworkError(SendMessage(chat_id=CURATOR_TG, text="x"), "connection reset"),
        TelegramServerError(SendMessage(chat_id=CURATOR_TG, text="x"), "Bad Gateway"),
        TelegramRetryAfter(SendMessage(chat_id=CURATOR_TG, text="x"), "Too Many Requests", 90),
    ],
)
async def test_a_transient_failure_leaves_the_reminder_due(school, caplog, error) -> None:  # type: ignore[no-untyped-def]
    class Failing(Outbox):
        async def send(self, chat_id: int, text: str, markup: object, mark_on_the_way: Any = None) -> int:
            if "Ким Дар" in text and "Сводка" not in text:
                raise error
            return await super().send(chat_id, text, markup, mark_on_the_way)

    with caplog.at_level(logging.WARNING, logger="scheduler.scan"):
        for attempt in range(1, ledger.MAX_ATTEMPTS + 1):
            await run(school, at("2026-09-28", 9) + timedelta(minutes=5 * attempt), Failing())
            state = {(k, o): (s, a) for k, _, o, s, a in await ledger_rows(school)}
            status, attempts = state[("mentor_assignment:2:2026-10-01", "d-3")]
            assert attempts == attempt
            assert status == ("pending" if attempt < ledger.MAX_ATTEMPTS else "failed")
    row_id = await _row_id(school, "mentor_assignment:2:2026-10-01", "d-3")
    assert f"reminder {row_id} (mentor_assignment) to chat {CURATOR_TG} not sent" in caplog.text


async def _row_id(sessions: async_sessionmaker[AsyncSession], key: str, offset: str) -> int:
    async with sessions() as session:
        row_id = await session.scalar(
            select(ReminderLedger.id).where(ReminderLedger.deadline_key == key, ReminderLedger.offset == offset)
        )
    assert row_id is not None
    return row_id


# -- 5. nothing waits on Telegram inside a database transaction -----------------------------------------------
async def test_no_transaction_is_open_while_a_message_is_sent(school, clean_db) -> None:  # type: ignore[no-untyped-def]
    await add_mentorships(school, 3, date(2026, 10, 1))

    class Watching(Outbox):
        """Looks at the database from another connection at the moment of each send."""

        def __init__(self) -> None:
            super().__init__()
            self.open: list[int] = []

        async def _check(self) -> None:
            async with clean_db.connect() as connection:
                self.open.append(
                    await connection.scalar(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
                        )
                    )
                )

        async def send(self, chat_id: int, text: str, markup: object, mark_on_the_way: Any = None) -> int:
            await self._check()
            return await super().send(chat_id, text, markup, mark_on_the_way)

        async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str) -> int:
            await self._check()
            return await super().send_document(chat_id, file_name, content, caption)

    outbox = Watching()
    await run(school, at("2026-09-30"), outbox)
    assert len(outbox.sent) >= 5  # the 3.7 reminder, three pairs' end to curator and mentors, the digest
    assert outbox.open == [0] * len(outbox.open)


async def test_the_statements_of_a_scan_do_not_grow_with_its_reminders(school, clean_db) -> None:  # type: ignore[no-untyped-def]
    """No N+1: people, mentees and titles are loaded for a whole batch at once."""
    from sqlalchemy import event

    counts = []
    for size in (3, 30):
        await add_mentorships(school, size - len(counts) * 3, date(2026, 10, 20))
        statements: list[int] = []

        def listener(*args: object, statements: list[int] = statements) -> None:
            statements.append(1)

        event.listen(clean_db.sync_engine, "before_cursor_execute", listener)
        try:
            report = await run(school, at("2026-10-17"), Outbox(), dry_run=True)
        finally:
            event.remove(clean_db.sync_engine, "before_cursor_execute", listener)
        assert report.count("sent") == 2 * size + 3  # curator and mentor of each; 3.7 and 3.5 alerts, the digest
        counts.append(len(statements))
    assert counts[1] == counts[0], counts


async def test_a_met_deadline_is_skipped_in_the_dry_run_too(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    await run(school, at("2026-09-29", 23), outbox)  # d-3 planned at night, still pending
    async with school() as session:
        kim = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        await set_status(session, kim, "mentee", "assigned", None)  # type: ignore[arg-type]
        await session.commit()
    dry = await run(school, at("2026-09-30", 9), Outbox(), dry_run=True)
    real = await run(school, at("2026-09-30", 9), outbox)
    assert [line.identity for line in dry.lines] == [line.identity for line in real.lines]
    mentor_lines = [line for line in real.lines if line.kind == "mentor_assignment"]
    assert [(line.outcome, line.reason) for line in mentor_lines] == [("skipped", "met")]
    assert reminders(outbox) == []
    async with school() as session:
        assert await session.scalar(select(func.count()).where(ReminderLedger.status == "pending")) == 0


async def test_a_batch_paced_longer_than_the_lease_is_not_taken_over(school) -> None:  # type: ignore[no-untyped-def]
    """Pacing may make a batch outlast the lease: the scanner renews it, so a second scanner that starts
    meanwhile takes over nothing it still holds — every reminder goes out once."""
    await add_mentorships(school, 3, date(2026, 10, 1))
    third_sent = asyncio.Event()

    class Slow(Outbox):
        async def send(self, chat_id: int, text: str, markup: object, mark_on_the_way: Any = None) -> int:
            await asyncio.sleep(LEASE.total_seconds() / 2)  # Telegram's per-chat pace, compressed
            sent = await super().send(chat_id, text, markup, mark_on_the_way)
            if len(self.sent) == 3:
                third_sent.set()
            return sent

    slow, other = Slow(), Outbox()

    async def second_scanner() -> None:
        await third_sent.wait()  # by now the first claim is older than the lease
        await run(school, at("2026-09-30"), other, claimer="second")

    await asyncio.gather(run(school, at("2026-09-30"), slow, claimer="first"), second_scanner())
    everything = slow.sent + other.sent
    assert len(slow.sent) >= 8  # the 3.7 reminder, three pairs' end to the curator and the mentors, the digest
    assert len(everything) == len(set(everything))  # nothing twice
    assert other.sent == []


async def test_what_a_dead_scanner_left_is_not_sent_as_yesterdays_news(school) -> None:  # type: ignore[no-untyped-def]
    """A scanner dies on 01.10 after claiming «Сегодня последний день» and that day's digest. On 02.10 the
    overdue alert supersedes the one, and the other is a past day's digest: neither goes out late."""
    with pytest.raises(asyncio.CancelledError):
        await run(school, at("2026-10-01"), Outbox(die=True), claimer="dying")
    await asyncio.sleep(LEASE.total_seconds() + 0.2)  # the dead scanner's lease runs out
    outbox = Outbox()
    report = await run(school, at("2026-10-02"), outbox)
    assert len(reminders(outbox)) == 1 and "Просрочено на 1 день" in reminders(outbox)[0]
    digests = [t for _, t in outbox.sent if "Сводка сроков" in t]
    assert len(digests) == 1 and "Сводка сроков на 02.10.2026" in digests[0]
    assert [(line.outcome, line.reason) for line in report.lines if line.kind == "digest"] == [
        ("skipped", "stale"),
        ("sent", ""),
    ]
    statuses = {(k.split(":")[0], o): s for k, _, o, s, _ in await ledger_rows(school)}
    assert statuses[("mentor_assignment", "d-0")] == "skipped"
    assert statuses[("mentor_assignment", "overdue")] == "sent"
