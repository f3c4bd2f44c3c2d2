"""How fast is the deadline scan? Generates 1,000 / 10,000 / 100,000 active mentorships in PostgreSQL, then
runs a dry run, a real scan (an outbox that records instead of sending) and a second real scan (the steady
state of the five-minute job: everything already planned), and prints time and SQL statements of each.

    .venv/bin/python -m benchmarks.scan [--sizes 1000 10000 100000]

Prints figures, asserts nothing. Without DATABASE_URL an embedded PostgreSQL (pgserver) is started in a
temporary directory; with it, the script wipes that database and asks for --wipe first.
"""

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine, session_factory
from db.migrate import upgrade_sync
from db.models import Base
from handlers.reminders import render
from scheduler.scan import ScanReport, scan

MSK = ZoneInfo("Europe/Moscow")
MOMENT = datetime(2026, 11, 16, 9, 0, tzinfo=MSK)  # a Monday morning: reminders and the curators' digest
PER_SCHOOL = 10_000  # mentorships per school: one large school up to 10,000, then more schools
KEPT = {"questionnaire_definitions", "consent_texts"}


@dataclass
class RecordingOutbox:
    """Telegram stand-in: records and returns at once (the real one is paced to 30 messages a second)."""

    messages: int = 0
    documents: int = 0
    longest: int = 0
    sizes: list[int] = field(default_factory=list)

    async def send(self, chat_id: int, text: str, markup: Any, mark_on_the_way: Any = None) -> int:
        if mark_on_the_way is not None:
            await mark_on_the_way()
        self.messages += 1
        self.longest = max(self.longest, len(text))
        return self.messages

    async def send_document(self, chat_id: int, file_name: str, content: bytes, caption: str) -> int:
        self.documents += 1
        self.sizes.append(len(content))
        return self.messages + self.documents


class StatementCounter:
    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_: object) -> None:
        self.count += 1


# The data: per school two curators; per mentorship one mentee (mentor assigned), a mentor for every two;
# orders spread over the past year, planned ends over the next; a programme with three activities for
# every mentorship older than ten days (a few missing, a few activities not marked done); 2 % completed
# recently, waiting for reports; 1 % new teachers still without a mentor (3.7).
GENERATE = """
INSERT INTO organizations (id, name, short_name, city, rules)
SELECT s, 'Школа № ' || s, 'Школа № ' || s, 'г. Эталон', '{}'::jsonb FROM generate_series(1, :k) s;

INSERT INTO people (id, organization_id, full_name, position, telegram_user_id, work_start_date)
SELECT c, (c - 1) / 2 + 1, 'Куратор ' || c, 'Заместитель директора', 1000000000 + c, NULL
FROM generate_series(1, 2 * :k) c;

INSERT INTO people (id, organization_id, full_name, position, telegram_user_id, work_start_date)
SELECT 2 * :k + g, (g - 1) / :m + 1, 'Наставляемый ' || g, 'Учитель', 1000000000 + 2 * :k + g,
       DATE :today - (g * 37 % 365 + 20)
FROM generate_series(1, :n) g;

INSERT INTO people (id, organization_id, full_name, position, telegram_user_id)
SELECT 2 * :k + :n + h, (2 * h - 1) / :m + 1, 'Наставник ' || h, 'Учитель', 1000000000 + 2 * :k + :n + h
FROM generate_series(1, :n / 2) h;

INSERT INTO people (id, organization_id, full_name, position, telegram_user_id, work_start_date)
SELECT 2 * :k + :n + :n / 2 + u, (u - 1) % :k + 1, 'Новый педагог ' || u, 'Учитель',
       1000000000 + 2 * :k + :n + :n / 2 + u, DATE :today - (u % 40)
FROM generate_series(1, :n / 100) u;

SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people));
SELECT setval(pg_get_serial_sequence('organizations', 'id'), :k);

INSERT INTO person_roles (organization_id, person_id, role)
SELECT organization_id, id,
       CASE WHEN id <= 2 * :k THEN 'curator'
            WHEN id <= 2 * :k + :n THEN 'mentee'
            WHEN id <= 2 * :k + :n + :n / 2 THEN 'mentor'
            ELSE 'mentee' END
FROM people;

INSERT INTO bank_entries (organization_id, person_id, bank, status)
SELECT organization_id, id, 'mentee', 'assigned' FROM people WHERE id > 2 * :k AND id <= 2 * :k + :n;

INSERT INTO mentorships (id, organization_id, mentor_id, form, months, status, order_number, order_date,
                         start_date, end_date, completed_on)
SELECT g, (g - 1) / :m + 1, 2 * :k + :n + (g + 1) / 2, 'traditional', 1 + g % 12,
       CASE WHEN g % 50 = 0 THEN 'completed' ELSE 'approved' END,
       g::text || '-В', DATE :today - (g * 37 % 365), DATE :today - (g * 37 % 365),
       DATE :today + (g * 53 % 365) + 1,
       CASE WHEN g % 50 = 0 THEN DATE :today - (g / 50 % 20) END
FROM generate_series(1, :n) g;
SELECT setval(pg_get_serial_sequence('mentorships', 'id'), :n);

INSERT INTO mentorship_members (organization_id, mentorship_id, mentee_id)
SELECT (g - 1) / :m + 1, g, 2 * :k + g FROM generate_series(1, :n) g;

INSERT INTO programmes (id, organization_id, mentorship_id, goal, status)
SELECT id, organization_id, id, 'Цель программы',
       CASE WHEN order_date > DATE :today - 10 THEN 'draft' ELSE 'submitted' END
FROM mentorships WHERE id % 500 <> 0;
SELECT setval(pg_get_serial_sequence('programmes', 'id'), :n);

INSERT INTO programme_items (organization_id, programme_id, kind, title, due_date, expected_result, status)
SELECT p.organization_id, p.id, 'assignments', 'Мероприятие ' || i || ' программы ' || p.id,
       m.order_date + 30 * i, 'Результат',
       CASE WHEN m.order_date + 30 * i < DATE :today AND p.id % 200 <> 0 THEN 'accepted' ELSE 'planned' END
FROM programmes p JOIN mentorships m ON m.id = p.mentorship_id CROSS JOIN generate_series(1, 3) i
WHERE p.status = 'submitted';
"""


