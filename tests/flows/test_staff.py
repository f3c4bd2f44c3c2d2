"""The curator keeps the staff list: one by one through a form, by uploading a spreadsheet, editing and archiving;
everybody who may see the list finds a person by typing a name."""

import io
import re
from datetime import UTC, date, datetime

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.models import InviteCode, Mentorship, MentorshipMember, Person
from domain.roles import Role
from tests.e2e.helpers import person_by_name, staff
from tests.flows.harness import Flows, FlowUser

CODE_RE = re.compile(r"start=([A-Za-z0-9_-]+)")


async def curator_in_staff_list(flows: Flows, telegram_id: int, name: str = "Кузнецова Елена Павловна") -> FlowUser:
    await staff(flows.sessions, name, [Role.CURATOR], telegram_id=telegram_id)
    curator = flows.add_user(telegram_id, "Елена")
    await curator.send("/start")
    reply = await curator.press("Сотрудники")
    assert "Сотрудники: 1" in reply.text
    return curator


def file_bytes(flows: Flows, file_id: str) -> bytes:
    return flows.state.files[file_id].content


async def test_adding_a_person_survives_every_kind_of_bad_input(flows: Flows) -> None:
    flows.clock.set(date(2026, 9, 10))
    curator = await curator_in_staff_list(flows, 6001)
    reply = await curator.press("Добавить")
    assert "Новый сотрудник · шаг 1 из 5" in reply.text

    assert "ответьте текстом" in (await curator.send_sticker()).text
    assert "фамилию, имя и отчество буквами" in (await curator.send("<b>Петрова</b> & Co")).text
    reply = await curator.send("П" * 10_000)
    assert "Слишком длинный текст: 10\xa0000 символов, а можно не больше 150" in reply.text
    assert "шаг 2 из 5" in (await curator.send("Петрова Ирина Олеговна")).text
    assert "шаг 3 из 5" in (await curator.send("Учитель математики")).text
    reply = await curator.press("Пропустить")
    assert "шаг 4 из 5" in reply.text
    reply = await curator.send("31.02.2026")
    assert "Даты 31.02.2026 не существует" in reply.text
    assert "шаг 5 из 5" in (await curator.send("2026-10-15")).text  # as a computer writes it
    reply = await curator.press("Назад")
    assert "шаг 4 из 5" in reply.text and "Сейчас: 15.10.2026" in reply.text
    await curator.send("15.10.2026")
    assert "проверьте данные" in (await curator.send("3 года")).text
    review = await curator.last_bot_message()
    assert "Предметы: —" in review.body and "Стаж, лет: 3" in review.body

    # 3.7: the 30 days run from the actual start: a start still to come is refused, back at that step
    reply = await curator.press("Сохранить")
    assert "Дата допуска к работе 15.10.2026 ещё не наступила" in reply.text and "шаг 4 из 5" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1
    assert "проверьте данные" in (await curator.send("01.09.2026")).text

    reply = await curator.press("Сохранить")
    assert "Петрова Ирина Олеговна — в списке сотрудников" in reply.text
    link_message = next(m for m in reply.messages if "Приглашение для Петровой Ирины Олеговны" in m.body)
    code = CODE_RE.search(link_message.body).group(1)  # type: ignore[union-attr]
    person = await person_by_name(flows.sessions, "Петрова Ирина Олеговна")
    assert person is not None
    assert (person.position, person.subjects, person.work_start_date, person.experience_years) == (
        "Учитель математики",
        None,
        date(2026, 9, 1),
        3,
    )
    assert person.role_set == frozenset() and person.telegram_user_id is None

    reply = await curator.press("наставляемый")
    assert reply.callback_answer == "Роль «наставляемый» назначена"
    assert "✅ наставляемый" in reply.last.labels

    irina = flows.add_user(6002, "Ирина")
    reply = await irina.send(f"/start {code}")
    assert "Петрова Ирина Олеговна" in reply.text and "наставляемый" in reply.text
    reply = await irina.press("Мой профиль")
    assert "Дата фактического допуска к работе: 01.09.2026" in reply.text
    assert "исправляет куратор в карточке сотрудника: Кузнецова Елена Павловна" in reply.text


