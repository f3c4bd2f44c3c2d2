"""The consent as a school files it (152-FZ art. 9 part 4): a DOCX rendered to PDF by LibreOffice holds the
school's name declined, the person's data, the text version and its SHA-256; its tables' widths are set on every
cell and on the grid, and fit the page."""

import io
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from docx.shared import Cm
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession

from db.registry import latest_consent_text
from db.repositories.consents import give_consent
from db.repositories.organizations import ensure_default_organization, rules_of
from db.repositories.people import StaffFields, create_person
from documents.consent_docx import TEXT_WIDTH_CM, grouped
from domain.consents import ConsentKind
from domain.roles import Role
from services import consents
from services.outcome import Actor

MSK = ZoneInfo("Europe/Moscow")


def pdf_text(docx: bytes, folder: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer)"
    source = folder / "consent.docx"
    source.write_bytes(docx)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(folder)},
    )  # fmt: skip
    reader = PdfReader(folder / "consent.pdf")
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_the_consent_docx_as_the_school_signs_it(session: AsyncSession, tmp_path: Path) -> None:
    school = await ensure_default_organization(session)
    await create_person(session, school.id, StaffFields("Смирнова Ольга Викторовна", "Директор"), [Role.DIRECTOR])
    person = await create_person(
        session, school.id, StaffFields("Щукина Злата Эдуардовна", "Учитель истории"), [Role.MENTEE]
    )
    text = await latest_consent_text(session, ConsentKind.MENTEE)
    now = datetime(2026, 11, 2, 7, tzinfo=UTC)
    await give_consent(session, person, text, 4242, now)
    await session.commit()
    actor = Actor(person, school, rules_of(school), MSK, now)

    document = await consents.document(session, actor, ConsentKind.MENTEE)
    assert document.filename == "Согласие_наставляемого.docx"
    docx = Document(io.BytesIO(document.content))
    for table in docx.tables:
        grid = [column.width for column in table.columns]
        assert all(width is not None for width in grid)
        assert abs(sum(grid) - Cm(TEXT_WIDTH_CM)) < Cm(0.1)  # the grid fills the text width, no more
        for row in table.rows:
            assert [cell.width for cell in row.cells] == grid  # and every cell says the same

    rendered = " ".join(pdf_text(document.content, tmp_path).split())
    for expected in (
        "Директору МБОУ гимназии «Интеллект»",
        "Смирновой Ольге Викторовне",
        "от Щукиной Златы Эдуардовны",
        "СОГЛАСИЕ НА УЧАСТИЕ В НАСТАВНИЧЕСТВЕ",
        "Я, Щукина Злата Эдуардовна, даю согласие",
        "в МБОУ гимназии «Интеллект» в соответствии с п. 3.7",
        "Учитель истории",
        "сообщение № 4242",
        "02.11.2026, 10:00",  # the school's time
        f"Версия текста {text.version}",
        "/ Щукина З. Э. /",
    ):
        assert expected in rendered, expected
    assert grouped(text.sha256).split()[0] in rendered
    assert "Контрольная сумма текста (SHA-256)" in rendered  # the label is not broken inside a word
