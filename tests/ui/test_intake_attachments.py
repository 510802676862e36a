"""Files dropped on the intake form: thumbnails, refusals naming the file (too big, not an
allowed type by content, over the case total), Del removes one, and the save stores them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Attachment, Case, User
from desktop.services.accounts import principal_for
from desktop.services.catalog import seed_catalog
from desktop.services.drafts import DraftStore
from ui.intake.controller import IntakeController
from ui.intake.view import IntakeView

MB = 1024 * 1024
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def png_bytes() -> bytes:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6feb"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def sized_file(path, head: bytes, size: int):
    """A file of `size` bytes starting with `head` (sparse: quick to make at 30 MB)."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def drop(widget, paths) -> None:
    """What the window system delivers when files are dragged from the desktop."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = widget.rect().center()
    QApplication.sendEvent(widget, QDragEnterEvent(QPointF(centre), Qt.DropAction.CopyAction, data,
                                                   Qt.MouseButton.NoButton,
                                                   Qt.KeyboardModifier.NoModifier))  # fmt: skip
    QApplication.sendEvent(widget, QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, data,
                                              Qt.MouseButton.NoButton,
                                              Qt.KeyboardModifier.NoModifier))  # fmt: skip


@pytest.fixture
def form(qtbot, db_runner, production_db, tmp_path):
    engine = make_engine(production_db.url)
    try:
        with make_session_factory(engine).begin() as session:
            seed_catalog(session)
            principal = principal_for(session, session.get(User, production_db.chief_id))
    finally:
        engine.dispose()
    store = DraftStore(tmp_path / "drafts", production_db.url, production_db.chief_id)
    view = IntakeView()
    qtbot.addWidget(view)
    controller = IntakeController(db_runner, principal, view, drafts=store)
    controller.start()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(view.category._choices) > 0, timeout=5000)
    return view, controller, store, production_db.url


def saved_attachments(url):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.execute(
                select(Attachment.filename, Attachment.mime_type, Attachment.content)
                .join(Case, Case.id == Attachment.case_id)
                .where(Case.title == "leak").order_by(Attachment.id)
            ).all()  # fmt: skip
    finally:
        engine.dispose()


def test_dropped_files_are_checked_by_content_kept_in_the_draft_and_saved(qtbot, form, tmp_path):
    view, controller, store, url = form
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(png_bytes())
    big = sized_file(tmp_path / "全景.jpg", JPEG_HEAD, 30 * MB)
    program = sized_file(tmp_path / "发票.jpg", b"MZ\x90\x00\x03\x00\x00\x00", 4096)
    drop(view, [photo, big, program])

    strip = view.attachments
    assert [strip.list.item(i).text() for i in range(strip.list.count())] == ["现场照片.png"]
    assert not strip.list.item(0).icon().isNull()  # a thumbnail of the photo
    assert strip.error.text().split("\n") == [
        "附件“全景.jpg”超过 10 MB 的大小限制",
        "附件“发票.jpg”不是允许的文件类型（按文件内容判断）。可以添加照片（jpg、png、heic）、"
        "pdf、Word（doc、docx）、Excel（xls、xlsx）和录音（mp3、m4a、amr、wav）",
    ]
    qtbot.waitUntil(lambda: [f.name for d in store.drafts() for f in d.files] == ["现场照片.png"],
                    timeout=1500)  # fmt: skip

    view.category.setFocus()
    qtbot.keyClicks(view.category, "lljf")
    QTest.keyClick(view.category, Qt.Key.Key_Return)
    qtbot.keyClicks(view.title, "leak")
    qtbot.keyClicks(view.parties.rows[0].name, "Zhang San")
    with qtbot.waitSignal(controller.sig_case_registered, timeout=5000):
        QTest.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved_attachments(url) == [("现场照片.png", "image/png", photo.read_bytes())]
    assert store.drafts() == []


def test_the_case_total_holds_and_del_removes_a_file(qtbot, form, tmp_path):
    view, controller, _store, _url = form
    size = 9 * MB + 900 * 1024  # 9.88 MB: five take 49.4 MB, a sixth would pass 50
    paths = [sized_file(tmp_path / f"照片{n}.jpg", JPEG_HEAD + bytes([n]), size)
             for n in range(1, 7)]  # fmt: skip
    drop(view.attachments, paths)
    strip = view.attachments
    assert strip.list.count() == 5
    assert strip.error.text() == "附件“照片6.jpg”未能添加：一件案件的附件合计不能超过 50 MB"
    assert strip.summary.text().startswith("5 个附件，共 49.4 MB")

    strip.list.setFocus()
    strip.list.setCurrentRow(0)
    QTest.keyClick(strip.list, Qt.Key.Key_Delete)
    assert [f.name for f in controller.files.files] == [f"照片{n}.jpg" for n in (2, 3, 4, 5)]
    drop(view.attachments, [paths[-1]])  # now it fits
    assert strip.list.count() == 5 and not strip.error.isVisible()


def test_a_photo_qt_cannot_decode_gets_the_generic_icon(qtbot, form, tmp_path):
    view, controller, _store, _url = form
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    drop(view, [heic])
    assert [(f.name, f.kind, f.mime_type) for f in controller.files.files] == [
        ("IMG_0001.HEIC", "image", "image/heic")
    ]
    assert not view.attachments.list.item(0).icon().isNull()


def test_files_dropped_on_the_case_view_are_attached_all_or_none(qtbot, db_runner, form, tmp_path):
    from ui.cases.detail.controller import CaseController

    view, _controller, _store, url = form
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            case_id = session.scalar(select(Case.id).where(Case.number == "T00001"))
            chief = session.scalars(select(User).where(User.username == "chief")).one()
            principal = principal_for(session, chief)
    finally:
        engine.dispose()
    case = CaseController(db_runner, principal, case_id)
    qtbot.addWidget(case.view)
    case.view.show()
    case.refresh()
    qtbot.waitUntil(lambda: case.loaded is not None and not case._loading, timeout=5000)
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes())
    program = sized_file(tmp_path / "发票.jpg", b"MZ\x90\x00", 2048)

    drop(case.view, [photo, program])
    qtbot.waitUntil(lambda: "发票.jpg" in case.view.error_label.text(), timeout=5000)
    assert "不是允许的文件类型" in case.view.error_label.text()
    assert _attached(url, case_id) == []  # the photo was not attached either

    before = case.loaded
    drop(case.view, [photo])
    qtbot.waitUntil(lambda: case.loaded is not before and not case._loading, timeout=5000)
    assert _attached(url, case_id) == [("现场.png", "image/png", photo.read_bytes())]
    # The case shows it; Enter on it asks to open it, 另存为 to save a copy (by its id).
    files = case.view.attachments_box.files
    assert files.count() == 1 and files.item(0).text().startswith("现场.png")
    files.setCurrentRow(0)
    files.setFocus()
    case.view.sig_attachment_requested.disconnect()  # no viewer or file dialog in a test
    with qtbot.waitSignal(case.view.sig_attachment_requested, timeout=2000) as opened:
        qtbot.keyClick(files, Qt.Key.Key_Return)
    saved = []
    case.view.sig_attachment_requested.connect(lambda *args: saved.append(args))
    qtbot.mouseClick(case.view.attachments_box.save_button, Qt.MouseButton.LeftButton)
    attachment_id = _attachment_ids(url, case_id)[0]
    assert opened.args == [attachment_id, False] and saved[-1] == (attachment_id, True)


def _attachment_ids(url, case_id):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Attachment.id).where(Attachment.case_id == case_id)))
    finally:
        engine.dispose()


def _attached(url, case_id):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.execute(
                select(Attachment.filename, Attachment.mime_type, Attachment.content)
                .where(Attachment.case_id == case_id).order_by(Attachment.id)
            ).all()  # fmt: skip
    finally:
        engine.dispose()
