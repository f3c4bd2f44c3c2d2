"""Questionnaires, consents, campaigns and the banks as teachers and the curator use them, in-process on the real
PostgreSQL: every question type with wrong input and an edited review, a campaign to three new teachers, the
mentor bank (a candidate approved only with both consents, 3.2), and the withdrawal of the personal-data
consent that leaves no trace in any table (152-FZ art. 21)."""

import asyncio
import io
import json
from datetime import UTC, date, datetime

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select, text

from db.models import (
    AccessRequest,
    AuditEvent,
    BankEntry,
    CampaignInvitee,
    Consent,
    GrowthRecord,
    Mentorship,
    MentorshipMember,
    NewsItem,
    Person,
    Programme,
    ProgrammeItem,
    ProgrammeItemComment,
    QuestionnaireResponse,
)
from db.registry import latest_consent_text, latest_definition
from db.repositories.consents import give_consent
from db.repositories.mentorships import mentor_profiles
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.consents import ConsentKind
from domain.roles import Role
from domain.rules import OrgRules
from handlers.callbacks import BankCb, CampCb, MenuCb, QCb
from tests.e2e.helpers import NEEDS_ANSWERS, answer, audit
from tests.flows.harness import Flows, FlowUser

TODAY = date(2026, 11, 2)  # a Monday of the school year 2026/2027
DENIED = "⛔ Это действие вам недоступно. Попытка записана в журнал."
PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR


async def teacher(
    flows: Flows,
    name: str,
    telegram_id: int,
    roles: list[Role],
    start: date | None = None,
    consents: tuple[ConsentKind, ...] = (),
) -> FlowUser:
    async with flows.sessions() as session:
        school = await ensure_default_organization(session)
        person = await create_person(session, school.id, StaffFields(name, "Учитель", "История", start, 0), roles)
        await link_telegram(session, person, telegram_id)
        for kind in consents:
            await give_consent(session, person, await latest_consent_text(session, kind), None)
        await session.commit()
    return flows.add_user(telegram_id, name.split()[1])


async def responses(flows: Flows, person_name: str) -> list[QuestionnaireResponse]:
    async with flows.sessions() as session:
        return list(
            await session.scalars(
                select(QuestionnaireResponse)
                .join(Person, Person.id == QuestionnaireResponse.person_id)
                .where(Person.full_name == person_name)
                .order_by(QuestionnaireResponse.attempt)
            )
        )


