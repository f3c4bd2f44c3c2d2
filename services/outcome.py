"""What a use case returns and how it says no: front-end neutral (no Telegram types)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from db.models import Organization, Person
from domain.roles import Role
from domain.rules import OrgRules

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """Who acts, in which school, under which rules, at which moment (one clock for the whole request)."""

    person: Person
    organization: Organization
    rules: OrgRules
    tz: ZoneInfo
    now: datetime

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()

    def has(self, *roles: Role) -> bool:
        return bool(set(roles) & self.person.role_set)


@dataclass(frozen=True)
class Open:
    """Where a notice's button leads: a target the front end maps to its own button (handlers/notifier.py)."""

    target: str  # pair | programme | approvals | assign_mentor | invite | report | questionnaire | staff_card | …
    id: int = 0
    label: str = ""  # a text key for the button; empty: the target's usual label


@dataclass(frozen=True)
class Term:
    """An argument of a notice or a refusal that is itself a text key (a form's name, a 3.8 reason): the front end
    renders it in the reader's language before the text it goes into."""

    key: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    caption_key: str = ""


@dataclass(frozen=True)
class Notice:
    """A message to one person: a text key with its arguments, buttons, maybe a file."""

    person_id: int
    key: str
    args: Mapping[str, Any] = field(default_factory=dict)
    buttons: tuple[Open, ...] = ()
    attachment: Attachment | None = None


@dataclass
class Outcome(Generic[T]):
    value: T
    notices: list[Notice] = field(default_factory=list)


class Refused(Exception):
    """A rule of the regulation, or access, says no; nothing was changed. `key` (with `params`) is the text to
    show the actor."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = args
