from aiogram import Bot


async def bot_username(bot: Bot) -> str:
    """The bot's @username (getMe is cached by aiogram), for invite deep links."""
    return (await bot.me()).username or ""
