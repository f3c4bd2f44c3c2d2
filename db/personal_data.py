"""The registry of personal data (152-FZ): every column that can hold a person's data — names, free text,
files, Telegram ids — is registered here once, with how it is erased and whose it is; every other text, JSON
or Telegram-id column is declared free of personal data, with the reason. Erasure (the withdrawal of the
personal-data consent, db/privacy.py) walks this registry; tests/integration/test_personal_data.py fails when a
model gains such a column that is neither registered nor declared free.

How a column is erased:
- null / anonymize (replaced by a value that identifies nobody) / delete row — the rows that are the person's;
- statistical — questionnaire answers: closed answers stay for the statistics, texts and dates go (domain);
- redact — free text that may name anyone (news, conclusions, a programme's goal): the person's name, in any
  case, is replaced wherever it is mentioned in their school. Every other free-text column of the school is
  redacted the same way after its owner's rows are erased (`mentions`), so a colleague's answer naming them
  («хочу в наставники Белову Н. С.») keeps nothing of them either;
- retention — cleared by its own module as soon as it is not needed (the update inbox, once handled).

Whose it is:
- person — a column of the row holds the person's id;
- telegram — a column holds the person's Telegram id (rows of the time before they belonged to a school too);
- participants / mentees — rows of a mentorship (pair or group) the person mentors or is mentored in;
- mentions — nobody's in particular: only the name is redacted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, String, Table, Text, cast, literal, select
from sqlalchemy.dialects.postgresql import JSONB

from db.models import Base, Mentorship, MentorshipMember, Programme


class Erase(StrEnum):
    NULL = "null"
    ANONYMIZE = "anonymize"
    DELETE_ROW = "delete_row"
    STATISTICAL = "statistical"
    REDACT = "redact"
    RETENTION = "retention"


class Whose(StrEnum):
    PERSON = "person"
    TELEGRAM = "telegram"
    PARTICIPANTS = "participants"
    MENTEES = "mentees"
    MENTIONS = "mentions"


@dataclass(frozen=True)
class Subject:
    """The person whose data are erased, captured before anything changes."""

    person_id: int
    organization_id: int
    telegram_id: int | None


@dataclass(frozen=True)
class PersonalColumn:
    table: str
    column: str
    erase: Erase
    whose: Whose
    owner: str = ""  # the column that says whose the row is: a person id, a Telegram id, a mentorship or programme
    via: str = ""  # participants/mentees: "mentorship" (owner holds a mentorship id) or "programme"
    replacement: Callable[[Table], Any] | None = None  # anonymize: the value (an SQL expression of the row)
    mentions: bool = True  # the person's name is also redacted here in rows that are not theirs
    note: str = ""


def _p(table: str, column: str, erase: Erase, whose: Whose, owner: str = "", **more: Any) -> PersonalColumn:
    return PersonalColumn(table, column, erase, whose, owner, **more)


PERSONAL: tuple[PersonalColumn, ...] = (
    # people: the staff record itself
    _p(
        "people",
        "full_name",
        Erase.ANONYMIZE,
        Whose.PERSON,
        "id",
        replacement=lambda t: literal("Обезличенный участник № ") + cast(t.c.id, String),
        mentions=False,
    ),
    _p("people", "position", Erase.NULL, Whose.PERSON, "id", mentions=False),
    _p("people", "subjects", Erase.NULL, Whose.PERSON, "id", mentions=False),
    _p("people", "work_start_date", Erase.NULL, Whose.PERSON, "id", mentions=False),
    _p("people", "experience_years", Erase.NULL, Whose.PERSON, "id", mentions=False),
    _p("people", "telegram_user_id", Erase.NULL, Whose.PERSON, "id", mentions=False),
    _p("people", "telegram_linked_at", Erase.NULL, Whose.PERSON, "id", mentions=False),
    # before and around joining a school: Telegram ids and what a stranger typed
    _p("access_requests", "full_name", Erase.NULL, Whose.TELEGRAM, "telegram_user_id", mentions=False),
    _p("access_requests", "position", Erase.NULL, Whose.TELEGRAM, "telegram_user_id", mentions=False),
    _p(
        "access_requests",
        "telegram_user_id",
        Erase.ANONYMIZE,
        Whose.TELEGRAM,
        "telegram_user_id",
        replacement=lambda t: literal(0),
        mentions=False,
        note="not null: 0 stands for «nobody»",
    ),
    _p("invite_codes", "used_by_telegram_id", Erase.NULL, Whose.TELEGRAM, "used_by_telegram_id", mentions=False),
    _p("audit_events", "telegram_user_id", Erase.NULL, Whose.TELEGRAM, "telegram_user_id", mentions=False),
    _p("fsm_states", "chat_id", Erase.DELETE_ROW, Whose.TELEGRAM, "user_id", mentions=False),
    _p("fsm_states", "user_id", Erase.DELETE_ROW, Whose.TELEGRAM, "user_id", mentions=False),
    _p("fsm_states", "state", Erase.DELETE_ROW, Whose.TELEGRAM, "user_id", mentions=False),
    _p("fsm_states", "data", Erase.DELETE_ROW, Whose.TELEGRAM, "user_id", mentions=False, note="what a form holds"),
    _p(
        "update_inbox",
        "lane",
        Erase.RETENTION,
        Whose.TELEGRAM,
        "lane",
        mentions=False,
        note="the chat id: set to 0 once the update is handled (db/repositories/inbox.py)",
    ),
    _p(
        "update_inbox",
        "payload",
        Erase.RETENTION,
        Whose.TELEGRAM,
        "lane",
        mentions=False,
        note="the update as Telegram sent it: cleared once handled (db/repositories/inbox.py)",
    ),
    # questionnaires and growth (stage 2 of the monitoring)
    _p(
        "questionnaire_responses",
        "answers",
        Erase.STATISTICAL,
        Whose.PERSON,
        "person_id",
        note="drafts deleted; submitted ones keep closed answers only (domain/questionnaire.py statistical_value)",
    ),
    _p("growth_records", "title", Erase.NULL, Whose.PERSON, "person_id", note="kept as counts for the monitoring"),
    _p("growth_records", "result", Erase.NULL, Whose.PERSON, "person_id"),
    # mentorships: what the participants wrote or was written about them
    _p(
        "mentorships",
        "comment",
        Erase.NULL,
        Whose.PARTICIPANTS,
        "id",
        via="mentorship",
        note="the director's reason for returning the proposal",
    ),
    _p(
        "mentorships",
        "completion_comment",
        Erase.NULL,
        Whose.PARTICIPANTS,
        "id",
        via="mentorship",
        note="7.1: the valid reason for an early end — often the person's circumstances",
    ),
    _p(
        "mentorship_changes",
        "comment",
        Erase.NULL,
        Whose.PARTICIPANTS,
        "mentorship_id",
        via="mentorship",
        note="the reason given for a change (an early end's valid reason, a petition)",
    ),
    _p(
        "mentorship_changes",
        "return_comment",
        Erase.NULL,
        Whose.PARTICIPANTS,
        "mentorship_id",
        via="mentorship",
        note="why the director returned the change",
    ),
    _p(
        "mentorship_events",
        "details",
        Erase.ANONYMIZE,
        Whose.PARTICIPANTS,
        "mentorship_id",
        via="mentorship",
        replacement=lambda t: t.c.details.op("-")("comment"),
        note="ids and codes, and a return's comment: the comment goes",
    ),
    _p(
        "programme_items",
        "done_comment",
        Erase.NULL,
        Whose.MENTEES,
        "programme_id",
        via="programme",
        note="5.2: the mentee's report on an activity",
    ),
    _p("programme_items", "done_file_id", Erase.NULL, Whose.MENTEES, "programme_id", via="programme"),
    _p("programme_items", "done_file_name", Erase.NULL, Whose.MENTEES, "programme_id", via="programme"),
    _p(
        "programme_item_comments",
        "text",
        Erase.DELETE_ROW,
        Whose.PERSON,
        "author_id",
        note="the author's comment (on main written as «ФИО: текст»)",
    ),
    # free text about the pair or the school that may name anybody
    _p("programmes", "goal", Erase.REDACT, Whose.MENTIONS),
    _p("programmes", "tasks", Erase.REDACT, Whose.MENTIONS),
    _p("programme_items", "report_form", Erase.REDACT, Whose.MENTIONS),
    _p("programme_items", "title", Erase.REDACT, Whose.MENTIONS),
    _p("programme_items", "expected_result", Erase.REDACT, Whose.MENTIONS),
    _p("meetings", "topic", Erase.REDACT, Whose.MENTIONS),
    _p("best_practices", "title", Erase.REDACT, Whose.MENTIONS),
    _p("best_practices", "description", Erase.REDACT, Whose.MENTIONS),
    _p("news_items", "title", Erase.REDACT, Whose.MENTIONS),
    _p("news_items", "body", Erase.REDACT, Whose.MENTIONS),
    _p("report_conclusions", "conclusions", Erase.REDACT, Whose.MENTIONS),
    _p("report_conclusions", "tasks", Erase.REDACT, Whose.MENTIONS),
    _p("roadmap_items", "responsible", Erase.REDACT, Whose.MENTIONS),
    _p("roadmap_items", "document", Erase.REDACT, Whose.MENTIONS),
    _p("publication_settings", "intro", Erase.REDACT, Whose.MENTIONS),
)

# Text, JSON and Telegram-id columns that hold no personal data, and why.
FREE: dict[tuple[str, str], str] = {
    **{
        ("organizations", c): "the school's own details and settings"
        for c in ("name", "short_name", "city", "timezone", "rules")
    },
    **{
        ("consent_texts", c): "product texts (consents/consents.yaml) with placeholders"
        for c in ("kind", "title", "text", "sha256")
    },
    **{
        ("questionnaire_definitions", c): "product texts (questionnaires/*.yaml)"
        for c in ("code", "title", "definition", "sha256")
    },
    ("person_roles", "role"): "a role code",
    ("invite_codes", "code_hash"): "SHA-256 of a random code",
    ("access_requests", "status"): "a status code",
    ("audit_events", "action"): "an action code",
    ("audit_events", "details"): "ids and codes only (db/repositories/audit.py: never names or typed text)",
    **{
        ("fsm_states", c): "the bot's and the conversation's technical keys"
        for c in ("bot_id", "thread_id", "business_connection_id", "destiny")
    },
    ("update_inbox", "bot_id"): "the bot's id",
    ("update_inbox", "update_id"): "Telegram's counter of updates",
    ("update_inbox", "status"): "a status code",
    ("update_inbox", "error"): "the type and message of an exception",
    ("consents", "kind"): "a consent kind",
    ("consents", "telegram_message_id"): "the number of a message in the person's chat: nobody without the chat",
    **{("campaigns", c): "codes" for c in ("questionnaire_code", "audience", "kind")},
    **{
        ("questionnaire_responses", c): "codes and question ids"
        for c in ("questionnaire_code", "status", "skipped", "current_question")
    },
    **{("bank_entries", c): "codes" for c in ("bank", "status")},
    **{
        ("reminder_ledger", c): "codes, ids and the Bot API's error message"
        for c in ("deadline_key", "kind", "offset", "status", "claimed_by", "error", "telegram_message_id")
    },
    **{("mentorships", c): "codes and the order's number" for c in ("form", "status", "order_number")},
    ("mentorships", "completion_reason"): "a 7.1 reason code",
    **{("mentorship_events", c): "codes" for c in ("action", "from_status", "to_status")},
    **{("mentorship_changes", c): "codes and the order's number" for c in ("kind", "reason", "status", "order_number")},
    ("mentorship_changes", "agreed_ids"): "person ids (the person's own row is anonymized)",
    ("programmes", "status"): "a status code",
    **{("programme_items", c): "codes" for c in ("kind", "status")},
    ("meetings", "format"): "a format code",
    **{
        ("roadmap_items", c): "the road map's own text (Annex 2, domain/roadmap.py)"
        for c in ("code", "stage_title", "title", "planned", "expected_result")
    },
    **{("best_practices", c): "codes" for c in ("need_area", "form")},
    ("publication_settings", "documents"): "titles and links of normative documents",
    ("growth_records", "kind"): "a kind code",
}

REGISTERED: dict[tuple[str, str], PersonalColumn] = {(c.table, c.column): c for c in PERSONAL}


def checked_columns() -> list[tuple[str, str]]:
    """Every column that must be registered or declared free: text, JSON and BigInteger (Telegram ids) —
    all but a table's own surrogate key."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            own_key = column.primary_key and column.name == "id" and len(table.primary_key.columns) == 1
            if isinstance(column.type, String | Text | JSONB | BigInteger) and not own_key:
                found.append((table.name, column.name))
    return found


def text_columns(entry: PersonalColumn) -> bool:
    column = Base.metadata.tables[entry.table].c[entry.column]
    return isinstance(column.type, String | Text | JSONB)


def owned_by(table: Table, entry: PersonalColumn, subject: Subject) -> ColumnElement[bool] | None:
    """Which rows of the table are the subject's for this entry; None when there are none to look for."""
    owner = table.c[entry.owner] if entry.owner else None
    if owner is None:
        return None
    if entry.whose is Whose.PERSON:
        return owner == subject.person_id
    if entry.whose is Whose.TELEGRAM:
        return owner == subject.telegram_id if subject.telegram_id is not None else None
    as_mentee = select(MentorshipMember.mentorship_id).where(MentorshipMember.mentee_id == subject.person_id)
    mentorships = (
        as_mentee
        if entry.whose is Whose.MENTEES
        else as_mentee.union(select(Mentorship.id).where(Mentorship.mentor_id == subject.person_id))
    )
    if entry.via == "programme":
        return owner.in_(select(Programme.id).where(Programme.mentorship_id.in_(mentorships)))
    return owner.in_(mentorships)
