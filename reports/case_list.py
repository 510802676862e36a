"""A case list (every row of a filter, not only those on screen) as an .xlsx workbook.

A long job: call it on a worker thread with a session of its own. It streams the rows into
a plain text sheet (reports/text_sheet.py: memory stays flat at a million rows, and a row
costs a string join rather than a spreadsheet library's per-cell work) in a temporary file
beside the target, renamed into place only when complete: a cancelled or failed export
leaves no file. Every cell is text, so user text that begins with =, +, -, @, a tab or a
carriage return stays text. The rows come from one streaming query in the list's order
(queues.stream_rows), counted first. Personal data comes masked from the queue service,
exactly as the list shows it.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.labels import DEFAULT_LANG, label, label_of
from desktop.services import queues
from desktop.services.meta import clock_for
from desktop.services.queues import CaseFilter, CaseRow, Sort
from reports.text_sheet import TextSheetWriter

EXCEL_MAX_ROWS = 1_048_576  # rows in one Excel sheet, the header row included
CHUNK = 2_000  # rows read from the streaming query between progress reports

COLUMNS = (
    "number", "received_at", "title", "category", "channel", "street", "grid", "status",
    "due_at", "deadline_colour", "supervision", "risk", "claimed_by", "applicant",
    "applicant_phone",
)  # fmt: skip
WIDTHS = {"number": 18, "received_at": 17, "title": 36, "due_at": 17, "category": 14}

Report = Callable[[int, int, str], None]  # (done, total, text)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _time(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def row_values(row: CaseRow, lang: str = DEFAULT_LANG) -> list[str]:
    """One case as the sheet's cells, in COLUMNS order (display words from the label table)."""
    due = _time(row.due_at)
    if due and row.due_provisional:
        due += " " + label("case_column", "provisional", lang)
    colour = _word(row.deadline_colour, lang) if row.deadline_colour else ""
    supervision = _word(row.supervision, lang) if row.supervision != "none" else ""
    return [
        row.number, _time(row.received_at), row.title, row.category_name or "",
        _word(row.channel, lang), row.street_name or "", row.grid_name or "",
        _word(row.status, lang), due, colour, supervision, _word(row.risk, lang),
        row.claimed_by_name or "", row.applicant_name or "", row.applicant_phone or "",
    ]  # fmt: skip


def _word(value, lang: str) -> str:
    """A code's display word, looked up once per export rather than four times a row."""
    return _cached_word(type(value), value, lang)


@functools.cache
def _cached_word(kind: type, value, lang: str) -> str:
    # Keyed by the enum type too: StrEnum members of different enums with the same code
    # ("normal": a risk, a 督办 level) are equal and hash alike.
    return label_of(value, lang)


def write_case_list(
    *,
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    sort: Sort,
    path: Path,
    report: Report,
    cancelled: Callable[[], bool],
    lang: str = DEFAULT_LANG,
    now: datetime | None = None,
) -> ExportResult | None:
    """Write every case of (filter, sort) to `path`; None when cancelled (no file left).

    Refuses (`export.too_many_rows`) before writing anything when the list would not fit in
    one sheet.
    """
    now = now or clock_for(session).now()
    total = queues.count(session=session, principal=principal, filter=filter, now=now)
    if total + 1 > EXCEL_MAX_ROWS:
        raise GovDeskError("export.too_many_rows", count=total, limit=EXCEL_MAX_ROWS - 1)
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    sheet = TextSheetWriter(partial, label("case_column", "sheet", lang),
                            [WIDTHS.get(column, 11) for column in COLUMNS])  # fmt: skip
    sheet.header([label("case_column", c, lang) for c in COLUMNS])
    written = 0
    batches = queues.stream_rows(session=session, principal=principal, filter=filter, sort=sort,
                                 now=now, batch=CHUNK)  # fmt: skip
    finished = False
    try:
        for rows in batches:
            if cancelled():
                return None
            written += len(rows)
            if written + 1 > EXCEL_MAX_ROWS:  # cases registered since the count
                raise GovDeskError("export.too_many_rows", count=written,
                                   limit=EXCEL_MAX_ROWS - 1)  # fmt: skip
            sheet.rows([row_values(row, lang) for row in rows])
            report(written, max(total, written), "")
        if cancelled():
            return None
        sheet.close()
        finished = True
        os.replace(partial, path)
    finally:
        batches.close()  # the streaming query ends here, whatever happened
        if not finished:
            sheet.discard()
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    report(written, written, "")
    return ExportResult(path=path, rows=written)