async def test_cancel_leaves_nothing_behind(flows: Flows) -> None:
    curator = await curator_in_staff_list(flows, 6101)
    await curator.press("Добавить")
    await curator.send("Петрова Ирина Олеговна")
    reply = await curator.press("Отмена")
    assert "Главное меню" in reply.text
    reply = await curator.send("Учитель математики")  # no longer in the form: a search of the list
    assert "По запросу «Учитель математики» сотрудников не нашлось" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1


async def test_the_curator_edits_a_card_and_the_person_is_told(flows: Flows) -> None:
    flows.clock.set(date(2026, 9, 10))
    curator = await curator_in_staff_list(flows, 6301, "Литвина Татьяна Викторовна")
    await staff(flows.sessions, "Петрова Ирина Олеговна", [Role.MENTEE], telegram_id=6302)
    irina = flows.add_user(6302, "Ирина")
    await curator.send("Петрова")
    reply = await curator.press("Петрова Ирина Олеговна")
    reply = await curator.press("✏️ Исправить данные")
    assert "Что исправить в карточке Петровой Ирины Олеговны?" in reply.text
    assert "Должность: Учитель" in reply.last.labels

    reply = await curator.press("Должность: Учитель")
    assert "Сейчас: Учитель" in reply.text and "✖ Отмена" in reply.last.labels
    assert "Петрова Ирина Олеговна · Должность" in reply.text and "position" not in reply.text  # the field's name
    reply = await curator.send("Учитель информатики")
    assert "✅ Исправлено: должность." in reply.text and "Должность: Учитель информатики" in reply.text
    told = await irina.wait_for_message(lambda m: "В вашей карточке исправлено" in m.body)
    assert "куратор Литвина Татьяна Викторовна" in told.body and "должность" in told.body
    reply = await irina.press("👤 Мой профиль", told)
    assert "Должность: Учитель информатики" in reply.text

    await curator.press("✏️ Исправить данные")
    await curator.press("Дата фактического допуска к работе: —")
    assert "Даты 31.02.2026 не существует" in (await curator.send("31.02.2026")).text
    reply = await curator.send("2026-10-15")
    assert "ещё не наступила" in reply.text  # refused, still at the same question
    reply = await curator.send("2026-09-01")
    assert "Дата фактического допуска к работе: 01.09.2026" in reply.text
    await curator.press("✏️ Исправить данные")
    await curator.press("Стаж, лет: —")
    assert "Нужно целое число лет" in (await curator.send("много")).text
    reply = await curator.send("12 лет")
    assert "Стаж, лет: 12" in reply.text
    await curator.press("✏️ Исправить данные")
    await curator.press("Предметы: —")
    reply = await curator.press("✖ Отмена")
    assert "Петрова Ирина Олеговна" in reply.text and "✏️ Исправить данные" in reply.last.labels

    person = await person_by_name(flows.sessions, "Петрова Ирина Олеговна")
    assert person is not None
    assert (person.position, person.work_start_date, person.experience_years, person.subjects) == (
        "Учитель информатики",
        date(2026, 9, 1),
        12,
        None,
    )


