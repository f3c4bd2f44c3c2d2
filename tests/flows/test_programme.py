"""The personalized programme (3.6) in-process: written by the mentor (goal, tasks, activities added, edited and
deleted, sent after a confirmation by the deadline of the order + programme_days), read and acknowledged by the
mentee, proposals and comments (5.1), activities reported done with a comment or a file (5.2) and checked (4.1),
meetings, the reports of both after the end (3.6: report_days), and the programme's comments erased with the
personal data of their author (152-FZ art. 21)."""

import io
from datetime import UTC, date, datetime, timedelta

from docx import Document
from sqlalchemy import select, update

from db.models import (
    Mentorship,
    MentorshipEvent,
    MentorshipMember,
    Organization,
    Person,
    Programme,
    ProgrammeItem,
    ProgrammeItemComment,
    QuestionnaireResponse,
)
from domain.consents import ConsentKind
from domain.roles import Role
from handlers.callbacks import ActivityCb, ProgCb, QStart
from locales import Texts
from services.programme import appointment_notices
from tests.e2e.helpers import answer, audit
from tests.e2e.test_pairs import person
from tests.flows.harness import Flows, FlowUser

PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR
ORDER = date(2026, 9, 1)  # the order fixing the pair; the programme is due 10 days later (3.6)
CURATOR_ID, MENTOR_ID, MENTEE_ID, DIRECTOR_ID = 9501, 9502, 9503, 9504


async def approved_pair(flows: Flows, *, needs: bool = True, months_end: date = date(2027, 2, 28)) -> int:
    """Мороз mentors Ким by order № 45-В of 01.09.2026, until 28.02.2027; Ким filled the needs questionnaire."""
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], CURATOR_ID)  # type: ignore[arg-type]
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], DIRECTOR_ID)  # type: ignore[arg-type]
    mentor = await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], MENTOR_ID, consents=(PD, MENTOR))  # type: ignore[arg-type]
    mentee = await person(
        flows,  # type: ignore[arg-type]
        "Ким Дарья Алексеевна",
        [Role.MENTEE],
        MENTEE_ID,
        consents=(PD, MENTEE),
        answers=(
            "mentee_needs",
            {
                "category": "young",
                "need_areas": ["methods", "upbringing"],
                "difficulties": "Трудно удерживать дисциплину в 7 классе",
                "goals": "Научиться планировать уроки по ФГОС",
            },
        )
        if needs
        else None,
    )
    async with flows.sessions() as session:
        pair = Mentorship(
            organization_id=mentor.organization_id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="approved",
            mentor_confirmed_at=datetime.now(UTC),
            decided_at=datetime.now(UTC),
            order_number="45-В",
            order_date=ORDER,
            start_date=ORDER,
            end_date=months_end,
        )
        pair.members = [
            MentorshipMember(
                organization_id=mentor.organization_id, mentee_id=mentee.id, confirmed_at=datetime.now(UTC)
            )
        ]
        session.add(pair)
        await session.commit()
        return pair.id


async def open_programme(user: FlowUser, label: str) -> str:
    await user.send("/menu")
    await user.press("Моё наставничество")
    return (await user.press(label)).text


async def events(flows: Flows) -> list[str]:
    async with flows.sessions() as session:
        return [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]


