"""The website section «Наставничество» (8.1): what it holds and who may appear in it.

8.1: the section holds the programmes being run, the banks of mentors and mentees, the best cases, the federal,
regional and local normative base, methodical recommendations, news and announcements.
8.2: a programme's results are published only after its completion.
152-FZ and consents/consents.yaml (kind "publication"): a person appears only with an active publication
consent, and only with minimal data: name, position, area.
"""

from dataclasses import dataclass
from enum import StrEnum

from domain.consents import ConsentKind


class DocumentLevel(StrEnum):
    FEDERAL = "federal"
    REGIONAL = "regional"
    SCHOOL = "school"


@dataclass(frozen=True)
class NormativeDocument:
    level: DocumentLevel
    title: str
    url: str | None = None


# The federal base every school's section lists.
FEDERAL_DOCUMENTS: tuple[NormativeDocument, ...] = (
    NormativeDocument(
        DocumentLevel.FEDERAL,
        "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        "http://www.consultant.ru/document/cons_doc_LAW_140174/",
    ),
    NormativeDocument(
        DocumentLevel.FEDERAL,
        "Распоряжение Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) "
        "наставничества обучающихся…»",
    ),
    NormativeDocument(
        DocumentLevel.FEDERAL,
        "Письмо Минпросвещения России от 21.12.2021 № АЗ-1128/08 «О направлении методических рекомендаций» "
        "(методические рекомендации по разработке и внедрению системы (целевой модели) наставничества "
        "педагогических работников в образовательных организациях)",
    ),
    NormativeDocument(
        DocumentLevel.FEDERAL,
        "Распоряжение Правительства Российской Федерации от 21.05.2025 № 1264-р «Об утверждении Концепции "
        "развития наставничества в Российской Федерации на период до 2030 года»",
    ),
    NormativeDocument(
        DocumentLevel.FEDERAL,
        "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»",
    ),
)

PUBLICATION_CONSENT = ConsentKind.PUBLICATION


def may_appear(consents: set[ConsentKind] | frozenset[ConsentKind], anonymized: bool) -> bool:
    """A person is named on the site only with an active publication consent and personal data not withdrawn."""
    return PUBLICATION_CONSENT in consents and ConsentKind.PERSONAL_DATA in consents and not anonymized


def results_public(status: str) -> bool:
    """8.2: results only after completion."""
    return status == "completed"
