"""SQLAlchemy 2 typed models. The schema itself is created only by Alembic migrations (db/migrations)."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from domain.access import RequestStatus
from domain.banks import BankKind, MenteeStatus, MentorStatus
from domain.campaigns import Audience, CampaignKind
from domain.consents import ConsentKind
from domain.mentorship import (
    ChangeKind,
    ChangeStatus,
    CompletionReason,
    EventAction,
    Form,
    ReplacementReason,
    Status,
)
from domain.programme import ActivityKind, ItemStatus, MeetingFormat, ProgrammeStatus
from domain.questionnaire import ResponseStatus
from domain.roles import Role

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def values(enum: type[StrEnum]) -> str:
    """An enum's values as an SQL list, for a CHECK constraint derived from the enum: `status IN ({values(S)})`."""
    return ", ".join(f"'{member.value}'" for member in enum)


ROLE_VALUES = values(Role)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSONB}


def _created_at() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())


class Organization(Base):
    """A school. Every other table of the domain carries its id."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str | None] = mapped_column(String(120))
    timezone: Mapped[str | None] = mapped_column(String(64))  # None: the bot's BOT_TIMEZONE
    rules: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()


class Person(Base):
    """A staff record; linked to a Telegram account once its invite is redeemed."""

    __tablename__ = "people"
    __table_args__ = (
        # One Telegram account speaks for one person.
        Index("uq_people_telegram_user_id", "telegram_user_id", unique=True),
        CheckConstraint("experience_years IS NULL OR experience_years BETWEEN 0 AND 70", name="experience"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(150))
    position: Mapped[str | None] = mapped_column(String(120))
    subjects: Mapped[str | None] = mapped_column(String(300))
    work_start_date: Mapped[date | None] = mapped_column(Date)  # дата фактического допуска к работе (3.7)
    experience_years: Mapped[int | None] = mapped_column(Integer)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_linked_at: Mapped[datetime | None]
    is_reachable: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))  # false: blocked the bot
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    anonymized_at: Mapped[datetime | None]  # personal-data consent withdrawn: record kept only for statistics
    created_at: Mapped[datetime] = _created_at()

    roles: Mapped[list["PersonRole"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin", order_by="PersonRole.role"
    )

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)


class PersonRole(Base):
    __tablename__ = "person_roles"
    __table_args__ = (
        UniqueConstraint("person_id", "role", name="uq_person_roles_person_role"),
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = _created_at()

    person: Mapped[Person] = relationship(back_populates="roles")


class InviteCode(Base):
    """An invite link's code, stored only as its SHA-256."""

    __tablename__ = "invite_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None]


