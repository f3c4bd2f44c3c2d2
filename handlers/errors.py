"""The global error handler: a short apology in Russian, the conversation left at its step, the error
logged with its context. Never a traceback or silence for the user."""

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from locales import texts

log = logging.getLogger(__name__)
router = Router(name="errors")


@router.error()
async def on_error(event: ErrorEvent, bot: Bot) -> None:
    update = event.update
    user = None
    if update.message:
        user = update.message.from_user
    elif update.callback_query:
        user = update.callback_query.from_user
    log.error(
        "update %s from user %s failed: %r",
        update.update_id,
        user.id if user else None,
        event.exception,
        exc_info=event.exception,
    )
    if user is None:
        return
    apology = texts()("error-apology")
    try:
        if update.callback_query:
            await update.callback_query.answer(apology, show_alert=True)
        else:
            await bot.send_message(user.id, apology)
    except TelegramAPIError:
        log.warning("could not deliver the apology to %s", user.id)
