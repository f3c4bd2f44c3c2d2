"""Replacement of a mentor (3.8): the curator picks the new mentor for a 3.8 reason (3.7: within their free
places, counted under a lock); the new mentor agrees and gives the written consent (3.2, 3.7); the director — or
the department in the «руководитель — педагог» form (3.3) — fixes it by order, or returns it with a comment. The
consent is checked again at the moment of the order, not only when they agreed."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from db.repositories.consents import active_consents
from db.repositories.people import get_in_organization
from domain.matching import Suggestion, combined, rank
from domain.mentorship import (
    MENTOR_CONSENTS,
    ChangeKind,
    ChangeStatus,
    ReplacementReason,
    Status,
    missing_consents,
)
from domain.programme import ProgrammeStatus, programme_due
from services.orders import replacement_file
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused, Term
from services.pairs import SUGGESTIONS, Ordered
from services.parties import Parties, approvers, curators, parties, people, require_approver, require_curator


async def _running(session: AsyncSession, actor: Actor, mentorship_id: int, *, lock: bool = False) -> Mentorship:
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=lock)
    if mentorship is None or mentorship.status != Status.APPROVED:
        raise Refused("pair-not-active")
    return mentorship


async def candidates(session: AsyncSession, actor: Actor, mentorship_id: int) -> list[Suggestion]:
    """New mentors for this pair's mentees, best first, each with room for all of them (3.7)."""
    require_curator(actor)
    mentorship = await _running(session, actor, mentorship_id)
    who = await parties(session, mentorship)
    profiles = [await mentorships_repo.mentee_profile(session, p) for p in who.mentees]
    mentors = [
        m
        for m in await mentorships_repo.mentor_profiles(session, actor.organization.id, actor.rules)
        if m.person_id not in who.ids
    ]
    return rank(combined(profiles), mentors, SUGGESTIONS, places=len(who.mentees))


def offer(change: MentorshipChange, who: Parties, curator: str) -> Notice:
    """The replacement offered to the new mentor: whose pair, instead of whom, why, and the two answers."""
    assert change.new_mentor_id
    return Notice(
        change.new_mentor_id,
        "chg-ask-replace-mentor",
        {
            "curator": curator,
            "old": who.mentor.full_name,
            "mentees": who.mentee_names,
            "count": len(who.mentees),
            "reason": Term(f"replace-{change.reason}"),
        },
        buttons=(Open("change_agree", change.id), Open("change_disagree", change.id)),
    )


@dataclass(frozen=True)
class Requested:
    change: MentorshipChange
    new_mentor: str
    connected: bool  # not connected: the offer reaches them when they connect (services/pending.py)


async def request_replacement(
    session: AsyncSession, actor: Actor, mentorship_id: int, new_mentor_id: int, reason: ReplacementReason
) -> Outcome[Requested]:
    require_curator(actor)
    mentorship = await _running(session, actor, mentorship_id, lock=True)
    candidate = await get_in_organization(session, actor.organization.id, new_mentor_id)
    if candidate is None or not candidate.is_active or candidate.id in mentorships_repo.participants(mentorship):
        raise Refused("staff-not-found")
    if await repo.open_change(session, mentorship, ChangeKind.REPLACE) is not None:
        raise Refused("chg-already-open")
    if not await repo.new_mentor_fits(session, mentorship, candidate.id, actor.rules):  # 3.7, under a lock
        raise Refused("pair-problem-capacity", max=actor.rules.max_mentees_per_mentor)
    change = await repo.request(
        session, mentorship, ChangeKind.REPLACE, actor.person.id, new_mentor_id=candidate.id, reason=reason.value
    )
    await session.commit()
    who = await parties(session, mentorship)
    return Outcome(
        Requested(change, candidate.full_name, candidate.telegram_user_id is not None),
        [offer(change, who, actor.person.full_name)],
    )


async def to_approvers(session: AsyncSession, change: MentorshipChange, mentorship: Mentorship) -> list[Notice]:
    """The new mentor agreed: the replacement waits for the order (3.8)."""
    who = await parties(session, mentorship)
    new = (await people(session, [change.new_mentor_id or 0])).get(change.new_mentor_id or 0)
    args = {
        "old": who.mentor.full_name,
        "new": new.full_name if new else "",
        "mentees": who.mentee_names,
        "count": len(who.mentees),
        "reason": Term(f"replace-{change.reason}"),
    }
    notices = [
        Notice(a.id, "chg-for-approval", args,
               buttons=(Open("approve_change", change.id), Open("return_change", change.id), Open("approvals")))
        for a in await approvers(session, mentorship)
    ]  # fmt: skip
    notices += [
        Notice(c.id, "chg-replace-agreed-curator", {**args, "pair": who.title}, buttons=(Open("pair", mentorship.id),))
        for c in await curators(session, mentorship)
    ]
    return notices


