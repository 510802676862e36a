"""The long lists of a report workbook (超期件, 明细), written as XML rows after openpyxl saves.

openpyxl builds a cell object per value and writes it through lxml (about 45 µs a cell here):
24,000 overdue cases took 9 s of an annual report. The list sheets' rows are plain (no style
of their own but a date format), so a sheet writes its title, header and first data row with
openpyxl as before and defers the rest: `defer` keeps them on the workbook, and `inject`,
after `wb.save`, puts them into that sheet's <sheetData> as XML, each cell with the style of
the same column in the first data row (the template). Text is always an inline string, never
a formula, whatever it begins with; instants become Excel date numbers in China time.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from desktop.clock import to_local
from reports.text_sheet import column_letter, escape

_ATTR = "_govdesk_deferred_rows"
_EXCEL_EPOCH = datetime(1899, 12, 30)
_ROW = re.compile(r'<row r="(\d+)"[^>]*>(.*?)</row>', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>)')
_STYLE = re.compile(r's="(\d+)"')


def defer(ws, template_row: int, template: list, rows: list[list]) -> None:
    """Rows to follow `template_row` on `ws`, which openpyxl wrote from the values `template`
    (one value per column, as the rows have them)."""
    if rows:
        if getattr(ws.parent, _ATTR, None) is None:
            setattr(ws.parent, _ATTR, {})
        getattr(ws.parent, _ATTR)[ws.title] = (template_row, template, rows)


def save(wb, path: Path) -> None:
    """`wb.save(path)` with the deferred rows written in."""
    wb.save(path)
    inject(wb, path)


def inject(wb, path: Path) -> None:
    """Write the deferred rows into the saved workbook at `path` (rewritten in place)."""
    deferred = getattr(wb, _ATTR, None)
    if not deferred:
        return
    parts = {f"xl/worksheets/sheet{i}.xml": ws.title
             for i, ws in enumerate(wb.worksheets, start=1) if ws.title in deferred}  # fmt: skip
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rows-", suffix=".xlsx")
    os.close(handle)
    try:
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for info in source.infolist():
                if info.filename in parts:
                    xml = source.read(info).decode("utf-8")
                    xml = _with_rows(xml, *deferred[parts[info.filename]])
                    target.writestr(info.filename, xml.encode("utf-8"))
                else:
                    with source.open(info) as src, target.open(info.filename, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _with_rows(xml: str, template_row: int, template: list, rows: list[list]) -> str:
    styles = _template_styles(xml, template_row)
    letters = [column_letter(i) for i in range(max(len(r) for r in rows))]
    # An instant in a column the template left empty takes a date column's style.
    dated = [letters[i] for i, v in enumerate(template) if isinstance(v, datetime)]
    date_style = styles.get(dated[0], "") if dated else ""
    out = []
    for number, values in enumerate(rows, start=template_row + 1):
        cells = []
        for letter, value in zip(letters, values, strict=False):
            style = styles.get(letter) or (date_style if isinstance(value, datetime) else "")
            cell = _cell(f"{letter}{number}", value, style)
            if cell:
                cells.append(cell)
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    last = template_row + len(rows)
    xml = re.sub(r'<dimension ref="([A-Z]+\d+):([A-Z]+)\d+"/>',
                 lambda m: f'<dimension ref="{m[1]}:{m[2]}{last}"/>', xml, count=1)  # fmt: skip
    return xml.replace("</sheetData>", "".join(out) + "</sheetData>", 1)


def _template_styles(xml: str, template_row: int) -> dict[str, str]:
    """Column letter -> ' s="N"' of each cell of the template row."""
    for found in _ROW.finditer(xml):
        if int(found[1]) == template_row:
            styles = {}
            for letter, attributes in _CELL.findall(found[2]):
                style = _STYLE.search(attributes)
                styles[letter] = f' s="{style[1]}"' if style else ""
            return styles
    raise ValueError(f"template row {template_row} not in the sheet")


def _cell(ref: str, value, style: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        local = to_local(value).replace(tzinfo=None)
        serial = (local - _EXCEL_EPOCH).total_seconds() / 86_400
        return f'<c r="{ref}"{style}><v>{serial!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
