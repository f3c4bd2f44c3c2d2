"""A pair from matching to the director's order, in-process (moved from tests/e2e/test_pairs.py): suggestions with
their reasons and what still stands before an order, the written consents (3.2, 3.7), «На утверждение», the
order as one form, a return with a comment that reaches the curator exactly as written, the department in the
«руководитель — педагог» form (3.3), changes and withdrawal before the order, proposals that wait for someone
not yet connected, and the report deadline of the school's own rules (3.6)."""

import io
from datetime import date, timedelta

from docx import Document
from sqlalchemy import select

from db.models import BankEntry, Mentorship, MentorshipChange, MentorshipEvent, MentorshipMember, Organization, Person
from db.repositories.invites import issue_invite
from db.repositories.organizations import ensure_default_organization
from domain.consents import ConsentKind
from domain.roles import Role
from handlers.callbacks import OrderCb
from services.pending import pending_for
from tests.e2e.helpers import NEEDS_ANSWERS, answer, audit, person
from tests.flows.harness import Flows, FlowUser

PD, MENTEE, MENTOR = ConsentKind.PERSONAL_DATA, ConsentKind.MENTEE, ConsentKind.MENTOR
TODAY = date(2026, 10, 5)
DENIED = "⛔ Это действие вам недоступно. Попытка записана в журнал."


def docx_text(flows: Flows, file_id: str) -> tuple[str, str]:
    document = Document(io.BytesIO(flows.state.files[file_id].content))
    body = "\n".join(p.text for p in document.paragraphs)
    table = "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    return body, table


async def events(flows: Flows, mentorship_id: int | None = None) -> list[tuple[str, str | None]]:
    async with flows.sessions() as session:
        query = select(MentorshipEvent).order_by(MentorshipEvent.id)
        if mentorship_id is not None:
            query = query.where(MentorshipEvent.mentorship_id == mentorship_id)
        return [(e.action, e.to_status) for e in await session.scalars(query)]


async def school_of_five(flows: Flows, base: int) -> dict[str, FlowUser]:
    """A curator, a director, a trained maths mentor with a survey, a second mentor with neither survey nor
    consent, and a mentee with her needs and consents."""
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], base + 1)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], base + 2)
    survey = {"subjects": "Математика", "competencies": ["methods"], "training": "recent", "capacity": "3",
              "forms": ["traditional"]}  # fmt: skip
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], base + 3, subjects="Математика", consents=(PD,),
                 answers=("mentor_survey", survey))  # fmt: skip
    await person(flows, "Орлова Мария Дмитриевна", [Role.MENTOR], base + 4, subjects="Английский язык")
    needs = {"need_areas": ["methods", "digital"], "forms": ["traditional"]}
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], base + 5, subjects="Математика",
                 start=date(2026, 9, 1), consents=(PD, MENTEE), answers=("mentee_needs", needs))  # fmt: skip
    names = ("curator", "director", "mentor", "other", "mentee")
    return {name: flows.add_user(base + i, name) for i, name in enumerate(names, start=1)}


async def propose_pair(curator: FlowUser, months: str = "6 мес.") -> None:
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    await curator.press("Ким Дарья Алексеевна")
    await curator.press("Далее")
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    await curator.press(months)
    await curator.press("Отправить на согласование")


