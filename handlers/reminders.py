"""How reminders, overdue alerts and the curator's digest read, with buttons that lead straight to the
action. The scheduler calls `render` (injected by bot/, so the scheduler never imports handlers)."""

from aiogram.types import InlineKeyboardMarkup

from domain.dates import format_date
from domain.deadlines import OVERDUE, DeadlineKind
from handlers.callbacks import BankCb, CampCb, PairCb, ProgCb, QStart
from handlers.keyboards import button, keyboard
from locales import Html, Texts, texts


def _days(offset: str) -> int:
    return int(offset.removeprefix("d-"))


def render(view) -> tuple[str, InlineKeyboardMarkup | None]:  # type: ignore[no-untyped-def]
    """`view` is scheduler.scan.ReminderView (structurally typed: handlers do not import the scheduler)."""
    t: Texts = texts()
    details, due = view.details, format_date(view.due)
    stage = "overdue" if view.offset == OVERDUE else ("today" if view.offset == "d-0" else "before")
    days = _days(view.offset) if view.offset.startswith("d-") else 0

    if view.kind == DeadlineKind.MENTOR_ASSIGNMENT:
        text = t(
            f"remind-mentor-{stage}", name=details.get("mentee", ""), due=due, days=days, limit=details.get("limit", 30)
        )
        markup = keyboard(
            [button(t("remind-open-mentee"), BankCb(action="card", bank="mentee", pid=details.get("mentee_id", 0)))]
        )
        return text, markup
    if view.kind == DeadlineKind.CAMPAIGN:
        text = t(f"remind-campaign-{stage}", title=details.get("title", ""), due=due, days=days)
        markup = keyboard(
            [button(t("camp-fill"), QStart(code=details.get("code", ""), campaign=details.get("campaign_id", 0)))]
        )
        return text, markup
    if view.kind == DeadlineKind.CAMPAIGN_OVERDUE:
        waiting = details.get("waiting", [])
        text = t(
            "remind-campaign-curator",
            title=details.get("title", ""),
            due=due,
            count=len(waiting),
            names=", ".join(waiting[:20]),
        )
        return text, keyboard(
            [button(t("remind-open-campaign"), CampCb(action="view", id=details.get("campaign_id", 0)))]
        )
    if view.kind == DeadlineKind.YEARLY_REFRESH:
        text = t(f"remind-refresh-{stage}", year=details.get("year", ""), due=due, days=days)
        return text, keyboard([button(t("remind-open-refresh"), CampCb(action="refresh"))])
    if view.kind in (DeadlineKind.REPORT_MENTOR, DeadlineKind.REPORT_MENTEE):
        role = "mentor" if view.kind == DeadlineKind.REPORT_MENTOR else "mentee"
        if view.offset == OVERDUE and view.recipient.id != details.get("author_id"):
            return t("remind-report-curator", due=due, names=", ".join(details.get("mentees", []))), keyboard(
                [button(t("remind-open-pair"), PairCb(action="card", id=details.get("mentorship_id", 0)))]
            )
        text = t(f"remind-report-{role}-{stage}", due=due, days=days)
        return text, keyboard(
            [button(t("pair-report-fill"), QStart(code=details.get("code", ""), m=details.get("mentorship_id", 0)))]
        )
    if view.kind == DeadlineKind.ACTIVITY:
        who = "mentee" if view.offset != OVERDUE else "late"
        text = t(f"remind-activity-{who}", title=details.get("title", ""), due=due, days=days, stage=stage)
        return text, keyboard([button(t("prog-open"), ProgCb(action="view", id=details.get("mentorship_id", 0)))])
    if view.kind == DeadlineKind.PLANNED_END:
        text = t(f"remind-end-{stage}", names=", ".join(details.get("mentees", [])), due=due, days=days)
        return text, keyboard(
            [button(t("remind-open-pair"), PairCb(action="card", id=details.get("mentorship_id", 0)))]
        )
    if view.kind == DeadlineKind.PROGRAMME:
        mentees = ", ".join(details.get("mentees", []))
        if view.offset == OVERDUE and view.recipient.id != details.get("mentor_id"):
            text = t("remind-programme-curator", names=mentees, due=due)
        else:
            text = t(f"remind-programme-{stage}", names=mentees, due=due, days=days)
        return text, keyboard([button(t("prog-open"), ProgCb(action="view", id=details.get("mentorship_id", 0)))])
    if view.kind == "digest":
        return _digest(t, view), keyboard([button(t("remind-open-banks"), BankCb(action="list", bank="mentee"))])
    if view.kind == "undeliverable":
        return t(
            "remind-undeliverable", names=Html("\n".join(f"• {t('plain', value=n)}" for n in details["names"]))
        ), None
    raise ValueError(f"no wording for {view.kind}")


def _digest(t: Texts, view) -> str:  # type: ignore[no-untyped-def]
    def line(entry: dict) -> str:
        return t(
            f"digest-line-{entry['kind']}", name=entry["name"], due=format_date(entry["due"]), days=abs(entry["days"])
        )

    overdue = "\n".join(line(e) for e in view.details["overdue"]) or t("digest-none")
    upcoming = "\n".join(line(e) for e in view.details["upcoming"]) or t("digest-none")
    return t("digest", date=format_date(view.today), overdue=Html(overdue), upcoming=Html(upcoming))
