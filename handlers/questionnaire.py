"""Filling a questionnaire: one question at a time, «Вопрос 3 из 12», buttons for choices (ticks and
«Готово» for several), typed answers for text, numbers and dates, «Другое: впишите», back, skip for
optional questions, a review screen where any answer can be edited, and a submit after confirmation.
Every answer is written to Postgres the moment it is given; a submitted response never changes."""

from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organization, Person, QuestionnaireResponse
from db.registry import latest_definition, questionnaire_of
from db.repositories import campaigns as campaigns_repo
from db.repositories import responses as responses_repo
from db.repositories.audit import record_event
from db.repositories.banks import set_status
from db.repositories.consents import active_consents
from domain.banks import MenteeStatus, MentorStatus
from domain.consents import ConsentKind
from domain.dates import format_date
from domain.mentorship import REPORTS, Status
from domain.questionnaire import (
    TYPED,
    Question,
    Questionnaire,
    QuestionType,
    choose_single,
    display,
    parse_other,
    parse_typed,
    progress,
    scale_value,
    toggle_multi,
)
from domain.roles import Role
from domain.validation import InputError
from handlers.callbacks import MenuCb, QCb, QStart
from handlers.filters import IsLinked
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.menu import back_to_menu, send_main_menu, show_in_place
from handlers.notifier import deliver
from handlers.prompts import send_prompt
from locales import Html, Texts
from services.outcome import Actor
from services.reports import report_submitted

router = Router(name="questionnaire")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())

# Who may fill which questionnaire on their own; anyone else only when a campaign invited them.
SELF_SERVICE: dict[str, frozenset[Role]] = {
    "mentee_needs": frozenset({Role.MENTEE}),
    "mentor_survey": frozenset({Role.MENTOR}),
}
# What a submitted questionnaire puts into a bank (road map steps 2–3), and the consent that goes with it.
BANK_OF: dict[str, tuple[str, str, ConsentKind]] = {
    "mentee_needs": ("mentee", MenteeStatus.WAITING.value, ConsentKind.MENTEE),
    "mentor_survey": ("mentor", MentorStatus.CANDIDATE.value, ConsentKind.MENTOR),
}
REVIEW_ANSWER_LIMIT = 160


class Answering(StatesGroup):
    question = State()


# -- the list of questionnaires ---------------------------------------------------------------------------
async def _available(session: AsyncSession, person: Person) -> list[tuple[str, int]]:
    """(code, campaign id) the person may open: their role's own ones and every campaign they are invited to."""
    items = {code: 0 for code, roles in SELF_SERVICE.items() if roles & person.role_set}
    for campaign in reversed(await campaigns_repo.open_invitations(session, person.id)):  # the newest wins
        items[campaign.questionnaire_code] = campaign.id
    return list(items.items())


@router.callback_query(MenuCb.filter(F.action == "forms"))
async def forms_list(query: CallbackQuery, session: AsyncSession, t: Texts, person: Person) -> None:
    rows = []
    for code, campaign_id in await _available(session, person):
        definition = await latest_definition(session, code)
        if definition is None:
            continue
        questionnaire = questionnaire_of(definition)
        draft = await responses_repo.draft_for(session, person.id, code)
        done = await responses_repo.latest_submitted(session, person.id, code)
        if draft is not None:
            state = progress(questionnaire, draft.answers)
            label = t("q-list-continue", title=questionnaire.title, done=state.answered, total=state.total)
        elif done is not None and done.submitted_at is not None:
            label = t("q-list-again", title=questionnaire.title, date=format_date(done.submitted_at.date()))
        else:
            label = t("q-list-new", title=questionnaire.title)
        rows.append([button(label, QStart(code=code, campaign=campaign_id))])
    await query.answer()
    text = t("q-list") if rows else t("q-list-empty")
    await show_in_place(query, text, keyboard(*rows, back_to_menu(t)))


# -- rendering ---------------------------------------------------------------------------------------------
def _index(questionnaire: Questionnaire, question: Question) -> int:
    return questionnaire.questions.index(question)


