"""deadline scan indexes: open activities by date, approved pairs by planned end, completed pairs by date

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_programme_items_open_due",
        "programme_items",
        ["due_date"],
        unique=False,
        postgresql_where=sa.text("status IN ('planned', 'returned')"),
    )
    op.create_index(
        "ix_mentorships_approved_end",
        "mentorships",
        ["organization_id", "end_date"],
        unique=False,
        postgresql_where=sa.text("status = 'approved'"),
    )
    op.create_index(
        "ix_mentorships_completed_on",
        "mentorships",
        ["organization_id", "completed_on"],
        unique=False,
        postgresql_where=sa.text("status = 'completed'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_mentorships_completed_on", table_name="mentorships", postgresql_where=sa.text("status = 'completed'")
    )
    op.drop_index(
        "ix_mentorships_approved_end", table_name="mentorships", postgresql_where=sa.text("status = 'approved'")
    )
    op.drop_index(
        "ix_programme_items_open_due",
        table_name="programme_items",
        postgresql_where=sa.text("status IN ('planned', 'returned')"),
    )
