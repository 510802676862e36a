"""Making one report from the page: the command line's builders, on the reports worker.

The workbook is written to a hidden temporary file beside the target and renamed into
place only when complete, so a cancelled or failed run leaves no file (and never half of
one). The run is recorded in the audit log as the command line records it, with the
signed-in user as the actor.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.domain.enums import NamedQueue
from desktop.services.report_period import Period
from ui.tasks import Progress


class ReportKind(StrEnum):
    WEEKLY = "weekly"  # 周报
    MONTHLY = "monthly"  # 月报
    ANNUAL = "annual"  # 年报 (this year to date, or a past year)
    EXPORT = "export"  # 案件清单导出 (a named queue of the whole center)


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    center_id: int
    path: Path
    actor: str  # the signed-in user's name, for the audit log
    period: Period | None = None  # 周报 / 月报 / 年报
    queue: NamedQueue | None = None  # export


@dataclass(frozen=True)
class Made:
    path: Path
    rows: int


def default_name(kind: ReportKind, short_name: str, code: str) -> str:
    """The command line's file name for the same report."""
    if kind == ReportKind.EXPORT:
        return f"{short_name}-{code}.xlsx"
    name = {ReportKind.WEEKLY: "周报", ReportKind.MONTHLY: "月报", ReportKind.ANNUAL: "年报"}[kind]
    return f"{short_name}{name}-{code}.xlsx"


def make_report(progress: Progress, session_factory, request: ReportRequest) -> Made:
    """Reports worker only. Raises ui.tasks.Cancelled when the user cancels."""
    from desktop.db.models import Center
    from desktop.services.audit import record
    from reports.run import export_file, report_file

    def step(text: str) -> None:
        progress.check()
        progress(0, 0, text)

    target = Path(request.path)
    partial = target.with_name(f".{target.name}.part")
    try:
        step("")  # started: the page learns the job runs (a cancel from now on is mid-run)
        with session_factory() as session:
            center = session.get(Center, request.center_id)
            common = {"session": session, "center": center, "path": partial,
                      "actor": request.actor, "progress": step}  # fmt: skip
            if request.kind == ReportKind.EXPORT:
                written = export_file(queue=request.queue, **common)
                detail = {"center": center.short_name, "queue": str(request.queue)}
            else:
                written = report_file(period=request.period, **common)
                detail = {"center": center.short_name, "period": request.period.code}
        progress.check()  # a cancel during the last write still leaves nothing behind
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    with session_factory.begin() as session:
        rows_key = "rows" if request.kind == ReportKind.EXPORT else "detail_rows"
        detail.update({"file": str(target), rows_key: written.rows})
        record(session=session, actor=request.actor, action=f"report.{request.kind}",
               detail=detail)  # fmt: skip
    return Made(path=target, rows=written.rows)
