"""Staff: the curator keeps the list (3.5: the personified account of mentors and mentees) — adds a person, edits
and archives one, grants and takes away the roles a curator may give (3.3–3.5: director, curator and department are
appointed by order, never from the chat or a list), issues invites and takes a whole list from a file."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import people as repo
from db.repositories.audit import record_event
from db.repositories.invites import issue_invite as issue_code
from db.repositories.invites import revoke_open_invites
from documents.invitations import (
    Invitation,
    invitation_slips_docx,
    invitations_file_name,
    invitations_xlsx,
    slips_file_name,
)
from domain.access import archive_problem
from domain.dates import check_work_start
from domain.roles import Role, curator_may_grant
from domain.staff_import import ImportResult, RowProblem, StaffRow
from domain.validation import InputError
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused

BOT_NAME = "Наставник"


def _only_curator(actor: Actor) -> None:
    if not actor.has(Role.CURATOR):
        raise Refused("denied")


async def _target(session: AsyncSession, actor: Actor, person_id: int) -> Person:
    target = await repo.get_in_organization(session, actor.organization.id, person_id)
    if target is None or target.anonymized_at is not None:
        raise Refused("staff-not-found")
    return target


def _checked_start(day: date | None, actor: Actor) -> date | None:
    """3.7: the start of work that counts is the actual one; a date still to come is refused, not stored."""
    if day is None:
        return None
    try:
        return check_work_start(day, actor.today)
    except InputError as error:
        raise Refused(f"input-{error.code}", **error.params) from error


# -- one person ---------------------------------------------------------------------------------------------
async def add_person(session: AsyncSession, actor: Actor, fields: repo.StaffFields) -> Outcome[Person]:
    _only_curator(actor)
    fields = replace(fields, work_start_date=_checked_start(fields.work_start_date, actor))
    person = await repo.create_person(session, actor.organization.id, fields)
    await record_event(
        session, "person_added", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        person_id=person.id,
    )  # fmt: skip
    await session.commit()
    return Outcome(person)


@dataclass(frozen=True)
class Edited:
    person: Person
    field: str
    before: Any
    after: Any


async def edit_person(session: AsyncSession, actor: Actor, person_id: int, field: str, value: Any) -> Outcome[Edited]:
    """One field of the card: ФИО, должность, предметы, дата допуска к работе, стаж. The person is told what the
    curator changed (their «Мой профиль» shows it)."""
    _only_curator(actor)
    if field not in repo.EDITABLE:
        raise Refused("denied")
    target = await _target(session, actor, person_id)
    if field == "work_start_date":
        value = _checked_start(value, actor)
    if field == "full_name" and not value:
        raise Refused("input-too-short", min=3)
    before = getattr(target, field)
    setattr(target, field, value)
    await session.flush()
    await record_event(
        session, "person_edited", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        person_id=target.id, field=field,
    )  # fmt: skip
    await session.commit()
    notices = []
    if target.id != actor.person.id and target.is_active:
        notices.append(
            Notice(
                target.id,
                "staff-edited-notice",
                {"curator": actor.person.full_name, "field": field},
                buttons=(Open("profile"),),
            )
        )
    return Outcome(Edited(target, field, before, value), notices)


async def archive_person(session: AsyncSession, actor: Actor, person_id: int) -> Outcome[Person]:
    """Out of the working list (left the school): no access to the bot, open invites revoked; the record and its
    history stay for the reports. Not while the person is in a pair or group not yet completed."""
    _only_curator(actor)
    target = await _target(session, actor, person_id)
    if not target.is_active:
        raise Refused("staff-already-archived", name=target.full_name)
    problem = archive_problem(
        is_self=target.id == actor.person.id, open_mentorships=await repo.open_mentorships(session, target.id)
    )
    if problem is not None:
        raise Refused(f"staff-archive-{problem}", name=target.full_name)
    target.is_active = False
    await revoke_open_invites(session, target.id, actor.now)
    await record_event(
        session, "person_archived", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        person_id=target.id,
    )  # fmt: skip
    await session.commit()
    return Outcome(target)


async def restore_person(session: AsyncSession, actor: Actor, person_id: int) -> Outcome[Person]:
    _only_curator(actor)
    target = await _target(session, actor, person_id)
    if target.is_active:
        raise Refused("staff-not-archived", name=target.full_name)
    target.is_active = True
    await record_event(
        session, "person_restored", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        person_id=target.id,
    )  # fmt: skip
    await session.commit()
    return Outcome(target)


@dataclass(frozen=True)
class RoleChange:
    person: Person
    role: Role
    granted: bool


async def toggle_role(session: AsyncSession, actor: Actor, person_id: int, role_value: str) -> Outcome[RoleChange]:
    """Grant the role, or take it away if the person has it. Only mentor, mentee and the council's member from the
    chat (3.3–3.5); a forged request for another role is refused and written to the audit log."""
    _only_curator(actor)
    role = curator_may_grant(role_value)
    target = await _target(session, actor, person_id)
    if role is None:
        await record_event(
            session, "access_denied", organization_id=actor.organization.id, actor_person_id=actor.person.id,
            telegram_user_id=actor.person.telegram_user_id, data=f"role:{role_value}"[:64], reason="role not grantable",
        )  # fmt: skip
        await session.commit()
        raise Refused("denied")
    if not target.is_active:
        raise Refused("staff-archived-no-roles", name=target.full_name)
    granted = role not in target.role_set
    if granted:
        await repo.add_role(session, target, role)
    else:
        if role in (Role.MENTOR, Role.MENTEE) and await repo.open_mentorships(session, target.id, as_role=role):
            raise Refused("staff-role-busy", name=target.full_name, role=role.value)
        await repo.remove_role(session, target, role)
    await record_event(
        session, "role_granted" if granted else "role_removed", organization_id=actor.organization.id,
        actor_person_id=actor.person.id, person_id=target.id, role=role.value,
    )  # fmt: skip
    await session.commit()
    notices = []
    if target.id != actor.person.id:
        key = "staff-role-granted-notice" if granted else "staff-role-removed-notice"
        args = {"curator": actor.person.full_name, "role": role.value}
        notices.append(Notice(target.id, key, args, (Open("menu"),)))
    return Outcome(RoleChange(target, role, granted), notices)


# -- invites ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Invited:
    person: Person
    code: str
    expires: date
    ttl_days: int


async def issue_invite(session: AsyncSession, actor: Actor, person_id: int) -> Outcome[Invited]:
    """128 random bits, stored only as a hash, single use, valid `invite_ttl_days`; earlier codes stop working."""
    _only_curator(actor)
    target = await _target(session, actor, person_id)
    if not target.is_active:
        raise Refused("staff-archived-no-invite", name=target.full_name)
    invite = await issue_code(
        session, target, ttl_days=actor.rules.invite_ttl_days, created_by_id=actor.person.id, now=actor.now
    )
    await record_event(
        session, "invite_issued", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        person_id=target.id,
    )  # fmt: skip
    await session.commit()
    expires = invite.expires_at.astimezone(actor.tz).date()
    return Outcome(Invited(target, invite.code, expires, actor.rules.invite_ttl_days))


# -- a whole list -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Imported:
    added: list[Invitation]
    problems: list[RowProblem]
    skipped: list[StaffRow]  # already in the list
    bad_lines: list[int]
    files: tuple[Attachment, ...]


async def import_staff(
    session: AsyncSession, actor: Actor, result: ImportResult, link: Callable[[str], str]
) -> Outcome[Imported]:
    """The good rows of an uploaded list become people with invites; people already in the list are skipped. One
    XLSX of invitations and one DOCX of slips to print come back — not a message per person."""
    _only_curator(actor)
    taken = await repo.names_taken(session, actor.organization.id, (row.full_name for row in result.rows))
    problems = list(result.problems)
    added: list[Invitation] = []
    skipped: list[StaffRow] = []
    for row in result.rows:
        if row.full_name.lower() in taken:
            skipped.append(row)
            continue
        start = row.work_start_date
        if start is not None and start > actor.today:  # 3.7: the actual start only
            problems.append(RowProblem(row.line, "work_start_date", "future-start"))
            continue
        person = await repo.create_person(
            session,
            actor.organization.id,
            repo.StaffFields(row.full_name, row.position, row.subjects, start, row.experience_years),
            row.roles,
        )
        invite = await issue_code(
            session, person, ttl_days=actor.rules.invite_ttl_days, created_by_id=actor.person.id, now=actor.now
        )
        expires = invite.expires_at.astimezone(actor.tz).date()
        added.append(Invitation(person.full_name, person.position, link(invite.code), invite.code, expires))
    bad_lines = sorted({p.line for p in problems})
    await record_event(
        session, "staff_uploaded", organization_id=actor.organization.id, actor_person_id=actor.person.id,
        added=len(added), bad_lines=bad_lines, skipped=len(skipped),
    )  # fmt: skip
    await session.commit()
    files: tuple[Attachment, ...] = ()
    if added:
        files = (
            Attachment(invitations_file_name(actor.today), invitations_xlsx(added), "staff-upload-xlsx-caption"),
            Attachment(
                slips_file_name(actor.today),
                invitation_slips_docx(added, actor.organization.short_name, BOT_NAME),
                "staff-upload-docx-caption",
            ),
        )
    return Outcome(Imported(added, sorted(problems, key=lambda p: p.line), skipped, bad_lines, files))
