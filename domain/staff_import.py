"""Validation of an uploaded staff list (ФИО, должность, предметы, дата допуска к работе, стаж, роль).

The reading of .xlsx/.csv files lives in documents/; this module only maps headers and checks rows,
so that bad rows are reported by their line and good rows kept.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.dates import parse_date
from domain.roles import CURATOR_GRANTABLE, Role, parse_role_word
from domain.validation import (
    InputError,
    clean_full_name,
    clean_position,
    clean_subjects,
    parse_experience_years,
)

MAX_ROWS = 500

# field -> header spellings a school may use (compared lower-case, without punctuation)
_HEADERS: dict[str, tuple[str, ...]] = {
    "full_name": ("фио", "фамилия имя отчество", "ф и о", "сотрудник", "педагог"),
    "position": ("должность",),
    "subjects": ("предметы", "предмет", "преподаваемые предметы"),
    "work_start_date": (
        "дата фактического допуска к работе",
        "дата допуска к работе",
        "дата допуска",
        "дата начала работы",
        "дата приема",
        "дата приёма",
    ),
    "experience_years": ("стаж", "педагогический стаж", "стаж лет", "стаж (лет)"),
    "roles": ("роль", "роли"),
}
REQUIRED_FIELDS = ("full_name", "position")


def _normalize_header(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.lower())
    return " ".join(cleaned.split())


_LOOKUP = {_normalize_header(h): name for name, spellings in _HEADERS.items() for h in spellings}


@dataclass(frozen=True)
class StaffRow:
    line: int
    full_name: str
    position: str
    subjects: str | None = None
    work_start_date: date | None = None
    experience_years: int | None = None
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str  # the field name, or "row"/"header"
    code: str  # InputError code: "missing", "bad-date", "duplicate", …


@dataclass
class ImportResult:
    rows: list[StaffRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})


def map_headers(header: Sequence[str | None]) -> dict[int, str]:
    """Column index -> field name, for the columns we recognise."""
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        name = _LOOKUP.get(_normalize_header(title or ""))
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping


def _parse_roles(text: str) -> tuple[Role, ...]:
    roles: list[Role] = []
    for word in text.replace(";", ",").split(","):
        if not word.strip():
            continue
        role = parse_role_word(word)
        if role is None:
            raise InputError("bad-role")
        if role not in CURATOR_GRANTABLE:  # director, curator, department: by order (3.3–3.5), not by a list
            raise InputError("reserved-role")
        if role not in roles:
            roles.append(role)
    return tuple(roles)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_row(line: int, cells: dict[str, object], problems: list[RowProblem]) -> StaffRow | None:
    values: dict[str, object] = {}
    parsers = {
        "full_name": clean_full_name,
        "position": clean_position,
        "subjects": clean_subjects,
        "work_start_date": lambda text: parse_date(text),
        "experience_years": parse_experience_years,
        "roles": _parse_roles,
    }
    ok = True
    for name, parse in parsers.items():
        raw = cells.get(name)
        if isinstance(raw, date) and name == "work_start_date":
            values[name] = raw.date() if isinstance(raw, datetime) else raw  # a spreadsheet's date cell
            continue
        text = _cell_text(raw)
        if not text:
            if name in REQUIRED_FIELDS:
                problems.append(RowProblem(line, name, "missing"))
                ok = False
            continue
        try:
            values[name] = parse(text)
        except InputError as error:
            problems.append(RowProblem(line, name, error.code))
            ok = False
    if not ok:
        return None
    return StaffRow(line=line, **values)  # type: ignore[arg-type]


def validate_staff_table(rows: Iterable[Sequence[object]]) -> ImportResult:
    """rows: the header first, then data rows; line numbers are 1-based as in a spreadsheet."""
    result = ImportResult()
    iterator = iter(rows)
    header = next(iterator, None)
    mapping = map_headers([_cell_text(h) for h in header or ()])
    missing = [name for name in REQUIRED_FIELDS if name not in mapping.values()]
    if missing:
        result.problems.extend(RowProblem(1, name, "no-column") for name in missing)
        return result
    seen: set[str] = set()
    for line, row in enumerate(iterator, start=2):
        cells = {name: row[index] for index, name in mapping.items() if index < len(row)}
        if not any(_cell_text(v) for v in cells.values()):
            continue  # blank lines are not errors
        if line - 1 > MAX_ROWS:
            result.problems.append(RowProblem(line, "row", "too-many-rows"))
            break
        staff = _check_row(line, cells, result.problems)
        if staff is None:
            continue
        key = staff.full_name.lower()
        if key in seen:
            result.problems.append(RowProblem(line, "full_name", "duplicate"))
            continue
        seen.add(key)
        result.rows.append(staff)
    return result
