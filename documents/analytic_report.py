"""The annual analytic report on the mentorship system (3.5: «формирует итоговый аналитический отчёт о
реализации системы наставничества»), as a DOCX a deputy head hands over as it is and as an XLSX of the same
tables; and the department's comparison of its schools (3.3). The same tables feed both files."""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook

from documents.statistics_xlsx import Table, statistics_tables, write_tables
from domain.indicators import (
    INVOLVEMENT_TARGET,
    MENTEE_SCALES,
    Dashboard,
    DeadlineTally,
    Growth,
    QuestionSummary,
    Statistics,
)
from domain.mentorship import Form
from domain.rules import OrgRules
from domain.school_year import school_year_label

Labels = Callable[[str], str]


@dataclass(frozen=True)
class RoadmapLine:
    code: str
    stage: int
    stage_title: str
    title: str
    planned: str
    responsible: str
    done_on: date | None
    document: str | None


@dataclass(frozen=True)
class PracticeLine:
    title: str
    form: str
    area: str
    description: str


@dataclass(frozen=True)
class SchoolLine:
    name: str
    board: Dashboard


@dataclass
class AnnualReport:
    school: str
    short_name: str
    city: str
    year: int
    today: date
    rules: OrgRules
    board: Dashboard
    statistics: Statistics
    growth: Growth
    meetings: dict[str, int]
    roadmap: list[RoadmapLine]
    practices: list[PracticeLine]
    summaries: list[tuple[str, int, list[QuestionSummary]]]
    risks: list[tuple[str, dict[str, Any]]]
    conclusions: str | None
    tasks: str | None
    curator: str | None
    director: str | None
    short_name_pre: str = ""  # the short name in the prepositional case: «в МБОУ гимназии «Интеллект»»
    mentors_in_bank: int = 0
    council: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


RISKS = {
    "risk-involvement": "Доля педагогов, вовлечённых в наставничество, — {share} % при целевом значении {target} %.",
    "risk-assignment": "Наставник назначен позже 30 дней со дня допуска к работе или не назначен (п. 3.7): "
    "{missed} из {total}.",
    "risk-programme": "Персонализированная программа составлена позже 10 дней после приказа или не составлена "
    "(п. 3.6): {missed} из {total}.",
    "risk-report": "Отчёты по завершении наставничества сданы позже 10 дней или не сданы (п. 3.6): "
    "{missed} из {total}.",
    "risk-items": "Мероприятий программ с истёкшим сроком, не выполненных наставляемыми (п. 5.2): {count}.",
    "risk-load": "Наставников с предельной нагрузкой ({max} наставляемых, п. 3.7): {count} — резерв банка наставников "
    "исчерпывается.",
    "risk-ratings": "Оценок работы наставника «удовлетворительно» и ниже в отчётах наставляемых: {count}.",
    "risk-retention": "Молодых педагогов, участвовавших в наставничестве и уволившихся: {left}.",
    "risk-young": "Молодых педагогов (стаж до 3 лет): {count}, ни один не включён в наставничество.",
}
MEETING_FORMATS = {"in_person": "Очно", "online": "Онлайн", "phone": "По телефону", "chat": "В переписке"}
GROWTH_KINDS = {
    "course": "Курсы повышения квалификации",
    "competition": "Конкурсы профессионального мастерства",
    "certification": "Аттестация",
}
RATINGS = {
    "excellent": "Отлично",
    "good": "Хорошо",
    "satisfactory": "Удовлетворительно",
    "unsatisfactory": "Неудовлетворительно",
}
VERDICTS = {
    "ready": "Готов(а) работать самостоятельно",
    "ready_with_support": "Готов(а) при дальнейшей поддержке",
    "not_ready": "Пока не готов(а)",
}
FULFILMENT = {"full": "Полностью", "mostly": "В основном", "partly": "Частично", "not_done": "Не выполнен"}
SCALES = {
    "time_enough": "Хватало времени на общение с наставником",
    "theory_useful": "Полезность теоретических занятий и консультаций",
    "practice_useful": "Полезность практики",
    "settled": "Скорость освоения в школе",
    "ready_alone": "Готовность работать самостоятельно",
}
STATUSES = {
    "proposed": "Предложены куратором",
    "confirmed": "Согласованы участниками, ждут приказа",
    "returned": "Возвращены на доработку",
    "declined": "Отклонены участниками",
    "approved": "Утверждены приказом, реализуются",
    "completed": "Завершены",
}
PROGRAMME_STATUSES = {
    "none": "Не начата",
    "draft": "Черновик",
    "submitted": "Передана наставляемому",
    "acknowledged": "Наставляемый ознакомлен",
}


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def _deadline_row(name: str, tallied: DeadlineTally) -> list[object]:
    return [
        name,
        tallied.total,
        tallied.met,
        tallied.late,
        tallied.overdue,
        tallied.pending,
        pct(tallied.in_time_share),
    ]


