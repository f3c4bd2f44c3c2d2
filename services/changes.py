"""Changes of a running mentorship asked for by its participants. By mutual agreement (7.2): a longer period
(still within a year, 3.7) or the programme reopened for correction — in force when every participant agreed.
The new mentor's answer to a replacement offered to them (3.8), with their written consent first (3.2, 3.7).
Petitions to the curator: the mentee's for another mentor (5.1), the mentor's to step down (4.1), an early end on
either's initiative for valid reasons (7.1)."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from db.repositories.consents import active_consents
from domain.consents import ConsentKind
from domain.mentorship import (
    MENTOR_CONSENTS,
    ChangeKind,
    ChangeStatus,
    Part,
    Petition,
    Status,
    end_date,
    extension_options,
    missing_consents,
    petition_action,
)
from services.outcome import Actor, Notice, Open, Outcome, Refused
from services.parties import Parties, curators, parties
from services.replacement import change_decided, to_approvers


@dataclass(frozen=True)
class Menu:
    mentorship: Mentorship
    part: Part
    extensions: list[tuple[int, object]]  # (months, the new planned end)


async def _participant(session: AsyncSession, actor: Actor, mentorship_id: int) -> tuple[Mentorship, Parties, Part]:
    mentorship = await mentorships_repo.get_in_organization(session, actor.organization.id, mentorship_id, lock=True)
    if mentorship is None:
        raise Refused("denied")
    who = await parties(session, mentorship)
    part = who.part_of(actor.person.id)
    if part is None:
        raise Refused("denied")
    if mentorship.status != Status.APPROVED:
        raise Refused("pair-not-active")
    return mentorship, who, part


async def menu(session: AsyncSession, actor: Actor, mentorship_id: int) -> Menu:
    mentorship, _who, part = await _participant(session, actor, mentorship_id)
    assert mentorship.start_date
    options = extension_options(mentorship.months, actor.rules)
    return Menu(mentorship, part, [(m, end_date(mentorship.start_date, m)) for m in options])


async def _request(
    session: AsyncSession, actor: Actor, mentorship: Mentorship, who: Parties, kind: ChangeKind, months: int | None
) -> Outcome[MentorshipChange]:
    if await repo.open_change(session, mentorship, kind) is not None:
        raise Refused("chg-already-open")
    change = await repo.request(session, mentorship, kind, actor.person.id, months=months)
    await session.commit()
    end = end_date(mentorship.start_date, months) if months and mentorship.start_date else None
    notices = [
        Notice(p.id, f"chg-ask-{kind}", {"name": actor.person.full_name, "months": months or 0, "end": end},
               buttons=(Open("change_agree", change.id), Open("change_disagree", change.id)))
        for p in [who.mentor, *who.mentees]
        if p.id != actor.person.id
    ]  # fmt: skip
    return Outcome(change, notices)


async def request_extension(
    session: AsyncSession, actor: Actor, mentorship_id: int, months: int
) -> Outcome[MentorshipChange]:
    """7.2: a longer period; 3.7: never past a year."""
    mentorship, who, _part = await _participant(session, actor, mentorship_id)
    if months not in extension_options(mentorship.months, actor.rules):
        raise Refused("chg-no-longer")
    return await _request(session, actor, mentorship, who, ChangeKind.EXTEND, months)


async def request_correction(session: AsyncSession, actor: Actor, mentorship_id: int) -> Outcome[MentorshipChange]:
    """7.2: the programme's content corrected; the mentor proposes it."""
    mentorship, who, part = await _participant(session, actor, mentorship_id)
    if part is not Part.MENTOR:
        raise Refused("denied")
    return await _request(session, actor, mentorship, who, ChangeKind.CORRECT, None)


@dataclass(frozen=True)
class Answer:
    change: MentorshipChange
    missing: list[ConsentKind]  # the new mentor's consents to give first; nothing was recorded
    agreed: bool = False
    in_force: bool = False  # everybody agreed (7.2), or the replacement now waits for the order (3.8)


