"""my_chat_member: a person who blocks the bot is marked unreachable (and reachable again on unblock),
so that reminders and curators know a message can't be delivered."""

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import record_event
from db.repositories.people import set_reachable

router = Router(name="chat_member")


async def _mark(event: ChatMemberUpdated, session: AsyncSession, reachable: bool) -> None:
    person = await set_reachable(session, event.from_user.id, reachable)
    if person is not None:
        await record_event(
            session,
            "bot_unblocked" if reachable else "bot_blocked",
            organization_id=person.organization_id,
            actor_person_id=person.id,
        )


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def blocked(event: ChatMemberUpdated, session: AsyncSession) -> None:
    await _mark(event, session, reachable=False)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def unblocked(event: ChatMemberUpdated, session: AsyncSession) -> None:
    await _mark(event, session, reachable=True)
