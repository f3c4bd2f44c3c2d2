"""What waits for a person who was not yet connected to the bot when it was sent: proposals to take part in a
pair or group (6.1) and replacements offered to them as the new mentor (3.8). Nothing is stored for later: the
proposals themselves are the record, so the notices are built anew when the person connects.

Call `pending_for(session, person)` right after a person links their Telegram (the invite code in /start, an
approved access request) and deliver what it returns (handlers/notifier.deliver)."""

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories import changes as changes_repo
from db.repositories import mentorships as repo
from services.outcome import Notice
from services.pairs import invitation
from services.parties import parties, people
from services.replacement import offer


async def pending_for(session: AsyncSession, person: Person) -> list[Notice]:
    notices = []
    for mentorship in await repo.proposals_to(session, person.id):
        who = await parties(session, mentorship)
        curator = (await people(session, [mentorship.proposed_by_id])) if mentorship.proposed_by_id else {}
        name = curator[mentorship.proposed_by_id].full_name if mentorship.proposed_by_id in curator else ""
        notices.append(invitation(mentorship, who, name, person))
    for change in await changes_repo.offers_to(session, person.id):
        running = await repo.get_in_organization(session, person.organization_id, change.mentorship_id)
        if running is None:
            continue
        curator = (await people(session, [change.requested_by_id])) if change.requested_by_id else {}
        name = curator[change.requested_by_id].full_name if change.requested_by_id in curator else ""
        notices.append(offer(change, await parties(session, running), name))
    return notices
