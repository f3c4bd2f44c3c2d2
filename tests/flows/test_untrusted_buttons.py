"""Callback data is untrusted input (issue 12, items 6–7): out-of-range ids, unknown codes, negative indexes,
stale and doubled presses get a clear Russian answer — once — and change nothing; a continuation a button
carries is authorized as if it were asked for directly."""

import pytest
from sqlalchemy import func, select

from db.models import AuditEvent, QuestionnaireResponse
from domain.roles import Role
from tests.e2e.helpers import staff
from tests.flows.harness import Flows

STALE = "⌛ Эта кнопка устарела. Откройте меню заново: /menu"
DENIED = "⛔ Это действие вам недоступно. Попытка записана в журнал."


@pytest.mark.parametrize(
    "data",
    [
        "pr:approve:99999999999999999999:0",  # beyond PostgreSQL's integer
        "pg:card:-5:0",  # a negative id
        "q:opt:1:-7:0",  # a negative index
        "stf:card:2147483648:0:",  # one past the integer range
        "zzz:what",  # no such button at all
        "bnk:card:mentee::0:abc",  # not a number
        "",  # empty
    ],
)
async def test_garbled_and_out_of_range_buttons_are_called_stale(flows: Flows, data: str) -> None:
    await staff(flows.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=5001)
    curator = flows.add_user(5001, "Елена")
    menu = (await curator.send("/start")).last
    reply = await curator.press_data(data or " ", menu.message_id)
    assert reply.callback_answer == STALE
    assert reply.messages == []


async def test_a_double_tap_is_answered_once_and_edits_nothing_twice(flows: Flows) -> None:
    await staff(flows.sessions, "Кузнецова Елена Павловна", [Role.CURATOR], telegram_id=5002)
    curator = flows.add_user(5002, "Елена")
    menu = (await curator.send("/start")).last
    first = await curator.press("Помощь", menu)
    second = await curator.press_data(menu.button("Помощь").callback_data, menu.message_id)  # type: ignore[union-attr, arg-type]
    assert "Что умеет бот" in first.text
    assert second.messages == []  # the same screen again: nothing changed, nothing failed
    answers = [name for name, _ in flows.bot.session.calls if name == "answerCallbackQuery"]  # type: ignore[attr-defined]
    assert len(answers) == 2  # one answer per press, never two for one


async def test_a_consent_button_replayed_by_someone_else_opens_nothing(flows: Flows) -> None:
    """The issue's case: a council member replays a mentee's «Даю согласие» that carries the mentee's needs
    questionnaire as its continuation. She gives her own consent; the questionnaire is refused."""
    await staff(flows.sessions, "Петрова Ирина Олеговна", [Role.COUNCIL], telegram_id=5003)
    council = flows.add_user(5003, "Ирина")
    menu = (await council.send("/start")).last
    reply = await council.press_data("cns:give:personal_data:mentee_needs.0.0", menu.message_id)
    assert DENIED in reply.text
    async with flows.sessions() as session:
        drafts = await session.scalar(select(func.count()).select_from(QuestionnaireResponse))
        refused = await session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "access_denied")
        )
    assert drafts == 0 and refused == 1
