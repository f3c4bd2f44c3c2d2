from datetime import date

import pytest

from db.registry import load_consent_file, load_questionnaire_files
from domain.banks import mentor_assignment_deadline, missing_for_mentor_approval
from domain.consents import ConsentKind, relevant_consents
from domain.questionnaire import (
    DefinitionError,
    QuestionType,
    choose_single,
    display,
    parse_definition,
    parse_other,
    parse_typed,
    progress,
    statistical_value,
    toggle_multi,
)
from domain.roles import Role
from domain.rules import OrgRules
from domain.school_year import is_new_hire, school_year_of, yearly_refresh_due
from domain.validation import InputError

SMALL = {
    "code": "demo",
    "version": 1,
    "title": "Демо",
    "questions": [
        {
            "id": "kind",
            "type": "single",
            "text": "Кто вы?",
            "options": [{"value": "a", "label": "А"}, "Б"],
            "allow_other": True,
        },
        {"id": "areas", "type": "multi", "text": "Где?", "options": ["x", "y", "z"], "max_choices": 2},
        {"id": "why", "type": "text", "text": "Почему?", "min_length": 3, "max_length": 20, "required": False},
        {"id": "age", "type": "number", "text": "Сколько?", "min": 1, "max": 10},
        {"id": "mark", "type": "scale", "text": "Оценка"},
        {"id": "when", "type": "date", "text": "Когда?"},
        {"id": "more", "type": "yesno", "text": "Ещё?"},
        {"id": "detail", "type": "text", "text": "Подробнее", "show_if": {"question": "more", "in": [True]}},
    ],
}


@pytest.fixture
def questionnaire():  # type: ignore[no-untyped-def]
    return parse_definition(SMALL)


def test_the_regulations_questionnaires_load_and_cover_every_type() -> None:
    loaded = {q.code: q for q, _ in load_questionnaire_files()}
    assert set(loaded) == {"mentee_needs", "mentor_survey", "mentor_report", "mentee_report"}
    # 3.6: the mentor's report carries recommendations; the mentee's evaluates the mentor
    assert loaded["mentor_report"].question("recommendations").required
    assert loaded["mentee_report"].question("rating_comment").show_if is not None
    types = {question.type for q in loaded.values() for question in q.questions}
    assert types == set(QuestionType)
    needs = loaded["mentee_needs"]
    # 3.6 need areas and the digital environment of 2.2
    assert {"subject", "methods", "upbringing", "organisation", "psychology", "digital"} <= {
        o.value for o in needs.question("need_areas").options
    }
    assert len(needs.question("forms").options) == 8  # the forms of 2.3 that fit a pair or group
    capacity = loaded["mentor_survey"].question("capacity")
    assert [o.value for o in capacity.options] == ["1", "2", "3"]  # 3.7: at most three


def test_consent_texts_carry_what_152_fz_asks() -> None:
    texts = {t.kind: t for t in load_consent_file()}
    assert set(texts) == set(ConsentKind)
    personal = texts[ConsentKind.PERSONAL_DATA].text
    for element in ("Цель обработки", "Перечень данных", "Действия с данными", "Срок действия", "Отзыв"):
        assert element in personal
    assert "оператору — {school_dat}" in personal
    # the school's name declined as the sentence needs it: «в МБОУ гимназии «Интеллект»»
    assert "в {short_pre}" in texts[ConsentKind.MENTEE].text and "в {short_pre}" in texts[ConsentKind.MENTOR].text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"].append(dict(d["questions"][0])), "duplicate"),
        (lambda d: d["questions"][0].update(type="slider"), "unknown type"),
        (lambda d: d["questions"][3].update(options=["a"]), "only choice"),
        (lambda d: d["questions"][1].update(options=[]), "needs options"),
        (lambda d: d["questions"][0].update(show_if={"question": "detail", "in": [1]}), "not an earlier"),
        (
            lambda d: d["questions"][0]["options"].__setitem__(0, {"value": "a", "label": "А", "руководство": None}),
            "exactly",
        ),
    ],
)
def test_bad_definitions_are_refused(change, message) -> None:  # type: ignore[no-untyped-def]
    import copy

    broken = copy.deepcopy(SMALL)
    change(broken)
    with pytest.raises(DefinitionError, match=message):
        parse_definition(broken)


