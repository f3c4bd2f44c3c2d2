"""«Приказ о закреплении наставнических пар/групп» (3.4, 6.2) as a DOCX, with its annex table."""

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


@dataclass(frozen=True)
class OrderLine:
    mentor: str  # "ФИО, должность"
    mentees: list[str]
    form: str
    period: str  # "01.10.2026 — 31.03.2027"


@dataclass(frozen=True)
class OrderDocument:
    authority: str  # the upper line: the municipality's education department
    school: str
    city: str
    number: str
    date: dt.date
    programme_due: dt.date  # 3.6: programmes within 10 days
    curator: str
    signer_title: str
    signer: str
    lines: list[OrderLine]
    title: str = "О закреплении наставнических пар/групп"
    grounds: str = "на основании письменного согласия наставников и наставляемых (п. 3.2, 3.7 Положения),"


def _center(document, text: str, *, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def order_docx(order: OrderDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    _center(document, order.authority.upper())
    _center(document, order.school.upper(), bold=True)
    _center(document, "ПРИКАЗ", bold=True)
    document.add_paragraph(f"{order.date:%d.%m.%Y} г.\t\t\t\t\t\t№ {order.number}")
    _center(document, order.city)
    document.add_paragraph(order.title).runs[0].bold = True
    document.add_paragraph(
        f"В соответствии с Положением о системе наставничества педагогических работников в {order.school}, "
        + order.grounds
    )
    document.add_paragraph("ПРИКАЗЫВАЮ:").runs[0].bold = True
    items = [
        "Закрепить наставнические пары/группы на период согласно приложению к настоящему приказу.",
        f"Наставникам составить персонализированные программы наставничества не позднее "
        f"{order.programme_due:%d.%m.%Y} (п. 3.6 Положения).",
        f"Куратору реализации программ наставничества {order.curator} обеспечить сопровождение и мониторинг "
        "реализации программ.",
        "Контроль исполнения настоящего приказа оставляю за собой.",
    ]
    for number, item in enumerate(items, start=1):
        document.add_paragraph(f"{number}. {item}")
    document.add_paragraph()
    document.add_paragraph(f"{order.signer_title}\t\t\t\t\t{order.signer}")
    document.add_paragraph()
    document.add_paragraph("С ПРИКАЗОМ ОЗНАКОМЛЕНЫ:")
    names = [line.mentor.split(",")[0] for line in order.lines] + [
        mentee.split(",")[0] for line in order.lines for mentee in line.mentees
    ]
    for name in dict.fromkeys(names):
        document.add_paragraph(f"_____________ {name}")

    document.add_page_break()
    annex = document.add_paragraph(f"Приложение к приказу № {order.number} от {order.date:%d.%m.%Y}")
    annex.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _center(document, "Наставнические пары/группы", bold=True)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("№", "Наставник", "Наставляемый(е)", "Форма", "Период"), strict=True):
        cell.text = title
    for number, line in enumerate(order.lines, start=1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = line.mentor
        cells[2].text = "\n".join(line.mentees)
        cells[3].text = line.form
        cells[4].text = line.period
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