async def test_the_mentor_writes_the_programme_and_the_mentee_acknowledges(flows: Flows) -> None:
    pair_id = await approved_pair(flows)
    curator, mentor, mentee = (flows.add_user(i) for i in (CURATOR_ID, MENTOR_ID, MENTEE_ID))
    for user in (curator, mentor, mentee):
        await user.send("/start")
    flows.clock.set(date(2026, 9, 3))

    text = await open_programme(mentor, "Я наставник: Ким Дарья Алексеевна")
    assert "Программа наставничества для Ким Дарьи Алексеевны" in text  # 6: the name declined
    assert "черновик" in text and "Составить и отправить наставляемому до 11.09.2026 (п. 3.6)" in text
    reply = await mentor.press("Анкета наставляемого")  # 4: the needs the programme answers
    assert "Ким Дарья Алексеевна" in reply.text and "Трудно удерживать дисциплину" in reply.text
    await mentor.press("К программе")

    await mentor.press("Цель и задачи")
    assert "Слишком коротко" in (await mentor.send("Кратко")).text
    await mentor.send("Освоить планирование уроков по ФГОС и удерживать дисциплину в 7-х классах")
    reply = await mentor.send("изучить рабочую программу; провести открытый урок")
    assert "проверьте данные" in reply.text
    reply = await mentor.press("Сохранить")
    assert "Цель: Освоить планирование уроков" in reply.text and "Задачи: изучить рабочую программу" in reply.text

    await mentor.press("Мероприятие")
    reply = await mentor.press("Практические задания")
    assert "шаг 1 из 4" in reply.text
    reply = await mentor.send("Посетить 3 урока наставника в 7-х классах")
    assert "В пределах срока наставничества: с 01.09.2026 по 28.02.2027" in reply.text  # the example is the period
    reply = await mentor.send("01.01.2030")  # outside the period of the order: refused at once, same step
    assert "в пределах срока наставничества: с 01.09.2026 по 28.02.2027" in reply.text
    assert "Попробуйте ещё раз" in reply.text
    reply = await mentor.send("15.10.2026")
    assert "шаг 3 из 4" in reply.text
    await mentor.send("Составлен конспект приёмов удержания дисциплины")
    reply = await mentor.send("Конспект")
    assert "проверьте данные" in reply.text
    reply = await mentor.press("Сохранить")
    assert "Мероприятие «Посетить 3 урока наставника в 7-х классах» добавлено" in reply.text

    for title, day in (("Провести открытый урок", "20.12.2026"), ("Лишнее мероприятие", "01.10.2026")):
        await mentor.press("Мероприятие")
        await mentor.press("Изучение теоретических")
        await mentor.send(title)
        await mentor.send(day)
        await mentor.send("Результат мероприятия")
        await mentor.press("Пропустить")
        await mentor.press("Сохранить")

    # a draft activity is edited from its card (the review offers every field) and another deleted
    await mentor.press("Провести открытый урок")
    await mentor.press("Изменить")
    await mentor.press("✏️ Мероприятие")
    await mentor.send("Провести открытый урок для МО")
    reply = await mentor.press("Сохранить")
    assert "Мероприятие «Провести открытый урок для МО» изменено" in reply.text
    await mentor.press("Лишнее мероприятие")
    reply = await mentor.press("Удалить")
    assert "Удалить мероприятие «Лишнее мероприятие»" in reply.text
    reply = await mentor.press("Да, удалить")
    assert "Лишнее мероприятие" not in reply.text and "2. Провести открытый урок для МО" in reply.text

    # the mentee may not edit the programme or send it, however the button is crafted
    menu = await mentee.last_bot_message()
    for data in (ProgCb(action="goal", id=pair_id), ProgCb(action="submit_yes", id=pair_id)):
        forged = await mentee.press_data(data.pack(), menu.message_id)
        assert forged.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."

    reply = await mentor.press("Отправить наставляемому")
    assert "Отправить программу Ким Дарье Алексеевне?" in reply.text and "2 мероприятия" in reply.text
    reply = await mentor.press("Да, отправить")
    assert "отправлена, ждёт ознакомления" in reply.text and "опозданием" not in reply.text

    note = await mentee.wait_for_message(lambda m: "прислал(а) вам персонализированную программу" in m.body)
    assert "Наставник Мороз Андрей Иванович" in note.body
    reply = await mentee.press("Прочитать программу", note)
    assert "Посетить 3 урока наставника" in reply.text

    # 5.1: the mentee proposes an activity; the mentor includes it
    await mentee.press("Предложить мероприятие")
    await mentee.press("Изучение теоретических")
    await mentee.send("Разобрать требования ФГОС к оценке")
    await mentee.send("30.10.2026")
    await mentee.send("Памятка по критериям оценивания")
    await mentee.press("Пропустить")
    reply = await mentee.press("Сохранить")
    assert "Предложение «Разобрать требования ФГОС к оценке» отправлено наставнику" in reply.text
    assert "Предложения наставляемого (п. 5.1)" in reply.text
    proposal = await mentor.wait_for_message(lambda m: "предлагает мероприятие в программу" in m.body)
    assert "Ким Дарья Алексеевна предлагает" in proposal.body
    reply = await mentor.press("Открыть предложение", proposal)
    assert "Предложение наставляемого" in reply.text and "Предложено наставляемым: Ким Дарья Алексеевна" in reply.text
    reply = await mentor.press("Включить в программу")
    assert "(предложено наставляемым)" in reply.text
    await mentee.wait_for_message(lambda m: "включил(а) ваше предложение" in m.body)

    # 5.1: a comment, stored as the author's id and the text; the mentor is told who wrote it and can answer
    await mentee.press("Открыть программу")
    await mentee.press("1. Посетить 3 урока наставника")
    await mentee.press("Комментарий")
    reply = await mentee.send("Можно ли начать с уроков в 5-х классах?")
    assert "Ким Дарья Алексеевна: Можно ли начать с уроков в 5-х классах?" in reply.text
    note = await mentor.wait_for_message(lambda m: "о мероприятии «Посетить 3 урока" in m.body)
    assert "Ким Дарья Алексеевна" in note.body
    await mentor.press("Ответить", note)
    await mentor.press("Комментарий")
    await mentor.send("Да, начнём с 5 «А»")

    note = await mentee.wait_for_message(lambda m: "Мороз Андрей Иванович о мероприятии" in m.body)
    assert "Да, начнём с 5 «А»" in note.body
    await mentee.press("К программе")
    reply = await mentee.press("С программой ознакомлен(а)")
    assert "наставляемый ознакомлен" in reply.text and "✅ С программой ознакомлен(а)" not in reply.last.labels
    for user in (curator, mentor):
        note = await user.wait_for_message(lambda m: "ознакомлены все наставляемые" in m.body)
        assert "Ким Дарья Алексеевна" in note.body and "📋 Открыть программу" in note.labels

    reply = await mentee.press("Программа для печати")
    document = next(m for m in reply.messages if m.file)
    assert document.file and document.file["file_name"] == "Программа_наставничества_Ким.docx"
    docx = Document(io.BytesIO(flows.state.files[document.file["file_id"]].content))
    body = "\n".join(p.text for p in docx.paragraphs)
    table = [[cell.text for cell in row.cells] for row in docx.tables[0].rows]
    assert (
        "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in body and "Наставник: Мороз Андрей Иванович, Учитель" in body
    )
    assert "Наставляемый: Ким Дарья Алексеевна, Учитель" in body and "Задачи: изучить рабочую программу" in body
    assert "Основание: Приказ № 45-В от 01.09.2026" in body and "ознакомлен(а) в боте" in body
    assert table[0] == [
        "№",
        "Направление (п. 3.6)",
        "Мероприятие и форма",
        "Сроки",
        "Ожидаемый результат",
        "Форма отчётности",
        "Отметка о выполнении",
    ]
    assert table[1][1:4] == ["Практические задания", "Посетить 3 урока наставника в 7-х классах", "до 15.10.2026"]
    assert table[1][5] == "Конспект" and "(предложено наставляемым)" in table[2][2]

    async with flows.sessions() as session:
        programme = await session.scalar(select(Programme))
        comments = list(await session.scalars(select(ProgrammeItemComment).order_by(ProgrammeItemComment.id)))
        mentee_row = await session.scalar(select(Person).where(Person.telegram_user_id == MENTEE_ID))
    assert programme is not None and programme.status == "acknowledged" and len(programme.items) == 3
    assert programme.tasks == "изучить рабочую программу; провести открытый урок"
    mentor_row_id = programme.items[0].proposed_by_id
    assert [(c.author_id, c.text) for c in comments] == [
        (mentee_row.id if mentee_row else 0, "Можно ли начать с уроков в 5-х классах?"),  # no name in the text
        (mentor_row_id, "Да, начнём с 5 «А»"),
    ]
    assert await events(flows) == [
        "programme_goal_set",
        "item_added_by_mentor",
        "item_added_by_mentor",
        "item_added_by_mentor",
        "item_edited",
        "item_deleted",
        "programme_submitted",
        "item_added_by_mentee",
        "proposal_included",
        "item_commented",
        "item_commented",
        "programme_acknowledged",
    ]
    assert len(await audit(flows.sessions, "access_denied")) == 2


