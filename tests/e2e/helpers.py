"""Building blocks for end-to-end and in-process scenarios: schools and people straight in the database."""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import AuditEvent, BankEntry, Organization, Person, QuestionnaireResponse
from db.registry import latest_consent_text, latest_definition
from db.repositories.consents import give_consent
from db.repositories.organizations import create_organization, ensure_default_organization
from db.repositories.people import StaffFields, create_person, link_telegram
from domain.consents import ConsentKind
from domain.roles import Role


class HasSessions(Protocol):
    sessions: async_sessionmaker[AsyncSession]


async def person(
    world: HasSessions,
    name: str,
    roles: list[Role],
    telegram_id: int | None,
    *,
    subjects: str | None = None,
    start: date | None = None,
    consents: tuple[ConsentKind, ...] = (),
    answers: tuple[str, dict[str, Any]] | None = None,
) -> Person:
    """A person of the default school, linked to Telegram (unless `telegram_id` is None), with consents given
    and a submitted questionnaire (`answers`: its code and answers)."""
    async with world.sessions() as session:
        school = await ensure_default_organization(session)
        created = await create_person(session, school.id, StaffFields(name, "Учитель", subjects, start, 5), roles)
        if telegram_id is not None:
            await link_telegram(session, created, telegram_id)
        for kind in consents:
            await give_consent(session, created, await latest_consent_text(session, kind), None)
        if Role.MENTOR in roles:  # a mentor the curator has approved into the bank (README; 3.2)
            session.add(BankEntry(organization_id=school.id, person_id=created.id, bank="mentor", status="approved"))
        if answers:
            code, values = answers
            definition = await latest_definition(session, code)
            assert definition is not None
            session.add(
                QuestionnaireResponse(
                    organization_id=school.id,
                    person_id=created.id,
                    definition_id=definition.id,
                    questionnaire_code=code,
                    attempt=1,
                    status="submitted",
                    answers=values,
                    submitted_at=datetime.now(UTC),
                )
            )
        await session.commit()
        return created


async def school(sessions: async_sessionmaker[AsyncSession], name: str | None = None) -> Organization:
    async with sessions() as session:
        organization = (
            await create_organization(session, name, name) if name else await ensure_default_organization(session)
        )
        await session.commit()
        return organization


async def staff(
    sessions: async_sessionmaker[AsyncSession],
    full_name: str,
    roles: Iterable[Role],
    telegram_id: int | None = None,
    organization: Organization | None = None,
) -> Person:
    async with sessions() as session:
        organization = organization or await ensure_default_organization(session)
        person = await create_person(session, organization.id, StaffFields(full_name, "Учитель"), roles)
        if telegram_id is not None:
            await link_telegram(session, person, telegram_id)
        await session.commit()
        return person


async def person_by_name(sessions: async_sessionmaker[AsyncSession], full_name: str) -> Person | None:
    async with sessions() as session:
        return await session.scalar(select(Person).where(Person.full_name == full_name))


async def audit(sessions: async_sessionmaker[AsyncSession], action: str) -> list[AuditEvent]:
    async with sessions() as session:
        return list(await session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# What each role's main menu shows, as a person sees it (one place for every test).
COMMON_MENU = ["📝 Анкеты", "🔐 Мои данные и согласия", "👤 Мой профиль", "❓ Помощь"]
MENUS = {
    Role.CURATOR: [
        "📨 Заявки на доступ",
        "👥 Сотрудники",
        "🤝 Пары и группы",
        "📣 Анкетирование",
        "🗂 Банки наставников и наставляемых",
        "📊 Мониторинг и отчёты",
        *COMMON_MENU,
    ],
    Role.DIRECTOR: [
        "👥 Сотрудники",
        "🖋 На утверждение",
        "🗂 Банки наставников и наставляемых",
        "📊 Мониторинг и отчёты",
        *COMMON_MENU,
    ],
    Role.COUNCIL: ["👥 Сотрудники", "🗂 Банки наставников и наставляемых", "🏅 Банк практик", *COMMON_MENU],
    Role.MENTOR: ["🧭 Моё наставничество", "🏅 Банк практик", "📈 Курсы и конкурсы", *COMMON_MENU],
    Role.MENTEE: ["🧭 Моё наставничество", "📈 Курсы и конкурсы", *COMMON_MENU],
    Role.DEPARTMENT: ["🖋 На утверждение", "📊 Показатели школ", *COMMON_MENU],
}


# A complete, valid filling of the mentee needs questionnaire: ("press", label) or ("send", text).
NEEDS_ANSWERS: list[tuple[str, str]] = [
    ("press", "Молодой специалист"),
    ("send", "01.09.2026"),
    ("send", "1"),
    ("press", "Методика обучения"),
    ("press", "Готово"),
    ("press", "4"),
    ("send", "Трудно удерживать дисциплину в 7 классе и успевать по плану"),
    ("press", "В целом нормально"),
    ("send", "Научиться планировать уроки по ФГОС"),
    ("press", "Традиционная"),
    ("press", "Готово"),
    ("press", "Пропустить"),  # help kinds: optional
    ("press", "Нет"),  # no preferred mentor: the follow-up question stays hidden
    ("press", "Пропустить"),  # comment: optional
]


async def answer(user, steps: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    reply = None
    for kind, value in steps:
        reply = await (user.press(value) if kind == "press" else user.send(value))
    return reply
