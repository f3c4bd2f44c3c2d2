"""A consent as the school files and, if it wishes, signs it on paper: addressed to the director of the school
(names declined), the exact text the person agreed to, the person's data, and how and when it was given in the
bot — the version of the text and its SHA-256, the message — with a line for a handwritten signature.

A4 with the margins of GOST R 7.0.97; the tables' widths are set on every cell and on the grid (Word reads
the cells, LibreOffice the grid), so that no label breaks in the middle of a word."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
LEFT, RIGHT, TOP, BOTTOM = Cm(3.0), Cm(1.5), Cm(2.0), Cm(2.0)
TEXT_WIDTH_CM = 16.5
LABEL_CM = 5.0


@dataclass(frozen=True)
class ConsentDocument:
    school: str  # the full name, as the header of the school's documents
    addressee: Sequence[str]  # «Директору МБОУ гимназии «Интеллект»», «Смирновой Ольге Викторовне»
    sender: str  # «от Щукиной Златы Эдуардовны»
    title: str
    text: str  # already rendered with the person's name and the school's, declined
    person_name: str
    person_short: str  # «Щукина З. Э.» for the signature
    position: str
    given_at: datetime  # local time of the school
    version: int
    sha256: str
    telegram_message_id: int | None
    withdrawn_at: datetime | None = None


def _set_widths(table: Any, widths: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _facts(document: Any, caption: str, rows: Sequence[tuple[str, str]]) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.keep_with_next = True
    heading.add_run(caption).bold = True
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    _set_widths(table, (LABEL_CM, TEXT_WIDTH_CM - LABEL_CM))


def grouped(sha256: str) -> str:
    """The checksum in groups of eight, as fingerprints are printed: readable, and it wraps between groups."""
    return " ".join(sha256[i : i + 8] for i in range(0, len(sha256), 8))


def consent_docx(consent: ConsentDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(4)

    header = document.add_paragraph(consent.school)
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in [*consent.addressee, consent.sender]:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(8.5)
        paragraph.paragraph_format.space_after = Pt(0)
    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(consent.title.upper()).bold = True

    for part in consent.text.split("\n\n"):
        body = document.add_paragraph(part.strip())
        body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.first_line_indent = Cm(1.25)

    _facts(
        document,
        "Сведения о лице, давшем согласие",
        [("Фамилия, имя, отчество", consent.person_name), ("Должность", consent.position or "—")],
    )
    given = [
        ("Дата и время", f"{consent.given_at:%d.%m.%Y, %H:%M}"),
        (
            "Способ",
            "электронная форма в Telegram-боте «Наставник»"
            + (f", сообщение № {consent.telegram_message_id}" if consent.telegram_message_id else ""),
        ),
        ("Версия текста", str(consent.version)),
        ("Контрольная сумма текста (SHA-256)", grouped(consent.sha256)),
    ]
    if consent.withdrawn_at is not None:
        given.append(("Отозвано", f"{consent.withdrawn_at:%d.%m.%Y, %H:%M}"))
    _facts(document, "Сведения о согласии", given)

    signature = document.add_paragraph()
    signature.paragraph_format.space_before = Pt(24)
    signature.add_run(f"____________________ / {consent.person_short} /")
    signature.add_run("\t«____» ________________ 20___ г.")
    signature.paragraph_format.tab_stops.add_tab_stop(Cm(9.0))
    hint = document.add_paragraph("(подпись)")
    hint.paragraph_format.left_indent = Cm(1.5)
    hint.runs[0].font.size = Pt(9)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
