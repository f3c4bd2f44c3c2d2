"""Russian grammar for texts and documents: a person's name and a phrase (the school's name, a position) in
the case a sentence needs — «Куратору Литвиной Татьяне Викторовне», «программа для Петровой Марии Сергеевны»,
«в МБОУ гимназии «Интеллект»».

Names: pytrovich (the Petrovich rules, made for Russian surnames, first names and patronymics, with gender
from the patronymic or the name): it declines «Литвина» → «Литвиной», where a general dictionary
(pymorphy3) takes «Литвина» for the genitive of «Литвин» and leaves it as is.
Phrases: pymorphy3 (the OpenCorpora dictionary): the nouns and adjectives of a phrase agree with its head
noun; quoted parts («Интеллект»), abbreviations (МБОУ) and anything in Latin letters stay as they are.
"""

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3
    from pytrovich.maker import PetrovichDeclinationMaker

CASES = ("nom", "gen", "dat", "acc", "ins", "pre")
_OPENCORPORA = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "pre": "loct"}


@cache
def _maker() -> "PetrovichDeclinationMaker":
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@cache
def _morph() -> "pymorphy3.MorphAnalyzer":
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _is_initials(word: str) -> bool:
    return re.fullmatch(r"(?:[А-ЯЁ]\.\s?){1,2}", word) is not None


def _gender(parts: list[str]) -> str:
    """female | male | androgynous, from the patronymic, else the first name, else the surname."""
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.enums import Gender

    if len(parts) >= 3 and not _is_initials(parts[2]):
        if parts[2].endswith(("вна", "чна", "кызы", "гызы")):
            return "female"
        if parts[2].endswith(("ич", "оглы", "улы")):
            return "male"
    detector = PetrovichGenderDetector()
    first = parts[1] if len(parts) >= 2 and not _is_initials(parts[1]) else None
    try:
        gender = detector.detect(firstname=first, lastname=parts[0])
    except (KeyError, ValueError):
        gender = Gender.ANDROGYNOUS
    return {Gender.FEMALE: "female", Gender.MALE: "male"}.get(gender, "androgynous")


def decline_name(full_name: str, case: str) -> str:
    """«Фамилия Имя Отчество» or «Фамилия И. О.» in the given case (nom, gen, dat, acc, ins, pre)."""
    if case == "nom" or not full_name.strip():
        return full_name
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    from pytrovich.enums import Case, Gender, NamePart

    text = re.sub(r"([А-ЯЁ]\.)\s*(?=[А-ЯЁ]\.)", r"\1 ", full_name.strip())
    words = text.split()
    # «Литвина Т. В.»: the initials are one part
    parts = [words[0]]
    rest = words[1:]
    if rest and all(_is_initials(w) for w in rest):
        parts.append(" ".join(rest))
    else:
        parts.extend(rest)
    gender = {"female": Gender.FEMALE, "male": Gender.MALE}.get(_gender(parts), Gender.ANDROGYNOUS)
    petrovich_case = {
        "gen": Case.GENITIVE,
        "dat": Case.DATIVE,
        "acc": Case.ACCUSATIVE,
        "ins": Case.INSTRUMENTAL,
        "pre": Case.PREPOSITIONAL,
    }[case]
    roles = (NamePart.LASTNAME, NamePart.FIRSTNAME, NamePart.MIDDLENAME)
    declined = []
    for index, part in enumerate(parts):
        if index > 2 or _is_initials(part) or not re.fullmatch(r"[А-ЯЁа-яё-]+", part):
            declined.append(part)
            continue
        try:
            declined.append(_maker().make(roles[index], gender, petrovich_case, part))
        except (KeyError, ValueError, IndexError):
            declined.append(part)
    return " ".join(declined)


def decline_phrase(phrase: str, case: str) -> str:
    """A noun phrase («МБОУ гимназия «Интеллект»», «учитель математики») in the given case: the words before
    the first noun-in-nominative that heads the phrase, and that noun, are declined; the rest (a genitive
    complement, a quoted name, an abbreviation) is kept."""
    if case == "nom" or not phrase.strip():
        return phrase
    grammeme = _OPENCORPORA[case]
    out: list[str] = []
    head_done = False
    in_quotes = False
    for token in re.split(r"(\s+)", phrase):
        if not token or token.isspace():
            out.append(token)
            continue
        opens, closes = token.count("«") + token.count('"'), token.count("»")
        keep = head_done or token.startswith(("«", '"')) or token.isupper()
        if in_quotes or keep or not re.fullmatch(r"[а-яё-]+", token.lower()):
            out.append(token)
            in_quotes = (in_quotes or opens > 0) and closes < max(opens, 1)
            continue
        parse = next(
            (p for p in _morph().parse(token) if p.tag.case == "nomn" and {"NOUN", "ADJF", "PRTF"} & {p.tag.POS}),
            None,
        )
        if parse is None:
            out.append(token)
            continue
        inflected = parse.inflect({grammeme})
        word = inflected.word if inflected else token
        out.append(word[0].upper() + word[1:] if token[0].isupper() else word)
        head_done = parse.tag.POS == "NOUN"
    return "".join(out)
