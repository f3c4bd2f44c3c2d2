"""How reminders, overdue alerts, the curator's digest and the undeliverable notice read, with buttons that
lead straight to the action. The scheduler calls `render` (injected by bot/, so the scheduler never imports
handlers); the `remind` command prints `describe`.

The days left are counted on the day a message is sent (a reminder held by quiet hours or downtime says
«Через 2 дня», not its slot's «Через 3 дня»). Long lists never go into one Fluent placeable (Fluent refuses
placeables over 2,500 characters) and no message grows past Telegram's 4,096: lists are cut to what fits,
and the digest's full list goes along as a spreadsheet.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from documents.digest_xlsx import digest_file_name, digest_xlsx
from domain.dates import format_date
from domain.deadlines import OVERDUE, DeadlineKind, stage
from domain.digest import TELEGRAM_LIMIT, Digest, fitting
from handlers.callbacks import BankCb, CampCb, MenuCb, PairCb, ProgCb, QStart, StaffCb
from handlers.keyboards import button, keyboard
from locales import Html, Texts, texts

MESSAGE_BUDGET = TELEGRAM_LIMIT - 296  # room for what a line may add after escaping and for the footer
DIGEST_ITEMS = 25  # the most urgent items listed in the digest message itself
LISTED_NAMES = 20  # names listed in one alert (the rest are counted)
INVITE_BUTTONS = 8  # one «new invite» button per unreachable person, up to this many


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    caption: str


@dataclass(frozen=True)
class Rendered:
    text: str
    markup: InlineKeyboardMarkup | None
    summary: str  # one plain line for the `remind` command: what this message is about
    attachment: Attachment | None = None


@lru_cache(maxsize=64)
def _label(key: str) -> str:
    """A button's label or a fixed heading: formatted once (thousands of reminders share them)."""
    return texts()(key)


def _names(t: Texts, names: list[str], limit: int = LISTED_NAMES) -> str:
    shown = ", ".join(names[:limit])
    return shown + (t.plain("list-more", count=len(names) - limit) if len(names) > limit else "")


def _days_args(view) -> dict[str, object]:  # type: ignore[no-untyped-def]
    days = (view.due - view.today).days
    return {"stage": stage(days), "days": abs(days), "due": format_date(view.due)}


def _key(prefix: str, when: str) -> str:
    """remind-…-before serves both «Через N дней» and «Завтра» (the phrase `remind-when` tells them apart)."""
    return f"{prefix}-{'before' if when == 'tomorrow' else when}"


def _summary(t: Texts, kind: str, name: str, view) -> str:  # type: ignore[no-untyped-def]
    args = _days_args(view)
    return t.plain("scan-summary", about=t.plain(f"scan-about-{kind}", name=name), **args)


