"""Withdrawal of the personal-data consent (152-FZ art. 21 parts 5–6): processing stops, and the person's
data are erased or anonymized, except what the law needs (the consent records themselves, as proof) and
what aggregate statistics need (roles and closed-choice answers, no longer tied to a name)."""

from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AccessRequest,
    AuditEvent,
    BankEntry,
    Consent,
    FsmRecord,
    GrowthRecord,
    InviteCode,
    Person,
    QuestionnaireResponse,
)
from db.registry import questionnaire_of
from db.repositories.programmes import erase_person as erase_from_programmes
from db.repositories.responses import definition
from domain.questionnaire import statistical_value


async def anonymize_person(session: AsyncSession, person: Person) -> None:
    now = datetime.now(UTC)
    telegram_id = person.telegram_user_id

    for response in list(
        await session.scalars(select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person.id))
    ):
        if response.status == "draft":
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

    await session.execute(
        update(Consent).where(Consent.person_id == person.id, Consent.withdrawn_at.is_(None)).values(withdrawn_at=now)
    )
    await session.execute(
        update(InviteCode)
        .where(InviteCode.person_id == person.id, InviteCode.used_at.is_(None), InviteCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.execute(update(BankEntry).where(BankEntry.person_id == person.id).values(status="archived"))
    # Programmes: the person's comments on activities and what they reported an activity done with.
    await erase_from_programmes(session, person.id)
    # Courses and competitions stay as counts for the monitoring (stage 2); what names them goes.
    await session.execute(
        update(GrowthRecord).where(GrowthRecord.person_id == person.id).values(title=None, result=None)
    )
    if telegram_id is not None:
        await session.execute(
            update(AccessRequest)
            .where(AccessRequest.telegram_user_id == telegram_id)
            .values(full_name=None, position=None, work_start_date=None)
        )
        await session.execute(
            update(AuditEvent).where(AuditEvent.telegram_user_id == telegram_id).values(telegram_user_id=None)
        )
        await session.execute(delete(FsmRecord).where(FsmRecord.user_id == telegram_id))
        await session.execute(
            update(InviteCode).where(InviteCode.used_by_telegram_id == telegram_id).values(used_by_telegram_id=None)
        )
        await session.execute(
            update(AccessRequest).where(AccessRequest.telegram_user_id == telegram_id).values(telegram_user_id=0)
        )

    person.full_name = f"Обезличенный участник № {person.id}"
    person.position = None
    person.subjects = None
    person.work_start_date = None
    person.experience_years = None
    person.telegram_user_id = None
    person.telegram_linked_at = None
    person.is_active = False
    person.anonymized_at = now
    await session.flush()
