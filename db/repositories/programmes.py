from datetime import UTC, date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipMember, Programme, ProgrammeAcknowledgement, ProgrammeItem
from db.repositories.mentorships import record
from domain.mentorship import Status
from domain.programme import ActivityKind, ProgrammeStatus


async def mentorships_of(session: AsyncSession, person_id: int) -> list[Mentorship]:
    """Approved mentorships where the person is the mentor or a mentee."""
    as_mentee = select(MentorshipMember.mentorship_id).where(MentorshipMember.mentee_id == person_id)
    return list(
        await session.scalars(
            select(Mentorship)
            .where(
                Mentorship.status == Status.APPROVED.value,
                or_(Mentorship.mentor_id == person_id, Mentorship.id.in_(as_mentee)),
            )
            .order_by(Mentorship.id)
        )
    )


async def programme_of(session: AsyncSession, mentorship: Mentorship) -> Programme:
    """The mentorship's programme, created empty on first use (one per mentorship, whatever the timing)."""
    await session.execute(
        insert(Programme)
        .values(organization_id=mentorship.organization_id, mentorship_id=mentorship.id)
        .on_conflict_do_nothing(index_elements=["mentorship_id"])
    )
    programme = await session.scalar(select(Programme).where(Programme.mentorship_id == mentorship.id))
    assert programme is not None
    return programme


async def add_item(
    session: AsyncSession,
    programme: Programme,
    kind: ActivityKind,
    title: str,
    due: date,
    expected: str,
    proposed_by_id: int,
) -> ProgrammeItem:
    item = ProgrammeItem(
        organization_id=programme.organization_id,
        programme_id=programme.id,
        kind=kind.value,
        title=title,
        due_date=due,
        expected_result=expected,
        proposed_by_id=proposed_by_id,
        comments=[],  # a new item has none: never lazy-load it
    )
    session.add(item)
    await session.flush()
    await session.refresh(programme, ["items"])
    return item


async def submit(session: AsyncSession, programme: Programme, mentorship: Mentorship, actor_id: int) -> bool:
    done = await session.scalar(
        update(Programme)
        .where(Programme.id == programme.id, Programme.status == ProgrammeStatus.DRAFT.value)
        .values(status=ProgrammeStatus.SUBMITTED.value, submitted_at=datetime.now(UTC))
        .returning(Programme.id)
    )
    if done is None:
        return False
    await session.refresh(programme)
    await record(
        session,
        mentorship,
        actor_id,
        "programme_submitted",
        mentorship.status,
        mentorship.status,
        items=len(programme.items),
    )
    return True


async def acknowledge(session: AsyncSession, programme: Programme, mentorship: Mentorship, mentee_id: int) -> bool:
    """True when this made every mentee acknowledge it."""
    await session.execute(
        insert(ProgrammeAcknowledgement)
        .values(organization_id=programme.organization_id, programme_id=programme.id, mentee_id=mentee_id)
        .on_conflict_do_nothing(index_elements=["programme_id", "mentee_id"])
    )
    acknowledged = set(
        await session.scalars(
            select(ProgrammeAcknowledgement.mentee_id).where(ProgrammeAcknowledgement.programme_id == programme.id)
        )
    )
    await record(session, mentorship, mentee_id, "programme_acknowledged", mentorship.status, mentorship.status)
    if {m.mentee_id for m in mentorship.members} <= acknowledged and programme.status == ProgrammeStatus.SUBMITTED:
        programme.status = ProgrammeStatus.ACKNOWLEDGED.value
        programme.acknowledged_at = datetime.now(UTC)
        return True
    return False


async def acknowledged_by(session: AsyncSession, programme_id: int) -> set[int]:
    return set(
        await session.scalars(
            select(ProgrammeAcknowledgement.mentee_id).where(ProgrammeAcknowledgement.programme_id == programme_id)
        )
    )
