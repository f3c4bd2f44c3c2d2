"""The banks of mentors and mentees (road map steps 2–3, 3.5, 3.8): browsed page by page, filtered by
status, exported as .xlsx; the curator approves mentor candidates (with both consents) and archives."""

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.registry import latest_definition, questionnaire_of
from db.repositories import banks as banks_repo
from db.repositories.audit import record_event
from db.repositories.mentorships import load_of
from db.repositories.people import add_role
from documents.tables import table_xlsx
from domain.banks import MenteeStatus, MentorStatus, mentor_assignment_deadline, missing_for_mentor_approval
from domain.consents import ConsentKind
from domain.dates import format_date
from domain.questionnaire import Questionnaire, display
from domain.questionnaire import progress as answer_progress
from domain.roles import Role
from domain.rules import OrgRules
from handlers.callbacks import BankCb, BankPage, MenuCb
from handlers.filters import HasRole
from handlers.keyboards import button, keyboard, pager_row
from handlers.menu import back_to_menu, show_in_place
from locales import Html, Texts

viewers = Router(name="banks_view")
viewers.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL))
deciders = Router(name="banks_decide")
deciders.callback_query.filter(HasRole(Role.CURATOR))
router = Router(name="banks")
router.include_routers(deciders, viewers)

PAGE_SIZE = 8
STATUSES = {"mentee": [s.value for s in MenteeStatus], "mentor": [s.value for s in MentorStatus]}
# Answers shown on a card and exported, per bank: (question id, column title key)
SHOWN = {
    "mentee": ("need_areas", "difficulties", "goals", "forms", "preferred_mentor"),
    "mentor": ("subjects", "experience", "category", "competencies", "training", "capacity", "forms", "availability"),
}


def _valid(callback_data: BankCb) -> bool:
    return callback_data.bank in STATUSES and callback_data.status in ("", *STATUSES[callback_data.bank])


async def _questionnaire(session: AsyncSession, bank: str) -> Questionnaire | None:
    definition = await latest_definition(session, banks_repo.QUESTIONNAIRE_OF_BANK[bank])
    return questionnaire_of(definition) if definition else None


def _questionnaire_state(t: Texts, row: banks_repo.BankRow, questionnaire: Questionnaire | None) -> str:
    if row.submitted is not None and row.submitted.submitted_at is not None:
        return t("bank-q-submitted", date=format_date(row.submitted.submitted_at.date()))
    if row.draft is not None and questionnaire is not None:
        state = answer_progress(questionnaire, row.draft.answers)
        return t("bank-q-progress", done=state.answered, total=state.total)
    return t("bank-q-none")


def _capacity(row: banks_repo.BankRow, rules: OrgRules) -> int:
    """How many mentees the mentor said they can take, never above the 3.7 maximum."""
    declared = (row.submitted.answers.get("capacity") if row.submitted else None) or rules.max_mentees_per_mentor
    return min(int(declared), rules.max_mentees_per_mentor)


def _deadline(t: Texts, person: Person, rules: OrgRules, tz: ZoneInfo) -> str:
    if person.work_start_date is None:
        return t("bank-deadline-unknown")
    deadline = mentor_assignment_deadline(person.work_start_date, rules)
    left = (deadline - datetime.now(tz).date()).days
    if left < 0:
        return t("bank-deadline-overdue", date=format_date(deadline), late=-left)
    return t("bank-deadline", date=format_date(deadline), left=left, days=rules.mentor_assignment_days)


@viewers.callback_query(MenuCb.filter(F.action == "banks"))
@viewers.callback_query(BankCb.filter(F.action == "home"))
async def banks_home(query: CallbackQuery, t: Texts) -> None:
    await query.answer()
    await show_in_place(
        query,
        t("bank-home"),
        keyboard(
            [button(t("bank-title-mentee"), BankCb(action="list", bank="mentee"))],
            [button(t("bank-title-mentor"), BankCb(action="list", bank="mentor"))],
            back_to_menu(t),
        ),
    )


