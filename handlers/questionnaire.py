"""Filling a questionnaire: one question at a time («вопрос 3 из 12», a follow-up «11.1»), buttons for choices
(ticks and «Готово» for several), typed answers for text, numbers and dates, «Другое: впишите», back, skip for
optional questions, a review screen where any answer can be changed, and a submit after confirmation. The rules
— who may fill what, the consent first, answers saved at once, a submitted response never changed — are in
services/questionnaires.py."""

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dates import format_date
from domain.questionnaire import Questionnaire, QuestionType, display
from domain.validation import InputError
from handlers.callbacks import ConsentCb, MenuCb, QCb, QStart
from handlers.filters import IsLinked
from handlers.forms import input_error_text
from handlers.keyboards import button, keyboard
from handlers.notifier import deliver
from handlers.prompts import send_prompt
from handlers.steps.consent import ask_consent, record
from handlers.steps.screens import back_to_menu, send_main_menu, show_in_place
from locales import Html, Texts
from services import questionnaires
from services.outcome import Actor, Refused
from services.questionnaires import ConsentFirst, Given, Go, Screen

router = Router(name="questionnaire")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())

REVIEW_ANSWER_LIMIT = 160
# A pressed button → what it answers (the value travels as the option's index, checked by the domain).
PRESSED: dict[str, Given] = {
    "opt": Given.OPTION,
    "tick": Given.TICK,
    "done": Given.DONE,
    "scale": Given.SCALE,
    "yn": Given.YESNO,
    "skip": Given.SKIP,
}


class Answering(StatesGroup):
    question = State()


# -- the list of questionnaires ---------------------------------------------------------------------------
@router.callback_query(MenuCb.filter(F.action == "forms"))
async def forms_list(query: CallbackQuery, session: AsyncSession, t: Texts, actor: Actor) -> None:
    rows = []
    for entry in await questionnaires.available(session, actor):
        if entry.draft is not None:
            label = t("q-list-continue", title=entry.title, done=entry.draft.answered, total=entry.draft.total)
        elif entry.submitted_on is not None:
            label = t("q-list-again", title=entry.title, date=format_date(entry.submitted_on))
        else:
            label = t("q-list-new", title=entry.title)
        rows.append([button(label, QStart(code=entry.code, campaign=entry.campaign_id))])
    await query.answer()
    text = t("q-list") if rows else t("q-list-empty")
    await show_in_place(query, text, keyboard(*rows, back_to_menu(t)))


# -- rendering ---------------------------------------------------------------------------------------------
def _question_screen(t: Texts, screen: Screen, in_review: bool) -> tuple[str, InlineKeyboardMarkup]:
    questionnaire, response, question = screen.questionnaire, screen.response, screen.question
    assert question is not None
    answers = response.answers
    qi = questionnaire.questions.index(question)
    current = answers.get(question.id)
    extra: list[str] = [t("q-hint", hint=question.hint)] if question.hint else []
    extra.append(t(f"q-how-{question.type}", min=question.minimum, max=question.maximum, limit=question.max_length))
    if not question.required:
        extra.append(t("form-optional"))
    if current is not None:
        extra.append(t("form-current", value=display(question, current)))
    text = t(
        "q-question",
        title=questionnaire.title,
        number=questionnaire.number(question.id),
        total=questionnaire.total,
        text=question.text,
        extra=Html("\n".join(extra)),
    )

    def cb(action: str, v: int = -1) -> QCb:
        return QCb(action=action, rid=response.id, qi=qi, v=v)

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


def _review_screen(t: Texts, questionnaire: Questionnaire, screen: Screen) -> tuple[str, InlineKeyboardMarkup]:
    response = screen.response
    lines, edit_buttons = [], []
    for question in questionnaire.visible(response.answers):
        number = questionnaire.number(question.id)
        value = response.answers.get(question.id)
        if value is None:
            shown = t("q-review-missing") if question.required else t("q-review-skipped")
        else:
            shown = Html(t("plain", value=_shorten(display(question, value))))
        lines.append(t("q-review-line", number=number, question=question.text, answer=shown))
        qi = questionnaire.questions.index(question)
        edit_buttons.append(button(f"✏ {number}", QCb(action="edit", rid=response.id, qi=qi)))
    rows = [edit_buttons[i : i + 6] for i in range(0, len(edit_buttons), 6)]
    rows.append([button(t("q-submit"), QCb(action="submit", rid=response.id))])
    rows.append([button(t("q-pause"), QCb(action="pause", rid=response.id))])
    text = t("q-review", title=questionnaire.title, lines=Html("\n".join(lines)))
    return text, keyboard(*rows)


