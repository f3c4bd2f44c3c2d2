"""The invitations of an uploaded list of 70: an XLSX with a row per person, and a DOCX of slips that LibreOffice
renders to PDF with every name, whole link and code readable (column widths set on the grid and on every cell)."""

import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from documents.invitations import SLIP_WIDTHS_CM, Invitation, invitation_slips_docx, invitations_xlsx
from domain.invites import deep_link, new_invite_code

SURNAMES = ["Петрова", "Сидорова", "Кузнецова", "Смирнова", "Морозова", "Волкова", "Соколова"]
NAMES = ["Анна Андреевна", "Ирина Олеговна", "Мария Дмитриевна", "Елена Павловна", "Дарья Алексеевна"]


def seventy() -> list[Invitation]:
    people = []
    for number in range(70):
        code = new_invite_code()
        name = f"{SURNAMES[number % 7]}-Щедрина {NAMES[number % 5]}"
        position = "Учитель начальных классов и руководитель методического объединения" if number % 3 else None
        people.append(Invitation(name, position, deep_link("nastavnik_gymnasium_bot", code), code, date(2026, 9, 29)))
    return people


def test_the_spreadsheet_has_a_row_per_person() -> None:
    invitations = seventy()
    sheet = load_workbook(io.BytesIO(invitations_xlsx(invitations))).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["№", "ФИО", "Должность", "Ссылка", "Код", "Действует до"]
    assert len(rows) == 71
    assert rows[1][1] == invitations[0].full_name and rows[1][3] == invitations[0].link
    assert rows[1][4] == f"/start {invitations[0].code}" and rows[1][5] == "29.09.2026"


def test_the_slips_set_their_widths_and_render_to_pdf(tmp_path: Path) -> None:
    invitations = seventy()
    content = invitation_slips_docx(invitations, "МБОУ гимназия «Интеллект»", "Наставник")

    table = Document(io.BytesIO(content)).tables[0]
    grid = [round(column.width.cm, 2) for column in table.columns]
    assert grid == list(SLIP_WIDTHS_CM) and sum(SLIP_WIDTHS_CM) <= 18.0  # A4 less 1.5 cm margins
    for row in table.rows:
        assert [round(cell.width.cm, 2) for cell in row.cells] == grid
    assert len(table.rows) == 71

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer)"
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is installed by `make test` (poppler-utils)"
    source = tmp_path / "slips.docx"
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = (tmp_path / "slips.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 5 <= pages <= 20, pages
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "slips.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Приглашения в бот «Наставник» · МБОУ гимназия «Интеллект»" in text
    for invitation in invitations:
        assert invitation.link in text, invitation.link  # a whole link on one line: the column fits it
        assert f"/start {invitation.code}" in text
    # A name is never broken inside a word: each surname (with its hyphen) stays whole on a line.
    for surname in SURNAMES:
        assert f"{surname}-Щедрина" in text