async def _list_screen(
    session: AsyncSession, t: Texts, person: Person, bank: str, status: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    every = await (banks_repo.mentee_bank if bank == "mentee" else banks_repo.mentor_bank)(
        session, person.organization_id
    )
    rows = [r for r in every if not status or r.status == status]
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    counts = {s: sum(1 for r in every if r.status == s) for s in STATUSES[bank]}
    filters = [button(("• " if not status else "") + t("bank-all", count=len(every)), BankCb(action="list", bank=bank))]
    filters += [
        button(
            ("• " if status == s else "") + t(f"bank-status-{s}", count=counts[s]),
            BankCb(action="list", bank=bank, status=s),
        )
        for s in STATUSES[bank]
        if counts[s] or status == s
    ]
    keyboard_rows = [filters[i : i + 2] for i in range(0, len(filters), 2)]
    keyboard_rows += [
        [
            button(
                f"{r.person.full_name} · {t(f'bank-status-short-{r.status}')}",
                BankCb(action="card", bank=bank, status=status, page=page, pid=r.person.id),
            )
        ]
        for r in rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    keyboard_rows.append(pager_row(page, pages, BankPage, bank=bank, status=status))
    keyboard_rows.append([button(t("bank-export"), BankCb(action="export", bank=bank))])
    keyboard_rows.append([button(t("nav-back"), BankCb(action="home"))])
    text = t(f"bank-title-{bank}") + "\n" + t("bank-list", shown=len(rows), page=page + 1, pages=pages)
    return text, keyboard(*keyboard_rows)


@viewers.callback_query(BankCb.filter(F.action == "list"))
@viewers.callback_query(BankPage.filter())
async def bank_list(
    query: CallbackQuery, callback_data: CallbackData, session: AsyncSession, t: Texts, person: Person
) -> None:
    bank, status, page = callback_data.bank, callback_data.status, callback_data.page  # type: ignore[attr-defined]
    if bank not in STATUSES or status not in ("", *STATUSES[bank]):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    text, markup = await _list_screen(session, t, person, bank, status, page)
    await show_in_place(query, text, markup)


async def _card(
    session: AsyncSession, t: Texts, viewer: Person, callback_data: BankCb, rules: OrgRules, tz: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup] | None:
    bank = callback_data.bank
    row = await banks_repo.row_of(session, viewer.organization_id, bank, callback_data.pid)
    if row is None:
        return None
    questionnaire = await _questionnaire(session, bank)
    answers = []
    if row.submitted is not None and questionnaire is not None:
        for qid in SHOWN[bank]:
            question = questionnaire.question(qid)
            if qid in row.submitted.answers:
                answers.append(
                    t("bank-answer", question=question.text, answer=display(question, row.submitted.answers[qid]))
                )
    consents = ", ".join(t(f"consent-kind-{k}") for k in ConsentKind if k in row.consents) or t("bank-no-consents")
    if bank == "mentor":
        answers.insert(0, t("bank-load", load=await load_of(session, row.person.id), capacity=_capacity(row, rules)))
    text = t(
        "bank-card",
        name=row.person.full_name,
        position=row.person.position,
        status=t(f"bank-status-short-{row.status}"),
        start=format_date(row.person.work_start_date) if row.person.work_start_date else None,
        deadline=Html(_deadline(t, row.person, rules, tz)) if bank == "mentee" else "",
        questionnaire=_questionnaire_state(t, row, questionnaire),
        consents=consents,
        answers=Html("\n".join(answers)),
    )

    def cb(action):
        return BankCb(
            action=action,
            bank=bank,
            status=callback_data.status,
            page=callback_data.page,
            pid=row.person.id,
        )

    rows = []
    if Role.CURATOR in viewer.role_set:
        if bank == "mentor" and row.status == MentorStatus.CANDIDATE:
            rows.append([button(t("bank-approve"), cb("approve")), button(t("bank-reject"), cb("reject"))])
        if row.status != "archived":
            rows.append([button(t("bank-archive"), cb("archive"))])
        else:
            rows.append([button(t("bank-restore"), cb("restore"))])
    rows.append([button(t("nav-back"), BankPage(bank=bank, status=callback_data.status, page=callback_data.page))])
    return text, keyboard(*rows)


@viewers.callback_query(BankCb.filter(F.action == "card"))
async def bank_card(
    query: CallbackQuery,
    callback_data: BankCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    screen = await _card(session, t, person, callback_data, rules, tz) if _valid(callback_data) else None
    if screen is None:
        await query.answer(t("staff-not-found"), show_alert=True)
        return
    await query.answer()
    await show_in_place(query, *screen)


@deciders.callback_query(BankCb.filter(F.action.in_({"approve", "reject", "archive", "restore"})))
async def decide(
    query: CallbackQuery,
    callback_data: BankCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    row = (
        await banks_repo.row_of(session, person.organization_id, callback_data.bank, callback_data.pid)
        if _valid(callback_data)
        else None
    )
    if row is None:
        await query.answer(t("staff-not-found"), show_alert=True)
        return
    bank, action = callback_data.bank, callback_data.action
    if action in ("approve", "reject") and (bank != "mentor" or row.status != MentorStatus.CANDIDATE):
        await query.answer(t("bank-already-decided"), show_alert=True)
        return
    if action == "approve":
        missing = missing_for_mentor_approval(row.consents)
        if missing:
            await query.answer(
                t("bank-missing-consents", kinds=", ".join(t(f"consent-kind-{k}") for k in missing)), show_alert=True
            )
            return
        new_status = MentorStatus.APPROVED.value
        await add_role(session, row.person, Role.MENTOR)
    elif action == "reject":
        new_status = MentorStatus.REJECTED.value
    elif action == "archive":
        new_status = "archived"
    else:
        new_status = MenteeStatus.WAITING.value if bank == "mentee" else MentorStatus.CANDIDATE.value
    await banks_repo.set_status(session, row.person, bank, new_status, person.id)
    await record_event(
        session,
        f"bank_{action}",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        person_id=row.person.id,
        bank=bank,
        status=new_status,
    )
    await session.commit()
    await query.answer(t(f"bank-done-{action}"))
    screen = await _card(session, t, person, callback_data, rules, tz)
    if screen is not None:
        await show_in_place(query, *screen)


@viewers.callback_query(BankCb.filter(F.action == "export"))
async def export(
    query: CallbackQuery,
    callback_data: BankCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    rules: OrgRules,
    tz: ZoneInfo,
) -> None:
    bank = callback_data.bank
    if bank not in STATUSES:
        await query.answer(t("q-stale"), show_alert=True)
        return
    rows = await (banks_repo.mentee_bank if bank == "mentee" else banks_repo.mentor_bank)(
        session, person.organization_id
    )
    questionnaire = await _questionnaire(session, bank)
    questions = [questionnaire.question(qid) for qid in SHOWN[bank]] if questionnaire else []
    header = [
        t("xlsx-name"),
        t("xlsx-position"),
        t("xlsx-subjects"),
        t("xlsx-start"),
        t("xlsx-status"),
        t("xlsx-questionnaire"),
        t("xlsx-consents"),
    ]
    if bank == "mentee":
        header.append(t("xlsx-deadline"))
    else:
        header.append(t("xlsx-load"))
    header += [q.text for q in questions]
    table = []
    for row in rows:
        line: list[object] = [
            row.person.full_name,
            row.person.position,
            row.person.subjects,
            format_date(row.person.work_start_date) if row.person.work_start_date else None,
            t(f"bank-status-short-{row.status}"),
            _questionnaire_state(t, row, questionnaire),
            ", ".join(t(f"consent-kind-{k}") for k in ConsentKind if k in row.consents),
        ]
        if bank == "mentee":
            line.append(
                format_date(mentor_assignment_deadline(row.person.work_start_date, rules))
                if row.person.work_start_date
                else None
            )
        else:
            line.append(f"{await load_of(session, row.person.id)} из {_capacity(row, rules)}")
        answers = row.submitted.answers if row.submitted else {}
        line += [display(q, answers[q.id]) if q.id in answers else None for q in questions]
        table.append(line)
    await query.answer()
    content = table_xlsx(t(f"bank-sheet-{bank}"), header, table)
    stamp = datetime.now(tz).strftime("%d.%m.%Y")
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(content, filename=f"{t(f'bank-file-{bank}')}_{stamp}.xlsx"),
        caption=t("bank-export-caption", count=len(table)),
    )
