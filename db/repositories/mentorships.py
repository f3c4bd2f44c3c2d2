"""Mentorships: profiles for matching, proposals under row locks (3.7: at most three mentees with one
mentor at the same time, also when two curators act at once), confirmations, decisions and history."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Meeting,
    Mentorship,
    MentorshipEvent,
    MentorshipMember,
    Person,
    Programme,
    QuestionnaireResponse,
)
from db.repositories import banks as banks_repo
from db.repositories.responses import latest_submitted
from domain.banks import MenteeStatus, MentorStatus
from domain.matching import MenteeProfile, MentorProfile
from domain.mentorship import (
    MENTOR_CONSENTS,
    OPEN,
    REPORTS,
    EventAction,
    Form,
    Proposal,
    ProposalProblem,
    Status,
    approver_role,
    check_proposal,
    end_date,
    missing_consents,
)
from domain.roles import Role
from domain.rules import OrgRules

OPEN_VALUES = [s.value for s in OPEN]


def _values(answer: Any) -> frozenset[str]:
    return frozenset(v for v in (answer or []) if isinstance(v, str))


def participants(mentorship: Mentorship) -> list[int]:
    return [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)]


async def mentee_profile(session: AsyncSession, person: Person) -> MenteeProfile:
    response = await latest_submitted(session, person.id, "mentee_needs")
    answers = response.answers if response else {}
    return MenteeProfile(
        person.id,
        person.subjects,
        _values(answers.get("need_areas")),
        _values(answers.get("forms")),
        answers.get("preferred_mentor"),
        person.full_name,
    )


async def load_of(session: AsyncSession, mentor_id: int, *, besides: int | None = None) -> int:
    """Mentees the mentor has in open mentorships (3.7); `besides`: not counting this mentorship."""
    query = (
        select(func.count(MentorshipMember.id))
        .join(Mentorship, Mentorship.id == MentorshipMember.mentorship_id)
        .where(Mentorship.mentor_id == mentor_id, Mentorship.status.in_(OPEN_VALUES))
    )
    if besides is not None:
        query = query.where(Mentorship.id != besides)
    return await session.scalar(query) or 0


async def mentor_profiles(session: AsyncSession, organization_id: int, rules: OrgRules) -> list[MentorProfile]:
    """The approved mentors of the bank, with what still stands before an order: Telegram, consent, survey."""
    profiles = []
    for row in await banks_repo.mentor_bank(session, organization_id, MentorStatus.APPROVED.value):
        answers = row.submitted.answers if row.submitted else {}
        capacity = int(answers.get("capacity") or rules.max_mentees_per_mentor)
        profiles.append(
            MentorProfile(
                person_id=row.person.id,
                full_name=row.person.full_name,
                subjects=answers.get("subjects") or row.person.subjects,
                competencies=_values(answers.get("competencies")),
                forms=_values(answers.get("forms")),
                trained=answers.get("training") in ("recent", "earlier"),
                capacity=min(capacity, rules.max_mentees_per_mentor),
                load=await load_of(session, row.person.id),
                connected=row.person.telegram_user_id is not None,
                consented=not missing_consents(MENTOR_CONSENTS, row.consents),
                surveyed=row.submitted is not None,
            )
        )
    return profiles


async def busy_mentees(session: AsyncSession, mentee_ids: Sequence[int], *, besides: int | None = None) -> set[int]:
    """Which of these mentees already have an open pair or group (other than `besides`)."""
    query = (
        select(MentorshipMember.mentee_id)
        .join(Mentorship, Mentorship.id == MentorshipMember.mentorship_id)
        .where(MentorshipMember.mentee_id.in_(list(mentee_ids)), Mentorship.status.in_(OPEN_VALUES))
    )
    if besides is not None:
        query = query.where(Mentorship.id != besides)
    return set(await session.scalars(query))


async def waiting_mentees(session: AsyncSession, organization_id: int) -> list[tuple[Person, bool]]:
    """Mentees who wait for a mentor (3.7), each with whether a pair is already proposed to them."""
    people = [r.person for r in await banks_repo.mentee_bank(session, organization_id, MenteeStatus.WAITING.value)]
    busy = await busy_mentees(session, [p.id for p in people]) if people else set()
    return [(p, p.id in busy) for p in people]


async def record(
    session: AsyncSession,
    mentorship: Mentorship,
    actor_id: int | None,
    action: EventAction | str,
    from_status: str | None,
    to_status: str | None,
    **details: Any,
) -> None:
    """One line of the history. The action is an `EventAction` (a plain string is checked against it)."""
    session.add(
        MentorshipEvent(
            organization_id=mentorship.organization_id,
            mentorship_id=mentorship.id,
            actor_person_id=actor_id,
            action=EventAction(action).value,
            from_status=from_status,
            to_status=to_status,
            details=details,
        )
    )
    await session.flush()


async def lock_people(session: AsyncSession, organization_id: int, ids: Sequence[int]) -> list[Person]:
    """Lock these people (in id order, so two curators never deadlock); only this school's active staff."""
    return list(
        await session.scalars(
            select(Person)
            .where(
                Person.id.in_(sorted(set(ids))), Person.organization_id == organization_id, Person.is_active.is_(True)
            )
            .order_by(Person.id)
            .with_for_update()
        )
    )


