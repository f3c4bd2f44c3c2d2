"""programme: CHECKs derived from the domain's enums (a mentee's proposal awaits the mentor: 'proposed', 5.1), the
programme's tasks, how an activity is reported, who reported it done; comments keep the author's id and the text
only (the name is shown when rendered and erased with the author's personal data)

Revision ID: 0014
Revises: 0016
Create Date: 2026-11-26 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values as they are at this revision (a migration never imports the enums: they move on, it stays).
KINDS = "'workplace', 'duties', 'adaptation', 'study', 'assignments', 'consolidation', 'help', 'other'"
ITEM_STATUSES = "'proposed', 'planned', 'done', 'accepted', 'returned'"
PROGRAMME_STATUSES = "'draft', 'submitted', 'acknowledged'"
MEETING_FORMATS = "'in_person', 'online', 'phone', 'chat'"


def _check(table: str, name: str, condition: str) -> None:
    op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")
    op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, condition)


def upgrade() -> None:
    op.add_column("programmes", sa.Column("tasks", sa.Text(), nullable=True))
    op.add_column("programme_items", sa.Column("report_form", sa.String(length=300), nullable=True))
    op.add_column("programme_items", sa.Column("done_by_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_programme_items_done_by_id_people"),
        "programme_items",
        "people",
        ["done_by_id"],
        ["id"],
        ondelete="SET NULL",
    )
    _check("programmes", "status", f"status IN ({PROGRAMME_STATUSES})")
    _check("programme_items", "kind", f"kind IN ({KINDS})")
    # 0006 added programme_items.status without the CHECK the model declared: created now
    op.create_check_constraint(op.f("ck_programme_items_status"), "programme_items", f"status IN ({ITEM_STATUSES})")
    _check("meetings", "format", f"format IN ({MEETING_FORMATS})")

    # Comments were stored as «ФИО: текст». Keep the text only; the name comes from author_id when shown.
    op.execute(
        """
        UPDATE programme_item_comments AS c
           SET text = substr(c.text, char_length(p.full_name) + 3)
          FROM people AS p
         WHERE p.id = c.author_id
           AND p.anonymized_at IS NULL
           AND left(c.text, char_length(p.full_name) + 2) = p.full_name || ': '
        """
    )
    # Who reported an activity done, from the history (the latest «item_done» of each activity).
    op.execute(
        """
        UPDATE programme_items AS i
           SET done_by_id = e.actor_person_id
          FROM (SELECT DISTINCT ON ((details->>'item')::int) (details->>'item')::int AS item_id, actor_person_id
                  FROM mentorship_events
                 WHERE action = 'item_done' AND details ? 'item'
                 ORDER BY (details->>'item')::int, id DESC) AS e
         WHERE e.item_id = i.id AND i.done_at IS NOT NULL
        """
    )
    # What people who already withdrew their consent wrote about an activity they did: erased now.
    op.execute(
        """
        UPDATE programme_items AS i
           SET done_comment = NULL, done_file_id = NULL, done_file_name = NULL
          FROM people AS p
         WHERE p.id = i.done_by_id AND p.anonymized_at IS NOT NULL
        """
    )
    # Comments of people who already withdrew their consent still named them: erased now (152-FZ art. 21).
    op.execute(
        """
        DELETE FROM programme_item_comments AS c
         USING people AS p
         WHERE p.id = c.author_id AND p.anonymized_at IS NOT NULL
        """
    )


def downgrade() -> None:
    op.execute("DELETE FROM programme_items WHERE status = 'proposed'")
    op.drop_constraint(op.f("ck_programme_items_status"), "programme_items", type_="check")
    op.execute(
        """
        UPDATE programme_item_comments AS c
           SET text = left(p.full_name || ': ' || c.text, 1000)
          FROM people AS p
         WHERE p.id = c.author_id
        """
    )
    op.drop_constraint(op.f("fk_programme_items_done_by_id_people"), "programme_items", type_="foreignkey")
    op.drop_column("programme_items", "done_by_id")
    op.drop_column("programme_items", "report_form")
    op.drop_column("programmes", "tasks")
