"""The personalized programme (3.6), one function per use case: the mentor writes the goal, the tasks and the
activities (kinds of 3.6, dates within the mentorship's period; a programme shorter than 3 months is flagged,
1.2) and sends it to the mentee(s) within `programme_days` of the order (3.6); the mentee reads and
acknowledges it (3.6), proposes activities and comments (5.1), reports activities done with a comment or a file
(5.2); the mentor checks them, accepting or returning them (4.1); both log their meetings. The curator reads
everything (3.5). Each use case checks access and the rules (domain/programme.py), persists, commits once and
returns an `Outcome` with the notices to send; `appointment_notices` gives the order's notices to the
mentorship's participants (used by the approval by order)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Person, Programme, ProgrammeItem
from db.registry import questionnaire_of
from db.repositories import mentorships as mentorships_repo
from db.repositories import programmes as repo
from db.repositories.people import people_with_role
from db.repositories.responses import definition, latest_submitted
from documents.programme_docx import ProgrammeDocument, ProgrammeRow, programme_docx
from domain.mentorship import Form, Status
from domain.programme import (
    COMMENT_MAX,
    COMMENT_MIN,
    IN_PROGRAMME,
    OPEN_ITEM,
    TASKS_MAX,
    ActivityKind,
    ItemStatus,
    MeetingFormat,
    Part,
    ProgrammeStatus,
    accepted_share,
    check_activity_date,
    check_meeting_date,
    clean_goal,
    days_late,
    is_short,
    missing_for_submission,
    programme_due,
)
from domain.questionnaire import display
from domain.roles import Role
from domain.rules import OrgRules
from domain.validation import InputError, clean_text
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused

NEEDS = "mentee_needs"  # the mentee's needs questionnaire: what the programme answers (3.6, road map stage 2)


# -- what the use cases return ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    position: str | None


@dataclass(frozen=True)
class CommentView:
    author: str
    text: str
    at: datetime


@dataclass(frozen=True)
class ActivityView:
    id: int
    number: int  # its place in the programme (1, 2, …); 0 for a proposal not yet included
    kind: ActivityKind
    title: str
    due: date
    expected: str
    report_form: str | None
    status: ItemStatus
    proposed_by_mentee: bool
    proposer: str
    done_by: str
    done_comment: str | None
    done_file_name: str | None
    has_file: bool
    comments: tuple[CommentView, ...]


@dataclass(frozen=True)
class ProgrammeView:
    mentorship_id: int
    part: Part
    me: int
    status: ProgrammeStatus
    running: bool  # approved, not completed: the programme can change
    form: Form
    mentor: Participant
    mentees: tuple[Participant, ...]
    goal: str | None
    tasks: str | None
    start: date
    end: date
    order_number: str
    order_date: date
    due: date  # 3.6: order date + programme_days
    overdue_days: int  # the draft's days past `due` today; 0 when in time or sent
    late_days: int  # how late it was sent (0: in time or not yet)
    short: bool  # 1.2: shorter than 3 months
    activities: tuple[ActivityView, ...]  # in the programme, by date
    proposals: tuple[ActivityView, ...]  # 5.1: the mentee's proposals awaiting the mentor
    acknowledged: frozenset[int]
    progress: tuple[int, int]
    completed_on: date | None

    @property
    def draft(self) -> bool:
        return self.status == ProgrammeStatus.DRAFT

    @property
    def editable(self) -> bool:
        return self.running and self.part == Part.MENTOR and self.draft

    @property
    def acknowledged_by_me(self) -> bool:
        return self.me in self.acknowledged


@dataclass(frozen=True)
class ActivityCard:
    programme: ProgrammeView
    activity: ActivityView


@dataclass(frozen=True)
class ActivityDraft:
    kind: ActivityKind
    title: str
    due: date
    expected: str
    report_form: str | None = None


@dataclass(frozen=True)
class MenteeNeeds:
    mentee: Participant
    submitted_on: date | None
    answers: tuple[tuple[str, str], ...]  # (question, answer as shown)


@dataclass(frozen=True)
class MeetingView:
    held_on: date
    format: MeetingFormat
    topic: str
    logged_by: str


@dataclass(frozen=True)
class Meetings:
    programme: ProgrammeView
    meetings: tuple[MeetingView, ...] = field(default_factory=tuple)


# -- access -----------------------------------------------------------------------------------------------------
def part_of(person: Person, mentorship: Mentorship) -> Part | None:
    if person.id == mentorship.mentor_id:
        return Part.MENTOR
    if any(m.mentee_id == person.id for m in mentorship.members):
        return Part.MENTEE
    if person.organization_id == mentorship.organization_id and Role.CURATOR in person.role_set:
        return Part.CURATOR
    return None


@dataclass
class _Loaded:
    mentorship: Mentorship
    programme: Programme
    part: Part


async def _load(
    session: AsyncSession,
    actor: Actor,
    mentorship_id: int,
    *parts: Part,
    running: bool = True,
    lock: bool = False,
) -> _Loaded:
    """The mentorship of the actor's school in which the actor takes part as one of `parts`; `running`: only
    while it is approved (a completed one is read-only). Refused otherwise."""
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=lock)
    allowed = (Status.APPROVED,) if running else (Status.APPROVED, Status.COMPLETED)
    part = part_of(actor.person, mentorship) if mentorship is not None else None
    if mentorship is None or part is None or part not in parts:
        raise Refused("denied")
    if mentorship.status not in allowed:
        raise Refused("prog-closed")
    return _Loaded(mentorship, await repo.programme_of(session, mentorship), part)


async def _load_item(
    session: AsyncSession, actor: Actor, item_id: int, *parts: Part, running: bool = True
) -> tuple[_Loaded, ProgrammeItem]:
    found = await repo.item_in_organization(session, actor.organization.id, item_id)
    if found is None:
        raise Refused("prog-item-gone")
    item, programme = found
    loaded = await _load(session, actor, programme.mentorship_id, *parts, running=running, lock=running)
    return loaded, item


# -- the view ---------------------------------------------------------------------------------------------------
async def _view(session: AsyncSession, actor: Actor, loaded: _Loaded) -> ProgrammeView:
    mentorship, programme = loaded.mentorship, loaded.programme
    assert mentorship.order_date and mentorship.start_date and mentorship.end_date and mentorship.order_number
    people = await repo.people(session, [mentorship.mentor_id, *(m.mentee_id for m in mentorship.members)])
    by_id = {p.id: Participant(p.id, p.full_name, p.position) for p in people}
    authors = await repo.names(
        session,
        [
            *(i.proposed_by_id for i in programme.items),
            *(i.done_by_id for i in programme.items),
            *(c.author_id for i in programme.items for c in i.comments),
        ],
    )
    mentees = {m.mentee_id for m in mentorship.members}
    due = programme_due(mentorship.order_date, actor.rules)
    sent_on = programme.submitted_at.astimezone(actor.tz).date() if programme.submitted_at else None
    activities: list[ActivityView] = []
    proposals: list[ActivityView] = []
    number = 0
    for item in programme.items:
        item_status = ItemStatus(item.status)
        if item_status in IN_PROGRAMME:
            number += 1
        view = ActivityView(
            id=item.id,
            number=number if item_status in IN_PROGRAMME else 0,
            kind=ActivityKind(item.kind),
            title=item.title,
            due=item.due_date,
            expected=item.expected_result,
            report_form=item.report_form,
            status=item_status,
            # 5.1: written by a mentee of this pair; a mentor replaced since (3.8) did not «propose» their activities
            proposed_by_mentee=item.proposed_by_id in mentees,
            proposer=authors.get(item.proposed_by_id or 0, ""),
            done_by=authors.get(item.done_by_id or 0, ""),
            done_comment=item.done_comment,
            done_file_name=item.done_file_name,
            has_file=item.done_file_id is not None,
            comments=tuple(CommentView(authors.get(c.author_id or 0, ""), c.text, c.created_at) for c in item.comments),
        )
        (activities if item_status in IN_PROGRAMME else proposals).append(view)
    status = ProgrammeStatus(programme.status)
    running = mentorship.status == Status.APPROVED
    return ProgrammeView(
        mentorship_id=mentorship.id,
        part=loaded.part,
        me=actor.person.id,
        status=status,
        running=running,
        form=Form(mentorship.form),
        mentor=by_id.get(mentorship.mentor_id, Participant(mentorship.mentor_id, "", None)),
        mentees=tuple(by_id[m.mentee_id] for m in mentorship.members if m.mentee_id in by_id),
        goal=programme.goal,
        tasks=programme.tasks,
        start=mentorship.start_date,
        end=mentorship.end_date,
        order_number=mentorship.order_number,
        order_date=mentorship.order_date,
        due=due,
        overdue_days=days_late(due, actor.today) if status == ProgrammeStatus.DRAFT and running else 0,
        late_days=days_late(due, sent_on) if sent_on else 0,
        short=is_short(mentorship.start_date, mentorship.end_date, actor.rules),
        activities=tuple(activities),
        proposals=tuple(proposals),
        acknowledged=frozenset(await repo.acknowledged_by(session, programme.id)),
        progress=accepted_share([i.status for i in programme.items]),
        completed_on=mentorship.completed_on,
    )


def _activity(view: ProgrammeView, item_id: int) -> ActivityView:
    return next(a for a in (*view.activities, *view.proposals) if a.id == item_id)


def _mentees(view: ProgrammeView) -> dict[str, object]:
    """The arguments that name the mentee(s) in a text: one declined by NAME(), a group listed."""
    names = [m.name for m in view.mentees]
    return {"mentee": names[0] if names else "", "mentees": ", ".join(names), "count": len(names)}


async def _curators(session: AsyncSession, organization_id: int) -> list[int]:
    return [c.id for c in await people_with_role(session, organization_id, Role.CURATOR)]


async def open_programme(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[ProgrammeView]:
    """The programme as the actor sees it (created empty the first time)."""
    loaded = await _load(session, actor, mentorship_id, *Part, running=False)
    view = await _view(session, actor, loaded)
    await session.commit()
    return Outcome(view)


async def my_mentorships(session: AsyncSession, actor: Actor) -> Outcome[list[ProgrammeView]]:
    """The running and finished mentorships where the actor is the mentor or a mentee."""
    views = []
    for mentorship in await repo.mentorships_of(session, actor.person.id, completed=True):
        part = part_of(actor.person, mentorship)
        if part in (Part.MENTOR, Part.MENTEE):
            loaded = _Loaded(mentorship, await repo.programme_of(session, mentorship), part)
            views.append(await _view(session, actor, loaded))
    await session.commit()
    return Outcome(views)


async def open_activity(session: AsyncSession, actor: Actor, item_id: int) -> Outcome[ActivityCard]:
    loaded, item = await _load_item(session, actor, item_id, *Part, running=False)
    view = await _view(session, actor, loaded)
    return Outcome(ActivityCard(view, _activity(view, item.id)))


async def mentee_needs(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[list[MenteeNeeds]]:
    """The mentees' answers to the needs questionnaire, which the programme answers (3.6: «исходя из потребности
    лица… в профессиональных знаниях и навыках»): for the mentor writing it and the curator."""
    loaded = await _load(session, actor, mentorship_id, Part.MENTOR, Part.CURATOR, running=False)
    found = []
    for mentee in await repo.people(session, [m.mentee_id for m in loaded.mentorship.members]):
        response = await latest_submitted(session, mentee.id, NEEDS)
        answers: list[tuple[str, str]] = []
        if response is not None:
            questionnaire = questionnaire_of(await definition(session, response.definition_id))
            answers = [
                (q.text, display(q, response.answers[q.id]))
                for q in questionnaire.visible(response.answers)
                if q.id in response.answers
            ]
        submitted = response.submitted_at.astimezone(actor.tz).date() if response and response.submitted_at else None
        found.append(MenteeNeeds(Participant(mentee.id, mentee.full_name, mentee.position), submitted, tuple(answers)))
    return Outcome(found)


# -- writing it (the mentor, 3.6) -------------------------------------------------------------------------------
def _draft_only(loaded: _Loaded) -> None:
    if loaded.programme.status != ProgrammeStatus.DRAFT:
        raise Refused("prog-not-draft")


async def set_goal(
    session: AsyncSession, actor: Actor, mentorship_id: int, goal: str, tasks: str | None
) -> Outcome[ProgrammeView]:
    loaded = await _load(session, actor, mentorship_id, Part.MENTOR, lock=True)
    _draft_only(loaded)
    try:
        loaded.programme.goal = clean_goal(goal)
        loaded.programme.tasks = clean_text(tasks, max_len=TASKS_MAX) if tasks else None
    except InputError as error:
        raise Refused(f"input-{error.code}", **error.params) from error
    await mentorships_repo.record(
        session, loaded.mentorship, actor.person.id, "programme_goal_set", loaded.mentorship.status, None
    )
    view = await _view(session, actor, loaded)
    await session.commit()
    return Outcome(view)


def check_draft_dates(draft: ActivityDraft, mentorship: Mentorship) -> None:
    assert mentorship.start_date and mentorship.end_date
    check_activity_date(draft.due, mentorship.start_date, mentorship.end_date)


async def add_activity(
    session: AsyncSession, actor: Actor, mentorship_id: int, draft: ActivityDraft
) -> Outcome[ActivityCard]:
    """The mentor adds an activity to the draft; a mentee proposes one at any time (5.1), which waits for the
    mentor's decision. The date lies within the mentorship's period (InputError «outside-period» otherwise)."""
    loaded = await _load(session, actor, mentorship_id, Part.MENTOR, Part.MENTEE, lock=True)
    mentor = loaded.part == Part.MENTOR
    if mentor:
        _draft_only(loaded)
    check_draft_dates(draft, loaded.mentorship)
    item = await repo.add_item(
        session,
        loaded.programme,
        draft.kind,
        draft.title,
        draft.due,
        draft.expected,
        actor.person.id,
        report_form=draft.report_form,
        status=ItemStatus.PLANNED if mentor else ItemStatus.PROPOSED,
    )
    action = "item_added_by_mentor" if mentor else "item_added_by_mentee"
    await mentorships_repo.record(
        session, loaded.mentorship, actor.person.id, action, loaded.mentorship.status, None, item=item.id
    )
    view = await _view(session, actor, loaded)
    await session.commit()
    notices = []
    if not mentor:
        notices.append(
            Notice(
                loaded.mentorship.mentor_id,
                "prog-proposed-to-mentor",
                {"name": actor.person.full_name, "title": item.title},
                buttons=(Open("activity", item.id, "prog-open-proposal"),),
            )
        )
    return Outcome(ActivityCard(view, _activity(view, item.id)), notices)


async def edit_activity(
    session: AsyncSession, actor: Actor, item_id: int, draft: ActivityDraft
) -> Outcome[ActivityCard]:
    loaded, item = await _load_item(session, actor, item_id, Part.MENTOR)
    _draft_only(loaded)
    if item.status != ItemStatus.PLANNED:
        raise Refused("prog-item-not-editable")
    check_draft_dates(draft, loaded.mentorship)
    item.kind, item.title, item.due_date = draft.kind.value, draft.title, draft.due
    item.expected_result, item.report_form = draft.expected, draft.report_form
    await mentorships_repo.record(
        session, loaded.mentorship, actor.person.id, "item_edited", loaded.mentorship.status, None, item=item.id
    )
    await session.flush()
    await session.refresh(loaded.programme, ["items"])
    view = await _view(session, actor, loaded)
    await session.commit()
    return Outcome(ActivityCard(view, _activity(view, item.id)))


async def delete_activity(session: AsyncSession, actor: Actor, item_id: int) -> Outcome[ProgrammeView]:
    loaded, item = await _load_item(session, actor, item_id, Part.MENTOR)
    _draft_only(loaded)
    if item.status != ItemStatus.PLANNED:
        raise Refused("prog-item-not-editable")
    await mentorships_repo.record(
        session,
        loaded.mentorship,
        actor.person.id,
        "item_deleted",
        loaded.mentorship.status,
        None,
        item=item.id,
        title=item.title,
    )
    await repo.remove_item(session, loaded.programme, item)
    view = await _view(session, actor, loaded)
    await session.commit()
    return Outcome(view)


async def decide_proposal(session: AsyncSession, actor: Actor, item_id: int, include: bool) -> Outcome[ProgrammeView]:
    """5.1: the mentor includes a mentee's proposal in the programme (it becomes a planned activity) or declines
    it (it is removed); the mentee hears which."""
    loaded, item = await _load_item(session, actor, item_id, Part.MENTOR)
    if item.status != ItemStatus.PROPOSED:
        raise Refused("prog-proposal-decided")
    title, proposer = item.title, item.proposed_by_id
    if include:
        await repo.set_item_status(session, item, [ItemStatus.PROPOSED], ItemStatus.PLANNED)
        await session.refresh(loaded.programme, ["items"])
    else:
        await repo.remove_item(session, loaded.programme, item)
    await mentorships_repo.record(
        session,
        loaded.mentorship,
        actor.person.id,
        "proposal_included" if include else "proposal_declined",
        loaded.mentorship.status,
        None,
        item=item_id,
        title=title,
    )
    view = await _view(session, actor, loaded)
    await session.commit()
    notices = (
        [
            Notice(
                proposer,
                "prog-proposal-included" if include else "prog-proposal-declined",
                {"mentor": actor.person.full_name, "title": title},
                buttons=(Open("programme", view.mentorship_id),),
            )
        ]
        if proposer
        else []
    )
    return Outcome(view, notices)


@dataclass(frozen=True)
class Submitted:
    programme: ProgrammeView
    late_days: int  # 3.6: sent this many days after the deadline (0: in time)


async def submit_programme(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Submitted]:
    """3.6: the mentor sends the programme to the mentee(s); a late one is sent all the same and says how late
    (the deadline is the order date + `programme_days`)."""
    loaded = await _load(session, actor, mentorship_id, Part.MENTOR, lock=True)
    _draft_only(loaded)
    in_programme = [i for i in loaded.programme.items if i.status in IN_PROGRAMME]
    missing = missing_for_submission(loaded.programme.goal, len(in_programme))
    if missing:
        raise Refused("prog-missing", what=missing[0] if len(missing) == 1 else "both")
    if not await repo.submit(session, loaded.programme, loaded.mentorship, actor.person.id, actor.now):
        raise Refused("prog-not-draft")
    view = await _view(session, actor, loaded)
    await session.commit()
    notices = [
        Notice(
            mentee.id,
            "prog-sent-to-mentee",
            {"mentor": view.mentor.name, "mentee": mentee.name},
            buttons=(Open("programme", view.mentorship_id, "prog-read"),),
        )
        for mentee in view.mentees
    ]
    return Outcome(Submitted(view, view.late_days), notices)


async def acknowledge_programme(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[ProgrammeView]:
    """3.6: «лицо, в отношении которого осуществляется наставничество, знакомится с программой»."""
    loaded = await _load(session, actor, mentorship_id, Part.MENTEE, lock=True)
    if loaded.programme.status == ProgrammeStatus.DRAFT:
        raise Refused("prog-ack-not-now")
    if actor.person.id in await repo.acknowledged_by(session, loaded.programme.id):
        raise Refused("prog-ack-already")
    everybody = await repo.acknowledge(session, loaded.programme, loaded.mentorship, actor.person.id, actor.now)
    view = await _view(session, actor, loaded)
    await session.commit()
    told = [view.mentor.id, *(await _curators(session, loaded.mentorship.organization_id))]
    notices = [
        Notice(
            person_id,
            "prog-acknowledged-all" if everybody else "prog-acknowledged-one",
            {"name": actor.person.full_name, "mentor": view.mentor.name, **_mentees(view)},
            buttons=(Open("programme", view.mentorship_id),),
        )
        for person_id in dict.fromkeys(told)
        if person_id != actor.person.id
    ]
    return Outcome(view, notices)


# -- doing it (5.2) and checking it (4.1) -----------------------------------------------------------------------
async def report_done(
    session: AsyncSession,
    actor: Actor,
    item_id: int,
    comment: str | None,
    file_id: str | None = None,
    file_name: str | None = None,
) -> Outcome[ActivityCard]:
    """5.2: a mentee reports an activity of the sent programme done, with a comment or a file (or both)."""
    loaded, item = await _load_item(session, actor, item_id, Part.MENTEE)
    if loaded.programme.status == ProgrammeStatus.DRAFT:
        raise Refused("prog-nothing-to-mark")
    if item.status not in OPEN_ITEM:
        raise Refused(f"prog-item-already-{item.status}")
    if not comment and not file_id:
        raise Refused("prog-report-need")
    moved = await repo.set_item_status(
        session,
        item,
        OPEN_ITEM,
        ItemStatus.DONE,
        done_at=actor.now,
        done_by_id=actor.person.id,
        done_comment=comment,
        done_file_id=file_id,
        done_file_name=file_name if file_id else None,
        checked_at=None,
        checked_by_id=None,
    )
    if not moved:
        raise Refused(f"prog-item-already-{item.status}")
    await mentorships_repo.record(
        session, loaded.mentorship, actor.person.id, "item_done", loaded.mentorship.status, None, item=item.id
    )
    await session.refresh(loaded.programme, ["items"])
    view = await _view(session, actor, loaded)
    await session.commit()
    buttons = [Open("activity_accept", item.id), Open("activity_return", item.id)]
    if file_id:
        buttons.insert(0, Open("activity_file", item.id))
    notice = Notice(
        view.mentor.id,
        "prog-done-to-mentor",
        {
            "name": actor.person.full_name,
            "title": item.title,
            "comment": comment or "",
            "with_comment": "yes" if comment else "no",
            "file": file_name or "",
            "with_file": "yes" if file_id else "no",
        },
        buttons=tuple(buttons),
    )
    return Outcome(ActivityCard(view, _activity(view, item.id)), [notice])


async def check_activity(
    session: AsyncSession, actor: Actor, item_id: int, accepted: bool, comment: str | None = None
) -> Outcome[ActivityCard]:
    """4.1: the mentor checks an activity reported done: accepts it, or returns it for more work with a word on
    what to redo (kept as the mentor's comment on the activity)."""
    loaded, item = await _load_item(session, actor, item_id, Part.MENTOR)
    if item.status != ItemStatus.DONE:
        raise Refused(f"prog-item-already-{item.status}")
    if not accepted and not comment:
        raise Refused("prog-return-need")
    new = ItemStatus.ACCEPTED if accepted else ItemStatus.RETURNED
    if not await repo.set_item_status(
        session, item, [ItemStatus.DONE], new, checked_at=actor.now, checked_by_id=actor.person.id
    ):
        raise Refused(f"prog-item-already-{item.status}")
    if comment:
        await repo.add_comment(session, item, actor.person.id, comment)
    await mentorships_repo.record(
        session,
        loaded.mentorship,
        actor.person.id,
        "item_accepted" if accepted else "item_returned",
        loaded.mentorship.status,
        None,
        item=item.id,
    )
    await session.refresh(loaded.programme, ["items"])
    view = await _view(session, actor, loaded)
    await session.commit()
    notices = [
        Notice(
            mentee.id,
            "prog-item-accepted" if accepted else "prog-item-returned",
            {"mentor": actor.person.full_name, "title": item.title, "comment": comment or ""},
            buttons=(Open("programme", view.mentorship_id),) if accepted else (Open("activity", item.id, "prog-redo"),),
        )
        for mentee in view.mentees
    ]
    return Outcome(ActivityCard(view, _activity(view, item.id)), notices)


@dataclass(frozen=True)
class ReportFile:
    file_id: str
    file_name: str
    title: str


async def activity_file(session: AsyncSession, actor: Actor, item_id: int) -> Outcome[ReportFile]:
    """The file a mentee reported an activity with: for the mentor, the mentees and the curator."""
    _, item = await _load_item(session, actor, item_id, *Part, running=False)
    if not item.done_file_id:
        raise Refused("prog-no-file")
    return Outcome(ReportFile(item.done_file_id, item.done_file_name or "", item.title))


# -- comments (5.1) ---------------------------------------------------------------------------------------------
async def comment_activity(session: AsyncSession, actor: Actor, item_id: int, text: str) -> Outcome[ActivityCard]:
    """5.1: the mentee takes part in composing the programme; the mentor answers. Stored as the author's id and the
    text; the others are told who wrote what."""
    loaded, item = await _load_item(session, actor, item_id, Part.MENTOR, Part.MENTEE)
    try:
        text = clean_text(text, min_len=COMMENT_MIN, max_len=COMMENT_MAX)
    except InputError as error:
        raise Refused(f"input-{error.code}", **error.params) from error
    await repo.add_comment(session, item, actor.person.id, text)
    await mentorships_repo.record(
        session, loaded.mentorship, actor.person.id, "item_commented", loaded.mentorship.status, None, item=item.id
    )
    view = await _view(session, actor, loaded)
    await session.commit()
    others = [view.mentor.id, *(m.id for m in view.mentees)]
    notices = [
        Notice(
            person_id,
            "prog-commented",
            {"name": actor.person.full_name, "title": item.title, "text": text},
            buttons=(Open("activity", item.id, "prog-answer"),),
        )
        for person_id in dict.fromkeys(others)
        if person_id != actor.person.id
    ]
    return Outcome(ActivityCard(view, _activity(view, item.id)), notices)


# -- meetings ---------------------------------------------------------------------------------------------------
async def meetings(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[Meetings]:
    loaded = await _load(session, actor, mentorship_id, *Part, running=False)
    view = await _view(session, actor, loaded)
    rows = await repo.meetings(session, mentorship_id)
    names = await repo.names(session, [m.logged_by_id for m in rows])
    return Outcome(
        Meetings(
            view,
            tuple(
                MeetingView(m.held_on, MeetingFormat(m.format), m.topic, names.get(m.logged_by_id or 0, ""))
                for m in rows
            ),
        )
    )


async def log_meeting(
    session: AsyncSession, actor: Actor, mentorship_id: int, held_on: date, meeting_format: MeetingFormat, topic: str
) -> Outcome[Meetings]:
    """A meeting of the pair or group in any form (2.3), held within the mentorship's period and not in the
    future (InputError otherwise)."""
    loaded = await _load(session, actor, mentorship_id, Part.MENTOR, Part.MENTEE)
    assert loaded.mentorship.start_date and loaded.mentorship.end_date
    check_meeting_date(held_on, loaded.mentorship.start_date, loaded.mentorship.end_date, actor.today)
    try:
        topic = clean_text(topic, min_len=3, max_len=500)
    except InputError as error:
        raise Refused(f"input-{error.code}", **error.params) from error
    await repo.add_meeting(session, loaded.mentorship, held_on, meeting_format, topic, actor.person.id)
    await session.commit()
    return await meetings(session, actor, mentorship_id)


# -- the document -----------------------------------------------------------------------------------------------
Labels = Callable[..., str]  # a text key (and its arguments) → its Russian wording (Texts.plain)


async def programme_document(
    session: AsyncSession, actor: Actor, mentorship_id: int, labels: Labels
) -> Outcome[Attachment]:
    """The programme as a school signs it: a DOCX in the typical shape (header, goal and tasks, the table of
    activities with their marks, signatures)."""
    loaded = await _load(session, actor, mentorship_id, *Part, running=False)
    view = await _view(session, actor, loaded)
    rows = [
        ProgrammeRow(
            kind=labels(f"kind-{a.kind}"),
            title=a.title,
            due=a.due,
            expected=a.expected,
            report_form=a.report_form or "",
            mark=labels(f"item-doc-mark-{a.status}"),
            proposed_by_mentee=a.proposed_by_mentee,
        )
        for a in view.activities
    ]
    content = programme_docx(
        ProgrammeDocument(
            school=actor.organization.name,
            mentor=view.mentor.name,
            mentor_position=view.mentor.position or "",
            mentees=[(m.name, m.position or "") for m in view.mentees],
            form=labels(f"form-{view.form}"),
            start=view.start,
            end=view.end,
            order=labels("prog-order", number=view.order_number, date=f"{view.order_date:%d.%m.%Y}"),
            goal=view.goal or "",
            tasks=view.tasks or "",
            rows=rows,
            acknowledged=[m.name for m in view.mentees if m.id in view.acknowledged],
        )
    )
    surname = (view.mentees[0].name.split() or [""])[0] if view.mentees else ""
    return Outcome(Attachment(f"Программа_наставничества_{surname}.docx".replace("__", "_"), content))


# -- the order's notice (3.4, 3.6) ------------------------------------------------------------------------------
async def appointment_notices(session: AsyncSession, mentorship: Mentorship, rules: OrgRules) -> list[Notice]:
    """What the mentor and the mentees are told when the order fixes the pair or group: who with whom, the
    programme's deadline (order date + `programme_days`, 3.6) and a button to the programme. The approval by order
    (the lifecycle's use case) sends these."""
    assert mentorship.order_date and mentorship.order_number
    mentor = await session.get(Person, mentorship.mentor_id)
    mentees = await repo.people(session, [m.mentee_id for m in mentorship.members])
    names = [m.full_name for m in mentees]
    common = {
        "number": mentorship.order_number,
        "date": mentorship.order_date,
        "due": programme_due(mentorship.order_date, rules),
        "mentor": mentor.full_name if mentor else "",
        "mentee": names[0] if names else "",
        "mentees": ", ".join(names),
        "count": len(names),
    }
    notices = [
        Notice(
            mentorship.mentor_id,
            "prog-appointed-mentor",
            common,
            buttons=(Open("programme", mentorship.id, "prog-write"),),
        )
    ]
    notices += [
        Notice(mentee.id, "prog-appointed-mentee", common, buttons=(Open("programme", mentorship.id),))
        for mentee in mentees
    ]
    return notices
