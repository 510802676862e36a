"""受理回执: opened from the case view with Ctrl+P, written as a real PDF and read back with
QtPdf: the number, masked phone and ID (never the full ones), the date the person hears back
by (办结 when accepted at the window, the acceptance decision otherwise), A5 or A4, and text
that copies as the right characters (no Kangxi radicals in place of 心, 口, 人, 月, 日)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from sqlalchemy import select, update

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Category, Center, User
from desktop.domain.enums import Channel, PartyRole
from desktop.services.accounts import principal_for
from desktop.services.catalog import seed_catalog
from desktop.services.intake import NewCase, NewParty, SaveAs, register_case
from ui.cases.detail.controller import CaseController
from ui.cases.detail.receipt_dialog import ReceiptDialog

BEIJING = timezone(timedelta(hours=8))
RECEIVED = datetime(2026, 11, 10, 10, 0, tzinfo=BEIJING)  # a Tuesday
PHONE, ID_NUMBER = "13912345678", "159901199001010022"


@pytest.fixture
def cases(production_db):
    """Two 交通事故纠纷 cases of 巴特尔·朝鲁 received on Tue 10 Nov 2026 10:00: one accepted at
    the window, one only registered; {save_as: (case id, number)} and the principal."""
    engine = make_engine(production_db.url)
    made = {}
    try:
        with make_session_factory(engine).begin() as session:
            seed_catalog(session)
            session.execute(update(Center).values(phone="0471-8123456", address="云泽旗新华街1号"))
            principal = principal_for(session, session.get(User, production_db.chief_id))
            category = session.scalar(select(Category.id).where(Category.code == "0109"))
            for save_as in (SaveAs.ACCEPT, SaveAs.REGISTER):
                new = NewCase(title="追尾<b>事故</b>", channel=Channel.WALK_IN,
                              category_id=category, parties=(NewParty(
                                  PartyRole.APPLICANT, "巴特尔·朝鲁", phone=PHONE,
                                  id_number=ID_NUMBER),))  # fmt: skip
                saved = register_case(session=session, principal=principal, new=new,
                                      now=RECEIVED, save_as=save_as)  # fmt: skip
                made[save_as] = (saved.case_id, saved.number)
    finally:
        engine.dispose()
    return made, principal


def pdf_text(path) -> tuple[str, tuple[float, float]]:
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    size = document.pagePointSize(0)
    text = document.getAllText(0).text()
    document.close()
    return flat(text), (round(size.width()), round(size.height()))


def flat(text: str) -> str:
    """Without spaces and line breaks (where a long line wraps is the layout's business)."""
    return "".join(text.split())


def _loaded(qtbot, dialog: ReceiptDialog) -> ReceiptDialog:
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=5000)
    return dialog


def test_a_case_accepted_at_the_window_prints_its_resolution_deadline(
    qtbot, db_runner, cases, tmp_path
):
    made, principal = cases
    case_id, number = made[SaveAs.ACCEPT]
    controller = CaseController(db_runner, principal, case_id)
    qtbot.addWidget(controller.view)
    controller.view.show()
    controller.refresh()
    qtbot.waitUntil(lambda: controller.loaded is not None and not controller._loading)
    controller.view.activateWindow()
    controller.view.refresh_button.setFocus()
    QTest.keyClick(controller.view.refresh_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _loaded(qtbot, controller.receipt)
    assert dialog.page.currentText() == "A5"
    dialog.save_pdf(str(tmp_path / "a5.pdf"))
    text, size = pdf_text(tmp_path / "a5.pdf")
    assert size == (420, 595)  # A5 portrait in points
    for expected in (
        "云泽旗综治中心", "受理回执", f"编号：{number}", "2026-11-10 10:00", "来访/窗口",
        "追尾<b>事故</b>", "矛盾纠纷 › 交通事故纠纷", "巴特尔·朝鲁", "139****5678",
        "159901********0022", "将于2026年11月20日前办结并告知办理结果",  # 10 days from 受理
        "0471-8123456", "云泽旗新华街1号", "受理人（签名）",
    ):  # fmt: skip
        assert flat(expected) in text, expected
    assert PHONE not in text and ID_NUMBER not in text
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]  # 中心, not 中⼼
    dialog.reject()


def test_a_registered_case_prints_its_acceptance_deadline_on_a4(qtbot, db_runner, cases, tmp_path):
    made, principal = cases
    case_id, number = made[SaveAs.REGISTER]
    dialog = ReceiptDialog(db_runner, principal, case_id)
    qtbot.addWidget(dialog)
    _loaded(qtbot, dialog)
    dialog.page.setCurrentIndex(dialog.page.findData("A4"))
    dialog.save_pdf(str(tmp_path / "a4.pdf"))
    text, size = pdf_text(tmp_path / "a4.pdf")
    assert size == (595, 842)
    assert number in text and "139****5678" in text
    # Three working days after Tue 10 Nov: Fri 13 Nov (no 2026 holiday falls between).
    assert "将于2026年11月13日前告知是否受理" in text
    assert "办结并告知" not in text
