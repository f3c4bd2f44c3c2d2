"""The periodic deadline scan: a pure function of (now, database, outbox, renderer).

1. Plan (one transaction): every open deadline whose reminder (or overdue alert, or the curators' digest) is
   due at `now` gets one ledger row — an idempotent insert, so two scanners plan the same rows once. A later
   reminder supersedes earlier ones still waiting (held by quiet hours, say): the person gets the current one.
2. Claim: rows of schools within quiet hours are claimed in batches with SKIP LOCKED and committed before
   any send; a claim older than the lease belongs to a scanner that died and is taken over.
3. Prepare: what a batch's messages need is loaded at once (one query per kind, never one per row) and
   rendered, with the days left counted at this moment; then the transaction ends.
4. Deliver: each message is sent with no transaction open (the outgoing middleware may wait to pace it),
   and its outcome is recorded in a short transaction of its own. A met deadline sends nothing; a person who
   blocked the bot (403) or never linked Telegram makes the row undeliverable and the curators are told.
   A message that can't be rendered or sent (network, 5xx, 429 beyond retries) is logged with its row and
   chat and released to pending for the next scan (failed after MAX_ATTEMPTS); the others go on.

A dry run walks the very same steps inside one transaction that is rolled back, and sends nothing: it lists
exactly what a real scan at that moment would send, hold or skip.

The one window left open is a crash after Telegram accepted a message and before its row was marked
sent (milliseconds): that reminder would be sent again after the lease. Everything else is exactly once.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Organization
from db.repositories import deadlines as source
from db.repositories import reminders as ledger
from db.repositories.deadlines import Recipient, Window
from db.repositories.organizations import list_organizations, rules_of
from domain.deadlines import (
    Deadline,
    DeadlineKind,
    due_offset,
    earlier_offsets,
    reminder_window,
    within_quiet_hours,
)
from domain.digest import UPCOMING_DAYS, DigestItem, build_digest
from domain.rules import OrgRules
from domain.school_year import school_year_label

log = logging.getLogger(__name__)

DIGEST = "digest"
UNDELIVERABLE = "undeliverable"
BATCH = 200  # rows claimed at once: their lease is renewed while they are paced out
DRY_RUN_BATCHES = 10


class Undeliverable(Exception):
    """The recipient can't be reached (blocked the bot, or has no Telegram linked)."""


class Attachment(Protocol):
    @property
    def file_name(self) -> str: ...

    @property
    def content(self) -> bytes: ...

    @property
    def caption(self) -> str: ...


class Rendered(Protocol):
    """What a renderer returns: the message, its buttons, an optional file, and one plain line that says what
    it is about (for the `remind` command's list)."""

    @property
    def text(self) -> str: ...

    @property
    def markup(self) -> InlineKeyboardMarkup | None: ...

    @property
    def summary(self) -> str: ...

    @property
    def attachment(self) -> Attachment | None: ...


class ClaimLost(Exception):
    """`mark_on_the_way` found the reminder taken over by another scanner: this one does not send it."""


class Outbox(Protocol):
    async def send(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        mark_on_the_way: Callable[[], Awaitable[bool]] | None = None,
    ) -> int:
        """Send; right before the request leaves (after any wait for Telegram's limits) await
        `mark_on_the_way`, and don't send when it answers False (raise ClaimLost)."""
        ...

    async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str) -> int: ...


@dataclass(frozen=True)
class ReminderView:
    """What a renderer needs to word one message."""

    kind: str  # a DeadlineKind, "digest" or "undeliverable"
    offset: str  # "d-3", "overdue", "digest"…: which slot it was planned for (decides the audience)
    due: date
    today: date  # the school's date at the moment of sending: the days left are counted from it
    recipient: Recipient
    subject_id: int
    details: dict[str, Any] = field(default_factory=dict)


Renderer = Callable[[ReminderView], Rendered]


