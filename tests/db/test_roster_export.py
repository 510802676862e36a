"""`govdesk roster export`: the printed rota read back with openpyxl (both databases).

October 2025 as in tests/db/test_roster_edits.py, published, then 赵书记 (16th) and 钱书记
(21st) swap. Columns: A is the window, B is 1 October … AF is 31 October (day d in column
d + 1); rows 3–5 are the headers, then one row per window, then 公安局 (no window).
"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from desktop.db.models import AuditEntry, CheckIn, RotaDuty, Staff
from desktop.services.roster_edits import publish_month, swap
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.world import build_world, local

OCT = date(2025, 10, 1)


@pytest.fixture
def county(session_factory):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        ids = world.ids
        boss = world.principals["supervisor"]
        generate_month(session=session, principal=boss, center_id=ids["county_center"],
                       month=OCT, now=local(2025, 9, 20, 9, 0))  # fmt: skip
        session.add(CheckIn(center_id=ids["county_center"], staff_id=ids["justice_staff"],
                            day=date(2025, 10, 13), method="pin",
                            checked_in_at=local(2025, 10, 13, 8, 25)))  # fmt: skip
        # A second 周民警 in 公安局: the printed names carry the 工号 to tell them apart.
        session.add(Staff(name="周民警", department_id=ids["police"]))
        session.get(Staff, ids["prosecutor_sun"]).name = "=1+1"  # user text stays text
        publish_month(session=session, principal=boss, center_id=ids["county_center"],
                      month=OCT, now=local(2025, 9, 30, 9, 0))  # fmt: skip

        def duty(staff, day):
            return session.scalar(select(RotaDuty.id).where(
                RotaDuty.staff_id == ids[staff], RotaDuty.day == date(2025, 10, day)))  # fmt: skip

        swap(session=session, principal=boss, duty_id=duty("clerk_zhao", 16),
             other_duty_id=duty("clerk_qian", 21), now=local(2025, 10, 10, 9, 0))  # fmt: skip
    return world


def test_the_printed_rota(db_url, session_factory, county, tmp_path, capsys):
    out = tmp_path / "排班表.xlsx"
    assert main(["--db", db_url, "roster", "export", "--month", "2025-10", "--center", "云泽",
                 "-o", str(out)]) == 0  # fmt: skip
    assert "已导出排班表" in capsys.readouterr().err
    wb = load_workbook(out)
    assert wb.sheetnames == ["排班表", "出勤汇总"]
    ws = wb["排班表"]
    assert ws["A1"].value == "云泽旗综治中心 2025年10月排班表"
    assert ws["A2"].value.startswith("状态：已发布（supervisor 2025-09-30 09:00）")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:AF1", "A2:AF2", "A3:A5", "B3:AF3"} <= merged
    assert (ws["A3"].value, ws["B3"].value) == ("窗口", "2025年10月")
    assert [ws.cell(4, c).value for c in (2, 3, 32)] == [1, 2, 31]
    assert [ws.cell(5, c).value for c in (2, 12, 13)] == ["三", "六", "日"]
    fills = {day: ws.cell(4, day + 1).fill.fgColor.rgb[-6:] for day in (1, 4, 9, 11, 12)}
    # 1 and 4 October: National Day; 11th: make-up Saturday; 12th: an ordinary Sunday.
    assert fills == {1: "F8CBAD", 4: "F8CBAD", 9: "DCE6F1", 11: "E2EFDA", 12: "D9D9D9"}
    assert ws.cell(6, 2).fill.fgColor.rgb[-6:] == "F8CBAD"  # the body is shaded too
    assert [ws.cell(r, 1).value for r in range(6, 10)] == [
        "综合性法律服务窗口",
        "诉调对接中心",
        "人民调解室",
        "公安局",
    ]
    ids = county.ids
    assert ws.cell(6, 10).value == "王调解（司法）"  # 9 October
    assert ws.cell(6, 2).value is None  # 1 October: a holiday, nobody
    assert ws.cell(7, 10).value == "赵书记（法院）"
    assert ws.cell(7, 17).value == "钱书记（法院）"  # the 16th after the swap …
    assert ws.cell(7, 17).font.b and ws.cell(7, 17).font.u == "single"  # … marked as changed
    assert not ws.cell(7, 10).font.u
    sun = ws.cell(8, 10)
    assert (sun.value, sun.data_type) == ("=1+1（检察）", "s")
    assert ws.cell(9, 10).value == f"周民警（公安 工号{ids['officer_zhou']}）"
    texts = {c.value for row in ws.iter_rows(min_row=10) for c in row if c.value}
    assert {"图例", "节假日", "周末", "调休上班", "法院 = 法院", "司法 = 司法局", "公安 = 公安局",
            "检察 = 检察院"} <= texts  # fmt: skip
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$5"
    summary = wb["出勤汇总"]
    rows = [r for r in summary.iter_rows(min_row=4, values_only=True) if r[0]]
    # The whole month is past: 王调解 came once (the 13th, on time) in 18 days.
    assert rows == [("司法局", 18, 1, 0, 17, 1 / 18), ("法院", 7, 0, 0, 7, 0),
                    ("检察院", 8, 0, 0, 8, 0), ("公安局", 4, 0, 0, 4, 0)]  # fmt: skip
    with session_factory() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.action == "roster.export"


def test_a_bad_month_is_refused_before_the_database(db_url, tmp_path, capsys):
    assert main(["--db", db_url, "roster", "export", "--month", "2025-13", "-o",
                 str(tmp_path / "x.xlsx")]) == 2  # fmt: skip
    assert "2025-13" in capsys.readouterr().err
