"""3.7 under concurrency: at most three mentees with one mentor at the same time, whatever the timing."""

import asyncio

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.engine import session_factory
from db.models import Mentorship, MentorshipEvent, MentorshipMember
from db.repositories import mentorships as repo
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person
from domain.mentorship import Form, Proposal, ProposalProblem
from domain.roles import Role
from domain.rules import OrgRules

RULES = OrgRules()


async def people(session: AsyncSession, count: int) -> tuple[int, int, list[int]]:
    school = await ensure_default_organization(session)
    curator = await create_person(session, school.id, StaffFields("Кузнецова Елена Павловна"), [Role.CURATOR])
    mentor = await create_person(session, school.id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
    mentees = [
        (await create_person(session, school.id, StaffFields(f"Наставляемый Номер {i}"), [Role.MENTEE])).id
        for i in range(count)
    ]
    await session.commit()
    return curator.id, mentor.id, mentees


async def test_a_fourth_mentee_is_refused(session: AsyncSession) -> None:
    curator, mentor, mentees = await people(session, 4)
    school = (await ensure_default_organization(session)).id
    group = await repo.propose(session, school, curator, Proposal(mentor, tuple(mentees[:3]), Form.GROUP, 6), RULES)
    assert isinstance(group, Mentorship)
    fourth = await repo.propose(session, school, curator, Proposal(mentor, (mentees[3],), Form.TRADITIONAL, 6), RULES)
    assert fourth is ProposalProblem.CAPACITY
    twice = await repo.propose(
        session, school, curator, Proposal(mentees[3], (mentees[0],), Form.TRADITIONAL, 6), RULES
    )
    assert twice is ProposalProblem.MENTEE_BUSY
    await session.commit()
    events = list(await session.scalars(select(MentorshipEvent)))
    assert [(e.action, e.to_status) for e in events] == [("proposed", "proposed")]


async def test_two_curators_at_once_cannot_overfill_a_mentor(clean_db: AsyncEngine) -> None:
    sessions = session_factory(clean_db)
    async with sessions() as session:
        curator, mentor, mentees = await people(session, 4)
        school = (await ensure_default_organization(session)).id
        first = await repo.propose(
            session, school, curator, Proposal(mentor, (mentees[0],), Form.TRADITIONAL, 6), RULES
        )
        assert isinstance(first, Mentorship)
        await session.commit()

    async def attempt(pair: tuple[int, int]) -> object:
        async with sessions() as own:
            result = await repo.propose(own, school, curator, Proposal(mentor, pair, Form.GROUP, 6), RULES)
            await asyncio.sleep(0.2)  # hold the lock a while: the other curator must wait, not overtake
            await own.commit()
            return result

    results = await asyncio.gather(attempt((mentees[1], mentees[2])), attempt((mentees[2], mentees[3])))
    assert sum(isinstance(r, Mentorship) for r in results) == 1
    assert ProposalProblem.CAPACITY in results or ProposalProblem.MENTEE_BUSY in results
    async with sessions() as session:
        load = await session.scalar(
            select(func.count(MentorshipMember.id)).join(Mentorship).where(Mentorship.mentor_id == mentor)
        )
    assert load == 3


async def test_the_database_refuses_what_the_regulation_forbids(session: AsyncSession) -> None:
    _curator, mentor, _mentees = await people(session, 1)
    school = (await ensure_default_organization(session)).id
    for bad in ({"months": 13}, {"form": "podcast"}, {"status": "approved"}):  # 3.7, 2.3, 3.4: no order, no approval
        values = {"organization_id": school, "mentor_id": mentor, "form": "traditional", "months": 6, **bad}
        session.add(Mentorship(**values))
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
        else:
            raise AssertionError(f"accepted {bad}")
    assert await session.scalar(select(func.count()).select_from(Mentorship)) == 0
