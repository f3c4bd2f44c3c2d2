"""A consent as a printable DOCX for the paper file: the exact text the person agreed to, with when and
where it was given, and a line for a handwritten signature if the school wants one."""

import io
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


@dataclass(frozen=True)
class ConsentDocument:
    school: str
    title: str
    text: str  # already rendered with the person's name and the school
    person_name: str
    given_at: datetime  # local time of the school
    version: int
    sha256: str
    telegram_message_id: int | None
    withdrawn_at: datetime | None = None


def consent_docx(consent: ConsentDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    header = document.add_paragraph(consent.school)
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(consent.title.upper())
    run.bold = True

    for paragraph in consent.text.split("\n\n"):
        document.add_paragraph(paragraph.strip()).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    message = f", сообщение № {consent.telegram_message_id}" if consent.telegram_message_id else ""
    document.add_paragraph(
        f"Согласие дано в электронной форме в Telegram-боте «Наставник» "
        f"{consent.given_at:%d.%m.%Y в %H:%M}{message}. Версия текста: {consent.version}, "
        f"контрольная сумма SHA-256: {consent.sha256}."
    )
    if consent.withdrawn_at is not None:
        withdrawn = document.add_paragraph()
        withdrawn.add_run(f"Согласие отозвано {consent.withdrawn_at:%d.%m.%Y в %H:%M}.").bold = True
    document.add_paragraph()
    document.add_paragraph(f"____________________ / {consent.person_name} /        «____» ______________ 20___ г.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
