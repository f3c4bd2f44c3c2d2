"""Monitoring of the mentorship system (3.5): what every indicator of the dashboard, the statistics and the
annual analytic report means, computed from plain facts (db/repositories/monitoring.py reads them).

The Ministry's recommendations (letter АЗ-1128/08 of 21.12.2021; МР of 2020) monitor in two stages:
stage 1 — the process of the personalized programmes (deadlines met, activities done, meetings held);
stage 2 — the participants' growth (the mentees' ratings of their mentors, the mentors' recommendations,
retention of young teachers, courses and competitions entered).

Definitions (each figure of a document can be recounted from the database by these rules):
- staff: active people of the school except the education department's staff (3.3);
- a young teacher: 0–3 full years of teaching experience. The national definition also counts teachers
  under 35; the bot does not collect dates of birth (152-FZ: minimal data), so experience decides;
- a mentorship runs in a period when it was approved by order (approved or completed), started on or
  before the period's last day and ended (completed, or planned to end) on or after its first day;
- involved: staff who are the mentor or a mentee of a mentorship running in the period; the share of
  involved staff is compared with the national target of 70 %;
- deadlines: a mentee's mentor by order no later than 30 days after the actual start of work (3.7), the
  programme sent to the mentee no later than 10 days after the order (3.6, the first sending counts), each
  report no later than 10 days after the end (3.6). Met: done by the due day; late: done after it;
  overdue: not done and the due day has passed; pending: not done, still in time.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.mentorship import report_due  # 3.6: each rule in one place
from domain.programme import programme_due
from domain.rules import OrgRules

YOUNG_MAX_EXPERIENCE = 3  # «молодой специалист»: 0–3 years of experience
INVOLVEMENT_TARGET = 70  # %: the national target for the share of teachers involved in mentorship
RUNNING = ("approved", "completed")  # approved by order (3.4, 6.2), possibly finished since (7.1)
OPEN = ("proposed", "confirmed", "approved")  # occupy a place with the mentor (3.7)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def school_year_period(year: int) -> Period:
    """1 September – 31 August (domain/school_year.py)."""
    return Period(date(year, 9, 1), date(year + 1, 8, 31))


def is_young(experience_years: int | None) -> bool:
    return experience_years is not None and experience_years <= YOUNG_MAX_EXPERIENCE


def share(part: int, whole: int) -> float | None:
    """A percentage with one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def runs_in(status: str, start: date | None, end: date | None, period: Period) -> bool:
    return status in RUNNING and start is not None and start <= period.end and (end is None or end >= period.start)


# -- deadlines ------------------------------------------------------------------------------------------------
class DeadlineState(StrEnum):
    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"


def deadline_state(due: date, done_on: date | None, today: date) -> DeadlineState:
    if done_on is not None:
        return DeadlineState.MET if done_on <= due else DeadlineState.LATE
    return DeadlineState.OVERDUE if today > due else DeadlineState.PENDING


def assignment_due(work_start: date, rules: OrgRules) -> date:
    """3.7: no later than 30 calendar days from the actual start of work."""
    return work_start + timedelta(days=rules.mentor_assignment_days)


@dataclass(frozen=True)
class DeadlineTally:
    met: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.met + self.late + self.overdue + self.pending

    @property
    def due(self) -> int:
        """Deadlines whose day has come: met, late or overdue."""
        return self.met + self.late + self.overdue

    @property
    def in_time_share(self) -> float | None:
        return share(self.met, self.due)


def tally(states: Iterable[DeadlineState]) -> DeadlineTally:
    counts = Counter(states)
    return DeadlineTally(
        counts[DeadlineState.MET],
        counts[DeadlineState.LATE],
        counts[DeadlineState.OVERDUE],
        counts[DeadlineState.PENDING],
    )