async def programme_in_progress(flows: Flows, pair_id: int) -> None:
    async with flows.sessions() as session:
        pair = await session.get(Mentorship, pair_id)
        assert pair is not None
        programme = Programme(
            organization_id=pair.organization_id,
            mentorship_id=pair_id,
            goal="Освоить планирование уроков",
            status="acknowledged",
            submitted_at=datetime(2026, 9, 8, tzinfo=UTC),
        )
        programme.items = [
            ProgrammeItem(
                organization_id=pair.organization_id,
                kind="assignments",
                title=title,
                due_date=day,
                expected_result="Результат",
                proposed_by_id=pair.mentor_id,
            )
            for title, day in (
                ("Посетить уроки наставника", date(2026, 10, 10)),
                ("Провести открытый урок", date(2026, 11, 20)),
            )
        ]
        session.add(programme)
        await session.commit()


async def test_activities_are_reported_checked_and_meetings_logged(flows: Flows) -> None:
    pair_id = await approved_pair(flows)
    await programme_in_progress(flows, pair_id)
    mentor, mentee = flows.add_user(MENTOR_ID), flows.add_user(MENTEE_ID)
    await mentor.send("/start")
    await mentee.send("/start")
    flows.clock.set(date(2026, 10, 5))

    text = await open_programme(mentee, "Мой наставник: Мороз Андрей Иванович")
    assert "Выполнено и принято наставником: 0 из 2" in text
    await mentee.press("1. Посетить уроки наставника")
    reply = await mentee.press("Отметить выполнение")
    assert "Напишите комментарий или пришлите файл" in reply.text
    reply = await mentee.upload(
        "конспект.pdf", b"%PDF-1.4 notes", caption="Посетила 3 урока, конспект приложен", mime_type="application/pdf"
    )
    assert "Наставник Мороз Андрей Иванович проверит выполнение" in reply.text
    assert "выполнено, ждёт проверки" in reply.text and "Файл: конспект.pdf" in reply.text

    note = await mentor.wait_for_message(lambda m: "отметил(а) выполнение" in m.body)
    assert "Ким Дарья Алексеевна" in note.body and "Посетила 3 урока" in note.body and "конспект.pdf" in note.body
    reply = await mentor.press("Открыть файл", note)
    document = next(m for m in reply.messages if m.file)
    assert document.file and flows.state.files[document.file["file_id"]].content == b"%PDF-1.4 notes"
    reply = await mentor.press("Принять", note)
    assert reply.callback_answer == "Принято" and "выполнено и принято ✅" in reply.text
    again = await mentor.press_data(ActivityCb(action="return", id=1).pack(), note.message_id)
    assert again.callback_answer in ("Уже решено: выполнение принято.", "Этого мероприятия больше нет в программе.")
    accepted = await mentee.wait_for_message(lambda m: "принял(а) выполнение" in m.body)
    assert "Наставник Мороз Андрей Иванович" in accepted.body and "📋 Открыть программу" in accepted.labels

    # the second one, reported in words, is returned with a word on what to redo, and reported again
    await mentee.press("Открыть программу", accepted)
    await mentee.press("2. Провести открытый урок")
    await mentee.press("Отметить выполнение")
    await mentee.send("Провела урок в 7 «Б»")
    note = await mentor.wait_for_message(lambda m: "Провести открытый урок" in m.body and "отметил(а)" in m.body)
    await mentor.press("На доработку", note)
    reply = await mentor.send("Пришлите самоанализ урока")
    assert "Возвращено на доработку" in reply.text and "Мороз Андрей Иванович: Пришлите самоанализ урока" in reply.text
    returned = await mentee.wait_for_message(lambda m: "вернул(а) на доработку" in m.body)
    assert "Пришлите самоанализ урока" in returned.body
    reply = await mentee.press("Открыть мероприятие", returned)
    assert "на доработке" in reply.text
    await mentee.press("Отметить выполнение")
    await mentee.send("Самоанализ: цели урока достигнуты")
    await mentor.wait_for_message(lambda m: "Самоанализ" in m.body)

    # a meeting is logged once held, within the period
    await mentor.send("/menu")
    await mentor.press("Моё наставничество")
    await mentor.press("Я наставник: Ким Дарья Алексеевна")
    await mentor.press("Встречи")
    await mentor.press("Онлайн")
    await mentor.send("10.10.2026")  # not yet held on 05.10
    await mentor.send("Разбор урока: дисциплина и темп")
    reply = await mentor.press("Сохранить")
    assert "только прошедшую встречу: дата не позже 05.10.2026" in reply.text
    await mentor.send("02.10.2026")
    reply = await mentor.press("Сохранить")
    assert "Встреча записана" in reply.text and "02.10.2026 · Онлайн (видеосвязь) · Разбор урока" in reply.text

    async with flows.sessions() as session:
        items = {i.title: i for i in await session.scalars(select(ProgrammeItem))}
        mentee_row = await session.scalar(select(Person).where(Person.telegram_user_id == MENTEE_ID))
    done = items["Посетить уроки наставника"]
    assert done.status == "accepted" and done.done_file_name == "конспект.pdf" and done.checked_at is not None
    assert done.done_by_id == (mentee_row.id if mentee_row else -1) and "Посетила 3 урока" in (done.done_comment or "")
    assert items["Провести открытый урок"].status == "done"
    assert await events(flows) == [
        "item_done",
        "item_accepted",
        "item_done",
        "item_returned",
        "item_done",
        "meeting_logged",
    ]


