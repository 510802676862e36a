"""Attachments at intake and on a case: the type read from the content, 10 MB a file and 50 MB
a case, refusals naming the file with nothing saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from desktop.db.models import Attachment, Case, CaseEvent
from desktop.errors import GovDeskError
from desktop.services import attachments
from desktop.services.file_types import FileKind, detect
from desktop.services.intake import NewFile, register_case
from tests.db.test_intake import NOW, new_case
from tests.db.world import build_world

MB = 1024 * 1024
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100  # a Windows program's first bytes


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (JPEG, "现场.jpg", (FileKind.IMAGE, "image/jpeg")),
        (PNG, "现场.jpg", (FileKind.IMAGE, "image/png")),  # the content wins over the name
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "IMG_0001.HEIC", (FileKind.IMAGE, "image/heic")),
        (b"%PDF-1.7\n", "笔录.pdf", (FileKind.PDF, "application/pdf")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "协议.doc",
         (FileKind.DOCUMENT, "application/msword")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "名单.xls",
         (FileKind.SPREADSHEET, "application/vnd.ms-excel")),
        (_office("word/document.xml"), "协议.docx", (FileKind.DOCUMENT,
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
        (_office("xl/workbook.xml"), "名单.xlsx", (FileKind.SPREADSHEET,
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
        (b"ID3\x04\x00" + b"\x00" * 20, "录音.mp3", (FileKind.AUDIO, "audio/mpeg")),
        (b"\xff\xfb\x90\x64" + b"\x00" * 20, "录音.mp3", (FileKind.AUDIO, "audio/mpeg")),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "录音.m4a", (FileKind.AUDIO, "audio/mp4")),
        (b"#!AMR\n" + b"\x00" * 20, "录音.amr", (FileKind.AUDIO, "audio/amr")),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "录音.wav", (FileKind.AUDIO, "audio/wav")),
        (EXE, "照片.jpg", None),  # a renamed program
        (b"\x7fELF\x02\x01\x01", "照片.png", None),
        (_office("payload.bin"), "协议.docx", None),  # a zip that is no Office file
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x00\x00", "视频.mp4", None),  # video is not taken
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "宏.msi", None),
        (b"plain text", "说明.txt", None),
    ],
)  # fmt: skip
def test_the_type_comes_from_the_content(content, name, expected):
    assert detect(content, name) == expected


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
    return session_factory, world


def _attachment_count(env):
    with env[0]() as session:
        return session.scalar(select(func.count()).select_from(Attachment))


def _cases(env):
    with env[0]() as session:
        return session.scalar(select(func.count()).select_from(Case))


def _save(env, files, who="desk"):
    factory, world = env
    with factory.begin() as session:
        return register_case(session=session, principal=world.principals[who],
                             new=new_case(world, files=tuple(files)), now=NOW)  # fmt: skip


def test_files_brought_to_the_window_are_saved_with_the_case(env):
    saved = _save(env, [NewFile("现场.jpg", JPEG), NewFile("笔录.pdf", b"%PDF-1.4 x")])
    with env[0]() as session:
        rows = session.execute(
            select(Attachment.filename, Attachment.mime_type, Attachment.size, Attachment.content)
            .where(Attachment.case_id == saved.case_id).order_by(Attachment.id)
        ).all()  # fmt: skip
        kinds = session.scalars(
            select(CaseEvent.kind).where(CaseEvent.case_id == saved.case_id)
            .order_by(CaseEvent.seq)
        ).all()  # fmt: skip
    assert rows == [("现场.jpg", "image/jpeg", 111, JPEG), ("笔录.pdf", "application/pdf", 10,
                                                             b"%PDF-1.4 x")]  # fmt: skip
    assert kinds == ["register", "attach", "attach"]


@pytest.mark.parametrize(
    ("files", "code", "name"),
    [
        ([NewFile("现场.jpg", JPEG), NewFile("setup.jpg", EXE)], "attachment.type_not_allowed",
         "setup.jpg"),
        ([NewFile("大照片.jpg", JPEG + b"\x00" * (30 * MB))], "attachment.too_large", "大照片.jpg"),
        # Files of 9.88 MB: five take 49.4 MB, the sixth would pass 50 MB.
        ([NewFile(f"照片{n}.jpg", JPEG + b"\x00" * (9 * MB + 900 * 1024)) for n in range(1, 7)],
         "attachment.case_total", "照片6.jpg"),
    ],
)  # fmt: skip
def test_a_refused_file_is_named_and_nothing_is_saved(env, files, code, name):
    before = (_cases(env), _attachment_count(env))
    with pytest.raises(GovDeskError) as refused:
        _save(env, files)
    assert refused.value.code == code and refused.value.params["name"] == name
    assert (_cases(env), _attachment_count(env)) == before


def test_the_case_total_counts_files_attached_later_in_the_case_view(env):
    factory, world = env
    nine = JPEG + b"\x00" * (9 * MB)
    saved = _save(env, [NewFile(f"照片{n}.jpg", nine) for n in range(5)])  # 45 MB + 555 bytes
    with pytest.raises(GovDeskError) as refused, factory.begin() as session:
        attachments.attach(session=session, principal=world.principals["desk"],
                           case_id=saved.case_id, filename="笔录.pdf",
                           content=b"%PDF-1.4" + b"\x00" * (5 * MB), now=NOW)  # fmt: skip
    assert refused.value.code == "attachment.case_total"
    assert refused.value.params["name"] == "笔录.pdf"
    assert _attachment_count(env) == 5
