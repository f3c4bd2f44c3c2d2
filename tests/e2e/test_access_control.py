"""Each role sees only its own menu, and the server refuses what a role may not do, however the
callback was crafted."""

from sqlalchemy import select

from db.models import AccessRequest, Person
from db.repositories.access_requests import submit_request
from domain.roles import Role
from handlers.callbacks import MenuCb, ReviewCb, StaffCb
from tests.e2e.conftest import World
from tests.e2e.helpers import MENUS, audit, school, staff


async def test_each_role_gets_its_own_menu_and_help(world: World) -> None:
    people = {
        Role.CURATOR: ("Кузнецова Елена Павловна", 5001),
        Role.DIRECTOR: ("Смирнова Ольга Викторовна", 5002),
        Role.MENTOR: ("Мороз Андрей Иванович", 5003),
        Role.MENTEE: ("Ким Дарья Алексеевна", 5004),
        Role.COUNCIL: ("Белова Наталья Сергеевна", 5005),
        Role.DEPARTMENT: ("Зайцева Марина Юрьевна", 5006),
    }
    help_marks = {
        Role.CURATOR: "Куратор.",
        Role.DIRECTOR: "Директор.",
        Role.MENTOR: "Наставник.",
        Role.MENTEE: "Наставляемый.",
        Role.COUNCIL: "МО наставников.",
        Role.DEPARTMENT: "Управление образования.",
    }
    for role, (name, telegram_id) in people.items():
        await staff(world.sessions, name, [role], telegram_id=telegram_id)
        user = await world.client.add_user(telegram_id, name.split()[1])
        reply = await user.send("/start")
        assert reply.last.labels == MENUS[role], role
        assert name in reply.text
        reply = await user.send("/help")
        assert help_marks[role] in reply.text
        others = [mark for other, mark in help_marks.items() if other != role]
        assert not any(mark in reply.text for mark in others), role

    # Slash commands: the default set for everyone, a curator's own set in the curator's chat.
    commands = await world.client.commands()
    assert [c["command"] for c in commands['{"type": "default"}']] == ["start", "menu", "help", "cancel"]


async def test_a_mentee_cannot_do_a_curators_work_by_crafting_callbacks(world: World) -> None:
    organization = await school(world.sessions)
    target = await staff(world.sessions, "Волков Игорь Сергеевич", [Role.MENTEE])
    await staff(world.sessions, "Ким Дарья Алексеевна", [Role.MENTEE], telegram_id=5101)
    async with world.sessions() as session:
        request = await submit_request(session, organization.id, 5199, "Петров Пётр Петрович", "Учитель")
        await session.commit()
    mentee = await world.client.add_user(5101, "Дарья")
    menu = (await mentee.send("/start")).last

    forged = [
        MenuCb(action="staff").pack(),
        MenuCb(action="requests").pack(),
        StaffCb(action="card", person_id=target.id).pack(),
        StaffCb(action="role", person_id=target.id, role="mentor").pack(),
        StaffCb(action="invite", person_id=target.id).pack(),
        ReviewCb(action="approve", request_id=request.id, role="mentor").pack(),
        ReviewCb(action="reject_yes", request_id=request.id).pack(),
    ]
    for data in forged:
        reply = await mentee.press_data(data, menu.message_id)
        assert reply.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал.", data
        assert reply.show_alert
    reply = await mentee.press_data("garbage:that:matches:nothing", menu.message_id)  # no button carries this
    assert reply.callback_answer == "⌛ Эта кнопка устарела. Откройте меню заново: /menu" and reply.show_alert

    async with world.sessions() as session:
        unchanged = await session.get(Person, target.id)
        pending = await session.get(AccessRequest, request.id)
        assert unchanged is not None and unchanged.role_set == {Role.MENTEE}
        assert pending is not None and pending.status == "pending"
        assert await session.scalar(select(Person).where(Person.full_name == "Петров Пётр Петрович")) is None
    logged = [event.details["data"] for event in await audit(world.sessions, "access_denied")]
    assert logged == [data[:64] for data in forged] + ["garbage:that:matches:nothing"]


async def test_a_curator_cannot_reach_another_school_or_grant_a_director(world: World) -> None:
    await school(world.sessions)
    other = await school(world.sessions, "СОШ № 2")
    stranger_person = await staff(world.sessions, "Орлова Мария Дмитриевна", [Role.MENTOR], organization=other)
    colleague = await staff(world.sessions, "Мороз Андрей Иванович", [Role.MENTOR])
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=5201)
    curator = await world.client.add_user(5201, "Елена")
    menu = (await curator.send("/start")).last

    for data in (
        StaffCb(action="card", person_id=stranger_person.id).pack(),
        StaffCb(action="role", person_id=stranger_person.id, role="mentee").pack(),
        StaffCb(action="invite", person_id=stranger_person.id).pack(),
    ):
        reply = await curator.press_data(data, menu.message_id)
        assert reply.callback_answer == "Сотрудник не найден.", data

    reply = await curator.press_data(
        StaffCb(action="role", person_id=colleague.id, role="director").pack(), menu.message_id
    )
    assert reply.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."
    async with world.sessions() as session:
        assert (await session.get(Person, stranger_person.id)).role_set == {Role.MENTOR}  # type: ignore[union-attr]
        assert (await session.get(Person, colleague.id)).role_set == {Role.MENTOR}  # type: ignore[union-attr]


async def test_the_director_sees_staff_but_cannot_change_it(world: World) -> None:
    colleague = await staff(world.sessions, "Мороз Андрей Иванович", [Role.MENTOR])
    await staff(world.sessions, "Смирнова Ольга Викторовна", [Role.DIRECTOR], telegram_id=5301)
    director = await world.client.add_user(5301, "Ольга")
    await director.send("/start")
    reply = await director.press("Сотрудники")
    assert "Сотрудники" in reply.text and "➕ Добавить" not in reply.last.labels
    reply = await director.press("Мороз Андрей Иванович")
    assert "Роли: наставник" in reply.text
    assert reply.last.labels == ["⬅ К списку"]  # no role switches, no invite
    reply = await director.press_data(
        StaffCb(action="role", person_id=colleague.id, role="mentee").pack(), reply.last.message_id
    )
    assert "недоступно" in (reply.callback_answer or "")
    async with world.sessions() as session:
        assert (await session.get(Person, colleague.id)).role_set == {Role.MENTOR}  # type: ignore[union-attr]
