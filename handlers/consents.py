"""Consents and /privacy: each consent is asked as a separate document (152-FZ as amended in 2025), stored
with the exact text version, the time and the Telegram message; a person sees their consents and data,
downloads any consent as DOCX, and withdraws them. Withdrawing the personal-data consent anonymizes the
person and tells the curator."""

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Consent, Organization, Person
from db.privacy import anonymize_person
from db.registry import latest_consent_text, questionnaire_of
from db.repositories import consents as consents_repo
from db.repositories import responses as responses_repo
from db.repositories.audit import record_event
from db.repositories.banks import set_status
from db.repositories.people import people_with_role
from documents.consent_docx import ConsentDocument, consent_docx
from domain.banks import MentorStatus
from domain.consents import ConsentKind, relevant_consents
from domain.dates import format_date
from domain.roles import Role
from handlers.callbacks import ConsentCb, MenuCb
from handlers.filters import IsLinked
from handlers.keyboards import button, keyboard
from handlers.menu import back_to_menu, profile_text, send_main_menu, show_in_place
from handlers.notify import notify
from locales import Html, Texts

router = Router(name="consents")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())


def _int_or_zero(value: str) -> int:
    return int(value) if value.isdigit() and len(value) <= 9 else 0


def _kind(value: str) -> ConsentKind | None:
    try:
        return ConsentKind(value)
    except ValueError:
        return None


async def ask_consent(
    bot: Bot,
    chat_id: int,
    t: Texts,
    session: AsyncSession,
    person: Person,
    organization: Organization,
    kind: ConsentKind,
    then: str = "",
) -> None:
    text = await latest_consent_text(session, kind)
    body = consents_repo.render_consent(text, person, organization)
    await bot.send_message(
        chat_id,
        t("consent-ask", title=text.title, text=body, version=text.version),
        reply_markup=keyboard(
            [button(t("consent-agree"), ConsentCb(action="give", kind=kind.value, then=then))],
            [button(t("consent-later"), ConsentCb(action="later", kind=kind.value))],
        ),
    )


async def _relevant(session: AsyncSession, person: Person) -> list[ConsentKind]:
    return relevant_consents(person.role_set, await responses_repo.submitted_codes(session, person.id))


async def _allowed(session: AsyncSession, kind: ConsentKind | None, person: Person) -> bool:
    return kind is not None and kind in await _relevant(session, person)


@router.callback_query(ConsentCb.filter(F.action == "ask"))
async def ask_button(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
) -> None:
    kind = _kind(callback_data.kind)
    if kind is None or not await _allowed(session, kind, person):
        await query.answer(t("denied"), show_alert=True)
        return
    await query.answer()
    await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)


@router.callback_query(ConsentCb.filter(F.action == "give"))
async def give(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
    state: FSMContext,
) -> None:
    kind = _kind(callback_data.kind)
    if kind is None or not await _allowed(session, kind, person):
        await query.answer(t("denied"), show_alert=True)
        return
    text = await latest_consent_text(session, kind)
    message_id = query.message.message_id if isinstance(query.message, Message) else None
    consent = await consents_repo.give_consent(session, person, text, message_id)
    if consent is None:
        await query.answer(t("consent-already"), show_alert=True)
        return
    await record_event(
        session,
        "consent_given",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        kind=kind.value,
        version=text.version,
    )
    await session.commit()
    await query.answer(t("consent-given-short"))
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await bot.send_message(query.from_user.id, t("consent-given", title=text.title))
    if callback_data.then:
        from handlers.questionnaire import start_questionnaire

        # The continuation is the presser's request like any other: start_questionnaire authorizes it again.
        code, campaign, mentorship = ([*callback_data.then.split("."), "0", "0"])[:3]
        started = await start_questionnaire(
            bot,
            query.from_user.id,
            state,
            t,
            session,
            person,
            organization,
            code,
            _int_or_zero(campaign),
            mentorship_id=_int_or_zero(mentorship),
        )
        if not started:
            await bot.send_message(query.from_user.id, t("denied"))


@router.callback_query(ConsentCb.filter(F.action == "later"))
async def later(query: CallbackQuery, t: Texts, person: Person, bot: Bot) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await bot.send_message(query.from_user.id, t("consent-later-text"))
    await send_main_menu(bot, query.from_user.id, t, person)


# -- /privacy -------------------------------------------------------------------------------------------------
async def _privacy_screen(session: AsyncSession, t: Texts, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    active = await consents_repo.active_consents(session, person.id)
    lines, rows = [], []
    for kind in await _relevant(session, person):
        consent = active.get(kind)
        title = t(f"consent-kind-{kind}")
        short = t(f"consent-short-{kind}")
        if consent is None:
            lines.append(t("privacy-line-missing", title=title))
            rows.append([button(t("privacy-give", title=title), ConsentCb(action="ask", kind=kind.value))])
        else:
            lines.append(
                t(
                    "privacy-line-given",
                    title=title,
                    date=format_date(consent.given_at.date()),
                    version=consent.consent_text.version,
                )
            )
            rows.append(
                [
                    button(t("privacy-docx", short=short), ConsentCb(action="doc", kind=kind.value)),
                    button(t("privacy-withdraw", short=short), ConsentCb(action="withdraw", kind=kind.value)),
                ]
            )
    rows.append([button(t("privacy-my-data"), ConsentCb(action="data"))])
    rows.append(back_to_menu(t))
    return t("privacy", lines=Html("\n".join(lines))), keyboard(*rows)


@router.message(Command("privacy"))
async def privacy_command(message: Message, session: AsyncSession, t: Texts, person: Person) -> None:
    text, markup = await _privacy_screen(session, t, person)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuCb.filter(F.action == "privacy"))
