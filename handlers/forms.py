"""The one engine for step-by-step input: «Шаг 2 из 5», back, skip for optional fields, cancel on every step,
a review screen (where any field can be changed) and one submit. Every answer is stored in the FSM data
(Postgres) as soon as it is given, so a restart in the middle of a form resumes at the same step.

A flow declares its fields and a submit coroutine; `TextForm.register(router)` adds the handlers to the
flow's router, so they inherit that router's role filter. A field may offer ready answers as buttons
(`choices`) and a check against the form's context (`check`); a date field may offer a «Сегодня» button
(`date_field(..., today=True)`: the school's date at the moment of the press). A short form whose answers are
confirmed by the action that opened it (the number and date of an order) may skip the review screen
(`submit_on_last=True`): its last answer submits it. Every order of the bot — a pair, a replacement, a
completion — goes through one such form (handlers/pairs/approval.py).

On submit: `on_submit(query=…, values=…, extra=…, state=…, t=…, bot=…, **context)`; when the last answer
submits, it may be a typed message: `query` is None then, and `message` and `chat_id` are given.
"""

import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.dates import format_date, parse_date
from domain.validation import InputError, clean_text
from handlers.callbacks import FormNav
from handlers.keyboards import button, keyboard
from handlers.prompts import send_prompt
from locales import Html, Texts


@dataclass(frozen=True)
class FormField:
    key: str
    label: str  # locale key of the field's name on the review screen
    prompt: str  # locale key of the question
    parse: Callable[[str], Any]  # raises InputError; returns a JSON value
    show: Callable[[Any], str] = str
    optional: bool = False
    # Ready answers as buttons beside typing («Через 7 дней (22.09.2026)»): (label, value) from the form's extra.
    choices: Callable[[Texts, dict[str, Any]], Sequence[tuple[str, Any]]] | None = None
    # A check of the parsed value against the form's extra (e.g. «not before today»); raises InputError.
    check: Callable[[Any, dict[str, Any]], None] | None = None
    today: bool = False  # a date field with a «Сегодня» button
    # What the question quotes from the form's extra («в пределах срока наставничества: с { $start } по { $end }»).
    prompt_args: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def _show_date(value: str) -> str:
    return format_date(date.fromisoformat(value))


def date_field(key: str, label: str, prompt: str, *, optional: bool = False, today: bool = False) -> FormField:
    """A date typed as schools write it (01.09.2026, 1.9.26, «1 сентября 2026», 2026-09-01), kept as ISO in the
    FSM data; `today`: also a «Сегодня» button."""
    return FormField(
        key, label, prompt, lambda text: parse_date(text).isoformat(), show=_show_date, optional=optional, today=today
    )


def text_field(
    key: str, label: str, prompt: str, *, min_len: int = 3, max_len: int = 500, optional: bool = False
) -> FormField:
    return FormField(
        key, label, prompt, lambda text: clean_text(text, min_len=min_len, max_len=max_len), optional=optional
    )


Submit = Callable[..., Awaitable[None]]
Cancel = Callable[..., Awaitable[None]]


def input_error_text(t: Texts, error: InputError) -> str:
    return t(f"input-{error.code}", **error.params)


Review = Callable[[Texts, dict[str, Any], dict[str, Any]], str]


PICK = "pick"  # FormNav action prefix of a ready answer: pick0, pick1…


