"""Monitoring use cases (3.5): the dashboard of a school, the department's overview of its schools (3.3), the
statistics for a period, the annual analytic report, the curator's conclusions. Every figure is computed by
domain/indicators.py from facts read in a few aggregate queries (db/repositories/monitoring.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Organization, Person, PersonRole
from db.registry import latest_definition, questionnaire_of
from db.repositories import conclusions as conclusions_repo
from db.repositories import monitoring as facts
from db.repositories import practices as practices_repo
from db.repositories import roadmap as roadmap_repo
from db.repositories.organizations import rules_of
from documents import charts
from documents.analytic_report import (
    AnnualReport,
    PracticeLine,
    RoadmapLine,
    SchoolLine,
    analytic_report_docx,
    analytic_report_xlsx,
    comparison_xlsx,
)
from documents.statistics_xlsx import statistics_xlsx
from domain.indicators import (
    Dashboard,
    Growth,
    Period,
    QuestionSummary,
    Statistics,
    compute_dashboard,
    compute_growth,
    compute_statistics,
    is_young,
    risks,
    running,
    school_year_period,
    summarise,
)
from domain.roles import Role
from domain.rules import OrgRules
from domain.school_year import school_year_label
from locales.grammar import decline_phrase

Labels = Callable[[str], str]  # a text key → its Russian wording (Texts.plain)


def tz_name(organization: Organization, default: ZoneInfo) -> str:
    return organization.timezone or default.key


async def dashboard(
    session: AsyncSession, organization: Organization, rules: OrgRules, tz: ZoneInfo, period: Period, today: date
) -> Dashboard:
    zone = tz_name(organization, tz)
    return compute_dashboard(
        period,
        today,
        rules,
        await facts.staff(session, organization.id),
        await facts.mentorships(session, organization.id, zone),
        await facts.newcomers(session, organization.id),
        await facts.reports(session, organization.id, zone),
        await facts.items(session, organization.id),
        await facts.campaigns(session, organization.id, period.start.year),
    )


async def statistics(session: AsyncSession, organization: Organization, tz: ZoneInfo, period: Period) -> Statistics:
    zone = tz_name(organization, tz)
    return compute_statistics(
        period,
        await facts.mentorships(session, organization.id, zone),
        await facts.changes(session, organization.id, zone),
    )


async def growth(
    session: AsyncSession, organization: Organization, tz: ZoneInfo, period: Period
) -> tuple[Growth, dict[str, int]]:
    """Stage 2 of the monitoring, and the meetings held (stage 1) by format."""
    zone = tz_name(organization, tz)
    active = running(await facts.mentorships(session, organization.id, zone), period)
    mentees = {p for m in active for p in m.mentee_ids}
    participants = mentees | {m.mentor_id for m in active}
    people = await facts.activity_of(session, sorted(mentees))
    young = {pid: is_active for pid, (experience, is_active) in people.items() if is_young(experience)}
    result = compute_growth(
        period,
        await facts.report_answers(session, organization.id, "mentee_report", period),
        await facts.report_answers(session, organization.id, "mentor_report", period),
        young,
        await facts.growth(session, organization.id),
        participants,
    )
    return result, await facts.meetings(session, organization.id, period)


async def questionnaire_summaries(
    session: AsyncSession, organization: Organization, tz: ZoneInfo, period: Period
) -> list[tuple[str, int, list[QuestionSummary]]]:
    """(title, responses, closed questions summarised) for each questionnaire answered in the period."""
    zone = tz_name(organization, tz)
    result = []
    for code in ("mentee_needs", "mentor_survey", "mentee_report", "mentor_report"):
        definition = await latest_definition(session, code)
        if definition is None:
            continue
        questionnaire = questionnaire_of(definition)
        answers = await facts.submitted_answers(session, organization.id, code, period, zone)
        if answers:
            result.append((questionnaire.title, len(answers), summarise(questionnaire.questions, answers)))
    return result


# -- the department (3.3) -------------------------------------------------------------------------------------
async def municipality_schools(session: AsyncSession) -> list[Organization]:
    """The schools the bot serves (one bot serves the schools of one municipality, DESIGN.md): organizations
    with at least one person who is not education-department staff."""
    school_staff = select(PersonRole.organization_id).where(PersonRole.role != Role.DEPARTMENT.value)
    return list(
        await session.scalars(
            select(Organization).where(Organization.id.in_(school_staff)).order_by(Organization.short_name)
        )
    )


async def department_overview(
    session: AsyncSession, tz: ZoneInfo, period: Period, today: date
) -> list[tuple[Organization, Dashboard]]:
    """Aggregates only: counts and shares per school, no names."""
    return [
        (school, await dashboard(session, school, rules_of(school), tz, period, today))
        for school in await municipality_schools(session)
    ]


def school_line(organization: Organization, board: Dashboard) -> SchoolLine:
    return SchoolLine(organization.short_name, board)


async def comparison_files(
    session: AsyncSession, tz: ZoneInfo, year: int, today: date, labels: Labels
) -> tuple[bytes, bytes]:
    """The department's table of schools (XLSX) and its chart (PNG)."""
    overview = await department_overview(session, tz, school_year_period(year), today)
    lines = [school_line(o, b) for o, b in overview]
    table = comparison_xlsx(lines, school_year_label(year), today, labels)
    picture = charts.involvement_by_school([(line.name, line.board.involvement or 0.0) for line in lines])
    return table, picture