async def test_a_pair_from_matching_to_the_order(flows: Flows) -> None:
    flows.clock.set(TODAY)
    users = await school_of_five(flows, 9400)
    curator, director, mentor, mentee = users["curator"], users["director"], users["mentor"], users["mentee"]

    await curator.send("/start")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать наставника")
    assert "Ким Дарья Алексеевна (до 01.10.2026)" in " ".join(reply.last.labels)  # 3.7 deadline beside the name
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert reply.text.index("Мороз Андрей Иванович") < reply.text.index("Орлова Мария Дмитриевна")  # ranked
    assert "закрывает 1 из 2 направлений затруднений" in reply.text and "тот же предмет" in reply.text
    assert "прошёл(а) обучение наставников" in reply.text and "свободно мест: 3 из 3" in reply.text
    orlova = reply.text[reply.text.index("Орлова Мария Дмитриевна") :]
    assert "не заполнил(а) анкету наставника" in orlova and "нет письменного согласия наставника" in orlova
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    reply = await curator.press("6 мес.")
    assert "Срок: 6 мес." in reply.text and "директор утвердит" in reply.text
    reply = await curator.press("Отправить на согласование")
    assert "Предложение отправлено участникам" in reply.text and "подключились" not in reply.text

    invite = await mentor.wait_for_message(lambda m: "предлагает вам стать наставником" in m.body)
    assert "Куратор Кузнецова Елена Павловна" in invite.body and "Ким Дарья Алексеевна" in invite.body  # named
    reply = await mentor.press("Согласен", invite)
    assert reply.callback_answer and "Сначала дайте письменное согласие" in reply.callback_answer
    assert "Согласие на назначение наставником" in reply.text
    reply = await mentor.press("Даю согласие")
    given = reply.messages[-1]  # the agreement goes on from here: no scrolling back to the proposal
    assert "Согласие на назначение наставником записано" in given.body
    assert given.labels == ["✅ Согласен(на) участвовать", "🔐 Мои данные и согласия", "⬅ В главное меню"]
    reply = await mentor.press("Согласен(на) участвовать", given)
    assert "Вы подтвердили участие" in reply.text

    invitation = await mentee.wait_for_message(lambda m: "предлагает вам наставника" in m.body)
    assert "Мороз Андрей Иванович" in invitation.body
    pair_id = await only_pair(flows)
    forged = OrderCb(action="approve", item=0, id=pair_id).pack()
    reply = await mentee.press_data(forged, invitation.message_id)
    assert reply.callback_answer == DENIED  # not the director's
    await mentee.press("Согласен", invitation)

    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    assert "Мороз Андрей Иванович" in card.body and "Ким Дарья Алексеевна" in card.body
    await director.send("/menu")
    reply = await director.press("На утверждение")
    assert "Ждут приказа: 1" in reply.text and "🤝 Мороз А. И. — Ким Д. А." in reply.last.labels
    reply = await director.press("Мороз А. И. — Ким Д. А.")
    assert "письменное согласие ✅" in reply.text
    reply = await director.press("Утвердить приказом")
    assert "Номер приказа" in reply.text and "✖ Отмена" in reply.last.labels
    reply = await director.send("45-В")
    assert "Дата приказа" in reply.text and "📅 Сегодня, 05.10.2026" in reply.last.labels
    assert {"⬅ Назад", "✖ Отмена"} <= set(reply.last.labels)
    reply = await director.press("Сегодня")
    assert "Утверждено приказом № 45-В от 05.10.2026" in reply.text
    document = next(m for m in reply.messages if m.file)
    body, table = docx_text(flows, document.file["file_id"])  # type: ignore[index]
    assert "ПРИКАЗ" in body and "О закреплении наставнической пары" in body and "№ 45-В" in body
    assert "Закрепить наставническую пару" in body and "согласия наставника и наставляемого" in body
    assert "пар/групп" not in body and "паре/группе" not in body and "Наставляемый(е)" not in table
    assert "ПРИКАЗЫВАЮ" in body and f"не позднее {TODAY + timedelta(days=10):%d.%m.%Y}" in body  # 3.6
    assert "Куратору реализации программ наставничества Кузнецовой Елене Павловне обеспечить" in body  # declined
    assert "С ПРИКАЗОМ ОЗНАКОМЛЕНЫ" in body and "Кузнецова Елена Павловна" in body
    assert "Мороз Андрей Иванович, Учитель" in table and "Ким Дарья Алексеевна, Учитель" in table
    assert "Традиционная («один на один»)" in table

    appointed = await mentor.wait_for_message(lambda m: "Вы назначены наставником приказом № 45-В" in m.body)
    assert "Ким Дарья Алексеевна" in appointed.body and "до 15.10.2026" in appointed.body
    assert "Открыть программу" in " ".join(appointed.labels)
    told = await mentee.wait_for_message(lambda m: "Вам назначен наставник приказом № 45-В" in m.body)
    assert "Мороз Андрей Иванович" in told.body
    curator_note = await curator.wait_for_message(lambda m: "утвердил(а) приказом № 45-В" in m.body)
    assert "Смирнова Ольга Викторовна" in curator_note.body and "Мороз А. И. — Ким Д. А." in curator_note.body
    assert any(m.file for m in await curator.bot_messages())  # the order reaches the curator too

    reply = await director.press("Утвердить приказом", card)  # the old card's button: decided, and says so
    assert reply.callback_answer == "Уже решено: утверждено приказом № 45-В от 05.10.2026."

    async with flows.sessions() as session:
        mentorship = await session.get(Mentorship, pair_id)
        assert mentorship is not None and mentorship.status == "approved" and mentorship.order_number == "45-В"
        assert mentorship.order_date == TODAY
        mentee_row = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        entry = await session.scalar(select(BankEntry).where(BankEntry.person_id == mentee_row.id))  # type: ignore[union-attr]
    assert await events(flows) == [
        ("proposed", "proposed"),
        ("confirmed_by", "proposed"),
        ("confirmed_by", "proposed"),
        ("all_confirmed", "confirmed"),
        ("approved_by_order", "approved"),
    ]
    assert entry is not None and entry.status == "assigned"  # the 3.7 deadline is met: no more reminders
    assert [e.details["data"] for e in await audit(flows.sessions, "access_denied")] == [forged]

    await curator.send("/menu")
    reply = await curator.press("Пары и группы")
    assert "✅ Мороз Андрей Иванович → Ким Дарья Алексеевна" in reply.last.labels  # mentor and mentee
    reply = await curator.press("Мороз Андрей Иванович → Ким Дарья Алексеевна")
    assert "утверждено приказом" in reply.text and "Приказ № 45-В" in reply.text
    assert "Предложил(а) куратор: Кузнецова Елена Павловна" in reply.text
    reply = await curator.press("История")
    assert "предложено куратором" in reply.text and "утверждено приказом № 45-В" in reply.text
    assert "(предложено → согласовано)" in reply.text and "(согласовано → утверждено)" in reply.text
    assert "Смирнова Ольга Викторовна" in reply.text
    assert not any(code in reply.text for code in ("proposed", "approved", "confirmed", "_"))  # no English codes


