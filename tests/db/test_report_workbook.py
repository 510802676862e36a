"""The 周报 workbook, reopened with openpyxl: sheets, figures, formats, charts, inert text.

Built from the hand-made county of tests/db/report_dataset.py (figures worked out there);
SQLite only: the data behind it is checked on both databases in test_report_data.py.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from desktop.db.models import Case, CheckIn, Jurisdiction, RotaDuty
from desktop.services import report_period as rp
from desktop.services.report_data import build_report, top_center
from desktop.services.report_lists import detail_rows
from reports import style as st
from reports.workbook import write_report
from tests.db.report_dataset import at, build

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
SHEETS = ["封面", "汇总", "按街道", "按类别", "按渠道", "按部门", "办理进度", "超期件", "重复投诉",
          "出勤", "趋势", "明细"]  # fmt: skip
NASTY = ['=HYPERLINK("http://example.com","点我")', "+1+2", "-3", "@SUM(A1)", "\t=1", "\r=2"]


def _write(session_factory, tmp_path, week: str, *, nasty: bool = False, now=None):
    with session_factory.begin() as s:
        data = build(s)
        if nasty:  # user text that a spreadsheet would run as a formula
            s.get(Case, data.ids["c3"]).title = NASTY[0]
            s.get(Case, data.ids["c5"]).title = NASTY[1]
            s.get(Jurisdiction, data.w.east.id).name = NASTY[3]
        # the roster: 王调解 (司法局) due 28 and 29 Sep, checked in on the 28th only;
        # 公安局 due on the 28th with nobody named (a gap counts as absent)
        w = data.w
        clerk = w.f.staff(w.justice, "王调解")
        for day, staff, department in ((28, clerk, w.justice), (29, clerk, w.justice),
                                       (28, None, w.police)):  # fmt: skip
            s.add(RotaDuty(center_id=w.center.id, day=date(2026, 9, day),
                           department_id=department.id,
                           staff_id=staff.id if staff else None))  # fmt: skip
        s.add(CheckIn(center_id=w.center.id, staff_id=clerk.id, day=date(2026, 9, 28),
                      checked_in_at=at(9, 28, 8), method="pin"))  # fmt: skip
    period = rp.parse_week(week)
    with session_factory() as s:
        report = build_report(session=s, principal=data.supervisor, center=top_center(s),
                              period=period, now=now or at(10, 12, 9))  # fmt: skip
        rows = detail_rows(session=s, principal=data.supervisor, period=report.period)
        path = write_report(report, tmp_path / "周报.xlsx", detail=rows)
    return load_workbook(path)


def test_weekly_workbook_layout_and_figures(session_factory, tmp_path):
    wb = _write(session_factory, tmp_path, "2026-W40")
    assert wb.sheetnames == SHEETS
    summary = wb["汇总"]
    assert "A1:H1" in {str(r) for r in summary.merged_cells.ranges}
    assert summary["A1"].value == "测试县综治中心 一周一反馈（周报） · 汇总"
    rows = {summary.cell(r, 1).value: r for r in range(4, 14)}
    intake, rate = rows["受理量"], rows["办结率"]
    # 受理量 5, 环比 (5 − 4) ÷ 4, 同比 (5 − 1) ÷ 1; 上期 4, 去年同期 1
    assert [summary.cell(intake, c).value for c in range(2, 7)] == [5, 0.25, 4, 4, 1]
    assert summary.cell(intake, 3).number_format == st.CHANGE_PERCENT
    # 办结率 3/5 = 60 %, last week 1/4 = 25 %: 35 points up
    assert summary.cell(rate, 2).value == 0.6 and summary.cell(rate, 2).number_format == "0.0%"
    assert summary.cell(rate, 3).value == pytest.approx(35.0)
    assert summary.cell(rate, 3).number_format == st.CHANGE_POINTS
    assert summary.cell(rows["满意率"], 5).value == "—"  # no follow-up last week: 0 ÷ 0
    assert summary.freeze_panes == "A4"
    assert summary.page_setup.orientation == "landscape" and summary.page_setup.fitToWidth == 1
    assert summary.print_title_rows == "$1:$3"
    rules = {str(r.sqref) for r in summary.conditional_formatting}
    assert f"B{rows['按期办结率']}" in rules and f"B{rows['超期件']}" in rules
    assert len(summary._charts) == 1 and len(wb["按类别"]._charts) == 1
    streets = wb["按街道"]
    assert [streets.cell(r, 1).value for r in (4, 5, 6)] == ["东街道", "西街道", "合计"]
    assert [streets.cell(r, 2).value for r in (4, 5, 6)] == [3, 2, 5]
    departments = [wb["按部门"].cell(r, 1).value for r in range(4, 8)]
    assert departments == ["公安局", "司法局", "未派单", "合计"]
    overdue = wb["超期件"]
    assert [overdue.cell(r, 2).value for r in (4, 5)] == ["R2026-0003", "R2026-0005"]
    assert overdue.cell(5, 13).value == "李*" and overdue.cell(5, 14).value == "138****0005"
    # Rows after the first are written as XML after the save (reports/fast_rows): the same
    # cells, instants as China-time dates in the date format. c5 registered 09-30 09:00.
    assert overdue.cell(5, 8).value == datetime(2026, 9, 30, 9, 0)
    assert overdue.cell(5, 8).number_format == st.DATETIME and overdue.cell(5, 1).value == 2
    attendance = [[c.value for c in row] for row in wb["出勤"].iter_rows(min_row=4)]
    assert attendance == [["公安局", 1, 0, 0, 1, 0], ["司法局", 2, 1, 0, 1, 0.5]]
    detail = wb["明细"]
    # accepted ∪ resolved ∪ overdue ∪ followed up ∪ repeats: c1–c7, c9, c12, c15, c16
    assert detail.max_row - 3 == 11
    ticks = [detail.cell(r, 17).value for r in range(4, detail.max_row + 1)]  # 计入超期件
    assert ticks.count("✓") == 2


def test_a_running_week_says_when_its_open_cases_were_counted(session_factory, tmp_path):
    wb = _write(session_factory, tmp_path, "2026-W40", now=at(10, 2, 15))  # Friday 15:00
    assert wb["封面"]["C6"].value == "2026年第40周（2026年9月28日—2026年10月4日，截至2026年10月2日0时）"
    assert "期末按2026年10月2日0时计" in wb["超期件"]["A2"].value
    # at 2 Oct 00:00: c3 (due 26 Sep), c4 (30 Sep, resolved later that day), c5 (1 Oct)
    overdue = wb["超期件"]
    assert [overdue.cell(r, 2).value for r in (4, 5, 6)] == ["R2026-0003", "R2026-0004",
                                                            "R2026-0005"]  # fmt: skip
    detail = wb["明细"]
    assert [detail.cell(r, 17).value for r in range(4, detail.max_row + 1)].count("✓") == 3


def test_user_text_is_never_a_formula(session_factory, tmp_path):
    wb = _write(session_factory, tmp_path, "2026-W40", nasty=True)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.value in NASTY:
                    seen.add(cell.value)
                    assert cell.data_type == "s"
    assert seen == {NASTY[0], NASTY[1], NASTY[3]}
    assert st.inert("\t=1") and st.inert("\r=2") and not st.inert("正常文本")


def test_week_53_and_an_empty_week_still_read(session_factory, tmp_path):
    wb = _write(session_factory, tmp_path, "2026-W53")
    summary = wb["汇总"]
    assert {summary.cell(r, 4).value for r in range(4, 14)} == {"—"}  # 同比: no 2025-W53
    assert "上年无对应周次" in wb["封面"]["C8"].value


def test_empty_week_is_zeros_and_dashes(session_factory, tmp_path):
    wb = _write(session_factory, tmp_path, "2026-W10")
    summary = wb["汇总"]
    values = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, 14)}
    assert values["受理量"] == 0 and values["办结率"] == "—" and values["平均办理时长"] == "—"
    assert wb["超期件"]["A4"].value is not None
    assert wb["明细"].max_row == 3  # the header only