# -- completion (7.1) -----------------------------------------------------------------------------------------
class CompletionWay(StrEnum):
    """The three ways a personalized programme ends (7.1)."""

    FULFILLED = "fulfilled"  # the plan of activities is carried out in full
    INITIATIVE = "initiative"  # the mentor's or the mentee's initiative, or both (valid reasons)
    CURATOR = "curator"  # the curator's initiative: the programme is not being carried out


def completion_way(reason: str | None) -> CompletionWay:
    if reason == "fulfilled":
        return CompletionWay.FULFILLED
    if reason == "curator":
        return CompletionWay.CURATOR
    return CompletionWay.INITIATIVE


# -- facts read from the database -----------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffFact:
    person_id: int
    experience_years: int | None
    roles: frozenset[str]


@dataclass(frozen=True)
class MentorshipFact:
    id: int
    mentor_id: int
    mentee_ids: tuple[int, ...]
    form: str
    status: str
    created_on: date
    order_date: date | None
    start_date: date | None
    end_date: date | None
    completed_on: date | None
    completion_reason: str | None
    programme_sent_on: date | None  # the first sending of the programme to the mentee(s)
    programme_status: str | None

    @property
    def ends_on(self) -> date | None:
        return self.completed_on or self.end_date

    @property
    def is_group(self) -> bool:
        return len(self.mentee_ids) > 1


@dataclass(frozen=True)
class NewcomerFact:
    """A mentee with a date of actual start of work, and the first order that gave them a mentor (3.7)."""

    person_id: int
    work_start: date
    assigned_on: date | None


@dataclass(frozen=True)
class ReportFact:
    mentorship_id: int
    person_id: int
    role: str  # mentor | mentee
    ended_on: date
    submitted_on: date | None


@dataclass(frozen=True)
class ItemFact:
    mentorship_id: int
    status: str  # planned | done | accepted | returned
    due_date: date


@dataclass(frozen=True)
class CampaignFact:
    id: int
    questionnaire_code: str
    due_date: date
    invited: int
    submitted: int


# -- the dashboard --------------------------------------------------------------------------------------------
@dataclass
class Dashboard:
    period: Period
    today: date
    staff: int = 0
    young: int = 0
    young_mentees: int = 0  # young teachers who are mentees of a running mentorship
    mentors: int = 0
    mentees: int = 0
    involved: int = 0
    pairs: int = 0
    groups: int = 0
    by_form: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    mentor_load: dict[int, int] = field(default_factory=dict)  # mentees now → how many mentors have that many
    over_capacity: int = 0
    assignment: DeadlineTally = field(default_factory=DeadlineTally)
    programmes: DeadlineTally = field(default_factory=DeadlineTally)
    reports: DeadlineTally = field(default_factory=DeadlineTally)
    overdue_now: list[tuple[str, int, date]] = field(default_factory=list)  # (kind, subject id, due)
    items_total: int = 0
    items_accepted: int = 0
    items_waiting: int = 0  # done by the mentee, waiting for the mentor's check (4.1)
    items_overdue: int = 0
    programme_status: dict[str, int] = field(default_factory=dict)
    campaigns: list[CampaignFact] = field(default_factory=list)

    @property
    def involvement(self) -> float | None:
        return share(self.involved, self.staff)

    @property
    def young_share(self) -> float | None:
        return share(self.young_mentees, self.young)

    @property
    def meets_target(self) -> bool:
        return (self.involvement or 0) >= INVOLVEMENT_TARGET


def running(mentorships: Sequence[MentorshipFact], period: Period) -> list[MentorshipFact]:
    return [m for m in mentorships if runs_in(m.status, m.start_date, m.ends_on, period)]


def of_period(mentorships: Sequence[MentorshipFact], period: Period) -> list[MentorshipFact]:
    """The mentorships the period's status table counts: those running in it, and those proposed,
    confirmed, returned or declined whose proposal was made in it."""
    return [
        m
        for m in mentorships
        if runs_in(m.status, m.start_date, m.ends_on, period)
        or (m.status not in RUNNING and period.contains(m.created_on))
    ]


