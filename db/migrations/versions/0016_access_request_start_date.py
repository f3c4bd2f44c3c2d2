"""access requests ask for the actual start of work (3.7); their status CHECK is derived from RequestStatus

Revision ID: 0016
Revises: 0017
Create Date: 2026-12-01 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values of domain.access.RequestStatus when this revision was written (a migration never imports the
# living enum: its history must not change when the enum does).
STATUSES = "'pending', 'approved', 'rejected'"


def upgrade() -> None:
    op.add_column("access_requests", sa.Column("work_start_date", sa.Date(), nullable=True))
    op.drop_constraint(op.f("ck_access_requests_status"), "access_requests", type_="check")
    op.create_check_constraint(op.f("ck_access_requests_status"), "access_requests", f"status IN ({STATUSES})")


def downgrade() -> None:
    op.drop_column("access_requests", "work_start_date")