async def test_archive_takes_a_person_out_and_back(flows: Flows) -> None:
    curator = await curator_in_staff_list(flows, 6401)
    mentor = await staff(flows.sessions, "Мороз Андрей Иванович", [Role.MENTOR], telegram_id=6402)
    mentee = await staff(flows.sessions, "Ким Дарья Алексеевна", [Role.MENTEE])
    async with flows.sessions() as session:  # Мороз mentors Ким in a pair not yet completed
        pair = Mentorship(organization_id=mentor.organization_id, mentor_id=mentor.id, form="traditional", months=6)
        session.add(pair)
        await session.flush()
        session.add(MentorshipMember(organization_id=pair.organization_id, mentorship_id=pair.id, mentee_id=mentee.id))
        await session.commit()

    await curator.send("мороз")
    await curator.press("Мороз Андрей Иванович")
    reply = await curator.press("▫️ наставляемый")
    reply = await curator.press("✅ наставник")
    assert reply.callback_answer and "нельзя снять" in reply.callback_answer and "п. 7.1" in reply.callback_answer
    reply = await curator.press("🗄 В архив")
    assert "Перенести Мороза Андрея Ивановича в архив?" in reply.text
    reply = await curator.press("🗄 Да, в архив")
    assert reply.callback_answer and "незавершённой паре" in reply.callback_answer

    async with flows.sessions() as session:
        pair_row = await session.get(Mentorship, pair.id)
        assert pair_row is not None
        pair_row.status = "completed"
        await session.commit()
    reply = await curator.press("🗄 Да, в архив")
    assert "Мороз Андрей Иванович — в архиве" in reply.text and "· в архиве" in reply.text
    assert "↩️ Вернуть из архива" in reply.last.labels

    andrey = flows.add_user(6402, "Андрей")
    reply = await andrey.send("/start")  # out of the working list: no access
    assert "Подать заявку" in reply.last.labels[0]

    reply = await curator.press("⬅ К списку")
    assert "Архив сотрудников: 1" in reply.text
    reply = await curator.press("👥 Все сотрудники")
    assert "Мороз Андрей Иванович" not in reply.last.labels[0] and "🗄 Архив (1)" in reply.last.labels
    reply = await curator.press("🗄 Архив (1)")
    reply = await curator.press("🗄 Мороз Андрей Иванович")
    reply = await curator.press("↩️ Вернуть из архива")
    assert "снова в списке сотрудников" in reply.text
    person = await person_by_name(flows.sessions, "Мороз Андрей Иванович")
    assert person is not None and person.is_active


async def test_typing_a_name_finds_people_in_a_long_list(flows: Flows) -> None:
    curator = await curator_in_staff_list(flows, 6501)
    for number in range(84):
        await staff(flows.sessions, f"Сотрудникова Мария Номер{chr(1072 + number % 32)}", [Role.MENTOR])
    await staff(flows.sessions, "Ёлкина Анна Петровна", [Role.MENTEE])
    reply = await curator.send("/staff")
    assert "стр. 1 из 11" in reply.text and "напишите фамилию" in reply.text
    reply = await curator.send("елкина")  # ё and е are the same letter to a person typing
    assert "найден 1 сотрудник" in reply.text
    reply = await curator.press("⏳ Ёлкина Анна Петровна")
    assert "Роли: наставляемый" in reply.text
    reply = await curator.send("сотрудникова")
    assert "найдено 84 сотрудника" in reply.text and "Показаны первые 10" in reply.text
    assert len([label for label in reply.last.labels if "Сотрудникова" in label]) == 10
    assert "хотя бы две буквы" in (await curator.send("1")).text


async def test_a_role_change_reaches_the_person(flows: Flows) -> None:
    curator = await curator_in_staff_list(flows, 6601, "Литвина Татьяна Викторовна")
    await staff(flows.sessions, "Ким Дарья Алексеевна", [], telegram_id=6602)
    darya = flows.add_user(6602, "Дарья")
    await curator.send("Ким")
    await curator.press("Ким Дарья Алексеевна")
    await curator.press("▫️ наставляемый")
    notice = await darya.wait_for_message(lambda m: "вам назначена роль «наставляемый»" in m.body)
    assert "Куратор Литвина Татьяна Викторовна" in notice.body
    reply = await darya.press("⬅ В главное меню", notice)
    assert "🧭 Моё наставничество" in reply.last.labels