def compute_dashboard(
    period: Period,
    today: date,
    rules: OrgRules,
    staff: Sequence[StaffFact],
    mentorships: Sequence[MentorshipFact],
    newcomers: Sequence[NewcomerFact],
    reports: Sequence[ReportFact],
    items: Sequence[ItemFact],
    campaigns: Sequence[CampaignFact] = (),
) -> Dashboard:
    board = Dashboard(period, today)
    staff_ids = {s.person_id for s in staff}
    young_ids = {s.person_id for s in staff if is_young(s.experience_years)}
    board.staff, board.young = len(staff_ids), len(young_ids)

    active = running(mentorships, period)
    mentor_ids = {m.mentor_id for m in active}
    mentee_ids = {p for m in active for p in m.mentee_ids}
    board.mentors, board.mentees = len(mentor_ids), len(mentee_ids)
    board.involved = len((mentor_ids | mentee_ids) & staff_ids)
    board.young_mentees = len(mentee_ids & young_ids)
    board.groups = sum(1 for m in active if m.is_group)
    board.pairs = len(active) - board.groups
    board.by_form = dict(Counter(m.form for m in active))
    board.by_status = dict(Counter(m.status for m in of_period(mentorships, period)))

    loads: Counter[int] = Counter()
    for m in mentorships:
        if m.status in OPEN:
            loads[m.mentor_id] += len(m.mentee_ids)
    board.mentor_load = dict(Counter(loads.values()))
    board.over_capacity = sum(1 for n in loads.values() if n > rules.max_mentees_per_mentor)

    # 3.7: newcomers who started work in the period
    states = []
    for n in newcomers:
        if not period.contains(n.work_start):
            continue
        due = assignment_due(n.work_start, rules)
        state = deadline_state(due, n.assigned_on, today)
        states.append(state)
        if state is DeadlineState.OVERDUE:
            board.overdue_now.append(("assignment", n.person_id, due))
    board.assignment = tally(states)

    # 3.6: programmes of the mentorships approved by order in the period
    states = []
    for m in mentorships:
        if m.status not in RUNNING or not period.contains(m.order_date):
            continue
        assert m.order_date is not None
        due = programme_due(m.order_date, rules)
        state = deadline_state(due, m.programme_sent_on, today)
        states.append(state)
        if state is DeadlineState.OVERDUE and m.status == "approved":
            board.overdue_now.append(("programme", m.id, due))
    board.programmes = tally(states)

    # 3.6: reports of the mentorships completed in the period
    states = []
    for r in reports:
        if not period.contains(r.ended_on):
            continue
        due = report_due(r.ended_on, rules)
        state = deadline_state(due, r.submitted_on, today)
        states.append(state)
        if state is DeadlineState.OVERDUE:
            board.overdue_now.append((f"report_{r.role}", r.person_id, due))
    board.reports = tally(states)

    active_ids = {m.id for m in active}
    own_items = [i for i in items if i.mentorship_id in active_ids]
    board.items_total = len(own_items)
    board.items_accepted = sum(1 for i in own_items if i.status == "accepted")
    board.items_waiting = sum(1 for i in own_items if i.status == "done")
    board.items_overdue = sum(1 for i in own_items if i.status in ("planned", "returned") and i.due_date < today)
    board.programme_status = dict(Counter(m.programme_status or "none" for m in active))
    board.campaigns = [c for c in campaigns]
    return board


# -- statistics for a period (3.5: the statistical observation forms) -----------------------------------------
@dataclass
class Statistics:
    period: Period
    participants: dict[str, dict[str, int]] = field(default_factory=dict)  # form → {"mentors": n, "mentees": n}
    total_mentors: int = 0
    total_mentees: int = 0
    started: dict[str, int] = field(default_factory=dict)  # form → mentorships started in the period
    completed: dict[str, int] = field(default_factory=dict)  # completion way (7.1) → count
    completed_by_reason: dict[str, int] = field(default_factory=dict)  # 7.1 reason → count
    extended: int = 0  # 7.2
    corrected: int = 0  # 7.2
    replacements: dict[str, int] = field(default_factory=dict)  # 3.8 reason → count


