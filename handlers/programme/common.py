"""What every part of the programme flow shares: the programme screen and the activity card as a person sees
them (by their part in the mentorship and the programme's state), how a refusal is shown, the words documents
need. Imports nothing of the flow's other modules."""

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import record_event
from domain.programme import OPEN_ITEM, ItemStatus, Part, ProgrammeStatus
from handlers.callbacks import ActivityCb, ChangeCb, MenuCb, PairCb, ProgCb, QStart
from handlers.keyboards import button, clip, keyboard
from handlers.steps.screens import show_in_place
from locales import Html, Texts
from services.outcome import Actor, Attachment, Refused
from services.programme import ActivityCard, ActivityView, ProgrammeView
from services.reports import ReportState

COMMENTS_ON_SCREEN = 2  # the latest comments under an activity on the programme screen; all on its card


async def refuse(
    event: CallbackQuery | Message, t: Texts, refusal: Refused, session: AsyncSession, actor: Actor
) -> None:
    """Show why not; a forged or foreign button is also written to the audit log."""
    if refusal.key == "denied":
        data = event.data if isinstance(event, CallbackQuery) else "programme"
        await record_event(
            session,
            "access_denied",
            organization_id=actor.organization.id,
            actor_person_id=actor.person.id,
            data=data,
            reason="programme",
        )
    text = t(refusal.key, **refusal.params)
    if isinstance(event, CallbackQuery):
        await event.answer(text.plain(), show_alert=True)
    else:
        await event.answer(text)


def _mentees(t: Texts, view: ProgrammeView) -> dict[str, object]:
    names = [m.name for m in view.mentees]
    return {"mentee": names[0] if names else "", "mentees": ", ".join(names), "count": len(names)}


def _status(t: Texts, view: ProgrammeView) -> Html:
    if not view.running:
        return t("prog-status-completed", date=view.completed_on)
    if view.status == ProgrammeStatus.SUBMITTED and len(view.mentees) > 1 and view.acknowledged:
        return t("prog-status-some-acknowledged", done=len(view.acknowledged), total=len(view.mentees))
    return t(f"prog-status-{view.status}")


def activity_line(t: Texts, activity: ActivityView, *, comments: int = COMMENTS_ON_SCREEN) -> Html:
    line = t(
        "prog-item",
        mark=t(f"item-mark-{activity.status}"),
        number=activity.number,
        title=activity.title,
        due=activity.due,
        kind=t(f"kind-{activity.kind}"),
        expected=activity.expected,
        proposed="yes" if activity.proposed_by_mentee else "no",
    )
    shown = activity.comments[-comments:] if comments else ()
    extra = [t("prog-comment", name=c.author, text=c.text) for c in shown]
    return Html("\n".join([line, *extra]))


def programme_text(t: Texts, view: ProgrammeView, reports: list[ReportState] | None = None) -> Html:
    notes = []
    if view.running and view.draft:
        if view.overdue_days:
            notes.append(t("prog-overdue", due=view.due, days=view.overdue_days))
        else:
            notes.append(t("prog-due", due=view.due))
    elif view.late_days and view.part != Part.MENTEE:
        notes.append(t("prog-sent-late", days=view.late_days))
    if view.short:
        notes.append(t("prog-short"))
    if not view.draft and view.activities:
        done, total = view.progress
        notes.append(t("prog-progress", done=done, total=total))
    for state in reports or []:
        notes.append(
            t(
                "report-line",
                role=state.part.value,
                name=state.author,
                due=state.due,
                on=state.submitted_on,
                state="late" if state.late else ("in" if state.submitted_on else "waiting"),
            )
        )
    lines = [activity_line(t, a) for a in view.activities]
    proposals = [t("prog-proposal-line", title=p.title, name=p.proposer) for p in view.proposals]
    return t(
        "prog-screen",
        **_mentees(t, view),
        mentor=view.mentor.name,
        status=_status(t, view),
        start=view.start,
        end=view.end,
        goal=view.goal or t("prog-no-goal"),
        tasks=t("prog-tasks", tasks=view.tasks) if view.tasks else Html(""),
        items=Html("\n".join(lines)) if lines else t("prog-no-items"),
        proposals=t("prog-proposals", lines=Html("\n".join(proposals))) if proposals else Html(""),
        notes=Html("\n".join(notes)),
    )


def _activity_buttons(view: ProgrammeView) -> list[list[InlineKeyboardButton]]:
    rows = [[button(f"{a.number}. {clip(a.title, 48)}", ActivityCb(action="card", id=a.id))] for a in view.activities]
    return rows + [[button(f"💬 {clip(p.title, 48)}", ActivityCb(action="card", id=p.id))] for p in view.proposals]


