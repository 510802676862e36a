"""Making reports from the 报表 page: the same workbook as the command line, the audit log,
opening the result, and Cancel leaving no file (both databases)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from desktop.db.models import AuditEntry
from tests.ui.test_reports_page import W40, choose_week, open_page


@pytest.fixture
def page(qtbot, runner, session_factory, tmp_path):
    return open_page(qtbot, runner, session_factory, tmp_path)


def _audit(session_factory):
    with session_factory() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_generate_writes_the_command_lines_workbook(qtbot, page, session_factory, tmp_path):
    from openpyxl import load_workbook

    from desktop import cli

    data, controller = page
    choose_week(qtbot, controller, W40)
    with qtbot.waitSignal(controller.sig_report_made, timeout=60_000) as made:
        qtbot.mouseClick(controller.view.generate_button, Qt.MouseButton.LeftButton)
    path = made.args[0].path
    out = tmp_path / "reports"
    assert path == out / "测试周报-2026-W40.xlsx" and path.is_file()
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left
    url = session_factory.kw["bind"].url.render_as_string(hide_password=False)
    by_cli = tmp_path / "cli.xlsx"
    assert cli.main(["--db", url, "report", "weekly", "--week", "2026-W40", "--center", "测试",
                     "-o", str(by_cli)]) == 0  # fmt: skip
    ours, theirs = load_workbook(path), load_workbook(by_cli)
    assert ours.sheetnames == theirs.sheetnames
    for name in ours.sheetnames:
        mine = [[c for c in row] for row in ours[name].iter_rows(values_only=True)]
        cli_rows = [[c for c in row] for row in theirs[name].iter_rows(values_only=True)]
        if name == ours.sheetnames[0]:  # the cover states when it was made: drop that line
            mine = [r for r in mine if not any("生成" in str(c) for c in r if c)]
            cli_rows = [r for r in cli_rows if not any("生成" in str(c) for c in r if c)]
        assert mine == cli_rows, name
    entries = [e for e in _audit(session_factory) if e.action == "report.weekly"]
    assert [e.actor for e in entries] == ["boss", entries[1].actor]  # the page's, then the CLI's
    assert '"period": "2026-W40"' in entries[0].detail and str(path) in entries[0].detail
    qtbot.waitUntil(lambda: controller.view.recent_table.rowCount() >= 1, timeout=10_000)
    qtbot.mouseClick(controller.view.open_folder_button, Qt.MouseButton.LeftButton)
    assert controller.opened[-1].toLocalFile() == str(out)


def test_cancel_before_the_job_starts_writes_nothing(qtbot, page, session_factory, tmp_path):
    """The reports worker is busy; 生成 queues behind it; Cancel; then it runs: nothing."""
    import threading

    _, controller = page
    choose_week(qtbot, controller, W40)
    release = threading.Event()
    controller._runner.job(lambda _progress: release.wait(10)).run()
    qtbot.mouseClick(controller.view.generate_button, Qt.MouseButton.LeftButton)
    assert not controller.view.cancel_button.isHidden()
    qtbot.mouseClick(controller.view.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: controller.op is None, timeout=20_000)
    assert controller.view.status_label.text() == "已取消：未写入任何文件。"
    assert list((tmp_path / "reports").iterdir()) == []
    assert not [e for e in _audit(session_factory) if e.action.startswith("report.")]


@pytest.mark.pg
def test_cancel_mid_run_leaves_no_file(qtbot, runner, pg_only_url, tmp_path):
    """The job is running, held inside its first query by a lock another session holds;
    Cancel; the lock goes: the job stops at its next step and leaves no file."""
    from desktop.db.engine import make_engine, make_session_factory

    engine = make_engine(pg_only_url)
    factory = make_session_factory(engine)
    try:
        _, controller = open_page(qtbot, runner, factory, tmp_path)
        choose_week(qtbot, controller, W40)
        with engine.connect() as locker:
            locker.execute(text("LOCK TABLE centers IN ACCESS EXCLUSIVE MODE"))
            qtbot.mouseClick(controller.view.generate_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: controller.job_started, timeout=10_000)
            qtbot.mouseClick(controller.view.cancel_button, Qt.MouseButton.LeftButton)
            locker.rollback()  # the job's query now runs; its next step sees the cancel
        qtbot.waitUntil(lambda: controller.op is None, timeout=30_000)
        assert controller.view.status_label.text() == "已取消：未写入任何文件。"
        assert list((tmp_path / "reports").iterdir()) == []
        assert not [e for e in _audit(factory) if e.action.startswith("report.")]
    finally:
        engine.dispose()
