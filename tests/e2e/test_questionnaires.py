"""Questionnaires, consents, campaigns and banks as teachers and the curator use them (issue 3)."""

import asyncio
import io
import json
from datetime import date

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select, text

from db.models import CampaignInvitee, Consent, Person, QuestionnaireResponse
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.roles import Role
from handlers.callbacks import BankCb, CampCb, MenuCb, QCb
from tests.e2e.conftest import World
from tests.e2e.helpers import NEEDS_ANSWERS, answer, audit, staff


async def teacher(world: World, name: str, telegram_id: int, roles: list[Role], start: date | None):  # type: ignore[no-untyped-def]
    async with world.sessions() as session:
        from db.repositories.organizations import ensure_default_organization

        school = await ensure_default_organization(session)
        person = await create_person(session, school.id, StaffFields(name, "Учитель", "История", start, 0), roles)
        await link_telegram(session, person, telegram_id)
        await session.commit()
    return await world.client.add_user(telegram_id, name.split()[1])


async def responses(world: World, person_name: str) -> list[QuestionnaireResponse]:
    async with world.sessions() as session:
        return list(
            await session.scalars(
                select(QuestionnaireResponse)
                .join(Person, Person.id == QuestionnaireResponse.person_id)
                .where(Person.full_name == person_name)
                .order_by(QuestionnaireResponse.attempt)
            )
        )


