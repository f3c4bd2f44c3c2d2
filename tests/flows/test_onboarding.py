"""Invites and access requests, in-process: the real dispatcher on the real PostgreSQL (tests/flows/harness.py)."""

import asyncio
import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from bot.emulator.state import SimUser
from bot.invite_cli import create_invite
from bot.settings import Settings
from db.models import AccessRequest, InviteCode, Person
from db.repositories.invites import issue_invite
from domain.invites import hash_invite_code
from domain.roles import Role
from tests.e2e.helpers import MENUS, audit, person_by_name, staff
from tests.flows.harness import Flows, FlowUser

BOT = "nastavnik_test_bot"


async def test_cli_invite_links_a_mentor_once(flows: Flows, database_url: str) -> None:
    settings = Settings(bot_token="1:x", database_url=database_url, bot_username=BOT)
    result = await create_invite(settings, database_url, Role.MENTOR, "Иванова А.А.", None, None)
    assert not isinstance(result, str)
    printed = result.describe()
    code = re.search(r"Код: (\S+)", printed).group(1)  # type: ignore[union-attr]
    assert f"https://t.me/{BOT}?start={code}" in printed and "роль: наставник" in printed  # no English codes
    async with flows.sessions() as session:  # stored only as its hash, 128 random bits
        stored = await session.scalar(select(InviteCode))
        assert stored is not None and stored.code_hash == hash_invite_code(code) and code not in stored.code_hash
        assert len(code) >= 22

    anna = flows.add_user(3001, "Анна", "Иванова")
    reply = await anna.send(f"/start {code}")
    assert "Ваш Telegram подключён" in reply.text and "наставник" in reply.text
    assert reply.last.labels == MENUS[Role.MENTOR]  # a mentor's menu, nothing of the curator's
    person = await person_by_name(flows.sessions, "Иванова А.А.")
    assert person is not None and person.telegram_user_id == 3001 and person.role_set == {Role.MENTOR}
    own_commands = flows.state.commands['{"chat_id": 3001, "type": "chat"}']
    assert [c["command"] for c in own_commands] == ["start", "menu", "help", "cancel", "privacy"]

    intruder = flows.add_user(3002, "Чужой")
    reply = await intruder.send(f"/start {code}")
    assert "уже использована" in reply.text
    assert "Главное меню" not in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(Person).where(Person.telegram_user_id == 3002)) is None
    assert (await person_by_name(flows.sessions, "Иванова А.А.")).telegram_user_id == 3001  # type: ignore[union-attr]
    assert len(await audit(flows.sessions, "invite_refused")) == 1