def sheet_of(flows: Flows, file: dict | None) -> dict[str, dict[str, object]]:  # type: ignore[type-arg]
    assert file is not None
    sheet = load_workbook(io.BytesIO(flows.state.files[file["file_id"]].content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}


async def test_every_question_type_with_wrong_input_and_an_edited_review(flows: Flows) -> None:
    flows.clock.set(TODAY)
    mentee = await teacher(flows, "Ким Дарья Алексеевна", 8001, [Role.MENTEE], date(2026, 9, 1))
    await mentee.send("/start")
    await mentee.press("Анкеты")
    reply = await mentee.press("Анкета профессиональных затруднений")
    assert "Согласие на обработку персональных данных" in reply.text  # consent comes first (152-FZ)
    assert "Ким Дарья Алексеевна" in reply.text and "Цель обработки" in reply.text
    assert "Муниципальному бюджетному общеобразовательному учреждению" in reply.text  # the operator, declined
    reply = await mentee.press("Не сейчас")
    assert "Без этого согласия продолжить нельзя" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(Consent)) is None
        assert await session.scalar(select(QuestionnaireResponse)) is None  # nothing stored before the consent
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
    assert "Даты 31.02.2026 не существует" in (await mentee.send("31.02.2026")).text
    assert "вопрос 3 из 12" in (await mentee.send("1 сентября 2026")).text
    # number
    assert "целое число от 0 до 50" in (await mentee.send("много")).text
    assert "целое число от 0 до 50" in (await mentee.send("51")).text
    await mentee.send("2")
    # multiple choice with «other»; the instruction is said once, not in the question and again below it
    reply = await mentee.press("Готово")
    assert reply.callback_answer == "Отметьте хотя бы один вариант."
    reply = await mentee.press("Методика обучения")
    assert "☑ Методика обучения и преподавания" in reply.last.labels
    assert reply.last.body.count("Готово") == 1
    await mentee.press("Работа с родителями")
    await mentee.press("Работа с родителями")  # untick
    reply = await mentee.press("Другое")
    reply = await mentee.press("Вернуться к вариантам", reply.last)  # changed my mind: the question again
    assert "вопрос 4 из 12" in reply.text and "☑ Методика обучения и преподавания" in reply.last.labels
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
    # yes/no opens a follow-up: numbered under its question, the total stays as it was
    reply = await mentee.press("Да")
    assert "вопрос 11.1 из 12" in reply.text and "ФИО этого коллеги" in reply.text
    # Earlier questions lose their buttons; one still pressed (an old client, a forged callback) is stale.
    earlier = next(m for m in await mentee.bot_messages() if "вопрос 1 из 12" in m.body)
    assert earlier.buttons == ()
    draft_id = (await responses(flows, "Ким Дарья Алексеевна"))[0].id
    stale = await mentee.press_data(QCb(action="opt", rid=draft_id, qi=0, v=0).pack(), reply.last.message_id)
    assert stale.callback_answer and "уже позади" in stale.callback_answer
    reply = await mentee.send("Белова Наталья Сергеевна")
    assert "вопрос 12 из 12" in reply.text
    reply = await mentee.press("Пропустить")
    assert "проверьте ответы" in reply.text and "Белова Наталья Сергеевна" in reply.text
    assert "<b>11.1.</b>" not in reply.text and "11.1." in reply.text
    review = reply.last
    assert "✏ 11.1" in review.labels

    # edit on the review screen: «no preferred mentor» hides question 11.1 and drops its answer
    reply = await mentee.press("✏ 11", review)
    assert "Сейчас: да" in reply.text
    reply = await mentee.press("Нет")
    assert "проверьте ответы" in reply.text and "Белова" not in reply.text
    draft = (await responses(flows, "Ким Дарья Алексеевна"))[0]
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
    sent = "\n".join(r.text for r in replies)
    assert "Анкета отправлена куратору" in sent and "Анкета «Анкета" not in sent  # no tautology
    assert "согласие наставляемого" in sent

    (submitted,) = await responses(flows, "Ким Дарья Алексеевна")
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    assert submitted.answers["category"] == {"other": "Вернулся в профессию после перерыва"}
    assert submitted.answers["start_date"] == "2026-09-01"
    assert submitted.answers["need_areas"] == ["methods", {"other": "Работа с одарёнными детьми"}]
    assert submitted.answers["difficulty_level"] == 4 and submitted.answers["experience"] == 2
    assert "help_kinds" not in submitted.answers
    async with flows.sessions() as session:
        consent = await session.scalar(select(Consent))
    assert consent is not None and consent.kind == "personal_data" and consent.telegram_message_id
    assert consent.consent_text.version == 2 and len(consent.consent_text.sha256) == 64

    # Filling again makes a new attempt; the submitted one never changes.
    await mentee.press("Анкеты")
    reply = await mentee.press("заполнить заново")
    assert "вопрос 1 из 12" in reply.text
    await mentee.press("Молодой специалист")
    first, second = await responses(flows, "Ким Дарья Алексеевна")
    assert (first.attempt, first.status, second.attempt, second.status) == (1, "submitted", 2, "draft")
    assert first.answers == submitted.answers