class AccessRequest(Base):
    """«Заявка на доступ» from a Telegram user who has no invite."""

    __tablename__ = "access_requests"
    __table_args__ = (
        CheckConstraint(f"status IN ({values(RequestStatus)})", name="status"),
        # At most one open request per Telegram account and school.
        Index(
            "uq_access_requests_pending",
            "organization_id",
            "telegram_user_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    full_name: Mapped[str | None] = mapped_column(String(150))  # erased on rejection (minimal data)
    position: Mapped[str | None] = mapped_column(String(120))
    work_start_date: Mapped[date | None] = mapped_column(Date)  # the actual start of work (3.7), erased likewise
    status: Mapped[str] = mapped_column(String(20), server_default=text("'pending'"))
    created_at: Mapped[datetime] = _created_at()
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class AuditEvent(Base):
    """Who did what: state changes and refused attempts (forged callbacks, foreign resources)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # Null only for events of Telegram users who belong to no school yet.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()


class FsmRecord(Base):
    """aiogram conversation state (db/fsm_storage.py). Keyed by Telegram ids, not by school:
    a conversation may start before its user belongs to any school."""

    __tablename__ = "fsm_states"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    thread_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # 0 for none
    business_connection_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "" for none
    destiny: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class IncomingUpdate(Base):
    """A Telegram update stored before it is confirmed to Telegram (DESIGN.md "How we build"): a crash loses
    nothing, a redelivered update is recognised by its id, and the updates of one lane (a chat) are handled
    in order by whichever worker or instance holds the lane's lock (bot/updates.py).

    pending → done | failed. The payload (which holds what a person typed) is cleared once handled; the ids
    stay a few days for deduplication and are then pruned. Keyed by Telegram ids, not by school.
    """

    __tablename__ = "update_inbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'failed')", name="status"),
        Index("ix_update_inbox_pending", "update_id", postgresql_where=text("status = 'pending'")),
        Index("ix_update_inbox_lane_pending", "lane", "update_id", postgresql_where=text("status = 'pending'")),
    )

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lane: Mapped[int] = mapped_column(BigInteger)  # the chat (or user) whose updates must keep their order
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(8), server_default=text("'pending'"))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = _created_at()
    handled_at: Mapped[datetime | None]  # when its handling ended (every reply sent)


class QuestionnaireDefinition(Base):
    """A questionnaire as loaded from questionnaires/*.yaml. Shared by all schools (product data, like
    the migrations), immutable per (code, version): a changed file must carry a new version."""

    __tablename__ = "questionnaire_definitions"
    __table_args__ = (UniqueConstraint("code", "version", name="uq_questionnaire_definitions_code_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    definition: Mapped[dict[str, Any]]
    sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = _created_at()


class ConsentText(Base):
    """The exact text of one version of a consent (consents/consents.yaml); shared by all schools."""

    __tablename__ = "consent_texts"
    __table_args__ = (
        UniqueConstraint("kind", "version", name="uq_consent_texts_kind_version"),
        CheckConstraint(f"kind IN ({values(ConsentKind)})", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class Consent(Base):
    """A consent given in the bot: who, which text version, when, in which Telegram message; and its
    withdrawal. Kept after withdrawal as the proof the law asks for."""

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint(f"kind IN ({values(ConsentKind)})", name="kind"),
        Index(
            "uq_consents_active",
            "person_id",
            "kind",
            unique=True,
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    text_id: Mapped[int] = mapped_column(ForeignKey("consent_texts.id"))
    given_at: Mapped[datetime] = _created_at()
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    withdrawn_at: Mapped[datetime | None]

    consent_text: Mapped[ConsentText] = relationship(lazy="selectin")


class Campaign(Base):
    """«Анкетирование»: a questionnaire sent by the curator to a group with a due date."""

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint(f"audience IN ({values(Audience)})", name="audience"),
        CheckConstraint(f"kind IN ({values(CampaignKind)})", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    questionnaire_code: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), server_default=text("'regular'"))
    school_year: Mapped[int] = mapped_column(Integer)  # 2026 for 2026/2027
    due_date: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()


class CampaignInvitee(Base):
    __tablename__ = "campaign_invitees"
    __table_args__ = (UniqueConstraint("campaign_id", "person_id", name="uq_campaign_invitees_campaign_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    invited_at: Mapped[datetime] = _created_at()
    nudged_at: Mapped[datetime | None]
    nudge_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class QuestionnaireResponse(Base):
    """One filling of a questionnaire. A draft is updated answer by answer; once submitted it never
    changes again, and filling the questionnaire anew makes the next attempt."""

    __tablename__ = "questionnaire_responses"
    __table_args__ = (
        CheckConstraint(f"status IN ({values(ResponseStatus)})", name="status"),
        UniqueConstraint("person_id", "questionnaire_code", "attempt", name="uq_questionnaire_responses_attempt"),
        Index(
            "uq_questionnaire_responses_draft",
            "person_id",
            "questionnaire_code",
            unique=True,
            postgresql_where=text("status = 'draft'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_definitions.id"))
    questionnaire_code: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    mentorship_id: Mapped[int | None] = mapped_column(ForeignKey("mentorships.id", ondelete="SET NULL"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    answers: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    skipped: Mapped[list[str]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    current_question: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    submitted_at: Mapped[datetime | None]


class BankEntry(Base):
    """The status of a person in the mentor or mentee bank (3.5, 3.8; domain/banks.py). Who is in a bank
    follows from roles and questionnaires; without a row a mentee waits for a mentor and a mentor is a
    candidate — approved only by the curator's decision, with both consents (3.2)."""

    __tablename__ = "bank_entries"
    __table_args__ = (
        UniqueConstraint("person_id", "bank", name="uq_bank_entries_person_bank"),
        CheckConstraint(f"bank IN ({values(BankKind)})", name="bank"),
        CheckConstraint(
            f"(bank = '{BankKind.MENTEE}' AND status IN ({values(MenteeStatus)}))"
            f" OR (bank = '{BankKind.MENTOR}' AND status IN ({values(MentorStatus)}))",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    bank: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]


class ReminderLedger(Base):
    """Every reminder, overdue alert and digest, once: unique per (deadline, person, offset).

    pending → claimed (by one scanner, SKIP LOCKED) → sending → sent | undeliverable | failed (or pending again
    after a passing failure); a row left `sending` by a scanner that died is not sent again; "skipped" marks a
    reminder superseded by a later one or by the deadline being met. A claim older than the lease is
    taken over by another scanner, so a crash between claim and send loses nothing.
    """

    __tablename__ = "reminder_ledger"
    __table_args__ = (
        UniqueConstraint("deadline_key", "person_id", "offset", name="uq_reminder_ledger_key_person_offset"),
        CheckConstraint(
            "status IN ('pending', 'claimed', 'sending', 'sent', 'undeliverable', 'skipped', 'failed')", name="status"
        ),
        Index("ix_reminder_ledger_open", "status", postgresql_where=text("status IN ('pending', 'claimed')")),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    deadline_key: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    offset: Mapped[str] = mapped_column(String(16))
    due: Mapped[date] = mapped_column(Date)
    planned_for: Mapped[datetime]  # the scan moment that found it due (simulated with `remind --at`)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    claimed_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    sent_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created_at()


class Mentorship(Base):
    """A mentor's pair or group (2.3) from the curator's proposal to the director's order (3.4, 6.2)."""

    __tablename__ = "mentorships"
    __table_args__ = (
        CheckConstraint(f"form IN ({values(Form)})", name="form"),  # 2.3
        CheckConstraint("months BETWEEN 1 AND 12", name="months"),  # 3.7: from one month to one year
        CheckConstraint(f"status IN ({values(Status)})", name="status"),
        CheckConstraint(f"completion_reason IN ({values(CompletionReason)})", name="completion_reason"),  # 7.1
        CheckConstraint("status <> 'approved' OR (order_number IS NOT NULL AND order_date IS NOT NULL)", name="order"),
        # The deadline scan: planned ends of approved pairs, reports after completion (scheduler/scan.py).
        Index(
            "ix_mentorships_approved_end",
            "organization_id",
            "end_date",
            postgresql_where=text("status = 'approved'"),
        ),
        Index(
            "ix_mentorships_completed_on",
            "organization_id",
            "completed_on",
            postgresql_where=text("status = 'completed'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(32))
    months: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'proposed'"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()
    mentor_confirmed_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    order_number: Mapped[str | None] = mapped_column(String(32))
    order_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(Text)  # the director's reason for returning it
    completed_on: Mapped[date | None] = mapped_column(Date)  # 7.1
    completion_reason: Mapped[str | None] = mapped_column(String(16))
    completion_comment: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list["MentorshipMember"]] = relationship(
        back_populates="mentorship", lazy="selectin", order_by="MentorshipMember.id", cascade="all, delete-orphan"
    )


class MentorshipMember(Base):
    __tablename__ = "mentorship_members"
    __table_args__ = (UniqueConstraint("mentorship_id", "mentee_id", name="uq_mentorship_members_mentee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    confirmed_at: Mapped[datetime | None]

    mentorship: Mapped[Mentorship] = relationship(back_populates="members")


class MentorshipEvent(Base):
    """The history of a mentorship: who changed what, when, from which state to which."""

    __tablename__ = "mentorship_events"
    __table_args__ = (
        CheckConstraint(f"action IN ({values(EventAction)})", name="action"),
        CheckConstraint(f"from_status IN ({values(Status)})", name="from_status"),
        CheckConstraint(f"to_status IN ({values(Status)})", name="to_status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()


class Programme(Base):
    """A mentorship's personalized programme (3.6)."""

    __tablename__ = "programmes"
    __table_args__ = (CheckConstraint(f"status IN ({values(ProgrammeStatus)})", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), unique=True)
    goal: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)  # the programme's tasks, under its goal
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    submitted_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = _created_at()

    items: Mapped[list["ProgrammeItem"]] = relationship(
        lazy="selectin", order_by="(ProgrammeItem.due_date, ProgrammeItem.id)", cascade="all, delete-orphan"
    )


class ProgrammeItem(Base):
    """One activity: its kind (3.6), dates and expected result; later marked done and checked (4.1, 5.2)."""

    __tablename__ = "programme_items"
    __table_args__ = (
        CheckConstraint(f"kind IN ({values(ActivityKind)})", name="kind"),  # 3.6
        CheckConstraint(f"status IN ({values(ItemStatus)})", name="status"),
        # The deadline scan: activities not yet done, by date.
        Index("ix_programme_items_open_due", "due_date", postgresql_where=text("status IN ('planned', 'returned')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date)
    expected_result: Mapped[str] = mapped_column(String(500))
    report_form: Mapped[str | None] = mapped_column(String(300))  # how it is reported: «конспект», «анализ урока»
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()
    # 5.2: the mentee reports it done (with a comment or a file); 4.1: the mentor checks it
    status: Mapped[str] = mapped_column(String(16), server_default=text("'planned'"))
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    done_comment: Mapped[str | None] = mapped_column(Text)
    done_file_id: Mapped[str | None] = mapped_column(String(200))
    done_file_name: Mapped[str | None] = mapped_column(String(200))
    checked_at: Mapped[datetime | None]
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    comments: Mapped[list["ProgrammeItemComment"]] = relationship(
        lazy="selectin", order_by="ProgrammeItemComment.id", cascade="all, delete-orphan"
    )


class Meeting(Base):
    """A meeting of the pair or group, in any form — including situational, speed and virtual ones (2.3)."""

    __tablename__ = "meetings"
    __table_args__ = (CheckConstraint(f"format IN ({values(MeetingFormat)})", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    format: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(500))
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()


class ProgrammeAcknowledgement(Base):
    """A mentee has read the programme (3.6)."""

    __tablename__ = "programme_acknowledgements"
    __table_args__ = (UniqueConstraint("programme_id", "mentee_id", name="uq_programme_acknowledgements_mentee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    acknowledged_at: Mapped[datetime] = _created_at()


class MentorshipChange(Base):
    """A change by mutual agreement (7.2: extension, correction of the programme) or a replacement of the
    mentor (3.8), which the director approves by order."""

    __tablename__ = "mentorship_changes"
    __table_args__ = (
        CheckConstraint(f"kind IN ({values(ChangeKind)})", name="kind"),
        CheckConstraint(f"status IN ({values(ChangeStatus)})", name="status"),
        # the reason of a replacement is one of 3.8, of a completion one of 7.1; the other kinds have none
        CheckConstraint(
            f"reason IS NULL OR (kind = '{ChangeKind.REPLACE}' AND reason IN ({values(ReplacementReason)}))"
            f" OR (kind = '{ChangeKind.COMPLETE}' AND reason IN ({values(CompletionReason)}))",
            name="reason",
        ),
        CheckConstraint(
            f"status <> '{ChangeStatus.APPROVED}' OR kind NOT IN ('{ChangeKind.REPLACE}', '{ChangeKind.COMPLETE}')"
            " OR (order_number IS NOT NULL AND order_date IS NOT NULL)",
            name="order",
        ),  # 3.8: by order
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    months: Mapped[int | None] = mapped_column(Integer)  # extend: the new total length
    new_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))  # replace
    reason: Mapped[str | None] = mapped_column(String(32))  # replace: a 3.8 reason; complete: a 7.1 reason
    comment: Mapped[str | None] = mapped_column(Text)  # complete: the valid reasons (7.1)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    agreed_ids: Mapped[list[int]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))  # who agreed (7.2)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    created_at: Mapped[datetime] = _created_at()
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    return_comment: Mapped[str | None] = mapped_column(Text)  # the director's reason for returning it
    old_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))  # replace
    order_number: Mapped[str | None] = mapped_column(String(32))  # replace, complete: the order
    order_date: Mapped[date | None] = mapped_column(Date)


class ProgrammeItemComment(Base):
    """A comment on an activity (5.1: the mentee takes part in composing the programme; 4.1: the mentor's word on
    a returned one). The author by id, the text as typed: the name is shown when rendered, and erased with the
    author's personal data (db/privacy.py)."""

    __tablename__ = "programme_item_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("programme_items.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = _created_at()


class RoadmapItem(Base):
    """One event of the road map (Annex 2 to order No. 128-В; 3.4, 3.5) for one school year, seeded from
    domain/roadmap.py; the curator ticks it done with a date and the document that shows it."""

    __tablename__ = "roadmap_items"
    __table_args__ = (
        UniqueConstraint("organization_id", "school_year", "code", name="uq_roadmap_items_org_year_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)  # 2026 for 2026/2027
    code: Mapped[str] = mapped_column(String(8))  # "2.1": stage 2, event 1
    stage: Mapped[int] = mapped_column(Integer)
    stage_title: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(Text)
    planned: Mapped[str] = mapped_column(String(120))  # the dates as the road map writes them
    due_date: Mapped[date] = mapped_column(Date)  # the last day of those dates, for "where the school stands"
    responsible: Mapped[str] = mapped_column(String(200))
    expected_result: Mapped[str] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)
    document: Mapped[str | None] = mapped_column(String(300))  # «Приказ № 128-В от 29.08.2023»
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]


class BestPractice(Base):
    """A finished programme the curator put into the bank of best practices (3.5, 3.6), with a short
    description; mentors start new programmes from it."""

    __tablename__ = "best_practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), unique=True)
    need_area: Mapped[str] = mapped_column(String(32))
    form: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()


class ReportConclusion(Base):
    """The curator's conclusions and next year's tasks for the annual analytic report (3.5), typed in the bot."""

    __tablename__ = "report_conclusions"
    __table_args__ = (UniqueConstraint("organization_id", "school_year", name="uq_report_conclusions_org_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    conclusions: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]


class NewsItem(Base):
    """A news item or an announcement of the website section «Наставничество» (8.1)."""

    __tablename__ = "news_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    published_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = _created_at()


class PublicationSettings(Base):
    """What the school adds to its website section (8.1): an introduction and the regional and the school's
    own normative documents (the federal ones are the same for every school, domain/publication.py)."""

    __tablename__ = "publication_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), unique=True)
    intro: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    updated_at: Mapped[datetime | None]


class GrowthRecord(Base):
    """A course of advanced training, a professional competition or a certification a participant entered
    (3.5: monitoring of qualification growth; 4.2, 5.1): stage 2 of the monitoring."""

    __tablename__ = "growth_records"
    __table_args__ = (CheckConstraint("kind IN ('course', 'competition', 'certification')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(300))  # erased when the personal-data consent is withdrawn
    held_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(200))  # erased likewise
    created_at: Mapped[datetime] = _created_at()