@router.callback_query(ConsentCb.filter(F.action == "privacy"))
async def privacy_button(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    await query.answer()
    text, markup = await _privacy_screen(session, t, person)
    await show_in_place(query, text, markup)


@router.callback_query(ConsentCb.filter(F.action == "data"))
async def my_data(
    query: CallbackQuery, session: AsyncSession, t: Texts, person: Person, organization: Organization
) -> None:
    lines = []
    for response in await responses_repo.responses_of(session, person.id):
        questionnaire = questionnaire_of(await responses_repo.definition(session, response.definition_id))
        when = response.submitted_at or response.updated_at
        lines.append(
            t(
                f"privacy-response-{response.status}",
                title=questionnaire.title,
                date=format_date(when.date()),
                count=len(response.answers),
            )
        )
    await query.answer()
    text = t(
        "privacy-data",
        profile=Html(profile_text(t, person, organization)),
        responses=Html("\n".join(lines) or t("privacy-no-responses")),
        telegram=person.telegram_user_id or "—",
    )
    await show_in_place(query, text, keyboard([button(t("nav-back"), ConsentCb(action="privacy"))]))


def _document(consent: Consent, person: Person, organization: Organization, tz: ZoneInfo) -> bytes:
    text = consent.consent_text
    return consent_docx(
        ConsentDocument(
            school=organization.name,
            title=text.title,
            text=consents_repo.render_consent(text, person, organization),
            person_name=person.full_name,
            given_at=consent.given_at.astimezone(tz),
            version=text.version,
            sha256=text.sha256,
            telegram_message_id=consent.telegram_message_id,
            withdrawn_at=consent.withdrawn_at.astimezone(tz) if consent.withdrawn_at else None,
        )
    )


@router.callback_query(ConsentCb.filter(F.action == "doc"))
async def download(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    bot: Bot,
    tz: ZoneInfo,
) -> None:
    kind = _kind(callback_data.kind)
    consent = (await consents_repo.active_consents(session, person.id)).get(kind) if kind else None
    if consent is None:
        await query.answer(t("consent-not-found"), show_alert=True)
        return
    await query.answer()
    content = _document(consent, person, organization, tz)
    name = f"Согласие_{t(f'consent-file-{kind}')}.docx"
    await bot.send_document(
        query.from_user.id, BufferedInputFile(content, filename=name), caption=t("consent-docx-caption")
    )


@router.callback_query(ConsentCb.filter(F.action == "withdraw"))
async def withdraw_confirm(
    query: CallbackQuery, callback_data: ConsentCb, session: AsyncSession, t: Texts, person: Person
) -> None:
    kind = _kind(callback_data.kind)
    if kind is None or kind not in await consents_repo.active_consents(session, person.id):
        await query.answer(t("consent-not-found"), show_alert=True)
        return
    await query.answer()
    await show_in_place(
        query,
        t(f"withdraw-confirm-{kind}"),
        keyboard(
            [button(t("withdraw-yes"), ConsentCb(action="withdraw_yes", kind=kind.value))],
            [button(t("nav-back"), ConsentCb(action="privacy"))],
        ),
    )


@router.callback_query(ConsentCb.filter(F.action == "withdraw_yes"))
async def withdraw(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    state: FSMContext,
) -> None:
    kind = _kind(callback_data.kind)
    if kind is None or kind not in await consents_repo.active_consents(session, person.id):
        await query.answer(t("consent-not-found"), show_alert=True)
        return
    name, organization_id = person.full_name, person.organization_id
    curators = [c for c in await people_with_role(session, organization_id, Role.CURATOR) if c.id != person.id]
    await record_event(
        session, "consent_withdrawn", organization_id=organization_id, actor_person_id=person.id, kind=kind.value
    )
    if kind is ConsentKind.PERSONAL_DATA:
        await anonymize_person(session, person)
    else:
        await consents_repo.withdraw_consent(session, person.id, kind)
        if kind is ConsentKind.MENTOR:
            await set_status(session, person, "mentor", MentorStatus.ARCHIVED.value, None)
    await session.commit()
    await state.clear()
    await query.answer(t("withdrawn-short"))
    await show_in_place(
        query,
        t(f"withdrawn-{kind}"),
        None if kind is ConsentKind.PERSONAL_DATA else keyboard([button(t("nav-back"), ConsentCb(action="privacy"))]),
    )
    for curator in curators:
        if curator.telegram_user_id and curator.is_reachable:
            await notify(bot, curator.telegram_user_id, t(f"curator-withdrawn-{kind}", name=name))
