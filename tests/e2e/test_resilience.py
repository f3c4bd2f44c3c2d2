"""Nothing typed is lost: a crash mid-form, a database outage, a person who blocked the bot, Telegram's
rate limit."""

import asyncio

import pytest
from sqlalchemy import select, text

from db.models import AccessRequest, Person
from domain.roles import Role
from tests.e2e.conftest import World
from tests.e2e.helpers import person_by_name, staff


async def test_a_crash_in_the_middle_of_a_form_resumes_at_the_same_step(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=7001)
    curator = await world.client.add_user(7001, "Елена")
    await curator.send("/start")
    await curator.press("Сотрудники")
    await curator.press("Добавить")
    reply = await curator.send("Петрова Ирина Олеговна")
    assert "шаг 2 из 5" in reply.text

    world.bot.kill()  # SIGKILL: no shutdown hooks, nothing flushed
    await world.bot.start()

    reply = await curator.send("Учитель математики")
    assert "шаг 3 из 5" in reply.text
    await curator.press("Пропустить")
    await curator.press("Пропустить")
    reply = await curator.press("Пропустить")
    assert "ФИО: Петрова Ирина Олеговна" in reply.text and "Должность: Учитель математики" in reply.text
    await curator.press("Сохранить")
    person = await person_by_name(world.sessions, "Петрова Ирина Олеговна")
    assert person is not None and person.position == "Учитель математики"


@pytest.mark.bot_log_allows(r"ERROR handlers.errors: update \d+ from user 7101 failed: ProgrammingError")
async def test_a_database_outage_gets_an_apology_and_keeps_the_step(world: World, engine) -> None:  # type: ignore[no-untyped-def]
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=7101)
    curator = await world.client.add_user(7101, "Елена")
    await curator.send("/start")
    await curator.press("Сотрудники")
    await curator.press("Добавить")
    await curator.send("Петрова Ирина Олеговна")

    async with engine.begin() as connection:
        await connection.execute(text("ALTER TABLE people RENAME TO people_away"))
    try:
        reply = await curator.send("Учитель математики")
        assert "Извините, что-то пошло не так" in reply.text
        assert "Traceback" not in reply.text
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("ALTER TABLE people_away RENAME TO people"))

    reply = await curator.send("Учитель математики")
    assert "шаг 3 из 5" in reply.text


async def test_a_person_who_blocked_the_bot_is_marked_and_the_curator_is_not_troubled(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=7201)
    curator = await world.client.add_user(7201, "Елена")
    applicant = await world.client.add_user(7202, "Пётр")
    await applicant.send("/start")
    await applicant.press("Подать заявку")
    await applicant.send("Петров Пётр Петрович")
    await applicant.send("Учитель химии")
    await applicant.press("Пропустить")  # the start of work: optional
    await applicant.press("Сохранить")
    notice = await curator.wait_for_message(lambda m: "Петров" in m.body)
    card = (await curator.press("Открыть заявку", notice)).last

    # Blocked without Telegram telling the bot (no my_chat_member): the bot learns it from a 403.
    world.emulator.state.users[7202].blocked_bot = True
    reply = await curator.press("Одобрить: наставляемый", card)
    assert "Заявка одобрена" in reply.text and "Извините" not in reply.text
    petrov = await person_by_name(world.sessions, "Петров Пётр Петрович")
    assert petrov is not None and petrov.is_reachable is False
    async with world.sessions() as session:
        request = await session.scalar(select(AccessRequest))
        assert request is not None and request.status == "approved"


async def test_blocking_and_unblocking_are_recorded(world: World) -> None:
    await staff(world.sessions, "Мороз Андрей Иванович", [Role.MENTOR], telegram_id=7301)
    mentor = await world.client.add_user(7301, "Андрей")
    await mentor.send("/start")

    async def reachable() -> bool:
        async with world.sessions() as session:
            person = await session.scalar(select(Person).where(Person.telegram_user_id == 7301))
            assert person is not None
            return person.is_reachable

    async def until(expected: bool) -> None:
        for _ in range(100):
            if await reachable() is expected:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"is_reachable never became {expected}")

    await mentor.set_blocked(True)
    await until(False)
    await mentor.set_blocked(False)
    await until(True)


async def test_telegram_429_is_waited_out(world: World) -> None:
    await staff(world.sessions, "Мороз Андрей Иванович", [Role.MENTOR], telegram_id=7401)
    mentor = await world.client.add_user(7401, "Андрей")
    await world.client.configure(rate_limit_per_second=1, retry_after=1)
    try:
        for _ in range(3):
            reply = await mentor.send("/help")
            assert "Наставник." in reply.text
    finally:
        await world.client.configure(rate_limit_per_second=None)
    sends = world.emulator.state.requests.count("sendMessage")
    assert sends > 3  # some were refused with 429 and sent again after retry_after
    assert len([m for m in await mentor.bot_messages() if "Наставник." in m.body]) == 3
