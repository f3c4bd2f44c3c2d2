"""The banks of mentors and mentees (road map, stages 2–3; 3.5, 3.8): browsed page by page, filtered by status,
exported as .xlsx; the curator approves a mentor candidate (only with both consents, 3.2) or rejects them, and
archives and restores. Rules: domain/banks.py, services/banks.py."""

import math

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from domain.banks import STATUSES, BankKind, Decision, MenteeStatus, MentorStatus
from domain.consents import ConsentKind
from domain.dates import format_date
from domain.roles import Role
from handlers.callbacks import BankCb, BankPage, MenuCb
from handlers.filters import HasRole
from handlers.keyboards import button, keyboard, pager_row
from handlers.notifier import deliver
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services import banks
from services.banks import BankCard, ConsentsAsked, consent_kinds
from services.outcome import Actor, Refused

viewers = Router(name="banks_view")
viewers.callback_query.filter(HasRole(Role.CURATOR, Role.DIRECTOR, Role.COUNCIL))
deciders = Router(name="banks_decide")
deciders.callback_query.filter(HasRole(Role.CURATOR))
router = Router(name="banks")
router.include_routers(deciders, viewers)

PAGE_SIZE = 8
ARCHIVED = (MenteeStatus.ARCHIVED, MentorStatus.ARCHIVED)


def _bank(value: str) -> BankKind | None:
    try:
        return BankKind(value)
    except ValueError:
        return None


def _valid(bank: str, status: str) -> BankKind | None:
    kind = _bank(bank)
    return kind if kind is not None and status in ("", *STATUSES[kind]) else None


@viewers.callback_query(MenuCb.filter(F.action == "banks"))
@viewers.callback_query(BankCb.filter(F.action == "home"))
async def banks_home(query: CallbackQuery, t: Texts) -> None:
    await query.answer()
    await show_in_place(
        query,
        t("bank-home"),
        keyboard(
            [button(t("bank-title-mentee"), BankCb(action="list", bank=BankKind.MENTEE.value))],
            [button(t("bank-title-mentor"), BankCb(action="list", bank=BankKind.MENTOR.value))],
            back_to_menu(t),
        ),
    )