async def only_pair(flows: Flows) -> int:
    async with flows.sessions() as session:
        ids = list(await session.scalars(select(Mentorship.id).order_by(Mentorship.id)))
    return ids[-1]


async def confirmed(flows: Flows, form: str) -> int:
    """Мороз and Ким agreed and consented; the pair waits for the order."""
    async with flows.sessions() as session:
        school = await ensure_default_organization(session)
        mentor = await session.scalar(select(Person).where(Person.full_name == "Мороз Андрей Иванович"))
        mentee = await session.scalar(select(Person).where(Person.full_name == "Ким Дарья Алексеевна"))
        curator = await session.scalar(select(Person).where(Person.full_name == "Кузнецова Елена Павловна"))
        assert mentor and mentee and curator
        mentorship = Mentorship(
            organization_id=school.id, mentor_id=mentor.id, form=form, months=6, status="confirmed",
            mentor_confirmed_at=flows.clock(), proposed_by_id=curator.id,
        )  # fmt: skip
        mentorship.members = [
            MentorshipMember(organization_id=school.id, mentee_id=mentee.id, confirmed_at=flows.clock())
        ]
        session.add(mentorship)
        await session.commit()
        return mentorship.id


async def test_a_return_reaches_the_curator_as_written_and_the_department_assigns_in_its_form(flows: Flows) -> None:
    """Texts return Html: a comment with «<» and «&», and an order number with «&», are shown exactly as typed —
    escaped once for Telegram, never twice (&lt; and &amp; would be what the curator reads)."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9701)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9702)
    await person(flows, "Зайцева Марина Юрьевна", [Role.DEPARTMENT], 9703)
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9704, consents=(PD, MENTOR))
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9705, consents=(PD, MENTEE))
    curator, director, department, _mentor, _mentee = (flows.add_user(i) for i in (9701, 9702, 9703, 9704, 9705))

    returned_id = await confirmed(flows, "traditional")
    await director.send("/start")
    await director.press("На утверждение")
    await director.press("Мороз А. И. — Ким Д. А.")
    reply = await director.press("Вернуть с комментарием")
    assert "что нужно исправить" in reply.text and "✖ Отмена" in reply.last.labels
    reply = await director.send("Срок <3 мес & форма не та")
    assert "Возвращено куратору Кузнецовой Елене Павловне с комментарием" in reply.text
    note = await curator.wait_for_message(lambda m: "вернул(а) на доработку" in m.body)
    assert "Комментарий: Срок <3 мес & форма не та" in note.body and "&lt;" not in note.body
    assert "Смирнова Ольга Викторовна" in note.body and "Мороз А. И. — Ким Д. А." in note.body
    reply = await curator.press("Открыть пару/группу", note)
    assert "«Срок <3 мес & форма не та»" in reply.text and "&amp;" not in reply.text
    assert {"📨 Отправить на утверждение снова", "✏ Исправить форму или срок", "✖ Отменить пару"} <= set(
        reply.last.labels
    )
    reply = await curator.press("Исправить форму или срок")
    await curator.press("Традиционная")
    reply = await curator.press("9 мес.")
    assert "Предложение изменено и снова отправлено участникам" in reply.text
    for user_id in (9704, 9705):
        again = await flows.user(user_id).wait_for_message(lambda m: "изменил(а) предложение" in m.body)
        assert "срок: 9 мес." in again.body
        await flows.user(user_id).press("Согласен", again)
    await director.wait_for_message(lambda m: "На утверждение приказом" in m.body and "9 мес." in m.body)

    assigned_id = await confirmed(flows, "director_teacher")
    menu = (await director.send("/menu")).last
    reply = await director.press("На утверждение", menu)
    assert "Ждут приказа: 1" in reply.text  # the department's pair is not the director's
    forged = OrderCb(action="approve", item=0, id=assigned_id).pack()
    reply = await director.press_data(forged, menu.message_id)
    assert reply.callback_answer and "управление образования" in reply.callback_answer  # 3.3
    await department.send("/start")
    reply = await department.press("На утверждение")
    assert "Ждут приказа: 1" in reply.text
    await department.press("Мороз А. И. — Ким Д. А.")
    await department.press("Утвердить приказом")
    await department.send("12&В")
    reply = await department.press("Сегодня")
    assert "Утверждено приказом № 12&В от 05.10.2026" in reply.text and "&amp;" not in reply.text
    body, _table = docx_text(flows, next(m for m in reply.messages if m.file).file["file_id"])  # type: ignore[index]
    assert "№ 12&В" in body and "Управление образования\tЗайцева Марина Юрьевна" in body  # 3.3
    async with flows.sessions() as session:
        returned = await session.get(Mentorship, returned_id)
        assigned = await session.get(Mentorship, assigned_id)
    assert returned is not None and returned.status == "confirmed" and returned.months == 9
    assert returned.mentor_confirmed_at is not None and returned.comment is None
    assert assigned is not None and assigned.status == "approved" and assigned.order_number == "12&В"
    assert [a for a, _ in await events(flows, returned_id)] == [
        "returned", "revised", "confirmed_by", "confirmed_by", "all_confirmed",
    ]  # fmt: skip


async def test_a_returned_pair_sent_again_as_it_is_or_cancelled(flows: Flows) -> None:
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9711)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9712)
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9714, consents=(PD, MENTOR))
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9715, consents=(PD, MENTEE))
    curator, director, _mentor = flows.add_user(9711), flows.add_user(9712), flows.add_user(9714)
    pair_id = await confirmed(flows, "traditional")
    await director.send("/start")
    await director.press("На утверждение")
    await director.press("Мороз А. И. — Ким Д. А.")
    await director.press("Вернуть с комментарием")
    await director.send("Приложите согласие наставника")
    note = await curator.wait_for_message(lambda m: "вернул(а) на доработку" in m.body)
    await curator.press("Открыть пару/группу", note)
    reply = await curator.press("Отправить на утверждение снова")
    assert "снова отправлена на утверждение" in reply.text
    await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    await director.press("Вернуть с комментарием")
    await director.send("Пара не нужна")
    note = await curator.wait_for_message(lambda m: "Пара не нужна" in m.body)
    await curator.press("Открыть пару/группу", note)
    reply = await curator.press("Отменить пару")
    assert "Отменить пару «Мороз А. И. — Ким Д. А.»?" in reply.text
    reply = await curator.press("Да, отозвать")
    assert "отменено куратором" in reply.text
    told = await flows.user(9714).wait_for_message(lambda m: "отозвал(а) предложение" in m.body)
    assert "Кузнецова Елена Павловна" in told.body
    assert [a for a, _ in await events(flows, pair_id)] == ["returned", "resubmitted", "returned", "cancelled"]


async def test_a_proposal_is_changed_or_withdrawn_before_the_order(flows: Flows) -> None:
    flows.clock.set(TODAY)
    users = await school_of_five(flows, 9500)
    curator, mentor, mentee = users["curator"], users["mentor"], users["mentee"]
    await propose_pair(curator)
    first = await mentee.wait_for_message(lambda m: "предлагает вам наставника" in m.body)
    await mentee.press("Согласен", first)
    reply = await curator.press("Изменить форму или срок")
    assert "участников спросят о согласии заново" in reply.text
    await curator.press("Виртуальная")
    reply = await curator.press("3 мес.")
    assert "Форма: Виртуальная (дистанционная) · срок: 3 мес." in reply.text
    assert reply.text.count("ждём подтверждения") == 2  # everybody is asked again
    again = await mentor.wait_for_message(lambda m: "изменил(а) предложение" in m.body)
    assert "Виртуальная (дистанционная), срок: 3 мес." in again.body
    reply = await curator.press("Отозвать предложение")
    assert "Отозвать предложение «Мороз А. И. — Ким Д. А.»?" in reply.text
    reply = await curator.press("Да, отозвать")
    assert "отменено куратором" in reply.text
    await mentee.wait_for_message(lambda m: "отозвал(а) предложение" in m.body)
    reply = await mentor.press("Согласен", again)  # a stale invitation says what happened
    assert reply.callback_answer == "Это предложение уже не ждёт вашего ответа: куратор отозвал предложение."
    async with flows.sessions() as session:
        mentorship = await session.scalar(select(Mentorship))
    assert mentorship is not None and mentorship.status == "cancelled" and mentorship.form == "virtual"
    assert [a for a, _ in await events(flows)] == ["proposed", "confirmed_by", "revised", "withdrawn"]
    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Отменены")
    assert "⊘ Мороз Андрей Иванович → Ким Дарья Алексеевна" in reply.last.labels
    reply = await curator.press("Действуют")
    assert "Здесь пока пусто" in reply.text


async def test_a_proposal_to_someone_not_yet_connected_reaches_them_when_they_connect(flows: Flows) -> None:
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9601)
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], None, consents=(PD, MENTOR),
                 answers=("mentor_survey", {"capacity": "2", "training": "recent"}))  # fmt: skip
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9605, consents=(PD, MENTEE), start=date(2026, 9, 20))
    curator, mentor = flows.add_user(9601), flows.add_user(9603)
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert "ещё не подключился(ась) к боту: предложение придёт, когда подключится" in reply.text
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    await curator.press("6 мес.")
    reply = await curator.press("Отправить на согласование")
    assert "Ещё не подключились к боту: Мороз Андрей Иванович" in reply.text
    assert "ещё не подключился(ась) к боту" in reply.text  # and the card says so

    async with flows.sessions() as session:  # the curator's invitation for him…
        mentor_row = await session.scalar(select(Person).where(Person.full_name == "Мороз Андрей Иванович"))
        assert mentor_row is not None
        issued = await issue_invite(session, mentor_row, ttl_days=14, now=flows.clock())
        await session.commit()
    reply = await mentor.send(f"/start {issued.code}")  # …opened: the waiting proposal reaches him at once
    assert "Ваш Telegram подключён" in reply.text
    invite = await mentor.wait_for_message(lambda m: "предлагает вам стать наставником" in m.body)
    assert "Ким Дарья Алексеевна" in invite.body
    reply = await mentor.press("Согласен", invite)
    assert "Вы подтвердили участие" in reply.text
    async with flows.sessions() as session:
        assert await pending_for(session, mentor_row) == []  # answered: nothing waits any more


async def test_reports_fall_due_by_the_schools_own_number_of_days(flows: Flows) -> None:
    """3.6 «в течение 10 дней» is a rule of the school (OrgRules.report_days), not a literal: a school that set 5
    sees 5 in the notices and the card."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9901)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9902)
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9904, consents=(PD, MENTOR))
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9905, consents=(PD, MENTEE))
    async with flows.sessions() as session:
        school = await session.scalar(select(Organization))
        assert school is not None
        school.rules = {"report_days": 5}
        await session.commit()
    curator, director, mentor = flows.add_user(9901), flows.add_user(9902), flows.add_user(9904)
    pair_id = await confirmed(flows, "traditional")
    await director.send("/start")
    await director.press("На утверждение")
    await director.press("Мороз А. И. — Ким Д. А.")
    await director.press("Утвердить приказом")
    await director.send("45-В")
    await director.press("Сегодня")

    flows.clock.set(TODAY + timedelta(days=60))
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Мороз Андрей Иванович → Ким Дарья Алексеевна")
    reply = await curator.press("Завершить наставничество")
    assert "Завершение утверждается приказом" in reply.text
    reply = await curator.press("По инициативе наставляемого")
    assert "уважительную причину" in reply.text and "✖ Отмена" in reply.last.labels
    reply = await curator.send("Переезд в другой город")
    assert "Завершение отправлено на утверждение приказом: Смирнова Ольга Викторовна" in reply.text
    assert "Завершение (По инициативе наставляемого) ждёт приказа" in reply.text
    ask = await director.wait_for_message(lambda m: "Завершение наставничества на утверждение" in m.body)
    assert "Переезд в другой город" in ask.body
    await director.press("Утвердить приказом", ask)
    await director.send("77-В")
    reply = await director.press("Сегодня")
    ended = TODAY + timedelta(days=60)
    assert f"Утверждено приказом № 77-В от {ended:%d.%m.%Y}" in reply.text
    body, _table = docx_text(flows, next(m for m in reply.messages if m.file).file["file_id"])  # type: ignore[index]
    assert "О завершении персонализированной программы наставничества" in body
    assert "инициатива наставляемого по уважительным обстоятельствам (Переезд в другой город)" in body
    assert f"не позднее {ended + timedelta(days=5):%d.%m.%Y}" in body

    ask = await mentor.wait_for_message(lambda m: "составьте отчёт о выполнении программы" in m.body)
    assert f"В течение 5 дней, до {ended + timedelta(days=5):%d.%m.%Y}" in ask.body
    assert "Составить отчёт" in " ".join(ask.labels)
    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Мороз Андрей Иванович → Ким Дарья Алексеевна")
    assert f"ожидается до {ended + timedelta(days=5):%d.%m.%Y}" in reply.text
    assert "Переезд в другой город" in reply.text
    async with flows.sessions() as session:
        mentorship = await session.get(Mentorship, pair_id)
        change = await session.scalar(select(MentorshipChange))
    assert mentorship is not None and mentorship.status == "completed" and mentorship.completed_on == ended
    assert mentorship.completion_reason == "mentee"
    assert change is not None and (change.kind, change.status, change.order_number) == ("complete", "approved", "77-В")