@dataclass
class ScanLine:
    recipient: str
    kind: str
    offset: str
    due: date
    outcome: str  # sent | undeliverable | skipped | failed (in a dry run: what a real scan would do)
    summary: str = ""  # what it is about, in plain Russian (from the renderer)
    reason: str = ""  # met | nothing | stale | no_telegram | blocked | error
    row_id: int | None = None

    @property
    def identity(self) -> tuple[str, str, str, date, str]:
        return self.recipient, self.kind, self.summary, self.due, self.outcome


@dataclass
class ScanReport:
    dry_run: bool = False
    lines: list[ScanLine] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def parse_key(key: str) -> tuple[str, int, date]:
    kind, subject, due = key.split(":")
    return kind, int(subject), date.fromisoformat(due)


def _tz(organization: Organization, default: ZoneInfo) -> ZoneInfo:
    return ZoneInfo(organization.timezone) if organization.timezone else default


@dataclass
class _School:
    organization: Organization
    tz: ZoneInfo
    today: date
    rules: OrgRules
    awake: bool  # within the hours when messages may go out
    curators: tuple[int, ...] = ()
    deadlines: list[Deadline] = field(default_factory=list)


@dataclass
class _Plan:
    schools: dict[int, _School]
    active: set[str]  # keys of the deadlines still open
    digests: dict[int, Rendered] = field(default_factory=dict)  # a school's digest reads the same for each curator

    @property
    def awake(self) -> list[int]:
        return [i for i, s in self.schools.items() if s.awake]


# -- 1. planning ----------------------------------------------------------------------------------------------
async def _plan(session: AsyncSession, now: datetime, default_tz: ZoneInfo, lease: timedelta) -> _Plan:
    schools: dict[int, _School] = {}
    for organization in await list_organizations(session):
        tz, rules = _tz(organization, default_tz), rules_of(organization)
        schools[organization.id] = _School(
            organization, tz, now.astimezone(tz).date(), rules, within_quiet_hours(now, rules, tz)
        )
    if not schools:
        return _Plan({}, set())
    curators = await source.curators_of(session, list(schools))
    for school in schools.values():
        school.curators = curators[school.organization.id]
    # Reminders still to be sent must be checked against their deadline even if rules moved them out of reach.
    latest = await ledger.latest_open_due(session, list(schools))

    by_day: dict[date, list[_School]] = defaultdict(list)
    for school in schools.values():
        by_day[school.today].append(school)
    active: set[str] = set()
    wanted: dict[tuple[str, int, str], tuple[ledger.Planned, Deadline | None]] = {}
    for today, group in by_day.items():
        ahead = max(max(reminder_window(s.rules) for s in group), UPCOMING_DAYS)
        until = max(today + timedelta(days=ahead), latest or today)
        window = Window([s.organization for s in group], today, until, {s.organization.id: s.rules for s in group})
        for deadline in await source.open_deadlines(session, window, curators):
            school = schools[deadline.organization_id]
            school.deadlines.append(deadline)
            active.add(deadline.key)
            offset = due_offset(deadline, now, school.rules, school.tz)
            if offset is None:
                continue
            for person_id in deadline.audience(offset):
                row = ledger.Planned(
                    deadline.organization_id, deadline.key, deadline.kind.value, person_id, offset, deadline.due
                )
                wanted.setdefault(row.identity, (row, deadline))
    for school in schools.values():
        local = now.astimezone(school.tz)
        if school.awake and local.hour >= school.rules.digest_hour:
            key = f"{DIGEST}:{school.organization.id}:{school.today.isoformat()}"
            for curator in school.curators:
                row = ledger.Planned(school.organization.id, key, DIGEST, curator, DIGEST, school.today)
                wanted.setdefault(row.identity, (row, None))

    known = await ledger.recorded(session, {row.key for row, _ in wanted.values()})
    new_rows: list[ledger.Planned] = []
    superseded: list[tuple[str, int, str]] = []
    for identity, (row, planned_from) in wanted.items():
        if identity in known:
            continue  # planned by an earlier scan: its earlier reminders were settled then
        new_rows.append(row)
        if planned_from is None:
            continue
        for earlier in earlier_offsets(planned_from, row.offset, schools[row.organization_id].rules):
            if (row.key, row.person_id, earlier) in known:
                superseded.append((row.key, row.person_id, earlier))
            else:  # the bot was down on its day: recorded, never sent late
                new_rows.append(
                    ledger.Planned(
                        row.organization_id, row.key, row.kind, row.person_id, earlier, row.due, status="skipped"
                    )
                )
    # In a fixed order (not the order rows came from the database), so ids, and with them the order of
    # claiming and of the `remind` list, are the same in a dry run and in the real scan that follows it.
    new_rows.sort(key=lambda r: (r.organization_id, r.due, r.kind, r.key, r.person_id, r.offset))
    await ledger.plan_many(session, new_rows, now)
    await ledger.supersede(session, superseded, lease)
    return _Plan(schools, active)


