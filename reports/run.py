"""One report or export from a database session to a file: what `govdesk report` runs.

Read-only on the case data; the caller records the run in the audit log and owns the
transaction. Reports speak for a whole center, with personal data masked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.db.models import Center
from desktop.domain.enums import NamedQueue
from desktop.services.case_filters import CaseFilter, Sort
from desktop.services.meta import clock_for
from desktop.services.report_data import build_report, center_principal
from desktop.services.report_lists import detail_rows
from desktop.services.report_period import Period
from reports.case_list import write_case_list
from reports.workbook import write_report

Progress = Callable[[str], None]
STEP_WORDS = {"figures": "统计指标", "breakdowns": "分类汇总", "lists": "超期与重复清单",
              "trend": "趋势", "cover": "写入封面", "summary": "写入汇总", "detail": "写入明细"}  # fmt: skip


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int  # 明细 rows, or exported cases
    seconds: float


def report_file(*, session: Session, center: Center, period: Period, path: Path, actor: str,
                detail: bool = True, progress: Progress | None = None) -> Written:  # fmt: skip
    """Build the report data for the center and write the 周报 / 月报 workbook."""
    say = progress or (lambda _text: None)
    started = time.perf_counter()
    principal = center_principal(session, center, actor)
    report = build_report(session=session, principal=principal, center=center, period=period,
                          progress=lambda step: say(STEP_WORDS.get(step, step)))  # fmt: skip
    counted = []

    def rows():
        for row in detail_rows(session=session, principal=principal, period=report.period):
            counted.append(None)
            yield row

    write_report(report, path, detail=rows() if detail else None,
                 progress=lambda step: say(STEP_WORDS.get(step, step)))  # fmt: skip
    return Written(Path(path), len(counted), time.perf_counter() - started)


def export_file(*, session: Session, center: Center, queue: NamedQueue, path: Path, actor: str,
                progress: Progress | None = None) -> Written:  # fmt: skip
    """Every case of a named queue, for the whole center: the case list's own export (A1)."""
    say = progress or (lambda _text: None)
    started = time.perf_counter()
    principal = center_principal(session, center, actor)
    result = write_case_list(
        session=session, principal=principal, filter=CaseFilter(queue=queue), sort=Sort(),
        path=path, report=lambda done, total, _text: say(f"已写入 {done:,} / {total:,} 件"),
        cancelled=lambda: False, now=clock_for(session).now(),
    )  # fmt: skip
    return Written(Path(path), result.rows if result else 0, time.perf_counter() - started)


def rota_file(*, session: Session, center: Center, month: date, path: Path) -> Path:
    """The month's printable rota with its attendance (read-only)."""
    from desktop.services.roster_attendance import attendance_summary
    from desktop.services.roster_grid import month_grid, namesakes
    from reports.rota_sheet import write_rota

    now = clock_for(session).now()
    grid = month_grid(session=session, center_id=center.id, month=month, now=now)
    days = [d.day for d in grid.days]
    attendance = attendance_summary(session=session, center_id=center.id, start=days[0],
                                    end=days[-1] + timedelta(days=1), as_of=now)  # fmt: skip
    return write_rota(grid, attendance, path, twins=namesakes(session), printed_at=now)
