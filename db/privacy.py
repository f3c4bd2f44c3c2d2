"""Withdrawal of the personal-data consent (152-FZ art. 21 parts 5–6): processing stops, and the person's data
are erased or anonymized by the registry of personal data (db/personal_data.py), except what the law needs
(the consent records themselves, as proof) and what aggregate statistics need (roles and closed-choice
answers, no longer tied to a name)."""

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Table, Text, and_, cast, delete, func, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BankEntry, Base, Consent, InviteCode, Person, QuestionnaireResponse
from db.personal_data import PERSONAL, Erase, PersonalColumn, Subject, owned_by, text_columns
from db.registry import questionnaire_of
from db.repositories.responses import definition
from domain.banks import MenteeStatus
from domain.questionnaire import ResponseStatus, statistical_value

REDACTED = "[обезличено]"
_LETTER = "А-Яа-яЁёA-Za-z"


def mention_pattern(forms: Iterable[str]) -> str | None:
    """A PostgreSQL regular expression for the person's name in any of its forms, as a whole word: «Щукиной
    Златы Эдуардовны», «Щукина З. Э.», «З.Э. Щукиной». Group 1 is whatever precedes the name."""
    pieces = set()
    for form in forms:
        words = form.split()
        if len(words) < 2:
            continue  # a surname alone names too many people
        escaped = re.sub(r"([.^$*+?()\[\]{}|\\-])", r"\\\1", " ".join(words))
        pieces.add(escaped.replace(r"\. ", r"\.\s*").replace(" ", r"\s+"))
    if not pieces:
        return None
    alternatives = "|".join(sorted(pieces, key=len, reverse=True))
    return f"(^|[^{_LETTER}])(?:{alternatives})(?![{_LETTER}])"


async def anonymize_person(
    session: AsyncSession, person: Person, *, now: datetime | None = None, mentions: Sequence[str] = ()
) -> None:
    """Stop processing the person's data and erase them, column by registered column. `mentions`: the person's
    name in the forms a text may use (declined, with initials), redacted wherever their school's free text
    mentions them."""
    now = now or datetime.now(UTC)
    subject = Subject(person.id, person.organization_id, person.telegram_user_id)

    # Processing stops: the consents are withdrawn (kept as proof), unused invites revoked, banks left.
    await session.execute(
        update(Consent).where(Consent.person_id == person.id, Consent.withdrawn_at.is_(None)).values(withdrawn_at=now)
    )
    await session.execute(
        update(InviteCode)
        .where(InviteCode.person_id == person.id, InviteCode.used_at.is_(None), InviteCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.execute(
        update(BankEntry).where(BankEntry.person_id == person.id).values(status=MenteeStatus.ARCHIVED.value)
    )
    await session.execute(update(Person).where(Person.id == person.id).values(is_active=False, anonymized_at=now))

    for entry in PERSONAL:
        await _erase(session, entry, subject)
    pattern = mention_pattern(mentions)
    if pattern is not None:
        for entry in PERSONAL:
            if entry.mentions and text_columns(entry):
                await _redact(session, Base.metadata.tables[entry.table], entry.column, subject, pattern)
    await session.flush()
    await session.refresh(person)


async def _erase(session: AsyncSession, entry: PersonalColumn, subject: Subject) -> None:
    if entry.erase in (Erase.REDACT, Erase.RETENTION):
        return  # nobody's rows in particular; or cleared by their own module
    table = Base.metadata.tables[entry.table]
    where = owned_by(table, entry, subject)
    if where is None:
        return
    if entry.erase is Erase.DELETE_ROW:
        await session.execute(delete(table).where(where))
    elif entry.erase is Erase.NULL:
        await session.execute(update(table).where(where).values({entry.column: None}))
    elif entry.erase is Erase.ANONYMIZE:
        assert entry.replacement is not None, entry
        await session.execute(update(table).where(where).values({entry.column: entry.replacement(table)}))
    elif entry.erase is Erase.STATISTICAL:
        await _statistical(session, table, where)


async def _statistical(session: AsyncSession, table: Table, where: object) -> None:
    """Drafts go; a submitted response keeps only its closed answers (they identify nobody)."""
    assert table is QuestionnaireResponse.__table__
    responses = list(await session.scalars(select(QuestionnaireResponse).where(where)))  # type: ignore[arg-type]
    for response in responses:
        if response.status == ResponseStatus.DRAFT:
            await session.delete(response)
            continue
        questionnaire = questionnaire_of(await definition(session, response.definition_id))
        kept = {}
        for question in questionnaire.questions:
            if question.id in response.answers:
                value = statistical_value(question, response.answers[question.id])
                if value is not None:
                    kept[question.id] = value
        response.answers = kept
    await session.flush()


async def _redact(session: AsyncSession, table: Table, column_name: str, subject: Subject, pattern: str) -> None:
    if "organization_id" not in table.c:
        return
    column = table.c[column_name]
    is_json = isinstance(column.type, JSONB)
    as_text = cast(column, Text) if is_json else column
    redacted = func.regexp_replace(as_text, pattern, rf"\1{REDACTED}", "g")
    await session.execute(
        update(table)
        .where(and_(table.c.organization_id == subject.organization_id, as_text.op("~")(pattern)))
        .values({column_name: cast(redacted, JSONB) if is_json else redacted})
    )
