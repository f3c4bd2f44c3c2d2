"""The periodic deadline scan: a pure function of (now, database, outbox, renderer).

1. Plan: every open deadline whose reminder (or overdue alert, or the curators' digest) is due at `now`
   gets one ledger row — an idempotent insert, so two scanners plan the same rows once.
2. Claim: rows of schools within quiet hours are claimed with SKIP LOCKED and committed before any send;
   a claim older than the lease belongs to a scanner that died and is taken over.
3. Deliver: each row is sent and its outcome committed at once. A met deadline sends nothing; a person
   who blocked the bot (403) or never linked Telegram makes the row undeliverable and the curators are told.

The one window left open is a crash after Telegram accepted a message and before its row was marked
sent (milliseconds): that reminder would be sent again after the lease. Everything else is exactly once.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import (
    Campaign,
    CampaignInvitee,
    Mentorship,
    MentorshipMember,
    Organization,
    Person,
    Programme,
    ProgrammeItem,
    ReminderLedger,
)
from db.registry import latest_definition
from db.repositories import reminders as ledger
from db.repositories.campaigns import progress
from db.repositories.deadlines import curator_ids, open_deadlines
from db.repositories.organizations import list_organizations, rules_of
from domain.deadlines import (
    Deadline,
    DeadlineKind,
    due_offset,
    earlier_offsets,
    within_quiet_hours,
)
from domain.school_year import school_year_label

log = logging.getLogger(__name__)

DIGEST = "digest"
UPCOMING_DAYS = 7  # the digest lists what falls due within a week


class Undeliverable(Exception):
    """The recipient can't be reached (blocked the bot, or has no Telegram linked)."""


