"""questionnaires, consents, campaigns and banks: CHECKs derived from the domain enums; the mentor bank

A consent's kind and a bank entry's status are checked by the database (domain/consents.py ConsentKind,
domain/banks.py MenteeStatus, MentorStatus — with «withdrawn»: a mentor who withdrew a consent is out of the
bank). A mentor used to count as approved in the bank without any decision; from now on a mentor without a
decision is a candidate (3.2). Mentors who already hold both written consents (personal data and mentor's)
keep the approval the bank showed them with: the curator saw and used it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSENT_KINDS = "'personal_data', 'mentor', 'mentee', 'publication'"
MENTEE_STATUSES = "'waiting', 'assigned', 'completed', 'archived'"
MENTOR_STATUSES = "'candidate', 'approved', 'rejected', 'withdrawn', 'archived'"


def upgrade() -> None:
    op.create_check_constraint(op.f("ck_consents_kind"), "consents", f"kind IN ({CONSENT_KINDS})")
    op.create_check_constraint(op.f("ck_consent_texts_kind"), "consent_texts", f"kind IN ({CONSENT_KINDS})")
    op.create_check_constraint(
        op.f("ck_bank_entries_status"),
        "bank_entries",
        f"(bank = 'mentee' AND status IN ({MENTEE_STATUSES})) OR (bank = 'mentor' AND status IN ({MENTOR_STATUSES}))",
    )
    op.execute(
        """
        INSERT INTO bank_entries (organization_id, person_id, bank, status, decided_at)
        SELECT p.organization_id, p.id, 'mentor', 'approved', now()
        FROM people p
        JOIN person_roles r ON r.person_id = p.id AND r.role = 'mentor'
        WHERE NOT EXISTS (SELECT 1 FROM bank_entries b WHERE b.person_id = p.id AND b.bank = 'mentor')
          AND (SELECT count(DISTINCT c.kind) FROM consents c
               WHERE c.person_id = p.id AND c.withdrawn_at IS NULL AND c.kind IN ('personal_data', 'mentor')) = 2
        """
    )


def downgrade() -> None:
    op.execute("UPDATE bank_entries SET status = 'archived' WHERE status = 'withdrawn'")
    op.drop_constraint(op.f("ck_bank_entries_status"), "bank_entries", type_="check")
    op.drop_constraint(op.f("ck_consent_texts_kind"), "consent_texts", type_="check")
    op.drop_constraint(op.f("ck_consents_kind"), "consents", type_="check")
