"""Migration 0014 on data written before it: programme comments were stored as «ФИО: текст» — the name goes
(the author's id stays), comments of people who already withdrew their consent are erased, and who reported
an activity done is taken from the history."""

import asyncio
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import create_engine
from db.migrate import alembic_config, upgrade_sync

SCRATCH = "nastavnik_migration_0014"


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    """A database of its own on the test server, migrated up to the revision before 0014."""
    url = make_url(database_url)

    async def run(sql: str) -> None:
        engine = create_engine(url.render_as_string(hide_password=False), pool_size=1)
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text(sql))
        await engine.dispose()

    asyncio.run(run(f'DROP DATABASE IF EXISTS "{SCRATCH}"'))
    asyncio.run(run(f'CREATE DATABASE "{SCRATCH}"'))
    scratch = url.set(database=SCRATCH).render_as_string(hide_password=False)
    before = ScriptDirectory.from_config(alembic_config(scratch)).get_revision("0014").down_revision
    assert isinstance(before, str)
    upgrade_sync(scratch, before)
    yield scratch
    asyncio.run(run(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))


async def _execute(url: str, statements: list[str]) -> list[list[tuple[object, ...]]]:
    engine = create_engine(url, pool_size=1)
    results = []
    async with engine.begin() as connection:
        for statement in statements:
            result = await connection.execute(text(statement))
            results.append([tuple(row) for row in result] if result.returns_rows else [])
    await engine.dispose()
    return results


def test_0014_strips_the_names_from_comments_and_erases_the_withdrawn(scratch_url: str) -> None:
    asyncio.run(
        _execute(
            scratch_url,
            [
                "INSERT INTO organizations (id, name, short_name) VALUES (1, 'Школа № 7', 'Школа № 7')",
                "INSERT INTO people (id, organization_id, full_name) VALUES (1, 1, 'Мороз Андрей Иванович'),"
                " (2, 1, 'Ким Дарья Алексеевна')",
                "INSERT INTO people (id, organization_id, full_name, anonymized_at, is_active)"
                " VALUES (3, 1, 'Обезличенный участник № 3', now(), false)",
                "INSERT INTO mentorships (id, organization_id, mentor_id, form, months, status, order_number,"
                " order_date, start_date, end_date) VALUES (1, 1, 1, 'group', 6, 'approved', '45-В', '2026-09-01',"
                " '2026-09-01', '2027-02-28')",
                "INSERT INTO programmes (id, organization_id, mentorship_id, goal, status)"
                " VALUES (1, 1, 1, 'Цель программы', 'submitted')",
                "INSERT INTO programme_items (id, organization_id, programme_id, kind, title, due_date,"
                " expected_result, status, done_at, done_comment) VALUES"
                " (1, 1, 1, 'study', 'Посетить уроки', '2026-10-10', 'Конспект', 'done', now(), 'Была на уроках'),"
                " (2, 1, 1, 'study', 'Открытый урок', '2026-11-10', 'Урок', 'done', now(), 'Провела урок')",
                "INSERT INTO mentorship_events (organization_id, mentorship_id, actor_person_id, action, details)"
                " VALUES (1, 1, 2, 'item_done', '{\"item\": 1}'), (1, 1, 3, 'item_done', '{\"item\": 2}')",
                "INSERT INTO programme_item_comments (organization_id, item_id, author_id, text) VALUES"
                " (1, 1, 2, 'Ким Дарья Алексеевна: Можно ли по вторникам?'),"
                " (1, 1, 1, 'Мороз Андрей Иванович: Да: жду во вторник'),"
                " (1, 1, 3, 'Петрова Анна Ивановна: комментарий до отзыва согласия')",
            ],
        )
    )
    upgrade_sync(scratch_url, "0014")
    comments, items = asyncio.run(
        _execute(
            scratch_url,
            [
                "SELECT author_id, text FROM programme_item_comments ORDER BY id",
                "SELECT id, done_by_id, done_comment FROM programme_items ORDER BY id",
            ],
        )
    )
    assert comments == [(2, "Можно ли по вторникам?"), (1, "Да: жду во вторник")]
    assert items == [(1, 2, "Была на уроках"), (2, 3, None)]
