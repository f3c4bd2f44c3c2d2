"""Tables in DOCX that a school prints as they are: each column at least as wide as its longest word (so that
«Мероприятие» is never broken into «Мероприят|ие»), the rest of the page shared in proportion to how much text a
column holds. Word reads the cells' widths, LibreOffice the table grid's: both are set."""

from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

# Times New Roman at 11 pt: an average Cyrillic letter is about 0.21 cm wide (capitals and bold a little more);
# a cell adds its margins on both sides.
LETTER_CM = 0.23
PADDING_CM = 0.45
MAX_SHARE_LETTERS = 200  # beyond this a column's text wraps anyway: it gets no larger share


def fit_widths(columns: Sequence[Sequence[str]], total_cm: float) -> list[float]:
    """Widths (cm) for columns given as their texts (the header first): every column wide enough for its longest
    word, the spare width shared by the amount of text. When the words alone exceed the page, they are scaled."""
    minimum, weight = [], []
    for texts in columns:
        words = [word for text in texts for word in str(text).split()] or [""]
        minimum.append(LETTER_CM * max(len(w) for w in words) + PADDING_CM)
        weight.append(min(max((len(str(t)) for t in texts), default=1), MAX_SHARE_LETTERS) or 1)
    spare = total_cm - sum(minimum)
    if spare <= 0:
        return [m * total_cm / sum(minimum) for m in minimum]
    # a column whose longest text already fits in its minimum needs nothing more
    shares = [max(w * LETTER_CM + PADDING_CM - m, 0.0) for w, m in zip(weight, minimum, strict=True)]
    if not sum(shares):
        shares = [1.0] * len(minimum)
    return [m + spare * s / sum(shares) for m, s in zip(minimum, shares, strict=True)]


def set_widths(table: Any, widths: Sequence[float]) -> None:
    """Fixed layout with these widths on the grid and on every cell."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def repeat_header(table: Any) -> None:
    """The header row is repeated on every page the table runs onto."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
