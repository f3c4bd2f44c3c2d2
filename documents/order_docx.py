"""An order of the school (or the education department's act, 3.3) as a DOCX the director signs as it is: the
header, the title, the preamble, «ПРИКАЗЫВАЮ:» with numbered items, the signature, everybody who must
acknowledge it, and an annex table. The wording comes from the caller (services/orders.py), already declined."""

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from documents.tables import docx_table

TEXT_WIDTH_CM = 17.0  # A4 less the margins of 2.5 and 1.5 cm


@dataclass(frozen=True)
class Annex:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class OrderDocument:
    authority: str  # the upper line: the municipality's education department
    school: str
    city: str
    number: str
    date: dt.date
    title: str  # «О закреплении наставнических пар/групп»
    preamble: str  # «В соответствии с Положением … в МБОУ СОШ № 1, на основании …»
    items: Sequence[str]  # the numbered paragraphs after «ПРИКАЗЫВАЮ:»
    signer_title: str
    signer: str
    acknowledged: Sequence[str]  # «С приказом ознакомлены»: everybody the order concerns
    annex: Annex | None = None
    labels: dict[str, str] = field(default_factory=dict)  # «ПРИКАЗ», «ПРИКАЗЫВАЮ:», … (texts of the caller)


def _center(document, text: str, *, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _tabbed(document, left: str, right: str, stop_cm: float, *, align_right: bool = True) -> None:  # type: ignore[no-untyped-def]
    """«01.10.2026 г. … № 45-В»: the right part at a tab stop, so it lines up whatever the left part's length."""
    paragraph = document.add_paragraph(f"{left}\t{right}")
    alignment = WD_TAB_ALIGNMENT.RIGHT if align_right else WD_TAB_ALIGNMENT.LEFT
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(stop_cm), alignment)


def _justified(document, text: str) -> None:  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.25)


def order_docx(order: OrderDocument) -> bytes:
    label = {
        "order": "ПРИКАЗ",
        "order_verb": "ПРИКАЗЫВАЮ:",
        "acknowledged": "С приказом ознакомлены:",
        "annex": "Приложение к приказу № {number} от {date}",
        **order.labels,
    }
    document = Document()
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    _center(document, order.authority.upper())
    _center(document, order.school.upper(), bold=True)
    _center(document, label["order"], bold=True)
    _tabbed(document, f"{order.date:%d.%m.%Y} г.", f"№ {order.number}", TEXT_WIDTH_CM)
    _center(document, order.city)
    document.add_paragraph(order.title).runs[0].bold = True
    _justified(document, order.preamble)
    document.add_paragraph(label["order_verb"]).runs[0].bold = True
    for number, item in enumerate(order.items, start=1):
        _justified(document, f"{number}. {item}")
    document.add_paragraph()
    _tabbed(document, order.signer_title, order.signer, TEXT_WIDTH_CM)
    document.add_paragraph()
    document.add_paragraph(label["acknowledged"].upper())
    for name in dict.fromkeys(order.acknowledged):
        _tabbed(document, f"_____________ {name}", f"«___» __________ {order.date:%Y} г.", TEXT_WIDTH_CM)

    if order.annex is not None:
        document.add_page_break()
        annex = document.add_paragraph(label["annex"].format(number=order.number, date=f"{order.date:%d.%m.%Y}"))
        annex.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _center(document, order.annex.title, bold=True)
        docx_table(document, order.annex.header, order.annex.rows, total_cm=TEXT_WIDTH_CM)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
