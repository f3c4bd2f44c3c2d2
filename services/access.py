"""«Заявка на доступ»: somebody without an invite says who they are and since when they work at the school (the
30 days of 3.7 run from that date, and «новые сотрудники» are counted by it); the school's curators decide.
Closing a request is one conditional UPDATE, so a double click or two curators at once decide it once."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AccessRequest, Person
from db.repositories import access_requests as repo
from db.repositories.audit import record_event
from db.repositories.organizations import get_organization
from db.repositories.people import (
    StaffFields,
    active_with_role,
    add_role,
    create_person,
    get_by_telegram,
    link_telegram,
)
from domain.access import RequestStatus
from domain.dates import check_work_start
from domain.roles import Role, curator_may_grant
from domain.validation import InputError
from services.onboarding import on_connected
from services.outcome import Actor, Notice, Open, Outcome, Refused


async def request_access(
    session: AsyncSession,
    telegram_user_id: int,
    organization_id: int,
    full_name: str,
    position: str,
    work_start_date: date | None,
    today: date,
    *,
    username: str | None = None,
) -> Outcome[AccessRequest]:
    """One open request per account and school (a repeated one updates it); every curator of the school is told."""
    organization = await get_organization(session, organization_id)
    if organization is None:
        raise Refused("access-school-gone")
    if work_start_date is not None:
        try:
            check_work_start(work_start_date, today)
        except InputError as error:
            raise Refused(f"input-{error.code}", **error.params) from error
    request = await repo.submit_request(
        session, organization.id, telegram_user_id, full_name, position, work_start_date
    )
    await record_event(
        session, "access_requested", organization_id=organization.id, telegram_user_id=telegram_user_id,
        request_id=request.id,
    )  # fmt: skip
    await session.commit()
    curators = await active_with_role(session, organization.id, Role.CURATOR)
    notices = [
        Notice(
            curator.id,
            "review-new-notice",
            {"name": full_name, "position": position, "username": username or "none"},
            buttons=(Open("access_request", request.id),),
        )
        for curator in curators
    ]
    return Outcome(request, notices)


async def _pending(session: AsyncSession, actor: Actor, request_id: int) -> AccessRequest:
    if not actor.has(Role.CURATOR):
        raise Refused("denied")
    request = await repo.get_in_organization(session, actor.organization.id, request_id)
    if request is None:
        raise Refused("review-not-found")
    if request.status != RequestStatus.PENDING:
        raise Refused("review-already-decided", status=request.status)
    return request


@dataclass(frozen=True)
class Approved:
    person: Person
    role: Role
    telegram_user_id: int


async def approve_request(session: AsyncSession, actor: Actor, request_id: int, role_value: str) -> Outcome[Approved]:
    """The applicant gets a staff record with the role the curator chose (mentor, mentee or the council's member:
    3.3–3.5), their account linked to it, and their start of work from the request."""
    role = curator_may_grant(role_value)
    if role is None:
        await record_event(
            session, "access_denied", organization_id=actor.organization.id, actor_person_id=actor.person.id,
            telegram_user_id=actor.person.telegram_user_id, data=f"approve:{role_value}"[:64],
            reason="role not grantable",
        )  # fmt: skip
        await session.commit()
        raise Refused("denied")
    await _pending(session, actor, request_id)
    request = await repo.close_request(
        session, actor.organization.id, request_id, approved=True, decided_by_id=actor.person.id, now=actor.now
    )
    if request is None:  # decided a moment ago by another click or another curator
        raise Refused("review-already-decided", status=RequestStatus.APPROVED)
    applicant = await get_by_telegram(session, request.telegram_user_id)
    if applicant is None or applicant.organization_id != actor.organization.id:
        applicant = await create_person(
            session,
            actor.organization.id,
            StaffFields(
                full_name=request.full_name or "", position=request.position, work_start_date=request.work_start_date
            ),
            [role],
        )
        await link_telegram(session, applicant, request.telegram_user_id, now=actor.now)
    else:
        await add_role(session, applicant, role)
    request.person_id = applicant.id
    await record_event(
        session, "access_approved", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        request_id=request.id, person_id=applicant.id, role=role.value,
    )  # fmt: skip
    waiting = await on_connected(session, applicant)
    await session.commit()
    notices = [
        Notice(
            applicant.id,
            "access-approved",
            {"curator": actor.person.full_name, "role": role.value},
            buttons=(Open("menu", label="open-menu"),),
        ),
        *waiting,
    ]
    return Outcome(Approved(applicant, role, request.telegram_user_id), notices)


@dataclass(frozen=True)
class Rejected:
    full_name: str
    telegram_user_id: int


async def reject_request(session: AsyncSession, actor: Actor, request_id: int) -> Outcome[Rejected]:
    """The request's name, position and date are erased (152-FZ: data no longer needed). The applicant has no
    staff record, so the front end tells them by their account (`value.telegram_user_id`)."""
    await _pending(session, actor, request_id)
    request = await repo.close_request(
        session, actor.organization.id, request_id, approved=False, decided_by_id=actor.person.id, now=actor.now
    )
    if request is None:
        raise Refused("review-already-decided", status=RequestStatus.REJECTED)
    name = request.full_name or ""
    repo.erase_personal_data(request)
    await record_event(
        session, "access_rejected", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        request_id=request.id,
    )  # fmt: skip
    await session.commit()
    return Outcome(Rejected(name, request.telegram_user_id))
