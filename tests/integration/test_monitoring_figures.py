"""On a seeded school year with several schools, every figure of the dashboard, the statistics and the annual
analytic report equals a direct count in the database (written here in SQL, independently of the code), and
the generated files are real: XLSX and DOCX open, PNGs are images, the DOCX renders to PDF with LibreOffice."""

import io
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators import DeadlineTally, school_year_period
from domain.rules import OrgRules
from locales import Texts
from services import monitoring
from tests.seeding import TODAY, YEAR, SeededSchool, seed_year

MSK = ZoneInfo("Europe/Moscow")
RULES = OrgRules()
PERIOD = school_year_period(YEAR)

STAFF = """p.organization_id = :org AND p.is_active
    AND NOT EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'department')"""
RUN = """SELECT m.* FROM mentorships m WHERE m.organization_id = :org AND m.status IN ('approved', 'completed')
    AND m.start_date <= :end AND COALESCE(m.completed_on, m.end_date) >= :start"""
RUN_MENTEES = f"SELECT mm.mentee_id FROM mentorship_members mm WHERE mm.mentorship_id IN (SELECT id FROM ({RUN}) x)"
RUN_PEOPLE = f"SELECT mentor_id FROM ({RUN}) y UNION {RUN_MENTEES}"
STATE = """CASE WHEN done IS NOT NULL AND done <= due THEN 'met' WHEN done IS NOT NULL THEN 'late'
    WHEN CAST(:today AS date) > due THEN 'overdue' ELSE 'pending' END"""


async def one(session: AsyncSession, sql: str, **params: object) -> int:
    return int((await session.execute(text(sql), params)).scalar_one() or 0)


async def grouped(session: AsyncSession, sql: str, **params: object) -> dict[str, int]:
    return {str(k): int(v) for k, v in (await session.execute(text(sql), params)).all()}


def tally_of(counts: dict[str, int]) -> DeadlineTally:
    return DeadlineTally(
        counts.get("met", 0), counts.get("late", 0), counts.get("overdue", 0), counts.get("pending", 0)
    )


