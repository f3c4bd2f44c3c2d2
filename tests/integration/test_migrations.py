"""The schema comes only from Alembic; the models and the migrations must not drift apart."""

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import alembic_config
from db.models import Base


def test_models_match_migrations(database_url: str) -> None:
    command.check(alembic_config(database_url))  # raises when autogenerate would find changes


async def test_every_table_is_scoped_by_organization(clean_db: AsyncEngine) -> None:
    # Product data shared by all schools: questionnaire definitions and consent texts.
    infrastructure = {
        "fsm_states",
        "update_inbox",
        "organizations",
        "alembic_version",
        "questionnaire_definitions",
        "consent_texts",
    }
    async with clean_db.connect() as connection:
        tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        columns = {
            table: await connection.run_sync(lambda sync, t=table: [c["name"] for c in inspect(sync).get_columns(t)])
            for table in tables
        }
    assert set(Base.metadata.tables) <= set(tables)
    for table in set(tables) - infrastructure:
        assert "organization_id" in columns[table], table