async def test_every_question_type_with_wrong_input_and_an_edited_review(world: World) -> None:
    mentee = await teacher(world, "Ким Дарья Алексеевна", 8001, [Role.MENTEE], date(2026, 9, 1))
    await mentee.send("/start")
    reply = await mentee.press("Анкеты")
    reply = await mentee.press("Анкета профессиональных затруднений")
    assert "Согласие на обработку персональных данных" in reply.text  # consent comes first (152-FZ)
    assert "Ким Дарья Алексеевна" in reply.text and "Цель обработки" in reply.text
    reply = await mentee.press("Не сейчас")
    assert "Без этого согласия продолжить нельзя" in reply.text
    async with world.sessions() as session:
        assert await session.scalar(select(Consent)) is None
    await mentee.press("Анкеты")
    await mentee.press("Анкета профессиональных затруднений")
    reply = await mentee.press("Даю согласие")
    assert "вопрос 1 из 12" in reply.text

    # single choice: typing instead of pressing
    assert "кнопками" in (await mentee.send("молодой")).text
    reply = await mentee.press("Другое")
    assert "Впишите свой вариант" in reply.text
    reply = await mentee.send("Вернулся в профессию после перерыва")
    assert "вопрос 2 из 12" in reply.text
    # date
    assert "31.02.2026 не существует" in (await mentee.send("31.02.2026")).text
    assert "вопрос 3 из 12" in (await mentee.send("1 сентября 2026")).text
    # number
    assert "целое число от 0 до 50" in (await mentee.send("много")).text
    assert "целое число от 0 до 50" in (await mentee.send("51")).text
    await mentee.send("2")
    # multiple choice with «other»
    reply = await mentee.press("Готово")
    assert reply.callback_answer == "Отметьте хотя бы один вариант."
    reply = await mentee.press("Методика обучения")
    assert "☑ Методика обучения и преподавания" in reply.last.labels
    await mentee.press("Работа с родителями")
    await mentee.press("Работа с родителями")  # untick
    await mentee.press("Другое")
    reply = await mentee.send("Работа с одарёнными детьми")
    assert "Другое: Работа с одарёнными детьми" in reply.text
    reply = await mentee.press("Готово")
    assert "вопрос 5 из 12" in reply.text
    # scale
    assert "кнопками" in (await mentee.send("5")).text
    await mentee.press("4")
    # free text: a sticker, an over-long text, a too-short one
    assert "ответьте текстом" in (await mentee.send_sticker()).text
    reply = await mentee.send("а" * 10_000)
    assert "10\xa0000" in reply.text and "не больше 1\xa0500" in reply.text
    assert "хотя бы 10" in (await mentee.send("Трудно")).text
    await mentee.send("Трудно удерживать дисциплину в 7 классе")
    await mentee.press("В целом нормально")
    await mentee.send("Научиться планировать уроки")
    await mentee.press("Традиционная")
    await mentee.press("Готово")
    reply = await mentee.press("Пропустить")
    assert "вопрос 11 из 12" in reply.text
    # yes/no opens a conditional question
    reply = await mentee.press("Да")
    assert "вопрос 12 из 13" in reply.text and "ФИО этого коллеги" in reply.text
    # Earlier questions lose their buttons; one still pressed (an old client, a forged callback) is stale.
    earlier = next(m for m in await mentee.bot_messages() if "вопрос 1 из 12" in m.body)
    assert earlier.buttons == ()
    draft_id = (await responses(world, "Ким Дарья Алексеевна"))[0].id
    stale = await mentee.press_data(QCb(action="opt", rid=draft_id, qi=0, v=0).pack(), reply.last.message_id)
    assert stale.callback_answer and "уже позади" in stale.callback_answer
    await mentee.send("Белова Наталья Сергеевна")
    reply = await mentee.press("Пропустить")
    assert "проверьте ответы" in reply.text and "Белова Наталья Сергеевна" in reply.text
    review = reply.last

    # edit on the review screen: «no preferred mentor» hides question 12 and drops its answer
    reply = await mentee.press("✏ 11", review)
    assert "Сейчас: да" in reply.text
    reply = await mentee.press("Нет")
    assert "проверьте ответы" in reply.text and "Белова" not in reply.text
    draft = (await responses(world, "Ким Дарья Алексеевна"))[0]
    assert draft.status == "draft" and draft.answers["has_preferred_mentor"] is False
    assert "preferred_mentor" not in draft.answers

    reply = await mentee.press("Отправить анкету")
    assert "После отправки ответы изменить нельзя" in reply.text
    confirm = reply.last
    send = confirm.button("Да, отправить")
    assert send is not None and send.callback_data
    replies = await asyncio.gather(
        mentee.press_data(send.callback_data, confirm.message_id),
        mentee.press_data(send.callback_data, confirm.message_id),
    )
    answers = sorted(r.callback_answer or "" for r in replies)  # a double click submits once
    assert answers == ["Отправлено", "Эта анкета уже отправлена или недоступна. Откройте «📝 Анкеты» в меню."]
    assert any("согласие наставляемого" in r.text for r in replies)

    (submitted,) = await responses(world, "Ким Дарья Алексеевна")
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    assert submitted.answers["category"] == {"other": "Вернулся в профессию после перерыва"}
    assert submitted.answers["start_date"] == "2026-09-01"
    assert submitted.answers["need_areas"] == ["methods", {"other": "Работа с одарёнными детьми"}]
    assert submitted.answers["difficulty_level"] == 4 and submitted.answers["experience"] == 2
    assert "help_kinds" not in submitted.answers
    async with world.sessions() as session:
        consent = await session.scalar(select(Consent))
    assert consent is not None and consent.kind == "personal_data" and consent.telegram_message_id
    assert consent.consent_text.version == 1 and len(consent.consent_text.sha256) == 64

    # Filling again makes a new attempt; the submitted one never changes.
    await mentee.press("Анкеты")
    reply = await mentee.press("заполнить заново")
    assert "вопрос 1 из 12" in reply.text
    await mentee.press("Молодой специалист")
    first, second = await responses(world, "Ким Дарья Алексеевна")
    assert (first.attempt, first.status, second.attempt, second.status) == (1, "submitted", 2, "draft")
    assert first.answers == submitted.answers


