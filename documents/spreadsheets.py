"""Reading uploaded staff lists (.xlsx, .csv) into rows, writing the sample file, and the banks' exports."""

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook

from documents.tables import table_xlsx

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SUPPORTED = (".xlsx", ".csv")
STAFF_COLUMNS = ("ФИО", "Должность", "Предметы", "Дата фактического допуска к работе", "Стаж (лет)", "Роль")


class UnreadableFile(ValueError):
    pass


def read_rows(file_name: str, content: bytes) -> list[Sequence[object]]:
    name = file_name.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".csv"):
        return _read_csv(content)
    raise UnreadableFile("unsupported type")


def _read_xlsx(content: bytes) -> list[Sequence[object]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile("broken xlsx") from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[Sequence[object]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("unknown encoding")
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def staff_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Сотрудники"
    sheet.append(STAFF_COLUMNS)
    sheet.append(("Петрова Ирина Олеговна", "Учитель математики", "Математика", "01.09.2026", 1, "наставляемый"))
    sheet.append(("Сидоров Павел Андреевич", "Учитель физики", "Физика, астрономия", "15.08.2010", 16, "наставник"))
    for column, width in zip("ABCDEF", (34, 26, 26, 22, 12, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bank_xlsx(sheet_title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A bank of mentors or mentees (road map, stages 2–3): one row per person, short column labels (never a
    question's full text), widths that fit, the header frozen."""
    return table_xlsx(sheet_title, header, rows)
