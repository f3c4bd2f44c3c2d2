"""APScheduler: one interval job (the deadline scan) and one cron job (the curators' morning digest).
Both run the same scan; it is idempotent, so a job that fires twice, or on two instances, sends nothing twice.
The first scan runs at start, catching up whatever was missed while the bot was down."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

SCAN_EVERY_MINUTES = 5


def build_scheduler(job: Callable[[], Awaitable[object]], tz: ZoneInfo, digest_hour: int) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=tz)
    options = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}
    scheduler.add_job(
        job, "interval", minutes=SCAN_EVERY_MINUTES, next_run_time=datetime.now(tz), id="deadline-scan", **options
    )
    scheduler.add_job(job, "cron", hour=digest_hour, minute=1, id="morning-digest", **options)
    return scheduler