async def wipe(engine: AsyncEngine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables if t.name not in KEPT)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


async def generate(engine: AsyncEngine, n: int) -> tuple[int, float]:
    schools = max(1, n // PER_SCHOOL)
    per_school = n // schools
    params = {"k": schools, "m": per_school, "n": n, "today": MOMENT.date().isoformat()}
    started = time.perf_counter()
    async with engine.begin() as connection:
        for statement in filter(str.strip, GENERATE.split(";\n")):
            sql = statement
            for name, value in params.items():  # literals: generate_series wants typed integers
                sql = sql.replace(f":{name}", f"'{value}'" if name == "today" else str(value))
            await connection.execute(text(sql))
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE"))
    return schools, time.perf_counter() - started


@contextmanager
def measured(counter: StatementCounter) -> Iterator[dict[str, float]]:
    figures: dict[str, float] = {}
    before, started = counter.count, time.perf_counter()
    yield figures
    figures["seconds"] = time.perf_counter() - started
    figures["statements"] = counter.count - before


def _row(label: str, figures: dict[str, float], report: ScanReport, extra: str = "") -> str:
    return (
        f"  {label:<22} {figures['seconds']:7.2f} s  {int(figures['statements']):6d} statements  "
        f"{report.count('sent'):6d} to send  {extra}"
    )


async def bench(url: str, sizes: list[int]) -> None:
    engine = create_engine(url, pool_size=2)
    counter = StatementCounter(engine)
    sessions = session_factory(engine)
    options: dict[str, Any] = {"lease": timedelta(minutes=2), "default_tz": MSK}
    print(f"Scan at {MOMENT:%d.%m.%Y %H:%M} Moscow time; up to {PER_SCHOOL:,} mentorships per school")
    for n in sizes:
        await wipe(engine)
        schools, seconds = await generate(engine, n)
        async with engine.connect() as connection:
            people = await connection.scalar(text("SELECT count(*) FROM people"))
            items = await connection.scalar(text("SELECT count(*) FROM programme_items"))
        print(f"\n{n:,} mentorships in {schools} school(s), {people:,} people, {items:,} activities ({seconds:.1f} s)")

        with measured(counter) as dry_figures:
            dry = await scan(MOMENT, sessions, RecordingOutbox(), render, claimer="dry", dry_run=True, **options)
        print(_row("dry run", dry_figures, dry))
        outbox = RecordingOutbox()
        with measured(counter) as real_figures:
            real = await scan(MOMENT, sessions, outbox, render, claimer="bench", **options)
        files = f"{outbox.documents} files" if outbox.documents else ""
        print(_row("real scan", real_figures, real, f"longest message {outbox.longest:,} chars {files}"))
        with measured(counter) as again_figures:
            again = await scan(
                MOMENT + timedelta(minutes=5), sessions, RecordingOutbox(), render, claimer="bench", **options
            )
        print(_row("next scan (5 min)", again_figures, again))
        same = [line.identity for line in dry.lines] == [line.identity for line in real.lines]
        print(f"  the dry run listed exactly what the real scan did: {'yes' if same else 'NO'}")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--wipe", action="store_true", help="allow wiping the database given in DATABASE_URL")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if url and not args.wipe:
        parser.error("DATABASE_URL is set: this benchmark empties that database; add --wipe if that is intended")
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as folder:
        server = None
        if not url:
            import pgserver

            server = pgserver.get_server(Path(folder), cleanup_mode="stop")
            server.psql('CREATE DATABASE "bench";')
            url = server.get_uri("bench")
        try:
            upgrade_sync(url)
            asyncio.run(bench(url, args.sizes))
        finally:
            if server is not None:
                server.cleanup()  # stop it while its folder still exists


if __name__ == "__main__":
    main()