@dataclass(frozen=True)
class ChangeFact:
    kind: str  # extend | correct | replace
    status: str
    reason: str | None
    decided_on: date | None


def compute_statistics(
    period: Period, mentorships: Sequence[MentorshipFact], changes: Sequence[ChangeFact]
) -> Statistics:
    stats = Statistics(period)
    active = running(mentorships, period)
    for form in sorted({m.form for m in active}):
        of_form = [m for m in active if m.form == form]
        stats.participants[form] = {
            "mentors": len({m.mentor_id for m in of_form}),
            "mentees": len({p for m in of_form for p in m.mentee_ids}),
        }
    stats.total_mentors = len({m.mentor_id for m in active})
    stats.total_mentees = len({p for m in active for p in m.mentee_ids})
    stats.started = dict(Counter(m.form for m in mentorships if m.status in RUNNING and period.contains(m.start_date)))
    finished = [m for m in mentorships if m.status == "completed" and period.contains(m.completed_on)]
    stats.completed = {way.value: 0 for way in CompletionWay} | dict(
        Counter(completion_way(m.completion_reason).value for m in finished)
    )
    stats.completed_by_reason = dict(Counter(m.completion_reason or "fulfilled" for m in finished))
    applied = [c for c in changes if period.contains(c.decided_on)]
    stats.extended = sum(1 for c in applied if c.kind == "extend" and c.status == "agreed")
    stats.corrected = sum(1 for c in applied if c.kind == "correct" and c.status == "agreed")
    stats.replacements = dict(
        Counter(c.reason or "other" for c in applied if c.kind == "replace" and c.status == "approved")
    )
    return stats


# -- stage 2: growth ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GrowthFact:
    person_id: int
    kind: str  # course | competition | certification
    held_on: date


@dataclass
class Growth:
    ratings: dict[str, int] = field(default_factory=dict)  # mentee_report.rating option → count
    scales: dict[str, float] = field(default_factory=dict)  # mentee_report scale question → average
    mentee_reports: int = 0
    mentor_reports: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)  # mentor_report.verdict → count
    fulfilment: dict[str, int] = field(default_factory=dict)  # mentor_report.fulfilment → count
    recommendations: int = 0  # mentor reports with recommendations (3.6)
    young_mentees: int = 0  # young teachers who were mentees in the year
    young_retained: int = 0  # …of them still working at the school
    growth_events: dict[str, int] = field(default_factory=dict)  # kind → records in the period
    growth_people: dict[str, int] = field(default_factory=dict)  # kind → distinct people

    @property
    def retention(self) -> float | None:
        return share(self.young_retained, self.young_mentees)

    @property
    def good_ratings_share(self) -> float | None:
        good = self.ratings.get("excellent", 0) + self.ratings.get("good", 0)
        return share(good, sum(self.ratings.values()))


MENTEE_SCALES = ("time_enough", "theory_useful", "practice_useful", "settled", "ready_alone")


