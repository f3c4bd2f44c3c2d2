"""The banks of mentors and mentees (road map, stages 2–3; 3.5, 3.8): browsed, exported, and decided by the
curator — a mentor candidate approved only with both written consents (3.2; 152-FZ) or rejected; anybody
archived and restored."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.registry import latest_definition, questionnaire_of
from db.repositories import banks as repo
from db.repositories.audit import record_event
from db.repositories.mentorships import load_of
from db.repositories.people import add_role
from documents.spreadsheets import bank_xlsx
from domain.banks import (
    QUESTIONNAIRE,
    BankKind,
    BankProblem,
    Decision,
    MentorStatus,
    decide,
    mentor_assignment_deadline,
    missing_for_mentor_approval,
)
from domain.consents import ConsentKind
from domain.dates import format_date
from domain.questionnaire import Progress, Questionnaire, display, progress
from domain.roles import Role
from locales import texts
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused

Labels = Callable[..., str]  # a text key (and its arguments) → its Russian wording (Texts.plain)

# The answers a card and the export show, by the bank's questionnaire's question ids (short labels from YAML).
SHOWN: dict[BankKind, tuple[str, ...]] = {
    BankKind.MENTEE: ("need_areas", "difficulties", "goals", "forms", "preferred_mentor"),
    BankKind.MENTOR: (
        "subjects",
        "experience",
        "category",
        "competencies",
        "training",
        "capacity",
        "forms",
        "availability",
    ),
}


@dataclass(frozen=True)
class BankCard:
    row: repo.BankRow
    bank: BankKind
    answers: list[tuple[str, str]]  # (short label, answer)
    draft: Progress | None
    load: int  # mentors: mentees now (3.7)
    capacity: int  # mentors: how many they may take, never above the maximum
    deadline: date | None  # mentees: assign a mentor by (3.7)
    days_left: int | None
    missing: list[ConsentKind]  # mentors: the consents the approval still needs


async def _questionnaire(session: AsyncSession, bank: BankKind) -> Questionnaire | None:
    definition = await latest_definition(session, QUESTIONNAIRE[bank])
    return questionnaire_of(definition) if definition else None


def _capacity(row: repo.BankRow, actor: Actor) -> int:
    """How many mentees the mentor said they can take, never above the 3.7 maximum."""
    maximum = actor.rules.max_mentees_per_mentor
    declared = (row.submitted.answers.get("capacity") if row.submitted else None) or maximum
    return min(int(declared), maximum)


async def listing(session: AsyncSession, actor: Actor, bank: BankKind) -> list[repo.BankRow]:
    return await repo.bank_rows(session, actor.organization.id, bank)


async def _card(session: AsyncSession, actor: Actor, bank: BankKind, row: repo.BankRow) -> BankCard:
    questionnaire = await _questionnaire(session, bank)
    answers = []
    if row.submitted is not None and questionnaire is not None:
        for qid in SHOWN[bank]:
            if qid in row.submitted.answers:
                question = questionnaire.question(qid)
                answers.append((question.label, display(question, row.submitted.answers[qid])))
    draft = progress(questionnaire, row.draft.answers) if row.draft and questionnaire else None
    start = row.person.work_start_date
    deadline = mentor_assignment_deadline(start, actor.rules) if bank is BankKind.MENTEE and start else None
    return BankCard(
        row,
        bank,
        answers,
        draft,
        await load_of(session, row.person.id) if bank is BankKind.MENTOR else 0,
        _capacity(row, actor) if bank is BankKind.MENTOR else 0,
        deadline,
        (deadline - actor.today).days if deadline else None,
        missing_for_mentor_approval(row.consents) if bank is BankKind.MENTOR else [],
    )


async def card(session: AsyncSession, actor: Actor, bank: BankKind, person_id: int) -> BankCard:
    row = await repo.row_of(session, actor.organization.id, bank, person_id)
    if row is None:
        raise Refused("staff-not-found")
    return await _card(session, actor, bank, row)


@dataclass(frozen=True)
class ConsentsAsked:
    """A mentor candidate can't be approved yet: these consents are missing (3.2; 152-FZ); the candidate is asked."""

    name: str
    missing: list[ConsentKind]
    connected: bool  # whether the request reaches them (they have opened their invitation)


def consent_kinds(kinds: list[ConsentKind]) -> str:
    """«на обработку персональных данных и на назначение наставником»."""
    names = [texts().plain(f"consent-kind-{k}") for k in kinds]
    return " и ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " и " + names[-1]


