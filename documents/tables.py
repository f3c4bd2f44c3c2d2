"""One XLSX writer for every table the bot exports (the banks, campaign progress): a bold frozen
header, readable column widths, wrapped text."""

import io
from collections.abc import Sequence

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
