"""The personalized programme (3.6) as a DOCX a school signs: the typical shape of a «ППН» — the header (mentor
and mentee with their positions, form, period, basis, goal, tasks), the table of activities (№ / direction /
activity and its form / dates / expected result / how it is reported / done mark) on a landscape page with
columns that fit their words, and the signatures."""

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from documents.docx_columns import fit_widths, repeat_header, set_widths

HEADER = (
    "№",
    "Направление (п. 3.6)",
    "Мероприятие и форма",
    "Сроки",
    "Ожидаемый результат",
    "Форма отчётности",
    "Отметка о выполнении",
)
PAGE_WIDTH_CM = 29.7
MARGIN_CM = 2.0


@dataclass(frozen=True)
class ProgrammeRow:
    kind: str
    title: str
    due: date
    expected: str
    report_form: str
    mark: str
    proposed_by_mentee: bool = False


@dataclass(frozen=True)
class ProgrammeDocument:
    school: str
    mentor: str
    mentor_position: str
    mentees: list[tuple[str, str]]  # (ФИО, должность)
    form: str
    start: date
    end: date
    order: str  # «Приказ № 45-В от 01.09.2026»
    goal: str
    tasks: str
    rows: list[ProgrammeRow]
    acknowledged: list[str]  # the mentees who acknowledged it in the bot


def _who(name: str, position: str) -> str:
    return f"{name}, {position}" if position else name


def _line(document: object, label: str, value: str) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def table_rows(programme: ProgrammeDocument) -> list[tuple[str, ...]]:
    return [
        (
            str(number),
            row.kind,
            row.title + (" (предложено наставляемым)" if row.proposed_by_mentee else ""),
            f"до {row.due:%d.%m.%Y}",
            row.expected,
            row.report_form,
            row.mark,
        )
        for number, row in enumerate(programme.rows, start=1)
    ]


def programme_docx(programme: ProgrammeDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(21.0)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(1.5)

    for text, bold in ((programme.school, False), ("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    _line(document, "Наставник", _who(programme.mentor, programme.mentor_position))
    _line(
        document,
        "Наставляемый" if len(programme.mentees) == 1 else "Наставляемые",
        "; ".join(_who(name, position) for name, position in programme.mentees),
    )
    _line(document, "Форма наставничества", programme.form)
    _line(document, "Срок реализации", f"{programme.start:%d.%m.%Y} — {programme.end:%d.%m.%Y}")
    _line(document, "Основание", programme.order)
    _line(document, "Цель", programme.goal or "—")
    _line(document, "Задачи", programme.tasks or "—")

    rows = table_rows(programme)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    if not rows:
        cells = table.add_row().cells
        cells[0].text = "Мероприятия ещё не запланированы"
        cells[0].merge(cells[-1])
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    columns = [[title, *(r[i] for r in rows)] for i, title in enumerate(HEADER)]
    set_widths(table, fit_widths(columns, PAGE_WIDTH_CM - 2 * MARGIN_CM))
    repeat_header(table)

    document.add_paragraph()
    document.add_paragraph(f"Наставник ____________ / {programme.mentor} /")
    for name, _ in programme.mentees:
        mark = " (ознакомлен(а) в боте)" if name in programme.acknowledged else ""
        document.add_paragraph(f"С программой ознакомлен(а) ____________ / {name} /{mark}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
