"""The roster's seams for other capabilities, in one place to import from.

- `dispatch_candidates(session=, center_id=, at=None, department_ids=None)`: departments in
  dispatch order (on site, on call, due, away) for the 派单 dialog; see roster_today.
- `default_assignee(session=, center_id=, department_id=, at=)`: the dispatch default.
- `attendance_summary(session=, center_id=, start=, end=, as_of=None)`: per-department
  attendance over the local dates [start, end) for the weekly and monthly reports.
- `home_center_id(session=, principal=)`: the center of a user's own jurisdiction.
"""

from __future__ import annotations

from desktop.services.roster_attendance import Attendance, attendance_summary
from desktop.services.roster_rules import home_center_id
from desktop.services.roster_today import (
    Contact,
    DispatchCandidate,
    default_assignee,
    dispatch_candidates,
)

__all__ = [
    "Attendance",
    "Contact",
    "DispatchCandidate",
    "attendance_summary",
    "default_assignee",
    "dispatch_candidates",
    "home_center_id",
]
