"""The curator's daily digest: what is overdue and what falls due within a week.

However large the school (or a department's set of schools), the digest is ONE readable message:
counts by kind, then the most urgent items — overdue first (the longest overdue first), then the
soonest — as many as fit, and the full list goes along as a spreadsheet. Pure: no I/O, no texts.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.deadlines import DeadlineKind

UPCOMING_DAYS = 7  # the digest lists what falls due within a week
TELEGRAM_LIMIT = 4096  # characters in one message
KIND_ORDER = [kind.value for kind in DeadlineKind]


@dataclass(frozen=True)
class DigestItem:
    kind: str  # a DeadlineKind value
    name: str  # whom or what it is about: the mentee, the activity, the questionnaire…
    due: date
    school: str = ""  # filled when the digest covers several schools

    def days_left(self, today: date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class Digest:
    today: date
    items: list[DigestItem]  # most urgent first
    overdue: dict[str, int] = field(default_factory=dict)  # kind -> count, in KIND_ORDER
    upcoming: dict[str, int] = field(default_factory=dict)
    schools: int = 1

    @property
    def empty(self) -> bool:
        return not self.items


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _sort_key(item: DigestItem) -> tuple[date, int, str, str]:
    return item.due, _rank(item.kind), item.school, item.name


def _counts(items: Iterable[DigestItem]) -> dict[str, int]:
    counted = Counter(item.kind for item in items)
    return {kind: counted[kind] for kind in sorted(counted, key=lambda k: (_rank(k), k))}


def build_digest(items: Iterable[DigestItem], today: date, upcoming_days: int = UPCOMING_DAYS) -> Digest:
    """Keep what is overdue or due within `upcoming_days`; most urgent first."""
    until = today + timedelta(days=upcoming_days)
    kept = sorted((item for item in items if item.due <= until), key=_sort_key)
    overdue = [item for item in kept if item.due < today]
    upcoming = [item for item in kept if item.due >= today]
    return Digest(
        today=today,
        items=kept,
        overdue=_counts(overdue),
        upcoming=_counts(upcoming),
        schools=len({item.school for item in kept}) or 1,
    )


def fitting(parts: Sequence[str], budget: int, separator: str = "\n") -> int:
    """How many of `parts`, from the first, fit into `budget` characters when joined by `separator`."""
    used, count = 0, 0
    for part in parts:
        cost = len(part) + (len(separator) if count else 0)
        if used + cost > budget:
            break
        used += cost
        count += 1
    return count