async def answer(session: AsyncSession, actor: Actor, change_id: int, agree: bool) -> Outcome[Answer]:
    change = await repo.change_in_organization(session, actor.organization.id, change_id)
    mentorship = (
        await mentorships_repo.get_in_organization(session, actor.organization.id, change.mentorship_id, lock=True)
        if change is not None
        else None
    )
    if change is None or mentorship is None:
        raise Refused("denied")
    kind = ChangeKind(change.kind)
    who = await parties(session, mentorship)
    needed = [change.new_mentor_id] if kind is ChangeKind.REPLACE else who.ids
    if actor.person.id not in needed or kind is ChangeKind.COMPLETE:
        raise Refused("denied")
    if change.status != ChangeStatus.PENDING or mentorship.status != Status.APPROVED:
        raise change_decided(change)
    if actor.person.id in change.agreed_ids:
        raise Refused("chg-answered")
    if not agree:
        await repo.decline(session, change, mentorship, actor.person.id, actor.now)
        await session.commit()
        told = [change.requested_by_id] if change.requested_by_id else []
        if kind is not ChangeKind.REPLACE:
            told = [p for p in who.ids if p != actor.person.id]
        notices = [
            Notice(p, f"chg-declined-by-{kind}", {"name": actor.person.full_name, "pair": who.title,
                                                   "months": change.months or 0},
                   buttons=(Open("pair", mentorship.id),) if kind is ChangeKind.REPLACE else ())
            for p in dict.fromkeys(told)
        ]  # fmt: skip
        return Outcome(Answer(change, []), notices)
    if kind is ChangeKind.REPLACE:
        missing = missing_consents(MENTOR_CONSENTS, set(await active_consents(session, actor.person.id)))
        if missing:  # 3.2, 3.7: the written consent first
            return Outcome(Answer(change, missing))
    everybody = await repo.agree(session, change, mentorship, actor.person.id, [i for i in needed if i], actor.now)
    if everybody and kind is ChangeKind.EXTEND:
        await repo.extend(session, change, mentorship, actor.now)
    elif everybody and kind is ChangeKind.CORRECT:
        await repo.reopen_programme(session, change, mentorship, actor.now)
    await session.commit()
    if not everybody:
        return Outcome(Answer(change, [], agreed=True))
    if kind is ChangeKind.REPLACE:
        return Outcome(Answer(change, [], agreed=True, in_force=True), await to_approvers(session, change, mentorship))
    told = [*who.ids, *(c.id for c in await curators(session, mentorship))]
    button = Open("programme", mentorship.id)
    notices = [
        Notice(p, f"chg-done-{kind}", {"end": mentorship.end_date, "pair": who.title, "mentor": who.mentor.full_name},
               buttons=(button,) if p in who.ids else (Open("pair", mentorship.id),))
        for p in dict.fromkeys(told)
    ]  # fmt: skip
    return Outcome(Answer(change, [], agreed=True, in_force=True), notices)


async def petition(
    session: AsyncSession, actor: Actor, mentorship_id: int, kind: Petition, comment: str | None = None
) -> Outcome[Mentorship]:
    """5.1, 4.1, 7.1: the curator gets the petition with the pair's names and a button to act on it."""
    mentorship, who, part = await _participant(session, actor, mentorship_id)
    await mentorships_repo.record(
        session, mentorship, actor.person.id, petition_action(kind, part), mentorship.status, mentorship.status,
        comment=comment,
    )  # fmt: skip
    await session.commit()
    notices = [
        Notice(c.id, f"chg-petition-{kind}-{part}",
               {"name": actor.person.full_name, "pair": who.title, "comment": comment or ""},
               buttons=(Open("pair", mentorship.id),))
        for c in await curators(session, mentorship)
    ]  # fmt: skip
    return Outcome(mentorship, notices)
