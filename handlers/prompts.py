"""Step-by-step flows send each step as a new message (the chat keeps a readable transcript) and take
the buttons off the previous step, whose buttons would act on a step that is gone."""

from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup


async def send_prompt(bot: Bot, chat_id: int, state: FSMContext, text: str, markup: InlineKeyboardMarkup | None) -> int:
    previous = (await state.get_data()).get("prompt_id")
    if previous:
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(chat_id=chat_id, message_id=previous, reply_markup=None)
    sent = await bot.send_message(chat_id, text, reply_markup=markup)
    await state.update_data(prompt_id=sent.message_id)
    return sent.message_id
