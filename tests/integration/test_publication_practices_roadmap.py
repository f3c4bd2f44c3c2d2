"""The website export (section 8) holds no person without a publication consent and no unfinished programme's
results (8.2); the bank of practices copies a finished programme into a new one with shifted dates; the road
map is seeded from Annex 2 once per year and ticked with a date and a document."""

import io
import re
import zipfile
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    GrowthRecord,
    Mentorship,
    MentorshipEvent,
    MentorshipMember,
    Person,
    PersonRole,
    Programme,
    ProgrammeItem,
    RoadmapItem,
)
from db.privacy import anonymize_person
from domain.practices import NeedArea
from domain.roadmap import ROADMAP
from locales import Texts
from services import practices, publication, roadmap
from tests.seeding import TODAY, YEAR, SeededSchool, seed_year

MSK = ZoneInfo("Europe/Moscow")


def pages(archive: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist() if name.endswith((".html", ".css"))}


async def consented(session: AsyncSession, org: int) -> set[int]:
    """People named on the site may be: active publication and personal-data consents, not anonymized."""
    from db.models import Consent

    rows = await session.execute(
        select(Consent.person_id, Consent.kind).where(Consent.organization_id == org, Consent.withdrawn_at.is_(None))
    )
    kinds: dict[int, set[str]] = {}
    for pid, kind in rows:
        kinds.setdefault(pid, set()).add(kind)
    return {pid for pid, k in kinds.items() if {"publication", "personal_data"} <= k}


async def test_the_site_names_only_consenting_people_and_only_finished_results(session: AsyncSession) -> None:
    schools = await seed_year(session, schools=2)
    t = Texts()
    school = schools[0]
    org = school.organization
    await publication.add_news(session, school.curator, date(2026, 5, 15), "Открытый урок молодого педагога", "Урок")
    completed = [m for m in school.mentorships if m.status == "completed"]
    marked = await practices.mark(
        session, school.curator, completed[0].id, NeedArea.METHODS, "Разбор уроков по ФГОС", "Описание практики: разбор"
    )
    assert not isinstance(marked, practices.Problem)

    preview, archive = await publication.export(session, org, school.curator, TODAY, t.plain, MSK)
    files = pages(archive)
    assert set(files) >= {
        "nastavnichestvo/index.html",
        "nastavnichestvo/documents.html",
        "nastavnichestvo/programmes.html",
        "nastavnichestvo/people.html",
        "nastavnichestvo/cases.html",
        "nastavnichestvo/news.html",
        "nastavnichestvo/assets/style.css",
    }
    html = "\n".join(files.values())
    assert org.name in html and "Открытый урок молодого педагога" in html and "Разбор уроков по ФГОС" in html
    assert "№ 273-ФЗ" in html and "АЗ-1128/08" in html  # the federal base

    allowed = await consented(session, org.id)
    everybody = list(await session.scalars(select(Person)))
    named = {p.id for p in everybody if p.full_name in html}
    assert named, "somebody with a consent is published"
    assert named <= allowed, [p.full_name for p in everybody if p.id in named - allowed]
    mentors_named = {p.id for p in school.mentors if p.full_name in files["nastavnichestvo/people.html"]}
    assert mentors_named == {p.id for p in school.mentors if p.id in allowed and p.is_active}
    assert preview.hidden_people == await session.scalar(
        select(func.count(func.distinct(Person.id)))
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.organization_id == org.id, Person.is_active, Person.id.not_in(allowed))
        .where(PersonRole.role.in_(["mentor", "mentee"]))
    )

    # 8.2: a running programme's goal never appears; a finished one's only with everybody's consent
    goals = dict((await session.execute(select(Programme.mentorship_id, Programme.goal))).all())
    for m in school.mentorships:
        goal = goals.get(m.id)
        if goal is None:
            continue
        if m.status != "completed":
            assert goal not in html, m.id
    programmes_page = files["nastavnichestvo/programmes.html"]
    results = programmes_page.split("Результаты завершённых программ")[1]
    assert results.count("<tr><td>") == len(completed)
    running = programmes_page.split("Результаты завершённых программ")[0]
    assert running.count("<tr><td>") == sum(1 for m in school.mentorships if m.status == "approved")
    other_school = schools[1].organization.name
    assert other_school not in html

    # withdrawal of the personal-data consent takes a person off the site
    published = next(p for p in school.mentors if p.id in named)
    await anonymize_person(session, published)
    await session.commit()
    _, archive = await publication.export(session, org, school.curator, TODAY, t.plain, MSK)
    assert published.full_name not in "\n".join(pages(archive).values())
    titles = await session.scalars(select(GrowthRecord.title).where(GrowthRecord.person_id == published.id))
    assert all(title is None for title in titles)  # courses and competitions kept only as counts


