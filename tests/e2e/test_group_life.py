"""A group of three through its whole life (issue 4's judged scenario, with a replacement and an extension)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from docx import Document
from sqlalchemy import select

from db.models import Mentorship, MentorshipEvent
from domain.consents import ConsentKind
from domain.roles import Role
from tests.e2e.conftest import World
from tests.e2e.test_pairs import person

PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR
MENTEES = [("Аннина Анна Андреевна", 9611), ("Борисов Борис Борисович", 9612), ("Викторова Вера Викторовна", 9613)]


async def docx_text(world: World, reply) -> str:  # type: ignore[no-untyped-def]
    message = next(m for m in reply.messages if m.file)
    document = Document(io.BytesIO(await world.client.download(message.file["file_id"])))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def test_a_group_of_three_from_matching_to_completion(world: World) -> None:
    await person(world, "Кузнецова Елена Павловна", [Role.CURATOR], 9601)
    await person(world, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9602)
    await person(
        world,
        "Мороз Андрей Иванович",
        [Role.MENTOR],
        9603,
        subjects="История",
        consents=(PD, MENTOR),
        answers=("mentor_survey", {"competencies": ["methods"], "capacity": "3", "training": "recent"}),
    )
    await person(world, "Белова Наталья Сергеевна", [Role.MENTOR], 9604, subjects="История", consents=(PD,))
    for name, telegram_id in [*MENTEES, ("Гусев Глеб Геннадьевич", 9614)]:
        await person(
            world,
            name,
            [Role.MENTEE],
            telegram_id,
            subjects="История",
            start=date(2026, 9, 1),
            consents=(PD, MENTEE),
            answers=("mentee_needs", {"need_areas": ["methods"]}),
        )
    users = {
        tid: await world.client.add_user(tid, str(tid)) for tid in (9601, 9602, 9603, 9604, 9611, 9612, 9613, 9614)
    }
    curator, director, mentor, new_mentor = users[9601], users[9602], users[9603], users[9604]
    anna, boris, vera = users[9611], users[9612], users[9613]

    # Matching: three mentees, one mentor, the group form (2.3), six months (3.7).
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    for name, _ in MENTEES:
        await curator.press(name.split()[0])
    reply = await curator.press("Далее (выбрано: 3)")
    assert "наставляемых: 3" in reply.text
    await curator.press("Мороз Андрей Иванович")
    await curator.press("Наставничество в группе")
    await curator.press("6 мес.")
    reply = await curator.press("Отправить на согласование")
    assert "Предложение отправлено" in reply.text

    # A fourth mentee can't be given to the same mentor (3.7: at most three at the same time).
    await curator.send("/menu")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    await curator.press("Гусев")
    reply = await curator.press("Далее (выбрано: 1)")
    assert "Мороз Андрей Иванович" not in reply.text and "Белова Наталья Сергеевна" in reply.text

    for user in (mentor, anna, boris, vera):
        invite = await user.wait_for_message(lambda m: "Куратор предлагает" in m.body)
        reply = await user.press("Согласен", invite)
        assert "Вы подтвердили участие" in reply.text
    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    await director.press("Утвердить приказом", card)
    await director.send("45-В")
    reply = await director.press("Сегодня")
    order = await docx_text(world, reply)
    assert "Наставничество в группе" in order and all(name in order for name, _ in MENTEES)

    # The programme: written by the mentor, acknowledged by all three.
    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    await mentor.press("Я наставник")
    await mentor.press("Цель и задачи")
    await mentor.send("Освоить методику проблемного обучения на уроках истории")
    await mentor.press("Пропустить")  # the tasks are optional
    await mentor.press("Сохранить")
    await mentor.press("Мероприятие")
    await mentor.press("Знакомство с рабочим местом")
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()
    await mentor.send("Экскурсия по школе и знакомство с МО историков")
    await mentor.send(f"{today:%d.%m.%Y}")
    await mentor.send("Знает кабинеты, коллег и локальные акты")
    await mentor.press("Пропустить")  # how it is reported: optional
    await mentor.press("Сохранить")
    await mentor.press("Отправить наставляемому")
    await mentor.press("Да, отправить")
    for user in (anna, boris, vera):
        note = await user.wait_for_message(lambda m: "прислал(а) вам персонализированную программу" in m.body)
        await user.press("Прочитать программу", note)
        await user.press("С программой ознакомлен(а)")

    # An extension by mutual agreement (7.2): proposed by a mentee, agreed by everybody else.
    await anna.press("Изменения")
    await anna.press("Продлить срок")
    reply = await anna.press("9 мес.")
    assert "вступит в силу, когда согласятся все участники" in reply.text
    for user in (mentor, boris, vera):
        ask = await user.wait_for_message(lambda m: "предлагает продлить наставничество до 9 мес." in m.body)
        await user.press("✅ Согласен(на)", ask)
    await curator.wait_for_message(lambda m: "наставничество продлено до" in m.body)

    # A replacement (3.8): a mentee's petition (5.1), the curator's choice, the new mentor's consent, the order.
    await boris.press("Изменения")
    await boris.press("Попросить заменить наставника")
    petition = await curator.wait_for_message(lambda m: "просит заменить наставника" in m.body)
    await curator.press("Открыть пару/группу", petition)
    await curator.press("Заменить наставника")
    await curator.press("Просьба наставника или наставляемого")
    reply = await curator.press("Белова Наталья Сергеевна")
    assert "Белова Наталья Сергеевна подтвердит согласие" in reply.text
    ask = await new_mentor.wait_for_message(lambda m: "стать наставником вместо прежнего" in m.body)
    reply = await new_mentor.press("✅ Согласен(на)", ask)
    assert reply.callback_answer and "Сначала дайте письменное согласие" in reply.callback_answer
    await new_mentor.press("Даю согласие")  # 3.2: the new mentor's written consent
    await new_mentor.press("✅ Согласен(на)", ask)
    card = await director.wait_for_message(lambda m: "Замена наставника на утверждение" in m.body)
    await director.press("Утвердить приказом", card)
    await director.send("50-В")
    reply = await director.press("Сегодня")
    replacement_order = await docx_text(world, reply)
    assert "О замене наставника" in replacement_order and "Белова Наталья Сергеевна" in replacement_order
    await mentor.wait_for_message(lambda m: "наставник заменён" in m.body)  # the old mentor is told too

    # Completion (7.1): the plan fulfilled; the reports are asked of the new mentor and the three mentees (3.6).
    await curator.send("/menu")
    await curator.press("Пары и группы")
    await curator.press("Белова Наталья Сергеевна")
    await curator.press("Завершить наставничество")
    reply = await curator.press("План мероприятий выполнен")
    assert "Наставничество завершено" in reply.text
    for user in (new_mentor, anna, boris, vera):
        await user.wait_for_message(lambda m: "завершено" in m.body and "Составьте отчёт" in m.body)

    async with world.sessions() as session:
        mentorship = await session.scalar(select(Mentorship))
        assert mentorship is not None and mentorship.status == "completed" and mentorship.months == 9
        assert mentorship.form == "group" and len(mentorship.members) == 3
        assert mentorship.order_number == "45-В"
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
        replaced = await session.scalar(select(MentorshipEvent).where(MentorshipEvent.action == "mentor_replaced"))
    for expected in (
        "proposed",
        "all_confirmed",
        "approved_by_order",
        "programme_submitted",
        "programme_acknowledged",
        "extend_requested",
        "extended",
        "replacement_petition_mentee",
        "replace_requested",
        "mentor_replaced",
        "completed",
    ):
        assert expected in actions, expected
    assert (
        actions.index("approved_by_order")
        < actions.index("extended")
        < actions.index("mentor_replaced")
        < actions.index("completed")
    )
    assert (
        replaced is not None and replaced.details["order_number"] == "50-В" and replaced.details["reason"] == "request"
    )
    assert replaced.details["old_mentor"] != replaced.details["new_mentor"]

    await curator.press("К парам и группам")
    await curator.press("Белова Наталья Сергеевна")
    reply = await curator.press("История")
    assert "утверждено приказом" in reply.text and "наставничество завершено" in reply.text