async def test_a_campaign_to_three_new_teachers(flows: Flows) -> None:
    """One answers fully, one stops halfway and goes on from the same question later, one never answers and is
    reminded; the curator hears of each answer; the progress view and the bank export say exactly that."""
    flows.clock.set(TODAY)
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8101, [Role.CURATOR], date(2009, 8, 28))
    anna = await teacher(flows, "Аннина Анна Андреевна", 8111, [Role.MENTEE], date(2026, 9, 1))
    boris = await teacher(flows, "Борисов Борис Борисович", 8112, [Role.MENTEE], date(2026, 9, 1))
    vera = await teacher(flows, "Викторова Вера Викторовна", 8113, [Role.MENTEE], date(2026, 10, 12))
    await teacher(flows, "Старов Сергей Сергеевич", 8114, [Role.MENTOR], date(2010, 9, 1))  # not a new hire

    await curator.send("/start")
    reply = await curator.press("Анкетирование")
    assert "ежегодная актуализация" in reply.text  # 3.5: the curator is prompted once a school year
    await curator.press("Новое анкетирование")
    await curator.press("Анкета профессиональных затруднений")
    reply = await curator.press("Новым сотрудникам")
    assert "До какой даты" in reply.text and "✖ Отмена" in reply.last.labels
    assert "Через 7 дней (09.11.2026)" in reply.last.labels and "шаг" not in reply.text
    assert "Не удалось прочитать дату" in (await curator.send("вчера")).text
    assert "Эта дата уже прошла" in (await curator.send("01.09.2020")).text
    reply = await curator.press("Через 14 дней")
    assert (
        "Кому: новые сотрудники (допущены к работе в этом учебном году) — 3 человека" in reply.text
        and "Старов" not in reply.text
        and "до 16.11.2026" in reply.text
    )
    assert reply.last.labels == ["🚀 Отправить", "✏️ Срок", "⬅ Назад", "✖ Отмена"]
    reply = await curator.press("Отправить")
    assert "доставлено 3 из 3" in reply.text

    invitation = await anna.wait_for_message(lambda m: "просит заполнить" in m.body)
    assert "Куратор Кузнецова Елена Павловна" in invitation.body and "до 16.11.2026" in invitation.body
    assert "«Анкету профессиональных затруднений»" in invitation.body  # not «анкету «Анкета…»»
    assert invitation.labels == ["📝 Заполнить анкету"]
    await anna.press("Заполнить анкету", invitation)
    await anna.press("Даю согласие")
    reply = await answer(anna, NEEDS_ANSWERS)
    assert "проверьте ответы" in reply.text
    await anna.press("Отправить анкету")
    await anna.press("Да, отправить")
    heard = await curator.wait_for_message(lambda m: "Аннина Анна Андреевна заполнил(а)" in m.body)
    assert "Заполнили 1 из 3" in heard.body and heard.labels == ["📣 Ход анкетирования"]

    await boris.wait_for_message(lambda m: "просит заполнить" in m.body)
    await boris.press("Заполнить анкету")
    await boris.press("Даю согласие")
    reply = await answer(boris, NEEDS_ANSWERS[:6])  # six answers, then he stops
    assert "вопрос 6 из 12" in reply.text

    reply = await curator.press("Ход анкетирования", heard)
    assert "Борисов Борис Борисович — в процессе, 5 из 12" in reply.text
    assert "Заполнили: 1 из 3 · в процессе: 1 · не начали: 1" in reply.text

    await boris.send("/menu")
    await boris.press("Анкеты")
    reply = await boris.press("Продолжить")
    assert "Продолжаем с того места" in reply.text and "вопрос 6 из 12" in reply.text
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
    assert "от куратора Кузнецовой Елены Павловны" in nudge.body  # declined
    assert nudge.labels == ["📝 Заполнить анкету"]
    assert not [m for m in await anna.bot_messages() if "Напоминание" in m.body]
    reply = await curator.press("Напомнить неответившим (1)")
    assert reply.callback_answer == "Напоминание уже отправлено только что."
    async with flows.sessions() as session:
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

    # The reminder's button opens the questionnaire (the invitation names only the campaign).
    reply = await vera.press("Заполнить анкету", nudge)
    assert "Согласие на обработку персональных данных" in reply.text

    await curator.send("/menu")
    await curator.press("Банки")
    reply = await curator.press("Банк наставляемых")
    assert "Ждут наставника (3)" in reply.last.labels
    reply = await curator.press("Выгрузить таблицу")
    document = next(m for m in reply.messages if m.file)
    rows = sheet_of(flows, document.file)
    assert set(rows) == {"Аннина Анна Андреевна", "Борисов Борис Борисович", "Викторова Вера Викторовна"}
    assert str(rows["Аннина Анна Андреевна"]["Анкета"]).startswith("заполнена")
    assert str(rows["Борисов Борис Борисович"]["Анкета"]).startswith("заполнена")
    assert rows["Викторова Вера Викторовна"]["Анкета"] == "не заполнена"
    assert rows["Аннина Анна Андреевна"]["Назначить наставника до"] == "01.10.2026"
    assert rows["Викторова Вера Викторовна"]["Назначить наставника до"] == "11.11.2026"
    assert rows["Борисов Борис Борисович"]["Статус"] == "ждёт наставника"
    assert "Методика обучения и преподавания" in str(rows["Аннина Анна Андреевна"]["Направления поддержки"])
    assert rows["Викторова Вера Викторовна"]["Согласия"] in ("", None)
    header = list(next(iter(rows.values())))
    assert all(len(str(title)) <= 30 for title in header), header  # short labels, never a question's text