def programme_markup(t: Texts, view: ProgrammeView, reports: list[ReportState] | None = None) -> InlineKeyboardMarkup:
    cb = lambda action: ProgCb(action=action, id=view.mentorship_id)  # noqa: E731
    rows = _activity_buttons(view)
    if view.editable:
        rows.append([button(t("prog-set-goal"), cb("goal")), button(t("prog-add"), cb("add"))])
    if view.part in (Part.MENTOR, Part.CURATOR):
        rows.append([button(t("prog-needs"), cb("needs"))])
    if view.editable:
        rows.append([button(t("prog-submit"), cb("submit"))])
    if view.running and view.part == Part.MENTEE:
        if view.status != ProgrammeStatus.DRAFT and not view.acknowledged_by_me:
            rows.append([button(t("prog-ack"), cb("ack"))])
        rows.append([button(t("prog-propose"), cb("add"))])
    if view.part in (Part.MENTOR, Part.MENTEE):
        row = [button(t("prog-meetings"), cb("meetings"))]
        if view.running:
            row.append(button(t("chg-open"), ChangeCb(action="menu", id=view.mentorship_id)))
        rows.append(row)
    for state in reports or []:
        if state.author_id == view.me and state.submitted_on is None:
            code = "mentor_report" if state.part == Part.MENTOR else "mentee_report"
            rows.append([button(t("report-write"), QStart(code=code, m=view.mentorship_id))])
    row = [button(t("prog-docx"), cb("docx"))]
    if reports and any(s.submitted_on for s in reports if view.part == Part.CURATOR or s.author_id == view.me):
        row.append(button(t("report-open"), cb("reports")))
    rows.append(row)
    if view.part == Part.CURATOR:
        rows.append([button(t("open-pair"), PairCb(action="card", id=view.mentorship_id))])
    else:
        rows.append([button(t("nav-back"), MenuCb(action="mentoring"))])
    return keyboard(*rows)


def activity_text(t: Texts, card: ActivityCard) -> Html:
    a = card.activity
    lines = [
        t(
            "act-card",
            number=a.number,
            state=t(f"item-state-{a.status}"),
            title=a.title,
            kind=t(f"kind-{a.kind}"),
            due=a.due,
            expected=a.expected,
        )
    ]
    if a.report_form:
        lines.append(t("act-report-form", report_form=a.report_form))
    if a.proposed_by_mentee:
        lines.append(t("act-proposed-by", name=a.proposer))
    if a.status in (ItemStatus.DONE, ItemStatus.ACCEPTED, ItemStatus.RETURNED) and (a.done_comment or a.done_file_name):
        lines.append(t("act-done-by", name=a.done_by, comment=a.done_comment))
        if a.done_file_name:
            lines.append(t("act-done-file", file=a.done_file_name))
    if a.comments:
        lines.append(t("act-comments"))
        lines += [t("prog-comment", name=c.author, text=c.text) for c in a.comments]
    return Html("\n".join(lines))


def activity_markup(t: Texts, card: ActivityCard) -> InlineKeyboardMarkup:
    view, a = card.programme, card.activity
    cb = lambda action: ActivityCb(action=action, id=a.id)  # noqa: E731
    rows = []
    if view.running and view.part == Part.MENTOR:
        if view.draft and a.status == ItemStatus.PLANNED:
            rows.append([button(t("act-edit"), cb("edit")), button(t("act-delete"), cb("delete"))])
        if a.status == ItemStatus.PROPOSED:
            rows.append([button(t("act-include"), cb("include")), button(t("act-decline"), cb("decline"))])
        if a.status == ItemStatus.DONE:
            rows.append([button(t("prog-accept"), cb("accept")), button(t("prog-return-item"), cb("return"))])
    if view.running and view.part == Part.MENTEE and not view.draft and a.status in OPEN_ITEM:
        rows.append([button(t("prog-mark-done"), cb("done"))])
    if a.has_file:
        rows.append([button(t("prog-get-file"), cb("file"))])
    if view.running and view.part in (Part.MENTOR, Part.MENTEE):
        rows.append([button(t("act-comment"), cb("comment"))])
    rows.append([button(t("act-back"), ProgCb(action="view", id=view.mentorship_id))])
    return keyboard(*rows)


async def show_activity(query: CallbackQuery, t: Texts, card: ActivityCard) -> None:
    await show_in_place(query, activity_text(t, card), activity_markup(t, card))


async def send_file(bot: Bot, chat_id: int, attachment: Attachment) -> None:
    await bot.send_document(chat_id, BufferedInputFile(attachment.content, filename=attachment.filename))


async def programme_screen(
    session: AsyncSession, t: Texts, actor: Actor, view: ProgrammeView
) -> tuple[Html, InlineKeyboardMarkup]:
    from services.reports import reports_of

    reports = await reports_of(session, actor, view.mentorship_id) if not view.running else []
    return programme_text(t, view, reports), programme_markup(t, view, reports)