def compute_growth(
    period: Period,
    mentee_reports: Sequence[Mapping[str, Any]],
    mentor_reports: Sequence[Mapping[str, Any]],
    young_mentees: Mapping[int, bool],  # person id → still active at the school
    growth: Sequence[GrowthFact],
    participants: set[int],
) -> Growth:
    result = Growth()
    result.mentee_reports, result.mentor_reports = len(mentee_reports), len(mentor_reports)
    result.ratings = dict(Counter(str(a["rating"]) for a in mentee_reports if isinstance(a.get("rating"), str)))
    for key in MENTEE_SCALES:
        values = [a[key] for a in mentee_reports if isinstance(a.get(key), int)]
        if values:
            result.scales[key] = round(sum(values) / len(values), 2)
    result.verdicts = dict(Counter(str(a["verdict"]) for a in mentor_reports if isinstance(a.get("verdict"), str)))
    result.fulfilment = dict(
        Counter(str(a["fulfilment"]) for a in mentor_reports if isinstance(a.get("fulfilment"), str))
    )
    result.recommendations = sum(1 for a in mentor_reports if a.get("recommendations"))
    result.young_mentees = len(young_mentees)
    result.young_retained = sum(1 for active in young_mentees.values() if active)
    own = [g for g in growth if period.contains(g.held_on) and g.person_id in participants]
    result.growth_events = dict(Counter(g.kind for g in own))
    result.growth_people = {
        kind: len({g.person_id for g in own if g.kind == kind}) for kind in sorted({g.kind for g in own})
    }
    return result


# -- problems and risks ---------------------------------------------------------------------------------------
def risks(board: Dashboard, growth: Growth | None, rules: OrgRules) -> list[tuple[str, dict[str, Any]]]:
    """Problems the figures show, as (text key, arguments), worst first."""
    found: list[tuple[str, dict[str, Any]]] = []
    if board.involvement is not None and board.involvement < INVOLVEMENT_TARGET:
        found.append(("risk-involvement", {"share": board.involvement, "target": INVOLVEMENT_TARGET}))
    for kind, tallied in (("assignment", board.assignment), ("programme", board.programmes), ("report", board.reports)):
        missed = tallied.late + tallied.overdue
        if missed:
            found.append((f"risk-{kind}", {"missed": missed, "total": tallied.due}))
    if board.items_overdue:
        found.append(("risk-items", {"count": board.items_overdue}))
    full = board.mentor_load.get(rules.max_mentees_per_mentor, 0)
    if full:
        found.append(("risk-load", {"count": full, "max": rules.max_mentees_per_mentor}))
    if growth is not None:
        poor = growth.ratings.get("satisfactory", 0) + growth.ratings.get("unsatisfactory", 0)
        if poor:
            found.append(("risk-ratings", {"count": poor}))
        if growth.young_mentees and growth.young_retained < growth.young_mentees:
            found.append(("risk-retention", {"left": growth.young_mentees - growth.young_retained}))
    if board.young and not board.young_mentees:
        found.append(("risk-young", {"count": board.young}))
    return found


# -- questionnaire summaries ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionSummary:
    question: str
    answered: int
    counts: list[tuple[str, int]]  # (option label, count), in the questionnaire's order
    average: float | None = None  # for scales


def summarise(questions: Sequence[Any], answers: Sequence[Mapping[str, Any]]) -> list[QuestionSummary]:
    """Closed questions only (single, multi, scale, yes/no): counts by option; free text is not summarised,
    it names people and stays in each response."""
    summaries = []
    for question in questions:
        kind = str(question.type)
        values = [a[question.id] for a in answers if question.id in a]
        if not values:
            continue
        if kind in ("single", "multi"):
            counter: Counter[str] = Counter()
            for value in values:
                for item in value if isinstance(value, list) else [value]:
                    counter["__other__" if isinstance(item, dict) else str(item)] += 1
            counts = [(o.label, counter[o.value]) for o in question.options]
            if counter["__other__"]:
                counts.append((question.other_label, counter["__other__"]))
            summaries.append(QuestionSummary(question.text, len(values), counts))
        elif kind == "scale":
            numbers = [v for v in values if isinstance(v, int)]
            counts = [(str(n), numbers.count(n)) for n in range(question.minimum, question.maximum + 1)]
            average = round(sum(numbers) / len(numbers), 2) if numbers else None
            summaries.append(QuestionSummary(question.text, len(numbers), counts, average))
        elif kind == "yesno":
            summaries.append(
                QuestionSummary(question.text, len(values), [("да", values.count(True)), ("нет", values.count(False))])
            )
    return summaries