async def test_the_campaign_setup_goes_back_and_cancels(flows: Flows) -> None:
    flows.clock.set(TODAY)
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8151, [Role.CURATOR])
    await teacher(flows, "Мороз Андрей Иванович", 8152, [Role.MENTOR])
    await curator.send("/start")
    await curator.press("Анкетирование")
    await curator.press("Новое анкетирование")
    await curator.press("Анкета наставника")
    reply = await curator.press("Выбрать людей")
    reply = await curator.press("Назад")
    assert "Кому отправить анкету?" in reply.text
    await curator.press("Выбрать людей")
    reply = await curator.press("Готово (выбрано: 0)")
    assert reply.callback_answer == "Отметьте хотя бы одного человека."
    await curator.press("Мороз Андрей Иванович")
    await curator.press("Готово (выбрано: 1)")
    reply = await curator.send("25.12.2026")
    assert "Кому: выбранные сотрудники — 1 человек" in reply.text and "Выбрать людей" not in reply.text
    reply = await curator.press("Назад")
    assert "До какой даты" in reply.text and "Сейчас: 25.12.2026" in reply.text
    reply = await curator.press("Отмена")
    assert "Отправьте анкету группе педагогов" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(CampaignInvitee)) is None


async def dump_database(flows: Flows) -> str:
    """Every row of every table as JSON text: what a withdrawal must leave behind."""
    async with flows.sessions() as session:
        tables = (
            (await session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))).scalars().all()
        )
        parts = []
        for table in tables:
            rows = (await session.execute(text(f'SELECT row_to_json(t)::text FROM "{table}" t'))).scalars().all()
            parts.extend(rows)
    return "\n".join(parts)


