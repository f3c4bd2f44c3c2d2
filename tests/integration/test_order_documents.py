"""The orders a school signs, rendered by LibreOffice as the school prints them: the pair's order, the
replacement order (3.8) and the completion order (7.1). Names are declined where the sentence needs it, the
school's name is in the prepositional case, the curator named is the one who proposed the pair (not the first
curator of the school), everybody who must acknowledge the order is listed, and no table word is broken across
lines («Мероприят|ие»): every column is at least as wide as its longest word, in the grid LibreOffice reads."""

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, MentorshipMember, Organization, Person
from db.repositories.people import StaffFields, create_person
from documents.tables import CELL_PADDING_CM, CM_PER_CHAR
from domain.mentorship import ChangeKind, ChangeStatus, CompletionReason, Form, ReplacementReason, Status
from domain.roles import Role
from domain.rules import OrgRules
from services.orders import completion_file, order_file, replacement_file

ORDER_DAY, REPLACED_ON, COMPLETED_ON = date(2026, 10, 1), date(2027, 1, 15), date(2027, 3, 31)


async def documents(session: AsyncSession) -> tuple[bytes, bytes, bytes]:
    school = Organization(name="Средняя общеобразовательная школа № 7", short_name="СОШ № 7", city="г. Ессентуки")
    session.add(school)
    await session.flush()

    async def staff(name: str, position: str, *roles: Role) -> int:
        return (await create_person(session, school.id, StaffFields(name, position), roles)).id

    await staff("Антонова Алла Петровна", "Заместитель директора", Role.CURATOR)  # the first curator, not ours
    curator = await staff("Литвина Татьяна Викторовна", "Заместитель директора по УВР", Role.CURATOR)
    director = await staff("Смирнова Ольга Викторовна", "Директор", Role.DIRECTOR)
    mentor = await staff("Мороз Андрей Иванович", "Учитель математики", Role.MENTOR)
    new_mentor = await staff("Белова Наталья Сергеевна", "Учитель истории", Role.MENTOR)
    mentees = [
        await staff("Ким Дарья Алексеевна", "Учитель математики", Role.MENTEE),
        await staff("Ли Сергей Викторович", "Учитель информатики", Role.MENTEE),
    ]
    pair = Mentorship(
        organization_id=school.id, mentor_id=mentor, form=Form.GROUP.value, months=6, status=Status.APPROVED.value,
        proposed_by_id=curator, decided_by_id=director, decided_at=datetime.now(UTC), order_number="45-В",
        order_date=ORDER_DAY, start_date=ORDER_DAY, end_date=date(2027, 3, 31),
    )  # fmt: skip
    pair.members = [MentorshipMember(organization_id=school.id, mentee_id=m) for m in mentees]
    session.add(pair)
    await session.flush()
    replaced = MentorshipChange(
        organization_id=school.id, mentorship_id=pair.id, kind=ChangeKind.REPLACE.value,
        status=ChangeStatus.APPROVED.value, reason=ReplacementReason.TRANSFER.value, old_mentor_id=mentor,
        new_mentor_id=new_mentor, requested_by_id=curator, order_number="50-В", order_date=REPLACED_ON,
    )  # fmt: skip
    completed = MentorshipChange(
        organization_id=school.id, mentorship_id=pair.id, kind=ChangeKind.COMPLETE.value,
        status=ChangeStatus.APPROVED.value, reason=CompletionReason.FULFILLED.value, requested_by_id=curator,
        order_number="60-В", order_date=COMPLETED_ON,
    )  # fmt: skip
    session.add_all([replaced, completed])
    await session.flush()
    signer = await session.get(Person, director)
    assert signer is not None
    rules = OrgRules()
    first = await order_file(session, pair, school, signer, rules)  # names the mentor appointed then
    pair.mentor_id = new_mentor
    second = await replacement_file(session, replaced, pair, school, signer, rules)
    third = await completion_file(session, completed, pair, school, signer, rules)
    return first, second, third


def pdf_texts(tmp_path: Path, files: dict[str, bytes]) -> dict[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer)"
    for name, content in files.items():
        (tmp_path / f"{name}.docx").write_bytes(content)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *(str(tmp_path / f"{name}.docx") for name in files)],
        check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    texts = {}
    for name in files:
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        texts[name] = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return texts


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def table_words_fit(content: bytes) -> list[str]:
    """Every word of every table cell fits its column as written in the grid (what LibreOffice lays out by)."""
    problems = []
    for table in Document(io.BytesIO(content)).tables:
        grid = [int(c.get(qn("w:w"))) / 567 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]  # twips → cm
        for row in table.rows:
            for width, cell in zip(grid, row.cells, strict=False):
                for word in cell.text.split():
                    if CM_PER_CHAR * len(word) + CELL_PADDING_CM > width + 0.01:
                        problems.append(f"{word} in {width:.2f} cm")
    return problems


async def test_orders_render_as_a_school_signs_them(session: AsyncSession, tmp_path: Path) -> None:
    pair, replacement, completion = await documents(session)
    for content in (pair, replacement, completion):
        assert table_words_fit(content) == []
    raw = pdf_texts(tmp_path, {"pair": pair, "replace": replacement, "end": completion})
    print(raw["replace"])
    print(raw["pair"])
    import shutil as _s

    for n in ("pair", "replace", "end"):
        _s.copy(tmp_path / f"{n}.pdf", f"/tmp/{n}.pdf")
    texts = {k: flat(v) for k, v in raw.items()}

    school = "в Средней общеобразовательной школе № 7"  # the prepositional case
    curator = "Куратору реализации программ наставничества Литвиной Татьяне Викторовне"  # the proposer, declined
    for text in texts.values():
        assert school in text and curator in text and "Антоновой" not in text
        assert "ПРИКАЗЫВАЮ:" in text and "Смирнова Ольга Викторовна" in text

    text = texts["pair"]
    assert "О закреплении наставнической группы" in text and "№ 45-В" in text and "пары/группы" not in text
    assert "Закрепить наставническую группу на период" in text and "Наставнику составить персонализированную" in text
    assert "не позднее 11.10.2026 (п. 3.6 Положения)" in text
    assert "Мороз Андрей Иванович, Учитель математики" in text  # the mentor appointed by this order
    for header in ("Наставник", "Наставляемые", "Форма", "Период"):
        assert header in text
    assert "Наставничество в группе" in text and "01.10.2026 — 31.03.2027" in text

    text = texts["replace"]
    assert "О замене наставника" in text and "в связи с переводом наставника или наставляемого" in text
    assert "Освободить Мороза Андрея Ивановича, учителя математики, от обязанностей наставника" in text
    assert "Назначить Белову Наталью Сергеевну, учителя истории, наставником вместо Мороза Андрея Ивановича" in text
    assert "закреплённой приказом № 45-В от 01.10.2026" in text
    signatures = text[text.index("С ПРИКАЗОМ ОЗНАКОМЛЕНЫ") :]
    for name in ("Белова Наталья Сергеевна", "Мороз Андрей Иванович", "Ким Дарья Алексеевна", "Ли Сергей Викторович"):
        assert name in signatures  # everybody it concerns, the old mentor included
    for header in ("Прежний наставник", "Новый наставник", "Причина замены"):
        assert header in text

    text = texts["end"]
    assert "О завершении персонализированной программы наставничества" in text and "№ 60-В" in text
    assert "Завершить с 31.03.2027" in text and "в полном объёме" in text
    assert "не позднее 10.04.2027 (п. 3.6 Положения)" in text  # the reports, by the school's rule
