"""Tables of the bot's files, one helper per format. XLSX (the banks, campaign progress): a bold frozen header,
readable column widths, wrapped text. DOCX (orders, programmes, reports): a bordered table whose column widths
fit their content, set where both Word and LibreOffice read them."""

import io
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

MAX_WIDTH = 60


def table_xlsx(sheet_title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
    for index, title in enumerate(header, start=1):
        values = [str(title)] + [str(row[index - 1]) for row in rows if row[index - 1] is not None]
        width = min(MAX_WIDTH, max(len(v) for v in values) + 2)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- DOCX ---------------------------------------------------------------------------------------------------------
CM_PER_CHAR = 0.21  # an average Cyrillic letter of 12 pt Times New Roman, a little over for bold headers
CELL_PADDING_CM = 0.45  # both margins of a cell and a hair


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[object]], total_cm: float) -> list[float]:
    """Column widths (cm) that fit the content: every column at least as wide as its longest word, so a word is
    never broken across lines («Мероприят|ие»); what is left is shared in proportion to each column's longest
    text. When even the longest words don't fit `total_cm`, the table grows past it rather than break them."""
    minimum, lengths = [], []
    for index, title in enumerate(header):
        cells = [str(title)] + [str(row[index]) for row in rows if index < len(row) and row[index] is not None]
        lines = [line for cell in cells for line in cell.splitlines()] or [""]
        longest_word = max(len(word) for line in lines for word in (line.split() or [""]))
        minimum.append(CM_PER_CHAR * longest_word + CELL_PADDING_CM)
        lengths.append(min(max(len(line) for line in lines), 80) or 1)
    spare = max(total_cm - sum(minimum), 0.0)
    return [m + spare * n / sum(lengths) for m, n in zip(minimum, lengths, strict=True)]


def set_widths(table: Any, widths: Sequence[float]) -> None:
    """Word reads each cell's width, LibreOffice the table grid's (<w:tblGrid>): set both, and fix the layout."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(Cm(width).twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def docx_table(
    document: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    total_cm: float = 17.0,
    empty: str = "",
) -> Any:
    """A bordered table with a bold header row and widths that fit its content (`fit_widths`); `empty`: the
    sentence that spans an empty table's one row."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(title)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = "" if value is None else str(value)
    if not rows and empty:
        cells = table.add_row().cells
        cells[0].text = empty
        if len(cells) > 1:
            cells[0].merge(cells[-1])
    set_widths(table, fit_widths(header, rows, total_cm))
    return table