async def _traces_elsewhere(flows: Flows, mentee_id: int, telegram_id: int) -> int:
    """What other tables may hold of her: a pair she is in (with a completion comment about her), an activity
    she reported with a file, her comment, a course, a colleague's answer and a news item naming her, the
    access request and the journal entries of her Telegram account. Returns the pair's id."""
    async with flows.sessions() as session:
        school = await ensure_default_organization(session)
        mentor = await create_person(session, school.id, StaffFields("Мороз Андрей Иванович", "Учитель"), [Role.MENTOR])
        colleague = await create_person(session, school.id, StaffFields("Белова Наталья Сергеевна"), [Role.MENTEE])
        pair = Mentorship(
            organization_id=school.id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="approved",
            order_number="45-В",
            order_date=date(2026, 9, 1),
            start_date=date(2026, 9, 1),
            end_date=date(2027, 3, 1),
            comment="Щукиной З. Э. нужен наставник-историк",
        )
        pair.members = [MentorshipMember(organization_id=school.id, mentee_id=mentee_id)]
        session.add(pair)
        await session.flush()
        programme = Programme(organization_id=school.id, mentorship_id=pair.id, goal="Дисциплина для Щукиной Златы")
        session.add(programme)
        await session.flush()
        item = ProgrammeItem(
            organization_id=school.id,
            programme_id=programme.id,
            kind="study",
            title="Открытый урок Щукиной Златы Эдуардовны",
            due_date=date(2026, 10, 1),
            expected_result="Урок проведён",
            status="done",
            done_comment="Провела урок в 7 «Б» с моей мамой в зале",
            done_file_id="FILE-of-hers",
            done_file_name="урок_щукиной.docx",
        )
        session.add(item)
        await session.flush()
        session.add(
            ProgrammeItemComment(
                organization_id=school.id, item_id=item.id, author_id=mentee_id, text="Щукина Злата Эдуардовна: готово"
            )
        )
        session.add(
            GrowthRecord(
                organization_id=school.id, person_id=mentee_id, kind="course", title="Курс", held_on=date(2026, 10, 1)
            )
        )
        session.add(
            NewsItem(
                organization_id=school.id,
                published_on=date(2026, 10, 5),
                title="Открытый урок",
                body="Поздравляем Щукину Злату Эдуардовну и Мороза А. И. с открытым уроком!",
            )
        )
        definition = await latest_definition(session, "mentee_needs")
        assert definition is not None
        session.add(
            QuestionnaireResponse(
                organization_id=school.id,
                person_id=colleague.id,
                definition_id=definition.id,
                questionnaire_code="mentee_needs",
                attempt=1,
                status="submitted",
                answers={"has_preferred_mentor": True, "preferred_mentor": "Щукина З.Э."},
                submitted_at=datetime.now(UTC),
            )
        )
        session.add(AccessRequest(organization_id=school.id, telegram_user_id=telegram_id, full_name="Щукина З. Э."))
        session.add(AuditEvent(organization_id=school.id, telegram_user_id=telegram_id, action="access_requested"))
        await session.commit()
        return pair.id