def _shorten(text: str) -> str:
    return text if len(text) <= REVIEW_ANSWER_LIMIT else text[: REVIEW_ANSWER_LIMIT - 1] + "…"


async def _show(
    bot: Bot, chat_id: int, state: FSMContext, t: Texts, screen: Screen, *, in_review: bool, notice: str = ""
) -> None:
    """The next step as a new message (the previous one loses its buttons): a question or the review."""
    await state.set_state(Answering.question)
    if screen.question is None:
        await state.update_data(rid=screen.response.id, qid=None, qi=-1, mode="review", review=True)
        text, markup = _review_screen(t, screen.questionnaire, screen)
    else:
        qi = screen.questionnaire.questions.index(screen.question)
        await state.update_data(rid=screen.response.id, qid=screen.question.id, qi=qi, mode="answer", review=in_review)
        text, markup = _question_screen(t, screen, in_review)
    await send_prompt(bot, chat_id, state, f"{notice}\n\n{text}" if notice else text, markup)


# -- the way in --------------------------------------------------------------------------------------------
async def _open(
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    session: AsyncSession,
    actor: Actor,
    code: str,
    campaign_id: int,
    mentorship_id: int,
) -> None:
    """Open or resume; the personal-data consent first. Raises Refused when the person may not fill it."""
    outcome = await questionnaires.open_questionnaire(session, actor, code, campaign_id, mentorship_id)
    opened = outcome.value
    if isinstance(opened, ConsentFirst):
        await ask_consent(bot, chat_id, t, session, actor.person, actor.organization, opened.kind, then=opened.then)
        return
    notice = ""
    if opened.opening == "intro":
        notice = t("q-intro", title=opened.questionnaire.title, intro=opened.questionnaire.intro)
    elif opened.opening == "resumed":
        notice = t("q-resumed")
    await _show(bot, chat_id, state, t, opened, in_review=False, notice=notice)