# -- 3. what the messages say --------------------------------------------------------------------------------
@dataclass
class _Message:
    row: ledger.Claimed
    line: ScanLine
    chat_id: int | None = None
    rendered: Rendered | None = None
    error: str = ""  # for rows settled without sending


async def _details(session: AsyncSession, rows: list[ledger.Claimed], plan: _Plan) -> dict[int, dict[str, Any]]:
    """Every row's details, loaded with a fixed number of queries for the whole batch."""
    subjects: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        subjects[row.kind].add(parse_key(row.deadline_key)[1])
    members = await source.members(session, subjects[DeadlineKind.REPORT_MENTEE])
    items = await source.activity_items(session, subjects[DeadlineKind.ACTIVITY])
    invitees = await source.invitee_campaigns(session, subjects[DeadlineKind.CAMPAIGN])
    mentorship_ids = (
        subjects[DeadlineKind.REPORT_MENTOR]
        | subjects[DeadlineKind.PLANNED_END]
        | subjects[DeadlineKind.PROGRAMME]
        | {m for m, _ in members.values()}
        | {m for _, m in items.values()}
    )
    mentorships = await source.mentorships(session, mentorship_ids)
    campaigns = await source.campaign_briefs(session, set(invitees.values()))
    campaigns.update(await source.campaign_briefs(session, subjects[DeadlineKind.CAMPAIGN_OVERDUE], waiting=True))
    authors = {mentee for _, mentee in members.values()} | {
        mentorships[m].mentor_id for m in subjects[DeadlineKind.REPORT_MENTOR] if m in mentorships
    }
    names = await source.recipients(session, subjects[DeadlineKind.MENTOR_ASSIGNMENT] | authors)

    result: dict[int, dict[str, Any]] = {}
    digests: dict[int, dict[str, Any]] = {}
    for row in rows:
        kind, subject, _ = parse_key(row.deadline_key)
        school = plan.schools[row.organization_id]
        details: dict[str, Any] = {}
        if kind == DeadlineKind.MENTOR_ASSIGNMENT:
            mentee = names.get(subject)
            details = {
                "mentee": mentee.full_name if mentee else "",
                "mentee_id": subject,
                "limit": school.rules.mentor_assignment_days,
            }
        elif kind in (DeadlineKind.CAMPAIGN, DeadlineKind.CAMPAIGN_OVERDUE):
            campaign = campaigns.get(invitees.get(subject, 0) if kind == DeadlineKind.CAMPAIGN else subject)
            if campaign is not None:
                details = {
                    "title": campaign.title,
                    "campaign_id": campaign.id,
                    "code": campaign.code,
                    "waiting": campaign.waiting,
                }
        elif kind == DeadlineKind.YEARLY_REFRESH:
            details = {"year": school_year_label(subject)}
        elif kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
            if kind == DeadlineKind.REPORT_MENTEE:
                mentorship_id, author_id = members.get(subject, (0, None))
            else:
                mentorship_id = subject
                author_id = mentorships[subject].mentor_id if subject in mentorships else None
            brief = mentorships.get(mentorship_id)
            author = names.get(author_id) if author_id else None
            details = {
                "mentorship_id": mentorship_id,
                "mentees": brief.mentees if brief else [],
                "author_id": author_id,
                "author": author.full_name if author else "",
                "code": "mentor_report" if kind == DeadlineKind.REPORT_MENTOR else "mentee_report",
            }
        elif kind == DeadlineKind.ACTIVITY:
            title, mentorship_id = items.get(subject, ("", 0))
            brief = mentorships.get(mentorship_id)
            details = {"title": title, "mentorship_id": mentorship_id, "mentees": brief.mentees if brief else []}
        elif kind in (DeadlineKind.PLANNED_END, DeadlineKind.PROGRAMME):
            brief = mentorships.get(subject)
            details = {
                "mentorship_id": subject,
                "mentees": brief.mentees if brief else [],
                "mentor_id": brief.mentor_id if brief else 0,
            }
        elif kind == DIGEST:
            if row.organization_id not in digests:
                digests[row.organization_id] = await _digest(session, school)
            details = digests[row.organization_id]
        result[row.id] = details
    return result