async def check_under_lock(
    session: AsyncSession, organization_id: int, proposal: Proposal, rules: OrgRules, *, besides: int | None = None
) -> ProposalProblem | None:
    """Lock the mentor and the mentees, then count the mentor's open places and the mentees' open mentorships
    under that lock (3.7); `besides`: a mentorship being revised, not counted against itself."""
    ids = {proposal.mentor_id, *proposal.mentee_ids}
    if len(await lock_people(session, organization_id, list(ids))) != len(ids):
        return ProposalProblem.NOT_IN_SCHOOL
    problem = check_proposal(proposal, await load_of(session, proposal.mentor_id, besides=besides), rules)
    if problem is not None:
        return problem
    if await busy_mentees(session, proposal.mentee_ids, besides=besides):
        return ProposalProblem.MENTEE_BUSY
    return None


async def propose(
    session: AsyncSession, organization_id: int, curator_id: int, proposal: Proposal, rules: OrgRules
) -> Mentorship | ProposalProblem:
    """Check 3.7 under row locks, then insert the proposal and its first line of history."""
    problem = await check_under_lock(session, organization_id, proposal, rules)
    if problem is not None:
        return problem
    mentorship = Mentorship(
        organization_id=organization_id,
        mentor_id=proposal.mentor_id,
        form=proposal.form.value,
        months=proposal.months,
        proposed_by_id=curator_id,
        status=Status.PROPOSED.value,
    )
    mentorship.members = [MentorshipMember(organization_id=organization_id, mentee_id=m) for m in proposal.mentee_ids]
    session.add(mentorship)
    await session.flush()
    await record(
        session,
        mentorship,
        curator_id,
        EventAction.PROPOSED,
        None,
        Status.PROPOSED.value,
        mentees=list(proposal.mentee_ids),
        form=proposal.form.value,
        months=proposal.months,
    )
    return mentorship


async def revise(
    session: AsyncSession, mentorship: Mentorship, curator_id: int, form: Form, months: int, now: datetime
) -> None:
    """The curator changed the proposal before the order: everybody is asked again (6.1)."""
    old = {"form": mentorship.form, "months": mentorship.months}
    mentorship.form, mentorship.months, mentorship.comment = form.value, months, None
    mentorship.mentor_confirmed_at = None
    for member in mentorship.members:
        member.confirmed_at = None
    await set_status(
        session,
        mentorship,
        Status.PROPOSED,
        curator_id,
        EventAction.REVISED,
        now,
        old=old,
        form=form.value,
        months=months,
    )


async def get_in_organization(
    session: AsyncSession, organization_id: int, mentorship_id: int, *, lock: bool = False
) -> Mentorship | None:
    query = select(Mentorship).where(Mentorship.id == mentorship_id, Mentorship.organization_id == organization_id)
    return await session.scalar(query.with_for_update() if lock else query)


async def of_organization(
    session: AsyncSession,
    organization_id: int,
    statuses: Sequence[Status] = (),
    *,
    offset: int = 0,
    limit: int = 30,
) -> tuple[list[Mentorship], int]:
    """A page of the school's pairs and groups (newest first), optionally of some statuses, and how many in all."""
    where = [Mentorship.organization_id == organization_id]
    if statuses:
        where.append(Mentorship.status.in_([s.value for s in statuses]))
    count = await session.scalar(select(func.count(Mentorship.id)).where(*where)) or 0
    rows = await session.scalars(
        select(Mentorship).where(*where).order_by(Mentorship.id.desc()).offset(offset).limit(limit)
    )
    return list(rows), count


async def confirm(session: AsyncSession, mentorship: Mentorship, person_id: int, now: datetime) -> bool:
    """The mentor's or a mentee's agreement (6.1). True when this made everybody agree."""
    if person_id == mentorship.mentor_id and mentorship.mentor_confirmed_at is None:
        mentorship.mentor_confirmed_at = now
    for member in mentorship.members:
        if member.mentee_id == person_id and member.confirmed_at is None:
            member.confirmed_at = now
    await record(session, mentorship, person_id, EventAction.CONFIRMED_BY, mentorship.status, mentorship.status)
    if everybody_agreed(mentorship) and mentorship.status == Status.PROPOSED:
        await set_status(session, mentorship, Status.CONFIRMED, person_id, EventAction.ALL_CONFIRMED, now)
        return True
    return False


def everybody_agreed(mentorship: Mentorship) -> bool:
    return mentorship.mentor_confirmed_at is not None and all(m.confirmed_at for m in mentorship.members)


def has_agreed(mentorship: Mentorship, person_id: int) -> bool:
    if person_id == mentorship.mentor_id:
        return mentorship.mentor_confirmed_at is not None
    return any(m.mentee_id == person_id and m.confirmed_at is not None for m in mentorship.members)


