"""The 地图 page on the seeded county, in a real QtWebEngine page offscreen: the map draws, a
grid click fills the panel from the database, the panel opens the queue on that grid, an
incident shows its card, and a filter redraws the map.

The seed (tests/ui/seed.py) has one grid in 云泽旗 holding ten cases: registered ×3,
accepted, dispatched (overdue), in_progress ×2 (one overdue), resolved ×2, closed; a case in
another county never shows. Here the places get square boundaries and the cases points.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select, update

from desktop.db.models import Case, Category, Grid, GridMember, Jurisdiction, User
from desktop.domain.enums import Status
from desktop.services.accounts import principal_for
from tests.db.world import square
from ui.map.controller import MapController
from ui.map.picker import PointPickerDialog
from ui.map.view import MapPageView


@pytest.fixture
def placed(database):
    """The seeded county with boundaries, points and two grid people; (principal, grid id)."""
    with database.session_factory.begin() as s:
        for code, box in [
            ("159901000000", (110.0, 40.0, 110.2, 40.2)),
            ("159901001000", (110.0, 40.0, 110.1, 40.2)),
            ("159901001001", (110.0, 40.0, 110.1, 40.2)),
        ]:
            s.execute(update(Jurisdiction).where(Jurisdiction.code == code).values(
                boundary=square(*box)))  # fmt: skip
        grid = s.scalars(select(Grid)).one()
        grid.boundary, grid.population = square(110.0, 40.0, 110.1, 40.1), 1500
        s.add(GridMember(grid_id=grid.id, role="grid_head", name="张网格", phone="13800001111"))
        s.add(GridMember(grid_id=grid.id, role="police", name="李警官", phone="13800002222"))
        for n, case in enumerate(s.scalars(select(Case).where(Case.grid_id == grid.id))):
            case.lat, case.lng = 40.02 + n * 0.005, 110.02 + n * 0.005
        chief = s.scalars(select(User).where(User.username == "chief")).one()
        return principal_for(s, chief), grid.id


def _delete_later(widget) -> None:
    # A web page left to the garbage collector at exit can outlive QtWebEngine and crash it.
    widget.deleteLater()


# The incident bubbles shown (a grid's count, or a cluster's).
BUBBLES = (
    "[...document.querySelectorAll('.gov-cluster-icon')]"
    ".filter(e => e.style.display !== 'none').map(e => e.textContent)"
)


def _evaluate(qtbot, view, expression: str):
    box: list = []
    view.page().runJavaScript(f"JSON.stringify({expression})", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


def test_map_page_grid_panel_queue_card_and_filter(qtbot, db_runner, placed):
    principal, grid_id = placed
    view = MapPageView()
    qtbot.addWidget(view, before_close_func=_delete_later)
    controller = MapController(db_runner, principal, view)
    view.resize(1200, 800)
    with qtbot.waitSignal(view.map.sig_drawn, timeout=30000):
        view.show()
        controller.start()
    assert controller.last.grids == 1 and controller.last.incidents == 7  # the open ones
    assert _evaluate(qtbot, view.map, "GovMap.stats().gridOpen") == 7
    qtbot.waitUntil(lambda: _evaluate(qtbot, view.map, BUBBLES) == ["7"], timeout=10000)
    assert view.map.problems == []

    view.map.run_script(f"GovMap.clickGrid({grid_id});")
    qtbot.waitUntil(lambda: view.panel.detail is not None, timeout=10000)
    detail = view.panel.detail
    assert detail.name == "幸福社区第1网格"
    assert detail.counts == {
        Status.REGISTERED: 3, Status.ACCEPTED: 1, Status.DISPATCHED: 1, Status.IN_PROGRESS: 2,
        Status.RESOLVED: 2, Status.CLOSED: 1,
    }  # fmt: skip
    assert detail.overdue == 2
    assert view.panel.police() == ["李警官"]
    assert [p.phone for p in detail.people] == ["13800001111", "13800002222"]  # a supervisor

    with qtbot.waitSignal(controller.sig_cases_requested, timeout=5000) as requested:
        qtbot.mouseClick(view.panel.cases_button, Qt.MouseButton.LeftButton)
    flt, text = requested.args
    assert flt.grid_ids == frozenset({grid_id}) and "幸福社区第1网格" in text

    with database_session(db_runner) as s:
        case_id, title = s.execute(
            select(Case.id, Case.title).where(Case.status == "registered").order_by(Case.id)
        ).first()
    view.map.run_script(f"GovMap.clickIncident({case_id});")
    qtbot.waitUntil(
        lambda: _evaluate(qtbot, view.map, "!!document.querySelector('.gov-card-title')"),
        timeout=10000,
    )
    assert _evaluate(qtbot, view.map, "document.querySelector('.gov-card-title').textContent") == (
        title
    )
    with qtbot.waitSignal(controller.sig_case_requested, timeout=5000) as opened:
        view.map.run_script("document.querySelector('.gov-card-button').click();")
    assert opened.args == [case_id]

    # A filter redraws: only the closed case remains a point.
    with qtbot.waitSignal(view.map.sig_drawn, timeout=30000):
        view.status_combo.setCurrentIndex(view.status_combo.findData(str(Status.CLOSED)))
    assert controller.last.incidents == 1
    # Only the counts and points came: the shapes on the page stay, their counts follow.
    assert not controller.last.shapes
    stats = _evaluate(qtbot, view.map, "GovMap.stats()")
    assert (stats["incidents"], stats["gridOpen"], stats["buckets"]) == (1, 0, 1)
    # The same marker, recounted (waited for: a pan may still be moving the markers).
    qtbot.waitUntil(lambda: _evaluate(qtbot, view.map, BUBBLES) == ["1"], timeout=10000)
    # 刷新 reads everything again.
    with qtbot.waitSignal(view.map.sig_drawn, timeout=30000):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert controller.last.shapes and controller.last.incidents == 1

    # The category filter is the case list's tree: F4, Down into the tree, Down past 全部类别
    # to the first top-level category, Enter.
    picker = view.category_picker
    qtbot.waitUntil(lambda: picker.popup.tree.topLevelItemCount() > 1)
    with qtbot.waitSignal(view.map.sig_drawn, timeout=30000):
        picker.setFocus()
        QTest.keyClick(picker, Qt.Key.Key_F4)
        QTest.keyClick(picker.popup.search, Qt.Key.Key_Down)
        QTest.keyClick(picker.popup.tree, Qt.Key.Key_Down)
        QTest.keyClick(picker.popup.tree, Qt.Key.Key_Return)
    with database_session(db_runner) as s:
        first = s.scalar(
            select(Category.id).where(Category.parent_id.is_(None)).order_by(Category.code)
        )
    assert controller.current_filter().category_ids == {first}

    # 在地图上查看: the queue's selected cases are ringed (scoped: another county's case is not).
    with database_session(db_runner) as s:
        elsewhere = s.scalars(select(Case.id).where(Case.grid_id.is_(None))).first()
    controller.show_cases([case_id, elsewhere])
    qtbot.waitUntil(
        lambda: _evaluate(qtbot, view.map, "GovMap.stats().highlighted") == 1, timeout=10000
    )

    assert view.map.problems == []


def database_session(runner):
    return runner.session_factory()


def test_point_picker_returns_the_grid_and_refuses_outside_points(qtbot, db_runner, placed):
    principal, grid_id = placed
    dialog = PointPickerDialog(db_runner, principal)
    qtbot.addWidget(dialog, before_close_func=_delete_later)
    with qtbot.waitSignal(dialog.map.sig_drawn, timeout=30000):
        dialog.open()

    dialog.map.run_script("GovMap.clickAt(41.0, 111.0);")  # beyond the county
    qtbot.waitUntil(lambda: "不在您的辖区" in dialog.place_label.text(), timeout=10000)
    assert not dialog.ok_button.isEnabled() and dialog.place is None

    dialog.map.run_script("GovMap.clickAt(40.05, 110.05);")  # a click on the map
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=10000)
    assert "幸福社区第1网格" in dialog.place_label.text()
    with qtbot.waitSignal(dialog.sig_place_picked, timeout=5000) as picked:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    place = picked.args[0]
    assert (place.lat, place.lng, place.grid_id) == (40.05, 110.05, grid_id)
    assert (place.village_name, place.street_name) == ("幸福社区", "东城街道")
    assert dialog.map.problems == []
