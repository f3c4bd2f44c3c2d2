"""The website section «Наставничество» (8.1) as static HTML pages with their stylesheet, laid out as schools'
sites lay out a section (header with the school's name, breadcrumbs, a side menu of sub-pages), rendered with
Jinja2 (autoescaping everything typed by people) and packed into a ZIP for the site's administrator."""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).parent
PAGES = (
    ("index.html", "О наставничестве в школе"),
    ("documents.html", "Нормативные документы"),
    ("programmes.html", "Программы наставничества"),
    ("people.html", "Наставники и наставляемые"),
    ("cases.html", "Лучшие практики"),
    ("news.html", "Новости и анонсы"),
)
LEVELS = (
    ("federal", "Федеральный уровень"),
    ("regional", "Региональный уровень"),
    ("school", "Локальные акты школы"),
)


@dataclass(frozen=True)
class SiteDocument:
    level: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class SitePerson:
    name: str
    position: str
    area: str


@dataclass
class SiteProgramme:
    form: str
    period: str
    mentor: str | None
    mentees: list[str]
    mentee_count: int
    result: str | None = None  # 8.2: only for a completed programme
    done: str | None = None
    meetings: int | None = None
    goal: str | None = None


@dataclass(frozen=True)
class SiteCase:
    title: str
    form: str
    area: str
    description: str
    participants: list[str]


@dataclass(frozen=True)
class SiteNews:
    published_on: date
    title: str
    body: str


@dataclass
class SiteContent:
    school: str
    short_name: str
    city: str
    generated: date
    intro: str | None
    documents: list[SiteDocument] = field(default_factory=list)
    running: list[SiteProgramme] = field(default_factory=list)
    completed: list[SiteProgramme] = field(default_factory=list)
    mentors: list[SitePerson] = field(default_factory=list)
    mentees: list[SitePerson] = field(default_factory=list)
    cases: list[SiteCase] = field(default_factory=list)
    news: list[SiteNews] = field(default_factory=list)


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True
    )
    environment.filters["ru_date"] = lambda value: value.strftime("%d.%m.%Y")
    return environment


def render_site(content: SiteContent) -> dict[str, bytes]:
    """File path inside the section → its bytes."""
    environment = _environment()
    files: dict[str, bytes] = {}
    for page, title in PAGES:
        html = environment.get_template(page).render(
            site=content, pages=PAGES, current=page, title=title, levels=LEVELS
        )
        files[f"nastavnichestvo/{page}"] = html.encode("utf-8")
    for asset in sorted((HERE / "assets").iterdir()):
        files[f"nastavnichestvo/assets/{asset.name}"] = asset.read_bytes()
    return files


def site_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()
