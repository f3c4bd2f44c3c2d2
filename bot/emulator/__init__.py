"""The local Telegram Bot API emulator: server, simulated-user client and browser chat page."""

from bot.emulator.server import Emulator
from bot.emulator.state import EmulatorState, SimUser

__all__ = ["Emulator", "EmulatorState", "SimUser"]
