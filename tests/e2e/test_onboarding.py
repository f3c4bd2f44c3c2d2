"""Invites and access requests, driven through the emulator as people would."""

import asyncio
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from db.models import AccessRequest, InviteCode, Person
from db.repositories.invites import issue_invite
from domain.roles import Role
from tests.e2e.conftest import BOT_USERNAME, World
from tests.e2e.helpers import MENUS, audit, person_by_name, staff


def run_cli(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=world.env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=world.bot.root,
    )


async def test_cli_invite_links_a_mentor_once(world: World) -> None:
    result = await asyncio.to_thread(run_cli, world, "invite", "--role", "mentor", "--name", "Иванова А.А.")
    assert result.returncode == 0, result.stderr
    code = re.search(r"Код: (\S+)", result.stdout).group(1)  # type: ignore[union-attr]
    assert f"https://t.me/{BOT_USERNAME}?start={code}" in result.stdout

    anna = await world.client.add_user(3001, "Анна", "Иванова")
    reply = await anna.send(f"/start {code}")
    assert "Ваш Telegram подключён" in reply.text and "наставник" in reply.text
    assert reply.last.labels == MENUS[Role.MENTOR]  # a mentor's menu, nothing of the curator's
    person = await person_by_name(world.sessions, "Иванова А.А.")
    assert person is not None and person.telegram_user_id == 3001 and person.role_set == {Role.MENTOR}
    own_commands = (await world.client.commands())['{"chat_id": 3001, "type": "chat"}']
    assert [c["command"] for c in own_commands] == ["start", "menu", "help", "cancel", "privacy"]

    intruder = await world.client.add_user(3002, "Чужой")
    reply = await intruder.send(f"/start {code}")
    assert "уже использована" in reply.text
    assert "Главное меню" not in reply.text
    async with world.sessions() as session:
        assert await session.scalar(select(Person).where(Person.telegram_user_id == 3002)) is None
    assert (await person_by_name(world.sessions, "Иванова А.А.")).telegram_user_id == 3001  # type: ignore[union-attr]
    assert len(await audit(world.sessions, "invite_refused")) == 1


