"""The personalized programme (3.6) as a DOCX: header, goal, and the table of activities."""

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


@dataclass(frozen=True)
class ProgrammeRow:
    kind: str
    title: str
    due: date
    expected: str
    proposed_by_mentee: bool


@dataclass(frozen=True)
class ProgrammeDocument:
    school: str
    mentor: str
    mentees: list[str]
    form: str
    start: date
    end: date
    order: str
    goal: str
    rows: list[ProgrammeRow]
    acknowledged: list[str]


def programme_docx(programme: ProgrammeDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for text, bold in ((programme.school, False), ("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for label, value in (
        ("Наставник", programme.mentor),
        ("Наставляемый(е)", "; ".join(programme.mentees)),
        ("Форма наставничества", programme.form),
        ("Срок реализации", f"{programme.start:%d.%m.%Y} — {programme.end:%d.%m.%Y}"),
        ("Основание", programme.order),
        ("Цель", programme.goal),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    titles = ("№", "Направление (п. 3.6)", "Мероприятие", "Срок", "Ожидаемый результат", "Отметка о выполнении")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    for number, row in enumerate(programme.rows, start=1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = row.kind
        cells[2].text = row.title + (" (предложено наставляемым)" if row.proposed_by_mentee else "")
        cells[3].text = f"{row.due:%d.%m.%Y}"
        cells[4].text = row.expected
        cells[5].text = ""
    document.add_paragraph()
    document.add_paragraph(f"Наставник ____________ / {programme.mentor} /")
    for mentee in programme.mentees:
        mark = " (ознакомлен(а) в боте)" if mentee in programme.acknowledged else ""
        document.add_paragraph(f"С программой ознакомлен(а) ____________ / {mentee} /{mark}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
