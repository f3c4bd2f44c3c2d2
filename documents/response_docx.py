"""A submitted questionnaire (a report, a survey) as a DOCX: title, who and when, questions and answers."""

import io
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


@dataclass(frozen=True)
class ResponseDocument:
    school: str
    title: str
    author: str
    subtitle: str  # e.g. the mentorship: "Наставник: …; наставляемый: …; приказ № …"
    submitted_at: datetime
    answers: list[tuple[str, str]]  # (question, answer as shown)


def response_docx(response: ResponseDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for text, bold in ((response.school, False), (response.title.upper(), True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    document.add_paragraph(response.subtitle)
    document.add_paragraph(f"Составил(а): {response.author}, {response.submitted_at:%d.%m.%Y}")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Вопрос"
    table.rows[0].cells[1].text = "Ответ"
    for question, answer in response.answers:
        cells = table.add_row().cells
        cells[0].text = question
        cells[1].text = answer
    document.add_paragraph()
    document.add_paragraph(f"____________ / {response.author} /")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