async def set_status(
    session: AsyncSession,
    mentorship: Mentorship,
    status: Status,
    actor_id: int | None,
    action: EventAction,
    now: datetime,
    **details: Any,
) -> None:
    previous = mentorship.status
    mentorship.status = status.value
    if status in (Status.APPROVED, Status.RETURNED, Status.DECLINED, Status.CANCELLED):
        mentorship.decided_by_id = actor_id
        mentorship.decided_at = now
    await record(session, mentorship, actor_id, action, previous, status.value, **details)


async def approve(
    session: AsyncSession, mentorship: Mentorship, approver_id: int, order_number: str, order_date: date, now: datetime
) -> None:
    mentorship.order_number = order_number
    mentorship.order_date = order_date
    mentorship.start_date = order_date
    mentorship.end_date = end_date(order_date, mentorship.months)
    mentorship.comment = None
    await set_status(
        session,
        mentorship,
        Status.APPROVED,
        approver_id,
        EventAction.APPROVED_BY_ORDER,
        now,
        order_number=order_number,
        order_date=order_date.isoformat(),
    )
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        if mentee is not None:
            await banks_repo.set_status(session, mentee, "mentee", MenteeStatus.ASSIGNED.value, approver_id)


async def awaiting_order(session: AsyncSession, organization_id: int, role: Role) -> list[Mentorship]:
    """Pairs and groups every participant agreed to, waiting for this role's order (3.3, 3.4, 6.2)."""
    rows = await session.scalars(
        select(Mentorship)
        .where(Mentorship.organization_id == organization_id, Mentorship.status == Status.CONFIRMED.value)
        .order_by(Mentorship.id)
    )
    return [m for m in rows if approver_role(m.form) is role]


async def proposals_to(session: AsyncSession, person_id: int) -> list[Mentorship]:
    """Proposals waiting for this person's agreement (6.1)."""
    rows = await session.scalars(
        select(Mentorship)
        .outerjoin(MentorshipMember, MentorshipMember.mentorship_id == Mentorship.id)
        .where(
            Mentorship.status == Status.PROPOSED.value,
            or_(
                (Mentorship.mentor_id == person_id) & Mentorship.mentor_confirmed_at.is_(None),
                (MentorshipMember.mentee_id == person_id) & MentorshipMember.confirmed_at.is_(None),
            ),
        )
        .order_by(Mentorship.id)
        .distinct()
    )
    return list(rows)


async def history(session: AsyncSession, mentorship_id: int) -> list[MentorshipEvent]:
    return list(
        await session.scalars(
            select(MentorshipEvent).where(MentorshipEvent.mentorship_id == mentorship_id).order_by(MentorshipEvent.id)
        )
    )


async def meetings(session: AsyncSession, mentorship_id: int) -> list[Meeting]:
    return list(
        await session.scalars(
            select(Meeting).where(Meeting.mentorship_id == mentorship_id).order_by(Meeting.held_on, Meeting.id)
        )
    )


async def add_meeting(
    session: AsyncSession, mentorship: Mentorship, held_on: date, meeting_format: str, topic: str, logged_by_id: int
) -> Meeting:
    meeting = Meeting(
        organization_id=mentorship.organization_id,
        mentorship_id=mentorship.id,
        held_on=held_on,
        format=meeting_format,
        topic=topic,
        logged_by_id=logged_by_id,
    )
    session.add(meeting)
    await session.flush()
    await record(
        session,
        mentorship,
        logged_by_id,
        EventAction.MEETING_LOGGED,
        mentorship.status,
        mentorship.status,
        meeting=meeting.id,
        format=meeting_format,
    )
    return meeting


async def complete(
    session: AsyncSession,
    mentorship: Mentorship,
    actor_id: int,
    reason: str,
    comment: str | None,
    on: date,
    now: datetime,
    **details: Any,
) -> None:
    """7.1: the programme ends; the mentees leave the waiting list for good and the reports fall due (3.6)."""
    mentorship.completed_on = on
    mentorship.completion_reason = reason
    mentorship.completion_comment = comment
    await set_status(
        session,
        mentorship,
        Status.COMPLETED,
        actor_id,
        EventAction.COMPLETED,
        now,
        reason=reason,
        early=bool(mentorship.end_date and on < mentorship.end_date),
        **details,
    )
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        if mentee is not None:
            await banks_repo.set_status(session, mentee, "mentee", MenteeStatus.COMPLETED.value, actor_id)


async def reports(session: AsyncSession, mentorship: Mentorship) -> dict[int, QuestionnaireResponse]:
    """Submitted end-of-mentorship reports, by author."""
    rows = await session.scalars(
        select(QuestionnaireResponse)
        .where(
            QuestionnaireResponse.mentorship_id == mentorship.id,
            QuestionnaireResponse.status == "submitted",
            QuestionnaireResponse.questionnaire_code.in_(list(REPORTS.values())),
        )
        .order_by(QuestionnaireResponse.submitted_at)
    )
    return {r.person_id: r for r in rows}


async def programme_status(session: AsyncSession, mentorship_id: int) -> str | None:
    """The programme's status (draft, submitted, acknowledged), or None before the mentor starts it."""
    return await session.scalar(select(Programme.status).where(Programme.mentorship_id == mentorship_id))