# -- the tables of the report (shared by the DOCX and the XLSX) ----------------------------------------------------
def conditions_table(report: AnnualReport) -> Table:
    board = report.board
    return Table(
        "Кадровые условия и ресурсы",
        ("Показатель", "Значение"),
        [
            ("Педагогических и руководящих работников (активные сотрудники)", board.staff),
            ("Из них молодых педагогов (стаж 0–3 года)", board.young),
            ("Наставников в банке (роль «наставник»)", report.mentors_in_bank),
            ("Членов методического объединения наставников", report.council),
            ("Куратор реализации программ наставничества", report.curator or "не назначен"),
        ],
    )


def indicators_table(report: AnnualReport) -> Table:
    board = report.board
    return Table(
        "Показатели реализации системы наставничества",
        ("Показатель", "Количество", "Доля"),
        [
            ("Наставников в реализуемых и завершённых программах", board.mentors, "—"),
            ("Наставляемых в реализуемых и завершённых программах", board.mentees, "—"),
            ("Наставнических пар", board.pairs, "—"),
            ("Наставнических групп", board.groups, "—"),
            (
                f"Педагогов, вовлечённых в наставничество (цель — {INVOLVEMENT_TARGET} %)",
                board.involved,
                pct(board.involvement),
            ),
            ("Молодых педагогов, включённых в наставничество", board.young_mentees, pct(board.young_share)),
            (
                "Мероприятий программ, выполненных и проверенных наставником",
                board.items_accepted,
                pct(100 * board.items_accepted / board.items_total if board.items_total else None),
            ),
            ("Мероприятий программ всего", board.items_total, "—"),
        ],
    )


def forms_table(report: AnnualReport, labels: Labels) -> Table:
    rows: list[list[object]] = [
        [labels(f"form-{form}"), report.board.by_form.get(form.value, 0)]
        for form in Form
        if report.board.by_form.get(form.value)
    ]
    rows.append(["Всего", sum(report.board.by_form.values())])
    return Table("Пары и группы по формам наставничества (п. 2.3)", ("Форма", "Пар и групп"), rows)


def status_table(report: AnnualReport) -> Table:
    rows: list[list[object]] = [
        [title, report.board.by_status.get(status, 0)]
        for status, title in STATUSES.items()
        if report.board.by_status.get(status)
    ]
    rows.append(["Всего", sum(report.board.by_status.values())])
    return Table("Пары и группы учебного года по состоянию", ("Состояние", "Пар и групп"), rows)


def deadlines_table(report: AnnualReport) -> Table:
    board = report.board
    return Table(
        "Соблюдение сроков Положения",
        ("Срок", "Всего", "В срок", "С опозданием", "Просрочено", "Срок не наступил", "Доля в срок"),
        [
            _deadline_row("Наставник назначен не позднее 30 дней со дня допуска к работе (п. 3.7)", board.assignment),
            _deadline_row("Программа составлена не позднее 10 дней после приказа (п. 3.6)", board.programmes),
            _deadline_row("Отчёты сданы не позднее 10 дней по завершении (п. 3.6)", board.reports),
        ],
    )


def process_table(report: AnnualReport) -> Table:
    board = report.board
    rows: list[list[object]] = [
        ["Мероприятий программ всего", board.items_total],
        ["Выполнено и проверено наставником (п. 4.1)", board.items_accepted],
        ["Выполнено наставляемым, ждёт проверки", board.items_waiting],
        ["Срок истёк, не выполнено (п. 5.2)", board.items_overdue],
    ]
    rows += [[f"Встреч проведено: {MEETING_FORMATS.get(k, k).lower()}", v] for k, v in sorted(report.meetings.items())]
    rows.append(["Встреч проведено всего", sum(report.meetings.values())])
    rows += [
        [f"Программ в состоянии «{PROGRAMME_STATUSES.get(k, k)}»", v] for k, v in sorted(board.programme_status.items())
    ]
    return Table("Мероприятия программ и встречи", ("Показатель", "Количество"), rows)