class TextForm:
    def __init__(
        self,
        name: str,
        state: State,
        fields: Sequence[FormField],
        *,
        title: str,
        on_submit: Submit,
        on_cancel: Cancel,
        review: Review | None = None,
        save_label: str = "form-save",
        submit_on_last: bool = False,
    ) -> None:
        self.name = name
        self.state = state
        self.fields = tuple(fields)
        self.title = title  # locale key of the form's title
        self.on_submit = on_submit
        self.on_cancel = on_cancel
        self.review = review  # the review screen's text from (values, extra), when the form has its own
        self.save_label = save_label  # locale key of the submit button
        self.submit_on_last = submit_on_last  # no review screen: the last answer submits the form

    # -- rendering -----------------------------------------------------------------------------------
    def _nav(
        self, t: Texts, step: int, extra: dict[str, Any] | None = None, today: str | None = None
    ) -> InlineKeyboardMarkup:
        nav = lambda action: FormNav(form=self.name, action=action)  # noqa: E731
        if step >= len(self.fields):
            # any field can be changed from the review: the field's step, then straight back here
            change = [[button(t("form-change", label=t(f.label)), nav(f"field{i}"))] for i, f in enumerate(self.fields)]
            return keyboard(
                [button(t(self.save_label), nav("save"))],
                *change,
                [button(t("form-back"), nav("back")), button(t("form-cancel"), nav("cancel"))],
            )
        row = [button(t("form-back"), nav("back"))] if step > 0 else []
        row.append(button(t("form-cancel"), nav("cancel")))
        skip = [button(t("form-skip"), nav("skip"))] if self.fields[step].optional else None
        field = self.fields[step]
        picks = field.choices(t, extra or {}) if field.choices else ()
        ready = [button(label, nav(f"{PICK}{i}")) for i, (label, _) in enumerate(picks)]
        if field.today and today:
            ready.insert(0, button(t("form-today", date=_show_date(today)), nav("today")))
        return keyboard(ready, skip, row)

    def _screen(self, t: Texts, step: int, values: dict[str, Any], context: dict[str, Any] | None = None) -> str:
        if step >= len(self.fields) and self.review is not None:
            return self.review(t, values, context or {})
        if step >= len(self.fields):
            lines = [
                t("form-review-line", label=t(f.label), value=f.show(values[f.key]) if f.key in values else None)
                for f in self.fields
            ]
            return t("form-review", title=t(self.title), lines=Html("\n".join(lines)))
        field = self.fields[step]
        extra = []
        if field.optional:
            extra.append(t("form-optional"))
        if values.get(field.key) is not None:
            extra.append(t("form-current", value=field.show(values[field.key])))
        return t(
            "form-step",
            title=t(self.title),
            step=step + 1,
            total=len(self.fields),
            prompt=Html(t(field.prompt, **(field.prompt_args(context or {}) if field.prompt_args else {}))),
            extra=Html("".join(f"\n{line}" for line in extra)),
        )

    async def _show(self, bot: Bot, chat_id: int, state: FSMContext, t: Texts, *, notice: str | None = None) -> None:
        data = await state.get_data()
        step, values, extra = data["step"], data["values"], data.get("extra", {})
        text = self._screen(t, step, values, extra)
        if notice:
            text = f"{notice}\n\n{text}"
        await send_prompt(bot, chat_id, state, text, self._nav(t, step, extra, data.get("today")))

    # -- entry point ---------------------------------------------------------------------------------
    async def start(
        self, bot: Bot, chat_id: int, state: FSMContext, t: Texts, *, today_button: date | None = None, **extra: Any
    ) -> None:
        """`today_button`: the school's date, shown on a «Сегодня» button (a press takes the date it is pressed)."""
        await state.set_state(self.state)
        await state.set_data(
            {
                "form": self.name,
                "step": 0,
                "values": {},
                "extra": extra,
                "prompt_id": None,
                "today": today_button.isoformat() if today_button else None,
            }
        )
        await self._show(bot, chat_id, state, t)

    async def edit(
        self, bot: Bot, chat_id: int, state: FSMContext, t: Texts, values: dict[str, Any], **extra: Any
    ) -> None:
        """Open the review screen with a record's current values (as the fields keep them: ISO dates, texts), to
        change one field or save as it is."""
        await state.set_state(self.state)
        kept = {f.key: values[f.key] for f in self.fields if values.get(f.key) is not None}
        step = len(self.fields)
        await state.set_data({"form": self.name, "step": step, "values": kept, "extra": extra, "prompt_id": None})
        await self._show(bot, chat_id, state, t)

    async def reopen(self, bot: Bot, chat_id: int, state: FSMContext, t: Texts, field_key: str, notice: str) -> None:
        """Back to one field with a message (a check only the submit can make, e.g. against the database)."""
        step = next(i for i, f in enumerate(self.fields) if f.key == field_key)
        await state.set_state(self.state)
        await state.update_data(step=step, correcting=True)
        await self._show(bot, chat_id, state, t, notice=notice)

    # -- handlers ------------------------------------------------------------------------------------
    def register(self, router: Router) -> None:
        # A slash command is never an answer: it leaves the form to its own handler (/menu, /cancel…).
        router.message.register(self._on_text, self.state, F.text, ~F.text.startswith("/"))
        router.message.register(self._on_other_content, self.state, ~F.text)
        router.callback_query.register(self._on_nav, FormNav.filter(F.form == self.name))

    async def _on_text(self, message: Message, state: FSMContext, t: Texts, bot: Bot, **context: Any) -> None:
        data = await state.get_data()
        step = data.get("step", 0)
        if step >= len(self.fields):
            await message.answer(t("form-review-hint", save=t(self.save_label)))
            return
        field = self.fields[step]
        try:
            value = field.parse(message.text or "")
            if field.check is not None:
                field.check(value, data.get("extra", {}))
        except InputError as error:
            await message.answer(input_error_text(t, error) + "\n\n" + t("form-try-again"))
            return
        await self._answered(bot, message.chat.id, state, t, data, value, context, message=message)

    async def _answered(
        self,
        bot: Bot,
        chat_id: int,
        state: FSMContext,
        t: Texts,
        data: dict[str, Any],
        value: Any,
        context: dict[str, Any],
        *,
        message: Message | None = None,
        query: CallbackQuery | None = None,
    ) -> None:
        step = data.get("step", 0)
        values = {**data["values"], self.fields[step].key: value}
        if self.submit_on_last and step + 1 >= len(self.fields):  # the last answer submits the form
            await state.update_data(values=values, step=len(self.fields))
            await _drop_prompt(bot, chat_id, data.get("prompt_id"))
            await self.on_submit(
                query=query, message=message, chat_id=chat_id, values=values, extra=data["extra"], state=state, t=t,
                bot=bot, **context,
            )  # fmt: skip
            return
        # A field reopened for one correction goes straight back to the review screen.
        await state.update_data(
            values=values, step=len(self.fields) if data.get("correcting") else step + 1, correcting=False
        )
        await self._show(bot, chat_id, state, t)

    async def _on_other_content(self, message: Message, t: Texts) -> None:
        await message.answer(t("input-need-text"))

    async def _on_nav(
        self, query: CallbackQuery, callback_data: FormNav, state: FSMContext, t: Texts, bot: Bot, **context: Any
    ) -> None:
        data = await state.get_data()
        if await state.get_state() != self.state.state or data.get("form") != self.name:
            await query.answer(t("form-closed"), show_alert=True)
            return
        step: int = data["step"]
        chat_id = query.message.chat.id if query.message else query.from_user.id
        action = callback_data.action
        if action == "cancel":
            await state.clear()
            await query.answer(t("form-cancelled"))
            await _drop_keyboard(query)
            await self.on_cancel(query=query, state=state, t=t, bot=bot, **context)
            return
        if action == "save" and step >= len(self.fields):
            values, extra = data["values"], data["extra"]
            await _drop_keyboard(query)
            await self.on_submit(query=query, values=values, extra=extra, state=state, t=t, bot=bot, **context)
            return
        if action.startswith(PICK) and step < len(self.fields) and self.fields[step].choices is not None:
            picks = self.fields[step].choices(t, data.get("extra", {}))  # type: ignore[misc]
            index = int(action.removeprefix(PICK)) if action.removeprefix(PICK).isdigit() else -1
            if not 0 <= index < len(picks):
                await query.answer(t("form-closed"), show_alert=True)
                return
            await query.answer()
            await self._answered(bot, chat_id, state, t, data, picks[index][1], context, query=query)
            return
        if action == "today" and step < len(self.fields) and self.fields[step].today:
            await query.answer()
            today: date = context["today"]
            await self._answered(bot, chat_id, state, t, data, today.isoformat(), context, query=query)
            return
        if action.startswith("field") and action[5:].isdigit() and int(action[5:]) < len(self.fields):
            await state.update_data(step=int(action[5:]), correcting=True)
        elif action == "back" and step > 0:
            await state.update_data(step=step - 1)
        elif action == "skip" and step < len(self.fields) and self.fields[step].optional:
            values = {k: v for k, v in data["values"].items() if k != self.fields[step].key}
            await state.update_data(values=values, step=step + 1)
        else:
            await query.answer(t("form-closed"), show_alert=True)
            return
        await query.answer()
        await self._show(bot, chat_id, state, t)


async def _drop_keyboard(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


async def _drop_prompt(bot: Bot, chat_id: int, message_id: int | None) -> None:
    """The last step's buttons would act on a form that is done."""
    if message_id:
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