async def _list_screen(
    session: AsyncSession, t: Texts, actor: Actor, bank: BankKind, status: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    every = await banks.listing(session, actor, bank)
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
    keyboard_rows.append(pager_row(page, pages, BankPage, bank=bank.value, status=status))
    keyboard_rows.append([button(t("bank-export"), BankCb(action="export", bank=bank))])
    keyboard_rows.append([button(t("nav-back"), BankCb(action="home"))])
    text = t(f"bank-title-{bank}") + "\n" + t("bank-list", shown=len(rows), page=page + 1, pages=pages)
    return text, keyboard(*keyboard_rows)


@viewers.callback_query(BankCb.filter(F.action == "list"))
@viewers.callback_query(BankPage.filter())
async def bank_list(
    query: CallbackQuery, callback_data: CallbackData, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    status, page = callback_data.status, callback_data.page  # type: ignore[attr-defined]
    bank = _valid(callback_data.bank, status)  # type: ignore[attr-defined]
    if bank is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    text, markup = await _list_screen(session, t, actor, bank, status, page)
    await show_in_place(query, text, markup)


def _kinds(t: Texts, kinds: list[ConsentKind]) -> str:
    return ", ".join(t(f"consent-kind-{k}") for k in kinds)


def _card_text(t: Texts, actor: Actor, card: BankCard) -> str:
    person = card.row.person
    lines = []
    if card.bank is BankKind.MENTOR:
        lines.append(t("bank-load", load=card.load, capacity=card.capacity))
    lines += [t("bank-answer", question=label, answer=answer) for label, answer in card.answers]
    if card.row.submitted is not None and card.row.submitted.submitted_at is not None:
        filled = t("bank-q-submitted", date=format_date(card.row.submitted.submitted_at.date()))
    elif card.draft is not None:
        filled = t("bank-q-progress", done=card.draft.answered, total=card.draft.total)
    else:
        filled = t("bank-q-none")
    if card.bank is BankKind.MENTEE:
        if card.deadline is None:
            deadline = t("bank-deadline-unknown")
        elif card.days_left is not None and card.days_left < 0:
            deadline = t("bank-deadline-overdue", date=format_date(card.deadline), late=-card.days_left)
        else:
            days = actor.rules.mentor_assignment_days
            deadline = t("bank-deadline", date=format_date(card.deadline), left=card.days_left or 0, days=days)
    else:
        needs = card.missing and card.row.status is MentorStatus.CANDIDATE
        deadline = (
            t("bank-approval-needs", kinds=consent_kinds(card.missing), count=len(card.missing)) if needs else Html("")
        )
    consents = _kinds(t, [k for k in ConsentKind if k in card.row.consents]) or t("bank-no-consents")
    return t(
        "bank-card",
        name=person.full_name,
        position=person.position,
        status=t(f"bank-status-short-{card.row.status}"),
        start=format_date(person.work_start_date) if person.work_start_date else None,
        deadline=Html(deadline),
        questionnaire=filled,
        consents=consents,
        answers=Html("\n".join(lines)),
    )


def _card_markup(t: Texts, actor: Actor, card: BankCard, status: str, page: int) -> InlineKeyboardMarkup:
    def cb(action: str) -> BankCb:
        return BankCb(action=action, bank=card.bank, status=status, page=page, pid=card.row.person.id)

    rows = []
    if actor.has(Role.CURATOR):
        if card.bank is BankKind.MENTOR and card.row.status is MentorStatus.CANDIDATE:
            rows.append(
                [button(t("bank-approve"), cb(Decision.APPROVE)), button(t("bank-reject"), cb(Decision.REJECT))]
            )
        if card.row.status in ARCHIVED:
            rows.append([button(t("bank-restore"), cb(Decision.RESTORE))])
        else:
            rows.append([button(t("bank-archive"), cb(Decision.ARCHIVE))])
    rows.append([button(t("nav-back"), BankPage(bank=card.bank.value, status=status, page=page))])
    return keyboard(*rows)


@viewers.callback_query(BankCb.filter(F.action == "card"))
async def bank_card(query: CallbackQuery, callback_data: BankCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    bank = _valid(callback_data.bank, callback_data.status)
    try:
        if bank is None:
            raise Refused("staff-not-found")
        card = await banks.card(session, actor, bank, callback_data.pid)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    markup = _card_markup(t, actor, card, callback_data.status, callback_data.page)
    await show_in_place(query, _card_text(t, actor, card), markup)


@deciders.callback_query(BankCb.filter(F.action.in_({d.value for d in Decision})))
async def decide(
    query: CallbackQuery, callback_data: BankCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    bank = _valid(callback_data.bank, callback_data.status)
    try:
        if bank is None:
            raise Refused("staff-not-found")
        outcome = await banks.decide_on(session, actor, bank, callback_data.pid, Decision(callback_data.action))
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    if isinstance(outcome.value, ConsentsAsked):
        asked = outcome.value
        text = t(
            "bank-missing-consents",
            kinds=consent_kinds(asked.missing),
            count=len(asked.missing),
            connected="yes" if asked.connected else "no",
        )
        await query.answer(text, show_alert=True)
        await deliver(bot, session, t, outcome.notices)
        return
    await query.answer(t(f"bank-done-{callback_data.action}"))
    card = outcome.value
    markup = _card_markup(t, actor, card, callback_data.status, callback_data.page)
    await show_in_place(query, _card_text(t, actor, card), markup)
    await deliver(bot, session, t, outcome.notices)


@viewers.callback_query(BankCb.filter(F.action == "export"))
async def export(
    query: CallbackQuery, callback_data: BankCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    bank = _bank(callback_data.bank)
    if bank is None:
        await query.answer(t("q-stale"), show_alert=True)
        return
    document, rows = await banks.export(session, actor, bank, t.plain)
    await query.answer()
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(document.content, filename=document.filename),
        caption=t("bank-export-caption", count=rows),
    )
