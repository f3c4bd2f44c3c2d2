"""Changes of a running mentorship: by mutual agreement (7.2), the replacement of the mentor (3.8) and the
completion (7.1), the last two fixed by order."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, MentorshipMember, Person, Programme, ProgrammeAcknowledgement
from db.repositories.mentorships import load_of, participants, record
from domain.mentorship import (
    OPEN_CHANGE,
    ChangeKind,
    ChangeStatus,
    EventAction,
    agreed,
    approver_role,
    declined,
    end_date,
    requested,
    returned,
)
from domain.programme import ProgrammeStatus
from domain.roles import Role
from domain.rules import OrgRules

OPEN_CHANGE_VALUES = [s.value for s in OPEN_CHANGE]

__all__ = ["participants"]


async def open_change(session: AsyncSession, mentorship: Mentorship, kind: ChangeKind) -> MentorshipChange | None:
    return await session.scalar(
        select(MentorshipChange).where(
            MentorshipChange.mentorship_id == mentorship.id,
            MentorshipChange.kind == kind.value,
            MentorshipChange.status.in_(OPEN_CHANGE_VALUES),
        )
    )


async def open_changes(session: AsyncSession, mentorship_id: int) -> list[MentorshipChange]:
    return list(
        await session.scalars(
            select(MentorshipChange)
            .where(MentorshipChange.mentorship_id == mentorship_id, MentorshipChange.status.in_(OPEN_CHANGE_VALUES))
            .order_by(MentorshipChange.id)
        )
    )


async def request(
    session: AsyncSession,
    mentorship: Mentorship,
    kind: ChangeKind,
    requester_id: int,
    *,
    status: ChangeStatus = ChangeStatus.PENDING,
    months: int | None = None,
    new_mentor_id: int | None = None,
    reason: str | None = None,
    comment: str | None = None,
) -> MentorshipChange:
    change = MentorshipChange(
        organization_id=mentorship.organization_id,
        mentorship_id=mentorship.id,
        kind=kind.value,
        months=months,
        new_mentor_id=new_mentor_id,
        old_mentor_id=mentorship.mentor_id if kind is ChangeKind.REPLACE else None,
        reason=reason,
        comment=comment,
        requested_by_id=requester_id,
        agreed_ids=[requester_id],
        status=status.value,
    )
    session.add(change)
    await session.flush()
    details: dict[str, Any] = {"change": change.id}
    details.update({k: v for k, v in {"months": months, "new_mentor": new_mentor_id, "reason": reason}.items() if v})
    await record(session, mentorship, requester_id, requested(kind), mentorship.status, mentorship.status, **details)
    return change


async def agree(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    person_id: int,
    needed: list[int],
    now: datetime,
) -> bool:
    """Record one agreement; True when everybody in `needed` has agreed."""
    if person_id not in change.agreed_ids:
        change.agreed_ids = [*change.agreed_ids, person_id]
    kind = ChangeKind(change.kind)
    await record(session, mentorship, person_id, agreed(kind), mentorship.status, mentorship.status, change=change.id)
    if set(needed) <= set(change.agreed_ids) and change.status == ChangeStatus.PENDING:
        change.status = ChangeStatus.AGREED.value
        change.decided_at = now
        return True
    return False


async def decline(
    session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, person_id: int, now: datetime
) -> None:
    change.status = ChangeStatus.DECLINED.value
    change.decided_at = now
    change.decided_by_id = person_id
    kind = ChangeKind(change.kind)
    await record(session, mentorship, person_id, declined(kind), mentorship.status, mentorship.status, change=change.id)


async def return_change(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    approver_id: int,
    comment: str,
    now: datetime,
) -> None:
    """The director returned a replacement or a completion with a comment; the curator may start it again."""
    change.status = ChangeStatus.RETURNED.value
    change.return_comment = comment
    change.decided_at = now
    change.decided_by_id = approver_id
    kind = ChangeKind(change.kind)
    await record(
        session, mentorship, approver_id, returned(kind), mentorship.status, mentorship.status, change=change.id,
        comment=comment,
    )  # fmt: skip


async def cancel(
    session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, curator_id: int, now: datetime
) -> None:
    change.status = ChangeStatus.CANCELLED.value
    change.decided_at = now
    change.decided_by_id = curator_id
    await record(
        session, mentorship, curator_id, EventAction.REPLACE_CANCELLED, mentorship.status, mentorship.status,
        change=change.id,
    )  # fmt: skip


async def extend(session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, now: datetime) -> None:
    """7.2: the longer period by mutual agreement."""
    assert change.months and mentorship.start_date
    old = mentorship.end_date
    mentorship.months = change.months
    mentorship.end_date = end_date(mentorship.start_date, change.months)
    change.status = ChangeStatus.APPROVED.value
    change.decided_at = now
    await record(
        session,
        mentorship,
        None,
        EventAction.EXTENDED,
        mentorship.status,
        mentorship.status,
        change=change.id,
        old_end=old.isoformat() if old else None,
        new_end=mentorship.end_date.isoformat(),
    )


async def reopen_programme(
    session: AsyncSession, change: MentorshipChange, mentorship: Mentorship, now: datetime
) -> None:
    """7.2: the programme goes back to the mentor for correction; the mentees will acknowledge it again."""
    programme = await session.scalar(select(Programme).where(Programme.mentorship_id == mentorship.id))
    if programme is not None:
        programme.status = ProgrammeStatus.DRAFT.value
        programme.acknowledged_at = None
        await session.execute(
            delete(ProgrammeAcknowledgement).where(ProgrammeAcknowledgement.programme_id == programme.id)
        )
    change.status = ChangeStatus.APPROVED.value
    change.decided_at = now
    await record(
        session, mentorship, None, EventAction.PROGRAMME_REOPENED, mentorship.status, mentorship.status,
        change=change.id,
    )  # fmt: skip


async def new_mentor_fits(session: AsyncSession, mentorship: Mentorship, new_mentor_id: int, rules: OrgRules) -> bool:
    """3.7 under a lock on the new mentor: their mentees now, plus the mentees of replacements already offered to
    them, plus these mentees, stay within the maximum."""
    await session.scalar(select(Person.id).where(Person.id == new_mentor_id).with_for_update())
    offered = (
        await session.scalar(
            select(func.count(MentorshipMember.id))
            .join(MentorshipChange, MentorshipChange.mentorship_id == MentorshipMember.mentorship_id)
            .where(
                MentorshipChange.new_mentor_id == new_mentor_id,
                MentorshipChange.kind == ChangeKind.REPLACE.value,
                MentorshipChange.status.in_(OPEN_CHANGE_VALUES),
            )
        )
        or 0
    )
    load = await load_of(session, new_mentor_id) + offered
    return load + len(mentorship.members) <= rules.max_mentees_per_mentor


async def replace(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    approver_id: int,
    number: str,
    order_date: date,
    now: datetime,
) -> int:
    """3.8: replaced by order; the old mentor stays in the history and on the change."""
    assert change.new_mentor_id
    old = mentorship.mentor_id
    mentorship.mentor_id = change.new_mentor_id
    mentorship.mentor_confirmed_at = now
    change.old_mentor_id = old
    change.status = ChangeStatus.APPROVED.value
    change.decided_at = now
    change.decided_by_id = approver_id
    change.order_number, change.order_date = number, order_date
    await record(
        session,
        mentorship,
        approver_id,
        EventAction.MENTOR_REPLACED,
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


def fix_by_order(change: MentorshipChange, approver_id: int, number: str, order_date: date, now: datetime) -> None:
    change.status = ChangeStatus.APPROVED.value
    change.decided_at = now
    change.decided_by_id = approver_id
    change.order_number, change.order_date = number, order_date


async def change_in_organization(
    session: AsyncSession, organization_id: int, change_id: int, *, lock: bool = True
) -> MentorshipChange | None:
    query = select(MentorshipChange).where(
        MentorshipChange.id == change_id, MentorshipChange.organization_id == organization_id
    )
    return await session.scalar(query.with_for_update() if lock else query)


async def awaiting_order(session: AsyncSession, organization_id: int, role: Role) -> list[MentorshipChange]:
    """Replacements the new mentor agreed to and completions the curator asked for, waiting for this role's order."""
    rows = (
        await session.execute(
            select(MentorshipChange, Mentorship.form)
            .join(Mentorship, Mentorship.id == MentorshipChange.mentorship_id)
            .where(
                MentorshipChange.organization_id == organization_id,
                MentorshipChange.kind.in_([ChangeKind.REPLACE.value, ChangeKind.COMPLETE.value]),
                MentorshipChange.status == ChangeStatus.AGREED.value,
            )
            .order_by(MentorshipChange.id)
        )
    ).all()
    return [change for change, form in rows if approver_role(form) is role]


async def offers_to(session: AsyncSession, person_id: int) -> list[MentorshipChange]:
    """Replacements offered to this person as the new mentor, waiting for their answer (3.8)."""
    return list(
        await session.scalars(
            select(MentorshipChange)
            .where(
                MentorshipChange.new_mentor_id == person_id,
                MentorshipChange.kind == ChangeKind.REPLACE.value,
                MentorshipChange.status == ChangeStatus.PENDING.value,
            )
            .order_by(MentorshipChange.id)
        )
    )


async def of_mentorship(session: AsyncSession, mentorship_id: int) -> list[MentorshipChange]:
    return list(
        await session.scalars(
            select(MentorshipChange)
            .where(MentorshipChange.mentorship_id == mentorship_id)
            .order_by(MentorshipChange.id)
        )
    )
