"""The questionnaire engine's rules: definitions (validated on load), which questions are visible,
how a typed or pressed answer becomes a stored value, what is still missing. No I/O: definitions come in
as plain dicts (from YAML files), answers as JSON values.

Stored answer values by question type:
  single   "option" | {"other": "text"}       multi   ["a", "b"] (+ {"other": "text"} as the last item)
  text     "text"                             number  int
  scale    1..5                               date    "2026-09-01"
  yesno    true | false
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from domain.dates import format_date, parse_date
from domain.roles import Role
from domain.validation import InputError, clean_text, whole_years

MAX_OPTIONS = 16
OTHER = "__other__"


class ResponseStatus(StrEnum):
    """One filling of a questionnaire: a draft answered question by question, then submitted — and never
    changed again (filling it anew makes the next attempt)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


# Who may fill which questionnaire on their own (road map, stages 2–3: the needs of those who need a mentor,
# the competences of would-be mentors); anyone else only when a campaign invites them, and the reports of
# 3.6 only by the participants of a completed mentorship.
SELF_SERVICE: Mapping[str, frozenset[Role]] = {
    "mentee_needs": frozenset({Role.MENTEE}),
    "mentor_survey": frozenset({Role.MENTOR}),
}


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    TEXT = "text"
    NUMBER = "number"
    SCALE = "scale"
    DATE = "date"
    YESNO = "yesno"