async def test_a_campaign_to_three_new_teachers(world: World) -> None:
    """The issue's judged scenario: one answers fully, one stops halfway and finishes after the bot
    restarts, one never answers and is nudged; the progress view and the bank export say exactly that."""
    curator = await teacher(world, "Кузнецова Елена Павловна", 8101, [Role.CURATOR], date(2009, 8, 28))
    anna = await teacher(world, "Аннина Анна Андреевна", 8111, [Role.MENTEE], date(2026, 9, 1))
    boris = await teacher(world, "Борисов Борис Борисович", 8112, [Role.MENTEE], date(2026, 9, 1))
    await teacher(world, "Викторова Вера Викторовна", 8113, [Role.MENTEE], date(2026, 10, 12))
    vera = world.client.user(8113)
    await teacher(world, "Старов Сергей Сергеевич", 8114, [Role.MENTOR], date(2010, 9, 1))  # not a new hire

    await curator.send("/start")
    reply = await curator.press("Анкетирование")
    assert "ежегодная актуализация" in reply.text  # 3.5: the curator is prompted once a school year
    await curator.press("Новое анкетирование")
    await curator.press("Анкета профессиональных затруднений")
    await curator.press("Новым сотрудникам")
    assert "Не удалось прочитать дату" in (await curator.send("вчера")).text
    assert "Эта дата уже прошла" in (await curator.send("01.09.2020")).text
    reply = await curator.press("Через 14 дней")
    assert "3 человека" in reply.text and "Старов" not in reply.text
    reply = await curator.press("Отправить")
    assert "доставлено 3 из 3" in reply.text

    invitation = await anna.wait_for_message(lambda m: "просит заполнить анкету" in m.body)
    assert invitation.labels == ["📝 Заполнить анкету"]
    await anna.press("Заполнить анкету")
    await anna.press("Даю согласие")
    reply = await answer(anna, NEEDS_ANSWERS)
    assert "проверьте ответы" in reply.text
    await anna.press("Отправить анкету")
    await anna.press("Да, отправить")

    await boris.wait_for_message(lambda m: "просит заполнить анкету" in m.body)
    await boris.press("Заполнить анкету")
    await boris.press("Даю согласие")
    reply = await answer(boris, NEEDS_ANSWERS[:6])  # six answers, then he stops
    assert "вопрос 6 из 12" in reply.text

    reply = await curator.press("Обновить")
    assert "Борисов Борис Борисович — в процессе, 5 из 12" in reply.text
    assert "Заполнили: 1 из 3 · в процессе: 1 · не начали: 1" in reply.text

    world.bot.kill()
    await world.bot.start()
    reply = await answer(boris, NEEDS_ANSWERS[6:])  # goes on from the same question
    assert "проверьте ответы" in reply.text
    await boris.press("Отправить анкету")
    await boris.press("Да, отправить")

    reply = await curator.press("Обновить")
    assert "Заполнили: 2 из 3 · в процессе: 0 · не начали: 1" in reply.text
    assert "⏳ Викторова Вера Викторовна — не начата" in reply.text
    assert "✅ Аннина Анна Андреевна — отправлена" in reply.text
    reply = await curator.press("Напомнить неответившим (1)")
    assert reply.callback_answer == "Напоминание отправлено: 1."
    nudge = await vera.wait_for_message(lambda m: "Напоминание" in m.body)
    assert nudge.labels == ["📝 Заполнить анкету"]
    assert not [m for m in await anna.bot_messages() if "Напоминание" in m.body]
    reply = await curator.press("Напомнить неответившим (1)")
    assert reply.callback_answer == "Напоминание уже отправлено только что."
    async with world.sessions() as session:
        counts = dict(
            (
                await session.execute(
                    select(Person.full_name, CampaignInvitee.nudge_count).join(
                        Person, Person.id == CampaignInvitee.person_id
                    )
                )
            ).all()
        )
    assert counts == {"Аннина Анна Андреевна": 0, "Борисов Борис Борисович": 0, "Викторова Вера Викторовна": 1}

    await curator.send("/menu")
    await curator.press("Банки")
    reply = await curator.press("Банк наставляемых")
    assert "Ждут наставника (3)" in reply.last.labels
    reply = await curator.press("Выгрузить .xlsx")
    document = next(m for m in reply.messages if m.file)
    sheet = load_workbook(io.BytesIO(await world.client.download(document.file["file_id"]))).active  # type: ignore[index]
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Аннина Анна Андреевна", "Борисов Борис Борисович", "Викторова Вера Викторовна"}
    assert rows["Аннина Анна Андреевна"]["Анкета"].startswith("заполнена")
    assert rows["Борисов Борис Борисович"]["Анкета"].startswith("заполнена")
    assert rows["Викторова Вера Викторовна"]["Анкета"] == "не заполнена"
    assert rows["Аннина Анна Андреевна"]["Назначить наставника до (п. 3.7)"] == "01.10.2026"
    assert rows["Викторова Вера Викторовна"]["Назначить наставника до (п. 3.7)"] == "11.11.2026"
    assert rows["Борисов Борис Борисович"]["Статус"] == "ждёт наставника"
    assert (
        "Методика обучения и преподавания"
        in rows["Аннина Анна Андреевна"][
            "В каких направлениях вам нужна поддержка? Отметьте все подходящие и нажмите «Готово»."
        ]
    )
    assert rows["Викторова Вера Викторовна"]["Согласия"] in ("", None)