def _question_screen(
    t: Texts, questionnaire: Questionnaire, response: QuestionnaireResponse, question: Question, in_review: bool
) -> tuple[str, InlineKeyboardMarkup]:
    answers = response.answers
    number, total = questionnaire.position(question.id, answers)
    qi = _index(questionnaire, question)
    current = answers.get(question.id)
    extra = [t("q-hint", hint=question.hint)] if question.hint else []
    extra.append(t(f"q-how-{question.type}", min=question.minimum, max=question.maximum, limit=question.max_length))
    if not question.required:
        extra.append(t("form-optional"))
    if current is not None:
        extra.append(t("form-current", value=display(question, current)))
    text = t(
        "q-question",
        title=questionnaire.title,
        number=number,
        total=total,
        text=question.text,
        extra=Html("\n".join(extra)),
    )
    cb = lambda action, v=-1: QCb(action=action, rid=response.id, qi=qi, v=v)  # noqa: E731
    rows: list[list[InlineKeyboardButton]] = []
    if question.type is QuestionType.SINGLE:
        rows += [
            [button(("● " if current == o.value else "") + o.label, cb("opt", i))]
            for i, o in enumerate(question.options)
        ]
    elif question.type is QuestionType.MULTI:
        chosen = current or []
        rows += [
            [button(("☑ " if o.value in chosen else "☐ ") + o.label, cb("tick", i))]
            for i, o in enumerate(question.options)
        ]
    elif question.type is QuestionType.SCALE:
        rows.append(
            [
                button(f"•{v}•" if current == v else str(v), cb("scale", v))
                for v in range(question.minimum, question.maximum + 1)
            ]
        )
    elif question.type is QuestionType.YESNO:
        rows.append([button(t("q-yes"), cb("yn", 1)), button(t("q-no"), cb("yn", 0))])
    if question.allow_other:
        has_other = isinstance(current, dict) or (
            isinstance(current, list) and any(isinstance(v, dict) for v in current)
        )
        rows.append([button(("☑ " if has_other else "✏ ") + question.other_label + "…", cb("other"))])
    if question.type is QuestionType.MULTI:
        rows.append([button(t("q-done"), cb("done"))])
    nav = []
    if questionnaire.before(question.id, answers) is not None:
        nav.append(button(t("form-back"), cb("back")))
    if not question.required:
        nav.append(button(t("form-skip"), cb("skip")))
    rows.append(nav)
    rows.append([button(t("q-to-review"), cb("review"))] if in_review else [button(t("q-pause"), cb("pause"))])
    return text, keyboard(*rows)


def _review_screen(
    t: Texts, questionnaire: Questionnaire, response: QuestionnaireResponse
) -> tuple[str, InlineKeyboardMarkup]:
    lines = []
    edit_buttons = []
    for number, question in enumerate(questionnaire.visible(response.answers), start=1):
        value = response.answers.get(question.id)
        if value is None:
            shown = t("q-review-missing") if question.required else t("q-review-skipped")
        else:
            shown = display(question, value)
            if len(shown) > REVIEW_ANSWER_LIMIT:
                shown = shown[: REVIEW_ANSWER_LIMIT - 1] + "…"
        lines.append(t("q-review-line", number=number, question=question.text, answer=shown))
        edit_buttons.append(
            button(f"✏ {number}", QCb(action="edit", rid=response.id, qi=_index(questionnaire, question)))
        )
    rows = [edit_buttons[i : i + 6] for i in range(0, len(edit_buttons), 6)]
    rows.append([button(t("q-submit"), QCb(action="submit", rid=response.id))])
    rows.append([button(t("q-pause"), QCb(action="pause", rid=response.id))])
    text = t("q-review", title=questionnaire.title, lines=Html("\n".join(lines)))
    return text, keyboard(*rows)


# -- moving through the questionnaire ------------------------------------------------------------------------
async def _ask(
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    questionnaire: Questionnaire,
    response: QuestionnaireResponse,
    question: Question,
    *,
    in_review: bool = False,
    notice: str | None = None,
) -> None:
    response.current_question = question.id
    await state.set_state(Answering.question)
    await state.update_data(rid=response.id, qid=question.id, mode="answer", review=in_review)
    text, markup = _question_screen(t, questionnaire, response, question, in_review)
    await send_prompt(bot, chat_id, state, f"{notice}\n\n{text}" if notice else text, markup)


async def _review(
    bot: Bot, chat_id: int, state: FSMContext, t: Texts, questionnaire: Questionnaire, response: QuestionnaireResponse
) -> None:
    response.current_question = None
    await state.set_state(Answering.question)
    await state.update_data(rid=response.id, qid=None, mode="review", review=True)
    text, markup = _review_screen(t, questionnaire, response)
    await send_prompt(bot, chat_id, state, text, markup)


