"""Replacement of a mentor (3.8): fixed by the order of the director — or of the department in the
«руководитель — педагог» form (3.3) — once the new mentor has agreed; appointed only with the new mentor's
written consent (3.2, 3.7), checked at the moment of the order, not only when they agreed."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import changes as repo
from db.repositories import mentorships as mentorships_repo
from db.repositories.consents import active_consents
from db.repositories.people import people_with_role
from domain.mentorship import MENTOR_CONSENTS, Status, approver_role, missing_consents
from domain.roles import Role
from services.orders import order_file
from services.outcome import Actor, Attachment, Notice, Open, Outcome, Refused


@dataclass(frozen=True)
class Replaced:
    mentorship_id: int
    old_mentor_id: int
    new_mentor_id: int
    number: str
    on: date
    document: Attachment


async def approve_replacement(
    session: AsyncSession, actor: Actor, change_id: int, number: str, on: date
) -> Outcome[Replaced]:
    change = await repo.change_in_organization(session, actor.organization.id, change_id)
    mentorship = (
        await mentorships_repo.get_in_organization(session, actor.organization.id, change.mentorship_id, lock=True)
        if change is not None
        else None
    )
    if (
        change is None
        or mentorship is None
        or change.kind != "replace"
        or change.status != "agreed"
        or change.new_mentor_id is None
        or mentorship.status != Status.APPROVED
    ):
        raise Refused("chg-closed")
    role = approver_role(mentorship.form)
    if not actor.has(role):
        raise Refused(f"pair-only-{role}")
    new_mentor = await session.get(Person, change.new_mentor_id)
    missing = missing_consents(MENTOR_CONSENTS, set(await active_consents(session, change.new_mentor_id)))
    if new_mentor is None or missing:  # 3.2, 3.7: a mentor is appointed only with their written consent
        raise Refused("chg-new-mentor-no-consent", name=new_mentor.full_name if new_mentor else "", count=len(missing))

    old = await repo.replace(session, change, mentorship, actor.person.id, number, on)
    content = await order_file(
        session, mentorship, actor.organization, actor.person, actor.rules, number=number, on=on, replacement=True
    )
    await session.commit()

    document = Attachment(f"Приказ_{number}.docx", content)
    curators = [c.id for c in await people_with_role(session, mentorship.organization_id, Role.CURATOR)]
    told = dict.fromkeys([old, *repo.participants(mentorship), *curators])
    notices = [
        Notice(
            person_id,
            "chg-replaced-all",
            {"number": number, "date": on},
            buttons=(Open("programme", mentorship.id),) if person_id in repo.participants(mentorship) else (),
        )
        for person_id in told
        if person_id != actor.person.id
    ]
    return Outcome(Replaced(mentorship.id, old, new_mentor.id, number, on, document), notices)
