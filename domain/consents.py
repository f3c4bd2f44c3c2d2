"""Consents the regulation and 152-FZ require. Each is a separate document (156-FZ of 24.06.2025)."""

from enum import StrEnum

from domain.roles import Role


class ConsentKind(StrEnum):
    PERSONAL_DATA = "personal_data"  # 152-FZ art. 9: before any questionnaire
    MENTOR = "mentor"  # 3.2, 3.7: written consent of the person appointed mentor
    MENTEE = "mentee"  # 3.7: written consent of the mentee
    PUBLICATION = "publication"  # 8: results published on the school's site, only after completion


def relevant_consents(roles: frozenset[Role]) -> list[ConsentKind]:
    """Which consents a person may be asked for, in the order they are offered."""
    kinds = [ConsentKind.PERSONAL_DATA]
    if Role.MENTEE in roles:
        kinds.append(ConsentKind.MENTEE)
    if Role.MENTOR in roles:
        kinds.append(ConsentKind.MENTOR)
    if roles & {Role.MENTOR, Role.MENTEE}:
        kinds.append(ConsentKind.PUBLICATION)
    return kinds