async def expected(session: AsyncSession, org: int) -> dict[str, object]:
    """Every figure, counted in SQL straight from the tables."""
    p = {"org": org, "start": PERIOD.start, "end": PERIOD.end, "today": TODAY, "tz": "Europe/Moscow"}
    e: dict[str, object] = {}
    e["staff"] = await one(session, f"SELECT count(*) FROM people p WHERE {STAFF}", **p)
    e["young"] = await one(session, f"SELECT count(*) FROM people p WHERE {STAFF} AND p.experience_years <= 3", **p)
    e["mentors"] = await one(session, f"SELECT count(DISTINCT mentor_id) FROM ({RUN}) z", **p)
    e["mentees"] = await one(session, f"SELECT count(DISTINCT mentee_id) FROM ({RUN_MENTEES}) z", **p)
    e["involved"] = await one(session, f"SELECT count(*) FROM people p WHERE {STAFF} AND p.id IN ({RUN_PEOPLE})", **p)
    e["young_mentees"] = await one(
        session,
        f"SELECT count(*) FROM people p WHERE {STAFF} AND p.experience_years <= 3 AND p.id IN ({RUN_MENTEES})",
        **p,
    )
    size = "(SELECT count(*) FROM mentorship_members mm WHERE mm.mentorship_id = z.id)"
    e["pairs"] = await one(session, f"SELECT count(*) FROM ({RUN}) z WHERE {size} = 1", **p)
    e["groups"] = await one(session, f"SELECT count(*) FROM ({RUN}) z WHERE {size} > 1", **p)
    e["by_form"] = await grouped(session, f"SELECT form, count(*) FROM ({RUN}) z GROUP BY form", **p)
    e["by_status"] = await grouped(
        session,
        """SELECT status, count(*) FROM mentorships m WHERE m.organization_id = :org AND (
            (m.status IN ('approved', 'completed') AND m.start_date <= :end
             AND COALESCE(m.completed_on, m.end_date) >= :start)
            OR (m.status NOT IN ('approved', 'completed')
                AND CAST(timezone(:tz, m.created_at) AS date) BETWEEN :start AND :end))
           GROUP BY status""",
        **p,
    )
    e["load"] = {
        int(k): v
        for k, v in (
            await grouped(
                session,
                """SELECT n, count(*) FROM (SELECT m.mentor_id, count(mm.id) AS n FROM mentorships m
                   JOIN mentorship_members mm ON mm.mentorship_id = m.id
                   WHERE m.organization_id = :org AND m.status IN ('proposed', 'confirmed', 'approved')
                   GROUP BY m.mentor_id) l GROUP BY n""",
                **p,
            )
        ).items()
    }
    e["assignment"] = tally_of(
        await grouped(
            session,
            f"""SELECT {STATE}, count(*) FROM (
                SELECT p.work_start_date + 30 AS due,
                  (SELECT min(m.order_date) FROM mentorships m JOIN mentorship_members mm ON mm.mentorship_id = m.id
                   WHERE mm.mentee_id = p.id AND m.status IN ('approved', 'completed')) AS done
                FROM people p WHERE p.organization_id = :org AND p.is_active
                  AND p.work_start_date BETWEEN :start AND :end
                  AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'mentee')) a
              GROUP BY 1""",
            **p,
        )
    )
    e["programmes"] = tally_of(
        await grouped(
            session,
            f"""SELECT {STATE}, count(*) FROM (
                SELECT m.order_date + 10 AS due,
                  (SELECT min(CAST(timezone(:tz, ev.created_at) AS date)) FROM mentorship_events ev
                   WHERE ev.mentorship_id = m.id AND ev.action = 'programme_submitted') AS done
                FROM mentorships m WHERE m.organization_id = :org AND m.status IN ('approved', 'completed')
                  AND m.order_date BETWEEN :start AND :end) a GROUP BY 1""",
            **p,
        )
    )
    e["reports"] = tally_of(
        await grouped(
            session,
            f"""SELECT {STATE}, count(*) FROM (
                SELECT m.completed_on + 10 AS due,
                  (SELECT min(CAST(timezone(:tz, q.submitted_at) AS date)) FROM questionnaire_responses q
                   WHERE q.mentorship_id = m.id AND q.person_id = m.mentor_id AND q.status = 'submitted'
                     AND q.questionnaire_code = 'mentor_report') AS done
                FROM mentorships m WHERE m.organization_id = :org AND m.status = 'completed'
                  AND m.completed_on BETWEEN :start AND :end
                UNION ALL
                SELECT m.completed_on + 10,
                  (SELECT min(CAST(timezone(:tz, q.submitted_at) AS date)) FROM questionnaire_responses q
                   WHERE q.mentorship_id = m.id AND q.person_id = mm.mentee_id AND q.status = 'submitted'
                     AND q.questionnaire_code = 'mentee_report')
                FROM mentorships m JOIN mentorship_members mm ON mm.mentorship_id = m.id
                WHERE m.organization_id = :org AND m.status = 'completed' AND m.completed_on BETWEEN :start AND :end
              ) a GROUP BY 1""",
            **p,
        )
    )
    items = f"""FROM programme_items i JOIN programmes g ON g.id = i.programme_id
        WHERE g.status <> 'draft' AND g.mentorship_id IN (SELECT id FROM ({RUN}) z)"""
    e["items_total"] = await one(session, f"SELECT count(*) {items}", **p)
    e["items_accepted"] = await one(session, f"SELECT count(*) {items} AND i.status = 'accepted'", **p)
    e["items_waiting"] = await one(session, f"SELECT count(*) {items} AND i.status = 'done'", **p)
    e["items_overdue"] = await one(
        session, f"SELECT count(*) {items} AND i.status IN ('planned', 'returned') AND i.due_date < :today", **p
    )
    e["campaigns"] = [
        tuple(row)
        for row in (
            await session.execute(
                text(
                    """SELECT c.id, (SELECT count(*) FROM campaign_invitees ci WHERE ci.campaign_id = c.id),
                         (SELECT count(*) FROM campaign_invitees ci WHERE ci.campaign_id = c.id AND EXISTS (
                            SELECT 1 FROM questionnaire_responses q WHERE q.person_id = ci.person_id
                              AND q.questionnaire_code = c.questionnaire_code AND q.status = 'submitted'
                              AND (q.campaign_id = c.id OR q.started_at >= c.created_at)))
                       FROM campaigns c WHERE c.organization_id = :org AND c.school_year = :year ORDER BY c.id"""
                ),
                {"org": org, "year": YEAR},
            )
        ).all()
    ]
    # statistics (3.5)
    e["participants"] = {
        form: {"mentors": mentors, "mentees": mentees}
        for form, mentors, mentees in (
            await session.execute(
                text(
                    f"""SELECT z.form, count(DISTINCT z.mentor_id), count(DISTINCT mm.mentee_id) FROM ({RUN}) z
                        JOIN mentorship_members mm ON mm.mentorship_id = z.id GROUP BY z.form"""
                ),
                p,
            )
        ).all()
    }
    e["started"] = await grouped(
        session,
        """SELECT form, count(*) FROM mentorships WHERE organization_id = :org AND status IN ('approved', 'completed')
           AND start_date BETWEEN :start AND :end GROUP BY form""",
        **p,
    )
    e["completed_by_reason"] = await grouped(
        session,
        """SELECT completion_reason, count(*) FROM mentorships WHERE organization_id = :org AND status = 'completed'
           AND completed_on BETWEEN :start AND :end GROUP BY completion_reason""",
        **p,
    )
    changes = """FROM mentorship_changes WHERE organization_id = :org
        AND CAST(timezone(:tz, decided_at) AS date) BETWEEN :start AND :end"""
    e["extended"] = await one(session, f"SELECT count(*) {changes} AND kind = 'extend' AND status = 'agreed'", **p)
    e["corrected"] = await one(session, f"SELECT count(*) {changes} AND kind = 'correct' AND status = 'agreed'", **p)
    e["replacements"] = await grouped(
        session, f"SELECT reason, count(*) {changes} AND kind = 'replace' AND status = 'approved' GROUP BY reason", **p
    )
    # stage 2: growth
    reports = """FROM questionnaire_responses q JOIN mentorships m ON m.id = q.mentorship_id
        WHERE m.organization_id = :org AND m.status = 'completed' AND m.completed_on BETWEEN :start AND :end
          AND q.status = 'submitted'"""
    e["ratings"] = await grouped(
        session,
        f"SELECT q.answers->>'rating', count(*) {reports} AND q.questionnaire_code = 'mentee_report' GROUP BY 1",
        **p,
    )
    e["verdicts"] = await grouped(
        session,
        f"SELECT q.answers->>'verdict', count(*) {reports} AND q.questionnaire_code = 'mentor_report' GROUP BY 1",
        **p,
    )
    e["recommendations"] = await one(
        session,
        f"""SELECT count(*) {reports} AND q.questionnaire_code = 'mentor_report'
            AND COALESCE(q.answers->>'recommendations', '') <> ''""",
        **p,
    )
    e["mentee_reports"] = await one(
        session, f"SELECT count(*) {reports} AND q.questionnaire_code = 'mentee_report'", **p
    )
    e["young_cohort"] = await one(
        session, f"SELECT count(*) FROM people p WHERE p.experience_years <= 3 AND p.id IN ({RUN_MENTEES})", **p
    )
    e["young_retained"] = await one(
        session,
        f"SELECT count(*) FROM people p WHERE p.experience_years <= 3 AND p.is_active AND p.id IN ({RUN_MENTEES})",
        **p,
    )
    growth = (
        await session.execute(
            text(
                f"""SELECT kind, count(*), count(DISTINCT person_id) FROM growth_records
                    WHERE organization_id = :org AND held_on BETWEEN :start AND :end
                      AND person_id IN ({RUN_PEOPLE}) GROUP BY kind"""
            ),
            p,
        )
    ).all()
    e["growth_events"] = {k: n for k, n, _ in growth}
    e["growth_people"] = {k: d for k, _, d in growth}
    e["meetings"] = await grouped(
        session,
        "SELECT format, count(*) FROM meetings WHERE organization_id = :org AND held_on BETWEEN :start AND :end "
        "GROUP BY format",
        **p,
    )
    return e