@router.callback_query(QStart.filter())
async def open_questionnaire(
    query: CallbackQuery,
    callback_data: QStart,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    try:
        await questionnaires.access(session, actor, callback_data.code, callback_data.campaign, callback_data.m)
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    await _open(
        bot, query.from_user.id, state, t, session, actor, callback_data.code, callback_data.campaign, callback_data.m
    )


def _int_or_zero(value: str) -> int:
    return int(value) if value.isdigit() and len(value) <= 9 else 0


@router.callback_query(ConsentCb.filter((F.action == "give") & (F.then != "")))
async def consent_then_questionnaire(
    query: CallbackQuery,
    callback_data: ConsentCb,
    session: AsyncSession,
    t: Texts,
    actor: Actor,
    state: FSMContext,
    bot: Bot,
) -> None:
    """«Даю согласие» that carries the questionnaire to continue with: the consent is the presser's own; the
    questionnaire is authorized again as if its own button were pressed."""
    if not await record(query, callback_data, session, t, actor, bot):
        return
    code, campaign, mentorship = [*callback_data.then.split("."), "0", "0"][:3]
    try:
        await _open(
            bot, query.from_user.id, state, t, session, actor, code, _int_or_zero(campaign), _int_or_zero(mentorship)
        )
    except Refused as refusal:
        await bot.send_message(query.from_user.id, t(refusal.key, **refusal.params))


# -- answers -----------------------------------------------------------------------------------------------
@router.message(Answering.question, F.text, ~F.text.startswith("/"))
async def typed_answer(
    message: Message, state: FSMContext, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    data = await state.get_data()
    if data.get("mode") == "review" or not data.get("qid"):
        await message.answer(t("q-review-hint"))
        return
    given = Given.OTHER if data.get("mode") == "other" else Given.TYPED
    review = bool(data.get("review"))
    try:
        outcome = await questionnaires.answer(
            session,
            actor,
            int(data.get("rid", 0)),
            data.get("qi", data.get("qid", "")),
            given,
            text=message.text or "",
            in_review=review,
        )
    except InputError as error:
        await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
        return
    except Refused as refusal:
        if refusal.key == "q-closed":
            await state.clear()
        await message.answer(t(refusal.key, **refusal.params))
        return
    await _show(bot, message.chat.id, state, t, outcome.value, in_review=review)


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
    actor: Actor,
    bot: Bot,
) -> None:
    chat_id = query.from_user.id
    action, rid, qi = callback_data.action, callback_data.rid, callback_data.qi
    in_review = bool((await state.get_data()).get("review"))
    try:
        if action == "pause":
            await query.answer(t("q-paused-short"))
            await state.clear()
            await bot.send_message(chat_id, t("q-paused"))
            await send_main_menu(bot, chat_id, t, actor.person)
            return
        if action in ("review", "edit", "back", "stay"):
            to = {"review": Go.REVIEW, "edit": Go.EDIT, "back": Go.BACK, "stay": Go.CURRENT}[action]
            outcome = await questionnaires.go(session, actor, rid, to, qi)
            await query.answer()
            await _show(bot, chat_id, state, t, outcome.value, in_review=in_review or to is Go.EDIT)
            return
        if action == "other":
            screen = (await questionnaires.go(session, actor, rid, Go.CURRENT, qi)).value
            assert screen.question is not None
            if not screen.question.allow_other:
                raise Refused("q-stale")
            await state.update_data(mode="other", qi=qi)
            await query.answer()
            await bot.send_message(
                chat_id,
                t("q-other-prompt", label=screen.question.other_label),
                reply_markup=keyboard([button(t("q-other-back"), QCb(action="stay", rid=rid, qi=qi))]),
            )
            return
        if action == "submit":
            ready = await questionnaires.ready_to_submit(session, actor, rid)
            await query.answer()
            await show_in_place(
                query,
                t("q-submit-confirm", title=ready.questionnaire.title),
                keyboard(
                    [button(t("q-submit-yes"), QCb(action="send", rid=rid))],
                    [button(t("q-to-review"), QCb(action="review", rid=rid))],
                ),
            )
            return
        if action == "send":
            await _submit(query, rid, state, session, t, actor, bot)
            return
        given = PRESSED.get(action)
        if given is None:
            raise Refused("q-stale")
        outcome = await questionnaires.answer(session, actor, rid, qi, given, callback_data.v, in_review=in_review)
    except InputError as error:
        await query.answer(input_error_text(t, error), show_alert=True)
        return
    except Refused as refusal:
        await query.answer(t(refusal.key, **refusal.params), show_alert=True)
        return
    await query.answer()
    if given is Given.TICK:  # a tick changes the same message in place
        text, markup = _question_screen(t, outcome.value, in_review)
        await show_in_place(query, text, markup)
        return
    await _show(bot, chat_id, state, t, outcome.value, in_review=in_review)


async def _submit(
    query: CallbackQuery, rid: int, state: FSMContext, session: AsyncSession, t: Texts, actor: Actor, bot: Bot
) -> None:
    outcome = await questionnaires.submit(session, actor, rid)
    submitted = outcome.value
    await state.clear()
    await query.answer(t("q-sent-short"))
    await show_in_place(query, t("q-sent-report" if submitted.report else "q-sent"), None)
    if submitted.consent_needed is not None:
        await bot.send_message(
            query.from_user.id,
            t(f"q-after-{submitted.code}"),
            reply_markup=keyboard(
                [button(t("consent-give-button"), ConsentCb(action="ask", kind=submitted.consent_needed.value))]
            ),
        )
    await deliver(bot, session, t, outcome.notices)
    await send_main_menu(bot, query.from_user.id, t, actor.person)