async def _store(response: QuestionnaireResponse, questionnaire: Questionnaire, question: Question, value: Any) -> None:
    answers = dict(response.answers)
    if value is None:
        answers.pop(question.id, None)
    else:
        answers[question.id] = value
    skipped = [q for q in response.skipped if q != question.id]
    responses_repo.set_answers(response, questionnaire.clean(answers), skipped, question.id)


async def _advance(
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    questionnaire: Questionnaire,
    response: QuestionnaireResponse,
    question: Question,
    session: AsyncSession,
) -> None:
    data = await state.get_data()
    await session.commit()  # the answer is saved before anything else happens
    following = None if data.get("review") else questionnaire.after(question.id, response.answers)
    if following is None:
        await _review(bot, chat_id, state, t, questionnaire, response)
    else:
        await _ask(bot, chat_id, state, t, questionnaire, response, following)
    await session.commit()


async def questionnaire_access(
    session: AsyncSession, person: Person, code: str, campaign_id: int, mentorship_id: int
) -> tuple[int, int] | None:
    """Whether the person may fill this questionnaire, and in which capacity: (campaign, mentorship) ids, or
    None. Checked for every way in — the questionnaire's own button and any continuation another button
    carries (a consent given «then» this questionnaire), so a replayed button can't open someone else's."""
    invited = campaign_id != 0 and any(
        c.questionnaire_code == code and c.id == campaign_id
        for c in await campaigns_repo.open_invitations(session, person.id)
    )
    report_for = await _report_mentorship(session, person, code, mentorship_id) if mentorship_id else 0
    if mentorship_id and not report_for:
        return None
    if invited or report_for or SELF_SERVICE.get(code, frozenset()) & person.role_set:
        return (campaign_id if invited else 0), report_for
    return None


async def start_questionnaire(
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    session: AsyncSession,
    person: Person,
    organization: Organization,
    code: str,
    campaign_id: int,
    mentorship_id: int = 0,
) -> bool:
    """Open (or resume) the person's draft; the personal-data consent comes first (152-FZ). False (and
    nothing opened) when the person may not fill it."""
    from handlers.consents import ask_consent  # consents hand control back here: import at call time

    access = await questionnaire_access(session, person, code, campaign_id, mentorship_id)
    if access is None or await latest_definition(session, code) is None:
        await record_event(
            session,
            "access_denied",
            organization_id=person.organization_id,
            actor_person_id=person.id,
            data=f"questionnaire {code}.{campaign_id}.{mentorship_id}"[:64],
        )
        return False
    campaign_id, mentorship_id = access
    if ConsentKind.PERSONAL_DATA not in await active_consents(session, person.id):
        await ask_consent(
            bot,
            chat_id,
            t,
            session,
            person,
            organization,
            ConsentKind.PERSONAL_DATA,
            then=f"{code}.{campaign_id}.{mentorship_id}",
        )
        return True
    definition = await latest_definition(session, code)
    assert definition is not None
    questionnaire = questionnaire_of(definition)
    response = await responses_repo.open_draft(session, person, definition, campaign_id or None, mentorship_id or None)
    await session.commit()
    if response.current_question and response.current_question in {
        q.id for q in questionnaire.visible(response.answers)
    }:
        question = questionnaire.question(response.current_question)
        await _ask(bot, chat_id, state, t, questionnaire, response, question, notice=t("q-resumed"))
    elif response.answers and questionnaire.next_unanswered(response.answers, response.skipped) is None:
        await _review(bot, chat_id, state, t, questionnaire, response)
    else:
        question = questionnaire.next_unanswered(response.answers, response.skipped) or questionnaire.visible({})[0]
        intro = t("q-intro", title=questionnaire.title, intro=questionnaire.intro) if not response.answers else None
        await _ask(bot, chat_id, state, t, questionnaire, response, question, notice=intro)
    await session.commit()
    return True


@router.callback_query(QStart.filter())
async def open_questionnaire(
    query: CallbackQuery,
    callback_data: QStart,
    session: AsyncSession,
    t: Texts,
    person: Person,
    organization: Organization,
    state: FSMContext,
    bot: Bot,
) -> None:
    if await questionnaire_access(session, person, callback_data.code, callback_data.campaign, callback_data.m) is None:
        await record_event(
            session, "access_denied", organization_id=person.organization_id, actor_person_id=person.id, data=query.data
        )
        await query.answer(t("denied"), show_alert=True)
        return
    await query.answer()
    await start_questionnaire(
        bot,
        query.from_user.id,
        state,
        t,
        session,
        person,
        organization,
        callback_data.code,
        callback_data.campaign,
        mentorship_id=callback_data.m,
    )


