"""What a file really is, from its first bytes: the attachment types a case may carry.

The name is not trusted (a renamed program is still a program); it only tells apart the
two Office formats that share one container (an old .doc and .xls are both OLE2 files).
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import PurePath


class FileKind(StrEnum):
    IMAGE = "image"
    PDF = "pdf"
    DOCUMENT = "document"  # doc, docx
    SPREADSHEET = "spreadsheet"  # xls, xlsx
    AUDIO = "audio"


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1"}  # fmt: skip
_M4A_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"isom", b"iso2", b"dash"}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def detect(content: bytes, filename: str = "") -> tuple[FileKind, str] | None:
    """(kind, MIME type) of an allowed file, or None: not an allowed type, whatever its name."""
    head = content[:16]
    suffix = PurePath(filename).suffix.lower()
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.IMAGE, "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.IMAGE, "image/png"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return FileKind.IMAGE, "image/heic"
        # A phone's recorder writes .m4a in an MP4 box; a video with the same brand is refused
        # by its name, as video is not a type a case takes.
        if brand in _M4A_BRANDS and (brand.startswith(b"M4") or suffix == ".m4a"):
            return FileKind.AUDIO, "audio/mp4"
        return None
    if head.startswith(b"%PDF-"):
        return FileKind.PDF, "application/pdf"
    if head.startswith(_OLE2):
        if suffix == ".doc":
            return FileKind.DOCUMENT, "application/msword"
        if suffix == ".xls":
            return FileKind.SPREADSHEET, "application/vnd.ms-excel"
        return None
    if head.startswith(b"PK\x03\x04"):
        return _office_open_xml(content)
    if head.startswith(b"#!AMR"):
        return FileKind.AUDIO, "audio/amr"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return FileKind.AUDIO, "audio/wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2):
        return FileKind.AUDIO, "audio/mpeg"  # an ID3 tag, or an MPEG-1/2 layer III frame
    return None


def _office_open_xml(content: bytes) -> tuple[FileKind, str] | None:
    """docx and xlsx are zip files with a known part inside; any other zip is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return FileKind.DOCUMENT, _DOCX
    if "xl/workbook.xml" in names:
        return FileKind.SPREADSHEET, _XLSX
    return None
