"""A pair's (or a group's) life up to the order: the curator proposes a mentor, a form (2.3) and a period (3.7,
1–12 months, at most three mentees with one mentor, counted under row locks); mentor and mentees agree after
their written consent (3.2, 3.7, 6.1); the director — or, in the «руководитель — педагог» form, the education
department (3.3) — fixes it by order (3.4, 6.2) or returns it with a comment. Before the order the curator may
change the proposal or withdraw it; a returned pair is corrected and sent again, or cancelled."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, Person
from db.repositories import changes as changes_repo
from db.repositories import mentorships as repo
from db.repositories.consents import active_consents
from domain.consents import ConsentKind
from domain.matching import Suggestion, combined, rank
from domain.mentorship import (
    BEFORE_ORDER,
    MENTEE_CONSENTS,
    MENTOR_CONSENTS,
    EventAction,
    Form,
    Part,
    Proposal,
    ProposalProblem,
    Status,
    approver_role,
    consents_needed,
    missing_consents,
    report_due,
)
from domain.programme import programme_due
from domain.roles import Role
from services.orders import order_file
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused, Term
from services.parties import Parties, approvers, curators, parties, people, require_approver, require_curator

SUGGESTIONS = 5


# -- what the curator sees ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    person: Person
    agreed: bool
    consented: bool  # the written consents this part needs are in force (3.2, 3.7)


@dataclass(frozen=True)
class PairView:
    mentorship: Mentorship
    mentor: Member
    mentees: list[Member]
    proposed_by: Person | None
    decided_by: Person | None
    changes: list[MentorshipChange]  # open replacements, completions, extensions
    names: dict[int, str]  # people the changes name
    reports: dict[int, date | None] = field(default_factory=dict)  # 3.6: submitted on, by author (completed)
    reports_due: date | None = None

    @property
    def status(self) -> Status:
        return Status(self.mentorship.status)

    @property
    def title(self) -> str:
        return Parties(self.mentor.person, [m.person for m in self.mentees]).title


async def _member(session: AsyncSession, person: Person, agreed: bool, part: Part) -> Member:
    given = set(await active_consents(session, person.id))
    return Member(person, agreed, not missing_consents(consents_needed(part), given))


async def view(session: AsyncSession, actor: Actor, mentorship_id: int) -> PairView:
    """The card of a pair: for its school's curators, its approvers and its participants."""
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id)
    if mentorship is None:
        raise Refused("pair-not-found")
    who = await parties(session, mentorship)
    if not (actor.has(*_deciders(mentorship)) or actor.person.id in who.ids):
        raise Refused("denied")
    mentor = await _member(session, who.mentor, mentorship.mentor_confirmed_at is not None, Part.MENTOR)
    mentees = [
        await _member(session, person, repo.has_agreed(mentorship, person.id), Part.MENTEE) for person in who.mentees
    ]
    changes = await changes_repo.open_changes(session, mentorship.id)
    named = await people(
        session,
        [
            i
            for i in (mentorship.proposed_by_id, mentorship.decided_by_id, *(c.new_mentor_id for c in changes))
            if i is not None
        ],
    )
    reports: dict[int, date | None] = {}
    due = None
    if mentorship.status == Status.COMPLETED and mentorship.completed_on is not None:
        submitted = await repo.reports(session, mentorship)
        reports = {
            person_id: (r.submitted_at.astimezone(actor.tz).date() if (r := submitted.get(person_id)) and r.submitted_at
                        else None)
            for person_id in who.ids
        }  # fmt: skip
        due = report_due(mentorship.completed_on, actor.rules)  # 3.6, the school's own number of days
    return PairView(
        mentorship,
        mentor,
        mentees,
        named.get(mentorship.proposed_by_id or 0),
        named.get(mentorship.decided_by_id or 0),
        changes,
        {i: p.full_name for i, p in named.items()},
        reports,
        due,
    )


def _deciders(mentorship: Mentorship) -> tuple[Role, Role]:
    return (Role.CURATOR, approver_role(mentorship.form))