async def ordered_change(
    session: AsyncSession, actor: Actor, change_id: int, kind: ChangeKind
) -> tuple[MentorshipChange, Mentorship]:
    """A change waiting for this actor's order: refused, saying what was decided, when it no longer waits."""
    change = await repo.change_in_organization(session, actor.organization.id, change_id)
    mentorship = (
        await mentorships_repo.get_in_organization(session, actor.organization.id, change.mentorship_id, lock=True)
        if change is not None
        else None
    )
    if change is None or mentorship is None or change.kind != kind:
        raise Refused("chg-not-found")
    require_approver(actor, mentorship)
    if change.status != ChangeStatus.AGREED or mentorship.status != Status.APPROVED:
        raise change_decided(change)
    return change, mentorship


def change_decided(change: MentorshipChange) -> Refused:
    return Refused(
        "chg-decided", status=change.status, kind=change.kind, number=change.order_number or "", date=change.order_date
    )


async def check_replacement(session: AsyncSession, actor: Actor, change_id: int) -> None:
    await ordered_change(session, actor, change_id, ChangeKind.REPLACE)


async def approve_replacement(
    session: AsyncSession, actor: Actor, change_id: int, number: str, on: date
) -> Outcome[Ordered]:
    change, mentorship = await ordered_change(session, actor, change_id, ChangeKind.REPLACE)
    assert change.new_mentor_id is not None
    new_mentor = await get_in_organization(session, actor.organization.id, change.new_mentor_id)
    missing = missing_consents(MENTOR_CONSENTS, set(await active_consents(session, change.new_mentor_id)))
    if new_mentor is None or missing:  # 3.2, 3.7: a mentor is appointed only with their written consent
        raise Refused("chg-new-mentor-no-consent", name=new_mentor.full_name if new_mentor else "", count=len(missing))
    before = await parties(session, mentorship)
    await repo.replace(session, change, mentorship, actor.person.id, number, on, actor.now)
    await session.commit()
    content = await replacement_file(session, change, mentorship, actor.organization, actor.person, actor.rules)
    document = Attachment(f"Приказ_{number}.docx", content, "chg-order-caption")
    programme = await mentorships_repo.programme_status(session, mentorship.id)
    written = programme is not None and programme != ProgrammeStatus.DRAFT
    args = {
        "number": number,
        "date": on,
        "old": before.mentor.full_name,
        "new": new_mentor.full_name,
        "mentees": before.mentee_names,
        "count": len(before.mentees),
        "end": mentorship.end_date,
        "programme": "written" if written else "draft",
        "due": programme_due(on, actor.rules),
        "reason": Term(f"replace-{change.reason}"),
        "pair": Parties(new_mentor, before.mentees).title,
    }
    to_programme = (Open("programme", mentorship.id),)
    notices = [Notice(new_mentor.id, "chg-replaced-new", args, buttons=to_programme)]
    notices += [Notice(m.id, "chg-replaced-mentee", args, buttons=to_programme) for m in before.mentees]
    notices.append(Notice(before.mentor.id, "chg-replaced-old", args))
    notices += [
        Notice(c.id, "chg-replaced-curator", args, buttons=(Open("pair", mentorship.id),), attachment=document)
        for c in await curators(session, mentorship)
        if c.id != actor.person.id
    ]
    return Outcome(Ordered(mentorship.id, number, on, document), notices)


async def cancel_replacement(session: AsyncSession, actor: Actor, change_id: int) -> Outcome[MentorshipChange]:
    """The curator withdraws a replacement not yet ordered (the new mentor hesitates, another one is better)."""
    require_curator(actor)
    change = await repo.change_in_organization(session, actor.organization.id, change_id)
    if change is None or change.kind != ChangeKind.REPLACE:
        raise Refused("chg-not-found")
    if change.status not in (ChangeStatus.PENDING, ChangeStatus.AGREED):
        raise change_decided(change)
    mentorship = await _running(session, actor, change.mentorship_id, lock=True)
    await repo.cancel(session, change, mentorship, actor.person.id, actor.now)
    await session.commit()
    who = await parties(session, mentorship)
    args = {"curator": actor.person.full_name, "mentees": who.mentee_names, "count": len(who.mentees)}
    notices = [Notice(change.new_mentor_id, "chg-replace-cancelled", args)] if change.new_mentor_id else []
    return Outcome(change, notices)