async def test_expired_and_garbage_codes_are_refused(flows: Flows) -> None:
    person = await staff(flows.sessions, "Петрова Ирина Олеговна", [Role.MENTEE])
    async with flows.sessions() as session:
        invite = await issue_invite(session, await session.get(Person, person.id), ttl_days=14)  # type: ignore[arg-type]
        await session.execute(update(InviteCode).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        await session.commit()
    user = flows.add_user(3101, "Ирина")
    reply = await user.send(f"/start {invite.code}")
    assert "Срок действия ссылки-приглашения истёк" in reply.text
    assert reply.last.labels == ["📝 Подать заявку на доступ"]
    reply = await user.send("/start <script>")
    assert "не распознана" in reply.text
    assert (await person_by_name(flows.sessions, "Петрова Ирина Олеговна")).telegram_user_id is None  # type: ignore[union-attr]
    assert [e.details["problem"] for e in await audit(flows.sessions, "invite_refused")] == ["expired", "unknown"]


async def fill_access_request(flows: Flows, user_id: int, name: str, position: str, start: str | None) -> FlowUser:
    flows.state.add_user(SimUser(user_id, "Пётр", username="petrov"))
    stranger = flows.user(user_id)
    reply = await stranger.send("/start")
    assert "Подать заявку" in reply.last.labels[0]
    reply = await stranger.press("Подать заявку")
    assert "шаг 1 из 3" in reply.text
    assert "шаг 2 из 3" in (await stranger.send(name)).text
    reply = await stranger.send(position)
    assert "шаг 3 из 3" in reply.text and "С какой даты вы фактически работаете" in reply.text
    reply = await (stranger.send(start) if start else stranger.press("Пропустить"))
    assert "проверьте данные" in reply.text and name in reply.text and position in reply.text
    return stranger


async def test_access_request_approved_by_curator_with_the_start_of_work(flows: Flows) -> None:
    flows.clock.set(date(2026, 9, 20))
    await staff(flows.sessions, "Литвина Татьяна Викторовна", [Role.CURATOR], telegram_id=4001)
    curator = flows.add_user(4001, "Татьяна")
    stranger = flows.add_user(4002)
    stranger = await fill_access_request(flows, 4002, "Петров Пётр Петрович", "Учитель химии", "2026-09-01")
    assert "01.09.2026" in (await stranger.last_bot_message()).body  # typed as 2026-09-01, shown as schools write
    reply = await stranger.press("Сохранить")
    assert "Заявка отправлена куратору Литвиной Татьяне Викторовне" in reply.text  # declined: «куратору кому»

    notice = await curator.wait_for_message(lambda m: "Новая заявка на доступ" in m.body)
    assert "Петров Пётр Петрович" in notice.body and "@petrov" in notice.body
    reply = await curator.press("📨 Открыть заявку", notice)
    assert "Дата фактического допуска к работе: 01.09.2026" in reply.text
    card = reply.last
    reply = await curator.press("Одобрить: наставляемый", card)
    assert "Заявка одобрена" in reply.text

    welcome = await stranger.wait_for_message(lambda m: "Заявка на доступ одобрена" in m.body)
    assert "Литвина Татьяна Викторовна" in welcome.body and "наставляемый" in welcome.body
    reply = await stranger.press("📋 Открыть меню", welcome)
    assert reply.last.labels == MENUS[Role.MENTEE]
    person = await person_by_name(flows.sessions, "Петров Пётр Петрович")
    assert person is not None and person.telegram_user_id == 4002 and person.role_set == {Role.MENTEE}
    assert person.work_start_date == date(2026, 9, 1)  # so the 30 days of 3.7 and «новые сотрудники» count them

    # The curator's menu tells that a mentee needs a mentor soon (deadline 01.10.2026), then that it passed.
    reply = await curator.send("/menu")
    assert "нужен наставник" not in reply.text  # 20.09: eleven days left
    flows.clock.set(date(2026, 9, 25))
    reply = await curator.send("/menu")
    assert "• 1 наставляемому скоро нужен наставник: до срока неделя или меньше (п. 3.7)" in reply.text
    flows.clock.set(date(2026, 10, 5))
    reply = await curator.send("/menu")
    assert "у 1 наставляемого истёк срок назначения наставника (п. 3.7)" in reply.text

    # The same button again (a double click, or a stale card): decided once, nothing duplicated.
    approve = card.button("✅ Одобрить: наставник")
    assert approve is not None and approve.callback_data
    reply = await curator.press_data(approve.callback_data, card.message_id)
    assert reply.callback_answer == "Уже решено: заявка одобрена."
    async with flows.sessions() as session:
        people = list(await session.scalars(select(Person).where(Person.full_name == "Петров Пётр Петрович")))
        request = await session.scalar(select(AccessRequest))
    assert len(people) == 1
    assert request is not None and request.status == "approved" and request.person_id == person.id

    reply = await stranger.press("Мой профиль")
    assert "Учитель химии" in reply.text and "исправляет куратор в карточке сотрудника: Литвина Татьяна Викторовна" in (
        reply.text
    )


async def test_a_start_of_work_in_the_future_or_missing_from_the_calendar_is_refused(flows: Flows) -> None:
    flows.clock.set(date(2026, 8, 20))
    await staff(flows.sessions, "Литвина Татьяна Викторовна", [Role.CURATOR], telegram_id=4051)
    flows.add_user(4052)
    stranger = await fill_access_request(flows, 4052, "Орлов Олег Олегович", "Учитель музыки", None)
    await stranger.press("Назад")
    reply = await stranger.send("31.02.2026")
    assert "Даты 31.02.2026 не существует" in reply.text
    await stranger.send("01.09.2026")
    reply = await stranger.press("Сохранить")
    assert "01.09.2026 ещё не наступила" in reply.text and "шаг 3 из 3" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(AccessRequest)) is None
    reply = await stranger.send("20.08.2026")
    reply = await stranger.press("Сохранить")
    assert "Заявка отправлена" in reply.text


