"""Whole-pool matching: every mentee waiting for a mentor at once (3.7: within 30 days of starting work), an
assignment that gives a mentor to as many of them as the mentors' free places allow (3.7: at most three at the
same time) with the greatest total fit (domain/matching.py `assign`); each pair with its reasons (6.1). The
curator accepts, changes or drops each pair; the accepted ones go out as proposals, each checked under row locks
like a single proposal."""

from collections import Counter
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import mentorships as repo
from domain.matching import Assignment, MenteeProfile, MentorProfile, Suggestion, assign, rank, score
from domain.mentorship import Form, Proposal, ProposalProblem
from services.outcome import Actor, Notice, Outcome, Refused
from services.pairs import SUGGESTIONS, invitation
from services.parties import parties, people, require_curator


async def _pool(session: AsyncSession, actor: Actor) -> tuple[list[MenteeProfile], list[MentorProfile]]:
    mentees = [p for p, busy in await repo.waiting_mentees(session, actor.organization.id) if not busy]
    profiles = [await repo.mentee_profile(session, p) for p in mentees]
    ids = {p.id for p in mentees}
    mentors = [
        m for m in await repo.mentor_profiles(session, actor.organization.id, actor.rules) if m.person_id not in ids
    ]
    return profiles, mentors


async def plan(session: AsyncSession, actor: Actor) -> list[Assignment]:
    """The best assignment of the whole pool of waiting mentees, in the order of the waiting list."""
    require_curator(actor)
    mentees, mentors = await _pool(session, actor)
    return assign(mentees, mentors)


async def waiting(session: AsyncSession, actor: Actor) -> int:
    """How many mentees wait for a mentor with nothing proposed to them yet."""
    require_curator(actor)
    return len((await _pool(session, actor))[0])


async def left_out(session: AsyncSession, actor: Actor, planned: list[tuple[int, int]]) -> list[str]:
    """The waiting mentees the plan gives nobody (the approved mentors' places ran out), by name."""
    require_curator(actor)
    mentees, _mentors = await _pool(session, actor)
    taken = {mentee for mentee, _mentor in planned}
    return [m.full_name for m in mentees if m.person_id not in taken]


async def review(session: AsyncSession, actor: Actor, planned: list[tuple[int, int]]) -> list[Assignment]:
    """The curator's current plan, (mentee, mentor) pairs, each with its score and reasons (6.1)."""
    require_curator(actor)
    mentees, mentors = await _pool(session, actor)
    by_mentee = {m.person_id: m for m in mentees}
    by_mentor = {m.person_id: m for m in mentors}
    return [
        Assignment(by_mentee[mentee], score(by_mentee[mentee], by_mentor[mentor]))
        for mentee, mentor in planned
        if mentee in by_mentee and mentor in by_mentor
    ]


async def alternatives(
    session: AsyncSession, actor: Actor, mentee_id: int, planned: dict[int, int]
) -> list[Suggestion]:
    """Other mentors for one mentee of the plan: those with a place left once the rest of the plan is counted."""
    require_curator(actor)
    mentees, mentors = await _pool(session, actor)
    mentee = next((m for m in mentees if m.person_id == mentee_id), None)
    if mentee is None:
        raise Refused("pair-not-waiting")
    taken = Counter(mentor for other, mentor in planned.items() if other != mentee_id)
    room = [replace(m, load=m.load + taken[m.person_id]) for m in mentors if m.free > taken[m.person_id]]
    return rank(mentee, room, SUGGESTIONS)


@dataclass(frozen=True)
class PlanSent:
    sent: list[int]  # the mentorships proposed
    refused: list[tuple[int, ProposalProblem]]  # (mentee, why) — somebody acted in the meantime


async def send(
    session: AsyncSession, actor: Actor, pairs: list[tuple[int, int]], form: Form, months: int
) -> Outcome[PlanSent]:
    """(mentee, mentor) pairs proposed at once, each checked under row locks (3.7); committed once."""
    require_curator(actor)
    if form is Form.GROUP:
        raise Refused("pair-problem-group-too-small")
    created, refused = [], []
    for mentee_id, mentor_id in pairs:
        proposal = Proposal(mentor_id, (mentee_id,), form, months)
        result = await repo.propose(session, actor.organization.id, actor.person.id, proposal, actor.rules)
        if isinstance(result, ProposalProblem):
            refused.append((mentee_id, result))
        else:
            created.append(result)
    await session.commit()
    notices: list[Notice] = []
    for mentorship in created:
        who = await parties(session, mentorship)
        notices += [invitation(mentorship, who, actor.person.full_name, p) for p in [who.mentor, *who.mentees]]
    return Outcome(PlanSent([m.id for m in created], refused), notices)


async def names(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    return {i: p.full_name for i, p in (await people(session, ids)).items()}