def growth_table(report: AnnualReport) -> Table:
    grown = report.growth
    rows: list[list[object]] = [["Отчётов наставляемых (с оценкой наставника)", grown.mentee_reports, "—"]]
    total = sum(grown.ratings.values())
    rows += [
        [
            f"Оценка работы наставника: «{title}»",
            grown.ratings.get(key, 0),
            pct(100 * grown.ratings.get(key, 0) / total if total else None),
        ]
        for key, title in RATINGS.items()
    ]
    rows += [
        [f"{SCALES[key]} (средний балл из 5)", grown.scales[key], "—"] for key in MENTEE_SCALES if key in grown.scales
    ]
    rows.append(["Отчётов наставников", grown.mentor_reports, "—"])
    rows += [[f"План выполнен: «{title}»", grown.fulfilment.get(key, 0), "—"] for key, title in FULFILMENT.items()]
    rows += [[f"Вывод наставника: «{title}»", grown.verdicts.get(key, 0), "—"] for key, title in VERDICTS.items()]
    rows.append(
        ["Отчётов наставников с рекомендациями по профессиональному развитию (п. 3.6)", grown.recommendations, "—"]
    )
    rows.append(["Молодых педагогов — наставляемых учебного года", grown.young_mentees, "—"])
    rows.append(
        ["Из них продолжают работать в школе (закрепление в профессии)", grown.young_retained, pct(grown.retention)]
    )
    for kind, title in GROWTH_KINDS.items():
        rows.append(
            [f"{title}: участий / участников", grown.growth_events.get(kind, 0), grown.growth_people.get(kind, 0)]
        )
    return Table("Профессиональный рост участников", ("Показатель", "Значение", "Доля / человек"), rows)


def campaigns_table(report: AnnualReport, labels: Labels) -> Table:
    return Table(
        "Анкетирование",
        ("Анкета", "Срок", "Приглашено", "Заполнили", "Доля"),
        [
            [
                labels(f"qn-{c.questionnaire_code}"),
                f"{c.due_date:%d.%m.%Y}",
                c.invited,
                c.submitted,
                pct(100 * c.submitted / c.invited if c.invited else None),
            ]
            for c in report.board.campaigns
        ],
    )


def roadmap_table(report: AnnualReport) -> Table:
    return Table(
        "Выполнение дорожной карты",
        ("№", "Мероприятие", "Сроки", "Ответственный", "Отметка о выполнении"),
        [
            [
                line.code,
                line.title,
                line.planned,
                line.responsible,
                (f"выполнено {line.done_on:%d.%m.%Y}" + (f"; {line.document}" if line.document else ""))
                if line.done_on
                else "не выполнено",
            ]
            for line in report.roadmap
        ],
    )


def summary_tables(report: AnnualReport) -> list[Table]:
    tables = []
    for title, responses, summaries in report.summaries:
        rows: list[list[object]] = []
        for summary in summaries:
            average = f" (средний балл {summary.average:.2f})".replace(".", ",") if summary.average is not None else ""
            rows.append([f"{summary.question}{average}", "", summary.answered])
            rows += [[f"    {label}", count, ""] for label, count in summary.counts]
        tables.append(
            Table(f"«{title}»: ответов — {responses}", ("Вопрос / вариант ответа", "Выбрали", "Ответили"), rows)
        )
    return tables


def practices_table(report: AnnualReport) -> Table:
    return Table(
        "Банк лучших практик наставничества",
        ("Практика", "Форма", "Направление", "Описание"),
        [[p.title, p.form, p.area, p.description] for p in report.practices],
    )


def risk_lines(report: AnnualReport) -> list[str]:
    return [
        RISKS[key].format(**{k: (pct(v).removesuffix(" %") if isinstance(v, float) else v) for k, v in args.items()})
        for key, args in report.risks
    ]