class Outbox(Protocol):
    async def send(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> int: ...


@dataclass(frozen=True)
class ReminderView:
    """What a renderer needs to word one message."""

    kind: str  # a DeadlineKind, "digest" or "undeliverable"
    offset: str  # "d-3", "overdue", "digest"…
    due: date
    today: date
    recipient: Person
    subject_id: int
    details: dict[str, Any] = field(default_factory=dict)


Renderer = Callable[[ReminderView], tuple[str, InlineKeyboardMarkup | None]]


@dataclass
class ScanLine:
    recipient: str
    kind: str
    offset: str
    due: date
    outcome: str  # sent | would send | undeliverable | skipped | failed

    def __str__(self) -> str:
        return f"{self.outcome}: {self.recipient} · {self.kind} · {self.offset} · срок {self.due:%d.%m.%Y}"


@dataclass
class ScanReport:
    lines: list[ScanLine] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def parse_key(key: str) -> tuple[str, int, date]:
    kind, subject, due = key.split(":")
    return kind, int(subject), date.fromisoformat(due)


def _tz(organization: Organization, default: ZoneInfo) -> ZoneInfo:
    return ZoneInfo(organization.timezone) if organization.timezone else default


# -- planning -------------------------------------------------------------------------------------------
async def _plan_organization(
    session: AsyncSession, organization: Organization, now: datetime, tz: ZoneInfo, dry_run: bool, report: ScanReport
) -> set[str]:
    rules = rules_of(organization)
    today = now.astimezone(tz).date()
    deadlines = await open_deadlines(session, organization, today, rules)
    wanted: list[tuple[Deadline | None, str, str, int, str, date]] = []  # (deadline, key, kind, person, offset, due)
    for deadline in deadlines:
        offset = due_offset(deadline, now, rules, tz)
        if offset is None:
            continue
        for person_id in deadline.audience(offset):
            wanted.append((deadline, deadline.key, deadline.kind.value, person_id, offset, deadline.due))
    if within_quiet_hours(now, rules, tz) and now.astimezone(tz).hour >= rules.digest_hour:
        for curator in await curator_ids(session, organization.id):
            wanted.append((None, f"{DIGEST}:{organization.id}:{today.isoformat()}", DIGEST, curator, DIGEST, today))

    if dry_run:
        known = await ledger.sent_keys(session, {w[1] for w in wanted})
        for _, key, kind, person_id, offset, due in wanted:
            if (key, person_id, offset) not in known:
                person = await session.get(Person, person_id)
                report.lines.append(
                    ScanLine(person.full_name if person else str(person_id), kind, offset, due, "would send")
                )
        return {d.key for d in deadlines}

    for deadline, key, kind, person_id, offset, due in wanted:
        await ledger.plan(
            session,
            organization_id=organization.id,
            key=key,
            kind=kind,
            person_id=person_id,
            offset=offset,
            due=due,
            planned_for=now,
        )
        if deadline is not None:
            # Superseded reminders (the bot was down on their day) are recorded, never sent late.
            for earlier in earlier_offsets(deadline, offset, rules):
                await ledger.plan(
                    session,
                    organization_id=organization.id,
                    key=key,
                    kind=kind,
                    person_id=person_id,
                    offset=earlier,
                    due=due,
                    planned_for=now,
                    status="skipped",
                )
    return {d.key for d in deadlines}


# -- what a message says ----------------------------------------------------------------------------------
async def _details(
    session: AsyncSession, row: ReminderLedger, organization: Organization, today: date, tz: ZoneInfo
) -> dict[str, Any]:
    kind, subject, _due = parse_key(row.deadline_key)
    if kind == DeadlineKind.MENTOR_ASSIGNMENT:
        mentee = await session.get(Person, subject)
        return {
            "mentee": mentee.full_name if mentee else "",
            "mentee_id": subject,
            "limit": rules_of(organization).mentor_assignment_days,
        }
    if kind in (DeadlineKind.CAMPAIGN, DeadlineKind.CAMPAIGN_OVERDUE):
        if kind == DeadlineKind.CAMPAIGN:
            invitee = await session.get(CampaignInvitee, subject)
            campaign = await session.get(Campaign, invitee.campaign_id) if invitee else None
        else:
            campaign = await session.get(Campaign, subject)
        if campaign is None:
            return {}
        definition = await latest_definition(session, campaign.questionnaire_code)
        waiting = [s.person.full_name for s in await progress(session, campaign) if s.status != "submitted"]
        return {
            "title": definition.title if definition else campaign.questionnaire_code,
            "campaign_id": campaign.id,
            "code": campaign.questionnaire_code,
            "waiting": waiting,
        }
    if kind == DeadlineKind.YEARLY_REFRESH:
        return {"year": school_year_label(subject)}
    if kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
        author_id = None
        if kind == DeadlineKind.REPORT_MENTEE:
            member = await session.get(MentorshipMember, subject)
            subject, author_id = (member.mentorship_id, member.mentee_id) if member else (0, None)
        else:
            report_of = await session.get(Mentorship, subject)
            author_id = report_of.mentor_id if report_of else None
        return {
            "mentorship_id": subject,
            "mentees": await _mentee_names(session, subject),
            "author_id": author_id,
            "code": "mentor_report" if kind == DeadlineKind.REPORT_MENTOR else "mentee_report",
        }
    if kind == DeadlineKind.ACTIVITY:
        item = await session.get(ProgrammeItem, subject)
        programme = await session.get(Programme, item.programme_id) if item else None
        return {"title": item.title if item else "", "mentorship_id": programme.mentorship_id if programme else 0}
    if kind == DeadlineKind.PLANNED_END:
        return {"mentorship_id": subject, "mentees": await _mentee_names(session, subject)}
    if kind == DeadlineKind.PROGRAMME:
        mentorship = await session.get(Mentorship, subject)
        return {
            "mentorship_id": subject,
            "mentees": await _mentee_names(session, subject),
            "mentor_id": mentorship.mentor_id if mentorship else 0,
        }
    if kind == DIGEST:
        return await _digest(session, organization, today)
    return {}


async def _digest(session: AsyncSession, organization: Organization, today: date) -> dict[str, Any]:
    rules = rules_of(organization)
    overdue, upcoming = [], []
    for deadline in await open_deadlines(session, organization, today, rules):
        if deadline.kind == DeadlineKind.CAMPAIGN:
            continue  # the invitees get those; the curator sees the campaign as a whole
        entry = {"kind": deadline.kind.value, "due": deadline.due, "days": (deadline.due - today).days}
        if deadline.kind == DeadlineKind.MENTOR_ASSIGNMENT:
            person = await session.get(Person, deadline.subject_id)
            entry["name"] = person.full_name if person else ""
        elif deadline.kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
            author = await session.get(Person, deadline.recipients[0])
            entry["name"] = author.full_name if author else ""
        elif deadline.kind == DeadlineKind.ACTIVITY:
            item = await session.get(ProgrammeItem, deadline.subject_id)
            entry["name"] = item.title if item else ""
        elif deadline.kind == DeadlineKind.PLANNED_END or deadline.kind == DeadlineKind.PROGRAMME:
            entry["name"] = ", ".join(await _mentee_names(session, deadline.subject_id))
        elif deadline.kind == DeadlineKind.CAMPAIGN_OVERDUE:
            campaign = await session.get(Campaign, deadline.subject_id)
            definition = await latest_definition(session, campaign.questionnaire_code) if campaign else None
            entry["name"] = definition.title if definition else ""
        else:
            entry["name"] = school_year_label(deadline.subject_id)
        if deadline.due < today:
            overdue.append(entry)
        elif deadline.due <= today + timedelta(days=UPCOMING_DAYS):
            upcoming.append(entry)
    key = lambda e: (e["due"], e["name"])  # noqa: E731
    return {"overdue": sorted(overdue, key=key), "upcoming": sorted(upcoming, key=key)}


async def _mentee_names(session: AsyncSession, mentorship_id: int) -> list[str]:
    rows = await session.scalars(
        select(Person.full_name)
        .join(MentorshipMember, MentorshipMember.mentee_id == Person.id)
        .where(MentorshipMember.mentorship_id == mentorship_id)
        .order_by(Person.full_name)
    )
    return list(rows)


# -- the scan -----------------------------------------------------------------------------------------------
async def scan(
    now: datetime,
    sessions: async_sessionmaker[AsyncSession],
    outbox: Outbox,
    render: Renderer,
    *,
    claimer: str,
    lease: timedelta,
    default_tz: ZoneInfo,
    dry_run: bool = False,
) -> ScanReport:
    report = ScanReport()
    async with sessions() as session:
        organizations = await list_organizations(session)
        active: dict[int, set[str]] = {}
        awake: list[int] = []
        for organization in organizations:
            tz = _tz(organization, default_tz)
            active[organization.id] = await _plan_organization(session, organization, now, tz, dry_run, report)
            if within_quiet_hours(now, rules_of(organization), tz):
                awake.append(organization.id)
        if dry_run:
            await session.rollback()
            return report
        await session.commit()

        claimed = await ledger.claim(session, awake, claimer, lease)
        await session.commit()  # the claim is durable before anything is sent

        by_id = {o.id: o for o in organizations}
        unreachable: dict[int, list[str]] = {}
        for row in claimed:
            organization = by_id[row.organization_id]
            tz = _tz(organization, default_tz)
            today = now.astimezone(tz).date()
            recipient = await session.get(Person, row.person_id)
            line = ScanLine(recipient.full_name if recipient else str(row.person_id), row.kind, row.offset, row.due, "")
            report.lines.append(line)
            if row.kind != DIGEST and row.deadline_key not in active[row.organization_id]:
                line.outcome = "skipped"  # met (or no longer applies) since it was planned
                await ledger.finish(session, row.id, claimer, "skipped", error="deadline met")
                await session.commit()
                continue
            if recipient is None or not recipient.is_active or not recipient.telegram_user_id:
                line.outcome = "undeliverable"
                await ledger.finish(session, row.id, claimer, "undeliverable", error="no Telegram linked")
                await session.commit()
                unreachable.setdefault(row.organization_id, []).append(line.recipient + " — не подключён(а) к боту")
                continue
            details = await _details(session, row, organization, today, tz)
            if row.kind == DIGEST and not (details["overdue"] or details["upcoming"]):
                line.outcome = "skipped"
                await ledger.finish(session, row.id, claimer, "skipped", error="nothing to report")
                await session.commit()
                continue
            text, markup = render(
                ReminderView(row.kind, row.offset, row.due, today, recipient, parse_key(row.deadline_key)[1], details)
            )
            try:
                message_id = await outbox.send(recipient.telegram_user_id, text, markup)
            except Undeliverable as error:
                line.outcome = "undeliverable"
                await ledger.finish(session, row.id, claimer, "undeliverable", error=str(error)[:500])
                unreachable.setdefault(row.organization_id, []).append(line.recipient + " — заблокировал(а) бота")
            except Exception as error:  # network trouble, 429 beyond retries: try again next scan
                log.warning("reminder %s not sent: %r", row.id, error)
                line.outcome = "failed"
                await ledger.release(session, row, claimer, repr(error)[:500])
            else:
                line.outcome = "sent"
                await ledger.finish(session, row.id, claimer, "sent", message_id=message_id)
            await session.commit()

        for organization_id, names in unreachable.items():
            await _tell_curators(session, by_id[organization_id], names, outbox, render, now, default_tz)
    return report


async def _tell_curators(
    session: AsyncSession,
    organization: Organization,
    names: list[str],
    outbox: Outbox,
    render: Renderer,
    now: datetime,
    default_tz: ZoneInfo,
) -> None:
    today = now.astimezone(_tz(organization, default_tz)).date()
    for curator_id in await curator_ids(session, organization.id):
        curator = await session.get(Person, curator_id)
        if curator is None or not curator.telegram_user_id or not curator.is_reachable:
            continue
        text, markup = render(ReminderView("undeliverable", "", today, today, curator, 0, {"names": names}))
        try:
            await outbox.send(curator.telegram_user_id, text, markup)
        except Exception as error:  # the curator's own trouble must not stop the scan
            log.warning("could not tell curator %s about undeliverable reminders: %r", curator_id, error)
