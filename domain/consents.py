"""Consents the regulation and 152-FZ require. Each is a separate document (156-FZ of 24.06.2025)."""

from enum import StrEnum

from domain.roles import Role


class ConsentKind(StrEnum):
    PERSONAL_DATA = "personal_data"  # 152-FZ art. 9: before any questionnaire
    MENTOR = "mentor"  # 3.2, 3.7: written consent of the person appointed mentor
    MENTEE = "mentee"  # 3.7: written consent of the mentee
    PUBLICATION = "publication"  # 8: results published on the school's site, only after completion


# What a consent text may say of the person and the school (consents/consents.yaml): the school's name as a
# sentence needs it — «оператору — {school_dat}», «в {short_pre}» → «в МБОУ гимназии «Интеллект»».
PLACEHOLDERS = ("name", "school", "school_dat", "short_gen", "short_pre", "city")

# A submitted questionnaire makes a person a candidate for a bank before any role is granted.
QUESTIONNAIRE_ROLE = {"mentee_needs": Role.MENTEE, "mentor_survey": Role.MENTOR}


def relevant_consents(roles: frozenset[Role], submitted: frozenset[str] = frozenset()) -> list[ConsentKind]:
    """Which consents a person may be asked for, in the order they are offered: by their roles and by
    the bank questionnaires they have submitted (a mentor candidate needs the mentor consent, 3.2)."""
    effective = roles | {QUESTIONNAIRE_ROLE[code] for code in submitted if code in QUESTIONNAIRE_ROLE}
    kinds = [ConsentKind.PERSONAL_DATA]
    if Role.MENTEE in effective:
        kinds.append(ConsentKind.MENTEE)
    if Role.MENTOR in effective:
        kinds.append(ConsentKind.MENTOR)
    if effective & {Role.MENTOR, Role.MENTEE}:
        kinds.append(ConsentKind.PUBLICATION)
    return kinds
