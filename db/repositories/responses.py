from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person, QuestionnaireDefinition, QuestionnaireResponse
from domain.questionnaire import ResponseStatus

DRAFT, SUBMITTED = ResponseStatus.DRAFT.value, ResponseStatus.SUBMITTED.value


async def draft_for(session: AsyncSession, person_id: int, code: str) -> QuestionnaireResponse | None:
    return await session.scalar(
        select(QuestionnaireResponse).where(
            QuestionnaireResponse.person_id == person_id,
            QuestionnaireResponse.questionnaire_code == code,
            QuestionnaireResponse.status == DRAFT,
        )
    )


async def open_draft(
    session: AsyncSession,
    person: Person,
    definition: QuestionnaireDefinition,
    campaign_id: int | None,
    mentorship_id: int | None = None,
) -> QuestionnaireResponse:
    """The person's draft of this questionnaire, or a new attempt after the last submitted one."""
    existing = await draft_for(session, person.id, definition.code)
    if existing is not None:
        if campaign_id and existing.campaign_id is None:
            existing.campaign_id = campaign_id
        if mentorship_id and existing.mentorship_id is None:
            existing.mentorship_id = mentorship_id
        return existing
    last_attempt = await session.scalar(
        select(func.max(QuestionnaireResponse.attempt)).where(
            QuestionnaireResponse.person_id == person.id, QuestionnaireResponse.questionnaire_code == definition.code
        )
    )
    response = QuestionnaireResponse(
        organization_id=person.organization_id,
        person_id=person.id,
        definition_id=definition.id,
        questionnaire_code=definition.code,
        campaign_id=campaign_id,
        mentorship_id=mentorship_id,
        attempt=(last_attempt or 0) + 1,
        answers={},
        skipped=[],
    )
    session.add(response)
    await session.flush()
    return response


async def own_draft(session: AsyncSession, person_id: int, response_id: int) -> QuestionnaireResponse | None:
    """A draft of this person's, locked for the update that follows; None for anybody else's or a submitted one."""
    return await session.scalar(
        select(QuestionnaireResponse)
        .where(
            QuestionnaireResponse.id == response_id,
            QuestionnaireResponse.person_id == person_id,
            QuestionnaireResponse.status == DRAFT,
        )
        .with_for_update()
    )


def set_answers(
    response: QuestionnaireResponse, answers: dict[str, Any], skipped: list[str], current: str | None
) -> None:
    # New objects, so that SQLAlchemy sees the JSONB change.
    response.answers = dict(answers)
    response.skipped = list(skipped)
    response.current_question = current


async def submit(session: AsyncSession, response: QuestionnaireResponse, now: datetime) -> bool:
    """Drafts become immutable once submitted; the conditional UPDATE makes a double click harmless."""
    done = await session.scalar(
        update(QuestionnaireResponse)
        .where(QuestionnaireResponse.id == response.id, QuestionnaireResponse.status == DRAFT)
        .values(status=SUBMITTED, submitted_at=now, current_question=None)
        .returning(QuestionnaireResponse.id)
    )
    await session.refresh(response)
    return done is not None


async def latest_submitted(session: AsyncSession, person_id: int, code: str) -> QuestionnaireResponse | None:
    return await session.scalar(
        select(QuestionnaireResponse)
        .where(
            QuestionnaireResponse.person_id == person_id,
            QuestionnaireResponse.questionnaire_code == code,
            QuestionnaireResponse.status == SUBMITTED,
        )
        .order_by(QuestionnaireResponse.attempt.desc())
        .limit(1)
    )


async def responses_of(session: AsyncSession, person_id: int) -> list[QuestionnaireResponse]:
    return list(
        await session.scalars(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.person_id == person_id)
            .order_by(QuestionnaireResponse.started_at)
        )
    )


async def definition(session: AsyncSession, definition_id: int) -> QuestionnaireDefinition:
    row = await session.get(QuestionnaireDefinition, definition_id)
    assert row is not None
    return row


async def submitted_codes(session: AsyncSession, person_id: int) -> frozenset[str]:
    rows = await session.scalars(
        select(QuestionnaireResponse.questionnaire_code).where(
            QuestionnaireResponse.person_id == person_id, QuestionnaireResponse.status == SUBMITTED
        )
    )
    return frozenset(rows)
