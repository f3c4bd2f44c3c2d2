"""Statistics for a period (3.5: «фиксирует данные о количестве участников персонализированных программ
наставничества в формах статистического наблюдения») as an XLSX: one sheet of titled tables."""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from domain.indicators import CompletionWay, Statistics
from domain.mentorship import CompletionReason, Form, ReplacementReason

Labels = Callable[[str], str]
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WAYS = {
    CompletionWay.FULFILLED: "Выполнение плана мероприятий в полном объёме (п. 7.1, абз. 2)",
    CompletionWay.INITIATIVE: "По инициативе наставника и/или наставляемого, по обоюдному решению (п. 7.1, абз. 3)",
    CompletionWay.CURATOR: "По инициативе куратора (п. 7.1, абз. 4)",
}


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def write_tables(sheet: Worksheet, heading: Sequence[str], tables: Sequence[Table], widths: Sequence[int]) -> None:
    """Heading lines, then each table under its bold title, with borders and wrapped text."""
    for line in heading:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).font = Font(
            bold=line is heading[0], size=12 if line is heading[0] else 11
        )
    for table in tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append(list(table.header))
        for column in range(1, len(table.header) + 1):
            cell = sheet.cell(row=sheet.max_row, column=column)
            cell.font = Font(bold=True)
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(list(row))
            for column in range(1, len(row) + 1):
                cell = sheet.cell(row=sheet.max_row, column=column)
                cell.border = BOX
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width


def statistics_tables(stats: Statistics, labels: Labels) -> list[Table]:
    forms = [f for f in Form if f.value in stats.participants or f.value in stats.started]
    participants = [
        (
            labels(f"form-{form}"),
            stats.participants.get(form.value, {}).get("mentors", 0),
            stats.participants.get(form.value, {}).get("mentees", 0),
            stats.started.get(form.value, 0),
        )
        for form in forms
    ]
    participants.append(
        ("Всего (человек, без повторов)", stats.total_mentors, stats.total_mentees, sum(stats.started.values()))
    )
    completed = [(WAYS[way], stats.completed.get(way.value, 0)) for way in CompletionWay]
    completed.append(("Всего завершено", sum(stats.completed.values())))
    reasons = [(labels(f"completion-{r}"), stats.completed_by_reason.get(r.value, 0)) for r in CompletionReason]
    replacements = [(labels(f"replace-{r}"), stats.replacements.get(r.value, 0)) for r in ReplacementReason]
    replacements.append(("Всего замен", sum(stats.replacements.values())))
    return [
        Table(
            "1. Участники персонализированных программ наставничества по формам (п. 2.3)",
            ("Форма наставничества", "Наставники", "Наставляемые", "Начато программ в периоде"),
            participants,
        ),
        Table("2. Завершено программ по основаниям п. 7.1", ("Основание завершения", "Программ"), completed),
        Table("3. Завершено программ по причинам", ("Причина", "Программ"), reasons),
        Table(
            "4. Изменение сроков и содержания программ по обоюдному согласию (п. 7.2)",
            ("Изменение", "Программ"),
            [("Продлён срок реализации", stats.extended), ("Скорректировано содержание", stats.corrected)],
        ),
        Table("5. Замена наставника по причинам п. 3.8 (приказом)", ("Причина замены", "Замен"), replacements),
    ]


def statistics_xlsx(school: str, stats: Statistics, today: date, labels: Labels) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Статистика"
    heading = [
        "Сведения о количестве участников персонализированных программ наставничества",
        school,
        f"Период: {stats.period.start:%d.%m.%Y} — {stats.period.end:%d.%m.%Y}",
        f"Дата формирования: {today:%d.%m.%Y}",
    ]
    write_tables(sheet, heading, statistics_tables(stats, labels), (62, 16, 16, 18))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
