"""Mentorships: profiles for matching, proposals under row locks (3.7: at most three mentees with one
mentor at the same time, also when two curators act at once), confirmations, decisions and history."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Meeting, Mentorship, MentorshipEvent, MentorshipMember, Person, QuestionnaireResponse
from db.repositories import banks as banks_repo
from db.repositories.responses import latest_submitted
from domain.banks import MenteeStatus, MentorStatus
from domain.matching import MenteeProfile, MentorProfile
from domain.mentorship import OPEN, Proposal, ProposalProblem, Status, check_proposal, end_date
from domain.rules import OrgRules

OPEN_VALUES = [s.value for s in OPEN]


def _values(answer: Any) -> frozenset[str]:
    return frozenset(v for v in (answer or []) if isinstance(v, str))


async def mentee_profile(session: AsyncSession, person: Person) -> MenteeProfile:
    response = await latest_submitted(session, person.id, "mentee_needs")
    answers = response.answers if response else {}
    return MenteeProfile(
        person.id,
        person.subjects,
        _values(answers.get("need_areas")),
        _values(answers.get("forms")),
        answers.get("preferred_mentor"),
    )


async def load_of(session: AsyncSession, mentor_id: int) -> int:
    return (
        await session.scalar(
            select(func.count(MentorshipMember.id))
            .join(Mentorship, Mentorship.id == MentorshipMember.mentorship_id)
            .where(Mentorship.mentor_id == mentor_id, Mentorship.status.in_(OPEN_VALUES))
        )
        or 0
    )


async def mentor_profiles(session: AsyncSession, organization_id: int, rules: OrgRules) -> list[MentorProfile]:
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
            )
        )
    return profiles


async def record(
    session: AsyncSession,
    mentorship: Mentorship,
    actor_id: int | None,
    action: str,
    from_status: str | None,
    to_status: str | None,
    **details: Any,
) -> None:
    session.add(
        MentorshipEvent(
            organization_id=mentorship.organization_id,
            mentorship_id=mentorship.id,
            actor_person_id=actor_id,
            action=action,
            from_status=from_status,
            to_status=to_status,
            details=details,
        )
    )
    await session.flush()


async def propose(
    session: AsyncSession, organization_id: int, curator_id: int, proposal: Proposal, rules: OrgRules
) -> Mentorship | ProposalProblem:
    """Lock the mentor and the mentees (in id order, so two curators never deadlock), count the mentor's
    open places and the mentees' open mentorships under that lock, then insert."""
    ids = sorted({proposal.mentor_id, *proposal.mentee_ids})
    locked = list(
        await session.scalars(
            select(Person)
            .where(Person.id.in_(ids), Person.organization_id == organization_id, Person.is_active.is_(True))
            .order_by(Person.id)
            .with_for_update()
        )
    )
    if len(locked) != len(ids):
        return ProposalProblem.NO_MENTEES
    problem = check_proposal(proposal, await load_of(session, proposal.mentor_id), rules)
    if problem is not None:
        return problem
    busy = await session.scalar(
        select(func.count(MentorshipMember.id))
        .join(Mentorship, Mentorship.id == MentorshipMember.mentorship_id)
        .where(MentorshipMember.mentee_id.in_(proposal.mentee_ids), Mentorship.status.in_(OPEN_VALUES))
    )
    if busy:
        return ProposalProblem.MENTEE_BUSY
    mentorship = Mentorship(
        organization_id=organization_id,
        mentor_id=proposal.mentor_id,
        form=proposal.form.value,
        months=proposal.months,
        proposed_by_id=curator_id,
    )
    mentorship.members = [MentorshipMember(organization_id=organization_id, mentee_id=m) for m in proposal.mentee_ids]
    session.add(mentorship)
    await session.flush()
    await record(
        session,
        mentorship,
        curator_id,
        "proposed",
        None,
        Status.PROPOSED.value,
        mentees=list(proposal.mentee_ids),
        form=proposal.form.value,
        months=proposal.months,
    )
    return mentorship


async def get_in_organization(
    session: AsyncSession, organization_id: int, mentorship_id: int, *, lock: bool = False
) -> Mentorship | None:
    query = select(Mentorship).where(Mentorship.id == mentorship_id, Mentorship.organization_id == organization_id)
    return await session.scalar(query.with_for_update() if lock else query)


async def of_organization(session: AsyncSession, organization_id: int) -> list[Mentorship]:
    return list(
        await session.scalars(
            select(Mentorship)
            .where(Mentorship.organization_id == organization_id)
            .order_by(Mentorship.id.desc())
            .limit(30)
        )
    )


async def confirm(session: AsyncSession, mentorship: Mentorship, person_id: int) -> bool:
    """The mentor's or a mentee's agreement (6.1). True when this made everybody agree."""
    now = datetime.now(UTC)
    if person_id == mentorship.mentor_id and mentorship.mentor_confirmed_at is None:
        mentorship.mentor_confirmed_at = now
    for member in mentorship.members:
        if member.mentee_id == person_id and member.confirmed_at is None:
            member.confirmed_at = now
    await record(session, mentorship, person_id, "confirmed_by", mentorship.status, mentorship.status)
    everybody = mentorship.mentor_confirmed_at is not None and all(m.confirmed_at for m in mentorship.members)
    if everybody and mentorship.status == Status.PROPOSED:
        await set_status(session, mentorship, Status.CONFIRMED, person_id, "all_confirmed")
        return True
    return False


async def set_status(
    session: AsyncSession, mentorship: Mentorship, status: Status, actor_id: int | None, action: str, **details: Any
) -> None:
    previous = mentorship.status
    mentorship.status = status.value
    if status in (Status.APPROVED, Status.RETURNED, Status.DECLINED):
        mentorship.decided_by_id = actor_id
        mentorship.decided_at = datetime.now(UTC)
    await record(session, mentorship, actor_id, action, previous, status.value, **details)


async def approve(
    session: AsyncSession, mentorship: Mentorship, approver_id: int, order_number: str, order_date: date
) -> None:
    mentorship.order_number = order_number
    mentorship.order_date = order_date
    mentorship.start_date = order_date
    mentorship.end_date = end_date(order_date, mentorship.months)
    await set_status(
        session,
        mentorship,
        Status.APPROVED,
        approver_id,
        "approved_by_order",
        order_number=order_number,
        order_date=order_date.isoformat(),
    )
    for member in mentorship.members:
        mentee = await session.get(Person, member.mentee_id)
        if mentee is not None:
            await banks_repo.set_status(session, mentee, "mentee", MenteeStatus.ASSIGNED.value, approver_id)


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
        "meeting_logged",
        mentorship.status,
        mentorship.status,
        meeting=meeting.id,
        format=meeting_format,
    )
    return meeting


async def complete(
    session: AsyncSession, mentorship: Mentorship, actor_id: int, reason: str, comment: str | None, on: date
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
        "completed",
        reason=reason,
        early=bool(mentorship.end_date and on < mentorship.end_date),
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
            QuestionnaireResponse.questionnaire_code.in_(["mentor_report", "mentee_report"]),
        )
        .order_by(QuestionnaireResponse.submitted_at)
    )
    return {r.person_id: r for r in rows}
