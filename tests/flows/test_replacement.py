"""Replacement of a mentor (3.8) approved by order only with the new mentor's written consent (3.2, 3.7),
checked at the moment of the order: consent given and then withdrawn in /privacy stops the order."""

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from db.models import Mentorship, MentorshipEvent, MentorshipMember, Person
from domain.consents import ConsentKind
from domain.roles import Role
from tests.e2e.helpers import person
from tests.flows.harness import Flows

PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR


async def approved_pair(flows: Flows) -> int:
    """A pair fixed by order: Мороз mentors Ким, from 01.09.2026 for six months."""
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 8101)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 8102)
    mentor = await person(
        flows, "Мороз Андрей Иванович", [Role.MENTOR], 8103, subjects="История", consents=(PD, MENTOR)
    )
    await person(flows, "Белова Наталья Сергеевна", [Role.MENTOR], 8104, subjects="История", consents=(PD,))
    mentee = await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 8105, consents=(PD, MENTEE))
    async with flows.sessions() as session:
        pair = Mentorship(
            organization_id=mentor.organization_id,
            mentor_id=mentor.id,
            form="traditional",
            months=6,
            status="approved",
            mentor_confirmed_at=datetime.now(UTC),
            decided_at=datetime.now(UTC),
            order_number="45-В",
            order_date=date(2026, 9, 1),
            start_date=date(2026, 9, 1),
            end_date=date(2027, 3, 1),
        )
        session.add(pair)
        await session.flush()
        session.add(
            MentorshipMember(
                organization_id=pair.organization_id,
                mentorship_id=pair.id,
                mentee_id=mentee.id,
                confirmed_at=datetime.now(UTC),
            )
        )
        await session.commit()
        return pair.id


async def test_a_replacement_is_not_approved_after_the_new_mentor_withdrew_consent(flows: Flows) -> None:
    pair_id = await approved_pair(flows)
    curator, director, new_mentor, mentee = (flows.add_user(i) for i in (8101, 8102, 8104, 8105))

    await mentee.send("/start")
    await mentee.press("Моё наставничество")
    await mentee.press("Мой наставник")
    await mentee.press("Изменения")
    reply = await mentee.press("Попросить заменить наставника")
    assert "Коротко напишите причину" in reply.text and "✖ Отмена" in reply.last.labels  # not sent on one tap
    async with flows.sessions() as session:
        assert not await session.scalar(select(func.count()).select_from(MentorshipEvent).where(
            MentorshipEvent.action.like("%petition%")))  # fmt: skip
    reply = await mentee.send("Разные графики: не получается посещать уроки наставника")
    assert "Куратор получил вашу просьбу" in reply.text
    petition = await curator.wait_for_message(lambda m: "просит заменить наставника" in m.body)
    assert "Причина: Разные графики: не получается посещать уроки наставника" in petition.body
    await curator.press("Открыть пару/группу", petition)
    await curator.press("Заменить наставника")
    await curator.press("Просьба наставника или наставляемого")
    await curator.press("Белова Наталья Сергеевна")
    ask = await new_mentor.wait_for_message(lambda m: "стать наставником вместо Мороза Андрея Ивановича" in m.body)
    reply = await new_mentor.press("✅ Согласен(на)", ask)
    assert reply.callback_answer and "Сначала дайте письменное согласие" in reply.callback_answer
    await new_mentor.press("Даю согласие")  # 3.2: the written consent of the new mentor…
    await new_mentor.press("✅ Согласен(на)", ask)
    card = await director.wait_for_message(lambda m: "Замена наставника на утверждение" in m.body)

    await new_mentor.send("/privacy")  # …withdrawn before the order
    await new_mentor.press("Отозвать: наставника")
    await new_mentor.press("Да, отозвать")

    await director.press("Утвердить приказом", card)
    await director.send("50-В")
    reply = await director.press("Сегодня")
    assert "Замену нельзя утвердить" in reply.text and "Беловой Натальи Сергеевны" in reply.text
    assert "3.2" in reply.text and not any(m.file for m in reply.messages)
    async with flows.sessions() as session:
        pair = await session.get(Mentorship, pair_id)
        assert pair is not None
        mentor = await session.get(Person, pair.mentor_id)
    assert mentor is not None and mentor.full_name == "Мороз Андрей Иванович"  # nobody without consent appointed


async def test_an_early_end_is_asked_with_a_written_reason_and_reaches_the_curator(flows: Flows) -> None:
    """7.1: the mentor proposes ending early «по уважительной причине»; one tap sends nothing, the reason written
    goes to the curator with the pair named, and the petition is in the pair's history."""
    pair_id = await approved_pair(flows)
    curator, mentor = flows.add_user(8101), flows.add_user(8103)

    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    await mentor.press("Я наставник")
    await mentor.press("Изменения")
    reply = await mentor.press("Предложить завершить досрочно")
    assert "Досрочное завершение (п. 7.1)" in reply.text and "✖ Отмена" in reply.last.labels
    reply = await mentor.send("Нет")  # too short to be a reason
    assert "Слишком коротко" in reply.text
    async with flows.sessions() as session:
        assert not await session.scalar(select(func.count()).select_from(MentorshipEvent).where(
            MentorshipEvent.action.like("%petition%")))  # fmt: skip
    reply = await mentor.send("Перевод в другую школу с 1 декабря")
    assert "Куратор получил вашу просьбу" in reply.text
    petition = await curator.wait_for_message(lambda m: "предлагает завершить наставничество досрочно" in m.body)
    assert "Мороз Андрей Иванович" in petition.body
    assert "Причина: Перевод в другую школу с 1 декабря" in petition.body
    async with flows.sessions() as session:
        actions = list(
            await session.scalars(select(MentorshipEvent.action).where(MentorshipEvent.mentorship_id == pair_id))
        )
    assert "completion_petition_mentor" in actions