# -- names for the overdue list of the curator and the director ------------------------------------------------
async def overdue_people(session: AsyncSession, board: Dashboard) -> dict[tuple[str, int], str]:
    """(kind, subject id) → who has to act: the mentee waiting for a mentor (the curator acts), the mentor of a
    programme, the author of a report. For the curator and the director only, never for the department."""
    mentorship_ids = {subject for kind, subject, _ in board.overdue_now if kind == "programme"}
    mentors = (
        dict(
            (
                await session.execute(
                    select(Mentorship.id, Person.full_name)
                    .join(Person, Person.id == Mentorship.mentor_id)
                    .where(Mentorship.id.in_(mentorship_ids))
                )
            ).all()
        )
        if mentorship_ids
        else {}
    )
    person_ids = {subject for kind, subject, _ in board.overdue_now if kind != "programme"}
    people = (
        dict((await session.execute(select(Person.id, Person.full_name).where(Person.id.in_(person_ids)))).all())
        if person_ids
        else {}
    )
    return {
        (kind, subject): (mentors if kind == "programme" else people).get(subject, "—")
        for kind, subject, _ in board.overdue_now
    }


# -- files ------------------------------------------------------------------------------------------------------
def dashboard_charts(board: Dashboard, labels: Labels, rules: OrgRules) -> list[tuple[str, bytes]]:
    """(file name, PNG) where a picture says more than the figures."""
    pictures = []
    if board.by_form:
        pictures.append(
            (
                "формы_наставничества.png",
                charts.bars(
                    "Пары и группы по формам наставничества (п. 2.3)",
                    [(labels(f"form-{form}"), count) for form, count in sorted(board.by_form.items())],
                ),
            )
        )
    pictures.append(
        (
            "сроки.png",
            charts.deadlines(
                [
                    ("Наставник за 30 дней (п. 3.7)", board.assignment),
                    ("Программа за 10 дней (п. 3.6)", board.programmes),
                    ("Отчёты за 10 дней (п. 3.6)", board.reports),
                ]
            ),
        )
    )
    pictures.append(("вовлечённость.png", charts.involvement(board.involved, board.staff)))
    if board.mentor_load:
        pictures.append(("нагрузка_наставников.png", charts.load(board.mentor_load, rules.max_mentees_per_mentor)))
    return pictures


async def statistics_file(
    session: AsyncSession, organization: Organization, tz: ZoneInfo, period: Period, today: date, labels: Labels
) -> tuple[Statistics, bytes]:
    stats = await statistics(session, organization, tz, period)
    return stats, statistics_xlsx(organization.name, stats, today, labels)


@dataclass
class ReportBundle:
    report: AnnualReport
    docx: bytes
    xlsx: bytes
    charts: list[tuple[str, bytes]] = field(default_factory=list)


async def _person_with_role(session: AsyncSession, organization_id: int, role: Role) -> str | None:
    return await session.scalar(
        select(Person.full_name)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.organization_id == organization_id, PersonRole.role == role.value, Person.is_active)
        .order_by(Person.id)
        .limit(1)
    )


async def annual_report(
    session: AsyncSession,
    organization: Organization,
    rules: OrgRules,
    tz: ZoneInfo,
    year: int,
    today: date,
    labels: Labels,
) -> ReportBundle:
    period = school_year_period(year)
    board = await dashboard(session, organization, rules, tz, period, today)
    stats = await statistics(session, organization, tz, period)
    grown, meetings = await growth(session, organization, tz, period)
    await roadmap_repo.ensure_year(session, organization.id, year)
    roadmap = [
        RoadmapLine(i.code, i.stage, i.stage_title, i.title, i.planned, i.responsible, i.done_on, i.document)
        for i in await roadmap_repo.items(session, organization.id, year)
    ]
    practices = [
        PracticeLine(p.title, labels(f"form-{p.form}"), labels(f"area-{p.need_area}"), p.description)
        for p in await practices_repo.practices(session, organization.id)
        if period.contains(p.created_at.astimezone(tz).date())
    ]
    conclusion = await conclusions_repo.of_year(session, organization.id, year)
    report = AnnualReport(
        school=organization.name,
        short_name=organization.short_name,
        short_name_pre=decline_phrase(organization.short_name, "pre"),
        city=organization.city or "",
        year=year,
        today=today,
        rules=rules,
        board=board,
        statistics=stats,
        growth=grown,
        meetings=meetings,
        roadmap=roadmap,
        practices=practices,
        summaries=await questionnaire_summaries(session, organization, tz, period),
        risks=risks(board, grown, rules),
        conclusions=conclusion.conclusions if conclusion else None,
        tasks=conclusion.tasks if conclusion else None,
        curator=await _person_with_role(session, organization.id, Role.CURATOR),
        director=await _person_with_role(session, organization.id, Role.DIRECTOR),
        mentors_in_bank=await facts.roles_count(session, organization.id, Role.MENTOR),
        council=await facts.roles_count(session, organization.id, Role.COUNCIL),
    )
    pictures = dashboard_charts(board, labels, rules)
    return ReportBundle(
        report, analytic_report_docx(report, labels, pictures), analytic_report_xlsx(report, labels), pictures
    )


async def save_conclusion(session: AsyncSession, person: Person, year: int, field_name: str, text: str) -> None:
    await conclusions_repo.save(session, person.organization_id, year, field_name, text, person.id)
    await session.commit()


async def conclusion_of(session: AsyncSession, organization_id: int, year: int) -> tuple[str | None, str | None]:
    row = await conclusions_repo.of_year(session, organization_id, year)
    return (row.conclusions, row.tasks) if row else (None, None)
