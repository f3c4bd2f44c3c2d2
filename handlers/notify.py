"""Messages to someone other than the person acting (a curator's notification, an applicant's answer).
If the recipient blocked the bot, the request middleware has already marked them unreachable; the
actor's own action succeeded and must not turn into an error for them."""

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup

log = logging.getLogger(__name__)


async def notify(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    try:
        await bot.send_message(chat_id, text, reply_markup=markup)
    except TelegramForbiddenError:
        log.info("telegram user %s blocked the bot; notification not delivered", chat_id)
        return False
    except TelegramBadRequest as error:
        if "chat not found" not in error.message:
            raise
        log.info("telegram user %s never opened a chat with the bot; notification not delivered", chat_id)
        return False
    return True
