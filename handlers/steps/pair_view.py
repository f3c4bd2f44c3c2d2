"""How a pair looks to the people who work with it: its card, its line in a list, its history, a suggestion with
its reasons. Pure rendering of what services/pairs.py returns; no database, no Telegram calls."""

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.matching import Suggestion
from domain.mentorship import ChangeKind, ChangeStatus, EventAction, Status
from domain.names import initials
from handlers.notifier import render
from locales import Html, Texts
from services.pairs import HistoryLine, ListItem, PairView


def card_text(t: Texts, pair: PairView) -> Html:
    m = pair.mentorship
    lines = [
        t("pair-card-mentor", name=pair.mentor.person.full_name, agreed=_yes(pair.mentor.agreed),
          consents=_yes(pair.mentor.consented), connected=_yes(pair.mentor.person.telegram_user_id is not None)),
        *(t("pair-card-mentee", name=x.person.full_name, agreed=_yes(x.agreed), consents=_yes(x.consented),
            connected=_yes(x.person.telegram_user_id is not None)) for x in pair.mentees),
        t("pair-card-terms", form=t(f"form-{m.form}"), months=m.months),
    ]  # fmt: skip
    if pair.proposed_by is not None:
        lines.append(t("pair-card-proposed-by", name=pair.proposed_by.full_name))
    if m.order_number and m.order_date and m.start_date and m.end_date:
        lines.append(t("pair-order", number=m.order_number, date=m.order_date, start=m.start_date, end=m.end_date))
    if m.status == Status.RETURNED and m.comment:
        lines.append(t("pair-comment", comment=m.comment, name=pair.decided_by.full_name if pair.decided_by else ""))
    for change in pair.changes:
        if change.kind == ChangeKind.REPLACE:
            lines.append(
                t("pair-card-replacing", name=pair.names.get(change.new_mentor_id or 0, ""),
                  state=change.status, reason=t(f"replace-{change.reason}"))
            )  # fmt: skip
        elif change.kind == ChangeKind.COMPLETE:
            lines.append(t("pair-card-completing", reason=t(f"completion-{change.reason}")))
        elif change.kind == ChangeKind.EXTEND and change.status == ChangeStatus.PENDING:
            lines.append(t("pair-card-extending", months=change.months or 0))
        elif change.kind == ChangeKind.CORRECT and change.status == ChangeStatus.PENDING:
            lines.append(t("pair-card-correcting"))
    if m.status == Status.COMPLETED and m.completed_on is not None:
        lines.append(t("pair-completed", date=m.completed_on, reason=t(f"completion-{m.completion_reason}")))
        if m.completion_comment:
            lines.append(t("pair-completed-comment", comment=m.completion_comment))
        people = [pair.mentor.person, *(x.person for x in pair.mentees)]
        for person in people:
            submitted = pair.reports.get(person.id)
            lines.append(
                t("pair-report-line", name=person.full_name, state="sent" if submitted else "waiting",
                  submitted=submitted, due=pair.reports_due)
            )  # fmt: skip
    return t(
        "pair-card",
        kind="group" if len(pair.mentees) > 1 else "pair",
        status=t(f"pair-status-{m.status}"),
        lines=Html("\n".join(lines)),
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def list_label(t: Texts, item: ListItem) -> Html:
    mentees = item.mentees[0] if len(item.mentees) == 1 else ", ".join(initials(n) for n in item.mentees)
    return t("pair-list-item", status=t(f"pair-icon-{item.mentorship.status}"), mentor=item.mentor, mentees=mentees)


def history_text(t: Texts, pair: PairView, lines: list[HistoryLine], tz: ZoneInfo) -> Html:
    rendered = [
        t(
            "pair-event",
            when=_when(line.when, tz),
            who=line.who or t("pair-event-nobody"),
            what=_what(t, line),
            change=t("pair-event-change", before=t(f"pair-state-{line.before}"), after=t(f"pair-state-{line.after}"))
            if line.before and line.after and line.before != line.after
            else "",
        )
        for line in lines
    ]
    return t("pair-history-title", pair=pair.title, lines=Html("\n".join(rendered)))


def _when(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d.%m.%Y %H:%M")


def _what(t: Texts, line: HistoryLine) -> Html:
    details = line.details
    what = t(f"pair-action-{line.action}")
    if line.action is EventAction.MENTOR_REPLACED:
        return t(
            "pair-action-replaced-detail",
            what=what,
            old=line.names.get(int(details.get("old_mentor") or 0), ""),
            new=line.names.get(int(details.get("new_mentor") or 0), ""),
            number=str(details.get("order_number", "")),
        )
    if line.action is EventAction.COMPLETED and details.get("order_number"):
        return t("pair-action-completed-by-order", number=str(details["order_number"]))
    if line.action is EventAction.APPROVED_BY_ORDER and details.get("order_number"):
        return t("pair-action-order-detail", what=what, number=str(details["order_number"]))
    if line.action in (EventAction.RETURNED, EventAction.REPLACE_RETURNED, EventAction.COMPLETION_RETURNED) and (
        details.get("comment")
    ):
        return t("pair-action-comment-detail", what=what, comment=str(details["comment"]))
    return what


def reasons_text(t: Texts, suggestion: Suggestion) -> tuple[Html, Html]:
    """Why this mentor (6.1), and what still stands before an order (Telegram, consent, survey)."""
    reasons = Html("; ".join(render(t, f"reason-{key}", args) for key, args in suggestion.reasons))
    return reasons, Html("".join("\n" + t(key) for key in suggestion.warnings))


def suggestion_text(t: Texts, number: int, suggestion: Suggestion) -> Html:
    reasons, warnings = reasons_text(t, suggestion)
    return t(
        "pair-suggestion",
        number=number,
        name=suggestion.mentor.full_name,
        score=suggestion.score,
        reasons=reasons,
        warnings=warnings,
    )
