"""reminder ledger: a `sending` state, set right before a message goes out (at most once on a crash)

Revision ID: 0017
Revises: 0012
Create Date: 2026-11-26 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = "status IN ('pending', 'claimed', 'sending', 'sent', 'undeliverable', 'skipped', 'failed')"
OLD = "status IN ('pending', 'claimed', 'sent', 'undeliverable', 'skipped', 'failed')"


def upgrade() -> None:
    op.drop_constraint(op.f("ck_reminder_ledger_status"), "reminder_ledger", type_="check")
    op.create_check_constraint(op.f("ck_reminder_ledger_status"), "reminder_ledger", NEW)


def downgrade() -> None:
    op.execute("UPDATE reminder_ledger SET status = 'sent' WHERE status = 'sending'")
    op.drop_constraint(op.f("ck_reminder_ledger_status"), "reminder_ledger", type_="check")
    op.create_check_constraint(op.f("ck_reminder_ledger_status"), "reminder_ledger", OLD)
