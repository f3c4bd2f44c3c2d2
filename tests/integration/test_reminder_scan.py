"""The deadline scan against a real PostgreSQL, with a recording outbox in place of Telegram."""

import asyncio
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.engine import session_factory
from db.models import Person, ReminderLedger
from db.repositories import reminders as ledger
from db.repositories.banks import set_status
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.roles import Role
from handlers.reminders import render
from scheduler.scan import ClaimLost, Undeliverable, scan

MSK = ZoneInfo("Europe/Moscow")
LEASE = timedelta(seconds=1)
CURATOR_TG, MENTEE_TG = 5551, 5552


class Outbox:
    def __init__(
        self,
        *,
        blocked: set[int] = frozenset(),  # type: ignore[assignment]
        fail_once: str | None = None,
        die: bool = False,
        die_after_send: str | None = None,
    ) -> None:
        self.sent: list[tuple[int, str]] = []
        self.documents: list[tuple[int, str, bytes]] = []
        self.blocked = blocked
        self.fail_once = fail_once
        self.die = die
        self.die_after_send = die_after_send

    async def send(self, chat_id: int, text: str, markup: object, mark_on_the_way: Any = None) -> int:
        if self.die:
            raise asyncio.CancelledError  # the process is killed after its claim, before its message leaves
        if mark_on_the_way is not None and not await mark_on_the_way():
            raise ClaimLost("taken over")
        if chat_id in self.blocked:
            raise Undeliverable("Forbidden: bot was blocked by the user")
        if self.fail_once and self.fail_once in text:
            self.fail_once = None
            raise RuntimeError("network is down")
        self.sent.append((chat_id, text))
        if self.die_after_send and self.die_after_send in text and "Сводка" not in text:
            raise asyncio.CancelledError  # killed the instant Telegram accepted the message, before recording it
        return len(self.sent)

    async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str) -> int:
        self.documents.append((chat_id, file_name, content))
        return len(self.sent) + len(self.documents)


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02}:00").replace(tzinfo=MSK)