async def test_a_late_programme_is_flagged_and_a_short_one_noted(flows: Flows) -> None:
    await approved_pair(flows, months_end=date(2026, 11, 15))  # 2.5 months: shorter than a programme's 3 (1.2)
    async with flows.sessions() as session:  # the school gives 7 days for the programme
        await session.execute(update(Organization).values(rules={"programme_days": 7}))
        await session.commit()
    mentor = flows.add_user(MENTOR_ID)
    await mentor.send("/start")
    flows.clock.set(date(2026, 9, 12))
    text = await open_programme(mentor, "Я наставник: Ким Дарья Алексеевна")
    assert "Срок составления программы истёк 08.09.2026: просрочено на 4 дня (п. 3.6)" in text
    assert "Срок короче 3 месяцев" in text and "(п. 1.2)" in text
    reply = await mentor.press("Отправить наставляемому")
    assert "Отправить программу" not in reply.text
    assert reply.callback_answer == "Чтобы отправить программу, задайте цель и добавьте хотя бы одно мероприятие."
    await mentor.press("Цель и задачи")
    await mentor.send("Освоить планирование уроков по ФГОС")
    await mentor.press("Пропустить")
    await mentor.press("Сохранить")
    await mentor.press("Мероприятие")
    await mentor.press("Практические задания")
    await mentor.send("Посетить уроки наставника")
    await mentor.send("01.10.2026")
    await mentor.send("Конспект")
    await mentor.press("Пропустить")
    await mentor.press("Сохранить")
    await mentor.press("Отправить наставляемому")
    reply = await mentor.press("Да, отправить")
    assert "Программа отправлена с опозданием на 4 дня (п. 3.6)" in reply.text
    stale = await mentor.press_data(ProgCb(action="submit_yes", id=1).pack(), reply.messages[-1].message_id)
    assert stale.callback_answer and "Программа уже отправлена наставляемому" in stale.callback_answer