async def test_rejected_request_keeps_no_personal_data(flows: Flows) -> None:
    await staff(flows.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=4101)
    curator = flows.add_user(4101, "Елена")
    stranger = await fill_access_request(flows, 4102, "Сидоров Павел Андреевич", "Учитель физики", "01.09.2025")
    await stranger.press("Сохранить")
    notice = await curator.wait_for_message(lambda m: "Сидоров" in m.body)
    await curator.press("Открыть заявку", notice)
    reply = await curator.press("Отклонить")
    assert "Отклонить заявку «Сидоров Павел Андреевич»?" in reply.text  # asked before an irreversible step
    reply = await curator.press("Назад")
    assert "Одобрить" in " ".join(reply.last.labels)
    await curator.press("Отклонить")
    reply = await curator.press("Да, отклонить")
    assert "отклонена" in reply.text
    message = await stranger.wait_for_message(lambda m: "отклонил" in m.body)
    assert "данные заявки удалены" in message.body
    reply = await curator.press("Открыть заявку", notice)  # the notice's button after the decision
    assert reply.callback_answer == "Уже решено: заявка отклонена."
    async with flows.sessions() as session:
        request = await session.scalar(select(AccessRequest))
        assert request is not None and request.status == "rejected"
        assert (request.full_name, request.position, request.work_start_date) == (None, None, None)
        assert await session.scalar(select(Person).where(Person.telegram_user_id == 4102)) is None


async def test_double_click_on_submit_sends_one_request(flows: Flows) -> None:
    await staff(flows.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=4201)
    curator = flows.add_user(4201, "Елена")
    stranger = await fill_access_request(flows, 4202, "Орлов Олег Олегович", "Учитель музыки", None)
    review = await stranger.last_bot_message()
    save = review.button("Сохранить")
    assert save is not None and save.callback_data
    replies = await asyncio.gather(
        stranger.press_data(save.callback_data, review.message_id),
        stranger.press_data(save.callback_data, review.message_id),
    )
    answers = [r.callback_answer for r in replies]
    assert "Эта форма уже закрыта." in answers
    cards = [m for m in await curator.bot_messages() if "Орлов" in m.body]
    assert len(cards) == 1
    async with flows.sessions() as session:
        assert len(list(await session.scalars(select(AccessRequest)))) == 1


async def test_a_stranger_sees_only_start_and_the_request(flows: Flows) -> None:
    stranger = flows.add_user(4301, "Гость")
    reply = await stranger.send("Здравствуйте, дайте доступ")
    assert "Я вас пока не знаю" in reply.text
    reply = await stranger.send("/help")
    assert "ссылку-приглашение" in reply.text
    reply = await stranger.send("/menu")
    assert "Я вас пока не знаю" in reply.text
    message = await stranger.last_bot_message()
    reply = await stranger.press_data("menu:staff", message.message_id)
    assert reply.callback_answer and "Сначала войдите" in reply.callback_answer
    events = await audit(flows.sessions, "access_denied")
    assert events and events[-1].telegram_user_id == 4301 and events[-1].details["data"] == "menu:staff"
