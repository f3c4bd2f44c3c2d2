"""What awaits each role (services/awaiting.py), counted from a seeded school: every line equals what was seeded
for that person, and nothing of another person or another school leaks in."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AccessRequest,
    Campaign,
    CampaignInvitee,
    Mentorship,
    MentorshipChange,
    MentorshipMember,
    Organization,
    Person,
    Programme,
    ProgrammeAcknowledgement,
    ProgrammeItem,
    QuestionnaireResponse,
)
from db.registry import latest_definition
from db.repositories.organizations import create_organization
from db.repositories.people import StaffFields, create_person
from domain.roles import Role
from domain.rules import OrgRules
from services.awaiting import awaiting
from services.outcome import Actor

TODAY = date(2026, 10, 20)
NOW = datetime(2026, 10, 20, 9, tzinfo=UTC)


def actor(person: Person, organization: Organization) -> Actor:
    return Actor(person, organization, OrgRules(), ZoneInfo("Europe/Moscow"), NOW)


async def lines(session: AsyncSession, person: Person, organization: Organization) -> dict[str, int]:
    found = await awaiting(session, actor(person, organization))
    return {line.key: line.count for line in found.lines}


async def test_what_awaits_each_role(session: AsyncSession) -> None:
    school = await create_organization(session, "Гимназия", "Гимназия")
    other = await create_organization(session, "СОШ № 2", "СОШ № 2")

    async def someone(name: str, roles: list[Role], start: date | None = None, org: Organization = school) -> Person:
        return await create_person(session, org.id, StaffFields(name, "Учитель", None, start, 1), roles)

    director = await someone("Смирнова Ольга Викторовна", [Role.DIRECTOR])
    department = await someone("Зайцева Марина Юрьевна", [Role.DEPARTMENT])
    curator = await someone("Литвина Татьяна Викторовна", [Role.CURATOR])
    mentor = await someone("Мороз Андрей Иванович", [Role.MENTOR])
    paired = [await someone(f"Ким Дарья Номер{i}", [Role.MENTEE], date(2026, 9, 1)) for i in range(4)]
    await someone("Орлова Мария Дмитриевна", [Role.MENTEE], date(2026, 9, 22))  # 3.7: due 22.10, 2 days
    await someone("Волков Игорь Сергеевич", [Role.MENTEE], date(2026, 9, 10))  # due 10.10: passed
    await someone("Белова Наталья Сергеевна", [Role.MENTEE], date(2025, 9, 10))  # passed a year ago: not counted
    await someone("Чужая Анна Андреевна", [Role.MENTEE], date(2026, 9, 22), org=other)
    await someone("Архивная Анна Андреевна", [Role.MENTEE], date(2026, 9, 22))
    archived = await someone("Ушедшая Анна Андреевна", [Role.MENTEE], date(2026, 9, 22))
    archived.is_active = False

    def pair(status: str, form: str = "traditional", *, ordered: bool = False) -> Mentorship:
        order = {"order_number": "1-В", "order_date": date(2026, 9, 5), "start_date": date(2026, 9, 5)}
        return Mentorship(
            organization_id=school.id, mentor_id=mentor.id, form=form, months=6, status=status,
            **(order if ordered else {}),
        )  # fmt: skip

    pairs = [
        pair("confirmed"),
        pair("confirmed", form="director_teacher"),
        pair("returned"),
        pair("approved", ordered=True),
        pair("completed", ordered=True),
        pair("approved", ordered=True),
    ]
    session.add_all(pairs)
    await session.flush()
    for mentorship, mentee in zip(pairs, [*paired, paired[3], paired[2]], strict=True):
        session.add(MentorshipMember(organization_id=school.id, mentorship_id=mentorship.id, mentee_id=mentee.id))
    # a replacement agreed by everybody, waiting for the director's order (3.8)
    session.add(
        MentorshipChange(
            organization_id=school.id,
            mentorship_id=pairs[3].id,
            kind="replace",
            status="agreed",
            new_mentor_id=mentor.id,
        )
    )
    # a completion put to the director's order by the curator (7.1), and one already returned to the curator
    for status in ("agreed", "returned"):
        session.add(
            MentorshipChange(
                organization_id=school.id, mentorship_id=pairs[5].id, kind="complete", status=status,
                reason="fulfilled",
            )
        )  # fmt: skip
    # pair 3: the programme is submitted, not acknowledged by its mentee; one activity done, one returned
    programme = Programme(organization_id=school.id, mentorship_id=pairs[3].id, status="submitted")
    session.add(programme)
    await session.flush()
    for status in ("done", "done", "returned", "accepted"):
        session.add(
            ProgrammeItem(
                organization_id=school.id, programme_id=programme.id, kind="study", title="Урок",
                due_date=date(2026, 10, 1), expected_result="Конспект", status=status,
            )
        )  # fmt: skip
    session.add(AccessRequest(organization_id=school.id, telegram_user_id=1, full_name="А Б В", position="Учитель"))
    session.add(AccessRequest(organization_id=other.id, telegram_user_id=2, full_name="Г Д Е", position="Учитель"))
    # the needs questionnaire went to paired[0] and paired[1]; paired[1] answered it
    needs = await latest_definition(session, "mentee_needs")
    assert needs is not None
    campaign = Campaign(
        organization_id=school.id, questionnaire_code="mentee_needs", audience="chosen", school_year=2026,
        due_date=date(2026, 10, 30),
    )  # fmt: skip
    session.add(campaign)
    await session.flush()
    for mentee in paired[:2]:
        session.add(CampaignInvitee(organization_id=school.id, campaign_id=campaign.id, person_id=mentee.id))
    session.add(
        QuestionnaireResponse(
            organization_id=school.id, person_id=paired[1].id, definition_id=needs.id,
            questionnaire_code="mentee_needs", campaign_id=campaign.id, attempt=1, status="submitted", answers={},
        )
    )  # fmt: skip
    await session.commit()

    assert await lines(session, director, school) == {
        "await-director-pairs": 1,
        "await-director-replacements": 1,
        "await-director-completions": 1,  # was missing: a completion waited for the order unseen in the menu
    }
    assert await lines(session, department, school) == {"await-department-pairs": 1}
    # mentees without a mentorship: near (due in 2 days), late (10.10 passed this year); paired ones have one
    assert await lines(session, curator, school) == {
        "await-curator-requests": 1,
        "await-curator-deadline-near": 2,  # Орлова and «Архивная» (active); «Ушедшая» is archived
        "await-curator-deadline-passed": 1,
        "await-curator-returned": 1,
        "await-curator-needs": 6,  # paired[2], paired[3], near, late, Белова, «Архивная»: never invited nor answered
    }
    assert await lines(session, mentor, school) == {
        "await-mentor-programme": 1,  # pair 6, approved, no programme
        "await-mentor-check": 2,
        "await-mentor-report": 1,  # pair 5, completed, no mentor's report
    }
    assert await lines(session, paired[0], school) == {"await-any-questionnaire": 1}
    assert await lines(session, paired[1], school) == {}
    assert await lines(session, paired[3], school) == {
        "await-mentee-acknowledge": 1,
        "await-mentee-returned": 1,
        "await-mentee-report": 1,
    }
    session.add(ProgrammeAcknowledgement(organization_id=school.id, programme_id=programme.id, mentee_id=paired[3].id))
    await session.commit()
    assert "await-mentee-acknowledge" not in await lines(session, paired[3], school)