async def test_withdrawal_erases_the_comments_that_named_their_author(flows: Flows) -> None:
    """152-FZ art. 21: a comment used to be stored as «ФИО: текст», and withdrawal never reached it."""
    pair_id = await approved_pair(flows)
    await programme_in_progress(flows, pair_id)
    mentor, mentee = flows.add_user(MENTOR_ID), flows.add_user(MENTEE_ID)
    await mentor.send("/start")
    await mentee.send("/start")
    flows.clock.set(date(2026, 10, 5))
    await open_programme(mentee, "Мой наставник: Мороз Андрей Иванович")
    await mentee.press("1. Посетить уроки наставника")
    await mentee.press("Комментарий")
    await mentee.send("Удобнее по вторникам, Дарья")
    await mentee.press("Отметить выполнение")
    await mentee.send("Была на уроках 1, 3 и 6 октября")
    await open_programme(mentor, "Я наставник: Ким Дарья Алексеевна")
    await mentor.press("1. Посетить уроки наставника")
    await mentor.press("Комментарий")
    await mentor.send("Хорошо, жду во вторник")

    await mentee.send("/privacy")
    await mentee.press("Отозвать: ПД")
    await mentee.press("Да, отозвать")

    async with flows.sessions() as session:
        texts = [c.text for c in await session.scalars(select(ProgrammeItemComment))]
        item = await session.scalar(select(ProgrammeItem).where(ProgrammeItem.title == "Посетить уроки наставника"))
    assert texts == ["Хорошо, жду во вторник"]  # the mentor's stays, without a name in it
    assert item is not None and item.status == "done" and item.done_comment is None
    reply = await open_programme(mentor, "Я наставник: Обезличенный участник")
    assert "Ким" not in reply and "Дарья" not in reply


