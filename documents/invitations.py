"""Invitations for an uploaded staff list: one XLSX (ФИО, ссылка, код, действует до) for the curator to send out,
and a DOCX of slips to print, cut and hand out — one slip per person with the link and the code.

LibreOffice reads the widths of the table grid, Word those of the cells: both are set (as in the analytic report),
each column as wide as its content needs, the link column wide enough for a whole link on one line."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from documents.tables import table_xlsx

SLIP_WIDTHS_CM = (5.0, 13.0)  # whom · how to connect (a whole link on one line): 18 cm between 1.5 cm margins


@dataclass(frozen=True)
class Invitation:
    full_name: str
    position: str | None
    link: str
    code: str
    expires: date


def invitations_file_name(today: date) -> str:
    return f"Приглашения {today:%d.%m.%Y}.xlsx"


def slips_file_name(today: date) -> str:
    return f"Приглашения для печати {today:%d.%m.%Y}.docx"


def invitations_xlsx(invitations: Sequence[Invitation]) -> bytes:
    header = ["№", "ФИО", "Должность", "Ссылка", "Код", "Действует до"]
    rows = [
        [number, i.full_name, i.position or "", i.link, f"/start {i.code}", i.expires.strftime("%d.%m.%Y")]
        for number, i in enumerate(invitations, start=1)
    ]
    return table_xlsx("Приглашения", header, rows)


def _set_widths(table: Table, widths: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid: what LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # each cell: what Word reads


def invitation_slips_docx(invitations: Sequence[Invitation], school: str, bot_name: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"Приглашения в бот «{bot_name}» · {school}").bold = True
    document.add_paragraph(
        "Разрежьте лист по линиям и передайте каждому его приглашение. Ссылка открывает бот в Telegram; "
        "если она не открывается, отправьте боту команду с кодом. Каждое приглашение срабатывает один раз."
    )

    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("Кому", "Как подключиться"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for invitation in invitations:
        whom, how = table.add_row().cells
        whom.paragraphs[0].add_run(invitation.full_name).bold = True
        if invitation.position:
            whom.add_paragraph(invitation.position)
        how.paragraphs[0].add_run("Откройте ссылку в телефоне:")
        link = how.add_paragraph().add_run(invitation.link)
        link.font.size = Pt(9)
        how.add_paragraph().add_run("или отправьте боту:")
        command = how.add_paragraph().add_run(f"/start {invitation.code}")
        command.font.name = "Courier New"
        command.font.size = Pt(9)
        how.add_paragraph().add_run(f"Действует до {invitation.expires:%d.%m.%Y}, срабатывает один раз.").italic = True
    _set_widths(table, SLIP_WIDTHS_CM)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
