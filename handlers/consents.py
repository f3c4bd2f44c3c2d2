"""Consents and /privacy: each consent asked as its own document, given with «Даю согласие» (handlers/steps/
consent.py), seen in /privacy with the data the bot keeps, downloaded as DOCX, withdrawn after a confirmation.
The rules are in services/consents.py."""

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.consents import ConsentKind
from domain.dates import format_date
from handlers.callbacks import ConsentCb, MenuCb, PairCb
from handlers.filters import IsLinked
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.steps.consent import ask_consent, kind_of, record
from handlers.steps.screens import back_to_menu, profile_text, send_main_menu, show_in_place
from locales import Html, Texts
from services import consents, pairs
from services.outcome import Actor, Refused

__all__ = ["ask_consent", "router"]  # ask_consent: the shared step, also reachable here for older callers

router = Router(name="consents")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())


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
    kind = kind_of(callback_data.kind)
    if kind is None or kind not in await consents.relevant(session, person):
        await query.answer(t("denied"), show_alert=True)
        return
    await query.answer()
    await ask_consent(bot, query.from_user.id, t, session, person, organization, kind)


@router.callback_query(ConsentCb.filter((F.action == "give") & (F.then == "")))
async def give(
    query: CallbackQuery, callback_data: ConsentCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    # Nothing follows: a proposal that waited for this consent can be agreed to right here (3.2, 3.7); then the
    # way to the other consents and back to the menu, not a typed /privacy.
    waiting = await pairs.awaiting_answer(session, actor)
    agree = [[button(t("pair-agree"), PairCb(action="agree", id=m.id))] for m in waiting[:3]]
    after = keyboard(*agree, [button(t("menu-privacy"), MenuCb(action="privacy"))], back_to_menu(t))
    await record(query, callback_data, session, t, actor, bot, after)


@router.callback_query(ConsentCb.filter(F.action == "later"))
async def later(query: CallbackQuery, t: Texts, person: Person, bot: Bot) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await bot.send_message(query.from_user.id, t("consent-later-text"))
    await send_main_menu(bot, query.from_user.id, t, person)


# -- /privacy -------------------------------------------------------------------------------------------------
async def _privacy_screen(session: AsyncSession, t: Texts, actor: Actor) -> tuple[str, InlineKeyboardMarkup]:
    lines, rows = [], []
    for line in await consents.overview(session, actor):
        kind, consent = line.kind, line.consent
        title = t(f"consent-kind-{kind}")
        short = t(f"consent-short-{kind}")
        if consent is None:
            lines.append(t("privacy-line-missing", title=title))
            rows.append([button(t("privacy-give", title=title), ConsentCb(action="ask", kind=kind.value))])
        else:
            given = consent.given_at.astimezone(actor.tz).date()
            lines.append(
                t("privacy-line-given", title=title, date=format_date(given), version=consent.consent_text.version)
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
async def privacy_command(message: Message, session: AsyncSession, t: Texts, actor: Actor) -> None:
    text, markup = await _privacy_screen(session, t, actor)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuCb.filter(F.action == "privacy"))
@router.callback_query(ConsentCb.filter(F.action == "privacy"))
async def privacy_button(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor) -> None:
    await query.answer()
    text, markup = await _privacy_screen(session, t, actor)
    await show_in_place(query, text, markup)


@router.callback_query(ConsentCb.filter(F.action == "data"))
async def my_data(
    query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, person: Person, organization: Organization
) -> None:
    lines = [
        t(
            "privacy-response-submitted" if line.submitted else "privacy-response-draft",
            title=line.title,
            date=format_date(line.on.astimezone(actor.tz).date()),
            count=line.answers,
        )
        for line in await consents.responses(session, actor)
    ]
    await query.answer()
    text = t(
        "privacy-data",
        profile=Html(profile_text(t, person, organization)),
        responses=Html("\n".join(lines) or t("privacy-no-responses")),
        telegram=person.telegram_user_id or "—",
    )
    await show_in_place(query, text, keyboard([button(t("nav-back"), ConsentCb(action="privacy"))]))


@router.callback_query(ConsentCb.filter(F.action == "doc"))
async def download(
    query: CallbackQuery, callback_data: ConsentCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    kind = kind_of(callback_data.kind)
    try:
        if kind is None:
            raise Refused("consent-not-found")
        document = await consents.document(session, actor, kind)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(document.content, filename=document.filename),
        caption=t(document.caption_key),
    )


async def _active(session: AsyncSession, actor: Actor, value: str) -> ConsentKind | None:
    kind = kind_of(value)
    lines = {line.kind: line.consent for line in await consents.overview(session, actor)}
    return kind if kind is not None and lines.get(kind) is not None else None


@router.callback_query(ConsentCb.filter(F.action == "withdraw"))
async def withdraw_confirm(
    query: CallbackQuery, callback_data: ConsentCb, session: AsyncSession, t: Texts, actor: Actor
) -> None:
    kind = await _active(session, actor, callback_data.kind)
    if kind is None:
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
    actor: Actor,
    bot: Bot,
    state: FSMContext,
) -> None:
    kind = kind_of(callback_data.kind)
    try:
        if kind is None:
            raise Refused("consent-not-found")
        outcome = await consents.withdraw(session, actor, kind)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await state.clear()
    await query.answer(t("withdrawn-short"))
    erased = outcome.value.erased
    back = None if erased else keyboard([button(t("nav-back"), ConsentCb(action="privacy"))])
    await show_in_place(query, t(f"withdrawn-{kind}"), back)
    await deliver(bot, session, t, outcome.notices)