async def test_the_order_notice_names_the_people_and_the_programme_deadline(flows: Flows) -> None:
    pair_id = await approved_pair(flows)
    async with flows.sessions() as session:
        pair = await session.get(Mentorship, pair_id)
        assert pair is not None
        from domain.rules import OrgRules

        notices = await appointment_notices(session, pair, OrgRules(programme_days=12))
    t = Texts()
    mentor_note, mentee_note = (t(n.key, **n.args) for n in notices)
    assert "Приказом № 45-В от 01.09.2026 вы назначены наставником Ким Дарьи Алексеевны" in mentor_note
    assert "отправьте её до 13.09.2026 (п. 3.6)" in mentor_note
    assert "вашим наставником назначен(а) Мороз Андрей Иванович" in mentee_note and "до 13.09.2026" in mentee_note
    assert [b.target for n in notices for b in n.buttons] == ["programme", "programme"]
    assert all(b.id == pair_id for n in notices for b in n.buttons)


async def test_early_completion_and_both_reports(flows: Flows) -> None:
    pair_id = await approved_pair(flows)
    async with flows.sessions() as session:  # the school's own report deadline: 7 days (3.6 gives 10 by default)
        await session.execute(update(Organization).values(rules={"report_days": 7}))
        await session.commit()
    curator, mentor, mentee, director = (flows.add_user(i) for i in (CURATOR_ID, MENTOR_ID, MENTEE_ID, DIRECTOR_ID))
    for user in (curator, mentor, mentee, director):
        await user.send("/start")
    flows.clock.set(date(2026, 12, 1))
    today = submitted = date(2026, 12, 1)  # the order's «Сегодня» and the reports are dated by the bot's clock

    await curator.press("Пары и группы")
    await curator.press("Мороз Андрей Иванович")
    reply = await curator.press("Завершить наставничество")
    assert "п. 7.1" in reply.text
    reply = await curator.press("По инициативе наставляемого")
    assert "уважительную причину" in reply.text
    reply = await curator.send("Переезд в другой город")
    assert "Завершение отправлено на утверждение приказом" in reply.text
    ask = await director.wait_for_message(lambda m: "Завершение наставничества на утверждение" in m.body)
    await director.press("Утвердить приказом", ask)  # 7.1: the completion is fixed by order
    await director.send("60-В")
    reply = await director.press("Сегодня")
    assert "Утверждено приказом № 60-В" in reply.text

    ask = await mentee.wait_for_message(lambda m: "составьте отчёт о прохождении наставничества" in m.body)
    assert f"В течение 7 дней, до {today + timedelta(days=7):%d.%m.%Y}" in ask.body  # the school's 7, not 10
    assert "(наставник — Мороз Андрей Иванович)" in ask.body and "📝 Составить отчёт" in ask.labels
    forged = await mentee.press_data(QStart(code="mentor_report", m=pair_id).pack(), ask.message_id)
    assert forged.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."
    await mentee.press("Составить отчёт", ask)
    reply = await answer(
        mentee,
        [
            ("press", "4"),
            ("press", "5"),
            ("press", "5"),
            ("press", "3"),
            ("press", "4"),
            ("press", "Удовлетворительно"),
        ],
    )
    assert "Что было не так?" in reply.text  # a comment is asked below «хорошо»
    reply = await answer(
        mentee,
        [
            ("send", "Встречи часто переносились из-за загрузки"),
            ("send", "Разбор моих уроков"),
            ("send", "Планирование урока и работа с дисциплиной"),
            ("press", "Пропустить"),
            ("press", "Пропустить"),
        ],
    )
    assert "проверьте ответы" in reply.text
    await mentee.press("Отправить анкету")
    reply = await mentee.press("Да, отправить")
    assert "Отчёт отправлен куратору" in reply.text
    handed_in = await curator.wait_for_message(lambda m: "сдал(а) отчёт о прохождении наставничества" in m.body)
    assert "Ким Дарья Алексеевна" in handed_in.body and "📄 Отчёты для печати" in handed_in.labels

    ask = await mentor.wait_for_message(lambda m: "составьте отчёт о выполнении программы" in m.body)
    assert "Наставничество завершено приказом № 60-В" in ask.body and "Ким Дарья Алексеевна" in ask.body
    # the finished programme stays readable, with the report owed and its date
    text = await open_programme(mentor, "Я наставник: Ким Дарья Алексеевна")
    assert f"наставничество завершено {today:%d.%m.%Y}" in text
    assert "Отчёт наставника (Мороз Андрей Иванович): ожидается до" in text
    assert f"Отчёт наставляемого (Ким Дарья Алексеевна): сдан {submitted:%d.%m.%Y}" in text
    await mentor.press("Составить отчёт")
    reply = await answer(
        mentor,
        [
            ("press", "Частично"),
            ("send", "Посещение уроков, разбор двух открытых уроков"),
            ("send", "6"),
            ("press", "Инициативность"),
            ("press", "Готово"),
            ("send", "Провела открытый урок для МО"),
            ("press", "Пропустить"),
            ("send", "Продолжить курс по формирующему оцениванию, участвовать в конкурсе"),
            ("press", "при дальнейшей поддержке"),
        ],
    )
    assert "проверьте ответы" in reply.text
    await mentor.press("Отправить анкету")
    await mentor.press("Да, отправить")

    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "наставничество завершено" in reply.text and "По инициативе наставляемого" in reply.text
    assert reply.text.count(f"сдан {submitted:%d.%m.%Y}") == 2
    reply = await curator.press("Отчёты для печати")
    files = [m.file for m in reply.messages if m.file]
    assert sorted(f["file_name"] for f in files) == ["Отчёт_наставляемого_Ким.docx", "Отчёт_наставника_Мороз.docx"]
    bodies = []
    for file in files:
        docx = Document(io.BytesIO(flows.state.files[file["file_id"]].content))
        bodies.append(
            "\n".join(p.text for p in docx.paragraphs)
            + "\n"
            + "\n".join(cell.text for row in docx.tables[0].rows for cell in row.cells)
        )
    text = "\n".join(bodies)
    assert "ОТЧЁТ НАСТАВНИКА О ВЫПОЛНЕНИИ ПЕРСОНАЛИЗИРОВАННОЙ ПРОГРАММЫ НАСТАВНИЧЕСТВА" in text
    assert "ОТЧЁТ НАСТАВЛЯЕМОГО О ПРОХОЖДЕНИИ НАСТАВНИЧЕСТВА" in text
    assert "Наставник: Мороз Андрей Иванович, Учитель" in text and "Наставляемый: Ким Дарья Алексеевна, Учитель" in text
    assert "Приказ № 45-В от 01.09.2026" in text and "Продолжить курс по формирующему оцениванию" in text
    assert "Удовлетворительно" in text and "Встречи часто переносились" in text

    async with flows.sessions() as session:
        pair = await session.get(Mentorship, pair_id)
        reports = list(
            await session.scalars(select(QuestionnaireResponse).where(QuestionnaireResponse.mentorship_id == pair_id))
        )
    assert pair is not None and pair.status == "completed" and pair.completion_reason == "mentee"
    assert sorted(r.questionnaire_code for r in reports) == ["mentee_report", "mentor_report"]
    assert all(r.status == "submitted" for r in reports)
    assert pair.completed_on == today


async def test_the_needs_questionnaire_unfilled_is_said_so(flows: Flows) -> None:
    await approved_pair(flows, needs=False)
    mentor = flows.add_user(MENTOR_ID)
    await mentor.send("/start")
    await open_programme(mentor, "Я наставник: Ким Дарья Алексеевна")
    reply = await mentor.press("Анкета наставляемого")
    assert "Ким Дарья Алексеевна: анкету затруднений ещё не заполнил(а)" in reply.text