@pytest.fixture
async def school(clean_db: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return await make_school(clean_db)


async def make_school(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """A curator and one mentee who started work on 01.09.2026 and has no mentor (3.7: due 01.10.2026)."""
    sessions = session_factory(engine)
    async with sessions() as session:
        organization = await ensure_default_organization(session)
        curator = await create_person(session, organization.id, StaffFields("Кузнецова Елена Павловна"), [Role.CURATOR])
        await link_telegram(session, curator, CURATOR_TG)
        mentee = await create_person(
            session,
            organization.id,
            StaffFields("Ким Дарья Алексеевна", "Учитель", None, date(2026, 9, 1)),
            [Role.MENTEE],
        )
        await link_telegram(session, mentee, MENTEE_TG)
        await session.commit()
    return sessions


async def run(sessions, moment: datetime, outbox: Outbox, claimer: str = "test"):  # type: ignore[no-untyped-def]
    return await scan(moment, sessions, outbox, render, claimer=claimer, lease=LEASE, default_tz=MSK)


def reminders(outbox: Outbox) -> list[str]:
    """Reminders and alerts about the mentee's 3.7 deadline (not the digest, not the yearly refresh)."""
    return [text for _, text in outbox.sent if "Сводка" not in text and "Ким Дар" in text]


async def test_reminders_on_the_right_days_and_the_alert_after(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    by_day: dict[str, list[str]] = {}
    for offset in range(35):
        day = (date(2026, 9, 1) + timedelta(days=offset)).isoformat()
        before = len(outbox.sent)
        await run(school, at(day), outbox)
        await run(school, at(day, 15), outbox)  # a second scan the same day adds nothing
        by_day[day] = [text for _, text in outbox.sent[before:] if "Сводка" not in text]
    days = {day: [t for t in texts if "Ким Дар" in t] for day, texts in by_day.items()}
    days = {day: texts for day, texts in days.items() if texts}
    assert all(len(texts) == 1 for texts in days.values())  # each exactly once
    assert list(days) == ["2026-09-28", "2026-09-30", "2026-10-01", "2026-10-02"]
    assert "Через 3 дня (01.10.2026)" in days["2026-09-28"][0]
    assert "Завтра (01.10.2026)" in days["2026-09-30"][0]  # never «Через 1 день»
    assert "Сегодня (01.10.2026) последний день" in days["2026-10-01"][0]
    assert "Просрочено на 1 день" in days["2026-10-02"][0]
    assert all(chat == CURATOR_TG for chat, _ in outbox.sent)  # the curator acts on 3.7, not the mentee
    refresh = [day for day, texts in by_day.items() for t in texts if "п. 3.5" in t]
    assert refresh == ["2026-09-01", "2026-09-27", "2026-09-29", "2026-09-30", "2026-10-01"]  # 3.5
    digests = [text for _, text in outbox.sent if "Сводка" in text]
    # one a day, from the first day something falls due within a week (the refresh, due 30.09)
    assert len(digests) == len([d for d in by_day if d >= "2026-09-23"])
    assert "Сводка сроков на 23.09.2026" in digests[0]
    assert "Ким Дарьи Алексеевны" in digests[-1] and "Просрочено" in digests[-1]


async def test_two_scanners_at_once_send_each_reminder_once(school) -> None:  # type: ignore[no-untyped-def]
    first, second = Outbox(), Outbox()
    await asyncio.gather(run(school, at("2026-09-28"), first, "a"), run(school, at("2026-09-28"), second, "b"))
    sent = reminders(first) + reminders(second)
    assert len(sent) == 1 and "Через 3 дня" in sent[0]
    async with school() as session:
        rows = list(
            await session.scalars(
                select(ReminderLedger).where(ReminderLedger.offset == "d-3", ReminderLedger.kind == "mentor_assignment")
            )
        )
    assert len(rows) == 1 and rows[0].status == "sent"


async def test_a_crash_between_claim_and_send_neither_loses_nor_doubles(school) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(asyncio.CancelledError):
        await run(school, at("2026-09-28"), Outbox(die=True), "dying")
    survivor = Outbox()
    await run(school, at("2026-09-28"), survivor, "survivor")
    assert reminders(survivor) == []  # the claim is still within its lease
    await asyncio.sleep(LEASE.total_seconds() + 0.2)
    await run(school, at("2026-09-28"), survivor, "survivor")
    await run(school, at("2026-09-28"), survivor, "survivor")
    assert len(reminders(survivor)) == 1
    async with school() as session:
        row = await session.scalar(
            select(ReminderLedger).where(ReminderLedger.offset == "d-3", ReminderLedger.kind == "mentor_assignment")
        )
    assert row is not None and row.status == "sent" and row.attempts == 2 and row.claimed_by == "survivor"


async def test_a_crash_the_instant_a_reminder_was_accepted_does_not_send_it_twice(school) -> None:  # type: ignore[no-untyped-def]
    """Killed right as Telegram accepted the reminder (the moment a person sees it): the row was marked
    `sending` before the request, so no scanner sends it again after the lease."""
    dying = Outbox(die_after_send="Ким Дар")
    with pytest.raises(asyncio.CancelledError):
        await run(school, at("2026-09-28"), dying, "dying")
    assert len(reminders(dying)) == 1
    await asyncio.sleep(LEASE.total_seconds() + 0.2)  # the dead scanner's lease runs out
    survivor = Outbox()
    await run(school, at("2026-09-28"), survivor, "survivor")
    assert reminders(survivor) == []
    async with school() as session:
        row = await session.scalar(
            select(ReminderLedger).where(ReminderLedger.offset == "d-3", ReminderLedger.kind == "mentor_assignment")
        )
    assert row is not None and row.status == "sending" and row.claimed_by == "dying"


async def test_a_deadline_met_early_sends_nothing_more(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    await run(school, at("2026-09-28"), outbox)
    assert len(reminders(outbox)) == 1
    first_day = len(outbox.sent)
    async with school() as session:
        person = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        assert person is not None
        await set_status(session, person, "mentee", "assigned", None)  # a mentor is assigned (issue 4)
        await session.commit()
    for day in ("2026-09-30", "2026-10-01", "2026-10-02", "2026-10-05"):
        await run(school, at(day), outbox)
    assert len(reminders(outbox)) == 1
    assert not any("Ким Дар" in text for _, text in outbox.sent[first_day:])  # nor in the digests


async def test_a_planned_reminder_whose_deadline_is_met_is_skipped(school) -> None:  # type: ignore[no-untyped-def]
    async with school() as session:
        organization = await ensure_default_organization(session)
        await ledger.plan(
            session,
            organization_id=organization.id,
            key="mentor_assignment:999:2026-10-01",
            kind="mentor_assignment",
            person_id=1,
            offset="d-1",
            due=date(2026, 10, 1),
            planned_for=at("2026-09-30"),
        )
        await session.commit()
    outbox = Outbox()
    report = await run(school, at("2026-09-30", 10), outbox)
    assert [
        line.outcome
        for line in report.lines
        if line.kind == "mentor_assignment" and line.offset == "d-1" and line.recipient != "Кузнецова Елена Павловна"
    ] == []
    async with school() as session:
        row = await session.scalar(select(ReminderLedger).where(ReminderLedger.deadline_key.like("%:999:%")))
    assert row is not None and row.status == "skipped"


async def test_quiet_hours_hold_a_reminder_until_morning(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    await run(school, at("2026-09-28", 23), outbox)  # due since 09:00, but it is night now
    await run(school, at("2026-09-29", 3), outbox)
    assert outbox.sent == []
    await run(school, at("2026-09-29", 9), outbox)
    # planned for 28.09 (three days before), sent on 29.09: it says what is true on the day it arrives
    assert len(reminders(outbox)) == 1 and "Через 2 дня (01.10.2026)" in reminders(outbox)[0]


async def test_after_downtime_only_the_current_reminder_goes_out(school) -> None:  # type: ignore[no-untyped-def]
    outbox = Outbox()
    await run(school, at("2026-10-01", 11), outbox)  # the bot was down from 27.09 to 01.10
    about_mentee = [t for t in reminders(outbox) if "Ким" in t]
    assert len(about_mentee) == 1 and "Сегодня (01.10.2026) последний день" in about_mentee[0]
    async with school() as session:
        statuses = dict(
            (
                await session.execute(
                    select(ReminderLedger.offset, ReminderLedger.status).where(
                        ReminderLedger.kind == "mentor_assignment"
                    )
                )
            ).all()
        )
    assert statuses == {"d-3": "skipped", "d-1": "skipped", "d-0": "sent"}
    await run(school, at("2026-10-02"), outbox)
    assert "Просрочено" in reminders(outbox)[-1]


async def test_an_unreachable_curator_is_recorded_and_a_failure_retried(school) -> None:  # type: ignore[no-untyped-def]
    blocked = Outbox(blocked={CURATOR_TG})
    report = await run(school, at("2026-09-28"), blocked)
    assert [line.outcome for line in report.lines if line.kind == "mentor_assignment"] == ["undeliverable"]
    async with school() as session:
        row = await session.scalar(
            select(ReminderLedger).where(ReminderLedger.offset == "d-3", ReminderLedger.kind == "mentor_assignment")
        )
    assert row is not None and row.status == "undeliverable" and "blocked" in (row.error or "")

    flaky = Outbox(fail_once="Завтра (01.10.2026)")  # sending the mentee's reminder fails once (network trouble)
    await run(school, at("2026-09-30"), flaky)
    assert reminders(flaky) == []
    await run(school, at("2026-09-30", 10), flaky)
    assert len(reminders(flaky)) == 1 and "Завтра (01.10.2026)" in reminders(flaky)[0]
    async with school() as session:
        row = await session.scalar(
            select(ReminderLedger).where(ReminderLedger.offset == "d-1", ReminderLedger.kind == "mentor_assignment")
        )
    assert row is not None and row.status == "sent" and row.attempts == 2


async def test_the_programme_is_due_ten_days_after_the_order(school) -> None:  # type: ignore[no-untyped-def]
    """3.6: the mentor is reminded before the 10th day; after it, the curator is alerted too; once the
    programme is sent to the mentee, nothing more."""
    from db.models import Mentorship, MentorshipMember, Programme

    async with school() as session:
        organization = await ensure_default_organization(session)
        mentor = await create_person(session, organization.id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
        await link_telegram(session, mentor, 5553)
        kim = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        assert kim is not None
        await set_status(session, kim, "mentee", "assigned", None)
        mentorship = Mentorship(
            organization_id=organization.id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="approved",
            order_number="45-В",
            order_date=date(2026, 10, 1),
            start_date=date(2026, 10, 1),
            end_date=date(2027, 3, 31),
        )
        mentorship.members = [MentorshipMember(organization_id=organization.id, mentee_id=kim.id)]
        session.add(mentorship)
        await session.commit()
        mentorship_id, organization_id = mentorship.id, organization.id

    outbox = Outbox()
    seen: dict[str, list[tuple[int, str]]] = {}
    for offset in range(6, 14):
        day = (date(2026, 10, 1) + timedelta(days=offset)).isoformat()
        before = len(outbox.sent)
        await run(school, at(day), outbox)
        seen[day] = [(chat, text) for chat, text in outbox.sent[before:] if "программ" in text and "Сводка" not in text]
    assert {day for day, items in seen.items() if items} == {"2026-10-08", "2026-10-10", "2026-10-11", "2026-10-12"}
    assert [chat for chat, _ in seen["2026-10-08"]] == [5553]  # the mentor acts (3.6)
    assert "Через 3 дня (11.10.2026)" in seen["2026-10-08"][0][1]
    assert sorted(chat for chat, _ in seen["2026-10-12"]) == [CURATOR_TG, 5553]  # overdue: the curator is told
    assert any("наставник не составил программу" in text for _, text in seen["2026-10-12"])

    async with school() as session:
        session.add(
            Programme(organization_id=organization_id, mentorship_id=mentorship_id, goal="Цель", status="submitted")
        )
        await session.commit()
    before = len(outbox.sent)
    await run(school, at("2026-10-15"), outbox)
    assert not [text for _, text in outbox.sent[before:] if "программ" in text and "Сводка" not in text]


async def test_reports_are_due_ten_days_after_the_end(school) -> None:  # type: ignore[no-untyped-def]
    """3.6: the mentor and the mentee each report within 10 days of the end; each is reminded until they do."""
    from db.models import Mentorship, MentorshipMember, QuestionnaireDefinition, QuestionnaireResponse

    async with school() as session:
        organization = await ensure_default_organization(session)
        mentor = await create_person(session, organization.id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
        await link_telegram(session, mentor, 5554)
        kim = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        assert kim is not None
        await set_status(session, kim, "mentee", "completed", None)
        mentorship = Mentorship(
            organization_id=organization.id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="completed",
            order_number="45-В",
            order_date=date(2026, 4, 1),
            start_date=date(2026, 4, 1),
            end_date=date(2026, 9, 30),
            completed_on=date(2026, 10, 1),
        )
        mentorship.members = [MentorshipMember(organization_id=organization.id, mentee_id=kim.id)]
        session.add(mentorship)
        await session.commit()
        ids = (mentorship.id, organization.id, kim.id)

    outbox = Outbox()
    await run(school, at("2026-10-08"), outbox)  # due 11.10: three days before
    reports = [(chat, text) for chat, text in outbox.sent if "отчёт" in text.lower() and "Сводка" not in text]
    assert sorted(chat for chat, _ in reports) == [MENTEE_TG, 5554]

    async with school() as session:
        definition = await session.scalar(
            select(QuestionnaireDefinition).where(QuestionnaireDefinition.code == "mentee_report")
        )
        assert definition is not None
        session.add(
            QuestionnaireResponse(
                organization_id=ids[1],
                person_id=ids[2],
                definition_id=definition.id,
                questionnaire_code="mentee_report",
                mentorship_id=ids[0],
                attempt=1,
                status="submitted",
                answers={},
            )
        )
        await session.commit()
    before = len(outbox.sent)
    await run(school, at("2026-10-12"), outbox)  # overdue: only the mentor's report is missing
    late = [(chat, text) for chat, text in outbox.sent[before:] if "отчёт" in text.lower() and "Сводка" not in text]
    assert sorted(chat for chat, _ in late) == [CURATOR_TG, 5554]
    assert any("отчёт наставника не сдан" in text for _, text in late)


async def test_time_travel_from_the_first_day_to_both_reports(school) -> None:  # type: ignore[no-untyped-def]
    """Every reminder and alert of a mentee's whole path, by day and addressee (from the ledger):
    mentor assigned on 20.09 (before the 3.7 deadline), programme late (3.6), an activity, the planned end,
    completion, the mentee's report in time and the mentor's late."""
    from db.models import (
        Mentorship,
        MentorshipMember,
        Programme,
        ProgrammeItem,
        QuestionnaireDefinition,
        QuestionnaireResponse,
    )

    async with school() as session:
        organization = await ensure_default_organization(session)
        mentor = await create_person(session, organization.id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
        await link_telegram(session, mentor, 5555)
        kim = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        curator = await session.scalar(select(Person).where(Person.full_name == "Кузнецова Елена Павловна"))
        assert kim is not None and curator is not None
        await session.commit()
        ids = {"org": organization.id, "mentor": mentor.id, "kim": kim.id, "curator": curator.id}

    async def on(day: str) -> None:  # what people do in the bot that day, after the morning scan
        async with school() as session:
            kim = await session.get(Person, ids["kim"])
            if day == "2026-09-20":  # the director's order: a mentor within 30 days (3.7)
                mentorship = Mentorship(
                    organization_id=ids["org"],
                    mentor_id=ids["mentor"],
                    form="traditional",
                    months=1,
                    status="approved",
                    order_number="45-В",
                    order_date=date(2026, 9, 20),
                    start_date=date(2026, 9, 20),
                    end_date=date(2026, 10, 19),
                )
                mentorship.members = [MentorshipMember(organization_id=ids["org"], mentee_id=ids["kim"])]
                session.add(mentorship)
                await set_status(session, kim, "mentee", "assigned", None)  # type: ignore[arg-type]
                await session.flush()
                ids["mentorship"] = mentorship.id
            elif day == "2026-10-02":  # the programme, two days late, with one activity due on 10.10
                programme = Programme(
                    organization_id=ids["org"], mentorship_id=ids["mentorship"], goal="Цель", status="submitted"
                )
                programme.items = [
                    ProgrammeItem(
                        organization_id=ids["org"],
                        kind="assignments",
                        title="Открытый урок",
                        due_date=date(2026, 10, 10),
                        expected_result="Урок проведён",
                    )
                ]
                session.add(programme)
            elif day == "2026-10-10":  # the mentee reports the activity done
                item = await session.scalar(select(ProgrammeItem))
                item.status = "done"  # type: ignore[union-attr]
            elif day == "2026-10-19":  # the curator completes it on its last day (7.1)
                mentorship = await session.get(Mentorship, ids["mentorship"])
                mentorship.status, mentorship.completed_on = "completed", date(2026, 10, 19)  # type: ignore[union-attr]
            elif day == "2026-10-27":  # the mentee's report, in time (3.6)
                definition = await session.scalar(
                    select(QuestionnaireDefinition).where(QuestionnaireDefinition.code == "mentee_report")
                )
                session.add(
                    QuestionnaireResponse(
                        organization_id=ids["org"],
                        person_id=ids["kim"],
                        definition_id=definition.id,  # type: ignore[union-attr]
                        questionnaire_code="mentee_report",
                        mentorship_id=ids["mentorship"],
                        attempt=1,
                        status="submitted",
                        answers={},
                    )
                )
            await session.commit()

    outbox = Outbox()
    for offset in range(0, 62):
        day = (date(2026, 9, 1) + timedelta(days=offset)).isoformat()
        await run(school, at(day), outbox)
        await on(day)

    who = {ids["curator"]: "curator", ids["mentor"]: "mentor", ids["kim"]: "mentee"}
    async with school() as session:
        rows = list(
            await session.scalars(
                select(ReminderLedger).where(
                    ReminderLedger.status == "sent", ReminderLedger.kind.not_in(["digest", "yearly_refresh"])
                )
            )
        )
    got = sorted((r.planned_for.astimezone(MSK).date().isoformat(), r.kind, r.offset, who[r.person_id]) for r in rows)
    expected = sorted(
        [
            # 3.6: the programme by 30.09 (order 20.09 + 10); sent on 02.10, so an overdue alert on 01.10
            ("2026-09-27", "programme", "d-3", "mentor"),
            ("2026-09-29", "programme", "d-1", "mentor"),
            ("2026-09-30", "programme", "d-0", "mentor"),
            ("2026-10-01", "programme", "overdue", "mentor"),
            ("2026-10-01", "programme", "overdue", "curator"),
            # the activity due 10.10, marked done that day after the morning reminder
            ("2026-10-07", "activity", "d-3", "mentee"),
            ("2026-10-09", "activity", "d-1", "mentee"),
            ("2026-10-10", "activity", "d-0", "mentee"),
            # the planned end 19.10: the curator (who completes) and the mentor
            ("2026-10-16", "planned_end", "d-3", "curator"),
            ("2026-10-16", "planned_end", "d-3", "mentor"),
            ("2026-10-18", "planned_end", "d-1", "curator"),
            ("2026-10-18", "planned_end", "d-1", "mentor"),
            ("2026-10-19", "planned_end", "d-0", "curator"),
            ("2026-10-19", "planned_end", "d-0", "mentor"),
            # 3.6: both reports by 29.10; the mentee's came on 27.10, the mentor's never
            ("2026-10-26", "report_mentor", "d-3", "mentor"),
            ("2026-10-26", "report_mentee", "d-3", "mentee"),
            ("2026-10-28", "report_mentor", "d-1", "mentor"),
            ("2026-10-29", "report_mentor", "d-0", "mentor"),
            ("2026-10-30", "report_mentor", "overdue", "mentor"),
            ("2026-10-30", "report_mentor", "overdue", "curator"),
        ]
    )
    assert got == expected  # and nothing about the 3.7 deadline: the mentor came on 20.09, before 28.09
