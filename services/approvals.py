"""«На утверждение»: everything waiting for the order of the director — or of the department in the «руководитель —
педагог» form (3.3) — pairs and groups (3.4, 6.2), replacements (3.8), completions (7.1); each approved by order
or returned to the curator with a comment."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, MentorshipChange
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from domain.mentorship import ChangeKind
from domain.roles import Role
from services import completion, pairs, replacement
from services.outcome import Actor, Notice, Open, Outcome, Refused, Term
from services.pairs import Ordered, Returned
from services.parties import Parties, curators, parties, people


class Item(StrEnum):
    PAIR = "pair"
    REPLACE = "replace"
    COMPLETE = "complete"


@dataclass(frozen=True)
class Awaiting:
    item: Item
    id: int  # the mentorship (a pair) or the change (a replacement, a completion)
    mentorship: Mentorship
    parties: Parties
    change: MentorshipChange | None = None
    new_mentor: str = ""


APPROVER_ROLES = (Role.DIRECTOR, Role.DEPARTMENT)


async def awaiting(session: AsyncSession, actor: Actor) -> list[Awaiting]:
    """What waits for this actor's order, oldest first within each kind."""
    items: list[Awaiting] = []
    for role in APPROVER_ROLES:
        if not actor.has(role):
            continue
        for mentorship in await mentorships_repo.awaiting_order(session, actor.organization.id, role):
            items.append(Awaiting(Item.PAIR, mentorship.id, mentorship, await parties(session, mentorship)))
        for change in await repo.awaiting_order(session, actor.organization.id, role):
            changed = await mentorships_repo.get_in_organization(session, actor.organization.id, change.mentorship_id)
            assert changed is not None
            new = (await people(session, [change.new_mentor_id])) if change.new_mentor_id else {}
            items.append(
                Awaiting(
                    Item(change.kind),
                    change.id,
                    changed,
                    await parties(session, changed),
                    change,
                    new[change.new_mentor_id].full_name if change.new_mentor_id in new else "",
                )
            )
    return items


async def check(session: AsyncSession, actor: Actor, item: Item, item_id: int) -> None:
    """Before the order's number is asked: refused now (stale, decided, not this actor's) rather than after."""
    if item is Item.PAIR:
        await pairs.check_decidable(session, actor, item_id)
    elif item is Item.REPLACE:
        await replacement.check_replacement(session, actor, item_id)
    else:
        await completion.check_completion(session, actor, item_id)


async def approve(
    session: AsyncSession, actor: Actor, item: Item, item_id: int, number: str, on: date
) -> Outcome[Ordered]:
    """One order mechanism for the three: the pair (3.4, 6.2), the replacement (3.8), the completion (7.1)."""
    if item is Item.PAIR:
        return await pairs.approve(session, actor, item_id, number, on)
    if item is Item.REPLACE:
        return await replacement.approve_replacement(session, actor, item_id, number, on)
    return await completion.approve_completion(session, actor, item_id, number, on)


async def give_back(session: AsyncSession, actor: Actor, item: Item, item_id: int, comment: str) -> Outcome[Returned]:
    """Returned to the curator with the comment; the curator corrects it and sends it again, or drops it."""
    if item is Item.PAIR:
        return await pairs.return_pair(session, actor, item_id, comment)
    kind = ChangeKind.REPLACE if item is Item.REPLACE else ChangeKind.COMPLETE
    change, mentorship = await replacement.ordered_change(session, actor, item_id, kind)
    await repo.return_change(session, change, mentorship, actor.person.id, comment, actor.now)
    await session.commit()
    who = await parties(session, mentorship)
    new = (await people(session, [change.new_mentor_id])) if change.new_mentor_id else {}
    args = {"approver": actor.person.full_name, "pair": who.title, "comment": comment, "kind": kind.value,
            "new": new[change.new_mentor_id].full_name if change.new_mentor_id in new else "",
            "reason": Term(f"{'replace' if item is Item.REPLACE else 'completion'}-{change.reason}")}  # fmt: skip
    every = await curators(session, mentorship)
    told = [c for c in every if c.id == change.requested_by_id] or every
    notices = [Notice(c.id, "chg-returned-curator", args, buttons=(Open("pair", mentorship.id),)) for c in told]
    if item is Item.REPLACE and change.new_mentor_id:
        notices.append(Notice(change.new_mentor_id, "chg-returned-new-mentor", args))
    return Outcome(Returned(mentorship.id, [c.full_name for c in told]), notices)


async def one(session: AsyncSession, actor: Actor, item: Item, item_id: int) -> Awaiting:
    """One item waiting for this actor's order, for its card; refused, saying what was decided, if it no longer
    waits."""
    await check(session, actor, item, item_id)
    for awaited in await awaiting(session, actor):
        if awaited.item is item and awaited.id == item_id:
            return awaited
    raise Refused("chg-not-found")
