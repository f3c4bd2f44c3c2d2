"""Publication on the school's website (section 8): the section «Наставничество» built from the database and
exported as static HTML with its assets in a ZIP. Only people with an active publication consent are named,
with minimal data (name, position, area); a programme's results appear only after its completion (8.2)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Meeting, Mentorship, Organization, Person, PersonRole, Programme, ProgrammeItem
from db.repositories import practices as practices_repo
from db.repositories import publication as repo
from db.repositories import roadmap as roadmap_repo
from db.repositories.audit import record_event
from db.repositories.responses import latest_submitted
from documents.site import (
    SiteCase,
    SiteContent,
    SiteDocument,
    SiteNews,
    SitePerson,
    SiteProgramme,
    render_site,
    site_zip,
)
from domain.consents import ConsentKind
from domain.practices import NeedArea
from domain.publication import FEDERAL_DOCUMENTS, DocumentLevel, may_appear, results_public
from domain.roles import Role
from domain.school_year import school_year_of

Labels = Callable[[str], str]


@dataclass
class Preview:
    content: SiteContent
    hidden_people: int  # mentors and mentees left out for want of a publication consent


def _area(answers: dict[str, object], key: str, labels: Labels) -> str:
    values = answers.get(key)
    if not isinstance(values, list):
        return ""
    known = {a.value for a in NeedArea}
    return ", ".join(labels(f"area-{v}") for v in values if isinstance(v, str) and v in known)


async def build(
    session: AsyncSession, organization: Organization, today: date, labels: Labels, tz: ZoneInfo
) -> Preview:
    consents = await repo.consents_of(session, organization.id)
    settings = await repo.settings_of(session, organization.id)

    def named(person: Person | None) -> bool:
        return person is not None and may_appear(
            frozenset(consents.get(person.id, set())), person.anonymized_at is not None
        )

    # the banks of mentors and mentees (8.1): people with the role and a publication consent
    rows = await session.execute(
        select(Person, PersonRole.role)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Person.organization_id == organization.id,
            Person.is_active.is_(True),
            PersonRole.role.in_([Role.MENTOR.value, Role.MENTEE.value]),
        )
        .order_by(Person.full_name)
    )
    mentors, mentees, hidden = [], [], set()
    for person, role in rows:
        if not named(person):
            hidden.add(person.id)
            continue
        if role == Role.MENTOR.value:
            survey = await latest_submitted(session, person.id, "mentor_survey")
            area = _area(survey.answers if survey else {}, "competencies", labels)
            mentors.append(SitePerson(person.full_name, person.position or "", area or (person.subjects or "")))
        else:
            mentees.append(SitePerson(person.full_name, person.position or "", person.subjects or ""))

    # programmes: running ones without results, completed ones with results (8.2)
    mentorships = list(
        await session.scalars(
            select(Mentorship)
            .where(Mentorship.organization_id == organization.id, Mentorship.status.in_(["approved", "completed"]))
            .order_by(Mentorship.start_date.desc(), Mentorship.id)
        )
    )
    people = await repo.people(
        session, {m.mentor_id for m in mentorships} | {x.mentee_id for m in mentorships for x in m.members}
    )
    accepted = dict(
        (
            await session.execute(
                select(Programme.mentorship_id, func.count(ProgrammeItem.id).filter(ProgrammeItem.status == "accepted"))
                .join(ProgrammeItem, ProgrammeItem.programme_id == Programme.id, isouter=True)
                .where(Programme.organization_id == organization.id)
                .group_by(Programme.mentorship_id)
            )
        ).all()
    )
    totals = dict(
        (
            await session.execute(
                select(Programme.mentorship_id, func.count(ProgrammeItem.id))
                .join(ProgrammeItem, ProgrammeItem.programme_id == Programme.id, isouter=True)
                .where(Programme.organization_id == organization.id)
                .group_by(Programme.mentorship_id)
            )
        ).all()
    )
    meetings = dict(
        (
            await session.execute(
                select(Meeting.mentorship_id, func.count(Meeting.id))
                .where(Meeting.organization_id == organization.id)
                .group_by(Meeting.mentorship_id)
            )
        ).all()
    )
    goals = dict(
        (
            await session.execute(
                select(Programme.mentorship_id, Programme.goal).where(Programme.organization_id == organization.id)
            )
        ).all()
    )
    running, completed = [], []
    for m in mentorships:
        mentor = people.get(m.mentor_id)
        members = [people.get(x.mentee_id) for x in m.members]
        everybody = named(mentor) and all(named(p) for p in members)
        period = f"{m.start_date:%d.%m.%Y} — {(m.completed_on or m.end_date):%d.%m.%Y}" if m.start_date else ""
        programme = SiteProgramme(
            form=labels(f"form-{m.form}"),
            period=period,
            mentor=mentor.full_name if mentor and named(mentor) else None,
            mentees=[p.full_name for p in members if p and named(p)],
            mentee_count=len(members),
        )
        if results_public(m.status):
            programme.result = labels(f"completion-{m.completion_reason or 'fulfilled'}")
            programme.done = f"{accepted.get(m.id, 0)} из {totals.get(m.id, 0)}"
            programme.meetings = meetings.get(m.id, 0)
            programme.goal = goals.get(m.id) if everybody else None
            completed.append(programme)
        else:
            running.append(programme)

    # best cases: only completed programmes are in the bank; participants named only with consent
    cases = []
    for practice in await practices_repo.practices(session, organization.id):
        found = next((x for x in mentorships if x.id == practice.mentorship_id), None)
        if found is None or not results_public(found.status):
            continue
        participants = [people.get(found.mentor_id)] + [people.get(x.mentee_id) for x in found.members]
        cases.append(
            SiteCase(
                practice.title,
                labels(f"form-{practice.form}"),
                labels(f"area-{practice.need_area}"),
                practice.description,
                [p.full_name for p in participants if p and named(p)],
            )
        )

    # documents: federal (fixed), regional and the school's (settings), the school's acts from the road map
    documents = [SiteDocument(d.level.value, d.title, d.url) for d in FEDERAL_DOCUMENTS]
    documents += [SiteDocument(str(d["level"]), str(d["title"]), d.get("url")) for d in repo.document_rows(settings)]
    year = school_year_of(today)
    await roadmap_repo.ensure_year(session, organization.id, year)
    for item in await roadmap_repo.items(session, organization.id, year):
        if item.stage == 1 and item.done_on and item.document:
            documents.append(SiteDocument(DocumentLevel.SCHOOL.value, item.document, None))
    news = [SiteNews(n.published_on, n.title, n.body) for n in await repo.news(session, organization.id)]
    content = SiteContent(
        school=organization.name,
        short_name=organization.short_name,
        city=organization.city or "",
        generated=today,
        intro=settings.intro,
        documents=documents,
        running=running,
        completed=completed,
        mentors=mentors,
        mentees=mentees,
        cases=cases,
        news=news,
    )
    return Preview(content, len(hidden))


async def export(
    session: AsyncSession, organization: Organization, person: Person, today: date, labels: Labels, tz: ZoneInfo
) -> tuple[Preview, bytes]:
    preview = await build(session, organization, today, labels, tz)
    archive = site_zip(render_site(preview.content))
    await record_event(
        session,
        "site_exported",
        organization_id=organization.id,
        actor_person_id=person.id,
        hidden=preview.hidden_people,
    )
    await session.commit()
    return preview, archive


async def add_news(session: AsyncSession, person: Person, on: date, title: str, body: str) -> None:
    await repo.add_news(session, person.organization_id, on, title, body, person.id)
    await session.commit()


async def add_document(
    session: AsyncSession, person: Person, level: DocumentLevel, title: str, url: str | None
) -> None:
    settings = await repo.settings_of(session, person.organization_id)
    repo.add_document(settings, level.value, title, url)
    await session.commit()


async def set_intro(session: AsyncSession, person: Person, text: str) -> None:
    settings = await repo.settings_of(session, person.organization_id)
    settings.intro = text
    await session.commit()


PUBLICATION = ConsentKind.PUBLICATION
