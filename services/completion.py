"""Completion of a personalized programme (7.1), in the three ways the regulation gives: the plan fulfilled in
full; the initiative of the mentor, the mentee or both, for valid reasons; the curator's initiative when the
programme is not carried out. The curator puts it to the director (or the department, 3.3), who fixes it by
order or returns it; then both reports fall due within the school's number of days (3.6)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MentorshipChange
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from domain.mentorship import ChangeKind, ChangeStatus, CompletionReason, Part, Status, report_due
from services.orders import completion_file
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused, Term
from services.pairs import Ordered
from services.parties import approvers, curators, parties, require_curator
from services.replacement import ordered_change


@dataclass(frozen=True)
class CompletionAsked:
    change: MentorshipChange
    approvers: list[str]


async def request_completion(
    session: AsyncSession, actor: Actor, mentorship_id: int, reason: CompletionReason, comment: str | None
) -> Outcome[CompletionAsked]:
    require_curator(actor)
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=True)
    if mentorship is None or mentorship.status != Status.APPROVED:
        raise Refused("pair-not-active")
    if reason.needs_comment and not (comment or "").strip():  # 7.1: «по уважительным обстоятельствам»
        raise Refused("pair-complete-comment")
    if await repo.open_change(session, mentorship, ChangeKind.COMPLETE) is not None:
        raise Refused("pair-completion-open")
    change = await repo.request(
        session,
        mentorship,
        ChangeKind.COMPLETE,
        actor.person.id,
        status=ChangeStatus.AGREED,
        reason=reason.value,
        comment=comment if reason.needs_comment else None,
    )
    await session.commit()
    who = await parties(session, mentorship)
    deciders = await approvers(session, mentorship)
    args = {"curator": actor.person.full_name, "mentor": who.mentor.full_name, "mentees": who.mentee_names,
            "count": len(who.mentees), "reason": Term(f"completion-{reason}"), "comment": comment,
            "has_comment": "yes" if comment else "no"}  # fmt: skip
    notices = [
        Notice(a.id, "pair-completion-for-approval", args,
               buttons=(Open("approve_completion", change.id), Open("return_completion", change.id), Open("approvals")))
        for a in deciders
    ]  # fmt: skip
    return Outcome(CompletionAsked(change, [a.full_name for a in deciders]), notices)


async def check_completion(session: AsyncSession, actor: Actor, change_id: int) -> None:
    await ordered_change(session, actor, change_id, ChangeKind.COMPLETE)


async def approve_completion(
    session: AsyncSession, actor: Actor, change_id: int, number: str, on: date
) -> Outcome[Ordered]:
    change, mentorship = await ordered_change(session, actor, change_id, ChangeKind.COMPLETE)
    reason = CompletionReason(change.reason or CompletionReason.FULFILLED)
    repo.fix_by_order(change, actor.person.id, number, on, actor.now)
    await mentorships_repo.complete(
        session, mentorship, actor.person.id, reason.value, change.comment, on, actor.now,
        change=change.id, order_number=number, order_date=on.isoformat(),
    )  # fmt: skip
    await session.commit()
    content = await completion_file(session, change, mentorship, actor.organization, actor.person, actor.rules)
    document = Attachment(f"Приказ_{number}.docx", content, "pair-completion-caption")
    who = await parties(session, mentorship)
    due = report_due(on, actor.rules)  # 3.6: the school's own number of days, not a literal
    args = {"number": number, "date": on, "due": due, "days": actor.rules.report_days, "mentor": who.mentor.full_name,
            "mentees": who.mentee_names, "count": len(who.mentees), "reason": Term(f"completion-{reason}"),
            "pair": who.title}  # fmt: skip
    notices = [
        Notice(p.id, f"pair-report-ask-{part}", args, buttons=(Open(f"report_{part}", mentorship.id),))
        for p, part in [(who.mentor, Part.MENTOR), *((m, Part.MENTEE) for m in who.mentees)]
    ]
    notices += [
        Notice(c.id, "pair-completed-curator", args, buttons=(Open("pair", mentorship.id),), attachment=document)
        for c in await curators(session, mentorship)
        if c.id != actor.person.id
    ]
    return Outcome(Ordered(mentorship.id, number, on, document), notices)
