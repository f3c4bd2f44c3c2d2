from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization
from domain.rules import OrgRules

DEFAULT_NAME = "Муниципальное бюджетное общеобразовательное учреждение гимназия «Интеллект»"
DEFAULT_SHORT_NAME = "МБОУ гимназия «Интеллект»"
DEFAULT_CITY = "г. Ессентуки"


async def list_organizations(session: AsyncSession) -> list[Organization]:
    return list(await session.scalars(select(Organization).order_by(Organization.id)))


async def get_organization(session: AsyncSession, organization_id: int) -> Organization | None:
    return await session.get(Organization, organization_id)


async def create_organization(
    session: AsyncSession, name: str, short_name: str, city: str | None = None
) -> Organization:
    organization = Organization(name=name, short_name=short_name, city=city)
    session.add(organization)
    await session.flush()
    return organization


async def ensure_default_organization(session: AsyncSession) -> Organization:
    """The first school of a fresh database, so that `invite` works before anything else was set up."""
    existing = await session.scalar(select(Organization).order_by(Organization.id).limit(1))
    if existing is not None:
        return existing
    return await create_organization(session, DEFAULT_NAME, DEFAULT_SHORT_NAME, DEFAULT_CITY)


async def find_organization(session: AsyncSession, name: str) -> Organization | None:
    """By short or full name, case-insensitive."""
    needle = name.strip().lower()
    return await session.scalar(
        select(Organization).where(
            (func.lower(Organization.short_name) == needle) | (func.lower(Organization.name) == needle)
        )
    )


def rules_of(organization: Organization) -> OrgRules:
    return OrgRules.from_overrides(organization.rules)