# -- DOCX -----------------------------------------------------------------------------------------------------
def _set_widths(table: Any, widths: Sequence[float]) -> None:
    """Word reads the cells' widths, LibreOffice the table grid's: set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _widths(table: Table, total: float = 17.0) -> list[float]:
    """Column widths that fit the content: every column wide enough for its longest word (so that a header such
    as «Выбрали» is never broken), the rest shared in proportion to the longest text of each column."""
    count = len(table.header)
    minimum, lengths = [], []
    for i in range(count):
        cells = [str(table.header[i])] + [str(r[i]) for r in table.rows if i < len(r) and r[i] is not None]
        longest_word = max(len(word) for cell in cells for word in (cell.split() or [""]))
        minimum.append(0.2 * longest_word + 0.45)
        lengths.append(min(max(len(c) for c in cells), 80))
    spare = max(total - sum(minimum), 0.0)
    return [m + spare * n / sum(lengths) for m, n in zip(minimum, lengths, strict=True)]


class _Captions:
    """Tables are numbered in the order the document shows them («Таблица 7. …»), whichever are present."""

    def __init__(self) -> None:
        self.count = 0

    def next(self, title: str) -> str:
        self.count += 1
        return f"Таблица {self.count}. {title}"


def _docx_table(document: Any, captions: _Captions, table: Table, total_width: float = 17.0) -> None:
    caption = document.add_paragraph()
    caption.add_run(captions.next(table.title)).bold = True
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = str(title)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = (
                "" if value is None else (f"{value}".replace(".", ",") if isinstance(value, float) else str(value))
            )
    if not table.rows:
        cells = grid.add_row().cells
        cells[0].text = "нет данных за учебный год"
        if len(cells) > 1:
            cells[0].merge(cells[-1])
    _set_widths(grid, _widths(table, total_width))
    document.add_paragraph()


def _heading(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(13)


def _text(document: Any, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.25)


def analytic_report_docx(report: AnnualReport, labels: Labels, pictures: Sequence[tuple[str, bytes]] = ()) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    board, year = report.board, school_year_label(report.year)
    captions = _Captions()

    for text, bold in ((report.school, False), ("АНАЛИТИЧЕСКИЙ ОТЧЁТ", True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(
        f"о реализации системы наставничества педагогических работников и персонализированных программ "
        f"наставничества в {report.short_name_pre or report.short_name} за {year} учебный год"
    ).bold = True
    place = document.add_paragraph(f"{report.city}{', ' if report.city else ''}{report.today:%d.%m.%Y}")
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _heading(document, "1. Основание и цель")
    basis = [line for line in report.roadmap if line.code in ("1.1", "1.2") and line.done_on and line.document]
    _text(
        document,
        "Отчёт составлен куратором реализации программ наставничества в соответствии с п. 3.5 Положения о системе "
        "наставничества педагогических работников (утверждено приказом об утверждении Положения и Дорожной карты"
        + (f": {basis[0].document}" if basis else "")
        + "), Дорожной картой (планом мероприятий) на учебный год и методическими рекомендациями Минпросвещения "
        "России (письмо от 21.12.2021 № АЗ-1128/08).",
    )
    for line in basis[1:]:
        _text(document, f"Пары и группы закреплены: {line.document}.")
    _text(
        document,
        "Цель — оценить эффективность и результативность системы наставничества, вовлечённость педагогов в "
        "различные формы наставничества и повышения квалификации. Мониторинг проведён в два этапа: этап 1 — "
        "процесс реализации персонализированных программ; этап 2 — профессиональный рост участников. Период: "
        f"{board.period.start:%d.%m.%Y} — {board.period.end:%d.%m.%Y}; данные на {report.today:%d.%m.%Y}.",
    )

    _heading(document, "2. Условия и ресурсы")
    _docx_table(document, captions, conditions_table(report))

    _heading(document, "3. Показатели")
    _docx_table(document, captions, indicators_table(report))
    involvement = board.involvement
    _text(
        document,
        f"В наставничество вовлечено {board.involved} из {board.staff} педагогов ({pct(involvement)}); целевое "
        f"значение — {INVOLVEMENT_TARGET} %" + (" — достигнуто." if board.meets_target else " — не достигнуто."),
    )
    _docx_table(document, captions, forms_table(report, labels))
    _docx_table(document, captions, status_table(report))
    for name, picture in pictures:
        if name.startswith(("формы", "вовлеч")):
            document.add_picture(io.BytesIO(picture), width=Cm(15))

    _heading(document, "4. Выполнение дорожной карты")
    done = sum(1 for line in report.roadmap if line.done_on)
    _text(document, f"Выполнено мероприятий дорожной карты: {done} из {len(report.roadmap)}.")
    _docx_table(document, captions, roadmap_table(report))

    _heading(document, "5. Мониторинг. Этап 1: процесс реализации программ")
    _docx_table(document, captions, deadlines_table(report))
    for name, picture in pictures:
        if name.startswith("сроки"):
            document.add_picture(io.BytesIO(picture), width=Cm(15))
    _docx_table(document, captions, process_table(report))
    if report.board.campaigns:
        _docx_table(document, captions, campaigns_table(report, labels))

    _heading(document, "6. Мониторинг. Этап 2: профессиональный рост участников")
    _docx_table(document, captions, growth_table(report))
    if report.summaries:
        _text(
            document,
            "Результаты анкетирования (вопросы с выбором ответа; ответы на открытые вопросы хранятся в анкетах):",
        )
        for table in summary_tables(report):
            _docx_table(document, captions, table)

    _heading(document, "7. Статистические сведения об участниках (п. 3.5)")
    for table in statistics_tables(report.statistics, labels):
        _docx_table(document, captions, table)

    _heading(document, "8. Банк программ и лучших практик")
    _text(document, f"В банк лучших практик за учебный год включено программ: {len(report.practices)}.")
    _docx_table(document, captions, practices_table(report))

    _heading(document, "9. Проблемы и риски")
    risks = risk_lines(report)
    for risk in risks or ["Существенных отклонений от требований Положения по данным мониторинга не выявлено."]:
        document.add_paragraph(risk, style="List Bullet")

    _heading(document, "10. Выводы куратора и задачи на следующий учебный год")
    for title, written in (("Выводы", report.conclusions), ("Задачи на следующий учебный год", report.tasks)):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{title}: ").bold = True
        if written:
            for part in written.split("\n"):
                _text(document, part)
        else:
            for _ in range(3):
                document.add_paragraph("_" * 80)

    document.add_paragraph()
    document.add_paragraph(
        f"Куратор реализации программ наставничества\t____________ / {report.curator or '________________'} /"
    )
    document.add_paragraph(f"{report.today:%d.%m.%Y}")
    document.add_paragraph()
    document.add_paragraph(f"Отчёт рассмотрен. Директор\t____________ / {report.director or '________________'} /")
    document.add_paragraph("«____» ______________ 20___ г.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- XLSX -----------------------------------------------------------------------------------------------------
def analytic_report_xlsx(report: AnnualReport, labels: Labels) -> bytes:
    workbook = Workbook()
    heading = [
        "Аналитический отчёт о реализации системы наставничества педагогических работников",
        report.school,
        f"{school_year_label(report.year)} учебный год; данные на {report.today:%d.%m.%Y}",
    ]
    sheets = (
        (
            "Показатели",
            [conditions_table(report), indicators_table(report), forms_table(report, labels), status_table(report)],
        ),
        ("Дорожная карта", [roadmap_table(report)]),
        ("Этап 1 — процесс", [deadlines_table(report), process_table(report), campaigns_table(report, labels)]),
        ("Этап 2 — рост", [growth_table(report), *summary_tables(report)]),
        ("Статистика", statistics_tables(report.statistics, labels)),
        ("Практики", [practices_table(report)]),
    )
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, tables in sheets:
        write_tables(workbook.create_sheet(title), heading, tables, (70, 14, 14, 16, 14, 16, 14))
    risks = workbook.create_sheet("Проблемы и риски")
    write_tables(
        risks, heading, [Table("Проблемы и риски", ("Описание",), [[line] for line in risk_lines(report)])], (120,)
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def comparison_rows(lines: Sequence[SchoolLine]) -> list[list[object]]:
    return [
        [
            line.name,
            line.board.staff,
            line.board.young,
            line.board.mentors,
            line.board.mentees,
            line.board.pairs,
            line.board.groups,
            line.board.involvement if line.board.involvement is not None else 0.0,
            line.board.assignment.late + line.board.assignment.overdue,
            line.board.programmes.late + line.board.programmes.overdue,
            line.board.reports.late + line.board.reports.overdue,
        ]
        for line in lines
    ]


COMPARISON_HEADER = (
    "Школа",
    "Педагогов",
    "Молодых педагогов",
    "Наставников",
    "Наставляемых",
    "Пар",
    "Групп",
    "Вовлечено, %",
    "Наставник позже 30 дней (п. 3.7)",
    "Программа позже 10 дней (п. 3.6)",
    "Отчёты позже 10 дней (п. 3.6)",
)


def comparison_xlsx(lines: Sequence[SchoolLine], year: str, today: date, labels: Labels) -> bytes:
    """The department's table of its schools (3.3): aggregates only, no personal data."""
    del labels
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Школы"
    heading = [
        "Показатели системы наставничества педагогических работников по школам",
        f"{year} учебный год; данные на {today:%d.%m.%Y}",
    ]
    write_tables(
        sheet,
        heading,
        [Table("Сравнение школ", COMPARISON_HEADER, comparison_rows(lines))],
        (40, 12, 12, 13, 13, 8, 8, 13, 18, 18, 18),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
