import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.engine import session_factory
from db.models import AccessRequest, InviteCode, Person
from db.repositories import access_requests as requests_repo
from db.repositories.invites import issue_invite, redeem_invite
from db.repositories.organizations import create_organization, ensure_default_organization
from db.repositories.people import StaffFields, create_person, get_by_telegram, get_in_organization
from domain.invites import InviteProblem, hash_invite_code
from domain.roles import Role


async def _person(session: AsyncSession, name: str = "Иванова Анна Андреевна", roles=(Role.MENTOR,)) -> Person:
    school = await ensure_default_organization(session)
    person = await create_person(session, school.id, StaffFields(name, "Учитель"), roles)
    await session.commit()
    return person


async def test_invite_is_stored_hashed_and_links_once(session: AsyncSession) -> None:
    person = await _person(session)
    invite = await issue_invite(session, person, ttl_days=14)
    await session.commit()
    stored = await session.scalar(select(InviteCode))
    assert stored is not None and stored.code_hash == hash_invite_code(invite.code)
    assert invite.code not in stored.code_hash

    linked = await redeem_invite(session, invite.code, 777)
    await session.commit()
    assert isinstance(linked, Person) and linked.telegram_user_id == 777
    assert await redeem_invite(session, invite.code, 888) is InviteProblem.USED
    await session.rollback()
    again = await get_by_telegram(session, 777)
    assert again is not None and again.role_set == {Role.MENTOR}
    assert await get_by_telegram(session, 888) is None


async def test_expired_unknown_and_revoked_codes(session: AsyncSession) -> None:
    person = await _person(session)
    person_id = person.id
    first = await issue_invite(session, person, ttl_days=14)
    second = await issue_invite(session, person, ttl_days=14)  # revokes the first
    await session.commit()
    assert await redeem_invite(session, first.code, 1) is InviteProblem.REVOKED
    assert await redeem_invite(session, "A" * 22, 1) is InviteProblem.UNKNOWN
    later = datetime.now(UTC) + timedelta(days=15)
    assert await redeem_invite(session, second.code, 1, now=later) is InviteProblem.EXPIRED
    await session.rollback()
    session.expunge_all()
    assert (await session.get(Person, person_id)).telegram_user_id is None  # type: ignore[union-attr]


async def test_two_simultaneous_redemptions_link_one_account(session: AsyncSession, clean_db: AsyncEngine) -> None:
    person = await _person(session)
    invite = await issue_invite(session, person, ttl_days=14)
    await session.commit()
    sessions = session_factory(clean_db)

    async def attempt(telegram_id: int) -> object:
        async with sessions() as own:
            result = await redeem_invite(own, invite.code, telegram_id)
            await own.commit()
            return result

    results = await asyncio.gather(attempt(501), attempt(502))
    assert sum(isinstance(r, Person) for r in results) == 1
    assert InviteProblem.USED in results
    session.expunge_all()
    linked = await session.get(Person, person.id)
    assert linked is not None and linked.telegram_user_id in (501, 502)


async def test_access_request_is_decided_once(session: AsyncSession, clean_db: AsyncEngine) -> None:
    school = await ensure_default_organization(session)
    curator = await _person(session, "Кузнецова Елена Павловна", (Role.CURATOR,))
    request = await requests_repo.submit_request(session, school.id, 900, "Петров Пётр Петрович", "Учитель")
    # a second submission while pending updates the same request
    again = await requests_repo.submit_request(session, school.id, 900, "Петров Пётр Петрович", "Учитель химии")
    await session.commit()
    assert again.id == request.id and again.position == "Учитель химии"

    sessions = session_factory(clean_db)

    async def decide(approved: bool) -> object:
        async with sessions() as own:
            closed = await requests_repo.close_request(
                own, school.id, request.id, approved=approved, decided_by_id=curator.id
            )
            await own.commit()
            return closed

    results = await asyncio.gather(decide(True), decide(False))
    assert sum(r is not None for r in results) == 1
    session.expunge_all()
    final = await session.get(AccessRequest, request.id)
    assert final is not None and final.status in ("approved", "rejected")


async def test_another_school_cannot_reach_a_request_or_a_person(session: AsyncSession) -> None:
    school = await ensure_default_organization(session)
    other = await create_organization(session, "Другая школа", "СОШ № 2")
    person = await _person(session)
    request = await requests_repo.submit_request(session, school.id, 901, "Петров Пётр Петрович", "Учитель")
    await session.commit()
    assert await get_in_organization(session, other.id, person.id) is None
    assert await requests_repo.get_in_organization(session, other.id, request.id) is None
    assert (
        await requests_repo.close_request(session, other.id, request.id, approved=True, decided_by_id=person.id) is None
    )


async def test_relinking_a_telegram_account_moves_it(session: AsyncSession) -> None:
    first = await _person(session, "Иванова Анна Андреевна")
    second = await _person(session, "Петрова Ирина Олеговна")
    await session.execute(update(Person).where(Person.id == first.id).values(telegram_user_id=55))
    await session.commit()
    invite = await issue_invite(session, second, ttl_days=1)
    assert isinstance(await redeem_invite(session, invite.code, 55), Person)
    await session.commit()
    session.expunge_all()
    assert (await session.get(Person, first.id)).telegram_user_id is None  # type: ignore[union-attr]
    assert (await get_by_telegram(session, 55)).id == second.id  # type: ignore[union-attr]