@pytest.fixture
async def seeded(session: AsyncSession) -> list[SeededSchool]:
    return await seed_year(session, schools=3)


async def test_every_figure_equals_a_direct_count(session: AsyncSession, seeded: list[SeededSchool]) -> None:
    nonzero: Counter[str] = Counter()
    for school in seeded:
        org = school.organization
        e = await expected(session, org.id)
        board = await monitoring.dashboard(session, org, RULES, MSK, PERIOD, TODAY)
        for key in ("staff", "young", "mentors", "mentees", "involved", "young_mentees", "pairs", "groups"):
            assert getattr(board, key) == e[key], key
            nonzero[key] += bool(e[key])
        assert board.by_form == e["by_form"]
        assert board.by_status == e["by_status"]
        assert board.mentor_load == e["load"]
        assert board.assignment == e["assignment"]
        assert board.programmes == e["programmes"]
        assert board.reports == e["reports"]
        for key in ("items_total", "items_accepted", "items_waiting", "items_overdue"):
            assert getattr(board, key) == e[key], key
        assert [(c.id, c.invited, c.submitted) for c in board.campaigns] == e["campaigns"]
        assert len(board.overdue_now) == board.assignment.overdue + board.reports.overdue + sum(
            1 for kind, _, _ in board.overdue_now if kind == "programme"
        )

        stats = await monitoring.statistics(session, org, MSK, PERIOD)
        assert stats.participants == e["participants"]
        assert stats.started == e["started"]
        assert stats.completed_by_reason == e["completed_by_reason"]
        reasons = e["completed_by_reason"]
        assert isinstance(reasons, dict)
        assert stats.completed["fulfilled"] == reasons.get("fulfilled", 0)  # 7.1, the first way
        assert stats.completed["curator"] == reasons.get("curator", 0)  # 7.1, the third way
        assert stats.completed["initiative"] == sum(reasons.get(r, 0) for r in ("mentor", "mentee", "both"))
        assert stats.extended == e["extended"] and stats.corrected == e["corrected"]
        assert stats.replacements == e["replacements"]

        grown, meetings = await monitoring.growth(session, org, MSK, PERIOD)
        assert grown.ratings == e["ratings"] and grown.verdicts == e["verdicts"]
        assert grown.recommendations == e["recommendations"] and grown.mentee_reports == e["mentee_reports"]
        assert (grown.young_mentees, grown.young_retained) == (e["young_cohort"], e["young_retained"])
        assert grown.growth_events == e["growth_events"] and grown.growth_people == e["growth_people"]
        assert meetings == e["meetings"]
        for key in ("ratings", "replacements", "extended", "growth_events"):
            nonzero[key] += bool(e[key])
        nonzero["overdue"] += board.assignment.overdue + board.programmes.overdue + board.reports.overdue
        nonzero["late"] += board.assignment.late + board.programmes.late + board.reports.late
    # the seeded year exercises every kind of figure, so that a test of zeros cannot pass by accident
    assert all(
        nonzero[key]
        for key in (
            "pairs",
            "groups",
            "young_mentees",
            "ratings",
            "replacements",
            "extended",
            "growth_events",
            "overdue",
            "late",
        )
    ), nonzero


