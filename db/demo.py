"""A demo school for local mode: a director, a curator, mentors and mentees, each already linked to a
simulated Telegram user of the emulator so the chat page can open them straight away."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.repositories.organizations import ensure_default_organization
from db.repositories.people import StaffFields, create_person, get_by_telegram, link_telegram
from domain.roles import Role


@dataclass(frozen=True)
class DemoPerson:
    telegram_id: int
    fields: StaffFields
    roles: tuple[Role, ...]
    label: str  # shown on the chat page


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        1001,
        StaffFields("Смирнова Ольга Викторовна", "Директор", None, date(2005, 8, 25), 28),
        (Role.DIRECTOR,),
        "директор",
    ),
    DemoPerson(
        1002,
        StaffFields("Кузнецова Елена Павловна", "Заместитель директора по УВР", "Русский язык", date(2009, 8, 28), 22),
        (Role.CURATOR,),
        "куратор",
    ),
    DemoPerson(
        1003,
        StaffFields("Мороз Андрей Иванович", "Учитель математики", "Математика, информатика", date(2011, 9, 1), 17),
        (Role.MENTOR,),
        "наставник",
    ),
    DemoPerson(
        1004,
        StaffFields(
            "Белова Наталья Сергеевна",
            "Учитель русского языка и литературы",
            "Русский язык, литература",
            date(2004, 9, 1),
            24,
        ),
        (Role.MENTOR, Role.COUNCIL),
        "наставник, МО наставников",
    ),
    DemoPerson(
        1005,
        StaffFields("Орлова Мария Дмитриевна", "Учитель английского языка", "Английский язык", date(2015, 9, 1), 11),
        (Role.MENTOR,),
        "наставник",
    ),
    DemoPerson(
        1006,
        StaffFields("Ким Дарья Алексеевна", "Учитель начальных классов", "Начальные классы", date(2026, 9, 1), 0),
        (Role.MENTEE,),
        "наставляемая",
    ),
    DemoPerson(
        1007,
        StaffFields("Волков Игорь Сергеевич", "Учитель физики", "Физика", date(2026, 9, 1), 1),
        (Role.MENTEE,),
        "наставляемый",
    ),
    DemoPerson(
        1008,
        StaffFields("Соколова Анна Игоревна", "Учитель истории", "История, обществознание", date(2026, 10, 12), 0),
        (Role.MENTEE,),
        "наставляемая",
    ),
)
# A Telegram user the school does not know yet, to try the access request.
DEMO_STRANGER = (2001, "Новый", "Сотрудник", "без доступа: подать заявку")


async def seed_demo(session: AsyncSession) -> list[tuple[DemoPerson, Person]]:
    """Create the demo people that are missing; return every demo person with their record."""
    organization = await ensure_default_organization(session)
    seeded: list[tuple[DemoPerson, Person]] = []
    for demo in DEMO_PEOPLE:
        person = await get_by_telegram(session, demo.telegram_id)
        if person is None:
            person = await create_person(session, organization.id, demo.fields, demo.roles)
            await link_telegram(session, person, demo.telegram_id)
        seeded.append((demo, person))
    await session.commit()
    return seeded
