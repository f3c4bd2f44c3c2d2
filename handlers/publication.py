"""Publication on the school's website (section 8): the curator previews the section «Наставничество» in the
bot (who appears, what is left out and why) and downloads it as a ZIP of static HTML; adds news, documents of
the regional and the school's normative base, and the section's introduction."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person
from domain.publication import DocumentLevel
from domain.roles import Role
from handlers.callbacks import MonCb, SiteCb
from handlers.filters import HasRole
from handlers.forms import FormField, TextForm, date_field, text_field
from handlers.keyboards import button, keyboard
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Texts
from services import publication as service

router = Router(name="publication")
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

LEVELS = (DocumentLevel.REGIONAL, DocumentLevel.SCHOOL)


class NewsForm(StatesGroup):
    filling = State()


class DocumentForm(StatesGroup):
    filling = State()


class IntroForm(StatesGroup):
    filling = State()


def _today(tz: ZoneInfo) -> date:
    return datetime.now(tz).date()


@router.callback_query(SiteCb.filter(F.action == "home"))
async def home(
    query: CallbackQuery, session: AsyncSession, t: Texts, organization: Organization, tz: ZoneInfo, state: FSMContext
) -> None:

    await state.clear()
    preview = await service.build(session, organization, _today(tz), t.plain, tz)
    await session.commit()
    content = preview.content
    names = [p.name for p in content.mentors] + [p.name for p in content.mentees]
    text = t(
        "site-home",
        documents=len(content.documents),
        running=len(content.running),
        completed=len(content.completed),
        mentors=len(content.mentors),
        mentees=len(content.mentees),
        hidden=preview.hidden_people,
        cases=len(content.cases),
        news=len(content.news),
        names=", ".join(names) or "—",
    )
    await query.answer()
    await show_in_place(
        query,
        text,
        keyboard(
            [button(t("site-zip"), SiteCb(action="zip"))],
            [button(t("site-add-news"), SiteCb(action="news")), button(t("site-add-doc"), SiteCb(action="doc"))],
            [button(t("site-intro"), SiteCb(action="intro"))],
            [button(t("nav-back"), MonCb(action="board"))],
        ),
    )


@router.callback_query(SiteCb.filter(F.action == "zip"))
async def download(
    query: CallbackQuery,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    tz: ZoneInfo,
    bot: Bot,
) -> None:
    await query.answer(t("mon-file-wait"))
    today = _today(tz)
    preview, archive = await service.export(session, organization, person, today, t.plain, tz)
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(archive, filename=f"Наставничество_сайт_{today:%d.%m.%Y}.zip"),
        caption=t("site-zip-caption", hidden=preview.hidden_people),
        reply_markup=keyboard([button(t("nav-back"), SiteCb(action="home"))]),
    )


async def _cancelled(query: CallbackQuery, t: Texts, bot: Bot, **_: Any) -> None:
    await bot.send_message(
        query.from_user.id, t("cancelled"), reply_markup=keyboard([button(t("nav-back"), SiteCb(action="home"))])
    )


async def _done(query: CallbackQuery, t: Texts, bot: Bot, key: str) -> None:
    await query.answer(t("site-saved-short"))
    await bot.send_message(
        query.from_user.id,
        t(key),
        reply_markup=keyboard([button(t("site-open"), SiteCb(action="home"))], back_to_menu(t)),
    )


# -- news ---------------------------------------------------------------------------------------------------
@router.callback_query(SiteCb.filter(F.action == "news"))
async def news_start(query: CallbackQuery, t: Texts, state: FSMContext, bot: Bot) -> None:
    await query.answer()
    await news_form.start(bot, query.from_user.id, state, t)


async def _save_news(
    query: CallbackQuery,
    values: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    **_: Any,
) -> None:
    await service.add_news(session, person, date.fromisoformat(values["day"]), values["title"], values["body"])
    await state.clear()
    await _done(query, t, bot, "site-news-saved")


news_form = TextForm(
    "site_news",
    NewsForm.filling,
    [
        text_field("title", "field-news-title", "prompt-news-title", min_len=5, max_len=200),
        text_field("body", "field-news-body", "prompt-news-body", min_len=10, max_len=3000),
        date_field("day", "field-news-date", "prompt-news-date"),
    ],
    title="site-news-title",
    on_submit=_save_news,
    on_cancel=_cancelled,
)
news_form.register(router)


# -- documents of the regional and the school's normative base ---------------------------------------------------
@router.callback_query(SiteCb.filter(F.action == "doc"))
async def document_level(query: CallbackQuery, t: Texts) -> None:
    rows = [[button(t(f"site-level-{level}"), SiteCb(action="level", v=i))] for i, level in enumerate(LEVELS)]
    rows.append([button(t("form-cancel"), SiteCb(action="home"))])
    await query.answer()
    await show_in_place(query, t("site-choose-level"), keyboard(*rows))


@router.callback_query(SiteCb.filter(F.action == "level"))
async def document_start(query: CallbackQuery, callback_data: SiteCb, t: Texts, state: FSMContext, bot: Bot) -> None:
    if not 0 <= callback_data.v < len(LEVELS):
        await query.answer(t("q-stale"), show_alert=True)
        return
    await query.answer()
    await document_form.start(bot, query.from_user.id, state, t, level=LEVELS[callback_data.v].value)


def _url(text: str) -> str:
    from domain.validation import InputError, clean_text

    value = clean_text(text, min_len=8, max_len=500)
    if not value.startswith(("http://", "https://")) or " " in value:
        raise InputError("bad-url")
    return value


async def _save_document(
    query: CallbackQuery,
    values: dict[str, Any],
    extra: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    **_: Any,
) -> None:
    await service.add_document(session, person, DocumentLevel(extra["level"]), values["title"], values.get("url"))
    await state.clear()
    await _done(query, t, bot, "site-doc-saved")


document_form = TextForm(
    "site_doc",
    DocumentForm.filling,
    [
        text_field("title", "field-doc-title", "prompt-doc-title", min_len=10, max_len=400),
        FormField("url", "field-doc-url", "prompt-doc-url", _url, optional=True),
    ],
    title="site-doc-title",
    on_submit=_save_document,
    on_cancel=_cancelled,
)
document_form.register(router)


# -- the section's introduction ----------------------------------------------------------------------------
@router.callback_query(SiteCb.filter(F.action == "intro"))
async def intro_start(query: CallbackQuery, t: Texts, state: FSMContext, bot: Bot) -> None:
    await query.answer()
    await intro_form.start(bot, query.from_user.id, state, t)


async def _save_intro(
    query: CallbackQuery,
    values: dict[str, Any],
    state: FSMContext,
    t: Texts,
    bot: Bot,
    session: AsyncSession,
    person: Person,
    **_: Any,
) -> None:
    await service.set_intro(session, person, values["intro"])
    await state.clear()
    await _done(query, t, bot, "site-intro-saved")


intro_form = TextForm(
    "site_intro",
    IntroForm.filling,
    [text_field("intro", "field-site-intro", "prompt-site-intro", min_len=20, max_len=2000)],
    title="site-intro-title",
    on_submit=_save_intro,
    on_cancel=_cancelled,
)
intro_form.register(router)