def _rows(workbook_bytes: bytes, sheet: str) -> list[tuple[object, ...]]:
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def _value(rows: list[tuple[object, ...]], label: str, column: int = 1) -> object:
    found = [row for row in rows if row and row[0] == label]
    assert len(found) == 1, (label, found)
    return found[0][column]


async def test_the_annual_report_and_the_statistics_files(
    session: AsyncSession, seeded: list[SeededSchool], tmp_path: Path
) -> None:
    t = Texts()
    school = seeded[0]
    org = school.organization
    e = await expected(session, org.id)
    bundle = await monitoring.annual_report(session, org, RULES, MSK, YEAR, TODAY, t.plain)

    # XLSX: the same figures as the database
    rows = _rows(bundle.xlsx, "Показатели")
    assert _value(rows, "Педагогических и руководящих работников (активные сотрудники)") == e["staff"]
    assert _value(rows, "Из них молодых педагогов (стаж 0–3 года)") == e["young"]
    assert _value(rows, "Наставнических пар") == e["pairs"]
    assert _value(rows, "Наставнических групп") == e["groups"]
    assert _value(rows, "Наставников в реализуемых и завершённых программах") == e["mentors"]
    assert _value(rows, "Наставляемых в реализуемых и завершённых программах") == e["mentees"]
    involved = _value(rows, "Педагогов, вовлечённых в наставничество (цель — 70 %)")
    assert involved == e["involved"]
    by_form = e["by_form"]
    assert isinstance(by_form, dict)
    for form, count in by_form.items():
        assert _value(rows, t.plain(f"form-{form}")) == count
    process = _rows(bundle.xlsx, "Этап 1 — процесс")
    assignment = e["assignment"]
    assert isinstance(assignment, DeadlineTally)
    line = next(r for r in process if r and str(r[0]).startswith("Наставник назначен не позднее 30 дней"))
    assert line[1:6] == (assignment.total, assignment.met, assignment.late, assignment.overdue, assignment.pending)
    assert _value(process, "Выполнено и проверено наставником (п. 4.1)") == e["items_accepted"]
    meetings = e["meetings"]
    assert isinstance(meetings, dict)
    assert _value(process, "Встреч проведено всего") == sum(meetings.values())
    growth = _rows(bundle.xlsx, "Этап 2 — рост")
    ratings = e["ratings"]
    assert isinstance(ratings, dict)
    assert _value(growth, "Оценка работы наставника: «Отлично»") == ratings.get("excellent", 0)
    assert _value(growth, "Из них продолжают работать в школе (закрепление в профессии)") == e["young_retained"]
    statistics = _rows(bundle.xlsx, "Статистика")
    total = next(r for r in statistics if r and r[0] == "Всего (человек, без повторов)")
    participants = e["participants"]
    assert isinstance(participants, dict)
    assert total[1] == await one(
        session, f"SELECT count(DISTINCT mentor_id) FROM ({RUN}) z", org=org.id, start=PERIOD.start, end=PERIOD.end
    )
    replacements = e["replacements"]
    assert isinstance(replacements, dict)
    assert _value(statistics, "Всего замен") == sum(replacements.values())
    assert _value(statistics, "Продлён срок реализации") == e["extended"]

    # DOCX: opens, names the school and the year, states the involvement as counted, has a signature block
    document = Document(io.BytesIO(bundle.docx))
    body = "\n".join(p.text for p in document.paragraphs)
    assert org.name in body and "за 2025/2026 учебный год" in body
    assert "наставничества в МБОУ гимназии «Интеллект» за 2025/2026" in body  # declined, as a school writes it
    assert f"В наставничество вовлечено {e['involved']} из {e['staff']} педагогов" in body
    assert "Этап 1" in body and "Этап 2" in body and "Проблемы и риски" in body
    assert school.curator.full_name in body and "Директор" in body and school.director.full_name in body
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert "Выполнение плана мероприятий в полном объёме (п. 7.1, абз. 2)" in cells
    assert len(document.inline_shapes) >= 2  # the charts
    captions = [p.text for p in document.paragraphs if p.text.startswith("Таблица ")]
    numbers = [int(re.match(r"Таблица (\d+)\. ", c).group(1)) for c in captions]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(captions) + 1)), captions  # in the order they stand: nothing to renumber

    # charts: real PNG images
    assert bundle.charts
    for _name, picture in bundle.charts:
        image = Image.open(io.BytesIO(picture))
        assert image.format == "PNG" and image.width > 300 and image.height > 100

    # the statistics for a chosen period, as its own XLSX
    first_half = type(PERIOD)(PERIOD.start, PERIOD.start + timedelta(days=121))
    stats, content = await monitoring.statistics_file(session, org, MSK, first_half, TODAY, t.plain)
    rows = _rows(content, "Статистика")
    assert rows[1][0] == org.name and "01.09.2025 — 31.12.2025" in str(rows[2][0])
    total = next(r for r in rows if r and r[0] == "Всего (человек, без повторов)")
    assert (total[1], total[2]) == (stats.total_mentors, stats.total_mentees)
    assert stats.total_mentees == await one(
        session,
        f"SELECT count(DISTINCT mentee_id) FROM ({RUN_MENTEES}) z",
        org=org.id,
        start=first_half.start,
        end=first_half.end,
    )

    # LibreOffice renders the DOCX to PDF
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer)"
    source = tmp_path / "report.docx"
    source.write_bytes(bundle.docx)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4


