"""Each role sees only its own menu and help, and the server refuses what a role may not do, however the callback
was crafted (in-process: the same dispatcher, middlewares and fallback as the running bot)."""

from sqlalchemy import select

from db.models import AccessRequest, Person
from db.repositories.access_requests import submit_request
from domain.roles import Role
from handlers.callbacks import MenuCb, ReviewCb, StaffArchive, StaffCb, StaffEditCb
from tests.e2e.helpers import MENUS, audit, school, staff
from tests.flows.harness import Flows

DENIED = "⛔ Это действие вам недоступно. Попытка записана в журнал."


async def test_each_role_gets_its_own_menu_and_help(flows: Flows) -> None:
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
    # What each role can do now, by the menu it has: its /help names every item of that menu.
    for role, (name, telegram_id) in people.items():
        await staff(flows.sessions, name, [role], telegram_id=telegram_id)
        user = flows.add_user(telegram_id, name.split()[1])
        reply = await user.send("/start")
        assert reply.last.labels == MENUS[role], role
        assert name in reply.text
        reply = await user.send("/help")
        assert help_marks[role] in reply.text
        others = [mark for other, mark in help_marks.items() if other != role]
        assert not any(mark in reply.text for mark in others), role
        for label in MENUS[role]:
            if label != "❓ Помощь":
                assert label in reply.text, (role, label)
        assert not any(code in reply.text for code in ("mentor", "curator", "director", "None")), role
    curator_help = (await flows.user(5001).send("/help")).text
    for item in ("🗺 дорожная карта", "🏅 банк практик", "🌐 раздел «Наставничество»", "напишите фамилию"):
        assert item in curator_help

    # Slash commands: the default set for everyone, a person's own set in their chat.
    assert [c["command"] for c in flows.state.commands.get('{"type": "default"}', [])] in (
        [],
        ["start", "menu", "help", "cancel"],
    )


async def test_a_mentee_cannot_do_a_curators_work_by_crafting_callbacks(flows: Flows) -> None:
    organization = await school(flows.sessions)
    target = await staff(flows.sessions, "Волков Игорь Сергеевич", [Role.MENTEE])
    await staff(flows.sessions, "Ким Дарья Алексеевна", [Role.MENTEE], telegram_id=5101)
    async with flows.sessions() as session:
        request = await submit_request(session, organization.id, 5199, "Петров Пётр Петрович", "Учитель")
        await session.commit()
    mentee = flows.add_user(5101, "Дарья")
    menu = (await mentee.send("/start")).last

    forged = [
        MenuCb(action="staff").pack(),
        MenuCb(action="requests").pack(),
        StaffCb(action="card", person_id=target.id).pack(),
        StaffCb(action="role", person_id=target.id, role="mentor").pack(),
        StaffCb(action="invite", person_id=target.id).pack(),
        StaffCb(action="archive_yes", person_id=target.id).pack(),
        StaffEditCb(person_id=target.id, field=0).pack(),
        StaffArchive(page=0).pack(),
        ReviewCb(action="approve", request_id=request.id, role="mentor").pack(),
        ReviewCb(action="reject_yes", request_id=request.id).pack(),
    ]
    for data in forged:
        reply = await mentee.press_data(data, menu.message_id)
        assert reply.callback_answer == DENIED, data
        assert reply.show_alert
    reply = await mentee.press_data("garbage:that:matches:nothing", menu.message_id)  # no button carries this
    assert reply.callback_answer == "⌛ Эта кнопка устарела. Откройте меню заново: /menu" and reply.show_alert
    assert "Не понял сообщение" in (await mentee.send("Волков")).text  # no staff search for a mentee

    async with flows.sessions() as session:
        unchanged = await session.get(Person, target.id)
        pending = await session.get(AccessRequest, request.id)
        assert unchanged is not None and unchanged.role_set == {Role.MENTEE} and unchanged.is_active
        assert pending is not None and pending.status == "pending"
        assert await session.scalar(select(Person).where(Person.full_name == "Петров Пётр Петрович")) is None
    logged = [event.details["data"] for event in await audit(flows.sessions, "access_denied")]
    assert logged[: len(forged)] == [data[:64] for data in forged]