async def _digest(session: AsyncSession, school: _School) -> dict[str, Any]:
    """What is overdue and what falls due within a week, by name; the campaign's invitees are not listed one by
    one (the curator sees the campaign as a whole)."""
    until = school.today + timedelta(days=UPCOMING_DAYS)
    deadlines = [d for d in school.deadlines if d.kind != DeadlineKind.CAMPAIGN and d.due <= until]
    of = lambda kind: {d.subject_id for d in deadlines if d.kind == kind}  # noqa: E731
    authors = {d.recipients[0] for d in deadlines if d.kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE)}
    people = await source.recipients(session, of(DeadlineKind.MENTOR_ASSIGNMENT) | authors)
    items = await source.activity_items(session, of(DeadlineKind.ACTIVITY))
    mentorships = await source.mentorships(session, of(DeadlineKind.PLANNED_END) | of(DeadlineKind.PROGRAMME))
    campaigns = await source.campaign_briefs(session, of(DeadlineKind.CAMPAIGN_OVERDUE))

    def name(deadline: Deadline) -> str:
        kind, subject = deadline.kind, deadline.subject_id
        if kind == DeadlineKind.MENTOR_ASSIGNMENT:
            return people[subject].full_name if subject in people else ""
        if kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
            author = people.get(deadline.recipients[0]) if deadline.recipients else None
            return author.full_name if author else ""
        if kind == DeadlineKind.ACTIVITY:
            return items[subject][0] if subject in items else ""
        if kind in (DeadlineKind.PLANNED_END, DeadlineKind.PROGRAMME):
            return ", ".join(mentorships[subject].mentees) if subject in mentorships else ""
        if kind == DeadlineKind.CAMPAIGN_OVERDUE:
            return campaigns[subject].title if subject in campaigns else ""
        return school_year_label(subject)

    digest = build_digest((DigestItem(d.kind.value, name(d), d.due) for d in deadlines), school.today)
    return {"digest": digest}


