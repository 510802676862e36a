"""Exporting a case list to .xlsx: every matching row, masked, scoped; Cancel leaves no file."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.domain.enums import Role, Status
from desktop.errors import GovDeskError
from desktop.services.queues import CaseFilter, Sort, SortKey
from reports import case_list
from tests.db.factories import hours, world

NOW = hours(100)
EVERYTHING = CaseFilter()


@pytest.fixture
def out(tmp_path):
    """A folder of its own (tmp_path also holds the SQLite test database)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def people(session_factory):
    """Three east cases (one closed), one west case; an east desk user and the supervisor."""
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        _, east = f.person("edesk", {Role.DESK}, w.east)
        _, boss = f.person("boss", {Role.SUPERVISOR}, w.county)
        e1 = f.case(center=w.center, category=w.labour, grid=w.east_grid, number="E-1",
                    title="拖欠工资", received_at=hours(1), due_at=hours(99), warn_at=hours(80),
                    status=Status.IN_PROGRESS)  # fmt: skip
        f.party(e1, "张三丰", phone="13800000001", id_number="110105199001010011")
        e2 = f.case(center=w.center, category=w.safety, grid=w.east_grid, number="E-2",
                    title="井盖缺失", received_at=hours(2), status=Status.CLOSED)  # fmt: skip
        f.party(e2, "李四", phone="13900000002")
        f.case(center=w.center, category=w.safety, grid=w.east_grid, number="E-3",
               title="路灯不亮", received_at=hours(3))  # fmt: skip
        f.case(center=w.center, category=w.safety, grid=w.west_grid, number="W-1",
               title="西边的事", received_at=hours(1.5))  # fmt: skip
    return east, boss


def export(session_factory, principal, path, flt=EVERYTHING, cancel_after=None):
    calls = []

    def cancelled():
        return cancel_after is not None and len(calls) >= cancel_after

    with session_factory() as s:
        result = case_list.write_case_list(
            session=s, principal=principal, filter=flt, sort=Sort(SortKey.NUMBER, True),
            path=path, report=lambda *a: calls.append(a), cancelled=cancelled, now=NOW,
        )  # fmt: skip
    return result, calls


def test_every_visible_row_masked_in_sort_order(session_factory, people, out):
    east, _ = people
    target = out / "列表.xlsx"
    result, calls = export(session_factory, east, target)
    assert result.rows == 3 and result.path == target and calls[-1][:2] == (3, 3)
    sheet = load_workbook(target).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][:3] == ["案件编号", "登记时间", "标题"]
    assert [r[0] for r in cells[1:]] == ["E-3", "E-2", "E-1"]  # number descending, no W-1
    e1 = dict(zip(case_list.COLUMNS, cells[3], strict=True))
    # T0 + 1 h is 2026-03-02 10:00 China time; due at +99 h, overdue at NOW (+100 h).
    assert e1["received_at"] == "2026-03-02 10:00" and e1["due_at"] == "2026-03-06 12:00"
    assert (e1["status"], e1["channel"], e1["category"]) == ("处置中", "来访/窗口", "劳动争议")
    assert (e1["deadline_colour"], e1["supervision"]) == ("红色", "普通督办")
    assert (e1["applicant"], e1["applicant_phone"]) == ("张*丰", "138****0001")  # middle hidden
    text = " ".join(str(v) for row in cells for v in row if v)
    assert "张三丰" not in text and "13800000001" not in text and "110105" not in text
    assert sorted(p.name for p in out.iterdir()) == ["列表.xlsx"]


def test_filtered_export_holds_just_the_filter(session_factory, people, out):
    _, boss = people
    flt = CaseFilter(statuses={Status.REGISTERED})
    result, _ = export(session_factory, boss, out / "x.xlsx", flt)
    sheet = load_workbook(out / "x.xlsx").active
    assert result.rows == 2
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == ["W-1", "E-3"]


def test_cancel_leaves_no_file(session_factory, people, out, monkeypatch):
    monkeypatch.setattr(case_list, "CHUNK", 1)  # one progress call per row
    _, boss = people
    result, calls = export(session_factory, boss, out / "x.xlsx", cancel_after=2)
    assert result is None and len(calls) == 2
    assert list(out.iterdir()) == []


def test_too_many_rows_is_refused_before_writing(session_factory, people, out, monkeypatch):
    monkeypatch.setattr(case_list, "EXCEL_MAX_ROWS", 4)  # a header and three rows
    _, boss = people
    with pytest.raises(GovDeskError) as err:
        export(session_factory, boss, out / "x.xlsx")
    assert err.value.code == "export.too_many_rows" and err.value.params == {"count": 4, "limit": 3}
    assert list(out.iterdir()) == []
    east, _ = people
    assert export(session_factory, east, out / "y.xlsx")[0].rows == 3  # 3 + header fit


def test_text_that_looks_like_a_formula_stays_text(session_factory, out):
    """XlsxWriter writes every cell as a string: =, +, -, @, tab and CR never become formulas."""
    nasty = ["=1+2", "+1", "-1", "@SUM(1)", "\t=3", "\r=4"]
    with session_factory.begin() as s:
        w = world(s)
        _, boss = w.f.person("boss", {Role.SUPERVISOR}, w.county)
        for n, title in enumerate(nasty):
            w.f.case(center=w.center, category=w.safety, grid=w.east_grid, number=f"N-{n}",
                     title=title, received_at=hours(n))  # fmt: skip
    export(session_factory, boss, out / "x.xlsx")
    titles = [row[2] for row in load_workbook(out / "x.xlsx").active.iter_rows(min_row=2)]
    # A carriage return is stored escaped as OOXML requires (_x000D_); Excel shows it as CR,
    # openpyxl reads the escape as it is.
    assert sorted(c.value.replace("_x000D_", "\r") for c in titles) == sorted(nasty)
    assert {c.data_type for c in titles} == {"s"}
