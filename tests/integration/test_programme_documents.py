"""The documents a school signs, rendered as LibreOffice prints them: the personalized programme (3.6) and an
end-of-mentorship report (3.6) to PDF, and every word of their tables found whole in the PDF's text — a column
too narrow would break «Мероприятие» into «Мероприят» / «ие»."""

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

from documents.programme_docx import HEADER, ProgrammeDocument, ProgrammeRow, programme_docx, table_rows
from documents.response_docx import ResponseDocument, response_docx

KINDS = (
    "Знакомство с рабочим местом и коллективом",
    "Должностные обязанности и квалификационные требования",
    "Изучение теоретических и практических вопросов",
    "Практические задания",
)

PROGRAMME = ProgrammeDocument(
    school="МБОУ «Средняя общеобразовательная школа № 7»",
    mentor="Мороз Андрей Иванович",
    mentor_position="учитель истории и обществознания",
    mentees=[("Ким Дарья Алексеевна", "учитель истории")],
    form="Традиционная («один на один»)",
    start=date(2026, 9, 1),
    end=date(2027, 2, 28),
    order="Приказ № 45-В от 01.09.2026",
    goal="Освоить планирование уроков по ФГОС и выстроить дисциплину в 7-х классах",
    tasks="изучить рабочую программу и КТП; посетить уроки наставника; провести открытый урок для МО",
    rows=[
        ProgrammeRow(
            kind=KINDS[i % len(KINDS)],
            title=title,
            due=date(2026, 9 + i, 15),
            expected=expected,
            report_form=report,
            mark="выполнено" if i == 0 else "",
            proposed_by_mentee=i == 2,
        )
        for i, (title, expected, report) in enumerate(
            [
                ("Экскурсия по школе, знакомство с методическим объединением", "Знает кабинеты и коллег", "Беседа"),
                (
                    "Изучение должностной инструкции и локальных актов школы",
                    "Знает обязанности, требования профессионального стандарта",
                    "Собеседование",
                ),
                ("Разбор требований ФГОС к оцениванию", "Памятка по критериям оценивания", "Памятка"),
                ("Посетить 3 урока наставника в 7-х классах", "Конспект приёмов удержания дисциплины", "Конспект"),
            ]
        )
    ],
    acknowledged=["Ким Дарья Алексеевна"],
)

REPORT = ResponseDocument(
    school="МБОУ «Средняя общеобразовательная школа № 7»",
    title="Отчёт наставника о выполнении персонализированной программы наставничества",
    header=[
        ("Наставник", "Мороз Андрей Иванович, учитель истории"),
        ("Наставляемый", "Ким Дарья Алексеевна, учитель истории"),
        ("Срок наставничества", "01.09.2026 — 28.02.2027"),
        ("", "Приказ № 45-В от 01.09.2026"),
    ],
    author="Мороз Андрей Иванович",
    submitted_on=date(2027, 3, 4),
    answers=[
        ("Насколько выполнен план мероприятий программы?", "Полностью"),
        ("Что выполнено по программе? Перечислите основные мероприятия и задания.", "Посещение уроков, разбор " * 8),
        ("Какие качества проявил(а) наставляемый?", "Инициативность; самостоятельность; дисциплинированность"),
        ("Ваши рекомендации по дальнейшему профессиональному развитию наставляемого (п. 3.6).", "Курсы повышения"),
    ],
)


def _pdf_words(tmp_path: Path, name: str, content: bytes) -> tuple[set[str], int]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    assert soffice and pdftotext, "`make test` installs LibreOffice (libreoffice-writer) and poppler-utils"
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    return {w.strip("«»().,;:") for w in text.split()}, pages


def _words(*texts: str) -> set[str]:
    return {w.strip("«»().,;:") for text in texts for w in text.split() if len(w.strip("«»().,;:")) > 2}


def test_the_programme_prints_with_whole_words_in_every_column(tmp_path: Path) -> None:
    words, pages = _pdf_words(tmp_path, "programme", programme_docx(PROGRAMME))
    assert pages >= 1
    assert "ПЕРСОНАЛИЗИРОВАННАЯ" in words and "Мороз" in words and "Задачи" in words
    cells = [*HEADER, *(cell for row in table_rows(PROGRAMME) for cell in row)]
    broken = _words(*cells) - words
    assert not broken, f"words broken across lines in the PDF: {sorted(broken)}"


def test_the_report_prints_with_whole_words(tmp_path: Path) -> None:
    words, pages = _pdf_words(tmp_path, "report", response_docx(REPORT))
    assert pages >= 1 and "ОТЧЁТ" in words and "Полностью" in words
    cells = ["№", "Вопрос", "Ответ", *(text for pair in REPORT.answers for text in pair)]
    broken = _words(*cells) - words
    assert not broken, f"words broken across lines in the PDF: {sorted(broken)}"
