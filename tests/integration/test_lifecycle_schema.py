"""The database keeps a mentorship's statuses, kinds, reasons and history actions to the enums of
domain/mentorship.py (CHECK constraints of revision 0013): a value the code doesn't know is refused, and an enum
value without its migration is caught here (autogenerate does not compare CHECK constraints)."""

import re
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, MentorshipEvent
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person
from domain.mentorship import (
    ChangeKind,
    ChangeStatus,
    CompletionReason,
    EventAction,
    Form,
    ReplacementReason,
    Status,
)
from domain.roles import Role

CHECKS: list[tuple[str, str, set[str]]] = [
    ("ck_mentorships_status", "status", {s.value for s in Status}),
    ("ck_mentorships_form", "form", {f.value for f in Form}),
    ("ck_mentorships_completion_reason", "completion_reason", {r.value for r in CompletionReason}),
    ("ck_mentorship_events_action", "action", {a.value for a in EventAction}),
    ("ck_mentorship_events_from_status", "from_status", {s.value for s in Status}),
    ("ck_mentorship_events_to_status", "to_status", {s.value for s in Status}),
    ("ck_mentorship_changes_kind", "kind", {k.value for k in ChangeKind}),
    ("ck_mentorship_changes_status", "status", {s.value for s in ChangeStatus}),
]


async def definition(session: AsyncSession, name: str) -> str:
    found = await session.scalar(
        text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name"), {"name": name}
    )
    assert found, f"no constraint {name}"
    return str(found)


def quoted(sql: str) -> set[str]:
    return set(re.findall(r"'([a-z_]+)'", sql))


@pytest.mark.parametrize(("name", "column", "expected"), CHECKS, ids=[c[0] for c in CHECKS])
async def test_every_check_lists_exactly_its_enum(
    session: AsyncSession, name: str, column: str, expected: set[str]
) -> None:
    sql = await definition(session, name)
    assert column in sql and quoted(sql) == expected


async def test_a_change_reason_belongs_to_its_kind(session: AsyncSession) -> None:
    sql = await definition(session, "ck_mentorship_changes_reason")
    replace, complete = sql.split("'complete'")[0], sql.split("'complete'")[1]
    assert quoted(replace) - {"replace"} == {r.value for r in ReplacementReason}  # 3.8
    assert quoted(complete) == {r.value for r in CompletionReason}  # 7.1


async def refused(session: AsyncSession, row: object) -> None:
    session.add(row)
    with pytest.raises(IntegrityError):
        await session.flush()
    await session.rollback()


async def test_values_the_code_does_not_know_are_refused(session: AsyncSession) -> None:
    school = await ensure_default_organization(session)
    mentor = await create_person(session, school.id, StaffFields("Мороз Андрей Иванович"), [Role.MENTOR])
    pair = Mentorship(organization_id=school.id, mentor_id=mentor.id, form=Form.TRADITIONAL.value, months=6)
    session.add(pair)
    await session.commit()
    pair_id = pair.id
    base = {"organization_id": school.id, "mentorship_id": pair_id}
    await refused(session, MentorshipEvent(**base, action="hacked"))
    await refused(session, MentorshipEvent(**base, action=EventAction.PROPOSED.value, to_status="lost"))
    await refused(session, MentorshipChange(**base, kind="merge"))
    await refused(session, MentorshipChange(**base, kind=ChangeKind.REPLACE.value, reason=CompletionReason.BOTH.value))
    await refused(session, MentorshipChange(**base, kind=ChangeKind.EXTEND.value, status="forgotten"))
    approved = {"kind": ChangeKind.COMPLETE.value, "status": ChangeStatus.APPROVED.value}
    await refused(session, MentorshipChange(**base, **approved))  # 7.1: completed only by an order
    session.add(MentorshipChange(**base, **approved, reason=CompletionReason.BOTH.value, order_number="60-В",
                                 order_date=date(2027, 3, 1)))  # fmt: skip
    await session.commit()
    pair_again = await session.get(Mentorship, pair_id)
    assert pair_again is not None
    pair_again.completion_reason = "tired"
    with pytest.raises(IntegrityError):
        await session.flush()
