"""Mentor suggestions for a mentee (6.1: the mentor's profile matches the mentee's requests), ranked by
a score whose reasons are shown to the curator."""

from collections.abc import Sequence
from dataclasses import dataclass, field

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


@dataclass
class Suggestion:
    mentor: MentorProfile
    score: int
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # (locale key, args)

    @property
    def free(self) -> int:
        return max(0, self.mentor.capacity - self.mentor.load)


def _subjects(text: str | None) -> set[str]:
    return {s.strip().lower() for s in (text or "").replace(";", ",").split(",") if s.strip()}


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
    return suggestion


def rank(mentee: MenteeProfile, mentors: Sequence[MentorProfile], limit: int = 5) -> list[Suggestion]:
    """Mentors with a free place, best first (ties: fewer mentees, then name)."""
    candidates = [score(mentee, m) for m in mentors if m.person_id != mentee.person_id]
    candidates = [s for s in candidates if s.free > 0]
    candidates.sort(key=lambda s: (-s.score, s.mentor.load, s.mentor.full_name))
    return candidates[:limit]
