"""A seeded school year 2025/2026 for several schools, written straight into the database: staff of every
kind, mentorships in every state and form, programmes with activities, meetings, reports, changes (7.2, 3.8),
campaigns, consents, courses and competitions. Deterministic (a seeded random generator per school), so that a
failing figure can be reproduced; the tests recount every figure with their own SQL."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Campaign,
    CampaignInvitee,
    Consent,
    ConsentText,
    GrowthRecord,
    Meeting,
    Mentorship,
    MentorshipChange,
    MentorshipEvent,
    MentorshipMember,
    Organization,
    Person,
    PersonRole,
    Programme,
    ProgrammeItem,
    QuestionnaireDefinition,
    QuestionnaireResponse,
)
from domain.mentorship import end_date

YEAR = 2025
TODAY = date(2026, 6, 20)
FORMS = ("traditional", "teacher_teacher", "group", "virtual", "short_term", "reverse", "situational")
REASONS = ("fulfilled", "fulfilled", "fulfilled", "mentor", "mentee", "both", "curator")
SURNAMES = (
    "Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Васильева", "Новикова", "Фёдорова",
    "Морозова", "Волкова", "Алексеева", "Лебедева", "Семёнова", "Егорова", "Павлова", "Козлова", "Степанова",
    "Николаева", "Орлова", "Андреева", "Макарова", "Никитина", "Захарова", "Зайцева", "Соловьёва", "Борисова",
)  # fmt: skip
NAMES = ("Анна Сергеевна", "Мария Ивановна", "Елена Петровна", "Ольга Викторовна", "Татьяна Андреевна")


def moment(day: date, hour: int = 12) -> datetime:
    """Noon in Moscow (UTC+3) — the same local day whatever the rounding."""
    return datetime.combine(day, time(hour - 3), tzinfo=UTC)


@dataclass
class SeededSchool:
    organization: Organization
    curator: Person
    director: Person
    mentors: list[Person] = field(default_factory=list)
    mentees: list[Person] = field(default_factory=list)
    others: list[Person] = field(default_factory=list)
    consented: set[int] = field(default_factory=set)  # people with a publication consent
    mentorships: list[Mentorship] = field(default_factory=list)


async def _definition(session: AsyncSession, code: str) -> QuestionnaireDefinition:
    found = await session.scalar(select(QuestionnaireDefinition).where(QuestionnaireDefinition.code == code))
    assert found is not None, code
    return found


async def _consent_text(session: AsyncSession, kind: str) -> ConsentText:
    found = await session.scalar(select(ConsentText).where(ConsentText.kind == kind))
    assert found is not None, kind
    return found


async def seed_school(session: AsyncSession, number: int, name: str, seed: int) -> SeededSchool:
    rng = random.Random(seed)
    organization = Organization(
        name=f"Муниципальное бюджетное общеобразовательное учреждение {name}",
        short_name=f"МБОУ {name}",
        city="г. Ессентуки",
    )
    session.add(organization)
    await session.flush()
    counter = iter(range(10_000))

    def person(roles: list[str], experience: int | None, start: date | None = None, active: bool = True) -> Person:
        index = next(counter)
        p = Person(
            organization_id=organization.id,
            full_name=f"{SURNAMES[index % len(SURNAMES)]}{number}{index} {NAMES[index % len(NAMES)]}",
            position=rng.choice(["Учитель математики", "Учитель русского языка", "Учитель истории", "Учитель физики"]),
            subjects=rng.choice(["Математика", "Русский язык", "История", "Физика"]),
            experience_years=experience,
            work_start_date=start,
            is_active=active,
        )
        p.roles = [PersonRole(organization_id=organization.id, role=r) for r in roles]
        session.add(p)
        return p

    school = SeededSchool(organization, person(["curator"], 20), person(["director"], 25))
    person(["council", "mentor"], 18)
    department = person(["department"], 30)  # education department staff: not counted as the school's staff
    del department
    school.mentors = [person(["mentor"], rng.randint(8, 30)) for _ in range(6 + number)]
    starts = [date(YEAR, 9, 1) + timedelta(days=rng.randint(-40, 250)) for _ in range(8 + 2 * number)]
    school.mentees = [
        person(["mentee"], rng.choice([0, 1, 2, 3, 5, 7]), start, active=rng.random() > 0.12) for start in starts
    ]
    school.others = [person([], rng.randint(0, 35)) for _ in range(10 + 3 * number)]
    await session.flush()
    mentor_user = await _definition(session, "mentor_report")
    mentee_user = await _definition(session, "mentee_report")

    # consents: personal data for everybody who takes part; publication for some
    pd_text, pub_text = await _consent_text(session, "personal_data"), await _consent_text(session, "publication")
    for p in [*school.mentors, *school.mentees]:
        session.add(Consent(organization_id=organization.id, person_id=p.id, kind="personal_data", text_id=pd_text.id))
        if rng.random() < 0.5:
            withdrawn = moment(TODAY - timedelta(days=3)) if rng.random() < 0.15 else None
            session.add(
                Consent(
                    organization_id=organization.id,
                    person_id=p.id,
                    kind="publication",
                    text_id=pub_text.id,
                    withdrawn_at=withdrawn,
                )
            )
            if withdrawn is None:
                school.consented.add(p.id)

    # mentorships: every mentee gets at most one; states and forms vary
    attempts: dict[tuple[int, str], int] = {}
    free_mentees = list(school.mentees)
    rng.shuffle(free_mentees)
    mentor_cycle = 0
    while free_mentees:
        mentor = school.mentors[mentor_cycle % len(school.mentors)]
        mentor_cycle += 1
        form = rng.choice(FORMS)
        size = 2 if form == "group" and len(free_mentees) >= 2 else 1
        members = [free_mentees.pop() for _ in range(size)]
        if rng.random() < 0.15:
            continue  # this mentee stays without a mentor (3.7 overdue or pending)
        status = rng.choice(["approved", "approved", "completed", "completed", "proposed", "confirmed", "declined"])
        work_start = min(m.work_start_date for m in members if m.work_start_date)
        order_date = work_start + timedelta(days=rng.randint(5, 45))
        months = rng.choice([3, 6, 9, 12])
        created = order_date - timedelta(days=rng.randint(1, 6))
        m = Mentorship(
            organization_id=organization.id,
            mentor_id=mentor.id,
            form=form,
            months=months,
            status=status,
            created_at=moment(created),
        )
        m.members = [MentorshipMember(organization_id=organization.id, mentee_id=x.id) for x in members]
        if status in ("approved", "completed"):
            m.order_number, m.order_date = f"{rng.randint(10, 99)}-В", order_date
            m.start_date, m.end_date = order_date, end_date(order_date, months)
            if status == "completed":
                m.completed_on = min(m.end_date, TODAY - timedelta(days=rng.randint(1, 60)))
                if m.completed_on < order_date:
                    m.completed_on = order_date + timedelta(days=20)
                m.completion_reason = rng.choice(REASONS)
        session.add(m)
        await session.flush()
        school.mentorships.append(m)
        if status not in ("approved", "completed"):
            continue

        # the programme: sent on time, late, or not at all
        sent_after = rng.choice([3, 8, 10, 14, None])
        programme = Programme(
            organization_id=organization.id,
            mentorship_id=m.id,
            goal=f"Цель программы № {m.id}: освоить планирование уроков",
        )
        if sent_after is not None and (order_date + timedelta(days=sent_after)) <= TODAY:
            sent = order_date + timedelta(days=sent_after)
            programme.status = rng.choice(["submitted", "acknowledged"])
            programme.submitted_at = moment(sent + timedelta(days=rng.randint(0, 20)))  # later re-sendings
            session.add(
                MentorshipEvent(
                    organization_id=organization.id,
                    mentorship_id=m.id,
                    action="programme_submitted",
                    from_status=status,
                    to_status=status,
                    created_at=moment(sent),
                )
            )
        session.add(programme)
        await session.flush()
        for k in range(rng.randint(2, 6)):
            due = min(order_date + timedelta(days=15 * (k + 1)), m.end_date)  # type: ignore[type-var]
            session.add(
                ProgrammeItem(
                    organization_id=organization.id,
                    programme_id=programme.id,
                    kind=rng.choice(["workplace", "duties", "study", "assignments", "consolidation"]),
                    title=f"Мероприятие {k + 1} программы {m.id}",
                    due_date=due,
                    expected_result="Результат",
                    status=rng.choice(["planned", "done", "accepted", "accepted", "returned"]),
                )
            )
        for _ in range(rng.randint(0, 4)):
            session.add(
                Meeting(
                    organization_id=organization.id,
                    mentorship_id=m.id,
                    held_on=order_date + timedelta(days=rng.randint(1, 120)),
                    format=rng.choice(["in_person", "online", "phone", "chat"]),
                    topic="Разбор урока",
                )
            )
        # reports after completion (3.6)
        if status == "completed":
            assert m.completed_on is not None
            for author, definition, code in [(mentor, mentor_user, "mentor_report")] + [
                (x, mentee_user, "mentee_report") for x in members
            ]:
                delay = rng.choice([2, 9, 10, 15, None])
                if delay is None or m.completed_on + timedelta(days=delay) > TODAY:
                    continue
                answers = (
                    {
                        "fulfilment": rng.choice(["full", "mostly", "partly"]),
                        "done": "Выполнено всё",
                        "lessons_observed": 4,
                        "results": "Открытый урок",
                        "recommendations": rng.choice(["Продолжить курсы", ""]) or None,
                        "verdict": rng.choice(["ready", "ready_with_support", "not_ready"]),
                    }
                    if code == "mentor_report"
                    else {
                        "time_enough": rng.randint(1, 5),
                        "theory_useful": rng.randint(1, 5),
                        "practice_useful": rng.randint(1, 5),
                        "settled": rng.randint(1, 5),
                        "ready_alone": rng.randint(1, 5),
                        "rating": rng.choice(["excellent", "good", "satisfactory", "unsatisfactory"]),
                        "best_method": "Разбор уроков",
                        "skills": "Планирование",
                    }
                )
                answers = {k: v for k, v in answers.items() if v is not None}
                attempts[(author.id, code)] = attempts.get((author.id, code), 0) + 1
                session.add(
                    QuestionnaireResponse(
                        organization_id=organization.id,
                        person_id=author.id,
                        definition_id=definition.id,
                        questionnaire_code=code,
                        mentorship_id=m.id,
                        attempt=attempts[(author.id, code)],
                        status="submitted",
                        answers=answers,
                        skipped=[],
                        submitted_at=moment(m.completed_on + timedelta(days=delay)),
                    )
                )
        # changes: extension (7.2), correction, replacement (3.8)
        roll = rng.random()
        if roll < 0.25:
            session.add(
                MentorshipChange(
                    organization_id=organization.id,
                    mentorship_id=m.id,
                    kind="extend",
                    months=12,
                    status="agreed",
                    agreed_ids=[],
                    decided_at=moment(order_date + timedelta(days=40)),
                )
            )
        elif roll < 0.4:
            session.add(
                MentorshipChange(
                    organization_id=organization.id,
                    mentorship_id=m.id,
                    kind="replace",
                    new_mentor_id=school.mentors[0].id,
                    old_mentor_id=m.mentor_id,
                    status="approved",
                    agreed_ids=[],
                    reason=rng.choice(["contract_ended", "transfer", "request", "non_performance", "other"]),
                    decided_at=moment(order_date + timedelta(days=30)),
                    order_number=f"{m.id}-З",  # 3.8: a replacement is fixed by order
                    order_date=order_date + timedelta(days=30),
                )
            )
        elif roll < 0.5:
            session.add(
                MentorshipChange(
                    organization_id=organization.id,
                    mentorship_id=m.id,
                    kind="correct",
                    status="agreed",
                    agreed_ids=[],
                    decided_at=moment(order_date + timedelta(days=25)),
                )
            )

    # a campaign of the year with some answers
    needs = await _definition(session, "mentee_needs")
    campaign = Campaign(
        organization_id=organization.id,
        questionnaire_code="mentee_needs",
        audience="chosen",
        kind="yearly_refresh",
        school_year=YEAR,
        due_date=date(YEAR, 9, 30),
        created_at=moment(date(YEAR, 9, 2)),
    )
    session.add(campaign)
    await session.flush()
    for p in school.mentees:
        session.add(CampaignInvitee(organization_id=organization.id, campaign_id=campaign.id, person_id=p.id))
        if rng.random() < 0.7:
            session.add(
                QuestionnaireResponse(
                    organization_id=organization.id,
                    person_id=p.id,
                    definition_id=needs.id,
                    questionnaire_code="mentee_needs",
                    campaign_id=campaign.id,
                    attempt=1,
                    status="submitted",
                    answers={
                        "category": "young",
                        "need_areas": rng.sample(["subject", "methods", "upbringing", "digital"], 2),
                        "difficulty_level": rng.randint(1, 5),
                        "has_preferred_mentor": False,
                    },
                    skipped=[],
                    started_at=moment(date(YEAR, 9, 5)),
                    submitted_at=moment(date(YEAR, 9, 10)),
                )
            )
    # courses and competitions
    for p in [*school.mentors, *school.mentees]:
        for _ in range(rng.randint(0, 2)):
            session.add(
                GrowthRecord(
                    organization_id=organization.id,
                    person_id=p.id,
                    kind=rng.choice(["course", "competition", "certification"]),
                    title="Курс по ФГОС",
                    held_on=date(YEAR, 9, 1) + timedelta(days=rng.randint(-60, 330)),
                )
            )
    await session.flush()
    return school


async def seed_year(session: AsyncSession, schools: int = 3) -> list[SeededSchool]:
    names = ("гимназия «Интеллект»", "СОШ № 2", "лицей № 6", "СОШ № 9")
    seeded = [await seed_school(session, i + 1, names[i], 1000 + i) for i in range(schools)]
    await session.commit()
    return seeded
