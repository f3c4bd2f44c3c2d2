"""Deadline reminders through the real bot session (pacing, retries, 403) and the emulator (issue 5)."""

import asyncio
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.app import build_bot, forbidden_marker
from bot.reminders import run_scan
from bot.settings import Settings
from db.models import BankEntry, Person, ReminderLedger
from db.repositories.organizations import create_organization
from db.repositories.people import StaffFields, create_person
from domain.roles import Role
from handlers.callbacks import PairCb
from scheduler.scan import Undeliverable
from tests.e2e.conftest import TEST_TOKEN, World
from tests.e2e.helpers import staff

MSK = ZoneInfo("Europe/Moscow")


def nine(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=9, tzinfo=MSK)


@pytest.fixture
def settings(world: World) -> Settings:
    return Settings(
        bot_token=TEST_TOKEN, telegram_api_url=world.emulator.url, reminder_lease_seconds=0.3, database_url="unused"
    )


class Dying(Exception):
    pass


async def test_thirty_five_days_with_two_scanners_and_one_killed(world: World, settings: Settings) -> None:
    """The issue's judged scenario: a mentee started on 01.09.2026 and has no mentor; scans every day from
    1 September to 5 October, two at a time, one of them dying between its claim and its send."""
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=9101)
    curator = await world.client.add_user(9101, "Елена")
    async with world.sessions() as session:
        school_id = await session.scalar(select(Person.organization_id).limit(1))
        assert school_id is not None
        await create_person(
            session, school_id, StaffFields("Ким Дарья Алексеевна", "Учитель", None, date(2026, 9, 1)), [Role.MENTEE]
        )
        mentor = await create_person(session, school_id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
        session.add(BankEntry(organization_id=school_id, person_id=mentor.id, bank="mentor", status="approved"))
        await session.commit()

    bot = build_bot(TEST_TOKEN, world.emulator.url, forbidden_marker(world.sessions))

    class DyingBot:
        """A scanner whose process dies right before its first message leaves."""

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(bot, name)

        async def send_message(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise asyncio.CancelledError

    received: dict[str, list[str]] = {}
    try:
        for offset in range(35):
            day = date(2026, 9, 1) + timedelta(days=offset)
            before = len(await curator.bot_messages())
            results = await asyncio.gather(
                run_scan(nine(day), world.sessions, DyingBot(), settings, claimer="dying"),  # type: ignore[arg-type]
                run_scan(nine(day), world.sessions, bot, settings, claimer="steady"),
                return_exceptions=True,
            )
            assert not any(isinstance(r, Exception) and not isinstance(r, asyncio.CancelledError) for r in results)
            await asyncio.sleep(0.4)  # the dead scanner's lease runs out…
            await run_scan(nine(day), world.sessions, bot, settings, claimer="steady")  # …and its work is taken over
            received[day.isoformat()] = [m.body for m in (await curator.bot_messages())[before:]]
    finally:
        await bot.session.close()

    about = {day: [t for t in texts if "Ким Дар" in t and "Сводка" not in t] for day, texts in received.items()}
    about = {day: texts for day, texts in about.items() if texts}
    assert list(about) == ["2026-09-28", "2026-09-30", "2026-10-01", "2026-10-02"]
    assert all(len(texts) == 1 for texts in about.values())  # each exactly once
    assert "Через 3 дня (01.10.2026)" in about["2026-09-28"][0]
    assert "Завтра (01.10.2026)" in about["2026-09-30"][0]
    assert "Сегодня (01.10.2026) последний день" in about["2026-10-01"][0]
    assert "Просрочено на 1 день" in about["2026-10-02"][0]
    digests = {day: [t for t in texts if "Сводка" in t] for day, texts in received.items()}
    assert all(len(texts) <= 1 for texts in digests.values())  # one digest a day at most
    assert "Ким Дарьи Алексеевны" in digests["2026-10-05"][0]  # overdue, and still listed until done
    assert "просрочено на 4 дня" in digests["2026-10-05"][0]
    message = next(m for m in await curator.bot_messages() if m.body.startswith("⚠️ Просрочено на 1 день: наставник"))
    assert message.labels == ["👥 Подобрать наставника"]
    # 3.7: straight to choosing a mentor for this mentee (the pair-forming flow, with suggestions)
    reply = await curator.press("Подобрать наставника", message)
    assert "Кого предложить наставником" in reply.text and "(наставляемых: 1)" in reply.text
    assert any("Мороз Андрей Иванович" in label for label in reply.last.labels)

    # a forged button for a mentee of another school is refused by the server
    async with world.sessions() as session:
        other = await create_organization(session, "Школа № 2", "Школа № 2")
        stranger = await create_person(
            session, other.id, StaffFields("Чужая Наставляемая", "Учитель", None, date(2026, 9, 1)), [Role.MENTEE]
        )
        await session.commit()
    refused = await curator.press_data(PairCb(action="new", id=stranger.id).pack(), reply.last.message_id)
    assert refused.callback_answer == "Этот человек уже не ждёт наставника." and refused.show_alert


async def test_a_429_storm_and_a_403(world: World, settings: Settings) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=9201)
    await staff(world.sessions, "Смирнова Ольга Викторовна", [Role.CURATOR], telegram_id=9202)
    first = await world.client.add_user(9201, "Елена")
    second = await world.client.add_user(9202, "Ольга")
    async with world.sessions() as session:
        school_id = await session.scalar(select(Person.organization_id).limit(1))
        for surname in ("Петрова", "Соколова", "Орлова", "Волкова"):
            await create_person(
                session,
                school_id,
                StaffFields(f"{surname} Анна Сергеевна", "Учитель", None, date(2026, 9, 1)),
                [Role.MENTEE],
            )  # type: ignore[arg-type]
        await session.commit()

    world.emulator.state.users[9202].blocked_bot = True  # the second curator blocked the bot
    await world.client.configure(rate_limit_per_second=2, retry_after=1)
    bot = build_bot(TEST_TOKEN, world.emulator.url, forbidden_marker(world.sessions))
    try:
        report = await run_scan(nine(date(2026, 9, 28)), world.sessions, bot, settings)
    finally:
        await world.client.configure(rate_limit_per_second=None)
        await bot.session.close()

    reminders = [m.body for m in await first.bot_messages() if "Анны Сергеевны" in m.body and "Сводка" not in m.body]
    assert len(reminders) == 4  # all delivered despite the 429s
    assert world.emulator.state.requests.count("sendMessage") > len(await first.bot_messages()) + 1
    assert report.count("undeliverable") >= 4  # every reminder to the blocked curator
    alert = await first.wait_for_message(lambda m: "Не удалось доставить напоминания" in m.body)
    assert "Смирнова Ольга Викторовна — заблокировал(а) бота" in alert.body
    assert alert.labels == ["🔗 Новое приглашение: Смирнова Ольга Викторовна"]
    # straight to a new invite for her (she is linked, so the bot asks before replacing the link)
    reply = await first.press("Новое приглашение: Смирнова Ольга Викторовна", alert)
    assert "Смирнова Ольга Викторовна" in reply.text
    assert await second.bot_messages() == []
    async with world.sessions() as session:
        blocked = await session.scalar(select(Person).where(Person.telegram_user_id == 9202))
        statuses = set(
            await session.scalars(select(ReminderLedger.status).where(ReminderLedger.person_id == blocked.id))
        )  # type: ignore[union-attr]
    assert blocked is not None and blocked.is_reachable is False
    assert "undeliverable" in statuses and "sent" not in statuses  # "skipped": superseded earlier ones


def remind(world: World, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "remind", *args],
        env=world.env,
        cwd=world.bot.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_the_remind_command_with_a_process_killed_mid_run(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=9301)
    curator = await world.client.add_user(9301, "Елена")
    async with world.sessions() as session:
        school_id = await session.scalar(select(Person.organization_id).limit(1))
        await create_person(
            session,
            school_id,
            StaffFields(
                "Ким Дарья Алексеевна",
                "Учитель",
                None,  # type: ignore[arg-type]
                date(2026, 9, 1),
            ),
            [Role.MENTEE],
        )
        await session.commit()

    dry = remind(world, "--at", "2026-09-28T09:00", "--dry-run")
    out, err = await asyncio.to_thread(dry.communicate, timeout=120)
    assert dry.returncode == 0, err
    assert "Пробный запуск: ничего не отправлено" in out
    assert (
        "  будет отправлено: Кузнецова Елена Павловна — назначение наставника для Ким Дарьи Алексеевны (п. 3.7),"
        " срок 01.10.2026 — через 3 дня"
    ) in out
    assert "d-3" not in out and "mentor_assignment" not in out and "would" not in out
    assert await curator.bot_messages() == []

    victim = remind(world, "--at", "2026-09-28T09:00")
    steady = remind(world, "--at", "2026-09-28T09:00")
    await asyncio.sleep(2.5)
    victim.kill()  # SIGKILL at whatever point it has reached
    await asyncio.to_thread(victim.wait, 30)
    out, err = await asyncio.to_thread(steady.communicate, timeout=120)
    assert steady.returncode == 0, err
    await asyncio.sleep(1.2)  # past the lease of anything the killed one had claimed
    recovery = remind(world, "--at", "2026-09-28T09:00")
    out2, err2 = await asyncio.to_thread(recovery.communicate, timeout=120)
    assert recovery.returncode == 0, err2

    await curator.wait_for_message(lambda m: "Ким Дар" in m.body and "Через 3 дня" in m.body)
    await asyncio.sleep(0.5)
    reminders = [m for m in await curator.bot_messages() if "Ким Дар" in m.body and "Через 3 дня" in m.body]
    assert len(reminders) == 1
    assert re.search(r"  отправлено: Кузнецова Елена Павловна — назначение наставника для Ким", out + out2)


def test_the_scheduler_has_a_scan_and_a_digest_job() -> None:
    from scheduler.runner import build_scheduler

    async def job() -> None:
        return None

    scheduler = build_scheduler(job, MSK, digest_hour=9)
    jobs = {j.id: j for j in scheduler.get_jobs()}
    assert set(jobs) == {"deadline-scan", "morning-digest"}
    assert "interval[0:05:00]" in str(jobs["deadline-scan"].trigger)
    assert "hour='9'" in str(jobs["morning-digest"].trigger)
    assert Undeliverable.__name__ == "Undeliverable"
