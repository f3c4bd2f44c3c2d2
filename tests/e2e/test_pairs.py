"""A pair from matching to the director's order (issue 4, first part)."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from docx import Document
from sqlalchemy import select

from db.models import BankEntry, Mentorship, MentorshipEvent, Person, QuestionnaireResponse
from db.registry import latest_consent_text, latest_definition
from db.repositories.consents import give_consent
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.consents import ConsentKind
from domain.roles import Role
from handlers.callbacks import PairCb
from tests.e2e.conftest import World
from tests.e2e.helpers import audit


async def person(
    world: World,
    name: str,
    roles: list[Role],
    telegram_id: int,
    *,
    subjects: str | None = None,
    start: date | None = None,
    consents: tuple[ConsentKind, ...] = (),
    answers: tuple[str, dict] | None = None,
) -> Person:
    async with world.sessions() as session:
        school = await ensure_default_organization(session)
        created = await create_person(session, school.id, StaffFields(name, "Учитель", subjects, start, 5), roles)
        await link_telegram(session, created, telegram_id)
        for kind in consents:
            await give_consent(session, created, await latest_consent_text(session, kind), None)
        if Role.MENTOR in roles:  # a mentor the curator has approved into the bank (README; 3.2)
            session.add(BankEntry(organization_id=school.id, person_id=created.id, bank="mentor", status="approved"))
        if answers:
            code, values = answers
            definition = await latest_definition(session, code)
            session.add(
                QuestionnaireResponse(
                    organization_id=school.id,
                    person_id=created.id,
                    definition_id=definition.id,  # type: ignore[union-attr]
                    questionnaire_code=code,
                    attempt=1,
                    status="submitted",
                    answers=values,
                    submitted_at=datetime.now(ZoneInfo("UTC")),
                )
            )
        await session.commit()
        return created


async def test_a_pair_from_matching_to_the_order(world: World) -> None:
    pd, mentee_consent = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE
    await person(world, "Кузнецова Елена Павловна", [Role.CURATOR], 9401)
    await person(world, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9402)
    mentor = await person(
        world,
        "Мороз Андрей Иванович",
        [Role.MENTOR],
        9403,
        subjects="Математика",
        consents=(pd,),
        answers=(
            "mentor_survey",
            {
                "subjects": "Математика",
                "competencies": ["methods"],
                "training": "recent",
                "capacity": "3",
                "forms": ["traditional"],
            },
        ),
    )
    await person(world, "Орлова Мария Дмитриевна", [Role.MENTOR], 9404, subjects="Английский язык", consents=(pd,))
    mentee = await person(
        world,
        "Ким Дарья Алексеевна",
        [Role.MENTEE],
        9405,
        subjects="Математика",
        start=date(2026, 9, 1),
        consents=(pd, mentee_consent),
        answers=("mentee_needs", {"need_areas": ["methods", "digital"], "forms": ["traditional"]}),
    )
    curator, director = world.client.user(9401), world.client.user(9402)
    mentor_user, mentee_user = world.client.user(9403), world.client.user(9405)
    for user_id, name in ((9401, "Елена"), (9402, "Ольга"), (9403, "Андрей"), (9405, "Дарья")):
        await world.client.add_user(user_id, name)

    await curator.send("/start")
    reply = await curator.press("Пары и группы")
    reply = await curator.press("Подобрать наставника")
    assert "Ким Дарья Алексеевна (до 01.10.2026)" in " ".join(reply.last.labels)  # 3.7 deadline beside the name
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert reply.text.index("Мороз Андрей Иванович") < reply.text.index("Орлова Мария Дмитриевна")  # ranked
    assert "закрывает 1 из 2 направлений затруднений" in reply.text and "тот же предмет" in reply.text
    assert "прошёл(а) обучение наставников" in reply.text and "свободно мест: 3 из 3" in reply.text
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    reply = await curator.press("6 мес.")
    assert "Срок: 6 мес." in reply.text and "директор утвердит" in reply.text
    reply = await curator.press("Отправить на согласование")
    assert "Предложение отправлено участникам" in reply.text

    invite = await mentor_user.wait_for_message(lambda m: "предлагает вам стать наставником" in m.body)
    reply = await mentor_user.press("Согласен", invite)
    assert reply.callback_answer and "Сначала дайте письменное согласие" in reply.callback_answer
    assert "Согласие на назначение наставником" in reply.text
    await mentor_user.press("Даю согласие")
    reply = await mentor_user.press("Согласен", invite)
    assert "Вы подтвердили участие" in reply.text

    invitation = await mentee_user.wait_for_message(lambda m: "предлагает вам наставника" in m.body)
    reply = await mentee_user.press_data(PairCb(action="approve", id=1).pack(), invitation.message_id)
    assert reply.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."  # not the director's
    await mentee_user.press("Согласен", invitation)

    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    assert "Мороз Андрей Иванович" in card.body and "Ким Дарья Алексеевна" in card.body
    await director.press("Утвердить приказом", card)
    assert "Номер приказа" in (await director.last_bot_message()).body
    reply = await director.send("45-В")
    assert "Дата приказа" in reply.text
    reply = await director.press("Сегодня")
    assert "Утверждено приказом № 45-В" in reply.text
    document = next(m for m in reply.messages if m.file)
    docx = Document(io.BytesIO(await world.client.download(document.file["file_id"])))  # type: ignore[index]
    body = "\n".join(p.text for p in docx.paragraphs)
    table = "\n".join(cell.text for row in docx.tables[0].rows for cell in row.cells)
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()
    assert "ПРИКАЗ" in body and "О закреплении наставнических пар/групп" in body and "№ 45-В" in body
    assert "ПРИКАЗЫВАЮ" in body and f"не позднее {today + timedelta(days=10):%d.%m.%Y}" in body  # 3.6
    assert "Кузнецова Елена Павловна" in body and "С ПРИКАЗОМ ОЗНАКОМЛЕНЫ" in body
    assert "Мороз Андрей Иванович" in table and "Ким Дарья Алексеевна" in table
    assert "Традиционная («один на один»)" in table

    await mentor_user.wait_for_message(lambda m: "Вы назначены наставником приказом № 45-В" in m.body)
    async with world.sessions() as session:
        mentorship = await session.scalar(select(Mentorship))
        assert mentorship is not None and mentorship.status == "approved" and mentorship.order_number == "45-В"
        assert mentorship.mentor_id == mentor.id and mentorship.order_date == today
        events = [
            (e.action, e.to_status) for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))
        ]
        entry = await session.scalar(select(BankEntry).where(BankEntry.person_id == mentee.id))
    assert events == [
        ("proposed", "proposed"),
        ("confirmed_by", "proposed"),
        ("confirmed_by", "proposed"),
        ("all_confirmed", "confirmed"),
        ("approved_by_order", "approved"),
    ]
    assert entry is not None and entry.status == "assigned"  # the 3.7 deadline is met: no more reminders
    assert [e.details["data"] for e in await audit(world.sessions, "access_denied")] == [
        PairCb(action="approve", id=1).pack()
    ]

    reply = await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "утверждено приказом" in reply.text and "Приказ № 45-В" in reply.text
    reply = await curator.press("История")
    assert "предложено куратором" in reply.text and "утверждено приказом" in reply.text
    assert "Смирнова Ольга Викторовна" in reply.text


async def confirmed(world: World, form: str) -> int:
    async with world.sessions() as session:
        school = await ensure_default_organization(session)
        mentor = await session.scalar(select(Person).where(Person.full_name == "Мороз Андрей Иванович"))
        mentee = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        from db.models import MentorshipMember

        mentorship = Mentorship(
            organization_id=school.id,
            mentor_id=mentor.id,
            form=form,
            months=6,  # type: ignore[union-attr]
            status="confirmed",
            mentor_confirmed_at=datetime.now(ZoneInfo("UTC")),
        )
        mentorship.members = [
            MentorshipMember(
                organization_id=school.id,
                mentee_id=mentee.id,  # type: ignore[union-attr]
                confirmed_at=datetime.now(ZoneInfo("UTC")),
            )
        ]
        session.add(mentorship)
        await session.commit()
        return mentorship.id


async def test_the_director_returns_and_the_department_assigns_in_the_director_teacher_form(world: World) -> None:
    pd = ConsentKind.PERSONAL_DATA
    await person(world, "Кузнецова Елена Павловна", [Role.CURATOR], 9701)
    await person(world, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9702)
    await person(world, "Зайцева Марина Юрьевна", [Role.DEPARTMENT], 9703)
    await person(world, "Мороз Андрей Иванович", [Role.MENTOR], 9704, consents=(pd, ConsentKind.MENTOR))
    await person(world, "Ким Дарья Алексеевна", [Role.MENTEE], 9705, consents=(pd, ConsentKind.MENTEE))
    curator, director, department = [await world.client.add_user(i, str(i)) for i in (9701, 9702, 9703)]

    returned_id = await confirmed(world, "traditional")
    menu = (await director.send("/start")).last
    reply = await director.press_data(PairCb(action="return", id=returned_id).pack(), menu.message_id)
    assert "что нужно исправить" in reply.text
    reply = await director.send("Уточните срок: полгода мало для молодого специалиста")
    assert "Возвращено куратору" in reply.text
    note = await curator.wait_for_message(lambda m: "возвращена на доработку" in m.body)
    assert "полгода мало" in note.body

    assigned_id = await confirmed(world, "director_teacher")
    reply = await director.press_data(PairCb(action="approve", id=assigned_id).pack(), menu.message_id)
    assert reply.callback_answer and "управление образования" in reply.callback_answer  # 3.3
    menu = (await department.send("/start")).last
    await department.press_data(PairCb(action="approve", id=assigned_id).pack(), menu.message_id)
    await department.send("12-УО")
    reply = await department.press("Сегодня")
    assert "Утверждено приказом № 12-УО" in reply.text
    async with world.sessions() as session:
        returned = await session.get(Mentorship, returned_id)
        assigned = await session.get(Mentorship, assigned_id)
    assert returned is not None and returned.status == "returned" and "полгода мало" in (returned.comment or "")
    assert assigned is not None and assigned.status == "approved" and assigned.order_number == "12-УО"


async def test_the_whole_life_of_a_pair(world: World) -> None:
    """Needs → match → both confirm and consent → order (DOCX) → programme in time → an activity done and
    checked → completion → both reports; the history tells it back in order."""
    from tests.e2e.helpers import NEEDS_ANSWERS, answer

    pd = ConsentKind.PERSONAL_DATA
    await person(world, "Кузнецова Елена Павловна", [Role.CURATOR], 9801)
    await person(world, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9802)
    await person(
        world,
        "Мороз Андрей Иванович",
        [Role.MENTOR],
        9803,
        subjects="История",
        consents=(pd,),
        answers=("mentor_survey", {"competencies": ["methods"], "capacity": "3", "training": "recent"}),
    )
    await person(world, "Ким Дарья Алексеевна", [Role.MENTEE], 9804, subjects="История", start=date(2026, 9, 1))
    curator, director, mentor, mentee = [await world.client.add_user(i, str(i)) for i in (9801, 9802, 9803, 9804)]

    # Needs (road map 2), then the mentee's consent (3.7).
    await mentee.send("/start")
    await mentee.press("Анкеты")
    await mentee.press("Анкета профессиональных затруднений")
    await mentee.press("Даю согласие")
    await answer(mentee, NEEDS_ANSWERS)
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    await mentee.press("Прочитать и дать согласие")
    await mentee.press("Даю согласие")

    # Match, proposal, agreement with the mentor's written consent (3.2), order.
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert "закрывает 1 из 1 направлений затруднений" in reply.text
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    await curator.press("6 мес.")
    await curator.press("Отправить на согласование")
    invite = await mentor.wait_for_message(lambda m: "стать наставником" in m.body)
    await mentor.press("Согласен", invite)
    await mentor.press("Даю согласие")
    await mentor.press("Согласен", invite)
    invitation = await mentee.wait_for_message(lambda m: "предлагает вам наставника" in m.body)
    await mentee.press("Согласен", invitation)
    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    await director.press("Утвердить приказом", card)
    await director.send("77-В")
    reply = await director.press("Сегодня")
    assert any(m.file for m in reply.messages)

    # The programme in time (3.6), acknowledged; an activity done with a comment and checked (5.2, 4.1).
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()
    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    await mentor.press("Я наставник")
    await mentor.press("Цель и задачи")
    await mentor.send("Выстроить дисциплину на уроках истории в 7-х классах")
    await mentor.press("Пропустить")
    await mentor.press("Сохранить")
    await mentor.press("Мероприятие")
    await mentor.press("Практические задания")
    await mentor.send("Провести урок с новой системой правил")
    await mentor.send(f"{today + timedelta(days=14):%d.%m.%Y}")
    await mentor.send("Урок проведён, правила приняты классом")
    await mentor.press("Пропустить")
    await mentor.press("Сохранить")
    await mentor.press("Отправить наставляемому")
    await mentor.press("Да, отправить")
    note = await mentee.wait_for_message(lambda m: "прислал(а) вам персонализированную программу" in m.body)
    await mentee.press("Прочитать программу", note)
    await mentee.press("С программой ознакомлен(а)")
    await mentee.press("1. Провести урок")
    await mentee.press("Отметить выполнение")
    await mentee.send("Провела урок в 7 «Б», класс принял правила")
    done = await mentor.wait_for_message(lambda m: "отметил(а) выполнение" in m.body)
    await mentor.press("Принять", done)

    # Completion (7.1) and both reports (3.6).
    await curator.send("/menu")
    await curator.press("Пары и группы")
    await curator.press("Мороз Андрей Иванович")
    await curator.press("Завершить наставничество")
    await curator.press("План мероприятий выполнен")
    ask = await mentee.wait_for_message(lambda m: "Составьте отчёт о прохождении" in m.body)
    await mentee.press("Составить отчёт", ask)
    await answer(
        mentee,
        [("press", "5")] * 5
        + [
            ("press", "Отлично"),
            ("send", "Разбор моих уроков"),
            ("send", "Удерживать внимание класса"),
            ("press", "Пропустить"),
            ("press", "Пропустить"),
        ],
    )
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    ask = await mentor.wait_for_message(lambda m: "Составьте отчёт о выполнении программы" in m.body)
    await mentor.press("Составить отчёт", ask)
    await answer(
        mentor,
        [
            ("press", "Полностью"),
            ("send", "Все мероприятия программы выполнены"),
            ("send", "8"),
            ("press", "Самостоятельность"),
            ("press", "Готово"),
            ("send", "Открытый урок для МО"),
            ("press", "Пропустить"),
            ("send", "Пройти курсы по формирующему оцениванию"),
            ("press", "Готов(а)"),
        ],
    )
    await mentor.press("Отправить анкету")
    await mentor.press("Да, отправить")

    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Мороз Андрей Иванович")
    assert reply.text.count("сдан") == 2
    reply = await curator.press("История")
    async with world.sessions() as session:
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
        mentorship = await session.scalar(select(Mentorship))
    life = [
        "proposed",
        "all_confirmed",
        "approved_by_order",
        "item_added_by_mentor",
        "programme_submitted",
        "programme_acknowledged",
        "item_done",
        "item_accepted",
        "completed",
    ]
    assert [a for a in actions if a in life] == life
    assert mentorship is not None and mentorship.status == "completed" and mentorship.completion_reason == "fulfilled"
    for wording in (
        "предложено куратором",
        "утверждено приказом",
        "программа отправлена наставляемым",
        "наставник принял выполнение",
        "наставничество завершено",
    ):
        assert wording in reply.text, wording