def render(view) -> Rendered:  # type: ignore[no-untyped-def]
    """`view` is scheduler.scan.ReminderView (structurally typed: handlers do not import the scheduler)."""
    t: Texts = texts()
    details = view.details
    args = _days_args(view)
    when = str(args["stage"])
    mentorship = details.get("mentorship_id", 0)

    if view.kind == DeadlineKind.MENTOR_ASSIGNMENT:
        name = details.get("mentee", "")
        text = t(_key("remind-mentor", when), name=name, limit=details.get("limit", 30), **args)
        # 3.7: the curator picks the mentor for this very mentee (the pair-forming flow, suggestions first).
        markup = keyboard(
            [button(_label("remind-choose-mentor"), PairCb(action="new", id=details.get("mentee_id", 0)))]
        )
        return Rendered(text, markup, _summary(t, view.kind, name, view))
    if view.kind == DeadlineKind.CAMPAIGN:
        title = details.get("title", "")
        text = t(_key("remind-campaign", when), title=title, **args)
        markup = keyboard(
            [button(_label("camp-fill"), QStart(code=details.get("code", ""), campaign=details.get("campaign_id", 0)))]
        )
        return Rendered(text, markup, _summary(t, view.kind, title, view))
    if view.kind == DeadlineKind.CAMPAIGN_OVERDUE:
        waiting, title = details.get("waiting", []), details.get("title", "")
        text = t("remind-campaign-curator", title=title, count=len(waiting), names=_names(t, waiting), **args)
        markup = keyboard(
            [button(_label("remind-open-campaign"), CampCb(action="view", id=details.get("campaign_id", 0)))]
        )
        return Rendered(text, markup, _summary(t, view.kind, title, view))
    if view.kind == DeadlineKind.YEARLY_REFRESH:
        year = details.get("year", "")
        text = t(_key("remind-refresh", when), year=year, **args)
        markup = keyboard([button(_label("remind-open-refresh"), CampCb(action="refresh"))])
        return Rendered(text, markup, _summary(t, view.kind, year, view))
    if view.kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
        role = "mentor" if view.kind == DeadlineKind.REPORT_MENTOR else "mentee"
        mentees = ", ".join(details.get("mentees", []))
        summary = _summary(t, view.kind, details.get("author", "") or mentees, view)
        if view.offset == OVERDUE and view.recipient.id != details.get("author_id"):
            text = t(f"remind-report-curator-{role}", author=details.get("author", ""), names=mentees, **args)
            return Rendered(
                text, keyboard([button(_label("remind-open-pair"), PairCb(action="card", id=mentorship))]), summary
            )
        text = t(_key(f"remind-report-{role}", when), **args)
        markup = keyboard([button(_label("pair-report-fill"), QStart(code=details.get("code", ""), m=mentorship))])
        return Rendered(text, markup, summary)
    if view.kind == DeadlineKind.ACTIVITY:
        title, mentees = details.get("title", ""), ", ".join(details.get("mentees", []))
        key = "remind-activity-late" if view.offset == OVERDUE else _key("remind-activity", when)
        text = t(key, title=title, names=mentees, **args)
        markup = keyboard([button(_label("prog-open"), ProgCb(action="view", id=mentorship))])
        return Rendered(text, markup, _summary(t, view.kind, title, view))
    if view.kind == DeadlineKind.PLANNED_END:
        mentees = ", ".join(details.get("mentees", []))
        text = t(_key("remind-end", when), names=mentees, **args)
        if view.recipient.id == details.get("mentor_id"):  # the mentor prepares; changes (7.2) are on that screen
            markup = keyboard([button(_label("prog-open"), ProgCb(action="view", id=mentorship))])
        else:  # the curator completes it (7.1) from the pair's card
            markup = keyboard([button(_label("remind-open-pair"), PairCb(action="card", id=mentorship))])
        return Rendered(text, markup, _summary(t, view.kind, mentees, view))
    if view.kind == DeadlineKind.PROGRAMME:
        mentees = ", ".join(details.get("mentees", []))
        if view.offset == OVERDUE and view.recipient.id != details.get("mentor_id"):
            text = t("remind-programme-curator", names=mentees, **args)
            label = _label("prog-open")
        else:  # 3.6: the mentor goes straight to the programme editor
            text = t(_key("remind-programme", when), names=mentees, **args)
            label = _label("remind-write-programme")
        markup = keyboard([button(label, ProgCb(action="view", id=mentorship))])
        return Rendered(text, markup, _summary(t, view.kind, mentees, view))
    if view.kind == "digest":
        return _digest(t, view.details["digest"])
    if view.kind == "undeliverable":
        return _undeliverable(t, view.details["people"])
    raise ValueError(f"no wording for {view.kind}")


# -- the digest ----------------------------------------------------------------------------------------------
def kind_labels(t: Texts) -> dict[str, str]:
    return {kind.value: t.plain(f"digest-kind-{kind.value}") for kind in DeadlineKind}


def _state(t: Texts) -> Callable[[int], str]:
    return lambda days: t.plain("digest-state", stage=stage(days), days=abs(days))