async def test_withdrawing_the_personal_data_consent_leaves_no_personal_data(flows: Flows) -> None:
    flows.clock.set(TODAY)
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8201, [Role.CURATOR])
    await teacher(flows, "Смирнова Ольга Викторовна", 8202, [Role.DIRECTOR])
    mentee = await teacher(flows, "Щукина Злата Эдуардовна", 987654321, [Role.MENTEE], date(2026, 9, 1))
    await mentee.send("/start")
    await mentee.press("Анкеты")
    await mentee.press("Анкета профессиональных затруднений")
    await mentee.press("Даю согласие")
    await answer(mentee, NEEDS_ANSWERS)
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    heard = await curator.wait_for_message(lambda m: "Щукина Злата Эдуардовна заполнил(а)" in m.body)
    assert "ждёт наставника" in heard.body and heard.labels == ["🗂 Открыть карточку"]
    reply = await mentee.press("Прочитать и дать согласие")
    assert "в МБОУ гимназии «Интеллект»" in reply.text  # the school's name in the prepositional case
    await mentee.press("Даю согласие")  # the mentee's consent (3.7)

    reply = await mentee.send("/privacy")
    assert "✅ Согласие на обработку персональных данных — дано " in reply.text
    assert "✅ Согласие наставляемого — дано" in reply.text
    reply = await mentee.press("ПД: для печати")
    document = next(m for m in reply.messages if m.file)
    assert document.file is not None and document.file["file_name"] == "Согласие_на_обработку_ПД.docx"
    docx = Document(io.BytesIO(flows.state.files[document.file["file_id"]].content))
    body = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for table in docx.tables for row in table.rows for c in row.cells)
    assert "СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ" in body and "152-ФЗ" in body
    assert "Директору МБОУ гимназии «Интеллект»" in body and "Смирновой Ольге Викторовне" in body
    assert "от Щукиной Златы Эдуардовны" in body and "/ Щукина З. Э. /" in body
    assert "Щукина Злата Эдуардовна" in cells and "сообщение №" in cells and "SHA-256" in cells

    pair_id = await _traces_elsewhere(
        flows, (await responses(flows, "Щукина Злата Эдуардовна"))[0].person_id, 987654321
    )
    assert "Щукина" in await dump_database(flows)
    await mentee.send("/privacy")
    reply = await mentee.press("Отозвать: ПД")
    assert "Отозвать согласие на обработку персональных данных?" in reply.text
    reply = await mentee.press("Да, отозвать")
    assert "данные обезличены" in reply.text
    note = await curator.wait_for_message(lambda m: "отозвал(а) согласие на обработку" in m.body)
    assert "Щукина Злата Эдуардовна" in note.body  # who
    assert "Затронуто пар и групп: 1" in note.body and "наставник Мороз А. И." in note.body  # what it affects
    assert "приказом № 45-В" in note.body and note.labels == ["🤝 Открыть пару/группу"]
    assert note.button("Открыть пару").callback_data == f"pr:card:{pair_id}:0"  # type: ignore[union-attr]

    dump = await dump_database(flows)
    for trace in ("Щукин", "Злата", "Златы", "З. Э.", "З.Э.", "987654321", "Трудно удерживать дисциплину", "мамой"):
        assert trace not in dump, trace
    for trace in ("Научиться планировать", "FILE-of-hers", "урок_щукиной"):
        assert trace not in dump, trace
    assert "Мороза А. И." in dump  # somebody else's name stays
    async with flows.sessions() as session:
        person = await session.scalar(select(Person).where(Person.anonymized_at.is_not(None)))
        assert person is not None and not person.is_active and person.telegram_user_id is None
        consents = list(await session.scalars(select(Consent).where(Consent.person_id == person.id)))
        assert {c.kind for c in consents} == {"personal_data", "mentee"}
        assert all(c.withdrawn_at is not None for c in consents)  # kept as proof, withdrawn
        (response,) = list(
            await session.scalars(select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person.id))
        )
        assert response.status == "submitted"
        assert response.answers["need_areas"] == ["methods"] and response.answers["difficulty_level"] == 4
        assert "difficulties" not in response.answers and "start_date" not in response.answers
        news = await session.scalar(select(NewsItem.body))
        assert news == "Поздравляем [обезличено] и Мороза А. И. с открытым уроком!"
        growth = await session.scalar(select(GrowthRecord))
        assert growth is not None and growth.title is None  # kept as a count for the monitoring
    reply = await mentee.send("/start")  # the account is no longer linked to anybody
    assert reply.last.labels == ["📝 Подать заявку на доступ"]
    assert json.dumps(person.full_name, ensure_ascii=False).startswith('"Обезличенный участник')


async def test_a_mentee_cannot_reach_banks_or_campaigns(flows: Flows) -> None:
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8301, [Role.CURATOR])
    await curator.send("/start")
    mentee = await teacher(flows, "Ким Дарья Алексеевна", 8302, [Role.MENTEE], date(2026, 9, 1))
    menu = (await mentee.send("/start")).last
    forged = [
        MenuCb(action="banks").pack(),
        MenuCb(action="campaigns").pack(),
        BankCb(action="export", bank="mentee").pack(),
        BankCb(action="list", bank="mentor").pack(),
        BankCb(action="approve", bank="mentor", pid=1).pack(),
        CampCb(action="new").pack(),
        CampCb(action="nudge", id=1).pack(),
    ]
    for data in forged:
        reply = await mentee.press_data(data, menu.message_id)
        assert reply.callback_answer == DENIED, data
        assert not any(m.file for m in reply.messages)
    assert len(await audit(flows.sessions, "access_denied")) == len(forged)


MENTOR_SURVEY = [
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
]