async def _prepare(session: AsyncSession, rows: list[ledger.Claimed], plan: _Plan, render: Renderer) -> list[_Message]:
    details = await _details(session, rows, plan)
    people = await source.recipients(session, {row.person_id for row in rows})
    messages = []
    for row in rows:
        school = plan.schools[row.organization_id]
        recipient = people.get(row.person_id)
        line = ScanLine(recipient.full_name if recipient else str(row.person_id), row.kind, row.offset, row.due, "")
        line.row_id = row.id
        message = _Message(row, line)
        messages.append(message)
        view = ReminderView(
            row.kind,
            row.offset,
            row.due,
            school.today,
            recipient or Recipient(row.person_id, line.recipient, None, False, False),
            parse_key(row.deadline_key)[1],
            details.get(row.id, {}),
        )
        if row.kind == DIGEST and row.due < school.today:  # a day's digest left by a scanner that died
            line.outcome, line.reason, message.error = "skipped", "stale", "a past day's digest"
        elif row.kind != DIGEST and row.deadline_key not in plan.active:
            line.outcome, line.reason, message.error = "skipped", "met", "deadline met"  # since it was planned
        elif recipient is None or not recipient.is_active or not recipient.telegram_user_id:
            line.outcome, line.reason, message.error = "undeliverable", "no_telegram", "no Telegram linked"
        elif row.kind == DIGEST and details[row.id]["digest"].empty:
            line.outcome, line.reason, message.error = "skipped", "nothing", "nothing to report"
        try:
            if row.kind == DIGEST:
                if row.organization_id not in plan.digests:
                    plan.digests[row.organization_id] = render(view)
                message.rendered = plan.digests[row.organization_id]
            else:
                message.rendered = render(view)
            line.summary = message.rendered.summary
        except Exception as error:  # a bug in one text must not stop the others: logged, retried, then failed
            log.exception("reminder %s (%s for person %s) could not be rendered", row.id, row.kind, row.person_id)
            if not line.outcome:
                line.outcome, line.reason, message.error = "failed", "error", repr(error)[:500]
            continue
        if not line.outcome:
            assert recipient is not None
            message.chat_id = recipient.telegram_user_id
    return messages


