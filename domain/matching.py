"""Mentor suggestions for a mentee (6.1: the mentor's profile matches the mentee's requests), ranked by a score
whose reasons are shown to the curator; and the whole-pool assignment: every waiting mentee at once, as many as
the mentors' free places allow (3.7: at most three at the same time), with the greatest total fit.

The pool is a minimum-cost maximum flow (networkx's `max_flow_min_cost`): source → each mentee (capacity 1) →
each mentor (capacity 1, cost «big − score») → sink (capacity: the mentor's free places). The maximum flow
gives a mentor to as many mentees as the free places allow; among those assignments the minimum cost is the
greatest total score. Mentor capacities are edges, not copies of the mentor, and a pair that may not be
formed (the mentor is the mentee) is simply absent.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

# Weights: what the regulation puts first (6.1 — competencies against needs) weighs most.
NEED_MATCH = 10  # each need area the mentor covers
SAME_SUBJECT = 8
FORM_MATCH = 3  # each preferred form the mentor also works in
TRAINED = 4  # 3.8: trained mentors first
FREE_PLACE = 2  # each free place (a lightly loaded mentor is preferred)
PREFERRED_BY_MENTEE = 15  # the mentee named this colleague (mutual interest, 6.1)


@dataclass(frozen=True)
class MenteeProfile:
    person_id: int
    subjects: str | None
    needs: frozenset[str]
    forms: frozenset[str]
    preferred_mentor: str | None = None
    full_name: str = ""


@dataclass(frozen=True)
class MentorProfile:
    person_id: int
    full_name: str
    subjects: str | None
    competencies: frozenset[str]
    forms: frozenset[str]
    trained: bool
    capacity: int  # how many they said they can take (at most 3, 3.7)
    load: int  # mentees they have now
    connected: bool = True  # has linked Telegram: a proposal reaches them now
    consented: bool = True  # has given the written consent of a mentor (3.2)
    surveyed: bool = True  # has submitted the mentor survey

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.load)


@dataclass
class Suggestion:
    mentor: MentorProfile
    score: int
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # (text key, args)
    warnings: list[str] = field(default_factory=list)  # text keys: what stands before the order

    @property
    def free(self) -> int:
        return self.mentor.free


def _subjects(text: str | None) -> set[str]:
    return {s.strip().lower() for s in (text or "").replace(";", ",").split(",") if s.strip()}


def combined(mentees: Sequence[MenteeProfile]) -> MenteeProfile:
    """A group seen as one mentee: the needs and forms of all of them; a named colleague only for one mentee."""
    first = mentees[0]
    return MenteeProfile(
        first.person_id,
        ", ".join(dict.fromkeys(s for m in mentees for s in _subjects(m.subjects))) or None,
        frozenset().union(*(m.needs for m in mentees)),
        frozenset().union(*(m.forms for m in mentees)),
        first.preferred_mentor if len(mentees) == 1 else None,
        first.full_name,
    )


def score(mentee: MenteeProfile, mentor: MentorProfile) -> Suggestion:
    suggestion = Suggestion(mentor, 0)
    covered = sorted(mentee.needs & mentor.competencies)
    if covered:
        suggestion.score += NEED_MATCH * len(covered)
        suggestion.reasons.append(("match-needs", {"count": len(covered), "total": len(mentee.needs)}))
    if _subjects(mentee.subjects) & _subjects(mentor.subjects):
        suggestion.score += SAME_SUBJECT
        suggestion.reasons.append(("match-subject", {}))
    forms = mentee.forms & mentor.forms
    if forms:
        suggestion.score += FORM_MATCH * len(forms)
        suggestion.reasons.append(("match-forms", {"count": len(forms)}))
    if mentor.trained:
        suggestion.score += TRAINED
        suggestion.reasons.append(("match-trained", {}))
    if suggestion.free:
        suggestion.score += FREE_PLACE * suggestion.free
    suggestion.reasons.append(("match-free", {"free": suggestion.free, "capacity": mentor.capacity}))
    if mentee.preferred_mentor and mentee.preferred_mentor.strip().lower() in mentor.full_name.lower():
        suggestion.score += PREFERRED_BY_MENTEE
        suggestion.reasons.insert(0, ("match-preferred", {}))
    if not mentor.connected:
        suggestion.warnings.append("warn-not-connected")
    if not mentor.consented:
        suggestion.warnings.append("warn-no-consent")
    if not mentor.surveyed:
        suggestion.warnings.append("warn-no-survey")
    return suggestion


def rank(mentee: MenteeProfile, mentors: Sequence[MentorProfile], limit: int = 5, places: int = 1) -> list[Suggestion]:
    """Mentors with at least `places` free places, best first (ties: fewer mentees, then name)."""
    candidates = [score(mentee, m) for m in mentors if m.person_id != mentee.person_id and m.free >= places]
    candidates.sort(key=lambda s: (-s.score, s.mentor.load, s.mentor.full_name))
    return candidates[:limit]


@dataclass(frozen=True)
class Assignment:
    mentee: MenteeProfile
    suggestion: Suggestion

    @property
    def mentor(self) -> MentorProfile:
        return self.suggestion.mentor


def total(assignments: Sequence[Assignment]) -> int:
    return sum(a.suggestion.score for a in assignments)


def assign(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile]) -> list[Assignment]:
    """Every mentee a mentor where free places allow (3.7), with the greatest total score (module docstring)."""
    scores = {
        (mentee.person_id, mentor.person_id): score(mentee, mentor)
        for mentee in mentees
        for mentor in mentors
        if mentor.free > 0 and mentor.person_id != mentee.person_id
    }
    if not scores:
        return []
    big = max(s.score for s in scores.values()) + 1
    graph = nx.DiGraph()
    for mentee in mentees:
        graph.add_edge("source", ("mentee", mentee.person_id), capacity=1, weight=0)
    for mentor in mentors:
        if mentor.free > 0:
            graph.add_edge(("mentor", mentor.person_id), "sink", capacity=mentor.free, weight=0)
    for (mentee_id, mentor_id), suggestion in scores.items():
        graph.add_edge(("mentee", mentee_id), ("mentor", mentor_id), capacity=1, weight=big - suggestion.score)
    flow = nx.max_flow_min_cost(graph, "source", "sink")
    chosen = []
    for mentee in mentees:
        for (kind, mentor_id), amount in flow.get(("mentee", mentee.person_id), {}).items():
            if kind == "mentor" and amount:
                chosen.append(Assignment(mentee, scores[(mentee.person_id, mentor_id)]))
    return chosen


def greedy(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile]) -> list[Assignment]:
    """Best remaining pair first — what a curator does by hand. Kept to compare with `assign`, which never gives a
    mentor to fewer mentees and, for as many, never a smaller total."""
    free = {m.person_id: m.free for m in mentors}
    chosen: list[Assignment] = []
    taken: set[int] = set()
    candidates = sorted(
        (
            (score(mentee, mentor), mentee)
            for mentee in mentees
            for mentor in mentors
            if mentor.person_id != mentee.person_id and mentor.free > 0
        ),
        key=lambda pair: -pair[0].score,
    )
    for suggestion, mentee in candidates:
        if mentee.person_id in taken or free[suggestion.mentor.person_id] <= 0:
            continue
        taken.add(mentee.person_id)
        free[suggestion.mentor.person_id] -= 1
        chosen.append(Assignment(mentee, suggestion))
    return chosen
