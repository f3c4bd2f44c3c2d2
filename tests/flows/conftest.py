"""Fixtures for in-process flow tests (tests/flows/harness.py): the real dispatcher on the real PostgreSQL."""

import logging
import re
from collections.abc import AsyncIterator

import pytest
from aiogram import Dispatcher
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.emulator.state import EmulatorState
from db.engine import session_factory
from tests.e2e.conftest import allowed_log_lines
from tests.flows.dispatcher import CLOCK, TOKEN, shared_dispatcher
from tests.flows.harness import Flows, fast_bot


@pytest.fixture(scope="session")
def dispatcher(engine: AsyncEngine) -> Dispatcher:
    return shared_dispatcher(engine)


class _Problems(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
async def flows(clean_db: AsyncEngine, dispatcher: Dispatcher, request: pytest.FixtureRequest) -> AsyncIterator[Flows]:
    """A fresh chat world per test. Like the end-to-end harness, the test fails when the bot logged an ERROR
    it did not expect (@pytest.mark.bot_log_allows(r"regex", ...))."""
    state = EmulatorState(bot_username="nastavnik_test_bot", bot_name="Наставник (тест)")
    bot = fast_bot(TOKEN, state)
    CLOCK.reset()
    problems = _Problems()
    logging.getLogger().addHandler(problems)
    try:
        yield Flows(dispatcher, bot, state, session_factory(clean_db), CLOCK)
    finally:
        logging.getLogger().removeHandler(problems)
        await bot.session.close()
    allowed = allowed_log_lines(request)
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in problems.records
        if not any(re.search(pattern, f"{r.levelname} {r.name}: {r.getMessage()}") for pattern in allowed)
    ]
    assert not unexpected, "the bot logged errors:\n" + "\n".join(unexpected)