def _digest(t: Texts, digest: Digest) -> Rendered:
    labels = kind_labels(t)
    head: list[str] = [t("digest-title", date=format_date(digest.today))]
    overdue, upcoming = sum(digest.overdue.values()), sum(digest.upcoming.values())
    for title, counts in (("digest-overdue", digest.overdue), ("digest-upcoming", digest.upcoming)):
        head += ["", t(title, count=sum(counts.values()))]
        head += [t("digest-count", what=labels.get(kind, kind), count=count) for kind, count in counts.items()]

    def line(item) -> str:  # type: ignore[no-untyped-def]
        days = item.days_left(digest.today)
        text = t(
            f"digest-line-{item.kind}",
            name=item.name,
            due=format_date(item.due),
            stage=stage(days),
            days=abs(days),
        )
        if digest.schools > 1:
            return t("digest-item-school", school=item.school, line=Html(text))
        return t("digest-item", line=Html(text))

    lines = [line(item) for item in digest.items[:DIGEST_ITEMS]]
    more_room = len(t("digest-more", count=len(digest.items), file=digest_file_name(digest)))
    budget = MESSAGE_BUDGET - len("\n".join(head)) - more_room - len(_label("digest-urgent")) - 4
    shown = fitting(lines, budget)
    body = [*head, "", _label("digest-urgent"), *lines[:shown]]
    attachment = None
    if shown < len(digest.items):
        name = digest_file_name(digest)
        body += ["", t("digest-more", count=len(digest.items) - shown, file=name)]
        caption = t("digest-file-caption", date=format_date(digest.today), count=len(digest.items))
        attachment = Attachment(name, digest_xlsx(digest, labels, _state(t)), caption)
    markup = keyboard(
        [button(_label("remind-open-banks"), BankCb(action="list", bank="mentee"))],
        [button(_label("remind-open-pairs"), PairCb(action="list"))],
    )
    summary = t.plain("scan-about-digest", overdue=overdue, upcoming=upcoming)
    return Rendered("\n".join(body), markup, summary, attachment)


# -- whom reminders could not reach ----------------------------------------------------------------------------------
def _undeliverable(t: Texts, people: list[dict[str, object]]) -> Rendered:
    lines = [t(f"remind-undeliverable-{p['reason']}", name=str(p["name"])) for p in people]
    shown = min(fitting(lines[:LISTED_NAMES], MESSAGE_BUDGET - 600), LISTED_NAMES)
    body = [_label("remind-undeliverable"), *lines[:shown]]
    if shown < len(lines):
        body.append(t("list-more-people", count=len(lines) - shown))
    body.append(_label("remind-undeliverable-next"))
    rows: list[list[InlineKeyboardButton]] = [
        [button(t("remind-new-invite", name=str(p["name"])), StaffCb(action="invite", person_id=int(p["id"])))]  # type: ignore[call-overload]
        for p in people[:INVITE_BUTTONS]
    ]
    if len(people) > INVITE_BUTTONS:
        rows.append([button(_label("remind-open-staff"), MenuCb(action="staff"))])
    summary = t.plain("scan-about-undeliverable", count=len(people))
    return Rendered("\n".join(body), keyboard(*rows), summary)


# -- the `remind` command's list -------------------------------------------------------------------------------
def describe(report, moment: str, zone: str) -> list[str]:  # type: ignore[no-untyped-def]
    """`report` is scheduler.scan.ScanReport: what was sent — or, in a dry run, what a real scan would send."""
    t = texts()
    mode = "dry" if report.dry_run else "real"
    out = [t.plain("scan-title", moment=moment, zone=zone)]
    if report.dry_run:
        out.append(t.plain("scan-dry"))
    for line in report.lines:
        reason = f"-{line.reason}" if line.outcome in ("undeliverable", "skipped") and line.reason else ""
        outcome = t.plain(f"scan-outcome-{mode}-{line.outcome}{reason}")
        summary = line.summary or t.plain("scan-about-unknown", due=format_date(line.due))
        out.append(t.plain("scan-line", outcome=outcome, recipient=line.recipient, summary=summary))
    if not report.lines:
        out.append(t.plain("scan-nothing"))
    else:
        counts = {o: report.count(o) for o in ("sent", "undeliverable", "skipped", "failed")}
        out.append(t.plain(f"scan-total-{mode}", **counts))
    return out