# The curator's list: which statuses each filter shows.
FILTERS: tuple[tuple[str, tuple[Status, ...]], ...] = (
    ("all", ()),
    ("agreeing", (Status.PROPOSED,)),
    ("ordering", (Status.CONFIRMED,)),
    ("returned", (Status.RETURNED,)),
    ("running", (Status.APPROVED,)),
    ("completed", (Status.COMPLETED,)),
    ("closed", (Status.DECLINED, Status.CANCELLED)),
)
PAGE = 10


@dataclass(frozen=True)
class ListItem:
    mentorship: Mentorship
    mentor: str
    mentees: list[str]


async def pair_list(session: AsyncSession, actor: Actor, filter_index: int, page: int) -> tuple[list[ListItem], int]:
    """A page of the school's pairs and groups of one filter, and how many pages there are."""
    require_curator(actor)
    statuses = FILTERS[filter_index][1] if 0 <= filter_index < len(FILTERS) else ()
    rows, count = await repo.of_organization(session, actor.organization.id, statuses, offset=page * PAGE, limit=PAGE)
    found = await people(session, [i for m in rows for i in repo.participants(m)])
    items = [
        ListItem(
            m,
            found[m.mentor_id].full_name if m.mentor_id in found else "",
            [found[x.mentee_id].full_name for x in m.members if x.mentee_id in found],
        )
        for m in rows
    ]
    return items, max(1, -(-count // PAGE))


# -- matching -----------------------------------------------------------------------------------------------------
async def waiting(session: AsyncSession, actor: Actor) -> list[tuple[Person, bool]]:
    """Mentees who wait for a mentor (3.7), each with whether a pair is already proposed to them."""
    require_curator(actor)
    return await repo.waiting_mentees(session, actor.organization.id)


async def suggestions(session: AsyncSession, actor: Actor, mentee_ids: list[int]) -> list[Suggestion]:
    """Mentors for these mentees, best first, with the reasons (6.1) and what still stands before an order."""
    require_curator(actor)
    chosen = await people(session, mentee_ids)
    mentees = [p for i in mentee_ids if (p := chosen.get(i)) and p.organization_id == actor.organization.id]
    if not mentees:
        raise Refused("pair-problem-no-mentees")
    profiles = [await repo.mentee_profile(session, p) for p in mentees]
    mentors = [
        m
        for m in await repo.mentor_profiles(session, actor.organization.id, actor.rules)
        if m.person_id not in mentee_ids
    ]
    return rank(combined(profiles), mentors, SUGGESTIONS, places=len(mentees))


# -- the proposal -------------------------------------------------------------------------------------------------
def _problem(problem: ProposalProblem, actor: Actor) -> Refused:
    return Refused(f"pair-problem-{problem}", max=actor.rules.max_mentees_per_mentor)


def invitation(mentorship: Mentorship, who: Parties, curator: str, person: Person, *, again: bool = False) -> Notice:
    """The proposal to one participant: who proposes whom, in which form, for how long, and the two answers."""
    part = who.part_of(person.id)
    return Notice(
        person.id,
        f"pair-invite-{part}",
        {
            "curator": curator,
            "mentor": who.mentor.full_name,
            "mentees": who.mentee_names,
            "count": len(who.mentees),
            "form": Term(f"form-{mentorship.form}"),
            "months": mentorship.months,
            "again": "yes" if again else "no",
        },
        buttons=(Open("agree", mentorship.id), Open("decline", mentorship.id)),
    )


@dataclass(frozen=True)
class Proposed:
    mentorship: Mentorship
    parties: Parties
    not_connected: list[str]  # they get the proposal when they connect (services/pending.py)


async def _invite_all(session: AsyncSession, actor: Actor, mentorship: Mentorship, *, again: bool) -> Outcome[Proposed]:
    who = await parties(session, mentorship)
    notices = [invitation(mentorship, who, actor.person.full_name, p, again=again) for p in [who.mentor, *who.mentees]]
    missing = [p.full_name for p in [who.mentor, *who.mentees] if p.telegram_user_id is None]
    return Outcome(Proposed(mentorship, who, missing), notices)


async def propose(
    session: AsyncSession, actor: Actor, mentor_id: int, mentee_ids: list[int], form: Form, months: int
) -> Outcome[Proposed]:
    """2.3, 3.7, 6.1: checked under row locks; the participants are asked to agree."""
    require_curator(actor)
    proposal = Proposal(mentor_id, tuple(dict.fromkeys(mentee_ids)), form, months)
    result = await repo.propose(session, actor.organization.id, actor.person.id, proposal, actor.rules)
    if isinstance(result, ProposalProblem):
        raise _problem(result, actor)
    await session.commit()
    return await _invite_all(session, actor, result, again=False)


async def _before_order(session: AsyncSession, actor: Actor, mentorship_id: int) -> Mentorship:
    require_curator(actor)
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=True)
    if mentorship is None:
        raise Refused("pair-not-found")
    if mentorship.status not in BEFORE_ORDER:
        raise decided(mentorship)
    return mentorship


def decided(mentorship: Mentorship) -> Refused:
    """A stale button: what was decided about this pair already."""
    return Refused(
        "pair-decided",
        status=mentorship.status,
        number=mentorship.order_number or "",
        date=mentorship.order_date,
    )


async def revise(session: AsyncSession, actor: Actor, mentorship_id: int, form: Form, months: int) -> Outcome[Proposed]:
    """Changed before the order (or after a return): checked again under locks, and everybody is asked again."""
    mentorship = await _before_order(session, actor, mentorship_id)
    proposal = Proposal(mentorship.mentor_id, tuple(m.mentee_id for m in mentorship.members), form, months)
    problem = await repo.check_under_lock(session, actor.organization.id, proposal, actor.rules, besides=mentorship.id)
    if problem is not None:
        raise _problem(problem, actor)
    await repo.revise(session, mentorship, actor.person.id, form, months, actor.now)
    await session.commit()
    return await _invite_all(session, actor, mentorship, again=True)


async def resubmit(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Mentorship]:
    """A returned pair sent back for the order as it is: everybody's agreement still stands."""
    mentorship = await _before_order(session, actor, mentorship_id)
    if mentorship.status != Status.RETURNED:
        raise decided(mentorship)
    proposal = Proposal(
        mentorship.mentor_id, tuple(m.mentee_id for m in mentorship.members), Form(mentorship.form), mentorship.months
    )
    problem = await repo.check_under_lock(session, actor.organization.id, proposal, actor.rules)
    if problem is not None:  # returned pairs hold no place (3.7): somebody may have taken it since
        raise _problem(problem, actor)
    await repo.set_status(session, mentorship, Status.CONFIRMED, actor.person.id, EventAction.RESUBMITTED, actor.now)
    await session.commit()
    return Outcome(mentorship, await _to_approvers(session, mentorship, actor.person))


async def withdraw(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Mentorship]:
    """The curator withdraws a proposal before the order, or cancels a returned pair."""
    mentorship = await _before_order(session, actor, mentorship_id)
    action = EventAction.CANCELLED if mentorship.status == Status.RETURNED else EventAction.WITHDRAWN
    await repo.set_status(session, mentorship, Status.CANCELLED, actor.person.id, action, actor.now)
    await session.commit()
    who = await parties(session, mentorship)
    notices = [
        Notice(p.id, "pair-withdrawn", {"curator": actor.person.full_name, "pair": who.title})
        for p in [who.mentor, *who.mentees]
    ]
    return Outcome(mentorship, notices)


# -- the participants agree (6.1) after their written consent (3.2, 3.7) -----------------------------------------
@dataclass(frozen=True)
class Agreement:
    mentorship: Mentorship
    missing: list[ConsentKind]  # consents to give first; nothing was recorded
    everybody: bool = False


async def _own(session: AsyncSession, actor: Actor, mentorship_id: int) -> tuple[Mentorship, Parties, Part]:
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=True)
    if mentorship is None:
        raise Refused("denied")
    who = await parties(session, mentorship)
    part = who.part_of(actor.person.id)
    if part is None:
        raise Refused("denied")
    return mentorship, who, part


