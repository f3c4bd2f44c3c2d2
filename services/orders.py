"""The orders a school signs (3.4, 3.8, 6.2, 7.1): fixing a pair or a group, replacing its mentor, completing its
programme — DOCX, as the director (or the department, 3.3) signs them, from what the database holds. Names are
declined and the school's name is in the prepositional case where the sentence needs it; the curator named is
the one who proposed the pair (or asked for the change), not an arbitrary one."""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange, Organization, Person
from db.repositories import changes as changes_repo
from db.repositories.people import people_with_role
from documents.order_docx import Annex, OrderDocument, order_docx
from domain.mentorship import ChangeKind, CompletionReason, ReplacementReason, approver_role, report_due
from domain.programme import programme_due
from domain.roles import Role
from domain.rules import OrgRules
from locales import Texts, texts
from locales.grammar import decline_name, decline_phrase


def _with_position(person: Person, case: str = "nom", *, in_sentence: bool = False) -> str:
    """«Мороз Андрей Иванович, Учитель математики» for a table; in a sentence the position is in lower case and
    agrees with the name, set off by commas in another case: «Освободить Мороза Андрея Ивановича, учителя
    математики, от …»."""
    name = decline_name(person.full_name, case)
    if not person.position:
        return name
    position = person.position
    if not (in_sentence or case != "nom"):
        return f"{name}, {position}"
    if position[:1].isupper() and not position.split()[0].isupper():
        position = position[:1].lower() + position[1:]
    if case == "nom":
        return f"{name}, {position}"
    return f"{name}, {decline_phrase(position, case)},"


async def _people(session: AsyncSession, ids: list[int]) -> list[Person]:
    return [p for p in [await session.get(Person, i) for i in ids] if p is not None]


async def _curator(session: AsyncSession, organization_id: int, *preferred: int | None) -> Person | None:
    """The curator who acted on this pair (3.5); any curator of the school only when that one is gone."""
    every = await people_with_role(session, organization_id, Role.CURATOR)
    for person_id in preferred:
        found = next((c for c in every if c.id == person_id), None)
        if found is not None:
            return found
    return every[0] if every else None


def _document(
    t: Texts,
    mentorship: Mentorship,
    organization: Organization,
    signer: Person,
    number: str,
    on: date,
    title: str,
    preamble: str,
    items: list[str],
    acknowledged: list[Person],
    annex: Annex | None = None,
) -> bytes:
    role = approver_role(mentorship.form)  # the director's order, or the department's act (3.3)
    return order_docx(
        OrderDocument(
            authority=t.plain("order-authority", city=organization.city or ""),
            school=organization.name,
            city=organization.city or "",
            number=number,
            date=on,
            title=title,
            preamble=preamble,
            items=items,
            signer_title=t.plain(f"role-title-{role}"),
            signer=signer.full_name,
            acknowledged=[p.full_name for p in acknowledged],
            annex=annex,
            labels={
                "order": t.plain("order-word"),
                "order_verb": t.plain("order-verb"),
                "acknowledged": t.plain("order-acknowledged"),
                "annex": t.plain("order-annex", number="{number}", date="{date}"),
            },
        )
    )


def _group(mentorship: Mentorship) -> str:
    """An order concerns one pair or one group (2.3): its texts say which, never «пары/группы»."""
    return "yes" if mentorship.form == "group" or len(mentorship.members) > 1 else "no"


def _period(start: date | None, end: date | None) -> str:
    return f"{start:%d.%m.%Y} — {end:%d.%m.%Y}" if start and end else ""


async def order_file(
    session: AsyncSession, mentorship: Mentorship, organization: Organization, signer: Person, rules: OrgRules
) -> bytes:
    """The order fixing the pair or group (3.4, 6.2), with its mentor as appointed then (before any replacement)."""
    t = texts()
    assert mentorship.order_number and mentorship.order_date
    replaced = [
        c
        for c in await changes_repo.of_mentorship(session, mentorship.id)
        if c.kind == ChangeKind.REPLACE and c.old_mentor_id and c.order_number
    ]
    mentor_id = replaced[0].old_mentor_id if replaced and replaced[0].old_mentor_id else mentorship.mentor_id
    found = await _people(session, [mentor_id])
    mentor = found[0] if found else None
    mentees = await _people(session, [m.mentee_id for m in mentorship.members])
    curator = await _curator(session, mentorship.organization_id, mentorship.proposed_by_id)
    assert mentor is not None
    period = _period(mentorship.start_date, mentorship.end_date)
    group = _group(mentorship)
    annex = Annex(
        t.plain("order-annex-title", group=group),
        [t.plain("order-col-number"), t.plain("order-col-mentor"), t.plain("order-col-mentees", group=group),
         t.plain("order-col-form"), t.plain("order-col-period")],
        [["1", _with_position(mentor), "\n".join(_with_position(m) for m in mentees),
          t.plain(f"form-{mentorship.form}"), period]],
    )  # fmt: skip
    items = [
        t.plain("order-pair-fix", group=group),
        t.plain("order-pair-programme", due=f"{programme_due(mentorship.order_date, rules):%d.%m.%Y}"),
        t.plain("order-curator", curator=decline_name(curator.full_name, "dat") if curator else ""),
        t.plain("order-control"),
    ]
    return _document(
        t,
        mentorship,
        organization,
        signer,
        mentorship.order_number,
        mentorship.order_date,
        t.plain("order-pair-title", group=group),
        t.plain("order-pair-preamble", school=decline_phrase(organization.name, "pre"), group=group),
        items,
        [p for p in [curator, mentor, *mentees] if p is not None],
        annex,
    )