async def _approved_with_draft(session: AsyncSession, school: SeededSchool) -> Mentorship:
    mentor = school.mentors[-1]
    start = date(2026, 3, 2)
    mentorship = Mentorship(
        organization_id=school.organization.id,
        mentor_id=mentor.id,
        form="traditional",
        months=3,
        status="approved",
        order_number="77-В",
        order_date=start,
        start_date=start,
        end_date=date(2026, 6, 1),
    )
    mentee = school.others[0]
    mentorship.members = [MentorshipMember(organization_id=school.organization.id, mentee_id=mentee.id)]
    session.add(mentorship)
    await session.commit()
    return mentorship


async def test_a_mentor_starts_a_programme_from_a_best_practice(session: AsyncSession) -> None:
    (school,) = await seed_year(session, schools=1)
    with_items = set(
        await session.scalars(
            select(Programme.mentorship_id).join(ProgrammeItem, ProgrammeItem.programme_id == Programme.id)
        )
    )
    finished = next(m for m in school.mentorships if m.status == "completed" and m.id in with_items)
    not_finished = next(m for m in school.mentorships if m.status != "completed")
    refused = await practices.mark(session, school.curator, not_finished.id, NeedArea.SUBJECT, "Название", "Описание")
    assert refused is practices.Problem.NOT_FINISHED  # 8.2
    practice = await practices.mark(
        session, school.curator, finished.id, NeedArea.METHODS, "Адаптация через разбор уроков", "Что повторить"
    )
    assert not isinstance(practice, practices.Problem)
    again = await practices.mark(session, school.curator, finished.id, NeedArea.METHODS, "Ещё раз", "Описание")
    assert again is practices.Problem.ALREADY

    target = await _approved_with_draft(session, school)
    mentor = await session.get(Person, target.mentor_id)
    assert mentor is not None
    stranger = school.mentors[0] if school.mentors[0].id != mentor.id else school.mentors[1]
    assert await practices.start_from(session, stranger, practice.id, target.id) is practices.Problem.NOT_MENTOR
    started = await practices.start_from(session, mentor, practice.id, target.id)
    assert isinstance(started, practices.Started)

    source = list(
        await session.scalars(
            select(ProgrammeItem)
            .join(Programme)
            .where(Programme.mentorship_id == finished.id)
            .order_by(ProgrammeItem.due_date, ProgrammeItem.id)
        )
    )
    copied = list(
        await session.scalars(
            select(ProgrammeItem)
            .join(Programme)
            .where(Programme.mentorship_id == target.id)
            .order_by(ProgrammeItem.due_date, ProgrammeItem.id)
        )
    )
    assert started.copied == len(source) == len(copied) > 0
    assert finished.start_date is not None
    for old, new in zip(source, copied, strict=True):
        assert (new.kind, new.title, new.expected_result, new.status) == (
            old.kind,
            old.title,
            old.expected_result,
            "planned",
        )
        shifted = date(2026, 3, 2) + timedelta(days=(old.due_date - finished.start_date).days)
        assert new.due_date == min(shifted, date(2026, 6, 1))  # within the new period (3.7)
    event = await session.scalar(
        select(MentorshipEvent).where(
            MentorshipEvent.mentorship_id == target.id, MentorshipEvent.action == "programme_from_practice"
        )
    )
    assert event is not None and event.details["practice"] == practice.id


async def test_the_road_map_is_seeded_once_per_year_and_ticked(session: AsyncSession) -> None:
    (school,) = await seed_year(session, schools=1)
    org = school.organization.id
    items = await roadmap.year_items(session, org, YEAR)
    again = await roadmap.year_items(session, org, YEAR)
    assert len(items) == len(again) == sum(len(s.events) for s in ROADMAP)
    assert items[0].title.startswith("Подготовка и принятие локальных актов")
    assert {i.stage_title for i in items} >= {"Формирование банка наставляемых", "Формирование банка наставников"}
    first = items[0]
    assert first.due_date == date(YEAR, 9, 15)
    ticked = await roadmap.tick(session, school.curator, first.id, date(YEAR, 8, 29), "Приказ № 128-В от 29.08.2025")
    assert ticked is not None and ticked.done_on == date(YEAR, 8, 29)
    stages = roadmap.stages(await roadmap.year_items(session, org, YEAR), TODAY)
    assert stages[0].done == 1 and stages[0].total == 3
    assert sum(s.overdue for s in stages) == sum(1 for i in items if i.due_date < TODAY) - 1
    other = await roadmap.tick(session, school.curator, first.id + 10_000, TODAY, None)
    assert other is None
    next_year = await roadmap.year_items(session, org, YEAR + 1)
    assert all(i.done_on is None for i in next_year) and next_year[0].due_date == date(YEAR + 1, 9, 15)
    count = await session.scalar(select(func.count(RoadmapItem.id)).where(RoadmapItem.organization_id == org))
    assert count == 2 * len(items)
    assert re.match(r"\d\.\d", first.code)