async def test_the_department_sees_aggregates_of_every_school_and_no_names(
    session: AsyncSession, seeded: list[SeededSchool]
) -> None:
    t = Texts()
    overview = await monitoring.department_overview(session, MSK, PERIOD, TODAY)
    assert [o.id for o, _ in overview] == sorted(
        (s.organization.id for s in seeded),
        key=lambda i: next(s.organization.short_name for s in seeded if s.organization.id == i),
    )
    for organization, board in overview:
        e = await expected(session, organization.id)
        assert (board.staff, board.involved, board.pairs, board.groups) == (
            e["staff"],
            e["involved"],
            e["pairs"],
            e["groups"],
        )
    table, picture = await monitoring.comparison_files(session, MSK, YEAR, TODAY, t.plain)
    assert Image.open(io.BytesIO(picture)).format == "PNG"
    rows = _rows(table, "Школы")
    for school in seeded:
        e = await expected(session, school.organization.id)
        line = next(r for r in rows if r and r[0] == school.organization.short_name)
        assert line[1:7] == (e["staff"], e["young"], e["mentors"], e["mentees"], e["pairs"], e["groups"])
    names = (await session.execute(text("SELECT full_name FROM people"))).scalars().all()
    everything = " ".join(str(c) for r in rows for c in r if c is not None)
    assert not [n for n in names if n in everything]
