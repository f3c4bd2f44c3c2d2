"""The running bot keeps its promises (issue 12): its own scheduler sends due reminders, a crash loses and
doubles nothing, a burst of simultaneous users is answered in full, and a database restart under the bot
loses nothing. Each test drives the real `python -m bot run` process through the emulator."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from bot.emulator import Emulator
from bot.emulator.client import BotMessage
from bot.emulator.state import SimUser
from db.models import IncomingUpdate, Organization, ReminderLedger
from db.repositories.people import StaffFields, create_person
from domain.roles import Role
from tests.e2e.conftest import TEST_TOKEN, BotProcess, World, log_problems
from tests.e2e.helpers import school, staff

BOT_ID = int(TEST_TOKEN.split(":")[0])


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    """Wait for a condition the bot brings about; fail with `what` when it never comes."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.05)


def bot_replies(emulator: Emulator, user_id: int) -> list[str]:
    return [m.text or "" for m in emulator.state.chats.get(user_id, []) if m.from_bot]


def strangers(emulator: Emulator, first_id: int, count: int) -> list[int]:
    ids = list(range(first_id, first_id + count))
    for user_id in ids:
        emulator.state.add_user(SimUser(user_id, f"Гость{user_id}"))
    return ids


def midday_zone() -> str:
    """A fixed-offset zone in which it is now about 13:00, inside the reminders' working hours (9–20)."""
    offset = (13 - datetime.now(UTC).hour + 12) % 24 - 12  # within −12…+11
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX sign: Etc/GMT-3 is UTC+3


async def own_bot(world: World, tmp_path: Path, **env: str) -> BotProcess:
    """A bot process of this test's own (the shared one is stopped: one poller per token)."""
    world.bot.stop()
    process = BotProcess({**world.env, **env}, tmp_path / "bot.log", world.bot.root, world.emulator)
    await process.start()
    return process


def is_reminder(message: BotMessage) -> bool:
    return "Ким Дарьи Алексеевны" in message.body and "3.7" in message.body and "Сводка" not in message.body


async def test_the_bot_sends_a_due_reminder_by_itself_once_and_again_after_a_restart(
    world: World, tmp_path: Path
) -> None:
    """3.7: a mentee admitted 27 days ago has no mentor; the curator is reminded by the bot's own scheduler,
    with no `remind` command, once — a restart does not send it again."""
    organization = await school(world.sessions)
    async with world.sessions() as session:
        await session.execute(
            update(Organization).where(Organization.id == organization.id).values(timezone=midday_zone())
        )
        await session.commit()
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=9301)
    curator = await world.client.add_user(9301, "Елена")
    started = date.today() - timedelta(days=27)
    async with world.sessions() as session:
        await create_person(
            session, organization.id, StaffFields("Ким Дарья Алексеевна", "Учитель", None, started), [Role.MENTEE]
        )
        await session.commit()

    process = await own_bot(world, tmp_path, REMINDERS_ENABLED="true")
    try:
        await curator.wait_for_message(is_reminder, timeout=30)

        async def scanned(times: int) -> bool:
            return process.log_since(0).count("deadline scan finished") >= times

        await eventually(lambda: scanned(1), 30, "the first scan did not finish")
        process.kill()
        await process.start()  # the scan runs again at start and finds the reminder already sent

        await eventually(lambda: scanned(2), 30, "the restarted bot did not scan")
        async with world.sessions() as session:
            sent = await session.scalar(
                select(func.count())
                .select_from(ReminderLedger)
                .where(ReminderLedger.status == "sent", ReminderLedger.kind == "mentor_assignment")
            )
        assert sent == 1
        assert len([m for m in await curator.bot_messages() if is_reminder(m)]) == 1
    finally:
        process.stop()
        print(process.log_tail(80))  # shown when the test fails
    log = process.log_since(0)
    assert "never awaited" not in log
    assert log_problems(log, []) == []


async def test_a_burst_with_a_crash_loses_and_doubles_nothing(world: World) -> None:
    """50 people write at once; the bot is killed (SIGKILL) after 5 answers and started again: every one of
    the 50 is answered, exactly once."""
    users = strangers(world.emulator, 20_000, 50)
    await asyncio.gather(*(world.emulator.state.user_sends(u, text=f"Здравствуйте, я {u}") for u in users))

    async def five_answered() -> bool:
        return sum(1 for u in users if bot_replies(world.emulator, u)) >= 5

    await eventually(five_answered, 30, "the first answers did not come")
    world.bot.kill()
    answered_before_the_crash = sum(1 for u in users if bot_replies(world.emulator, u))
    assert answered_before_the_crash < 50  # the crash really happened mid-burst
    await world.bot.start()

    async def all_answered() -> bool:
        return all(bot_replies(world.emulator, u) for u in users)

    await eventually(all_answered, 60, "not everyone was answered after the restart")
    async with world.sessions() as session:
        pending = await session.scalar(
            select(func.count()).select_from(IncomingUpdate).where(IncomingUpdate.status == "pending")
        )
    assert pending == 0
    assert {u: len(bot_replies(world.emulator, u)) for u in users} == {u: 1 for u in users}


