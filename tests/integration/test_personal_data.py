"""The registry of personal data (db/personal_data.py) covers the schema, and the CHECK constraints the models
derive from the domain's enums are the ones the migrations created."""

import re

from sqlalchemy import CheckConstraint, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import upgrade
from db.models import Base
from db.personal_data import FREE, PERSONAL, REGISTERED, Erase, Whose, checked_columns
from tests.integration.test_backup_restore import NewDatabase, execute, new_database, rows

__all__ = ["new_database"]  # the fixture


def test_every_text_json_or_telegram_id_column_is_registered_or_declared_free() -> None:
    unknown = [c for c in checked_columns() if c not in REGISTERED and c not in FREE]
    assert unknown == [], (
        "register these columns in db/personal_data.py (how they are erased, whose they are) "
        f"or declare them free of personal data: {unknown}"
    )
    both = set(REGISTERED) & set(FREE)
    assert both == set(), both


def test_the_registry_names_only_columns_that_exist_once() -> None:
    tables = Base.metadata.tables
    assert len(REGISTERED) == len(PERSONAL)  # every column registered once
    for table, column in [*REGISTERED, *FREE]:
        assert table in tables and column in tables[table].c, (table, column)
    for entry in PERSONAL:
        if entry.whose is not Whose.MENTIONS:
            assert entry.owner in tables[entry.table].c, entry
        if entry.erase is Erase.ANONYMIZE:
            assert entry.replacement is not None, entry
        if entry.whose in (Whose.PARTICIPANTS, Whose.MENTEES):
            assert entry.via in ("mentorship", "programme"), entry


def test_every_table_is_covered() -> None:
    covered = {table for table, _ in [*REGISTERED, *FREE]}
    without_text = {t.name for t in Base.metadata.sorted_tables if not any(c[0] == t.name for c in checked_columns())}
    assert set(Base.metadata.tables) == covered | without_text
    # tables other flows own are in it too: comments, the inbox, growth records, the analytics
    for table in ("programme_item_comments", "mentorships", "update_inbox", "growth_records", "news_items"):
        assert table in covered, table


def _literals(sql: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", sql))


OWN_TABLES = ("questionnaire_responses", "consents", "consent_texts", "campaigns", "bank_entries")


async def test_enum_checks_in_the_database_are_the_models(clean_db: AsyncEngine) -> None:
    """Alembic's autogenerate does not compare CHECK constraints: the values are compared here."""
    expected = {
        str(constraint.name): _literals(str(constraint.sqltext))
        for table in Base.metadata.sorted_tables
        if table.name in OWN_TABLES
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and " IN (" in str(constraint.sqltext)
    }
    async with clean_db.connect() as connection:
        rows = await connection.execute(
            text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c'")
        )
        actual = {name: _literals(definition) for name, definition in rows}
    for name in (
        "ck_consents_kind",
        "ck_consent_texts_kind",
        "ck_bank_entries_status",
        "ck_bank_entries_bank",
        "ck_campaigns_audience",
        "ck_campaigns_kind",
        "ck_questionnaire_responses_status",
    ):
        assert name in expected, name
    for name, values in expected.items():
        assert actual.get(name) == values, name


async def test_the_migration_keeps_approval_only_for_mentors_with_both_consents(new_database: NewDatabase) -> None:
    """0015: a mentor used to count as approved without any decision. Those who already hold both written
    consents keep it; the others are candidates for the curator."""
    url = await new_database("nastavnik_mentor_bank")
    await upgrade(url, "0012")
    await execute(
        url,
        "INSERT INTO organizations (id, name, short_name) VALUES (1, 'МБОУ гимназия «Интеллект»', 'Интеллект')",
        "INSERT INTO people (id, organization_id, full_name) VALUES (1, 1, 'Мороз Андрей Иванович'),"
        " (2, 1, 'Орлова Мария Дмитриевна'), (3, 1, 'Белова Наталья Сергеевна')",
        "INSERT INTO person_roles (organization_id, person_id, role) VALUES (1, 1, 'mentor'), (1, 2, 'mentor'),"
        " (1, 3, 'mentor')",
        "INSERT INTO consent_texts (id, kind, version, title, text, sha256) VALUES"
        " (1, 'personal_data', 1, 'ПД', 'т', 'x'), (2, 'mentor', 1, 'Н', 'т', 'y')",
        "INSERT INTO consents (organization_id, person_id, kind, text_id) VALUES (1, 1, 'personal_data', 1),"
        " (1, 1, 'mentor', 2), (1, 2, 'personal_data', 1)",
        "INSERT INTO bank_entries (organization_id, person_id, bank, status) VALUES (1, 3, 'mentor', 'rejected')",
    )
    await upgrade(url)
    assert await rows(url, "SELECT person_id, status FROM bank_entries ORDER BY person_id") == [
        (1, "approved"),  # both consents: the approval the bank showed stays
        (3, "rejected"),  # a decision stays as it was
    ]  # Орлова (no mentor's consent) is a candidate: no row
