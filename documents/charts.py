"""Charts as PNG images (matplotlib with the Agg backend: it draws to memory with no display, ships the
DejaVu fonts that carry Cyrillic, and is the library schools' analysts know)."""

import io
from collections.abc import Mapping, Sequence
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from domain.indicators import INVOLVEMENT_TARGET, DeadlineTally

BLUE, GREEN, ORANGE, RED, GREY = "#2f5d8a", "#3c8d4f", "#e0a030", "#c0392b", "#b0b7bf"


@cache
def _pyplot() -> ModuleType:
    """matplotlib takes about a second to import: only when a chart is drawn, not when the bot starts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(figure: "Figure") -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=110)
    _pyplot().close(figure)
    return buffer.getvalue()


def _figure(width: float = 8, height: float = 4.2) -> tuple["Figure", Any]:
    figure, axes = _pyplot().subplots(figsize=(width, height))
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def bars(title: str, values: Sequence[tuple[str, int]]) -> bytes:
    """Horizontal bars with the figure at each bar's end."""
    figure, axes = _figure(8, 1.2 + 0.55 * max(len(values), 1))
    labels = [label for label, _ in values][::-1]
    numbers = [number for _, number in values][::-1]
    bars_ = axes.barh(labels, numbers, color=BLUE)
    axes.bar_label(bars_, padding=3)
    axes.set_title(title, loc="left", fontsize=11)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def deadlines(rows: Sequence[tuple[str, DeadlineTally]]) -> bytes:
    """Stacked bars: in time, late, overdue now, still in time."""
    figure, axes = _figure(8, 3.6)
    labels = [label for label, _ in rows][::-1]
    tallies = [t for _, t in rows][::-1]
    left = [0] * len(rows)
    for name, attr, color in (
        ("в срок", "met", GREEN),
        ("с опозданием", "late", ORANGE),
        ("просрочено", "overdue", RED),
        ("срок не наступил", "pending", GREY),
    ):
        values = [getattr(t, attr) for t in tallies]
        drawn = axes.barh(labels, values, left=left, color=color, label=name)
        axes.bar_label(drawn, labels=[str(v) if v else "" for v in values], label_type="center", color="white")
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_title("Соблюдение сроков Положения", loc="left", fontsize=11)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def involvement(involved: int, staff: int) -> bytes:
    """The share of staff involved against the national target of 70 %."""
    figure, axes = _figure(8, 2.2)
    value = 100 * involved / staff if staff else 0.0
    axes.barh(["Вовлечено"], [100], color="#e8ecf0")
    axes.barh(["Вовлечено"], [value], color=GREEN if value >= INVOLVEMENT_TARGET else ORANGE)
    axes.axvline(INVOLVEMENT_TARGET, color=RED, linestyle="--")
    axes.text(INVOLVEMENT_TARGET + 1, 0.3, f"цель {INVOLVEMENT_TARGET} %", color=RED, fontsize=9)
    axes.text(min(value, 88) + 1, -0.1, f"{value:.1f} % ({involved} из {staff})", fontsize=10)
    axes.set_xlim(0, 100)
    axes.set_title("Доля педагогов, вовлечённых в наставничество", loc="left", fontsize=11)
    return _png(figure)


def load(distribution: Mapping[int, int], maximum: int) -> bytes:
    """How many mentors have 1, 2, 3 … mentees now (3.7: no more than three)."""
    figure, axes = _figure(6, 3.2)
    keys = list(range(1, max([maximum, *distribution]) + 1))
    values = [distribution.get(k, 0) for k in keys]
    colors = [RED if k > maximum else (ORANGE if k == maximum else BLUE) for k in keys]
    drawn = axes.bar([str(k) for k in keys], values, color=colors)
    axes.bar_label(drawn, padding=2)
    axes.set_xlabel("наставляемых у наставника сейчас")
    axes.set_ylabel("наставников")
    axes.set_title(f"Нагрузка наставников (не более {maximum}, п. 3.7)", loc="left", fontsize=11)
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def involvement_by_school(rows: Sequence[tuple[str, float]]) -> bytes:
    """The department's comparison of its schools (3.3), no names of people."""
    figure, axes = _figure(8, 1.4 + 0.5 * max(len(rows), 1))
    labels = [name for name, _ in rows][::-1]
    values = [value for _, value in rows][::-1]
    drawn = axes.barh(labels, values, color=[GREEN if v >= INVOLVEMENT_TARGET else ORANGE for v in values])
    axes.bar_label(drawn, labels=[f"{v:.1f} %" for v in values], padding=3)
    axes.axvline(INVOLVEMENT_TARGET, color=RED, linestyle="--")
    axes.set_xlim(0, 110)
    axes.set_title("Доля педагогов, вовлечённых в наставничество, по школам", loc="left", fontsize=11)
    return _png(figure)
