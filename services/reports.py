"""The end-of-mentorship reports (3.6): «в течение 10 дней по завершении наставничества» (`OrgRules.report_days`)
the mentor writes a report on the programme's fulfilment with recommendations, and each mentee a report on the
mentorship with a rating of the mentor. A report is a questionnaire (questionnaires/mentor_report.yaml,
mentee_report.yaml) filled in the questionnaire flow; these use cases say who writes which report of which
mentorship and by when, ask for them when the mentorship is completed (7.1), tell the curator when one is
handed in, and give the reports as the documents a school files."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Person, QuestionnaireResponse
from db.registry import questionnaire_of
from db.repositories import mentorships as mentorships_repo
from db.repositories import programmes as programmes_repo
from db.repositories.people import people_with_role
from db.repositories.responses import definition
from documents.response_docx import ResponseDocument, response_docx
from domain.mentorship import REPORTS, Status, report_due
from domain.programme import Part
from domain.questionnaire import display
from domain.roles import Role
from domain.rules import OrgRules
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused

TARGET = {Part.MENTOR: "report_mentor", Part.MENTEE: "report_mentee"}  # the notices' buttons to the questionnaire
FILE_NAMES = {Part.MENTOR: "Отчёт_наставника", Part.MENTEE: "Отчёт_наставляемого"}


@dataclass(frozen=True)
class ReportState:
    author_id: int
    author: str
    part: Part  # MENTOR or MENTEE
    due: date  # 3.6: the end + report_days
    submitted_on: date | None

    @property
    def late(self) -> bool:
        return self.submitted_on is not None and self.submitted_on > self.due


def _authors(mentorship: Mentorship) -> list[tuple[int, Part]]:
    return [(mentorship.mentor_id, Part.MENTOR), *((m.mentee_id, Part.MENTEE) for m in mentorship.members)]


async def report_states(
    session: AsyncSession, mentorship: Mentorship, rules: OrgRules, tz: ZoneInfo
) -> list[ReportState]:
    """Who owes which report by when, and whether it is in (for the pair's card and the programme screen)."""
    if mentorship.status != Status.COMPLETED or mentorship.completed_on is None:
        return []
    due = report_due(mentorship.completed_on, rules)
    submitted = await mentorships_repo.reports(session, mentorship)
    names = await programmes_repo.names(session, [a for a, _ in _authors(mentorship)])
    states = []
    for author_id, part in _authors(mentorship):
        response = submitted.get(author_id)
        on = response.submitted_at.astimezone(tz).date() if response and response.submitted_at else None
        states.append(ReportState(author_id, names.get(author_id, ""), part, due, on))
    return states


async def reports_of(session: AsyncSession, actor: Actor, mentorship_id: int) -> list[ReportState]:
    """The report states of a mentorship of the actor's school (empty while it runs)."""
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id)
    return await report_states(session, mentorship, actor.rules, actor.tz) if mentorship else []


async def report_author_part(session: AsyncSession, person: Person, code: str, mentorship_id: int) -> Part | None:
    """Whether the person writes this end-of-mentorship report of this completed mentorship of their school
    (the mentor's report for the mentor, the mentee's for a mentee), and as whom."""
    mentorship = await mentorships_repo.get_in_organization(session, person.organization_id, mentorship_id)
    if mentorship is None or mentorship.status != Status.COMPLETED:
        return None
    for author_id, part in _authors(mentorship):
        if author_id == person.id and REPORTS[part.value] == code:
            return part
    return None


async def report_submitted(session: AsyncSession, actor: Actor, response: QuestionnaireResponse) -> list[Notice]:
    """A report was handed in: the curators are told whose, and late or not, with a button to the reports. The
    questionnaire flow calls this after submitting a response whose code is a report's."""
    if response.mentorship_id is None or response.questionnaire_code not in REPORTS.values():
        return []
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, response.mentorship_id)
    if mentorship is None or mentorship.completed_on is None:
        return []
    part = Part.MENTOR if response.questionnaire_code == REPORTS["mentor"] else Part.MENTEE
    due = report_due(mentorship.completed_on, actor.rules)
    return [
        Notice(
            curator.id,
            f"report-in-{part}",
            {"name": actor.person.full_name, "due": due, "late": "yes" if actor.today > due else "no"},
            buttons=(Open("reports", mentorship.id),),
        )
        for curator in await people_with_role(session, actor.organization.id, Role.CURATOR)
        if curator.id != actor.person.id
    ]


Labels = Callable[..., str]  # a text key (and its arguments) → its Russian wording (Texts.plain)


async def report_documents(
    session: AsyncSession, actor: Actor, mentorship_id: int, labels: Labels
) -> Outcome[list[Attachment]]:
    """The reports handed in, as DOCX: all of them for the curator and the director, one's own for a participant."""
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id)
    if mentorship is None:
        raise Refused("denied")
    staff = actor.has(Role.CURATOR, Role.DIRECTOR)
    if not staff and actor.person.id not in {a for a, _ in _authors(mentorship)}:
        raise Refused("denied")
    submitted = await mentorships_repo.reports(session, mentorship)
    if not staff:
        submitted = {k: v for k, v in submitted.items() if k == actor.person.id}
    if not submitted:
        raise Refused("report-none")
    assert mentorship.start_date and mentorship.end_date
    ended = mentorship.completed_on or mentorship.end_date
    people = {p.id: p for p in await programmes_repo.people(session, [a for a, _ in _authors(mentorship)])}
    mentor = people.get(mentorship.mentor_id)
    mentees = [people[m.mentee_id] for m in mentorship.members if m.mentee_id in people]
    files = []
    for author_id, response in submitted.items():
        author = people.get(author_id)
        part = Part.MENTOR if response.questionnaire_code == REPORTS["mentor"] else Part.MENTEE
        questionnaire = questionnaire_of(await definition(session, response.definition_id))
        answers = [
            (q.text, display(q, response.answers[q.id]))
            for q in questionnaire.visible(response.answers)
            if q.id in response.answers
        ]
        assert response.submitted_at is not None
        order_date = mentorship.order_date or ended
        content = response_docx(
            ResponseDocument(
                school=actor.organization.name,
                title=labels(f"report-title-{part}"),
                header=[
                    (labels("report-doc-mentor"), _who(mentor)),
                    (labels("report-doc-mentees", count=len(mentees)), "; ".join(_who(m) for m in mentees)),
                    (labels("report-doc-period"), f"{mentorship.start_date:%d.%m.%Y} — {ended:%d.%m.%Y}"),
                    ("", labels("prog-order", number=mentorship.order_number or "", date=f"{order_date:%d.%m.%Y}")),
                    ("", labels("report-doc-completed", date=f"{ended:%d.%m.%Y}")),
                ],
                author=author.full_name if author else "",
                submitted_on=response.submitted_at.astimezone(actor.tz).date(),
                answers=answers,
            )
        )
        surname = (author.full_name.split() or [""])[0] if author else str(author_id)
        files.append(Attachment(f"{FILE_NAMES[part]}_{surname}.docx", content))
    return Outcome(files)


def _who(person: Person | None) -> str:
    if person is None:
        return ""
    return f"{person.full_name}, {person.position}" if person.position else person.full_name