# Types answered by typing (the others by buttons; "other" options also take a typed text).
TYPED = frozenset({QuestionType.TEXT, QuestionType.NUMBER, QuestionType.DATE})


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    """Show the question only when an earlier answer is one of `values` (for multi: contains one)."""

    question: str
    values: tuple[Any, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        answer = answers.get(self.question)
        if answer is None:
            return False
        if isinstance(answer, list):
            return any(item in self.values for item in answer)
        return answer in self.values


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: str
    required: bool = True
    hint: str | None = None
    short: str = ""  # a short label for cards, lists and table columns («Направления поддержки»)
    options: tuple[Option, ...] = ()
    allow_other: bool = False
    other_label: str = "Другое"
    min_length: int = 1
    max_length: int = 1000
    minimum: int = 0
    maximum: int = 1000
    max_choices: int | None = None
    show_if: Condition | None = None

    @property
    def label(self) -> str:
        """What a card or a table column calls this question: its short label, else its text."""
        return self.short or self.text

    def option_label(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value


@dataclass(frozen=True)
class Questionnaire:
    code: str
    version: int
    title: str
    intro: str
    questions: tuple[Question, ...]
    audience: tuple[str, ...] = ()  # roles it is meant for, informative
    purpose: str = ""

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def visible(self, answers: Mapping[str, Any]) -> list[Question]:
        return [q for q in self.questions if q.show_if is None or q.show_if.holds(answers)]

    @property
    def total(self) -> int:
        """«из 12»: the questions everybody answers. A follow-up shown only after some answer is numbered
        under the question before it, so the total (and every other number) stays as it was when it
        appears or hides."""
        return sum(1 for q in self.questions if q.show_if is None)

    def number(self, question_id: str) -> str:
        """«11» for the eleventh question everybody answers; «11.1» for the follow-up shown after it, as a
        paper questionnaire numbers «если да, укажите…»."""
        base = sub = 0
        for question in self.questions:
            if question.show_if is None:
                base, sub = base + 1, 0
            else:
                sub += 1
            if question.id == question_id:
                return str(base) if question.show_if is None else f"{base}.{sub}"
        raise KeyError(question_id)

    def next_unanswered(self, answers: Mapping[str, Any], skipped: Sequence[str] = ()) -> Question | None:
        for question in self.visible(answers):
            if question.id not in answers and question.id not in skipped:
                return question
        return None

    def after(self, question_id: str, answers: Mapping[str, Any]) -> Question | None:
        visible = self.visible(answers)
        ids = [q.id for q in visible]
        if question_id not in ids:
            return self.next_unanswered(answers)
        index = ids.index(question_id)
        return visible[index + 1] if index + 1 < len(visible) else None

    def before(self, question_id: str, answers: Mapping[str, Any]) -> Question | None:
        visible = self.visible(answers)
        ids = [q.id for q in visible]
        if question_id not in ids:
            return None
        index = ids.index(question_id)
        return visible[index - 1] if index > 0 else None

    def missing_required(self, answers: Mapping[str, Any]) -> list[Question]:
        return [q for q in self.visible(answers) if q.required and q.id not in answers]

    def clean(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Only the answers of questions that are visible now (a changed answer can hide others)."""
        visible = {q.id for q in self.visible(answers)}
        return {k: v for k, v in answers.items() if k in visible}


# -- loading and validating definitions ----------------------------------------------------------------
def _condition(raw: Any, known: list[str], where: str) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "question" not in raw:
        raise DefinitionError(f"{where}: show_if needs 'question' and 'in'")
    if raw["question"] not in known:
        raise DefinitionError(f"{where}: show_if refers to {raw['question']!r}, which is not an earlier question")
    values = raw.get("in", raw.get("equals"))
    values = tuple(values) if isinstance(values, list) else (values,)
    return Condition(str(raw["question"]), values)


def parse_definition(raw: Mapping[str, Any]) -> Questionnaire:
    for key in ("code", "version", "title", "questions"):
        if key not in raw:
            raise DefinitionError(f"definition has no {key!r}")
    seen: list[str] = []
    questions: list[Question] = []
    for index, item in enumerate(raw["questions"], start=1):
        where = f"{raw['code']} question {index}"
        if not isinstance(item, dict) or "id" not in item or "type" not in item or "text" not in item:
            raise DefinitionError(f"{where}: needs id, type and text")
        qid = str(item["id"])
        if qid in seen:
            raise DefinitionError(f"{where}: duplicate id {qid!r}")
        try:
            qtype = QuestionType(item["type"])
        except ValueError as exc:
            raise DefinitionError(f"{where}: unknown type {item['type']!r}") from exc
        for option in item.get("options", []):
            # An unquoted comma in a YAML flow mapping silently turns the label's tail into a key.
            if isinstance(option, dict) and set(option) != {"value", "label"}:
                raise DefinitionError(f"{where}: an option needs exactly 'value' and 'label', got {sorted(option)}")
        options = tuple(
            Option(str(o["value"]), str(o["label"])) if isinstance(o, dict) else Option(str(o), str(o))
            for o in item.get("options", [])
        )
        if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
            if not options:
                raise DefinitionError(f"{where}: a choice question needs options")
            if len(options) > MAX_OPTIONS:
                raise DefinitionError(f"{where}: at most {MAX_OPTIONS} options")
            if len({o.value for o in options}) != len(options) or any(o.value == OTHER for o in options):
                raise DefinitionError(f"{where}: option values must be unique")
        elif options:
            raise DefinitionError(f"{where}: only choice questions have options")
        question = Question(
            id=qid,
            type=qtype,
            text=str(item["text"]),
            required=bool(item.get("required", True)),
            hint=item.get("hint"),
            short=str(item.get("short", "")),
            options=options,
            allow_other=bool(item.get("allow_other", False)),
            other_label=str(item.get("other_label", "Другое")),
            min_length=int(item.get("min_length", 1)),
            max_length=int(item.get("max_length", 1000)),
            minimum=int(item.get("min", 1 if qtype is QuestionType.SCALE else 0)),
            maximum=int(item.get("max", 5 if qtype is QuestionType.SCALE else 1000)),
            max_choices=item.get("max_choices"),
            show_if=_condition(item.get("show_if"), seen, where),
        )
        if question.min_length > question.max_length or question.minimum > question.maximum:
            raise DefinitionError(f"{where}: limits are reversed")
        seen.append(qid)
        questions.append(question)
    if not questions:
        raise DefinitionError(f"{raw['code']}: no questions")
    return Questionnaire(
        code=str(raw["code"]),
        version=int(raw["version"]),
        title=str(raw["title"]),
        intro=str(raw.get("intro", "")),
        questions=tuple(questions),
        audience=tuple(raw.get("audience", ())),
        purpose=str(raw.get("purpose", "")),
    )


# -- answers ------------------------------------------------------------------------------------------
def parse_typed(question: Question, text: str | None) -> Any:
    """A typed answer to a text, number or date question (or the text of an "other" option)."""
    if question.type is QuestionType.TEXT:
        return clean_text(text, min_len=question.min_length, max_len=question.max_length)
    if question.type is QuestionType.NUMBER:
        value = (text or "").strip().replace(" ", "")
        years = whole_years(text)  # «5 лет» wherever стаж is asked
        if years is None and not value.lstrip("-").isdigit():
            raise InputError("bad-integer", {"min": question.minimum, "max": question.maximum})
        number = int(value) if years is None else years
        if not question.minimum <= number <= question.maximum:
            raise InputError("bad-integer", {"min": question.minimum, "max": question.maximum})
        return number
    if question.type is QuestionType.DATE:
        return parse_date(text).isoformat()
    raise InputError("use-buttons")


def parse_other(question: Question, text: str | None) -> dict[str, str]:
    return {"other": clean_text(text, min_len=2, max_len=300)}


def choose_single(question: Question, index: int) -> str:
    if not 0 <= index < len(question.options):
        raise InputError("bad-option")
    return question.options[index].value


def toggle_multi(question: Question, current: list[Any] | None, index: int) -> list[Any]:
    if not 0 <= index < len(question.options):
        raise InputError("bad-option")
    value = question.options[index].value
    chosen = [v for v in (current or []) if not isinstance(v, dict)]
    others = [v for v in (current or []) if isinstance(v, dict)]
    if value in chosen:
        chosen.remove(value)
    else:
        if question.max_choices and len(chosen) + len(others) >= question.max_choices:
            raise InputError("too-many-choices", {"max": question.max_choices})
        chosen.append(value)
    # keep the definition's order, "other" last
    ordered = [o.value for o in question.options if o.value in chosen]
    return ordered + others


def scale_value(question: Question, value: int) -> int:
    if not question.minimum <= value <= question.maximum:
        raise InputError("bad-option")
    return value


def display(question: Question, value: Any) -> str:
    """An answer as a person reads it on the review screen or in an export."""
    if value is None:
        return "—"
    if isinstance(value, dict) and "other" in value:
        return f"{question.other_label}: {value['other']}"
    if question.type is QuestionType.SINGLE:
        return question.option_label(str(value))
    if question.type is QuestionType.MULTI:
        return "; ".join(display(question, v) if isinstance(v, dict) else question.option_label(v) for v in value)
    if question.type is QuestionType.YESNO:
        return "да" if value else "нет"
    if question.type is QuestionType.DATE:
        return format_date(date.fromisoformat(value))
    return str(value)


@dataclass
class Progress:
    answered: int
    total: int
    missing: list[str] = field(default_factory=list)


def progress(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Progress:
    """«5 из 12»: answered among the questions everybody answers (the same total as «вопрос N из 12»)."""
    answered = sum(1 for q in questionnaire.questions if q.show_if is None and q.id in answers)
    return Progress(answered, questionnaire.total, [q.id for q in questionnaire.missing_required(answers)])


def statistical_value(question: Question, value: Any) -> Any | None:
    """After a personal-data consent is withdrawn, only closed answers stay (they identify nobody):
    no free text, no dates, no "other: …" texts. None: drop the answer."""
    if question.type in (QuestionType.TEXT, QuestionType.DATE) or isinstance(value, dict):
        return None
    if isinstance(value, list):
        closed = [item for item in value if not isinstance(item, dict)]
        return closed or None
    return value
