"""`govdesk roster import`: export → import reproduces the rota exactly, and each malformed
sheet is refused naming its cell with nothing changed (both databases).

The rota is October 2025 of tests/db/test_roster_edits.py, exported with `roster export`:
row 6 is 综合性法律服务窗口, 7 诉调对接中心, 8 人民调解室, 9 公安局 (no window); day d of
October is column d + 1 (J is the 9th, K the 10th, AF the 31st); row 4 holds the day numbers.
"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select

from desktop.cli import main
from desktop.db.models import RotaDuty, RotaEdit
from desktop.services.roster_rota import generate_month
from tests.db.roster_world import add_roster
from tests.db.world import build_world, local

OCT = date(2025, 10, 1)


@pytest.fixture
def exported(db_url, session_factory, tmp_path):
    with session_factory.begin() as session:
        world = add_roster(session, build_world(session))
        generate_month(session=session, principal=world.principals["supervisor"],
                       center_id=world.ids["county_center"], month=OCT,
                       now=local(2025, 9, 20, 9, 0))  # fmt: skip
    out = tmp_path / "排班表.xlsx"
    assert main(["--db", db_url, "roster", "export", "--month", "2025-10", "-o", str(out)]) == 0
    return world, out


def rota(session_factory):
    with session_factory() as session:
        rows = session.execute(select(RotaDuty.day, RotaDuty.window_id, RotaDuty.department_id,
                                      RotaDuty.staff_id)).all()  # fmt: skip
    return sorted((tuple(r) for r in rows), key=lambda r: (r[0], r[1] or 0, r[2], r[3] or 0))


def edited(path, tmp_path, change):
    wb = load_workbook(path)
    change(wb["排班表"])
    target = tmp_path / "改.xlsx"
    wb.save(target)
    return target


def test_export_then_import_reproduces_the_rota(db_url, session_factory, exported, capsys):
    world, path = exported
    original = rota(session_factory)
    assert len(original) == 18 + 7 + 8 + 4
    with session_factory.begin() as session:
        session.execute(delete(RotaDuty).where(RotaDuty.department_id == world.ids["court"]))
        session.execute(delete(RotaDuty).where(RotaDuty.day == date(2025, 10, 9)))
    assert main(["--db", db_url, "roster", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2025-10-09 综合性法律服务窗口: 无 → 王调解" in out
    assert "2025-10-14 诉调对接中心: 无 → 钱书记" in out
    assert len(rota(session_factory)) == len(original) - 7 - 3  # a dry run writes nothing
    assert main(["--db", db_url, "roster", "import", str(path)]) == 0
    assert rota(session_factory) == original
    with session_factory() as session:
        kinds = session.scalars(select(RotaEdit.kind)).all()
    # 法院's 7 days, and the 9th's 司法局, 检察院 and 公安局 (法院's 9th counted once).
    assert kinds == ["import"] * (7 + 3)


def _merge(ws):
    ws.merge_cells("J7:K7")


def _put(cell, value):
    def change(ws):
        ws[cell].value = value

    return change


MALFORMED = [
    (_put("J7", "李四（法院）"), "排班表 第 7 行 J 列：找不到工作人员“李四（法院）”"),
    (_put("AF4", 32), "排班表 第 4 行 AF 列：日期 32 不在该月内"),
    (_put("J8", "王调解（司法）"), "排班表 第 8 行 J 列：“王调解（司法）”同一天被排在两处"),
    (_merge, "排班表 第 7 行 K 列：这里应填人员，却是合并单元格"),
]


def test_each_malformed_sheet_is_refused_naming_the_cell(db_url, session_factory, exported,
                                                         tmp_path, capsys):  # fmt: skip
    world, path = exported
    original = rota(session_factory)
    for change, message in MALFORMED:
        bad = edited(path, tmp_path, change)
        assert main(["--db", db_url, "roster", "import", str(bad)]) == 2
        err = capsys.readouterr().err
        assert message in err and "未导入任何内容" in err, err
        assert rota(session_factory) == original