async def replacement_file(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    organization: Organization,
    signer: Person,
    rules: OrgRules,
) -> bytes:
    """3.8: who is replaced by whom, for which mentees, for which reason; everybody acknowledges it, the old
    mentor included."""
    t = texts()
    assert change.order_number and change.order_date and change.new_mentor_id and change.old_mentor_id
    old, new = await _people(session, [change.old_mentor_id, change.new_mentor_id])
    mentees = await _people(session, [m.mentee_id for m in mentorship.members])
    curator = await _curator(session, mentorship.organization_id, change.requested_by_id, mentorship.proposed_by_id)
    reason = t.plain(f"order-reason-{ReplacementReason(change.reason or ReplacementReason.OTHER)}")
    items = [
        t.plain("order-replace-release", old=_with_position(old, "acc"), number=mentorship.order_number or "",
                group=_group(mentorship),
                date=f"{mentorship.order_date:%d.%m.%Y}" if mentorship.order_date else ""),
        t.plain("order-replace-appoint", new=_with_position(new, "acc"), old=decline_name(old.full_name, "gen"),
                mentees="; ".join(_with_position(m, in_sentence=True) for m in mentees), count=len(mentees),
                start=f"{change.order_date:%d.%m.%Y}",
                end=f"{mentorship.end_date:%d.%m.%Y}" if mentorship.end_date else ""),
        t.plain("order-replace-programme", new=decline_name(new.full_name, "dat")),
        t.plain("order-curator", curator=decline_name(curator.full_name, "dat") if curator else ""),
        t.plain("order-control"),
    ]  # fmt: skip
    annex = Annex(
        t.plain("order-replace-annex-title"),
        [t.plain("order-col-number"), t.plain("order-col-old-mentor"), t.plain("order-col-new-mentor"),
         t.plain("order-col-mentees", group=_group(mentorship)), t.plain("order-col-reason")],
        [["1", _with_position(old), _with_position(new), "\n".join(_with_position(m) for m in mentees),
          t.plain(f"replace-{ReplacementReason(change.reason or ReplacementReason.OTHER)}")]],
    )  # fmt: skip
    return _document(
        t,
        mentorship,
        organization,
        signer,
        change.order_number,
        change.order_date,
        t.plain("order-replacement-title"),
        t.plain("order-replace-preamble", school=decline_phrase(organization.name, "pre"), reason=reason),
        items,
        [p for p in [new, old, *mentees, curator] if p is not None],
        annex,
    )


async def completion_file(
    session: AsyncSession,
    change: MentorshipChange,
    mentorship: Mentorship,
    organization: Organization,
    signer: Person,
    rules: OrgRules,
) -> bytes:
    """7.1: the programme completed, why, and the reports due (3.6)."""
    t = texts()
    assert change.order_number and change.order_date
    found = await _people(session, [mentorship.mentor_id])
    mentor = found[0] if found else None
    assert mentor is not None
    mentees = await _people(session, [m.mentee_id for m in mentorship.members])
    curator = await _curator(session, mentorship.organization_id, change.requested_by_id, mentorship.proposed_by_id)
    reason = CompletionReason(change.reason or CompletionReason.FULFILLED)
    items = [
        t.plain("order-complete-end", date=f"{change.order_date:%d.%m.%Y}", number=mentorship.order_number or "",
                group=_group(mentorship),
                pair_date=f"{mentorship.order_date:%d.%m.%Y}" if mentorship.order_date else ""),
        t.plain("order-complete-reason-comment", reason=t.plain(f"order-completion-{reason}"), comment=change.comment)
        if change.comment
        else t.plain("order-complete-reason", reason=t.plain(f"order-completion-{reason}")),
        t.plain("order-complete-reports", due=f"{report_due(change.order_date, rules):%d.%m.%Y}",
                group=_group(mentorship)),
        t.plain("order-curator-results", curator=decline_name(curator.full_name, "dat") if curator else ""),
        t.plain("order-control"),
    ]  # fmt: skip
    annex = Annex(
        t.plain("order-complete-annex-title", group=_group(mentorship)),
        [t.plain("order-col-number"), t.plain("order-col-mentor"),
         t.plain("order-col-mentees", group=_group(mentorship)),
         t.plain("order-col-form"), t.plain("order-col-period")],
        [["1", _with_position(mentor), "\n".join(_with_position(m) for m in mentees),
          t.plain(f"form-{mentorship.form}"), _period(mentorship.start_date, change.order_date)]],
    )  # fmt: skip
    return _document(
        t,
        mentorship,
        organization,
        signer,
        change.order_number,
        change.order_date,
        t.plain("order-complete-title"),
        t.plain("order-complete-preamble", school=decline_phrase(organization.name, "pre")),
        items,
        [p for p in [mentor, *mentees, curator] if p is not None],
        annex,
    )