async def awaiting_answer(session: AsyncSession, actor: Actor) -> list[Mentorship]:
    """Proposals that wait for this person's agreement (6.1), oldest first."""
    return await repo.proposals_to(session, actor.person.id)


async def agree(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Agreement]:
    mentorship, who, part = await _own(session, actor, mentorship_id)
    if mentorship.status != Status.PROPOSED or repo.has_agreed(mentorship, actor.person.id):
        raise Refused("pair-not-open", status=mentorship.status)
    missing = missing_consents(consents_needed(part), set(await active_consents(session, actor.person.id)))
    if missing:  # 3.2, 3.7: the written consent first
        return Outcome(Agreement(mentorship, missing))
    everybody = await repo.confirm(session, mentorship, actor.person.id, actor.now)
    await session.commit()
    notices = []
    if everybody:
        notices = await _to_approvers(session, mentorship, None)
        notices += [
            Notice(c.id, "pair-all-agreed", {"pair": who.title}, buttons=(Open("pair", mentorship.id),))
            for c in await curators(session, mentorship)
        ]
    return Outcome(Agreement(mentorship, [], everybody), notices)


async def _to_approvers(session: AsyncSession, mentorship: Mentorship, curator: Person | None) -> list[Notice]:
    who = await parties(session, mentorship)
    return [
        Notice(
            approver.id,
            "pair-for-approval",
            {
                "mentor": who.mentor.full_name,
                "mentees": who.mentee_names,
                "count": len(who.mentees),
                "form": Term(f"form-{mentorship.form}"),
                "months": mentorship.months,
                "curator": curator.full_name if curator else "",
            },
            buttons=(Open("approve_pair", mentorship.id), Open("return_pair", mentorship.id), Open("approvals")),
        )
        for approver in await approvers(session, mentorship)
    ]


