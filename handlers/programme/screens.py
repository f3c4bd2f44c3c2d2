"""Reading the programme: the list of one's mentorships, the programme screen, an activity's card, the mentees'
needs questionnaire for the mentor writing it (3.6), the programme and the reports as DOCX, a reported file."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.callbacks import ActivityCb, MenuCb, ProgCb
from handlers.keyboards import button, keyboard
from handlers.programme.common import programme_screen, refuse, send_file, show_activity
from handlers.steps.screens import back_to_menu, show_in_place
from locales import Html, Texts
from services.outcome import Actor, Refused
from services.programme import (
    activity_file,
    mentee_needs,
    my_mentorships,
    open_activity,
    open_programme,
    programme_document,
)
from services.reports import report_documents

router = Router(name="programme_screens")


@router.callback_query(MenuCb.filter(F.action == "mentoring"))
async def mentoring(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext) -> None:
    await state.clear()
    views = (await my_mentorships(session, actor)).value
    rows = []
    for view in views:
        names = [m.name for m in view.mentees]
        label = t(
            f"mentoring-item-{view.part}",
            mentor=view.mentor.name,
            mentee=names[0] if names else "",
            count=len(names),
            running="yes" if view.running else "no",
        )
        rows.append([button(label, ProgCb(action="view", id=view.mentorship_id))])
    await show_in_place(query, t("mentoring-list") if rows else t("mentoring-none"), keyboard(*rows, back_to_menu(t)))


@router.callback_query(ProgCb.filter(F.action == "view"))
async def view(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    await state.clear()
    try:
        programme = (await open_programme(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await show_in_place(query, *await programme_screen(session, t, actor, programme))


@router.callback_query(ActivityCb.filter(F.action == "card"))
async def activity(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor, state: FSMContext
) -> None:
    await state.clear()
    try:
        card = (await open_activity(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await show_activity(query, t, card)


@router.callback_query(ProgCb.filter(F.action == "needs"))
async def needs(query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor) -> None:
    try:
        found = (await mentee_needs(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    parts = []
    for mentee in found:
        if mentee.submitted_on is None:
            parts.append(t("prog-needs-none", name=mentee.mentee.name))
            continue
        answers = [t("prog-needs-answer", question=q, answer=a) for q, a in mentee.answers]
        parts.append(
            t("prog-needs-head", name=mentee.mentee.name, date=mentee.submitted_on, answers=Html("\n".join(answers)))
        )
    text = Html("\n\n".join(parts))[:3900]
    back = keyboard([button(t("act-back"), ProgCb(action="view", id=callback_data.id))])
    await show_in_place(query, Html(text), back)


@router.callback_query(ProgCb.filter(F.action == "docx"))
async def docx(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        document = (await programme_document(session, actor, callback_data.id, t.plain)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await send_file(bot, query.from_user.id, document)


@router.callback_query(ProgCb.filter(F.action == "reports"))
async def reports(
    query: CallbackQuery, callback_data: ProgCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        files = (await report_documents(session, actor, callback_data.id, t.plain)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    for file in files:
        await send_file(bot, query.from_user.id, file)


@router.callback_query(ActivityCb.filter(F.action == "file"))
async def file(
    query: CallbackQuery, callback_data: ActivityCb, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    try:
        found = (await activity_file(session, actor, callback_data.id)).value
    except Refused as refusal:
        await refuse(query, t, refusal, session, actor)
        return
    await bot.send_document(query.from_user.id, found.file_id, caption=t("act-file-caption", title=found.title))
