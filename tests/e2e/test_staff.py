"""The curator keeps the staff list: one by one through a form, or by uploading a spreadsheet."""

import io
import re
from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.models import Person
from domain.roles import Role
from tests.e2e.conftest import World
from tests.e2e.helpers import person_by_name, staff

CODE_RE = re.compile(r"start=([A-Za-z0-9_-]+)")


async def curator_in_staff_list(world: World, telegram_id: int):  # type: ignore[no-untyped-def]
    await staff(world.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=telegram_id)
    curator = await world.client.add_user(telegram_id, "Елена")
    await curator.send("/start")
    reply = await curator.press("Сотрудники")
    assert "Сотрудники: 1" in reply.text
    return curator


async def test_adding_a_person_survives_every_kind_of_bad_input(world: World) -> None:
    curator = await curator_in_staff_list(world, 6001)
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
    assert "Не удалось прочитать дату" in reply.text
    assert "шаг 5 из 5" in (await curator.send("1 сентября 2026")).text
    reply = await curator.press("Назад")
    assert "шаг 4 из 5" in reply.text and "Сейчас: 01.09.2026" in reply.text
    await curator.send("01.09.2026")
    assert "проверьте данные" in (await curator.send("3")).text
    review = await curator.last_bot_message()
    assert "Предметы: —" in review.body and "Стаж, лет: 3" in review.body

    reply = await curator.press("Сохранить")
    assert "Сотрудник «Петрова Ирина Олеговна» добавлен" in reply.text
    link_message = next(m for m in reply.messages if "Приглашение" in m.body)
    code = CODE_RE.search(link_message.body).group(1)  # type: ignore[union-attr]
    person = await person_by_name(world.sessions, "Петрова Ирина Олеговна")
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

    irina = await world.client.add_user(6002, "Ирина")
    reply = await irina.send(f"/start {code}")
    assert "Петрова Ирина Олеговна" in reply.text and "наставляемый" in reply.text
    reply = await irina.press("Мой профиль")
    assert "Дата фактического допуска к работе: 01.09.2026" in reply.text


async def test_cancel_leaves_nothing_behind(world: World) -> None:
    curator = await curator_in_staff_list(world, 6101)
    await curator.press("Добавить")
    await curator.send("Петрова Ирина Олеговна")
    reply = await curator.press("Отмена")
    assert "Главное меню" in reply.text
    reply = await curator.send("Учитель математики")  # no longer in the form
    assert "Не понял сообщение" in reply.text
    async with world.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1


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


async def test_upload_keeps_good_rows_and_reports_the_bad_one(world: World) -> None:
    curator = await curator_in_staff_list(world, 6201)
    reply = await curator.press("Загрузить список")
    assert ".xlsx или .csv" in reply.text

    assert "Пришлите, пожалуйста, файл" in (await curator.send("вот список")).text
    reply = await curator.upload("list.txt", b"hello", mime_type="text/plain")
    assert "Этот формат не подходит" in reply.text

    content = staff_workbook(
        [
            ["Петрова Ирина Олеговна", "Учитель математики", "Математика", "01.09.2026", 1, "наставляемый"],
            ["Сидоров Павел Андреевич", "Учитель физики", "Физика", "31.02.2026", 16, "наставник"],
            ["Ким Дарья Алексеевна", "Учитель начальных классов", "", date(2026, 9, 1), 0, "наставляемый, МО"],
        ]
    )
    reply = await curator.upload("Сотрудники.xlsx", content)
    assert "Добавлено: 2. Строк с ошибками: 1. Уже были в списке: 0." in reply.text
    assert "Строка 3: дата допуска к работе — дата не распознана" in reply.text
    links = [m.body for m in reply.messages if "start=" in m.body]
    assert len(links) == 1 and "Петрова Ирина Олеговна: https://t.me/" in links[0] and "Ким Дарья" in links[0]
    assert "Сотрудники: 3" in reply.last.body  # back to the list

    petrova = await person_by_name(world.sessions, "Петрова Ирина Олеговна")
    kim = await person_by_name(world.sessions, "Ким Дарья Алексеевна")
    assert petrova is not None and petrova.role_set == {Role.MENTEE} and petrova.work_start_date == date(2026, 9, 1)
    assert kim is not None and kim.role_set == {Role.MENTEE, Role.COUNCIL}
    assert await person_by_name(world.sessions, "Сидоров Павел Андреевич") is None

    # Each link works for its own person.
    kim_code = re.search(r"Ким Дарья Алексеевна: \S+start=([A-Za-z0-9_-]+)", links[0]).group(1)  # type: ignore[union-attr]
    darya = await world.client.add_user(6202, "Дарья")
    reply = await darya.send(f"/start {kim_code}")
    assert "Ким Дарья Алексеевна" in reply.text

    # The corrected row again, as a Windows-1251 CSV with semicolons; a repeated person is skipped, not doubled.
    csv_text = (
        "ФИО;Должность;Предметы;Дата фактического допуска к работе;Стаж\n"
        "Сидоров Павел Андреевич;Учитель физики;Физика;15.08.2010;16\n"
        "Петрова Ирина Олеговна;Учитель математики;;;\n"
    )
    await curator.press("Загрузить список")
    reply = await curator.upload("сотрудники.csv", csv_text.encode("cp1251"), mime_type="text/csv")
    assert "Добавлено: 1. Строк с ошибками: 0. Уже были в списке: 1." in reply.text
    assert "«Петрова Ирина Олеговна» уже есть" in reply.text
    async with world.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 4


async def test_the_sample_file_opens_with_the_expected_columns(world: World) -> None:
    curator = await curator_in_staff_list(world, 6301)
    await curator.press("Загрузить список")
    reply = await curator.press("Образец")
    document = next(m for m in reply.messages if m.file)
    assert document.file and document.file["file_name"] == "Сотрудники_образец.xlsx"
    content = await world.client.download(document.file["file_id"])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["ФИО", "Должность"] and "Дата фактического допуска к работе" in header
    assert sheet.max_row == 3