async def decline(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Mentorship]:
    mentorship, who, _part = await _own(session, actor, mentorship_id)
    if mentorship.status != Status.PROPOSED:
        raise Refused("pair-not-open", status=mentorship.status)
    await repo.set_status(session, mentorship, Status.DECLINED, actor.person.id, EventAction.DECLINED, actor.now)
    await session.commit()
    notices = [
        Notice(c.id, "pair-declined-curator", {"name": actor.person.full_name, "pair": who.title},
               buttons=(Open("pair", mentorship.id),))
        for c in await curators(session, mentorship)
    ]  # fmt: skip
    notices += [
        Notice(p.id, "pair-closed", {"name": actor.person.full_name, "pair": who.title})
        for p in [who.mentor, *who.mentees]
        if p.id != actor.person.id and repo.has_agreed(mentorship, p.id)
    ]
    return Outcome(mentorship, notices)


# -- the order (3.4, 6.2; 3.3) or the return -------------------------------------------------------------------------
@dataclass(frozen=True)
class Ordered:
    mentorship_id: int
    number: str
    on: date
    document: Attachment


async def _decidable(session: AsyncSession, actor: Actor, mentorship_id: int) -> Mentorship:
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=True)
    if mentorship is None:
        raise Refused("pair-not-found")
    require_approver(actor, mentorship)
    if mentorship.status != Status.CONFIRMED:
        raise decided(mentorship)
    return mentorship


async def check_decidable(session: AsyncSession, actor: Actor, mentorship_id: int) -> None:
    """Before asking for the order's number: refused now rather than after typing it."""
    await _decidable(session, actor, mentorship_id)