async def dump_database(world: World) -> str:
    """Every row of every table as JSON text: what a withdrawal must leave behind."""
    async with world.sessions() as session:
        tables = (
            (await session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))).scalars().all()
        )
        parts = []
        for table in tables:
            rows = (await session.execute(text(f'SELECT row_to_json(t)::text FROM "{table}" t'))).scalars().all()
            parts.extend(rows)
    return "\n".join(parts)


async def test_withdrawing_the_personal_data_consent_leaves_no_personal_data(world: World) -> None:
    curator = await teacher(world, "Кузнецова Елена Павловна", 8201, [Role.CURATOR], None)
    mentee = await teacher(world, "Щукина Злата Эдуардовна", 987654321, [Role.MENTEE], date(2026, 9, 1))
    await mentee.send("/start")
    await mentee.press("Анкеты")
    await mentee.press("Анкета профессиональных затруднений")
    await mentee.press("Даю согласие")
    await answer(mentee, NEEDS_ANSWERS)
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    await mentee.press("Прочитать и дать согласие")
    await mentee.press("Даю согласие")  # the mentee's consent (3.7)

    reply = await mentee.send("/privacy")
    assert "✅ Согласие на обработку персональных данных — дано" in reply.text
    assert "✅ Согласие наставляемого — дано" in reply.text
    reply = await mentee.press("ПД: DOCX")
    document = next(m for m in reply.messages if m.file)
    docx = Document(io.BytesIO(await world.client.download(document.file["file_id"])))  # type: ignore[index]
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ" in body and "Щукина Злата Эдуардовна" in body
    assert "сообщение №" in body and "SHA-256" in body and "152-ФЗ" in body

    assert "Щукина" in await dump_database(world)
    reply = await mentee.press("Отозвать: ПД")
    assert "Отозвать согласие на обработку персональных данных?" in reply.text
    reply = await mentee.press("Да, отозвать")
    assert "данные обезличены" in reply.text
    note = await curator.wait_for_message(lambda m: "отозвал(а) согласие" in m.body)
    assert "Щукина Злата Эдуардовна" in note.body

    dump = await dump_database(world)
    for trace in ("Щукина", "Злата", "987654321", "Трудно удерживать дисциплину", "Научиться планировать"):
        assert trace not in dump, trace
    async with world.sessions() as session:
        person = await session.scalar(select(Person).where(Person.anonymized_at.is_not(None)))
        assert person is not None and not person.is_active and person.telegram_user_id is None
        consents = list(await session.scalars(select(Consent).where(Consent.person_id == person.id)))
        assert {c.kind for c in consents} == {"personal_data", "mentee"}
        assert all(c.withdrawn_at is not None for c in consents)  # kept as proof, withdrawn
        (response,) = list(await session.scalars(select(QuestionnaireResponse)))
        assert response.status == "submitted"
        assert response.answers["need_areas"] == ["methods"] and response.answers["difficulty_level"] == 4
        assert "difficulties" not in response.answers and "start_date" not in response.answers
    reply = await mentee.send("/start")  # the account is no longer linked to anybody
    assert reply.last.labels == ["📝 Подать заявку на доступ"]
    assert json.dumps(person.full_name, ensure_ascii=False).startswith('"Обезличенный участник')