async def _report_mentorship(session: AsyncSession, person: Person, code: str, mentorship_id: int) -> int:
    """The mentorship id when the person may write this end-of-mentorship report (3.6), else 0."""
    from db.repositories.mentorships import get_in_organization

    mentorship = await get_in_organization(session, person.organization_id, mentorship_id)
    if mentorship is None or mentorship.status != Status.COMPLETED:
        return 0
    if person.id == mentorship.mentor_id and code == REPORTS["mentor"]:
        return mentorship.id
    if any(m.mentee_id == person.id for m in mentorship.members) and code == REPORTS["mentee"]:
        return mentorship.id
    return 0


# -- answers -----------------------------------------------------------------------------------------------
async def _load(
    session: AsyncSession, person: Person, response_id: int
) -> tuple[QuestionnaireResponse, Questionnaire] | None:
    response = await responses_repo.own_draft(session, person.id, response_id)
    if response is None:
        return None
    return response, questionnaire_of(await responses_repo.definition(session, response.definition_id))


@router.message(Answering.question, F.text, ~F.text.startswith("/"))
async def typed_answer(
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, person: Person, bot: Bot
) -> None:
    data = await state.get_data()
    loaded = await _load(session, person, int(data.get("rid", 0)))
    if loaded is None:
        await state.clear()
        await message.answer(t("q-closed"))
        return
    response, questionnaire = loaded
    if data.get("mode") == "review" or not data.get("qid"):
        await message.answer(t("q-review-hint"))
        return
    question = questionnaire.question(data["qid"])
    try:
        if data.get("mode") == "other":
            other = parse_other(question, message.text)
            if question.type is QuestionType.MULTI:
                kept = [v for v in response.answers.get(question.id, []) if not isinstance(v, dict)]
                await _store(response, questionnaire, question, [*kept, other])
                await session.commit()
                await _ask(
                    bot,
                    message.chat.id,
                    state,
                    t,
                    questionnaire,
                    response,
                    question,
                    in_review=data.get("review", False),
                )
                return
            await _store(response, questionnaire, question, other)
        elif question.type in TYPED:
            await _store(response, questionnaire, question, parse_typed(question, message.text))
        else:
            await message.answer(t("input-use-buttons"))
            return
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    await _advance(bot, message.chat.id, state, t, questionnaire, response, question, session)


@router.message(Answering.question, ~F.text)
async def wrong_content(message: Message, t: Texts) -> None:
    await message.answer(t("input-need-text"))


