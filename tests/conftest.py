"""Shared fixtures: a real PostgreSQL (the embedded pgserver, or TEST_DATABASE_URL — a database the tests
may wipe), migrated by Alembic exactly as in production, and emptied before each test that uses it."""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.engine import create_engine, session_factory
from db.migrate import upgrade_sync
from db.models import Base
from db.registry import sync_registry

TEST_DATABASE = "nastavnik_test"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        import pgserver

        server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
        server.psql(f'DROP DATABASE IF EXISTS "{TEST_DATABASE}";')
        server.psql(f'CREATE DATABASE "{TEST_DATABASE}";')
        url = server.get_uri(TEST_DATABASE)
    upgrade_sync(url)
    asyncio.run(_sync_registry(url))
    yield url


async def _sync_registry(url: str) -> None:
    engine = create_engine(url, pool_size=1)
    async with session_factory(engine)() as session:
        await sync_registry(session)
    await engine.dispose()


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


PRODUCT_DATA = {"questionnaire_definitions", "consent_texts"}  # loaded from the repository, kept


async def wipe(engine: AsyncEngine) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables if table.name not in PRODUCT_DATA)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
async def clean_db(engine: AsyncEngine) -> AsyncEngine:
    await wipe(engine)
    return engine


@pytest.fixture
async def session(clean_db: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with session_factory(clean_db)() as session:
        yield session


@pytest.fixture(scope="session")
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent
