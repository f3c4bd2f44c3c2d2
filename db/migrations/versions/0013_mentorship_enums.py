"""mentorship life cycle: CHECKs from the enums of domain/mentorship.py; withdrawn and cancelled pairs; completion
by order; replacements and completions keep their order and can be returned

Revision ID: 0013
Revises: 0015
Create Date: 2026-11-27 09:00:00

The value lists are written out here as they are today (a migration must not change when the code does);
tests/integration/test_lifecycle_schema.py checks that the database's lists equal the enums.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS = "'proposed', 'confirmed', 'returned', 'declined', 'cancelled', 'approved', 'completed'"
COMPLETION = "'fulfilled', 'mentor', 'mentee', 'both', 'curator'"
REPLACEMENT = "'contract_ended', 'transfer', 'request', 'non_performance', 'other'"
KIND = "'extend', 'correct', 'replace', 'complete'"
CHANGE_STATUS = "'pending', 'agreed', 'declined', 'approved', 'returned', 'cancelled'"
ACTION = (
    "'proposed', 'confirmed_by', 'all_confirmed', 'declined', 'revised', 'resubmitted', 'withdrawn', 'cancelled', "
    "'returned', 'approved_by_order', 'completion_requested', 'completion_returned', 'completed', "
    "'item_added_by_mentor', 'item_added_by_mentee', 'programme_goal_set', 'item_edited', 'item_deleted', "
    "'proposal_included', 'proposal_declined', 'programme_submitted', 'programme_from_practice', "
    "'programme_acknowledged', 'item_done', 'item_accepted', 'item_returned', 'item_commented', 'meeting_logged', "
    "'extend_requested', 'extend_agreed', 'extend_declined', 'extended', 'correct_requested', 'correct_agreed', "
    "'correct_declined', 'programme_reopened', 'replacement_petition_mentee', 'replacement_petition_mentor', "
    "'completion_petition_mentee', 'completion_petition_mentor', 'replace_requested', 'replace_agreed', "
    "'replace_declined', 'replace_returned', 'replace_cancelled', 'mentor_replaced'"
)


def upgrade() -> None:
    op.drop_constraint(op.f("ck_mentorships_status"), "mentorships", type_="check")
    op.create_check_constraint(op.f("ck_mentorships_status"), "mentorships", f"status IN ({STATUS})")
    op.create_check_constraint(
        op.f("ck_mentorships_completion_reason"), "mentorships", f"completion_reason IN ({COMPLETION})"
    )
    op.create_check_constraint(op.f("ck_mentorship_events_action"), "mentorship_events", f"action IN ({ACTION})")
    op.create_check_constraint(
        op.f("ck_mentorship_events_from_status"), "mentorship_events", f"from_status IN ({STATUS})"
    )
    op.create_check_constraint(op.f("ck_mentorship_events_to_status"), "mentorship_events", f"to_status IN ({STATUS})")

    op.add_column("mentorship_changes", sa.Column("comment", sa.Text(), nullable=True))
    op.add_column("mentorship_changes", sa.Column("decided_by_id", sa.Integer(), nullable=True))
    op.add_column("mentorship_changes", sa.Column("return_comment", sa.Text(), nullable=True))
    op.add_column("mentorship_changes", sa.Column("old_mentor_id", sa.Integer(), nullable=True))
    op.add_column("mentorship_changes", sa.Column("order_number", sa.String(length=32), nullable=True))
    op.add_column("mentorship_changes", sa.Column("order_date", sa.Date(), nullable=True))
    for column in ("decided_by_id", "old_mentor_id"):
        op.create_foreign_key(
            op.f(f"fk_mentorship_changes_{column}_people"),
            "mentorship_changes",
            "people",
            [column],
            ["id"],
            ondelete="SET NULL",
        )
    # Replacements approved before this revision kept their order in the history only.
    op.execute(
        """
        UPDATE mentorship_changes c
        SET order_number = e.details->>'order_number',
            order_date = (e.details->>'order_date')::date,
            old_mentor_id = (e.details->>'old_mentor')::int,
            decided_by_id = e.actor_person_id
        FROM mentorship_events e
        WHERE e.action = 'mentor_replaced' AND (e.details->>'change')::int = c.id
        """
    )
    op.drop_constraint(op.f("ck_mentorship_changes_kind"), "mentorship_changes", type_="check")
    op.drop_constraint(op.f("ck_mentorship_changes_status"), "mentorship_changes", type_="check")
    op.create_check_constraint(op.f("ck_mentorship_changes_kind"), "mentorship_changes", f"kind IN ({KIND})")
    op.create_check_constraint(
        op.f("ck_mentorship_changes_status"), "mentorship_changes", f"status IN ({CHANGE_STATUS})"
    )
    op.create_check_constraint(
        op.f("ck_mentorship_changes_reason"),
        "mentorship_changes",
        f"reason IS NULL OR (kind = 'replace' AND reason IN ({REPLACEMENT}))"
        f" OR (kind = 'complete' AND reason IN ({COMPLETION}))",
    )
    op.create_check_constraint(
        op.f("ck_mentorship_changes_order"),
        "mentorship_changes",
        "status <> 'approved' OR kind NOT IN ('replace', 'complete')"
        " OR (order_number IS NOT NULL AND order_date IS NOT NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_mentorship_changes_order"), "mentorship_changes", type_="check")
    op.drop_constraint(op.f("ck_mentorship_changes_reason"), "mentorship_changes", type_="check")
    op.drop_constraint(op.f("ck_mentorship_changes_status"), "mentorship_changes", type_="check")
    op.drop_constraint(op.f("ck_mentorship_changes_kind"), "mentorship_changes", type_="check")
    op.execute("DELETE FROM mentorship_changes WHERE kind = 'complete' OR status IN ('returned', 'cancelled')")
    op.create_check_constraint(
        op.f("ck_mentorship_changes_kind"), "mentorship_changes", "kind IN ('extend', 'correct', 'replace')"
    )
    op.create_check_constraint(
        op.f("ck_mentorship_changes_status"),
        "mentorship_changes",
        "status IN ('pending', 'agreed', 'declined', 'approved')",
    )
    for column in ("old_mentor_id", "decided_by_id"):
        op.drop_constraint(op.f(f"fk_mentorship_changes_{column}_people"), "mentorship_changes", type_="foreignkey")
    for column in ("order_date", "order_number", "old_mentor_id", "return_comment", "decided_by_id", "comment"):
        op.drop_column("mentorship_changes", column)
    op.drop_constraint(op.f("ck_mentorship_events_to_status"), "mentorship_events", type_="check")
    op.drop_constraint(op.f("ck_mentorship_events_from_status"), "mentorship_events", type_="check")
    op.drop_constraint(op.f("ck_mentorship_events_action"), "mentorship_events", type_="check")
    op.drop_constraint(op.f("ck_mentorships_completion_reason"), "mentorships", type_="check")
    op.drop_constraint(op.f("ck_mentorships_status"), "mentorships", type_="check")
    op.execute("UPDATE mentorships SET status = 'declined' WHERE status = 'cancelled'")
    op.create_check_constraint(
        op.f("ck_mentorships_status"),
        "mentorships",
        "status IN ('proposed', 'confirmed', 'returned', 'declined', 'approved', 'completed')",
    )
