"""The admin's holiday and make-up-day entries, and the 期限重算 they trigger."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import CalendarDay
from desktop.domain.enums import DayKind
from desktop.errors import GovDeskError
from desktop.services.deadlines import recompute_provisional
from desktop.services.meta import clock_for
from desktop.services.roster_rota import flag_calendar_changes


@dataclass(frozen=True)
class DayEntry:
    day: date
    kind: DayKind
    note: str | None = None


@dataclass(frozen=True)
class CalendarChange:
    days: int
    recomputed_case_ids: tuple[int, ...]
    flagged_rota_days: int = 0  # generated rota days the change moved (left as they were)


def parse_entry(day: str, kind: str, note: str | None = None) -> DayEntry:
    try:
        parsed = date.fromisoformat(day.strip())
    except ValueError:
        raise GovDeskError("calendar.bad_date", value=day) from None
    try:
        day_kind = DayKind(kind.strip().lower())
    except ValueError:
        raise GovDeskError("calendar.bad_kind", value=kind) from None
    return DayEntry(parsed, day_kind, (note or "").strip() or None)


def read_csv(path: Path) -> list[DayEntry]:
    """Rows `date,kind[,note]` (a header row is allowed); any bad row refuses the whole file."""
    entries = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for number, row in enumerate(csv.reader(fh), start=1):
            if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
                continue
            if number == 1 and row[0].strip().lower() in ("date", "日期"):
                continue
            if len(row) < 2:
                raise GovDeskError("calendar.bad_row", row=number, value=",".join(row))
            try:
                entries.append(parse_entry(row[0], row[1], row[2] if len(row) > 2 else None))
            except GovDeskError as err:
                raise GovDeskError("calendar.bad_row", row=number,
                                   value=err.params.get("value", "")) from err
    return entries


def set_days(*, session: Session, entries: list[DayEntry], actor_id: int | None = None,
             now: datetime | None = None) -> CalendarChange:
    """Store the entries (a later entry for the same day wins) and recompute deadlines."""
    now = now or clock_for(session).now()
    for entry in entries:
        row = session.get(CalendarDay, entry.day)
        if row is None:
            session.add(CalendarDay(day=entry.day, kind=str(entry.kind), note=entry.note))
        else:
            row.kind, row.note = str(entry.kind), entry.note
    session.flush()
    changed = recompute_provisional(session=session, actor_id=actor_id, now=now)
    flagged = flag_calendar_changes(session=session, now=now)
    return CalendarChange(len(entries), tuple(changed), flagged)


def list_days(*, session: Session, year: int | None = None) -> list[DayEntry]:
    stmt = select(CalendarDay).order_by(CalendarDay.day)
    if year is not None:
        stmt = stmt.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    return [DayEntry(r.day, DayKind(r.kind), r.note) for r in session.scalars(stmt)]
