"""Roles of the mentorship system (DESIGN.md "Who uses it"; regulation 3.4–3.6)."""

from enum import StrEnum


class Role(StrEnum):
    DIRECTOR = "director"  # руководитель ОО, 3.4
    CURATOR = "curator"  # куратор, 3.5
    MENTOR = "mentor"  # наставник, 4
    MENTEE = "mentee"  # наставляемый, 5
    COUNCIL = "council"  # методическое объединение наставников, 3.6
    DEPARTMENT = "department"  # управление образования, 3.3


# Roles a curator may grant when approving an access request or adding staff.
# Director and curator are appointed by order (3.4, 3.5), department staff by the municipality (3.3):
# those are granted by invite from the command line, not from the chat.
CURATOR_GRANTABLE: tuple[Role, ...] = (Role.MENTEE, Role.MENTOR, Role.COUNCIL)
# Appointed by an order (3.3–3.5): never from the chat or an uploaded list.
BY_ORDER: tuple[Role, ...] = (Role.DIRECTOR, Role.CURATOR, Role.DEPARTMENT)


def curator_may_grant(role: str | Role) -> Role | None:
    """The role if a curator may grant or take it away in the chat or by a list (3.3–3.5), else None."""
    try:
        parsed = Role(role)
    except ValueError:
        return None
    return parsed if parsed in CURATOR_GRANTABLE else None


# Words a staff list may use in its "роль" column.
_ROLE_WORDS: dict[str, Role] = {
    "директор": Role.DIRECTOR,
    "руководитель": Role.DIRECTOR,
    "куратор": Role.CURATOR,
    "наставник": Role.MENTOR,
    "наставляемый": Role.MENTEE,
    "наставляемая": Role.MENTEE,
    "мо": Role.COUNCIL,
    "методическое объединение": Role.COUNCIL,
    "совет": Role.COUNCIL,
    "управление образования": Role.DEPARTMENT,
}


def parse_role_word(word: str) -> Role | None:
    """A role from its code ("mentor") or a Russian word ("наставник")."""
    normalized = " ".join(word.strip().lower().split())
    if not normalized:
        return None
    try:
        return Role(normalized)
    except ValueError:
        return _ROLE_WORDS.get(normalized)
