"""The curator's, the director's, the department's and the mentor's paths through the real dispatcher (in-process,
real PostgreSQL, a recording Bot API session): what each sees, what each may not press, what the database holds."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import session_factory
from db.models import AuditEvent, BestPractice, Person, Programme, ProgrammeItem, ReportConclusion, RoadmapItem
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.indicators import school_year_period
from domain.practices import NeedArea
from domain.roles import Role
from domain.rules import OrgRules
from handlers.callbacks import GrowthCb, MenuCb, MonCb, PracCb, RoadCb, SiteCb
from services import monitoring, practices
from tests.recording import build_flow
from tests.seeding import YEAR, seed_year

MSK = ZoneInfo("Europe/Moscow")
CURATOR, DIRECTOR, MENTOR, DEPARTMENT = 7001, 7002, 7003, 7004
DENIED = "⛔ Это действие вам недоступно. Попытка записана в журнал."


async def world(engine: AsyncEngine):  # type: ignore[no-untyped-def]
    async with session_factory(engine)() as session:
        schools = await seed_year(session, schools=2)
        school = schools[0]
        await link_telegram(session, school.curator, CURATOR)
        await link_telegram(session, school.director, DIRECTOR)
        await link_telegram(session, school.mentors[-1], MENTOR)
        department = await create_person(
            session, school.organization.id, StaffFields("Зайцева Марина Юрьевна", "Специалист"), [Role.DEPARTMENT]
        )
        await link_telegram(session, department, DEPARTMENT)
        await session.commit()
    return schools


async def test_the_curator_sees_the_dashboard_and_takes_the_report(clean_db: AsyncEngine) -> None:
    schools = await world(clean_db)
    school = schools[0]
    flow = build_flow(clean_db)
    today = datetime.now(MSK).date()

    menu = await flow.send(CURATOR, "/menu")
    assert "📊 Мониторинг и отчёты" in str(menu.calls[-1].reply_markup)  # type: ignore[attr-defined]
    reply = await flow.press(CURATOR, MonCb(action="board", y=YEAR))
    async with session_factory(clean_db)() as session:
        board = await monitoring.dashboard(
            session, school.organization, OrgRules(), MSK, school_year_period(YEAR), today
        )
    assert f"{school.organization.short_name} · 2025/2026 учебный год" in reply.text
    assert f"Педагогов: {board.staff}; молодых (стаж до 3 лет): {board.young}" in reply.text
    assert f"Вовлечено в наставничество: <b>{board.involved} из {board.staff}" in reply.text
    assert f"Пар: {board.pairs}; групп: {board.groups}" in reply.text
    assert f"Просрочено сейчас: <b>{len(board.overdue_now)}</b>" in reply.text

    overdue = await flow.press(CURATOR, MonCb(action="overdue", y=YEAR))
    assert f"Просрочено сейчас: {len(board.overdue_now)}" in overdue.text
    charts = await flow.press(CURATOR, MonCb(action="charts", y=YEAR))
    assert len(charts.photos) >= 3 and all(p.startswith(b"\x89PNG") for p in charts.photos)

    # the curator's conclusions go into the report
    await flow.press(CURATOR, MonCb(action="note", y=YEAR, v=0))
    short = await flow.send(CURATOR, "Мало")
    assert "Слишком коротко" in short.text
    saved = await flow.send(CURATOR, "Система наставничества работает, сроки программ соблюдаются не везде.")
    assert "Сохранено" in saved.text
    report = await flow.press(CURATOR, MonCb(action="report", y=YEAR))
    names = sorted(report.documents)
    assert names == ["Аналитический_отчёт_наставничество_2025-2026.docx", "Аналитический_отчёт_таблицы_2025-2026.xlsx"]
    body = "\n".join(p.text for p in Document(io.BytesIO(report.documents[names[0]])).paragraphs)
    assert "сроки программ соблюдаются не везде" in body
    sheet = load_workbook(io.BytesIO(report.documents[names[1]]))["Показатели"]
    assert any(row[0] == "Наставнических пар" and row[1] == board.pairs for row in sheet.iter_rows(values_only=True))

    stats = await flow.press(CURATOR, MonCb(action="period", y=YEAR, v=1))  # the previous school year
    (name,) = stats.documents
    assert name.startswith("Статистика_наставничества_01.09.2025-31.08.2026")
    await flow.press(CURATOR, MonCb(action="period", v=4))
    typed = await flow.send(CURATOR, "01.09.2025 — 31.12.2025")
    assert next(iter(typed.documents)).startswith("Статистика_наставничества_01.09.2025-31.12.2025")

    async with session_factory(clean_db)() as session:
        note = await session.scalar(select(ReportConclusion))
    assert note is not None and note.school_year == YEAR and note.conclusions and note.tasks is None


async def test_the_road_map_is_ticked_by_the_curator_and_seen_by_the_director(clean_db: AsyncEngine) -> None:
    await world(clean_db)
    flow = build_flow(clean_db)
    home = await flow.press(DIRECTOR, RoadCb(action="home", y=YEAR))
    assert "Дорожная карта</b> · 2025/2026 учебный год" in home.text and "Выполнено мероприятий: 0 из 16" in home.text
    async with session_factory(clean_db)() as session:
        first = await session.scalar(
            select(RoadmapItem).where(RoadmapItem.code == "1.1", RoadmapItem.school_year == YEAR)
        )
    assert first is not None
    forged = await flow.press(DIRECTOR, RoadCb(action="done", y=YEAR, id=first.id))
    assert forged.alerts == [DENIED]  # the director sees, the curator ticks

    await flow.press(CURATOR, RoadCb(action="done", y=YEAR, id=first.id))
    future = await flow.send(CURATOR, "01.01.2099")
    assert "не может быть в будущем" in future.text
    await flow.send(CURATOR, "29.08.2025")
    saved = await flow.send(CURATOR, "Приказ № 128-В от 29.08.2025")
    assert "Мероприятие 1.1 отмечено выполненным 29.08.2025" in saved.text
    card = await flow.press(DIRECTOR, RoadCb(action="item", y=YEAR, id=first.id))
    assert "✅ Выполнено 29.08.2025. Документ: Приказ № 128-В от 29.08.2025" in card.text
    home = await flow.press(DIRECTOR, RoadCb(action="home", y=YEAR))
    assert "Выполнено мероприятий: 1 из 16" in home.text
    async with session_factory(clean_db)() as session:
        ticked = await session.get(RoadmapItem, first.id)
    assert ticked is not None and ticked.document == "Приказ № 128-В от 29.08.2025"


async def test_the_department_sees_aggregates_only_and_compares_schools(clean_db: AsyncEngine) -> None:
    schools = await world(clean_db)
    flow = build_flow(clean_db)
    menu = await flow.send(DEPARTMENT, "/menu")
    assert "📊 Показатели школ" in str(menu.calls[-1].reply_markup)  # type: ignore[attr-defined]
    home = await flow.press(DEPARTMENT, MonCb(action="dept", y=YEAR))
    for school in schools:
        assert school.organization.short_name in home.text
    async with session_factory(clean_db)() as session:
        names = list(await session.scalars(select(Person.full_name)))
    assert not [n for n in names if n in home.text]
    first = await flow.press(DEPARTMENT, MonCb(action="cmp", y=YEAR, v=schools[0].organization.id))
    assert "Выберите вторую школу" in first.text
    both = await flow.press(DEPARTMENT, MonCb(action="cmp2", y=YEAR, v=schools[1].organization.id))
    assert f"{schools[0].organization.short_name} / {schools[1].organization.short_name}" in both.text
    assert not [n for n in names if n in both.text]
    files = await flow.press(DEPARTMENT, MonCb(action="dxlsx", y=YEAR))
    assert files.photos and next(iter(files.documents)).startswith("Наставничество_по_школам")
    # the department has no school dashboard with names, however the button is crafted
    for forged in (MonCb(action="board", y=YEAR), MonCb(action="overdue", y=YEAR), SiteCb(action="zip")):
        assert (await flow.press(DEPARTMENT, forged)).alerts == [DENIED]


async def test_a_mentor_browses_the_bank_and_starts_a_programme(clean_db: AsyncEngine) -> None:
    schools = await world(clean_db)
    school = schools[0]
    flow = build_flow(clean_db)
    async with session_factory(clean_db)() as session:
        completed = next(m for m in school.mentorships if m.status == "completed")
        practice = await practices.mark(
            session, school.curator, completed.id, NeedArea.METHODS, "Разбор уроков", "Что повторить в новой паре"
        )
        assert not isinstance(practice, practices.Problem)
        from tests.integration.test_publication_practices_roadmap import _approved_with_draft

        target = await _approved_with_draft(session, school)

    for forged in (MonCb(action="report", y=YEAR), RoadCb(action="home"), PracCb(action="mark")):
        assert (await flow.press(MENTOR, forged)).alerts == [DENIED]
    await flow.press(MENTOR, MenuCb(action="practices"))
    areas = await flow.press(MENTOR, PracCb(action="areas"))
    assert "Методика обучения и преподавания (1)" in str(areas.calls[-1].reply_markup)  # type: ignore[attr-defined]
    index = list(NeedArea).index(NeedArea.METHODS)
    listing = await flow.press(MENTOR, PracCb(action="list", a=index))
    assert "Найдено практик: 1" in listing.text
    card = await flow.press(MENTOR, PracCb(action="card", id=practice.id, a=index))
    assert "Разбор уроков" in card.text and "Что повторить в новой паре" in card.text
    await flow.press(MENTOR, PracCb(action="use", id=practice.id))
    done = await flow.press(MENTOR, PracCb(action="into", id=practice.id, m=target.id))
    assert "скопировано мероприятий" in done.text
    async with session_factory(clean_db)() as session:
        copied = list(
            await session.scalars(select(ProgrammeItem).join(Programme).where(Programme.mentorship_id == target.id))
        )
        marked = await session.scalar(select(BestPractice))
    assert copied and marked is not None

    # courses and competitions
    await flow.press(MENTOR, GrowthCb(action="kind", v=0))
    await flow.send(MENTOR, "Формирующее оценивание, 36 ч")
    await flow.send(MENTOR, "15.11.2025")
    from handlers.forms import FormNav

    await flow.press(MENTOR, FormNav(form="growth", action="skip"))
    saved = await flow.press(MENTOR, FormNav(form="growth", action="save"))
    assert "Записано: курсы «Формирующее оценивание, 36 ч»" in saved.text


async def test_the_curator_previews_and_downloads_the_site(clean_db: AsyncEngine) -> None:
    schools = await world(clean_db)
    flow = build_flow(clean_db)
    preview = await flow.press(CURATOR, SiteCb(action="home"))
    assert "Раздел «Наставничество» на сайте школы" in preview.text
    assert "Не размещены — нет согласия на публикацию:" in preview.text
    download = await flow.press(CURATOR, SiteCb(action="zip"))
    (name,) = download.documents
    with zipfile.ZipFile(io.BytesIO(download.documents[name])) as archive:
        assert "nastavnichestvo/index.html" in archive.namelist()
        index = archive.read("nastavnichestvo/index.html").decode()
    assert schools[0].organization.name in index
    assert (await flow.press(DIRECTOR, SiteCb(action="zip"))).alerts == [DENIED]  # the curator publishes
    async with session_factory(clean_db)() as session:
        exported = await session.scalar(select(AuditEvent).where(AuditEvent.action == "site_exported"))
    assert exported is not None