@router.callback_query(QCb.filter())
async def pressed(
    query: CallbackQuery,
    callback_data: QCb,
    state: FSMContext,
    session: AsyncSession,
    t: Texts,
    person: Person,
    bot: Bot,
    actor: Actor,
) -> None:
    loaded = await _load(session, person, callback_data.rid)
    if loaded is None:
        await query.answer(t("q-closed"), show_alert=True)
        return
    response, questionnaire = loaded
    chat_id = query.from_user.id
    action = callback_data.action
    data = await state.get_data()
    in_review = bool(data.get("review"))

    if action == "pause":
        await query.answer(t("q-paused-short"))
        await state.clear()
        await bot.send_message(chat_id, t("q-paused"))
        await send_main_menu(bot, chat_id, t, person)
        return
    if action == "review":
        await query.answer()
        await _review(bot, chat_id, state, t, questionnaire, response)
        return
    if action == "edit":
        if not 0 <= callback_data.qi < len(questionnaire.questions):
            await query.answer(t("q-stale"), show_alert=True)
            return
        question = questionnaire.questions[callback_data.qi]
        if question not in questionnaire.visible(response.answers):
            await query.answer(t("q-stale"), show_alert=True)
            return
        await query.answer()
        await _ask(bot, chat_id, state, t, questionnaire, response, question, in_review=True)
        return
    if action == "submit":
        missing = questionnaire.missing_required(response.answers)
        if missing:
            numbers = [str(questionnaire.position(q.id, response.answers)[0]) for q in missing]
            await query.answer(t("q-missing", numbers=", ".join(numbers)), show_alert=True)
            return
        await query.answer()
        await show_in_place(
            query,
            t("q-submit-confirm", title=questionnaire.title),
            keyboard(
                [button(t("q-submit-yes"), QCb(action="send", rid=response.id))],
                [button(t("q-to-review"), QCb(action="review", rid=response.id))],
            ),
        )
        return
    if action == "send":
        await _submit(query, response, questionnaire, state, session, t, actor, bot)
        return

    # Everything else acts on the current question only: an older question's buttons are stale.
    current = response.current_question
    if (
        current is None
        or not 0 <= callback_data.qi < len(questionnaire.questions)
        or questionnaire.questions[callback_data.qi].id != current
    ):
        await query.answer(t("q-stale"), show_alert=True)
        return
    question = questionnaire.questions[callback_data.qi]
    try:
        if action == "opt" and question.type is QuestionType.SINGLE:
            await _store(response, questionnaire, question, choose_single(question, callback_data.v))
        elif action == "tick" and question.type is QuestionType.MULTI:
            chosen = toggle_multi(question, response.answers.get(question.id), callback_data.v)
            await _store(response, questionnaire, question, chosen or None)
            await session.commit()
            await query.answer()
            text, markup = _question_screen(t, questionnaire, response, question, in_review)
            await show_in_place(query, text, markup)
            return
        elif action == "done" and question.type is QuestionType.MULTI:
            if question.required and not response.answers.get(question.id):
                await query.answer(t("q-choose-one"), show_alert=True)
                return
        elif action == "scale" and question.type is QuestionType.SCALE:
            await _store(response, questionnaire, question, scale_value(question, callback_data.v))
        elif action == "yn" and question.type is QuestionType.YESNO and callback_data.v in (0, 1):
            await _store(response, questionnaire, question, bool(callback_data.v))
        elif action == "other" and question.allow_other:
            await state.update_data(mode="other")
            await query.answer()
            await bot.send_message(chat_id, t("q-other-prompt", label=question.other_label))
            return
        elif action == "skip" and not question.required:
            await _store(response, questionnaire, question, None)
            responses_repo.set_answers(response, response.answers, [*response.skipped, question.id], question.id)
        elif action == "back":
            previous = questionnaire.before(question.id, response.answers)
            await query.answer()
            if previous is not None:
                await _ask(bot, chat_id, state, t, questionnaire, response, previous, in_review=in_review)
            return
        else:
            await query.answer(t("q-stale"), show_alert=True)
            return
    except InputError as error:
        await query.answer(input_error_text(t, error), show_alert=True)
        return
    await query.answer()
    await _advance(bot, chat_id, state, t, questionnaire, response, question, session)


async def _submit(
    query: CallbackQuery,
    response: QuestionnaireResponse,
    questionnaire: Questionnaire,
    state: FSMContext,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    bot: Bot,
) -> None:
    person = actor.person
    if questionnaire.missing_required(response.answers) or not await responses_repo.submit(session, response):
        await query.answer(t("q-closed"), show_alert=True)
        return
    await record_event(
        session,
        "questionnaire_submitted",
        organization_id=person.organization_id,
        actor_person_id=person.id,
        response_id=response.id,
        code=questionnaire.code,
    )
    bank = BANK_OF.get(questionnaire.code)
    consents = await active_consents(session, person.id)
    if bank is not None:
        from db.repositories.banks import row_of

        row = await row_of(session, person.organization_id, bank[0], person.id)
        if row is None or row.status in (MenteeStatus.ARCHIVED.value,):
            await set_status(session, person, bank[0], bank[1], None)
    await session.commit()
    await state.clear()
    await query.answer(t("q-sent-short"))
    if questionnaire.code in REPORTS.values():  # 3.6: an end-of-mentorship report goes to the curator
        await show_in_place(query, t("report-sent"), None)
        await deliver(bot, session, t, await report_submitted(session, actor, response))
    else:
        await show_in_place(query, t("q-sent", title=questionnaire.title), None)
    if bank is not None and bank[2] not in consents:
        from handlers.callbacks import ConsentCb

        await bot.send_message(
            query.from_user.id,
            t(f"q-after-{questionnaire.code}"),
            reply_markup=keyboard([button(t("consent-give-button"), ConsentCb(action="ask", kind=bank[2].value))]),
        )
    await send_main_menu(bot, query.from_user.id, t, person)