# -- 4. delivery ------------------------------------------------------------------------------------------------
@dataclass
class _Run:
    session: AsyncSession
    outbox: Outbox
    render: Renderer
    report: ScanReport
    claimer: str
    lease: timedelta
    dry_run: bool
    unreachable: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))  # org → person → why

    async def commit(self) -> None:
        if not self.dry_run:
            await self.session.commit()

    async def settle(self, messages: Iterable[_Message]) -> None:
        """Rows decided without sending (met, nobody to send to, broken), in one short transaction."""
        for message in messages:
            row, line = message.row, message.line
            if line.outcome == "failed":
                await ledger.release(self.session, row.id, self.claimer, message.error)
            else:
                await ledger.finish(self.session, row.id, self.claimer, line.outcome, error=message.error)
            if line.outcome == "undeliverable":
                self.unreachable[row.organization_id][row.person_id] = line.reason
        await self.commit()

    async def deliver(self, messages: list[_Message], claimed: float) -> None:
        """`claimed`: when the batch was claimed (time.monotonic()), to keep its lease."""
        self.report.lines += [m.line for m in messages]
        await self.settle(m for m in messages if m.line.outcome)
        to_send = [m for m in messages if not m.line.outcome]
        if self.dry_run:
            for message in to_send:
                message.line.outcome = "sent"  # what a real scan would do now
            return
        renewed = claimed
        for index, message in enumerate(to_send):
            if time.monotonic() - renewed > self.lease.total_seconds() / 3:
                # Pacing a long batch may outlast the lease: keep it, and drop what another scanner took over.
                rest = to_send[index:]
                held = await ledger.renew(self.session, [m.row.id for m in rest], self.claimer)
                await self.session.commit()
                renewed = time.monotonic()
                for lost in (m for m in rest if m.row.id not in held):
                    self.report.lines.remove(lost.line)
                    lost.chat_id = None
            if message.chat_id is None:
                continue
            await self._send(message)

    async def _send(self, message: _Message) -> None:
        row, line, rendered, chat_id = message.row, message.line, message.rendered, message.chat_id
        assert rendered is not None and chat_id is not None

        async def on_the_way() -> bool:
            # Marked `sending` at the last moment, after pacing: a scanner that dies before this leaves the row
            # claimed (taken over after the lease, not lost); one that dies after it never sends it twice.
            held = await ledger.start_sending(self.session, row.id, self.claimer)
            await self.session.commit()
            return held

        # No transaction is open here: the outgoing middleware may sleep to pace this chat.
        try:
            message_id = await self.outbox.send(chat_id, rendered.text, rendered.markup, on_the_way)
        except ClaimLost:
            self.report.lines.remove(line)  # another scanner took it over
            return
        except Undeliverable as error:
            line.outcome, line.reason = "undeliverable", "blocked"
            await ledger.finish(self.session, row.id, self.claimer, "undeliverable", error=str(error)[:500])
            self.unreachable[row.organization_id][row.person_id] = "blocked"
        except Exception as error:  # network trouble, 5xx, 429 beyond retries: due again at the next scan
            log.warning(
                "reminder %s (%s) to chat %s not sent, released for the next scan (attempt %s of %s): %r",
                row.id,
                row.kind,
                chat_id,
                row.attempts,
                ledger.MAX_ATTEMPTS,
                error,
            )
            line.outcome, line.reason = "failed", "error"
            await ledger.release(self.session, row.id, self.claimer, repr(error)[:500])
        else:
            line.outcome = "sent"
            await ledger.finish(self.session, row.id, self.claimer, "sent", message_id=message_id)
        await self.session.commit()
        if line.outcome == "sent" and rendered.attachment is not None:
            attachment = rendered.attachment
            try:
                await self.outbox.send_document(chat_id, attachment.file_name, attachment.content, attachment.caption)
            except Exception as error:  # the message itself went out; the file is a convenience
                log.warning("attachment of reminder %s to chat %s not sent: %r", row.id, chat_id, error)

    async def tell_curators(self, plan: _Plan) -> None:
        """The curators hear whom reminders could not reach, with a button to issue each a new invite."""
        if not self.unreachable:
            return
        curator_ids = {c for o in self.unreachable for c in plan.schools[o].curators}
        involved = {p for people in self.unreachable.values() for p in people}
        people = await source.recipients(self.session, curator_ids | involved)
        await self.commit()
        for organization_id, reasons in self.unreachable.items():
            school = plan.schools[organization_id]
            listed = [
                {"id": p, "name": people[p].full_name if p in people else str(p), "reason": reasons[p]}
                for p in sorted(reasons, key=lambda p: people[p].full_name if p in people else "")
            ]
            for curator_id in school.curators:
                curator = people.get(curator_id)
                if (
                    curator is None
                    or not curator.telegram_user_id
                    or not curator.is_reachable
                    or curator_id in reasons  # the curator is among those who can't be reached
                ):
                    continue
                view = ReminderView(UNDELIVERABLE, "", school.today, school.today, curator, 0, {"people": listed})
                line = ScanLine(curator.full_name, UNDELIVERABLE, "", school.today, "")
                try:
                    rendered = self.render(view)
                    line.summary = rendered.summary
                except Exception:
                    log.exception("the undeliverable notice for curator %s could not be rendered", curator_id)
                    continue
                self.report.lines.append(line)
                if self.dry_run:
                    line.outcome = "sent"
                    continue
                try:
                    await self.outbox.send(curator.telegram_user_id, rendered.text, rendered.markup)
                except Exception as error:  # the curator's own trouble must not stop the scan
                    line.outcome, line.reason = "failed", "error"
                    log.warning(
                        "could not tell curator %s (chat %s) about undeliverable reminders: %r",
                        curator_id,
                        curator.telegram_user_id,
                        error,
                    )
                else:
                    line.outcome = "sent"


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
    batch: int = BATCH,
) -> ScanReport:
    report = ScanReport(dry_run=dry_run)
    async with sessions() as session:
        run = _Run(session, outbox, render, report, claimer, lease, dry_run)
        try:
            plan = await _plan(session, now, default_tz, lease)
            await run.commit()
            cursor = 0
            while True:
                # A dry run sends nothing and holds no lease: it takes bigger batches (fewer statements).
                size = batch * DRY_RUN_BATCHES if dry_run else batch
                rows = await ledger.claim(session, plan.awake, claimer, lease, size, after=cursor)
                claimed = time.monotonic()
                if not rows:
                    break
                cursor = rows[-1].id
                await run.commit()  # the claim is durable before anything is sent
                messages = await _prepare(session, rows, plan, render)
                await run.commit()  # nothing stays open while messages are paced out
                await run.deliver(messages, claimed)
            await run.tell_curators(plan)
        finally:
            if dry_run:
                await session.rollback()  # a dry run leaves no trace
    return report
