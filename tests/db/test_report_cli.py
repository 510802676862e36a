"""`govdesk report weekly|monthly|annual|export` on the hand-made county: files, audit log, errors."""

from __future__ import annotations

import getpass
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from desktop.db.models import AuditEntry, Case
from tests.db.report_dataset import build


@pytest.fixture
def county(session_factory):
    with session_factory.begin() as s:
        return build(s)


def test_weekly_report_writes_the_workbook_and_audits_the_os_user(
    db_url, session_factory, county, tmp_path, capsys
):
    out = tmp_path / "周报.xlsx"
    code = main(["--db", db_url, "report", "weekly", "--week", "2026-W40", "-o", str(out)])
    assert code == 0
    assert "已生成周报" in capsys.readouterr().err
    summary = load_workbook(out)["汇总"]
    assert (summary["A4"].value, summary["B4"].value) == ("受理量", 5)
    with session_factory() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.action) == (f"os:{getpass.getuser()}", "report.weekly")
    assert json.loads(entry.detail) == {"center": "测试", "period": "2026-W40",
                                        "file": str(out), "detail_rows": 11}  # fmt: skip


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_monthly_report_and_overdue_export(db_url, session_factory, county, tmp_path):
    with session_factory.begin() as s:
        s.get(Case, county.ids["c3"]).title = "=SUM(1,2)"
    month = tmp_path / "月报.xlsx"
    assert main(["--db", db_url, "report", "monthly", "--month", "2026-09", "--center", "测试",
                 "-o", str(month), "--no-detail"]) == 0  # fmt: skip
    wb = load_workbook(month)
    assert "明细" not in wb.sheetnames and wb["汇总"]["A1"].value.startswith(
        "测试县综治中心 一月一调度"
    )
    export = tmp_path / "超期件.xlsx"
    assert main(["--db", db_url, "report", "export", "--queue", "overdue", "-o", str(export)]) == 0
    sheet = load_workbook(export).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    nasty = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == "=SUM(1,2)"]
    assert [c.data_type for c in nasty] == ["s"]  # a title typed as a formula stays text
    # the overdue queue now (real clock, after Jan 2027 deadlines pass or not): every open,
    # running case whose deadline has passed: c3 c5 c9 c13 c16 by 30 Nov 2026 or later
    assert {r[0] for r in rows} >= {"R2026-0003", "R2026-0005", "R2026-0009", "R2026-0013"}
    with session_factory() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["report.monthly", "report.export"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_annual_report_of_a_past_year(db_url, session_factory, county, tmp_path):
    out = tmp_path / "年报.xlsx"
    assert main(["--db", db_url, "report", "annual", "--year", "2025", "-o", str(out)]) == 0
    wb = load_workbook(out)
    summary = wb["汇总"]
    assert summary["A1"].value == "测试县综治中心 年度报告（年报） · 汇总"
    assert (summary["A4"].value, summary["B4"].value) == ("受理量", 1)  # c11, 29 Sep 2025
    assert wb["封面"]["C6"].value == "2025年（2025年1月1日—2025年12月31日）"  # ended: no 截至
    with session_factory() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert entry.action == "report.annual" and json.loads(entry.detail)["period"] == "2025"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weekly", "--week", "2025-W53"], "周次 2025-W53 不存在"),
        (["monthly", "--month", "2026-13"], "月份 2026-13 无效"),
        (["annual", "--year", "20x6"], "年份 20x6 无效"),
        (["weekly", "--week", "2026-W40", "--center", "火星"], "找不到综治中心“火星”"),
    ],
)
def test_unknown_week_month_or_center_fail_clearly(db_url, county, tmp_path, capsys, args,
                                                   message):  # fmt: skip
    assert main(["--db", db_url, "report", *args, "-o", str(tmp_path / "x.xlsx")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
