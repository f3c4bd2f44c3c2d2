"""Numbers of the regulation, kept in one place per organization (DESIGN.md "The regulation as rules").

An organization stores only its overrides; everything else falls back to these defaults.
"""

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class OrgRules:
    mentor_assignment_days: int = 30  # 3.7: mentor assigned ≤ 30 calendar days after actual start of work
    programme_days: int = 10  # 3.6: programme written ≤ 10 days after approval by order
    report_days: int = 10  # 3.6: both reports ≤ 10 days after the mentorship ends
    mentorship_min_months: int = 1  # 3.7: from one month
    mentorship_max_months: int = 12  # 3.7: to one year
    programme_min_months: int = 3  # 1.2: a personalized programme is short-term, 3 months…
    programme_max_months: int = 12  # 1.2: …to 1 year
    max_mentees_per_mentor: int = 3  # 3.7: no more than three at the same time
    invite_ttl_days: int = 14  # our own: how long an invite link stays valid
    reminder_days_before: tuple[int, ...] = (3, 1, 0)  # reminders 3 days before, 1 day before, on the day
    quiet_start_hour: int = 9  # reminders go out from 09:00…
    quiet_end_hour: int = 20  # …to 20:00 in the school's time zone
    digest_hour: int = 9  # the curator's daily digest
    yearly_refresh_last_day: int = 30  # 3.5: the refresh of the mentee list is due by 30 September

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None) -> "OrgRules":
        known = {f.name for f in fields(cls)}
        clean: dict[str, Any] = {}
        for key, value in (overrides or {}).items():
            if key not in known:
                continue
            if key == "reminder_days_before":
                clean[key] = tuple(sorted({int(v) for v in value}, reverse=True))
            else:
                clean[key] = int(value)
        return cls(**clean)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
