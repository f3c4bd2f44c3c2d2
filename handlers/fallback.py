"""What no other handler took. A button that reached here is either stale or garbled (no button of the bot
carries such data) or not the presser's to press (a forged callback): it is refused with a clear message
and logged with who and what."""

import logging

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories.audit import record_event
from handlers.callbacks import is_known
from locales import Texts

log = logging.getLogger(__name__)
router = Router(name="fallback")


@router.callback_query()
async def refused_button(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person | None) -> None:
    log.warning(
        "refused callback %r from telegram user %s (person %s)",
        query.data,
        query.from_user.id,
        person.id if person else None,
    )
    await record_event(
        session,
        "access_denied",
        organization_id=person.organization_id if person else None,
        actor_person_id=person.id if person else None,
        telegram_user_id=query.from_user.id,
        data=(query.data or "")[:64],
    )
    if not is_known(query.data):
        await query.answer(t("button-stale"), show_alert=True)  # garbled, out of range, or from an old version
    else:
        await query.answer(t("denied") if person else t("denied-stranger"), show_alert=True)


@router.message()
async def not_understood(message: Message, t: Texts, person: Person | None) -> None:
    await message.answer(t("not-understood") if person else t("not-understood-stranger"))
