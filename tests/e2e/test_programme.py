"""The personalized programme (3.6) of an approved pair, through the emulator."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from docx import Document
from sqlalchemy import select

from db.models import Mentorship, MentorshipEvent, MentorshipMember, Programme
from db.repositories.organizations import ensure_default_organization
from domain.roles import Role
from handlers.callbacks import ProgCb
from tests.e2e.conftest import World
from tests.e2e.helpers import audit, staff


async def approved_pair(world: World) -> int:
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=9501)
    mentor = await staff(world.sessions, "Мороз Андрей Иванович", [Role.MENTOR], telegram_id=9502)
    mentee = await staff(world.sessions, "Ким Дарья Алексеевна", [Role.MENTEE], telegram_id=9503)
    start = datetime.now(ZoneInfo("Europe/Moscow")).date()
    async with world.sessions() as session:
        school = await ensure_default_organization(session)
        mentorship = Mentorship(
            organization_id=school.id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="approved",
            order_number="45-В",
            order_date=start,
            start_date=start,
            end_date=start + timedelta(days=180),
        )
        mentorship.members = [MentorshipMember(organization_id=school.id, mentee_id=mentee.id)]
        session.add(mentorship)
        await session.commit()
        return mentorship.id


async def test_the_mentor_writes_the_programme_and_the_mentee_acknowledges(world: World) -> None:
    mentorship_id = await approved_pair(world)
    curator = await world.client.add_user(9501, "Елена")
    mentor = await world.client.add_user(9502, "Андрей")
    mentee = await world.client.add_user(9503, "Дарья")
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()

    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    reply = await mentor.press("Я наставник")
    assert "черновик" in reply.text
    assert f"Программу нужно составить до {today + timedelta(days=10):%d.%m.%Y}" in reply.text  # 3.6

    await mentor.press("Цель")
    assert "Слишком коротко: нужно хотя бы 10 символов" in (await mentor.send("Кратко")).text
    reply = await mentor.send("Освоить планирование уроков по ФГОС и удерживать дисциплину в 7-х классах")
    assert "Цель: Освоить планирование уроков" in reply.text

    await mentor.press("Мероприятие")
    reply = await mentor.press("Практические задания")
    assert "шаг 1 из 3" in reply.text
    await mentor.send("Посетить 3 урока наставника в 7-х классах")
    await mentor.send("01.01.2030")  # outside the six months of the mentorship
    reply = await mentor.send("Составлен конспект приёмов удержания дисциплины")
    reply = await mentor.press("Сохранить")
    assert "в пределах срока наставничества" in reply.text and "шаг 2 из 3" in reply.text
    due = today + timedelta(days=20)
    reply = await mentor.send(f"{due:%d.%m.%Y}")
    assert "проверьте данные" in reply.text  # back to the review, the other answers kept
    reply = await mentor.press("Сохранить")
    assert "Мероприятие добавлено" in reply.text and "Посетить 3 урока наставника" in reply.text

    # The mentee may not edit the programme or send it, however the button is crafted.
    await mentee.send("/start")
    menu = await mentee.last_bot_message()
    for action in ("goal", "submit"):
        forged = await mentee.press_data(ProgCb(action=action, id=mentorship_id).pack(), menu.message_id)
        assert forged.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."

    reply = await mentor.press("Отправить наставляемому")
    assert "на ознакомлении у наставляемого" in reply.text

    note = await mentee.wait_for_message(lambda m: "составил(а) вашу персонализированную программу" in m.body)
    reply = await mentee.press("Открыть программу", note)
    assert "Посетить 3 урока наставника" in reply.text
    await mentee.press("Предложить мероприятие")
    await mentee.press("Изучение теоретических")
    await mentee.send("Разобрать требования ФГОС к оценке")
    await mentee.send(f"{today + timedelta(days=30):%d.%m.%Y}")
    await mentee.send("Памятка по критериям оценивания")
    reply = await mentee.press("Сохранить")
    assert "Ваше предложение добавлено" in reply.text and "(предложено наставляемым)" in reply.text
    await mentor.wait_for_message(lambda m: "предлагает мероприятие" in m.body)
    await mentee.press("Прокомментировать мероприятие")
    await mentee.press("1. Посетить 3 урока наставника")
    reply = await mentee.send("Можно ли начать с уроков в 5-х классах?")
    assert "Ким Дарья Алексеевна: Можно ли начать с уроков в 5-х классах?" in reply.text
    await mentor.wait_for_message(lambda m: "прокомментировал(а)" in m.body and "5-х классах" in m.body)

    reply = await mentee.press("С программой ознакомлен(а)")
    assert "наставляемый ознакомлен" in reply.text
    await curator.wait_for_message(lambda m: "ознакомились с персонализированной программой" in m.body)

    reply = await mentee.press("Программа (DOCX)")
    document = next(m for m in reply.messages if m.file)
    docx = Document(io.BytesIO(await world.client.download(document.file["file_id"])))  # type: ignore[index]
    body = "\n".join(p.text for p in docx.paragraphs)
    table = [[cell.text for cell in row.cells] for row in docx.tables[0].rows]
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in body and "Освоить планирование уроков" in body
    assert "Приказ № 45-В" in body and "ознакомлен(а) в боте" in body
    assert table[1][1] == "Практические задания" and table[1][3] == f"{due:%d.%m.%Y}"
    assert "(предложено наставляемым)" in table[2][2]

    async with world.sessions() as session:
        programme = await session.scalar(select(Programme))
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
    assert programme is not None and programme.status == "acknowledged" and len(programme.items) == 2
    assert actions == [
        "item_added_by_mentor",
        "programme_submitted",
        "item_added_by_mentee",
        "item_commented",
        "programme_acknowledged",
    ]
    assert len(await audit(world.sessions, "access_denied")) == 2


async def test_activities_are_reported_checked_and_meetings_logged(world: World) -> None:
    mentorship_id = await approved_pair(world)
    mentor = await world.client.add_user(9502, "Андрей")
    mentee = await world.client.add_user(9503, "Дарья")
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()
    async with world.sessions() as session:
        from db.models import ProgrammeItem

        mentorship = await session.get(Mentorship, mentorship_id)
        programme = Programme(
            organization_id=mentorship.organization_id,
            mentorship_id=mentorship_id,  # type: ignore[union-attr]
            goal="Освоить планирование уроков",
            status="acknowledged",
        )
        programme.items = [
            ProgrammeItem(
                organization_id=mentorship.organization_id,
                kind="assignments",
                title=title,  # type: ignore[union-attr]
                due_date=today + timedelta(days=days),
                expected_result="Результат",
            )
            for title, days in (("Посетить уроки наставника", 10), ("Провести открытый урок", 40))
        ]
        session.add(programme)
        await session.commit()

    await mentee.send("/start")
    await mentee.press("Моё наставничество")
    reply = await mentee.press("Мой наставник")
    assert "Выполнено и проверено наставником: 0 из 2" in reply.text
    await mentee.press("Отметить выполнение")
    reply = await mentee.press("1. Посетить уроки наставника")
    assert "Напишите комментарий или пришлите файл" in reply.text
    reply = await mentee.upload(
        "конспект.pdf", b"%PDF-1.4 notes", caption="Посетила 3 урока, конспект приложен", mime_type="application/pdf"
    )
    assert "Наставник проверит выполнение" in reply.text

    note = await mentor.wait_for_message(lambda m: "отметил(а) выполнение" in m.body)
    assert "Посетила 3 урока" in note.body
    reply = await mentor.press("Открыть файл", note)
    document = next(m for m in reply.messages if m.file)
    assert await world.client.download(document.file["file_id"]) == b"%PDF-1.4 notes"  # type: ignore[index]
    reply = await mentor.press("Принять", note)
    assert reply.callback_answer == "Записано"
    again = await mentor.press_data(ProgCb(action="accept", id=mentorship_id, v=1).pack(), note.message_id)
    assert again.callback_answer == "Это мероприятие уже проверено."
    await mentee.wait_for_message(lambda m: "Наставник принял выполнение" in m.body)

    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    reply = await mentor.press("Я наставник")
    assert "Выполнено и проверено наставником: 1 из 2" in reply.text and "✅ 1." in reply.text
    await mentor.press("Встречи")
    await mentor.press("Онлайн")
    await mentor.send(f"{today:%d.%m.%Y}")
    await mentor.send("Разбор урока: дисциплина и темп")
    reply = await mentor.press("Сохранить")
    assert "Встреча записана" in reply.text
    reply = await mentor.press("Встречи")
    assert f"{today:%d.%m.%Y} · Онлайн (видеосвязь) · Разбор урока" in reply.text

    async with world.sessions() as session:
        items = {i.title: i for i in (await session.scalar(select(Programme))).items}  # type: ignore[union-attr]
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
    done = items["Посетить уроки наставника"]
    assert done.status == "accepted" and done.done_file_name == "конспект.pdf" and done.checked_at is not None
    assert "Посетила 3 урока" in (done.done_comment or "")
    assert items["Провести открытый урок"].status == "planned"
    assert actions == ["item_done", "item_accepted", "meeting_logged"]


async def test_early_completion_and_both_reports(world: World) -> None:
    from handlers.callbacks import QStart
    from tests.e2e.helpers import answer

    mentorship_id = await approved_pair(world)
    await staff(world.sessions, "Смирнова Ольга Викторовна", [Role.DIRECTOR], telegram_id=9504)
    curator = await world.client.add_user(9501, "Елена")
    mentor = await world.client.add_user(9502, "Андрей")
    mentee = await world.client.add_user(9503, "Дарья")
    director = await world.client.add_user(9504, "Ольга")
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()

    await curator.send("/start")
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
    forged = await mentee.press_data(QStart(code="mentor_report", m=mentorship_id).pack(), ask.message_id)
    assert forged.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал."
    await mentee.press("Составить отчёт", ask)
    await mentee.press("Даю согласие")
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
    await mentee.press("Да, отправить")

    ask = await mentor.wait_for_message(lambda m: "составьте отчёт о выполнении программы" in m.body)
    await mentor.press("Составить отчёт", ask)
    await mentor.press("Даю согласие")
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
    assert reply.text.count(f"сдан {today:%d.%m.%Y}") == 2
    reply = await curator.press("Отчёты (DOCX)")
    bodies = []
    for message in [m for m in reply.messages if m.file]:
        docx = Document(io.BytesIO(await world.client.download(message.file["file_id"])))  # type: ignore[index]
        bodies.append(
            "\n".join(p.text for p in docx.paragraphs)
            + "\n"
            + "\n".join(cell.text for row in docx.tables[0].rows for cell in row.cells)
        )
    text = "\n".join(bodies)
    assert len(bodies) == 2 and "ОТЧЁТ НАСТАВНИКА" in text and "ОТЧЁТ НАСТАВЛЯЕМОГО" in text
    assert "Продолжить курс по формирующему оцениванию" in text and "Удовлетворительно" in text
    assert "Встречи часто переносились" in text and "приказ № 45-В" in text

    async with world.sessions() as session:
        from db.models import BankEntry, QuestionnaireResponse

        mentorship = await session.get(Mentorship, mentorship_id)
        event = await session.scalar(select(MentorshipEvent).where(MentorshipEvent.action == "completed"))
        reports = list(
            await session.scalars(
                select(QuestionnaireResponse).where(QuestionnaireResponse.mentorship_id == mentorship_id)
            )
        )
        entry = await session.scalar(select(BankEntry).where(BankEntry.bank == "mentee"))
    assert mentorship is not None and mentorship.status == "completed" and mentorship.completion_reason == "mentee"
    assert mentorship.completed_on == today and event is not None and event.details["early"] is True
    assert sorted(r.questionnaire_code for r in reports) == ["mentee_report", "mentor_report"]
    assert all(r.status == "submitted" for r in reports)
    assert entry is not None and entry.status == "completed"