async def test_a_curator_cannot_reach_another_school_or_grant_a_director(flows: Flows) -> None:
    organization = await school(flows.sessions)
    other = await school(flows.sessions, "СОШ № 2")
    stranger_person = await staff(flows.sessions, "Орлова Мария Дмитриевна", [Role.MENTOR], organization=other)
    colleague = await staff(flows.sessions, "Мороз Андрей Иванович", [Role.MENTOR])
    await staff(flows.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=5201)
    async with flows.sessions() as session:
        foreign = await submit_request(session, other.id, 5298, "Чужой Иван Иванович", "Учитель")
        own = await submit_request(session, organization.id, 5299, "Петров Пётр Петрович", "Учитель")
        await session.commit()
    curator = flows.add_user(5201, "Елена")
    menu = (await curator.send("/start")).last

    for data in (
        StaffCb(action="card", person_id=stranger_person.id).pack(),
        StaffCb(action="role", person_id=stranger_person.id, role="mentee").pack(),
        StaffCb(action="invite", person_id=stranger_person.id).pack(),
        StaffCb(action="archive_yes", person_id=stranger_person.id).pack(),
        StaffEditCb(person_id=stranger_person.id, field=1).pack(),
    ):
        reply = await curator.press_data(data, menu.message_id)
        assert reply.callback_answer == "Сотрудник не найден.", data
    reply = await curator.press_data(
        ReviewCb(action="approve", request_id=foreign.id, role="mentor").pack(), menu.message_id
    )
    assert reply.callback_answer == "Заявка не найдена."

    for data in (  # 3.3–3.5: director, curator and department are appointed by order, never from the chat
        StaffCb(action="role", person_id=colleague.id, role="director").pack(),
        StaffCb(action="role", person_id=colleague.id, role="curator").pack(),
        ReviewCb(action="approve", request_id=own.id, role="department").pack(),
    ):
        reply = await curator.press_data(data, menu.message_id)
        assert reply.callback_answer == DENIED, data
    reply = await curator.press_data(StaffEditCb(person_id=colleague.id, field=99).pack(), menu.message_id)
    assert reply.callback_answer and "устарела" in reply.callback_answer
    async with flows.sessions() as session:
        assert (await session.get(Person, stranger_person.id)).role_set == {Role.MENTOR}  # type: ignore[union-attr]
        assert (await session.get(Person, colleague.id)).role_set == {Role.MENTOR}  # type: ignore[union-attr]
        assert (await session.get(AccessRequest, own.id)).status == "pending"  # type: ignore[union-attr]
        assert (await session.get(AccessRequest, foreign.id)).status == "pending"  # type: ignore[union-attr]
    assert [e.details["reason"] for e in await audit(flows.sessions, "access_denied")] == ["role not grantable"] * 3


async def test_the_director_sees_staff_but_cannot_change_it(flows: Flows) -> None:
    colleague = await staff(flows.sessions, "Мороз Андрей Иванович", [Role.MENTOR])
    await staff(flows.sessions, "Смирнова Ольга Викторовна", [Role.DIRECTOR], telegram_id=5301)
    director = flows.add_user(5301, "Ольга")
    await director.send("/start")
    reply = await director.press("Сотрудники")
    assert "Сотрудники" in reply.text and "➕ Добавить" not in reply.last.labels
    reply = await director.send("мороз")  # the director finds people by typing, too
    reply = await director.press("⏳ Мороз Андрей Иванович")
    assert "Роли: наставник" in reply.text
    assert reply.last.labels == ["⬅ К списку"]  # no role switches, no invite, no edit, no archive
    card = reply.last
    for data in (
        StaffCb(action="role", person_id=colleague.id, role="mentee").pack(),
        StaffCb(action="edit", person_id=colleague.id).pack(),
        StaffCb(action="archive_yes", person_id=colleague.id).pack(),
    ):
        reply = await director.press_data(data, card.message_id)
        assert "недоступно" in (reply.callback_answer or ""), data
    async with flows.sessions() as session:
        unchanged = await session.get(Person, colleague.id)
        assert unchanged is not None and unchanged.role_set == {Role.MENTOR} and unchanged.is_active
