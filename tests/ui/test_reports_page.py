"""The 报表 page on the hand-made county of tests/db/report_dataset.py (both databases):
pickers, the preview and its drill-down, making the 周报 as the command line does, Cancel,
and the recent runs from the audit log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain.metrics import HEADLINE, Metric
from desktop.services import report_period as rp
from tests.db.report_dataset import build
from ui.reports.controller import ReportsController
from ui.reports.generate import ReportKind
from ui.reports.view import ReportsView

W40 = rp.parse_week("2026-W40")


@pytest.fixture
def page(qtbot, runner, session_factory, tmp_path):
    return open_page(qtbot, runner, session_factory, tmp_path)


def open_page(qtbot, runner, session_factory, tmp_path):
    """The hand-made county in the database, and the page on it as its supervisor."""
    with session_factory.begin() as session:
        data = build(session)
    runner.session_factory = session_factory
    view = ReportsView()
    qtbot.addWidget(view)
    controller = ReportsController(runner, data.supervisor, view, view)
    opened = []
    controller.open_url = opened.append  # the desktop's file opener, not our database
    controller.opened = opened
    controller.start()
    qtbot.waitUntil(lambda: controller.today is not None, timeout=10_000)
    out = tmp_path / "reports"  # apart from the SQLite file and its journal
    out.mkdir()
    view.folder_edit.setText(str(out))
    return data, controller


def choose_week(qtbot, controller, period) -> None:
    combo = controller.view.week_combo
    index = next(i for i in range(combo.count()) if combo.itemData(i) == period)
    combo.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: controller.preview is not None and controller.preview.period == period,
        timeout=10_000,
    )


def test_pickers_know_iso_weeks_and_months(page):
    _, controller = page
    view = controller.view
    assert view.center_combo.count() == 1 and view.center_combo.currentText() == "测试县综治中心"
    today = controller.today
    assert view.week_combo.currentData() == rp.last_complete_week(today)
    assert view.month_combo.currentData() == rp.last_complete_month(today)
    codes = [view.week_combo.itemData(i).code for i in range(view.week_combo.count())]
    assert "2026-W40" in codes and len(set(codes)) == len(codes) == 60
    w40 = codes.index("2026-W40")
    assert view.week_combo.itemText(w40) == "2026-W40（09-28 至 10-04）"
    view.kind_combo.setCurrentIndex(view.kind_combo.findData(str(ReportKind.MONTHLY)))
    assert view.month_combo.isVisibleTo(view) and not view.week_combo.isVisibleTo(view)


def test_preview_shows_the_reports_figures_and_opens_their_cases(qtbot, page):
    data, controller = page
    choose_week(qtbot, controller, W40)
    table = controller.view.preview_table
    assert table.rowCount() == len(HEADLINE)
    row = {Metric(table.item(r, 0).data(0x0100)): r for r in range(table.rowCount())}
    # hand-worked in tests/db/test_report_data.py: 受理量 5 (W39: 4), 办结率 3/5, 超期件 2
    assert table.item(row[Metric.INTAKE], 1).text() == "5"
    assert table.item(row[Metric.INTAKE], 2).text() == "4"
    assert table.item(row[Metric.INTAKE], 3).text() == "▲+1"
    assert table.item(row[Metric.RESOLUTION_RATE], 1).text() == "60.0%"
    assert table.item(row[Metric.OVERDUE], 1).text() == "2"
    assert controller.view.file_label.text().endswith("测试周报-2026-W40.xlsx")
    with qtbot.waitSignal(controller.sig_cases_requested, timeout=10_000) as asked:
        table.setCurrentCell(row[Metric.OVERDUE], 0)
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert data.names(asked.args[0].ids) == {"c3", "c5"}
    assert asked.args[1] == "报表 2026-W40 · 超期件"


def test_a_running_week_says_when_its_overdue_cases_are_counted(qtbot, page):
    _, controller = page
    today = controller.today
    running = rp.week_of(today)
    combo = controller.view.week_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == running))
    qtbot.waitUntil(
        lambda: controller.preview is not None and controller.preview.period.code == running.code,
        timeout=10_000,
    )
    assert controller.preview.period.as_of == today
    hint = controller.view.preview_hint.text()
    assert f"本期尚未结束：超期件按 {today:%m-%d} 0时统计。" in hint


def test_the_annual_report_offers_this_year_to_date(qtbot, page):
    _, controller = page
    view, today = controller.view, controller.today
    view.kind_combo.setFocus()
    for _ in range(2):  # 周报 → 月报 → 年报
        qtbot.keyClick(view.kind_combo, Qt.Key.Key_Down)
    assert view.kind() == ReportKind.ANNUAL
    assert view.year_combo.isVisibleTo(view) and not view.week_combo.isVisibleTo(view)
    assert view.year_combo.currentData() == rp.year(today.year)
    assert view.year_combo.count() == 5
    assert view.file_label.text().endswith(f"测试年报-{today.year}.xlsx")
    qtbot.waitUntil(
        lambda: (
            controller.preview is not None and controller.preview.period.code == str(today.year)
        ),
        timeout=10_000,
    )
    assert controller.preview.period.as_of == today  # a running year: open cases at 00:00


def test_a_missing_folder_is_named_and_nothing_runs(qtbot, page, tmp_path):
    _, controller = page
    controller.view.folder_edit.setText(str(tmp_path / "nowhere"))
    qtbot.mouseClick(controller.view.generate_button, Qt.MouseButton.LeftButton)
    assert controller.op is None
    assert controller.view.error_label.text() == f"保存位置：文件夹“{tmp_path / 'nowhere'}”不存在。"