async def test_two_hundred_users_at_the_same_instant_are_all_answered(world: World) -> None:
    """A campaign to all staff makes this the normal case: 200 linked teachers open the menu and press a
    button at the same instant, with the default pool and workers. Everyone is answered, nothing is logged
    as an error (the log check of the harness)."""
    organization = await school(world.sessions)
    first = 30_000
    async with world.sessions() as session:
        for n in range(200):
            person = await create_person(
                session, organization.id, StaffFields(f"Учитель Номер {n:03d}", "Учитель"), [Role.MENTEE]
            )
            person.telegram_user_id = first + n
        await session.commit()
    users = list(range(first, first + 200))
    for user_id in users:
        world.emulator.state.add_user(SimUser(user_id, f"Учитель{user_id}"))

    await asyncio.gather(*(world.emulator.state.user_sends(u, text="/menu") for u in users))

    async def menus_shown() -> bool:
        return all(len(bot_replies(world.emulator, u)) >= 1 for u in users)

    await eventually(menus_shown, 90, "not every menu came")
    state = world.emulator.state
    menus = {u: next(m for m in state.chats[u] if m.from_bot) for u in users}
    data = {u: _button_data(menus[u].reply_markup, "Помощь") for u in users}
    await asyncio.gather(*(state.user_presses(u, menus[u].message_id, data[u], BOT_ID) for u in users))

    async def help_shown() -> bool:  # the help replaces the menu in place
        return all("Что умеет бот" in (menus[u].text or "") for u in users)

    await eventually(help_shown, 90, "not every press was answered")
    assert all(len(bot_replies(world.emulator, u)) == 1 for u in users)
    answered = [c for c in state.callbacks.values() if c.user_id in users]
    assert len(answered) == 200 and all(c.answered for c in answered)


def _button_data(markup: dict | None, label_part: str) -> str:  # type: ignore[type-arg]
    assert markup is not None
    for row in markup["inline_keyboard"]:
        for button in row:
            if label_part in button["text"]:
                return str(button["callback_data"])
    raise AssertionError(f"no button «{label_part}» in {markup}")


async def test_a_database_restart_under_the_bot_loses_nothing(world: World, tmp_path: Path) -> None:
    """PostgreSQL is stopped while people write and started again: every message is answered afterwards, once."""
    import pgserver
    from pgserver._commands import pg_ctl

    from db.migrate import upgrade

    server = pgserver.get_server(tmp_path / "pg", cleanup_mode="stop")
    server.psql('CREATE DATABASE "restart";')
    url = server.get_uri("restart")
    await upgrade(url)
    process = await own_bot(world, tmp_path, DATABASE_URL=url)
    try:
        users = strangers(world.emulator, 40_000, 10)
        await asyncio.gather(*(world.emulator.state.user_sends(u, text="Добрый день") for u in users[:5]))
        await eventually(lambda: _all_answered(world.emulator, users[:5]), 30, "answers before the database stopped")

        await asyncio.to_thread(pg_ctl, ["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user)
        await asyncio.gather(*(world.emulator.state.user_sends(u, text="Вы здесь?") for u in users))

        async def bot_met_the_outage() -> bool:
            return "could not store" in process.log_since(0)

        await eventually(bot_met_the_outage, 30, "the bot never noticed the database was down")
        await asyncio.to_thread(server.ensure_postgres_running)

        async def everyone_twice() -> bool:
            return all(len(bot_replies(world.emulator, u)) == (2 if u in users[:5] else 1) for u in users)

        await eventually(everyone_twice, 90, "messages written while the database was down were not answered")
        assert all(len(bot_replies(world.emulator, u)) == (2 if u in users[:5] else 1) for u in users)
    finally:
        process.stop()
        server.cleanup()
        print(process.log_tail(80))  # shown when the test fails
    assert log_problems(process.log_since(0), []) == []


async def _all_answered(emulator: Emulator, users: list[int]) -> bool:
    return all(bot_replies(emulator, u) for u in users)
