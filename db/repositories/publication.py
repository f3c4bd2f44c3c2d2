"""What the website section (8.1) is built from: settings, news, and who has a publication consent."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Consent, NewsItem, Person, PublicationSettings
from domain.consents import ConsentKind


async def settings_of(session: AsyncSession, organization_id: int) -> PublicationSettings:
    await session.execute(
        insert(PublicationSettings)
        .values(organization_id=organization_id)
        .on_conflict_do_nothing(index_elements=["organization_id"])
    )
    settings = await session.scalar(
        select(PublicationSettings).where(PublicationSettings.organization_id == organization_id)
    )
    assert settings is not None
    return settings


def add_document(settings: PublicationSettings, level: str, title: str, url: str | None) -> None:
    settings.documents = [*settings.documents, {"level": level, "title": title, "url": url}]
    settings.updated_at = datetime.now(UTC)


def remove_document(settings: PublicationSettings, index: int) -> bool:
    if not 0 <= index < len(settings.documents):
        return False
    settings.documents = [d for i, d in enumerate(settings.documents) if i != index]
    settings.updated_at = datetime.now(UTC)
    return True


async def news(session: AsyncSession, organization_id: int, limit: int = 30) -> list[NewsItem]:
    return list(
        await session.scalars(
            select(NewsItem)
            .where(NewsItem.organization_id == organization_id)
            .order_by(NewsItem.published_on.desc(), NewsItem.id.desc())
            .limit(limit)
        )
    )


async def add_news(
    session: AsyncSession, organization_id: int, on: date, title: str, body: str, author_id: int
) -> NewsItem:
    item = NewsItem(organization_id=organization_id, published_on=on, title=title, body=body, created_by_id=author_id)
    session.add(item)
    await session.flush()
    return item


async def consents_of(session: AsyncSession, organization_id: int) -> dict[int, set[ConsentKind]]:
    """person id → active consent kinds, for the whole school in one query."""
    rows = await session.execute(
        select(Consent.person_id, Consent.kind).where(
            Consent.organization_id == organization_id, Consent.withdrawn_at.is_(None)
        )
    )
    result: dict[int, set[ConsentKind]] = {}
    for person_id, kind in rows:
        result.setdefault(person_id, set()).add(ConsentKind(kind))
    return result


async def people(session: AsyncSession, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in await session.scalars(select(Person).where(Person.id.in_(ids)))}


def document_rows(settings: PublicationSettings) -> list[dict[str, Any]]:
    return list(settings.documents or [])
