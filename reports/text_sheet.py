"""A one-sheet .xlsx of plain text, streamed row by row straight into the zip file.

The case-list export writes a million cells of text and nothing else: no styles, numbers or
formulas. Spreadsheet libraries spend most of their time per cell on what such a sheet never
uses (XlsxWriter in constant-memory mode: 60 % of the export; openpyxl write-only more), so
this writes the few fixed parts of the package and then the sheet's XML rows as they come,
compressed on the fly: memory stays flat and a row costs one string join.

Every value is an inline string cell: a text beginning with =, +, -, @, a tab or a carriage
return is text, never a formula. Characters XML 1.0 cannot hold (and the carriage return,
which XML would turn into a line feed) are written as OOXML's _xHHHH_ escapes, as Excel does.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPES = _HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = _HEAD + (
    f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_BOOK_RELS = _HEAD + (
    f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = _HEAD + (
    f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_CORE = _HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:creator>GovDesk 综治中心工作台</dc:creator></cp:coreProperties>"
)
# What a text cell cannot hold as it is: markup, XML-illegal controls, CR, and a literal
# "_xHHHH_" (which Excel would read as an escape).
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape_match(match: re.Match) -> str:
    text = match.group()
    if text in _ENTITIES:
        return _ENTITIES[text]
    if text.startswith("_x"):
        return "_x005F" + text  # the underscore itself escaped
    return f"_x{ord(text):04X}_"


def escape(text: str) -> str:
    """A text as the content of an inline string's <t>."""
    return _SPECIAL.sub(_escape_match, text) if _SPECIAL.search(text) else text


def column_letter(index: int) -> str:
    """A, B, … Z, AA, … for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class TextSheetWriter:
    """Write `header()` once, then `row()`s, then `close()`; `discard()` drops the file."""

    def __init__(self, path: Path, sheet_name: str, widths: Sequence[float]) -> None:
        self.path = Path(path)
        self._letters = [column_letter(i) for i in range(len(widths))]
        self._rows = 0
        self._zip = zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        for name, text in (
            ("[Content_Types].xml", _TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("docProps/core.xml", _CORE),
            ("xl/_rels/workbook.xml.rels", _BOOK_RELS),
            ("xl/styles.xml", _STYLES),
            ("xl/workbook.xml", _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
             f'<sheet name={quoteattr(sheet_name[:31])} sheetId="1" r:id="rId1"/>'
             "</sheets></workbook>"),
        ):  # fmt: skip
            self._zip.writestr(name, text)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        self._write(
            _HEAD + f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        )

    def _write(self, text: str) -> None:
        self._sheet.write(text.encode("utf-8"))

    def _row_xml(self, values: Sequence[str], style: str) -> str:
        self._rows += 1
        n = self._rows
        cells = [
            f'<c r="{letter}{n}"{style} t="inlineStr"><is><t xml:space="preserve">'
            f"{escape(value)}</t></is></c>"
            for letter, value in zip(self._letters, values, strict=False)
            if value
        ]
        return f'<row r="{n}">{"".join(cells)}</row>'

    def header(self, values: Sequence[str]) -> None:
        self._write(self._row_xml(values, ' s="1"'))

    def rows(self, batch: Sequence[Sequence[str]]) -> None:
        """Append rows of texts ("" leaves the cell out)."""
        self._write("".join([self._row_xml(values, "") for values in batch]))

    def close(self) -> None:
        self._write("</sheetData></worksheet>")
        self._sheet.close()
        self._zip.close()

    def discard(self) -> None:
        """Stop and delete the unfinished file."""
        try:
            self._sheet.close()
            self._zip.close()
        finally:
            self.path.unlink(missing_ok=True)
