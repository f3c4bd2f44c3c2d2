"""The full list behind the curator's daily digest, as a spreadsheet: the message shows the counts and the
most urgent items, the file has every one of them (a large school has hundreds)."""

from collections.abc import Callable, Mapping

from documents.tables import table_xlsx
from domain.digest import Digest


def digest_file_name(digest: Digest) -> str:
    return f"Сводка сроков {digest.today:%d.%m.%Y}.xlsx"


def digest_xlsx(digest: Digest, kind_labels: Mapping[str, str], state: Callable[[int], str]) -> bytes:
    """`kind_labels`: what each kind of deadline is called; `state(days_left)`: «просрочено на 3 дня»…
    Dates as schools write them (ДД.ММ.ГГГГ); the days column sorts the list by urgency."""
    several = digest.schools > 1
    header = ["№", *(["Школа"] if several else []), "Что", "Кто / о чём", "Срок", "Дней до срока", "Состояние"]
    rows = [
        [
            number,
            *([item.school] if several else []),
            kind_labels.get(item.kind, item.kind),
            item.name,
            f"{item.due:%d.%m.%Y}",
            item.days_left(digest.today),
            state(item.days_left(digest.today)),
        ]
        for number, item in enumerate(digest.items, start=1)
    ]
    return table_xlsx(f"Сроки на {digest.today:%d.%m.%Y}", header, rows)