async def test_expired_and_garbage_codes_are_refused(world: World) -> None:
    person = await staff(world.sessions, "Петрова Ирина Олеговна", [Role.MENTEE])
    async with world.sessions() as session:
        invite = await issue_invite(session, await session.get(Person, person.id), ttl_days=14)  # type: ignore[arg-type]
        await session.execute(update(InviteCode).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        await session.commit()
    user = await world.client.add_user(3101, "Ирина")
    reply = await user.send(f"/start {invite.code}")
    assert "Срок действия ссылки-приглашения истёк" in reply.text
    assert reply.last.labels == ["📝 Подать заявку на доступ"]
    reply = await user.send("/start <script>")
    assert "не распознана" in reply.text
    assert (await person_by_name(world.sessions, "Петрова Ирина Олеговна")).telegram_user_id is None  # type: ignore[union-attr]


async def fill_access_request(world: World, user_id: int, name: str, position: str):  # type: ignore[no-untyped-def]
    stranger = await world.client.add_user(user_id, "Пётр", username="petrov")
    reply = await stranger.send("/start")
    assert "Подать заявку" in reply.last.labels[0]
    reply = await stranger.press("Подать заявку")
    assert "шаг 1 из 2" in reply.text
    reply = await stranger.send(name)
    assert "шаг 2 из 2" in reply.text
    reply = await stranger.send(position)
    assert "проверьте данные" in reply.text and name in reply.text and position in reply.text
    return stranger


async def test_access_request_approved_by_curator(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=4001)
    curator = await world.client.add_user(4001, "Елена")
    stranger = await fill_access_request(world, 4002, "Петров Пётр Петрович", "Учитель химии")
    reply = await stranger.press("Сохранить")
    assert "Заявка отправлена куратору" in reply.text

    card = await curator.wait_for_message(lambda m: "Заявка на доступ" in m.body and "Петров" in m.body)
    assert "@petrov" in card.body
    reply = await curator.press("Одобрить: наставник", card)
    assert "Заявка одобрена" in reply.text

    menu = await stranger.wait_for_message(lambda m: "Главное меню" in m.body)
    assert "наставник" in menu.body
    assert menu.labels == MENUS[Role.MENTOR]
    person = await person_by_name(world.sessions, "Петров Пётр Петрович")
    assert person is not None and person.telegram_user_id == 4002 and person.role_set == {Role.MENTOR}

    # The same button again (a double click, or a stale card): decided once, nothing duplicated.
    reply = await curator.press_data(card.buttons[0][0].callback_data or "", card.message_id)
    assert reply.callback_answer == "Эта заявка уже рассмотрена."
    async with world.sessions() as session:
        people = list(await session.scalars(select(Person).where(Person.full_name == "Петров Пётр Петрович")))
        request = await session.scalar(select(AccessRequest))
    assert len(people) == 1
    assert request is not None and request.status == "approved" and request.person_id == person.id

    reply = await stranger.press("Мой профиль")
    assert "Учитель химии" in reply.text


async def test_rejected_request_keeps_no_personal_data(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=4101)
    curator = await world.client.add_user(4101, "Елена")
    stranger = await fill_access_request(world, 4102, "Сидоров Павел Андреевич", "Учитель физики")
    await stranger.press("Сохранить")
    card = await curator.wait_for_message(lambda m: "Сидоров" in m.body)
    reply = await curator.press("Отклонить", card)
    assert "Отклонить заявку «Сидоров Павел Андреевич»?" in reply.text  # asked before an irreversible step
    reply = await curator.press("Назад")
    assert "Одобрить" in " ".join(reply.last.labels)
    await curator.press("Отклонить")
    reply = await curator.press("Да, отклонить")
    assert "отклонена" in reply.text
    message = await stranger.wait_for_message(lambda m: "отклонил" in m.body)
    assert "данные заявки удалены" in message.body
    async with world.sessions() as session:
        request = await session.scalar(select(AccessRequest))
        assert request is not None and request.status == "rejected"
        assert request.full_name is None and request.position is None
        assert await session.scalar(select(Person).where(Person.telegram_user_id == 4102)) is None


async def test_double_click_on_submit_sends_one_request(world: World) -> None:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=4201)
    curator = await world.client.add_user(4201, "Елена")
    stranger = await fill_access_request(world, 4202, "Орлов Олег Олегович", "Учитель музыки")
    review = await stranger.last_bot_message()
    save = review.button("Сохранить")
    assert save is not None and save.callback_data
    replies = await asyncio.gather(
        stranger.press_data(save.callback_data, review.message_id),
        stranger.press_data(save.callback_data, review.message_id),
    )
    answers = [r.callback_answer for r in replies]
    assert "Эта форма уже закрыта." in answers
    await curator.wait_for_message(lambda m: "Орлов" in m.body)
    await asyncio.sleep(0.5)
    cards = [m for m in await curator.bot_messages() if "Орлов" in m.body]
    assert len(cards) == 1
    async with world.sessions() as session:
        assert len(list(await session.scalars(select(AccessRequest)))) == 1


async def test_a_stranger_sees_only_start_and_the_request(world: World) -> None:
    stranger = await world.client.add_user(4301, "Гость")
    reply = await stranger.send("Здравствуйте, дайте доступ")
    assert "Я вас пока не знаю" in reply.text
    reply = await stranger.send("/help")
    assert "ссылку-приглашение" in reply.text
    reply = await stranger.send("/menu")
    assert "Я вас пока не знаю" in reply.text
    message = await stranger.last_bot_message()
    reply = await stranger.press_data("menu:staff", message.message_id)
    assert reply.callback_answer and "Сначала войдите" in reply.callback_answer
    events = await audit(world.sessions, "access_denied")
    assert events and events[-1].telegram_user_id == 4301 and events[-1].details["data"] == "menu:staff"