async def test_the_whole_life_of_a_pair(flows: Flows) -> None:
    """Needs → match → both confirm and consent → returned and corrected → order (DOCX) → programme in time → an
    activity done and checked → an extension (7.2) → completion by order → both reports; the history tells it
    back in order."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9801)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9802)
    survey = {"competencies": ["methods"], "capacity": "3", "training": "recent"}
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9803, subjects="История", consents=(PD,),
                 answers=("mentor_survey", survey))  # fmt: skip
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9804, subjects="История", start=date(2026, 9, 1))
    curator, director, mentor, mentee = (flows.add_user(i, str(i)) for i in (9801, 9802, 9803, 9804))

    # Needs (road map 2), then the mentee's consent (3.7).
    await mentee.send("/start")
    await mentee.press("Анкеты")
    await mentee.press("Анкета профессиональных затруднений")
    await mentee.press("Даю согласие")
    await answer(mentee, NEEDS_ANSWERS)
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    await mentee.press("Прочитать и дать согласие")
    await mentee.press("Даю согласие")

    # Match, proposal, agreement with the mentor's written consent (3.2).
    await curator.send("/start")
    await curator.press("Пары и группы")
    await curator.press("Подобрать наставника")
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert "закрывает 1 из 1 направлений затруднений" in reply.text
    await curator.press("1. Мороз Андрей Иванович")
    await curator.press("Традиционная")
    await curator.press("2 мес.")
    await curator.press("Отправить на согласование")
    invite = await mentor.wait_for_message(lambda m: "стать наставником" in m.body)
    await mentor.press("Согласен", invite)
    await mentor.press("Даю согласие")
    await mentor.press("Согласен", invite)
    invitation = await mentee.wait_for_message(lambda m: "предлагает вам наставника" in m.body)
    await mentee.press("Согласен", invitation)

    # The director returns it (two months is too short for a young teacher); the curator corrects the period.
    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body)
    await director.press("Вернуть с комментарием", card)
    await director.send("Два месяца мало: поставьте полгода")
    note = await curator.wait_for_message(lambda m: "Два месяца мало" in m.body)
    await curator.press("Открыть пару/группу", note)
    await curator.press("Исправить форму или срок")
    await curator.press("Традиционная")
    await curator.press("6 мес.")
    for user in (mentor, mentee):
        again = await user.wait_for_message(lambda m: "изменил(а) предложение" in m.body)
        await user.press("Согласен", again)
    card = await director.wait_for_message(lambda m: "На утверждение приказом" in m.body and "6 мес." in m.body)
    await director.press("Утвердить приказом", card)
    await director.send("77-В")
    reply = await director.press("Сегодня")
    assert any(m.file for m in reply.messages)

    # The programme in time (3.6), acknowledged; an activity done with a comment and checked (5.2, 4.1).
    await mentor.send("/start")
    await mentor.press("Моё наставничество")
    await mentor.press("Я наставник")
    await mentor.press("Цель и задачи")
    await mentor.send("Выстроить дисциплину на уроках истории в 7-х классах")
    await mentor.press("Пропустить")  # the tasks are optional
    await mentor.press("Сохранить")
    await mentor.press("Мероприятие")
    await mentor.press("Практические задания")
    await mentor.send("Провести урок с новой системой правил")
    await mentor.send(f"{TODAY + timedelta(days=14):%d.%m.%Y}")
    await mentor.send("Урок проведён, правила приняты классом")
    await mentor.press("Пропустить")  # how it is reported: optional
    await mentor.press("Сохранить")
    await mentor.press("Отправить наставляемому")
    await mentor.press("Да, отправить")
    note = await mentee.wait_for_message(lambda m: "прислал(а) вам персонализированную программу" in m.body)
    await mentee.press("Прочитать программу", note)
    await mentee.press("С программой ознакомлен(а)")
    await mentee.press("1. Провести урок")
    await mentee.press("Отметить выполнение")
    await mentee.send("Провела урок в 7 «Б», класс принял правила")
    done = await mentor.wait_for_message(lambda m: "отметил(а) выполнение" in m.body)
    await mentor.press("Принять", done)

    # An extension by mutual agreement (7.2).
    await mentor.press("Изменения")
    await mentor.press("Продлить срок")
    await mentor.press("8 мес.")
    ask = await mentee.wait_for_message(lambda m: "предлагает продлить наставничество до 8 мес." in m.body)
    reply = await mentee.press("✅ Согласен(на)", ask)
    assert "изменение вступило в силу" in reply.text

    # Completion (7.1) by order and both reports (3.6).
    flows.clock.set(TODAY + timedelta(days=200))
    await curator.send("/menu")
    await curator.press("Пары и группы")
    await curator.press("Мороз Андрей Иванович")
    await curator.press("Завершить наставничество")
    reply = await curator.press("План мероприятий выполнен")  # not sent on one tap: what was done, then confirm
    assert "в связи с выполнением плана мероприятий" in reply.text and "выполнено и принято наставником" in reply.text
    assert reply.last.labels == ["🏁 Да, отправить на приказ", "⬅ Назад"]
    await curator.press("Да, отправить на приказ")
    ask = await director.wait_for_message(lambda m: "Завершение наставничества на утверждение" in m.body)
    assert "Основание: План мероприятий выполнен" in ask.body and "Комментарий" not in ask.body  # no empty «—»
    await director.press("Утвердить приказом", ask)
    await director.send("90-В")
    reply = await director.press("Сегодня")
    body, _table = docx_text(flows, next(m for m in reply.messages if m.file).file["file_id"])  # type: ignore[index]
    assert "в наставнической паре, закреплённой приказом №" in body
    assert "Наставнику и наставляемому представить куратору отчёты" in body  # one mentee: no plural to hand-edit
    ask = await mentee.wait_for_message(lambda m: "составьте отчёт о прохождении" in m.body)
    await mentee.press("Составить отчёт", ask)
    await answer(
        mentee,
        [("press", "5")] * 5
        + [
            ("press", "Отлично"),
            ("send", "Разбор моих уроков"),
            ("send", "Удерживать внимание класса"),
            ("press", "Пропустить"),
            ("press", "Пропустить"),
        ],
    )
    await mentee.press("Отправить анкету")
    await mentee.press("Да, отправить")
    ask = await mentor.wait_for_message(lambda m: "составьте отчёт о выполнении программы" in m.body)
    await mentor.press("Составить отчёт", ask)
    await answer(
        mentor,
        [
            ("press", "Полностью"),
            ("send", "Все мероприятия программы выполнены"),
            ("send", "8"),
            ("press", "Самостоятельность"),
            ("press", "Готово"),
            ("send", "Открытый урок для МО"),
            ("press", "Пропустить"),
            ("send", "Пройти курсы по формирующему оцениванию"),
            ("press", "Готов(а)"),
        ],
    )
    await mentor.press("Отправить анкету")
    await mentor.press("Да, отправить")

    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Мороз Андрей Иванович")
    assert reply.text.count("сдан") == 2
    reply = await curator.press("Отчёты для печати")
    names = sorted(m.file["file_name"] for m in reply.messages if m.file)  # type: ignore[index]
    assert len(names) == 2 and all(n.endswith(".docx") and "_" in n for n in names)
    assert not any(c.isascii() and c.isalpha() for n in names for c in n.removesuffix(".docx"))  # Russian names
    reply = await curator.press("История")
    async with flows.sessions() as session:
        actions = [e.action for e in await session.scalars(select(MentorshipEvent).order_by(MentorshipEvent.id))]
        mentorship = await session.scalar(select(Mentorship))
    life = [
        "proposed",
        "all_confirmed",
        "returned",
        "revised",
        "all_confirmed",
        "approved_by_order",
        "item_added_by_mentor",
        "programme_submitted",
        "programme_acknowledged",
        "item_done",
        "item_accepted",
        "extend_requested",
        "extended",
        "completion_requested",
        "completed",
    ]
    remaining = iter(actions)
    assert all(step in remaining for step in life), actions
    assert mentorship is not None and mentorship.status == "completed" and mentorship.completion_reason == "fulfilled"
    assert mentorship.months == 8
    for wording in (
        "предложено куратором",
        "возвращено с комментарием: «Два месяца мало: поставьте полгода»",
        "утверждено приказом № 77-В",
        "программа отправлена наставляемым",
        "наставник принял выполнение",
        "срок продлён (п. 7.2)",
        "наставничество завершено приказом № 90-В",
    ):
        assert wording in reply.text, wording


async def test_whole_pool_matching_is_reviewed_pair_by_pair_before_it_goes_out(flows: Flows) -> None:
    """All waiting mentees at once: the assignment with the greatest total fit (the maths teacher goes to Yakovleva,
    whom nobody else can help; Ilyina gets the trained physicist), each pair with its reasons; the curator drops
    one pair and changes the mentor of another before the proposals go out (3.7 under row locks)."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9301)
    maths = {"subjects": "Математика", "competencies": ["methods", "digital", "planning", "upbringing"],
             "capacity": "1"}  # fmt: skip
    physics = {"subjects": "Физика", "competencies": ["methods", "digital"], "capacity": "2", "training": "recent"}
    await person(flows, "Аристова Анна Андреевна", [Role.MENTOR], 9302, consents=(PD, MENTOR),
                 answers=("mentor_survey", maths))  # fmt: skip
    await person(flows, "Быков Борис Борисович", [Role.MENTOR], 9303, consents=(PD, MENTOR),
                 answers=("mentor_survey", physics))  # fmt: skip
    for name, tid, subjects, needs in (
        ("Ильина Ирина Игоревна", 9311, "Математика", ["methods", "digital"]),
        ("Яковлева Яна Ярославовна", 9312, "Математика", ["planning", "upbringing"]),
        ("Жуков Жан Жанович", 9313, "Химия", ["methods"]),
    ):
        await person(flows, name, [Role.MENTEE], tid, subjects=subjects, start=date(2026, 9, 1),
                     consents=(PD, MENTEE), answers=("mentee_needs", {"need_areas": needs}))  # fmt: skip
    curator = flows.add_user(9301)
    for tid in (9302, 9303, 9311, 9312, 9313):
        flows.add_user(tid)
    await curator.send("/start")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать всем ожидающим")
    text = reply.text
    assert "Пар: 3, к отправке: 3" in text
    assert "1. ✅ Жуков Жан Жанович ← Быков Борис Борисович — 18 баллов" in text  # in the waiting list's order
    assert "2. ✅ Ильина Ирина Игоревна ← Быков Борис Борисович — 28 баллов" in text
    assert "3. ✅ Яковлева Яна Ярославовна ← Аристова Анна Андреевна — 30 баллов" in text  # not greedy's pick
    assert "закрывает 2 из 2 направлений затруднений" in text and "тот же предмет" in text
    assert "Без наставника остаются" not in text  # three places, three mentees
    await curator.press("✖ Убрать")  # the first pair (Жуков) is dropped…
    reply = await curator.press("↩ Вернуть")  # …and kept again
    assert "к отправке: 3" in reply.text
    buttons = reply.last.labels
    reply = await curator.press(next(b for b in buttons if "Жуков" in b))  # another mentor for Жуков?
    assert "Другой наставник" in reply.text and "Быков Борис Борисович" in reply.text
    assert "Аристова" not in reply.text  # her one place is taken by the plan
    reply = await curator.press("⬅ Назад")
    drop = [b for row in reply.last.buttons for b in row]
    zhukov_row = next(i for i, b in enumerate(drop) if "Жуков" in b.text)
    await curator.press_data(drop[zhukov_row + 1].callback_data or "", reply.last.message_id)  # drop Жуков
    reply = await curator.press("Отправить предложения (2)")
    assert "Форма наставничества для всех отправляемых пар" in reply.text
    assert "Наставничество в группе" not in " ".join(reply.last.labels)  # 2.3: a pair is not a group
    await curator.press("Традиционная")
    reply = await curator.press("6 мес.")
    assert "Отправлено предложений: 2" in reply.text
    async with flows.sessions() as session:
        people = {p.id: p.full_name for p in await session.scalars(select(Person))}
        pairs = [
            (people[m.mentor_id], people[m.members[0].mentee_id], m.status, m.form, m.months)
            for m in await session.scalars(select(Mentorship).order_by(Mentorship.id))
        ]
    assert sorted(pairs) == [
        ("Аристова Анна Андреевна", "Яковлева Яна Ярославовна", "proposed", "traditional", 6),
        ("Быков Борис Борисович", "Ильина Ирина Игоревна", "proposed", "traditional", 6),
    ]
    invite = await flows.user(9302).wait_for_message(lambda m: "предлагает вам стать наставником" in m.body)
    assert "Яковлева Яна Ярославовна" in invite.body