async def approve(session: AsyncSession, actor: Actor, mentorship_id: int, number: str, on: date) -> Outcome[Ordered]:
    mentorship = await _decidable(session, actor, mentorship_id)
    who = await parties(session, mentorship)
    lacking = [
        p.full_name
        for p, needed in [(who.mentor, MENTOR_CONSENTS), *((m, MENTEE_CONSENTS) for m in who.mentees)]
        if missing_consents(needed, set(await active_consents(session, p.id)))
    ]
    if lacking:  # 3.2, 3.7: no order without the written consent of the mentor and of every mentee
        raise Refused("pair-lacking-consents", names=", ".join(lacking), count=len(lacking))
    await repo.approve(session, mentorship, actor.person.id, number, on, actor.now)
    await session.commit()
    content = await order_file(session, mentorship, actor.organization, actor.person, actor.rules)
    document = Attachment(f"Приказ_{number}.docx", content, "pair-order-caption")
    due = programme_due(on, actor.rules)
    args = {"number": number, "date": on, "due": due, "mentor": who.mentor.full_name, "mentees": who.mentee_names,
            "count": len(who.mentees), "end": mentorship.end_date}  # fmt: skip
    notices = [Notice(who.mentor.id, "pair-approved-mentor", args, buttons=(Open("programme", mentorship.id),))]
    notices += [
        Notice(m.id, "pair-approved-mentee", args, buttons=(Open("programme", mentorship.id),)) for m in who.mentees
    ]
    notices += [
        Notice(
            c.id,
            "pair-approved-curator",
            {**args, "approver": actor.person.full_name, "pair": who.title},
            buttons=(Open("pair", mentorship.id),),
            attachment=document,
        )
        for c in await curators(session, mentorship)
        if c.id != actor.person.id
    ]
    return Outcome(Ordered(mentorship.id, number, on, document), notices)


@dataclass(frozen=True)
class Returned:
    mentorship_id: int
    to: list[str]  # the curators it went back to


async def return_pair(session: AsyncSession, actor: Actor, mentorship_id: int, comment: str) -> Outcome[Returned]:
    """Returned to the curator who proposed it, with the comment, the pair's names and a button to correct it."""
    mentorship = await _decidable(session, actor, mentorship_id)
    mentorship.comment = comment
    await repo.set_status(
        session, mentorship, Status.RETURNED, actor.person.id, EventAction.RETURNED, actor.now, comment=comment
    )
    await session.commit()
    who = await parties(session, mentorship)
    told = await curators(session, mentorship)
    if mentorship.proposed_by_id in {c.id for c in told}:
        told = told[:1]
    notices = [
        Notice(
            c.id,
            "pair-returned-curator",
            {"approver": actor.person.full_name, "pair": who.title, "comment": comment},
            buttons=(Open("pair", mentorship.id),),
        )
        for c in told
    ]
    return Outcome(Returned(mentorship.id, [c.full_name for c in told]), notices)


async def order_document(session: AsyncSession, actor: Actor, mentorship_id: int) -> Attachment:
    """The order fixing the pair, again, as it was signed."""
    mentorship = await repo.get_in_organization(session, actor.organization.id, mentorship_id)
    if mentorship is None or mentorship.order_number is None or mentorship.decided_by_id is None:
        raise Refused("pair-not-found")
    who = await parties(session, mentorship)
    if not (actor.has(*_deciders(mentorship)) or actor.person.id in who.ids):
        raise Refused("denied")
    signer = (await people(session, [mentorship.decided_by_id]))[mentorship.decided_by_id]
    content = await order_file(session, mentorship, actor.organization, signer, actor.rules)
    return Attachment(f"Приказ_{mentorship.order_number}.docx", content, "pair-order-caption")


# -- the history ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryLine:
    when: datetime
    who: str | None
    action: EventAction
    before: Status | None
    after: Status | None
    details: dict[str, Any]
    names: dict[int, str]  # the people its details name (old and new mentor)


async def history(session: AsyncSession, actor: Actor, mentorship_id: int) -> tuple[PairView, list[HistoryLine]]:
    """Every step of the pair's life, in order, with who took it — the old mentor kept after a replacement."""
    pair = await view(session, actor, mentorship_id)
    events = await repo.history(session, mentorship_id)
    ids = {e.actor_person_id for e in events if e.actor_person_id}
    ids |= {int(v) for e in events for k, v in e.details.items() if k in ("old_mentor", "new_mentor") and v}
    named = {i: p.full_name for i, p in (await people(session, list(ids))).items()}
    lines = [
        HistoryLine(
            e.created_at,
            named.get(e.actor_person_id or 0),
            EventAction(e.action),
            Status(e.from_status) if e.from_status else None,
            Status(e.to_status) if e.to_status else None,
            dict(e.details),
            named,
        )
        for e in events
    ]
    return pair, lines