def test_conditional_questions_and_numbering(questionnaire) -> None:  # type: ignore[no-untyped-def]
    # «вопрос 7 из 7»; the follow-up is «7.1 из 7»: no number and no total moves as it appears or hides
    assert (questionnaire.number("more"), questionnaire.total) == ("7", 7)
    answers = {"more": True}
    assert questionnaire.number("detail") == "7.1"
    assert questionnaire.after("more", answers).id == "detail"
    assert questionnaire.after("more", {"more": False}) is None
    assert questionnaire.before("age", {}).id == "why"
    # a changed answer hides the question again and drops its answer
    assert questionnaire.clean({"more": False, "detail": "x"}) == {"more": False}
    assert [q.id for q in questionnaire.missing_required({"kind": "a"})] == ["areas", "age", "mark", "when", "more"]


def test_typed_answers(questionnaire) -> None:  # type: ignore[no-untyped-def]
    assert parse_typed(questionnaire.question("age"), " 7 ") == 7
    assert parse_typed(questionnaire.question("when"), "1 сентября 2026") == "2026-09-01"
    for bad in ("много", "0", "11", "-3"):
        with pytest.raises(InputError):
            parse_typed(questionnaire.question("age"), bad)
    with pytest.raises(InputError) as error:
        parse_typed(questionnaire.question("why"), "ж" * 10_000)
    assert error.value.code == "too-long"
    with pytest.raises(InputError):
        parse_typed(questionnaire.question("kind"), "А")  # a choice is made with buttons


def test_choices(questionnaire) -> None:  # type: ignore[no-untyped-def]
    kind, areas = questionnaire.question("kind"), questionnaire.question("areas")
    assert choose_single(kind, 1) == "Б"
    with pytest.raises(InputError):
        choose_single(kind, 7)  # a forged index
    chosen = toggle_multi(areas, None, 2)
    chosen = toggle_multi(areas, chosen, 0)
    assert chosen == ["x", "z"]  # the definition's order
    with pytest.raises(InputError):
        toggle_multi(areas, chosen, 1)  # max_choices 2
    assert toggle_multi(areas, chosen, 0) == ["z"]
    assert parse_other(kind, "  Завуч ") == {"other": "Завуч"}


def test_display_and_statistics(questionnaire) -> None:  # type: ignore[no-untyped-def]
    q = questionnaire.question
    assert display(q("kind"), "a") == "А"
    assert display(q("kind"), {"other": "Завуч"}) == "Другое: Завуч"
    assert display(q("areas"), ["x", "z"]) == "x; z"
    assert display(q("when"), "2026-09-01") == "01.09.2026"
    assert display(q("more"), True) == "да"
    assert statistical_value(q("why"), "личное") is None
    assert statistical_value(q("kind"), {"other": "Завуч"}) is None
    assert statistical_value(q("areas"), ["x", {"other": "y"}]) == ["x"]
    assert statistical_value(q("mark"), 4) == 4
    state = progress(questionnaire, {"kind": "a", "more": True, "detail": "x"})
    assert (state.answered, state.total) == (2, 7)  # the same «из 7» as the questions say


def test_school_year_and_deadlines() -> None:
    assert school_year_of(date(2026, 9, 1)) == 2026
    assert school_year_of(date(2027, 8, 31)) == 2026
    assert is_new_hire(date(2026, 9, 1), date(2026, 11, 24))
    assert not is_new_hire(date(2026, 8, 31), date(2026, 11, 24))
    assert yearly_refresh_due(date(2026, 9, 1), {2025})
    assert not yearly_refresh_due(date(2027, 5, 1), {2026})
    # 3.7: 30 calendar days after the actual start of work
    assert mentor_assignment_deadline(date(2026, 9, 1), OrgRules()) == date(2026, 10, 1)


def test_consents_a_person_is_asked_for() -> None:
    assert relevant_consents(frozenset()) == [ConsentKind.PERSONAL_DATA]
    assert ConsentKind.MENTOR in relevant_consents(frozenset(), frozenset({"mentor_survey"}))
    assert relevant_consents(frozenset({Role.MENTEE})) == [
        ConsentKind.PERSONAL_DATA,
        ConsentKind.MENTEE,
        ConsentKind.PUBLICATION,
    ]
    # 3.2, 3.7: a mentor only with their written consent
    assert missing_for_mentor_approval({ConsentKind.PERSONAL_DATA}) == [ConsentKind.MENTOR]
    assert missing_for_mentor_approval({ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR}) == []
