"""The personalized programme (3.6) in the database: the programme of a mentorship, its activities, their
comments, the mentees' acknowledgements, the meetings. Conditional updates (`… WHERE status = …
RETURNING`) make a double press safe; the use cases (services/programme.py) decide what is allowed."""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from db.models import (
    Meeting,
    Mentorship,
    MentorshipMember,
    Person,
    Programme,
    ProgrammeAcknowledgement,
    ProgrammeItem,
    ProgrammeItemComment,
)
from db.repositories.mentorships import record
from domain.mentorship import Status
from domain.programme import ActivityKind, ItemStatus, MeetingFormat, ProgrammeStatus

RUNNING_OR_DONE = (Status.APPROVED.value, Status.COMPLETED.value)


async def mentorships_of(session: AsyncSession, person_id: int, *, completed: bool = False) -> list[Mentorship]:
    """Approved mentorships (and, with `completed`, finished ones) where the person is the mentor or a mentee."""
    as_mentee = select(MentorshipMember.mentorship_id).where(MentorshipMember.mentee_id == person_id)
    statuses = RUNNING_OR_DONE if completed else (Status.APPROVED.value,)
    return list(
        await session.scalars(
            select(Mentorship)
            .where(
                Mentorship.status.in_(statuses),
                or_(Mentorship.mentor_id == person_id, Mentorship.id.in_(as_mentee)),
            )
            .order_by(Mentorship.status, Mentorship.id.desc())
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


async def item_in_organization(
    session: AsyncSession, organization_id: int, item_id: int
) -> tuple[ProgrammeItem, Programme] | None:
    """An activity of the school and its programme (changes go through conditional updates, or under the
    mentorship's lock)."""
    query = (
        select(ProgrammeItem, Programme)
        .join(Programme, Programme.id == ProgrammeItem.programme_id)
        .where(ProgrammeItem.id == item_id, ProgrammeItem.organization_id == organization_id)
    )
    row = (await session.execute(query)).first()
    return (row[0], row[1]) if row else None


async def add_item(
    session: AsyncSession,
    programme: Programme,
    kind: ActivityKind,
    title: str,
    due: date,
    expected: str,
    proposed_by_id: int,
    *,
    report_form: str | None = None,
    status: ItemStatus = ItemStatus.PLANNED,
) -> ProgrammeItem:
    item = ProgrammeItem(
        organization_id=programme.organization_id,
        programme_id=programme.id,
        kind=kind.value,
        title=title,
        due_date=due,
        expected_result=expected,
        report_form=report_form,
        proposed_by_id=proposed_by_id,
        status=status.value,
        comments=[],  # a new item has none: never lazy-load it
    )
    session.add(item)
    await session.flush()
    await session.refresh(programme, ["items"])
    return item


async def remove_item(session: AsyncSession, programme: Programme, item: ProgrammeItem) -> None:
    await session.delete(item)
    await session.flush()
    await session.refresh(programme, ["items"])


async def set_item_status(
    session: AsyncSession, item: ProgrammeItem, expected: Iterable[ItemStatus], new: ItemStatus, **values: object
) -> bool:
    """Move the activity from one of `expected` to `new` (with `values`): False when somebody was first."""
    done = await session.scalar(
        update(ProgrammeItem)
        .where(ProgrammeItem.id == item.id, ProgrammeItem.status.in_([s.value for s in expected]))
        .values(status=new.value, **values)
        .returning(ProgrammeItem.id)
    )
    if done is not None:  # what the row now holds, without reloading the item (and its comments)
        for key, value in {"status": new.value, **values}.items():
            set_committed_value(item, key, value)
    return done is not None


async def submit(
    session: AsyncSession, programme: Programme, mentorship: Mentorship, actor_id: int, now: datetime
) -> bool:
    done = await session.scalar(
        update(Programme)
        .where(Programme.id == programme.id, Programme.status == ProgrammeStatus.DRAFT.value)
        .values(status=ProgrammeStatus.SUBMITTED.value, submitted_at=now)
        .returning(Programme.id)
    )
    if done is None:
        return False
    set_committed_value(programme, "status", ProgrammeStatus.SUBMITTED.value)
    set_committed_value(programme, "submitted_at", now)
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


async def acknowledge(
    session: AsyncSession, programme: Programme, mentorship: Mentorship, mentee_id: int, now: datetime
) -> bool:
    """True when this made every mentee acknowledge it."""
    await session.execute(
        insert(ProgrammeAcknowledgement)
        .values(organization_id=programme.organization_id, programme_id=programme.id, mentee_id=mentee_id)
        .on_conflict_do_nothing(index_elements=["programme_id", "mentee_id"])
    )
    acknowledged = await acknowledged_by(session, programme.id)
    await record(session, mentorship, mentee_id, "programme_acknowledged", mentorship.status, mentorship.status)
    if {m.mentee_id for m in mentorship.members} <= acknowledged and programme.status == ProgrammeStatus.SUBMITTED:
        programme.status = ProgrammeStatus.ACKNOWLEDGED.value
        programme.acknowledged_at = now
        return True
    return False


async def acknowledged_by(session: AsyncSession, programme_id: int) -> set[int]:
    return set(
        await session.scalars(
            select(ProgrammeAcknowledgement.mentee_id).where(ProgrammeAcknowledgement.programme_id == programme_id)
        )
    )


async def add_comment(session: AsyncSession, item: ProgrammeItem, author_id: int, text: str) -> ProgrammeItemComment:
    """The author by id and the text as typed (the name is the renderer's business, and erasure's)."""
    comment = ProgrammeItemComment(
        organization_id=item.organization_id, item_id=item.id, author_id=author_id, text=text
    )
    session.add(comment)
    await session.flush()
    await session.refresh(item, ["comments"])
    return comment


async def meetings(session: AsyncSession, mentorship_id: int) -> list[Meeting]:
    return list(
        await session.scalars(
            select(Meeting).where(Meeting.mentorship_id == mentorship_id).order_by(Meeting.held_on, Meeting.id)
        )
    )


async def add_meeting(
    session: AsyncSession,
    mentorship: Mentorship,
    held_on: date,
    meeting_format: MeetingFormat,
    topic: str,
    logged_by_id: int,
) -> Meeting:
    meeting = Meeting(
        organization_id=mentorship.organization_id,
        mentorship_id=mentorship.id,
        held_on=held_on,
        format=meeting_format.value,
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
        format=meeting_format.value,
    )
    return meeting


async def names(session: AsyncSession, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = await session.execute(select(Person.id, Person.full_name).where(Person.id.in_(wanted)))
    return {person_id: name for person_id, name in rows}


async def people(session: AsyncSession, ids: Iterable[int]) -> list[Person]:
    """The people in the order of `ids` (those that exist)."""
    wanted = list(dict.fromkeys(ids))
    found = {p.id: p for p in await session.scalars(select(Person).where(Person.id.in_(wanted)))}
    return [found[i] for i in wanted if i in found]


async def erase_person(session: AsyncSession, person_id: int) -> None:
    """152-FZ art. 21: what the person wrote in programmes goes — their comments, and the comment and file they
    reported an activity with. The activities and their statuses stay (the programme and its statistics);
    who did what is known only by an id that now points to an anonymized record."""
    await session.execute(delete(ProgrammeItemComment).where(ProgrammeItemComment.author_id == person_id))
    await session.execute(
        update(ProgrammeItem)
        .where(ProgrammeItem.done_by_id == person_id)
        .values(done_comment=None, done_file_id=None, done_file_name=None)
    )
