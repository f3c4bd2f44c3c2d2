"""The full list behind the curator's daily digest, as a spreadsheet: the message shows the counts and the
most urgent items, the file has every one of them (a large school has thousands). Written in openpyxl's
write-only mode: a list of 100,000 rows takes seconds, not minutes, and little memory."""

import io
from collections.abc import Callable, Mapping

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from domain.digest import Digest


def digest_file_name(digest: Digest) -> str:
    return f"Сводка сроков {digest.today:%d.%m.%Y}.xlsx"


def digest_xlsx(digest: Digest, kind_labels: Mapping[str, str], state: Callable[[int], str]) -> bytes:
    """`kind_labels`: what each kind of deadline is called; `state(days_left)`: «просрочено на 3 дня»…
    Dates as schools write them (ДД.ММ.ГГГГ); the days column sorts the list by urgency."""
    several = digest.schools > 1
    header = ["№", *(["Школа"] if several else []), "Что", "Кто / о чём", "Срок", "Дней до срока", "Состояние"]
    widths = [6, *([28] if several else []), 34, 48, 12, 14, 28]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Сроки на {digest.today:%d.%m.%Y}")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for number, item in enumerate(digest.items, start=1):
        days = item.days_left(digest.today)
        sheet.append(
            [
                number,
                *([item.school] if several else []),
                kind_labels.get(item.kind, item.kind),
                item.name,
                f"{item.due:%d.%m.%Y}",
                days,
                state(days),
            ]
        )
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(digest.items) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