async def decide_on(
    session: AsyncSession, actor: Actor, bank: BankKind, person_id: int, decision: Decision
) -> Outcome[BankCard | ConsentsAsked]:
    """The curator's decision. 3.2: a mentor is approved only with their written consent (and the 152-FZ one):
    without them nothing changes and the candidate is asked for them (`ConsentsAsked`). A decision already
    taken (by another curator, or a stale button) says what it was."""
    if not actor.has(Role.CURATOR):
        raise Refused("denied")
    person = await repo.lock_person(session, actor.organization.id, person_id)
    row = await repo.row_of(session, actor.organization.id, bank, person_id) if person else None
    if person is None or row is None:
        raise Refused("staff-not-found")
    outcome = decide(bank, row.status, decision, row.consents)
    if outcome is BankProblem.DECIDED:
        raise Refused("bank-already-decided", status=row.status)
    if outcome is BankProblem.NO_CONSENT:
        # Nothing changes; the candidate is asked for the consents the approval waits for (3.2), with a button.
        missing = missing_for_mentor_approval(row.consents)
        await session.commit()  # nothing was changed: only the lock on the person is let go
        asked = ConsentsAsked(person.full_name, missing, person.telegram_user_id is not None)
        request = Notice(
            person.id,
            "bank-consent-request",
            {"curator": actor.person.full_name, "kinds": consent_kinds(missing), "count": len(missing)},
            (Open(f"consent_{missing[0]}") if len(missing) == 1 else Open("privacy"),),
        )
        return Outcome(asked, [request] if person.id != actor.person.id else [])
    assert not isinstance(outcome, BankProblem)
    if outcome is MentorStatus.APPROVED:
        await add_role(session, person, Role.MENTOR)
    await repo.set_status(session, person, bank, outcome, actor.person.id, actor.now)
    await record_event(
        session,
        f"bank_{decision}",
        organization_id=actor.organization.id,
        actor_person_id=actor.person.id,
        person_id=person.id,
        bank=bank.value,
        status=outcome.value,
    )
    await session.commit()
    notices = []
    if decision in (Decision.APPROVE, Decision.REJECT) and person.id != actor.person.id:
        notices.append(Notice(person.id, f"bank-you-{decision}", {"curator": actor.person.full_name}, (Open("menu"),)))
    return Outcome(await card(session, actor, bank, person.id), notices)


async def export(session: AsyncSession, actor: Actor, bank: BankKind, labels: Labels) -> tuple[Attachment, int]:
    """The bank as an XLSX for the paper file: short column labels, one row per person (and how many)."""
    rows = await listing(session, actor, bank)
    questionnaire = await _questionnaire(session, bank)
    questions = [questionnaire.question(qid) for qid in SHOWN[bank]] if questionnaire else []
    header = [
        labels(f"xlsx-{key}")
        for key in ("name", "position", "subjects", "start", "status", "questionnaire", "consents")
    ]
    header.append(labels("xlsx-deadline") if bank is BankKind.MENTEE else labels("xlsx-load"))
    header += [q.label for q in questions]
    table: list[list[object]] = []
    for row in rows:
        person = row.person
        state = await _card(session, actor, bank, row)
        if row.submitted is not None and row.submitted.submitted_at is not None:
            filled = labels(
                "bank-q-submitted", date=format_date(row.submitted.submitted_at.astimezone(actor.tz).date())
            )
        elif state.draft is not None:
            filled = labels("bank-q-progress", done=state.draft.answered, total=state.draft.total)
        else:
            filled = labels("bank-q-none")
        line: list[object] = [
            person.full_name,
            person.position,
            person.subjects,
            format_date(person.work_start_date) if person.work_start_date else None,
            labels(f"bank-status-short-{row.status}"),
            filled,
            ", ".join(labels(f"consent-short-{k}") for k in ConsentKind if k in row.consents),
            (format_date(state.deadline) if state.deadline else None)
            if bank is BankKind.MENTEE
            else labels("bank-load-cell", load=state.load, capacity=state.capacity),
        ]
        answers = row.submitted.answers if row.submitted else {}
        line += [display(q, answers[q.id]) if q.id in answers else None for q in questions]
        table.append(line)
    content = bank_xlsx(labels(f"bank-sheet-{bank}"), header, table)
    return Attachment(f"{labels(f'bank-file-{bank}')}_{actor.today:%d.%m.%Y}.xlsx", content), len(table)