async def test_a_mentee_cannot_reach_banks_or_campaigns(world: World) -> None:
    curator = await teacher(world, "Кузнецова Елена Павловна", 8301, [Role.CURATOR], None)
    await curator.send("/start")
    mentee = await teacher(world, "Ким Дарья Алексеевна", 8302, [Role.MENTEE], date(2026, 9, 1))
    menu = (await mentee.send("/start")).last
    forged = [
        MenuCb(action="banks").pack(),
        MenuCb(action="campaigns").pack(),
        BankCb(action="export", bank="mentee").pack(),
        BankCb(action="list", bank="mentor").pack(),
        CampCb(action="new").pack(),
        CampCb(action="nudge", id=1).pack(),
    ]
    for data in forged:
        reply = await mentee.press_data(data, menu.message_id)
        assert reply.callback_answer == "⛔ Это действие вам недоступно. Попытка записана в журнал.", data
        assert not any(m.file for m in reply.messages)
    assert len(await audit(world.sessions, "access_denied")) == len(forged)


async def test_a_mentor_candidate_is_approved_only_with_both_consents(world: World) -> None:
    curator = await teacher(world, "Кузнецова Елена Павловна", 8401, [Role.CURATOR], None)
    candidate = await teacher(world, "Мороз Андрей Иванович", 8402, [], date(2011, 9, 1))
    await staff(world.sessions, "Белова Наталья Сергеевна", [Role.MENTEE], telegram_id=8403)

    await curator.send("/start")
    await curator.press("Анкетирование")
    await curator.press("Новое анкетирование")
    await curator.press("Анкета наставника")
    reply = await curator.press("Выбрать людей")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "☑ Мороз Андрей Иванович" in reply.last.labels
    await curator.press("Готово (выбрано: 1)")
    reply = await curator.send("31.12.2099")
    assert "1 человек" in reply.text and "Мороз Андрей Иванович" in reply.text
    await curator.press("Отправить")

    await candidate.wait_for_message(lambda m: "просит заполнить анкету" in m.body)
    await candidate.press("Заполнить анкету")
    await candidate.press("Даю согласие")
    await answer(
        candidate,
        [
            ("send", "Математика, информатика"),
            ("send", "17"),
            ("press", "Высшая"),
            ("press", "Методика обучения"),
            ("press", "Подготовка к ОГЭ"),
            ("press", "Готово"),
            ("send", "Разбор олимпиадных задач"),
            ("press", "Да"),
            ("send", "4"),
            ("press", "в последние 3 года"),
            ("press", "Традиционная"),
            ("press", "Готово"),
            ("press", "Двоих"),
            ("press", "После уроков"),
            ("press", "Готово"),
            ("press", "5"),
            ("press", "Пропустить"),
        ],
    )
    await candidate.press("Отправить анкету")
    reply = await candidate.press("Да, отправить")
    assert "согласие на назначение наставником" in reply.text

    await curator.send("/menu")
    await curator.press("Банки")
    await curator.press("Банк наставников")
    reply = await curator.press("Кандидаты (1)")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "Подготовка к ОГЭ и ЕГЭ" in reply.text and "Двоих" in reply.text
    assert "Нагрузка: 0 из 2 наставляемых" in reply.text  # "Двоих": never above three (3.7)
    reply = await curator.press("Утвердить наставником")
    assert reply.callback_answer and "нет согласия на назначение наставником" in reply.callback_answer

    await candidate.press("Прочитать и дать согласие")
    await candidate.press("Даю согласие")
    reply = await curator.press("Утвердить наставником")
    assert reply.callback_answer == "Утверждён(а) в банке наставников"
    assert "Статус: утверждён(а)" in reply.text
    async with world.sessions() as session:
        mentor = await session.scalar(select(Person).where(Person.full_name == "Мороз Андрей Иванович"))
        assert mentor is not None and Role.MENTOR in mentor.role_set

    reply = await curator.press("Назад")
    reply = await curator.press("Выгрузить .xlsx")
    document = next(m for m in reply.messages if m.file)
    sheet = load_workbook(io.BytesIO(await world.client.download(document.file["file_id"]))).active  # type: ignore[index]
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    header, row = values[0], values[1]
    assert len(values) == 2 and row[0] == "Мороз Андрей Иванович"
    record = dict(zip(header, row, strict=True))
    assert record["Нагрузка (наставляемых сейчас / может взять)"] == "0 из 2"
    assert record["Статус"] == "утверждён(а)" and "Подготовка к ОГЭ и ЕГЭ" in str(
        record["В каких направлениях вы готовы помогать коллегам? Отметьте и нажмите «Готово»."]
    )
