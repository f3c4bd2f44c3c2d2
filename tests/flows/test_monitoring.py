"""The monitoring menu as a school uses it: the annual analytic report reaches the curator with a way to write
the conclusions it lacks, and the director with who writes them; the dashboard says the mentors' load in words."""

from datetime import date

from domain.roles import Role
from tests.e2e.helpers import person
from tests.flows.harness import Flows


async def test_the_annual_report_leads_the_curator_to_the_conclusions(flows: Flows) -> None:
    flows.clock.set(date(2026, 11, 26))
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9701)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9702)
    curator, director = flows.add_user(9701), flows.add_user(9702)

    await curator.send("/start")
    reply = await curator.press("Мониторинг и отчёты")
    assert "Мониторинг наставничества" in reply.text
    reply = await curator.press("Аналитический отчёт за год (документ и таблица)")
    files = [m for m in reply.messages if m.file]
    assert [f.file["file_name"] for f in files] == [  # type: ignore[index]
        "Аналитический_отчёт_наставничество_2026-2027.docx",
        "Аналитический_отчёт_таблицы_2026-2027.xlsx",
    ]
    caption = files[-1]
    assert "Внесите выводы и задачи на следующий год кнопкой ниже" in caption.body
    assert "куратор вносит" not in caption.body
    assert caption.labels == ["📝 Выводы и задачи", "⬅ Назад"]
    reply = await curator.press("Выводы и задачи", caption)
    assert "Выводы" in reply.text

    await director.send("/start")
    await director.press("Мониторинг и отчёты")
    reply = await director.press("Аналитический отчёт за год (документ и таблица)")
    caption = [m for m in reply.messages if m.file][-1]
    assert "Выводы и задачи на следующий год вносит куратор" in caption.body and caption.labels == ["⬅ Назад"]