async def test_a_pair_button_sent_before_the_upgrade_still_opens_the_order(flows: Flows) -> None:
    from handlers.callbacks import PairCb

    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9721)
    await person(flows, "Смирнова Ольга Викторовна", [Role.DIRECTOR], 9722)
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9724, consents=(PD, MENTOR))
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9725, consents=(PD, MENTEE))
    director = flows.add_user(9722)
    pair_id = await confirmed(flows, "traditional")
    menu = (await director.send("/start")).last
    reply = await director.press_data(PairCb(action="approve", id=pair_id).pack(), menu.message_id)
    assert "Номер приказа" in reply.text
    await director.send("45-В")
    reply = await director.press("Сегодня")
    assert "Утверждено приказом № 45-В" in reply.text


async def test_with_no_approved_mentor_the_curator_is_led_to_the_mentor_bank(flows: Flows) -> None:
    """The demo school's start: mentors are candidates without consents (3.2). Matching one mentee or the whole
    pool says why nobody can be suggested and leads to the mentor bank, where approving asks the candidate."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9401)
    await person(flows, "Ким Дарья Алексеевна", [Role.MENTEE], 9402, start=date(2026, 9, 1), consents=(PD, MENTEE))
    await person(flows, "Мороз Андрей Иванович", [Role.MENTOR], 9403)
    async with flows.sessions() as session:  # a candidate, as the staff list or an invitation makes them
        entry = await session.scalar(select(BankEntry).where(BankEntry.bank == "mentor"))
        assert entry is not None
        entry.status = "candidate"
        await session.commit()
    curator, mentor = flows.add_user(9401), flows.add_user(9403)
    await curator.send("/start")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать всем ожидающим")
    assert "Подбирать не из кого: в банке наставников нет утверждённых наставников" in reply.text
    assert "нужны их согласия (п. 3.2)" in reply.text
    assert reply.last.labels == ["🧭 Банк наставников", "⬅ К парам и группам"]
    await curator.press("К парам и группам")
    await curator.press("Подобрать наставника")
    await curator.press("Ким Дарья Алексеевна")
    reply = await curator.press("Далее")
    assert "Нет утверждённых наставников" in reply.text and "Утвердите кандидатов в банке наставников" in reply.text
    assert reply.last.labels == ["🧭 Банк наставников", "⬅ Назад", "⬅ К парам и группам"]
    reply = await curator.press("🧭 Банк наставников")
    reply = await curator.press("Мороз Андрей Иванович · кандидат")
    reply = await curator.press("Утвердить наставником")
    assert reply.callback_answer and "Кандидат получил сообщение с кнопкой" in reply.callback_answer
    asked = await mentor.wait_for_message(lambda m: "хочет утвердить вас в банке наставников" in m.body)
    assert asked.labels == ["✍ Прочитать и дать согласие"]


async def test_the_pool_says_when_every_mentee_already_has_a_proposal(flows: Flows) -> None:
    flows.clock.set(TODAY)
    people = await school_of_five(flows, 9500)
    curator = people["curator"]
    await propose_pair(curator)
    await curator.send("/menu")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать всем ожидающим")
    assert "Подбирать некого: все наставляемые из банка уже получили предложение" in reply.text
    assert reply.last.labels == ["⬅ К парам и группам"]


async def test_the_pool_names_who_is_left_without_a_mentor(flows: Flows) -> None:
    """Two mentees, one place: the plan says who stays without a mentor instead of leaving her out silently."""
    flows.clock.set(TODAY)
    await person(flows, "Кузнецова Елена Павловна", [Role.CURATOR], 9601)
    await person(flows, "Аристова Анна Андреевна", [Role.MENTOR], 9602, consents=(PD, MENTOR),
                 answers=("mentor_survey", {"subjects": "Математика", "capacity": "1"}))  # fmt: skip
    for name, tid in (("Ильина Ирина Игоревна", 9611), ("Яковлева Яна Ярославовна", 9612)):
        await person(flows, name, [Role.MENTEE], tid, subjects="Математика", start=date(2026, 9, 1),
                     consents=(PD, MENTEE), answers=("mentee_needs", {"need_areas": ["methods"]}))  # fmt: skip
    curator = flows.add_user(9601)
    await curator.send("/start")
    await curator.press("Пары и группы")
    reply = await curator.press("Подобрать всем ожидающим")
    assert "Пар: 1, к отправке: 1" in reply.text
    assert "⚠ Без наставника остаются (не хватает свободных мест у утверждённых наставников): " in reply.text
    assert "не больше 3 наставляемых у одного наставника" in reply.text
    planned = "Ильина Ирина Игоревна" if "✅ Ильина" in reply.text else "Яковлева Яна Ярославовна"
    left = ({"Ильина Ирина Игоревна", "Яковлева Яна Ярославовна"} - {planned}).pop()
    assert f"остаются (не хватает свободных мест у утверждённых наставников): {left}." in reply.text
