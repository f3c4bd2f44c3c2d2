"""A group of three through its whole life, in-process (moved from tests/e2e/test_group_life.py): matching under
the capacity rule (3.7), everybody's agreement, the order, the programme, an extension by mutual agreement (7.2),
a mentee's petition (5.1), a replacement returned once by the director, then offered again, the new mentor's
consent withdrawn midway and given again (3.2, 3.7), the replacement order (3.8), the completion by order (7.1)
and the reports asked of the new mentor and the three mentees (3.6); the history tells it all back in order."""

import io
from datetime import date, timedelta

from docx import Document
from sqlalchemy import select

from db.models import Mentorship, MentorshipChange, MentorshipEvent
from domain.consents import ConsentKind
from domain.roles import Role
from tests.e2e.helpers import person
from tests.flows.harness import Flows, FlowUser

PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR
MENTEES = [("Аннина Анна Андреевна", 9611), ("Борисов Борис Борисович", 9612), ("Викторова Вера Викторовна", 9613)]
TODAY = date(2026, 10, 5)


def docx_text(flows: Flows, reply) -> str:  # type: ignore[no-untyped-def]
    message = next(m for m in reply.messages if m.file)
    document = Document(io.BytesIO(flows.state.files[message.file["file_id"]].content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def approve_by_order(director: FlowUser, card_text: str, number: str) -> object:
    card = await director.wait_for_message(lambda m: card_text in m.body)
    await director.press("Утвердить приказом", card)
    await director.send(number)
    return await director.press("Сегодня")


async def test_a_group_of_three_from_matching_to_completion(flows: Flows) -> None:
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9601)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9602)
    survey = {"competencies": ["methods"], "capacity": "3", "training": "recent"}
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9603, subjects="История", consents=(PD, MENTOR),
                 answers=("mentor_survey", survey))  # fmt: skip
    await person(flows, "Белова Наталья Сергеевна", [Role.MENTOR], 9604, subjects="История", consents=(PD,))
    for name, telegram_id in [*MENTEES, ("Гусев Глеб Геннадьевич", 9614)]:
        await person(flows, name, [Role.MENTEE], telegram_id, subjects="История", start=date(2026, 9, 1),
                     consents=(PD, MENTEE), answers=("mentee_needs", {"need_areas": ["methods"]}))  # fmt: skip
    users = {tid: flows.add_user(tid, str(tid)) for tid in (9601, 9602, 9603, 9604, 9611, 9612, 9613, 9614)}
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
    assert "Предложение отправлено" in reply.text and "Наставническая группа" in reply.text

    # A fourth mentee can't be given to the same mentor (3.7: at most three at the same time).
    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать наставника")
    assert "Аннина Анна Андреевна (до 01.10.2026) — наставник уже предложен" in " ".join(reply.last.labels)
    await curator.press("Гусев")
    reply = await curator.press("Далее (выбрано: 1)")
    assert "Мороз Андрей Иванович" not in reply.text and "Белова Наталья Сергеевна" in reply.text

    for user in (mentor, anna, boris, vera):
        invite = await user.wait_for_message(lambda m: "Куратор Кузнецова Елена Павловна предлагает" in m.body)
        reply = await user.press("Согласен", invite)
        assert "Вы подтвердили участие" in reply.text
    reply = await approve_by_order(director, "На утверждение приказом", "45-В")
    order = docx_text(flows, reply)
    assert "Наставничество в группе" in order and all(name in order for name, _ in MENTEES)
    note = await mentor.wait_for_message(lambda m: "Вы назначены наставником приказом № 45-В" in m.body)
    assert "Наставляемые: Аннина А. А., Борисов Б. Б., Викторова В. В." in note.body

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
    await mentor.send("Экскурсия по школе и знакомство с МО историков")
    await mentor.send(f"{TODAY:%d.%m.%Y}")
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
        assert "Аннина Анна Андреевна" in ask.body and "до 04.07.2027" in ask.body
        await user.press("✅ Согласен(на)", ask)
    await curator.wait_for_message(lambda m: "наставничество продлено до 04.07.2027" in m.body)

    # A replacement (3.8): a mentee's petition (5.1), the curator's choice, the new mentor's consent — returned once.
    await boris.press("Изменения")
    await boris.press("Попросить заменить наставника")
    await boris.send("Хочу наставника по физике")
    petition = await curator.wait_for_message(lambda m: "просит заменить наставника" in m.body)
    assert "Борисов Борис Борисович" in petition.body and "Мороз А. И. — Аннина А. А." in petition.body
    await curator.press("Открыть пару/группу", petition)
    await curator.press("Заменить наставника")
    await curator.press("Просьба наставника или наставляемого")
    reply = await curator.press("Белова Наталья Сергеевна")
    assert "Белова Наталья Сергеевна подтвердит согласие" in reply.text
    ask = await new_mentor.wait_for_message(lambda m: "стать наставником вместо Мороза Андрея Ивановича" in m.body)
    assert "Наставляемые: Аннина А. А., Борисов Б. Б., Викторова В. В." in ask.body
    reply = await new_mentor.press("✅ Согласен(на)", ask)
    assert reply.callback_answer and "Сначала дайте письменное согласие" in reply.callback_answer
    await new_mentor.press("Даю согласие")  # 3.2: the new mentor's written consent
    reply = await new_mentor.press("✅ Согласен(на)", ask)
    assert "Замена отправлена на утверждение приказом" in reply.text
    await curator.wait_for_message(lambda m: "Белова Наталья Сергеевна согласен(на) стать наставником" in m.body)
    card = await director.wait_for_message(lambda m: "Замена наставника на утверждение" in m.body)
    assert "Было: Мороз Андрей Иванович" in card.body and "Станет: Белова Наталья Сергеевна" in card.body
    await director.press("Вернуть с комментарием", card)
    await director.send("Сначала обсудите замену на МО")
    returned = await curator.wait_for_message(lambda m: "вернул(а) на доработку замену наставника" in m.body)
    assert "на Белову Наталью Сергеевну" in returned.body and "Сначала обсудите замену на МО" in returned.body
    await new_mentor.wait_for_message(lambda m: "возвращена куратору на доработку" in m.body)
    reply = await director.press("Утвердить приказом", card)  # the returned replacement's button says so
    assert reply.callback_answer == "Уже решено: возвращено куратору на доработку."

    await curator.press("Открыть пару/группу", returned)
    await curator.press("Заменить наставника")
    await curator.press("Просьба наставника или наставляемого")
    await curator.press("Белова Наталья Сергеевна")
    ask = await new_mentor.wait_for_message(lambda m: "стать наставником вместо" in m.body)
    reply = await new_mentor.press("✅ Согласен(на)", ask)
    assert "Замена отправлена на утверждение приказом" in reply.text

    # Her written consent withdrawn midway: the order is refused (3.2, 3.7); given again, it goes through.
    await new_mentor.send("/privacy")
    await new_mentor.press("Отозвать: наставника")
    await new_mentor.press("Да, отозвать")
    reply = await approve_by_order(director, "Замена наставника на утверждение", "50-В")
    assert "Замену нельзя утвердить" in reply.text and "Беловой Натальи Сергеевны" in reply.text  # type: ignore[attr-defined]
    await new_mentor.send("/privacy")
    await new_mentor.press("Дать согласие на назначение наставником")
    await new_mentor.press("Даю согласие")
    await director.send("/menu")
    await director.press("На утверждение")
    reply = await director.press("Замена")
    assert "Станет: Белова Наталья Сергеевна" in reply.text
    await director.press("Утвердить приказом")
    await director.send("50-В")
    reply = await director.press("Сегодня")
    replacement_order = docx_text(flows, reply)
    assert "О замене наставника" in replacement_order
    assert "в связи с просьбой наставника или наставляемого" in replacement_order
    assert "Освободить Мороза Андрея Ивановича, учителя, от обязанностей наставника" in replacement_order
    assert "Назначить Белову Наталью Сергеевну, учителя, наставником вместо Мороза Андрея Ивановича" in (
        replacement_order
    )
    acknowledged = replacement_order[replacement_order.index("С ПРИКАЗОМ ОЗНАКОМЛЕНЫ") :]
    assert all(
        name in acknowledged for name in ("Белова Наталья Сергеевна", "Мороз Андрей Иванович", *(n for n, _ in MENTEES))
    )  # everybody it concerns, the old mentor included
    old = await mentor.wait_for_message(lambda m: "наставник заменён" in m.body)
    assert "освобождены от обязанностей наставника" in old.body and "Белова Наталья Сергеевна" in old.body
    told = await boris.wait_for_message(lambda m: "ваш наставник заменён" in m.body)
    assert "вместо Мороза Андрея Ивановича — Белова Наталья Сергеевна" in told.body
    appointed = await new_mentor.wait_for_message(lambda m: "вы назначены наставником вместо" in m.body)
    assert "Аннина А. А., Борисов Б. Б., Викторова В. В." in appointed.body and "до 04.07.2027" in appointed.body
    assert "Ознакомьтесь с программой" in appointed.body and "Открыть программу" in " ".join(appointed.labels)
    reply = await new_mentor.press("Открыть программу", appointed)
    assert "Экскурсия по школе и знакомство с МО историков" in reply.text
    assert "предложено наставляемым" not in reply.text  # the replaced mentor's activity is not a mentee's proposal

    # Completion (7.1) by order; the reports are asked of the new mentor and the three mentees (3.6).
    flows.clock.set(TODAY + timedelta(days=90))
    await curator.send("/menu")
    await curator.press("Пары и группы")
    await curator.press("Белова Наталья Сергеевна")
    await curator.press("Завершить наставничество")
    reply = await curator.press("План мероприятий выполнен")
    assert "в связи с выполнением плана" in reply.last.body and "🏁 Да, отправить на приказ" in reply.last.labels
    reply = await curator.press("Да, отправить на приказ")
    assert "Завершение отправлено на утверждение приказом" in reply.text
    reply = await approve_by_order(director, "Завершение наставничества на утверждение", "60-В")
    assert "Утверждено приказом № 60-В" in reply.text  # type: ignore[attr-defined]
    for user in (new_mentor, anna, boris, vera):
        note = await user.wait_for_message(lambda m: "Наставничество завершено приказом № 60-В" in m.body)
        assert "до 13.01.2027" in note.body and "Составить отчёт" in " ".join(note.labels)

    async with flows.sessions() as session:
        mentorship = await session.scalar(select(Mentorship))
        assert mentorship is not None and mentorship.status == "completed" and mentorship.months == 9
        assert mentorship.form == "group" and len(mentorship.members) == 3
        assert mentorship.order_number == "45-В" and mentorship.completed_on == TODAY + timedelta(days=90)
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
        replaced = await session.scalar(select(MentorshipEvent).where(MentorshipEvent.action == "mentor_replaced"))
        changes = [
            (c.kind, c.status, c.order_number)
            for c in await session.scalars(select(MentorshipChange).order_by(MentorshipChange.id))
        ]
    assert changes == [
        ("extend", "approved", None),
        ("replace", "returned", None),
        ("replace", "approved", "50-В"),
        ("complete", "approved", "60-В"),
    ]
    life = [
        "proposed",
        "all_confirmed",
        "approved_by_order",
        "programme_submitted",
        "programme_acknowledged",
        "extend_requested",
        "extended",
        "replacement_petition_mentee",
        "replace_requested",
        "replace_agreed",
        "replace_returned",
        "replace_requested",
        "replace_agreed",
        "mentor_replaced",
        "completion_requested",
        "completed",
    ]
    remaining = iter(actions)
    assert all(step in remaining for step in life), actions  # every step, in this order
    assert [a for a in actions if a in ("approved_by_order", "extended", "mentor_replaced", "completed")] == [
        "approved_by_order",
        "extended",
        "mentor_replaced",
        "completed",
    ]
    assert replaced is not None and replaced.details["order_number"] == "50-В"
    assert replaced.details["reason"] == "request" and replaced.details["old_mentor"] != replaced.details["new_mentor"]

    await curator.press("К парам и группам")
    await curator.press("Белова Наталья Сергеевна")
    reply = await curator.press("История")
    assert "утверждено приказом № 45-В" in reply.text and "наставничество завершено приказом № 60-В" in reply.text
    assert "наставник заменён приказом (п. 3.8) № 50-В: Мороз Андрей Иванович → Белова Наталья Сергеевна" in (
        reply.text
    )
    assert "замена возвращена с комментарием: «Сначала обсудите замену на МО»" in reply.text
    assert "(утверждено → завершено)" in reply.text
