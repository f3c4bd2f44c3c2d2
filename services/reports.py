"""The end-of-mentorship reports (3.6) of a completed pair or group, each as a DOCX the curator files."""

from sqlalchemy.ext.asyncio import AsyncSession

from db.registry import questionnaire_of
from db.repositories import mentorships as repo
from db.repositories.responses import definition as responses_definition
from documents.response_docx import ResponseDocument, response_docx
from domain.names import initials
from domain.questionnaire import display
from locales import texts
from services.outcome import Actor, Attachment, Refused
from services.parties import parties, people, require_curator


def _file_name(title: str, author: str) -> str:
    words = f"{title} {initials(author)}".replace(".", "").split()
    return "_".join(words) + ".docx"


async def report_files(session: AsyncSession, actor: Actor, mentorship_id: int) -> list[Attachment]:
    require_curator(actor)
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id)
    if mentorship is None:
        raise Refused("pair-not-found")
    submitted = await repo.reports(session, mentorship)
    if not submitted:
        raise Refused("pair-no-reports")
    who = await parties(session, mentorship)
    authors = await people(session, list(submitted))
    subtitle = texts().plain(
        "pair-report-subtitle",
        mentor=who.mentor.full_name,
        number=mentorship.order_number or "",
        date=f"{mentorship.order_date:%d.%m.%Y}" if mentorship.order_date else "",
    )
    files = []
    for author_id, response in submitted.items():
        author = authors[author_id].full_name if author_id in authors else ""
        questionnaire = questionnaire_of(await responses_definition(session, response.definition_id))
        answers = [
            (q.text, display(q, response.answers[q.id]))
            for q in questionnaire.visible(response.answers)
            if q.id in response.answers
        ]
        content = response_docx(
            ResponseDocument(
                school=actor.organization.name,
                title=questionnaire.title,
                author=author,
                subtitle=subtitle,
                submitted_at=(response.submitted_at or actor.now).astimezone(actor.tz),
                answers=answers,
            )
        )
        files.append(Attachment(_file_name(questionnaire.title, author), content))
    return files