async def test_a_mentor_candidate_is_approved_only_with_both_consents(flows: Flows) -> None:
    flows.clock.set(TODAY)
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8401, [Role.CURATOR])
    candidate = await teacher(flows, "Мороз Андрей Иванович", 8402, [], date(2011, 9, 1))
    await teacher(flows, "Белова Наталья Сергеевна", 8403, [Role.MENTEE])

    await curator.send("/start")
    await curator.press("Анкетирование")
    await curator.press("Новое анкетирование")
    await curator.press("Анкета наставника")
    await curator.press("Выбрать людей")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "☑ Мороз Андрей Иванович" in reply.last.labels
    await curator.press("Готово (выбрано: 1)")
    reply = await curator.send("31.12.2099")
    assert "1 человек" in reply.text and "Мороз Андрей Иванович" in reply.text
    await curator.press("Отправить")

    await candidate.wait_for_message(lambda m: "просит заполнить" in m.body)
    await candidate.press("Заполнить анкету")
    await candidate.press("Даю согласие")
    await answer(candidate, MENTOR_SURVEY)
    await candidate.press("Отправить анкету")
    reply = await candidate.press("Да, отправить")
    assert "согласие на назначение наставником" in reply.text
    heard = await curator.wait_for_message(lambda m: "Мороз Андрей Иванович заполнил(а)" in m.body)
    assert "Заполнили 1 из 1" in heard.body

    await curator.send("/menu")
    await curator.press("Банки")
    await curator.press("Банк наставников")
    reply = await curator.press("Кандидаты (1)")
    reply = await curator.press("Мороз Андрей Иванович")
    assert "Подготовка к ОГЭ и ЕГЭ" in reply.text and "Двоих" in reply.text
    assert "Направления помощи" in reply.text and "В каких направлениях" not in reply.text  # short labels
    assert "Нагрузка: 0 из 2 наставляемых" in reply.text  # «Двоих», never above three (3.7)
    assert "не хватает согласия на назначение наставником" in reply.text
    card = reply.last
    reply = await curator.press("Утвердить наставником", card)
    assert reply.callback_answer and "нет согласия на назначение наставником" in reply.callback_answer
    assert "чтобы дать его" in reply.callback_answer

    await candidate.press("Прочитать и дать согласие")
    await candidate.press("Даю согласие")
    ready = await curator.wait_for_message(lambda m: "дал(а) оба согласия" in m.body)
    assert "Мороз Андрей Иванович" in ready.body and ready.labels == ["🗂 Открыть карточку"]
    reply = await curator.press("Открыть карточку", ready)
    reply = await curator.press("Утвердить наставником")
    assert reply.callback_answer == "Утверждён(а) в банке наставников"
    assert "Статус: утверждён(а)" in reply.text and "Утвердить наставником" not in reply.last.labels
    told = await candidate.wait_for_message(lambda m: "утвердил(а) вас в банке наставников" in m.body)
    assert "Кузнецова Елена Павловна" in told.body
    stale = await curator.press("Утвердить наставником", card)  # the older card's button: already decided
    assert stale.callback_answer == "Решение уже принято: утверждён(а)."
    async with flows.sessions() as session:
        mentor = await session.scalar(select(Person).where(Person.full_name == "Мороз Андрей Иванович"))
        assert mentor is not None and Role.MENTOR in mentor.role_set

    await curator.press("Назад")
    reply = await curator.press("Выгрузить таблицу")
    document = next(m for m in reply.messages if m.file)
    rows = sheet_of(flows, document.file)
    assert set(rows) == {"Мороз Андрей Иванович"}
    record = rows["Мороз Андрей Иванович"]
    assert record["Нагрузка"] == "0 из 2" and record["Статус"] == "утверждён(а)"
    assert "Подготовка к ОГЭ и ЕГЭ" in str(record["Направления помощи"])


async def mentor_profiles_now(flows: Flows) -> list[str]:
    async with flows.sessions() as session:
        school = await ensure_default_organization(session)
        return [p.full_name for p in await mentor_profiles(session, school.id, OrgRules())]


