"""Changes of a running mentorship: by mutual agreement (7.2) and the replacement of the mentor (3.8)."""

from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, Person, Programme, ProgrammeAcknowledgement
from db.repositories.mentorships import load_of, record
from domain.mentorship import end_date
from domain.programme import ProgrammeStatus
from domain.rules import OrgRules


def participants(mentorship: Mentorship) -> list[int]:
    return [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)]


async def open_change(session: AsyncSession, mentorship: Mentorship, kind: str) -> MentorshipChange | None:
    return await session.scalar(
        select(MentorshipChange).where(
            MentorshipChange.mentorship_id == mentorship.id,
            MentorshipChange.kind == kind,
            MentorshipChange.status.in_(["pending", "agreed"]),
        )
    )


async def request(
    session: AsyncSession,
    mentorship: Mentorship,
    kind: str,
    requester_id: int,
    *,
    months: int | None = None,
    new_mentor_id: int | None = None,
    reason: str | None = None,
) -> MentorshipChange:
    change = MentorshipChange(
        organization_id=mentorship.organization_id,
        mentorship_id=mentorship.id,
        kind=kind,
        months=months,
        new_mentor_id=new_mentor_id,
        reason=reason,
        requested_by_id=requester_id,
        agreed_ids=[requester_id],
    )
    session.add(change)
    await session.flush()
    await record(
        session,
        mentorship,
        requester_id,
        f"{kind}_requested",
        mentorship.status,
        mentorship.status,
        change=change.id,
        months=months,
        new_mentor=new_mentor_id,
        reason=reason,
    )
    return change


async def agree(
    session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, person_id: int, needed: list[int]
) -> bool:
    """Record one agreement; True when everybody in `needed` has agreed."""
    if person_id not in change.agreed_ids:
        change.agreed_ids = [*change.agreed_ids, person_id]
    await record(
        session, mentorship, person_id, f"{change.kind}_agreed", mentorship.status, mentorship.status, change=change.id
    )
    if set(needed) <= set(change.agreed_ids) and change.status == "pending":
        change.status = "agreed"
        change.decided_at = datetime.now(UTC)
        return True
    return False


async def decline(session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, person_id: int) -> None:
    change.status = "declined"
    change.decided_at = datetime.now(UTC)
    await record(
        session,
        mentorship,
        person_id,
        f"{change.kind}_declined",
        mentorship.status,
        mentorship.status,
        change=change.id,
    )


async def extend(session: AsyncSession, change: MentorshipChange, mentorship: Mentorship) -> None:
    """7.2: the longer period by mutual agreement."""
    assert change.months and mentorship.start_date
    old = mentorship.end_date
    mentorship.months = change.months
    mentorship.end_date = end_date(mentorship.start_date, change.months)
    await record(
        session,
        mentorship,
        None,
        "extended",
        mentorship.status,
        mentorship.status,
        change=change.id,
        old_end=old.isoformat() if old else None,
        new_end=mentorship.end_date.isoformat(),
    )


async def reopen_programme(session: AsyncSession, change: MentorshipChange, mentorship: Mentorship) -> None:
    """7.2: the programme goes back to the mentor for correction; the mentees will acknowledge it again."""
    programme = await session.scalar(select(Programme).where(Programme.mentorship_id == mentorship.id))
    if programme is not None:
        programme.status = ProgrammeStatus.DRAFT.value
        programme.acknowledged_at = None
        await session.execute(
            delete(ProgrammeAcknowledgement).where(ProgrammeAcknowledgement.programme_id == programme.id)
        )
    await record(
        session, mentorship, None, "programme_reopened", mentorship.status, mentorship.status, change=change.id
    )


async def new_mentor_fits(session: AsyncSession, mentorship: Mentorship, new_mentor_id: int, rules: OrgRules) -> bool:
    """3.7 under a lock on the new mentor: their load plus these mentees stays within the maximum."""
    await session.scalar(select(Person.id).where(Person.id == new_mentor_id).with_for_update())
    pending = (
        await session.scalar(
            select(func.count(MentorshipChange.id)).where(
                MentorshipChange.new_mentor_id == new_mentor_id,
                MentorshipChange.kind == "replace",
                MentorshipChange.status.in_(["pending", "agreed"]),
            )
        )
        or 0
    )
    load = await load_of(session, new_mentor_id) + pending
    return load + len(mentorship.members) <= rules.max_mentees_per_mentor


async def replace(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    approver_id: int,
    number: str,
    order_date: date,
) -> int:
    """3.8: replaced by order; the old mentor stays in the history."""
    assert change.new_mentor_id
    old = mentorship.mentor_id
    mentorship.mentor_id = change.new_mentor_id
    mentorship.mentor_confirmed_at = datetime.now(UTC)
    change.status = "approved"
    change.decided_at = datetime.now(UTC)
    await record(
        session,
        mentorship,
        approver_id,
        "mentor_replaced",
        mentorship.status,
        mentorship.status,
        change=change.id,
        old_mentor=old,
        new_mentor=change.new_mentor_id,
        reason=change.reason,
        order_number=number,
        order_date=order_date.isoformat(),
    )
    return old


async def change_in_organization(
    session: AsyncSession, organization_id: int, change_id: int
) -> MentorshipChange | None:
    return await session.scalar(
        select(MentorshipChange)
        .where(MentorshipChange.id == change_id, MentorshipChange.organization_id == organization_id)
        .with_for_update()
    )
