"""The global error handler: a short apology in Russian, the conversation left at its step, the error
logged with its context. Never a traceback or silence for the user.

The database being away (stopped, restarting) is not such an error: the update is left in the inbox
and handled once the database is back (bot/updates.py), so nobody is told that something went wrong."""

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from db.errors import is_transient
from handlers.callback_answers import answered
from locales import texts

log = logging.getLogger(__name__)
router = Router(name="errors")


@router.error(F.exception.func(lambda error: not is_transient(error)))
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
        if update.callback_query and update.callback_query.id not in answered:
            await update.callback_query.answer(apology, show_alert=True)
        else:
            await bot.send_message(user.id, apology)
    except TelegramAPIError:
        log.warning("could not deliver the apology to %s", user.id)