async def test_a_mentor_from_the_staff_list_is_a_candidate_until_the_curator_approves(flows: Flows) -> None:
    """The defect: a mentor created by an invitation or an uploaded list used to be «утверждён(а)» in the bank
    before any consent or decision, with no button to approve. Now a candidate, approved only with both
    consents (3.2); withdrawing the mentor's consent takes them out of the bank, giving it again makes them a
    candidate again."""
    flows.clock.set(TODAY)
    curator = await teacher(flows, "Кузнецова Елена Павловна", 8501, [Role.CURATOR])
    mentor = await teacher(flows, "Орлова Мария Дмитриевна", 8502, [Role.MENTOR], date(2015, 9, 1))
    await curator.send("/start")
    await curator.press("Банки")
    reply = await curator.press("Банк наставников")
    assert "Кандидаты (1)" in reply.last.labels and not any("Утверждены" in label for label in reply.last.labels)
    reply = await curator.press("Орлова Мария Дмитриевна · кандидат")
    assert "Статус: кандидат" in reply.text
    assert "не хватает согласий на обработку персональных данных и на назначение наставником" in reply.text
    assert {"✅ Утвердить наставником", "✖ Отклонить"} <= set(reply.last.labels)
    assert await mentor_profiles_now(flows) == []  # nobody to match before the decision
    reply = await curator.press("Утвердить наставником")
    assert reply.callback_answer is not None and reply.show_alert
    assert "нет согласий на обработку персональных данных и на назначение наставником" in reply.callback_answer
    assert "Кандидат получил сообщение с кнопкой, чтобы дать их" in reply.callback_answer  # and it is true:
    asked = await mentor.wait_for_message(lambda m: "хочет утвердить вас в банке наставников" in m.body)
    assert "Куратор Кузнецова Елена Павловна" in asked.body and "нужны ваши согласия" in asked.body
    assert asked.labels == ["✍ Прочитать и дать согласие"]
    reply = await mentor.press("Прочитать и дать согласие", asked)
    assert "Согласие на обработку персональных данных — не дано" in reply.text
    await mentor.press("Дать согласие на обработку персональных данных")
    reply = await mentor.press("Даю согласие")
    given = reply.messages[-1]  # not a dead end: the way to the next consent is a button, not a typed /privacy
    assert "Согласие на обработку персональных данных записано" in given.body
    assert given.labels == ["🔐 Мои данные и согласия", "⬅ В главное меню"]
    reply = await mentor.press("Мои данные и согласия", given)
    assert "✅ Согласие на обработку персональных данных — дано " in reply.text
    reply = await mentor.press("Дать согласие на назначение наставником")
    assert "в МБОУ гимназии «Интеллект»" in reply.text
    await mentor.press("Даю согласие")
    ready = await curator.wait_for_message(lambda m: "дал(а) оба согласия" in m.body)
    await curator.press("Открыть карточку", ready)
    reply = await curator.press("Утвердить наставником")
    assert "Статус: утверждён(а)" in reply.text
    assert await mentor_profiles_now(flows) == ["Орлова Мария Дмитриевна"]

    await mentor.send("/privacy")
    await mentor.press("Отозвать: наставника")
    reply = await mentor.press("Да, отозвать")
    assert "исключены из банка наставников" in reply.text
    note = await curator.wait_for_message(lambda m: "отозвал(а) согласие на назначение наставником" in m.body)
    assert "Орлова Мария Дмитриевна" in note.body and "исключён(а) из банка наставников" in note.body
    assert note.labels == ["🧭 Банк наставников"]
    assert await mentor_profiles_now(flows) == []
    reply = await curator.press("Банк наставников", note)
    assert "Отозвали согласие (1)" in reply.last.labels

    await mentor.send("/privacy")
    await mentor.press("Дать согласие на назначение наставником")
    await mentor.press("Даю согласие")
    async with flows.sessions() as session:
        entry = await session.scalar(select(BankEntry).where(BankEntry.bank == "mentor"))
    assert entry is not None and entry.status == "candidate"  # to be approved anew
    assert await mentor_profiles_now(flows) == []