def staff_workbook(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ФИО", "Должность", "Предметы", "Дата фактического допуска к работе", "Стаж", "Роль"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def test_upload_gives_one_file_of_invitations_and_reports_the_bad_rows(flows: Flows) -> None:
    flows.clock.set(datetime(2026, 9, 15, 9, tzinfo=UTC))
    curator = await curator_in_staff_list(flows, 6201)
    reply = await curator.press("Загрузить список")
    assert ".xlsx или .csv" in reply.text and "✖ Отмена" in reply.last.labels

    assert "Пришлите, пожалуйста, файл" in (await curator.send("вот список")).text
    reply = await curator.upload("list.txt", b"hello", mime_type="text/plain")
    assert "Этот формат не подходит" in reply.text

    rows: list[list[object]] = [
        ["Петрова Ирина Олеговна", "Учитель математики", "Математика", "01.09.2026", "1 год", "наставляемый"],
        ["Сидоров Павел Андреевич", "Учитель физики", "Физика", "31.02.2026", 16, "наставник"],
        ["Ким Дарья Алексеевна", "Учитель начальных классов", "", date(2026, 9, 1), 0, "наставляемый, МО"],
        ["Орлов Олег Олегович", "Учитель музыки", "", "2026-10-01", 2, ""],
    ]
    rows += [[f"Учителева Анна Вариант{chr(1072 + i)}", "Учитель", "", "", "5 лет", "наставник"] for i in range(30)]
    reply = await curator.upload("Сотрудники.xlsx", staff_workbook(rows))
    assert "Добавлено: 32. Строк с ошибками: 2. Уже были в списке: 0." in reply.text
    assert "Строка 3: дата допуска к работе — такой даты нет в календаре" in reply.text
    assert "Строка 5: дата допуска к работе — дата допуска к работе ещё не наступила" in reply.text
    assert not [m for m in reply.messages if "start=" in m.body]  # no chat message per person
    files = [m for m in reply.messages if m.file]
    names = [m.file["file_name"] for m in files if m.file]
    assert names == ["Приглашения 15.09.2026.xlsx", "Приглашения для печати 15.09.2026.docx"]
    assert "Сотрудники: 33" in reply.last.body

    sheet = load_workbook(io.BytesIO(file_bytes(flows, files[0].file["file_id"]))).active  # type: ignore[index]
    assert sheet is not None
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0] == ["№", "ФИО", "Должность", "Ссылка", "Код", "Действует до"]
    assert len(table) == 33
    kim = next(row for row in table if row[1] == "Ким Дарья Алексеевна")
    assert str(kim[3]).startswith("https://t.me/nastavnik_test_bot?start=") and kim[5] == "29.09.2026"  # 14 days

    petrova = await person_by_name(flows.sessions, "Петрова Ирина Олеговна")
    kim_person = await person_by_name(flows.sessions, "Ким Дарья Алексеевна")
    assert petrova is not None and petrova.role_set == {Role.MENTEE} and petrova.work_start_date == date(2026, 9, 1)
    assert petrova.experience_years == 1
    assert kim_person is not None and kim_person.role_set == {Role.MENTEE, Role.COUNCIL}
    assert await person_by_name(flows.sessions, "Сидоров Павел Андреевич") is None
    async with flows.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(InviteCode)) == 32

    # The link from the file works for its own person.
    darya = flows.add_user(6202, "Дарья")
    reply = await darya.send(f"/start {CODE_RE.search(str(kim[3])).group(1)}")  # type: ignore[union-attr]
    assert "Ким Дарья Алексеевна" in reply.text

    # The corrected row again, as a Windows-1251 CSV with semicolons; a repeated person is skipped, not doubled.
    csv_text = (
        "ФИО;Должность;Предметы;Дата фактического допуска к работе;Стаж\n"
        "Сидоров Павел Андреевич;Учитель физики;Физика;15.08.2010;16 лет\n"
        "Петрова Ирина Олеговна;Учитель математики;;;\n"
    )
    await curator.press("Загрузить список")
    reply = await curator.upload("сотрудники.csv", csv_text.encode("cp1251"), mime_type="text/csv")
    assert "Добавлено: 1. Строк с ошибками: 0. Уже были в списке: 1." in reply.text
    assert "«Петрова Ирина Олеговна» уже есть" in reply.text
    async with flows.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 34


async def test_the_sample_file_opens_with_the_expected_columns(flows: Flows) -> None:
    curator = await curator_in_staff_list(flows, 6701)
    await curator.press("Загрузить список")
    reply = await curator.press("Образец")
    document = next(m for m in reply.messages if m.file)
    assert document.file and document.file["file_name"] == "Сотрудники_образец.xlsx"
    sheet = load_workbook(io.BytesIO(file_bytes(flows, document.file["file_id"]))).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["ФИО", "Должность"] and "Дата фактического допуска к работе" in header
    assert sheet.max_row == 3
