"""A submitted questionnaire — an end-of-mentorship report above all (3.6) — as a DOCX a school files: the school,
the title, who and what it is about (mentor and mentee with positions, period, order, completion), the table of
questions and answers with columns that fit their words, and the signature with the date."""

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from documents.docx_columns import fit_widths, repeat_header, set_widths

HEADER = ("№", "Вопрос", "Ответ")
TEXT_WIDTH_CM = 21.0 - 2.5 - 1.5


@dataclass(frozen=True)
class ResponseDocument:
    school: str
    title: str
    header: list[tuple[str, str]]  # (label, value) lines under the title; an empty label: the value alone
    author: str
    submitted_on: date
    answers: list[tuple[str, str]]  # (question, answer as shown)


def response_docx(response: ResponseDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    for text, bold in ((response.school, False), (response.title.upper(), True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for label, value in response.header:
        if not value:
            continue
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if label:
            paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph()
    rows = [(str(n), question, answer) for n, (question, answer) in enumerate(response.answers, start=1)]
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    columns = [[title, *(r[i] for r in rows)] for i, title in enumerate(HEADER)]
    set_widths(table, fit_widths(columns, TEXT_WIDTH_CM))
    repeat_header(table)
    document.add_paragraph()
    document.add_paragraph(f"Дата: {response.submitted_on:%d.%m.%Y}")
    document.add_paragraph(f"____________ / {response.author} /")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
