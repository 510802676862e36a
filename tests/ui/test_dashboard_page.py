"""The 工作台's tiles and charts in the signed-in app: hand-worked values on the seeded county,
drill-down to exactly the counted cases, live refresh, and the wall display.

Seeded county (tests/ui/seed.py), all received three days ago: open are T00001–T00003
(registered), T00004 (accepted), T00005 (dispatched, due yesterday), T00006 and T00007
(in progress; T00006 due an hour ago); T00008–T00010 are resolved or closed; T00011 is in
another county.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from sqlalchemy import create_engine, text

from desktop.services.dashboard_figures import Chart, Tile
from tests.ui import seed
from tests.ui.test_main_window import launch  # noqa: F401  (the fixture)


def ids_of(path, *numbers: str) -> set[int]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id FROM cases WHERE number IN :n").bindparams(
                    __import__("sqlalchemy").bindparam("n", expanding=True)
                ),
                {"n": list(numbers)},
            )
            return {r[0] for r in rows}
    finally:
        engine.dispose()


@pytest.fixture
def dashboard(qtbot, launch, production_db):  # noqa: F811
    _, workbench = launch(production_db.url)
    qtbot.waitUntil(lambda: workbench.figures.last is not None, timeout=15_000)
    return workbench


def test_tiles_show_the_counted_figures(dashboard):
    tiles = dashboard.dashboard.view.figures_panel.tiles
    assert tiles[Tile.OPEN].value_label.text() == "7"
    assert tiles[Tile.OVERDUE].value_label.text() == "2"  # T00005, T00006
    assert tiles[Tile.RED_CARD].value_label.text() == "0"
    assert tiles[Tile.TODAY_INTAKE].value_label.text() == "0"  # none has an acceptance time
    assert tiles[Tile.ON_TIME_RATE].value_label.text() == "—"  # nothing resolved: 0 ÷ 0
    assert tiles[Tile.OVERDUE].property("tone") == "danger"
    assert tiles[Tile.OVERDUE].name_label.text() == "超期"


def test_clicking_the_overdue_tile_opens_exactly_its_cases(qtbot, dashboard, production_db):
    tile = dashboard.dashboard.view.figures_panel.tiles[Tile.OVERDUE]
    with qtbot.waitSignal(dashboard.figures.sig_cases_requested, timeout=10_000) as asked:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    case_filter, origin = asked.args
    assert case_filter.ids == ids_of(production_db.path, "T00005", "T00006")
    assert origin == "工作台 · 超期"
    assert dashboard.window.current_page() == "cases"
    assert dashboard.last_cases_request == (case_filter, origin)
    # the queue page lists exactly them, saying where the list came from
    model = dashboard.cases.model
    qtbot.waitUntil(lambda: set(model.ids()) == case_filter.ids, timeout=10_000)
    assert "工作台 · 超期" in dashboard.cases.view.origin_label.text()


def test_a_bar_opens_by_keyboard(qtbot, dashboard, production_db):
    chart = dashboard.dashboard.view.figures_panel.charts[Chart.STREETS]
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # the first street: 东城街道
    with qtbot.waitSignal(dashboard.figures.sig_cases_requested, timeout=10_000) as asked:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    numbers = [f"T{n:05d}" for n in range(1, 8)]
    assert asked.args[0].ids == ids_of(production_db.path, *numbers)
    assert asked.args[1] == "工作台 · 各街道在办案件 · 东城街道"


def test_a_change_by_another_seat_updates_the_tiles(qtbot, dashboard, production_db):
    tiles = dashboard.dashboard.view.figures_panel.tiles
    seed.register_case(production_db.url, production_db.county_id)  # another seat's session
    qtbot.waitUntil(lambda: tiles[Tile.OPEN].value_label.text() == "8", timeout=15_000)
    assert dashboard.figures.last.tiles[Tile.OPEN].value == 8


def test_the_wall_display_shows_figures_without_personal_data(qtbot, dashboard):
    view = dashboard.dashboard.view
    dashboard.window.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: dashboard.figures.wall is not None, timeout=5_000)
    wall = dashboard.figures.wall
    qtbot.waitUntil(wall.isVisible, timeout=5_000)
    assert wall.isFullScreen()
    assert wall.panel.tiles[Tile.OVERDUE].value_label.text() == "2"
    texts = " ".join(label.text() for label in wall.findChildren(QLabel))
    for personal in ("巴特尔·朝鲁", "chief", "测试事项"):  # the user, and case titles
        assert personal not in texts
    assert not wall.findChildren(QListWidget)  # no navigation
    assert sum(chart.isVisible() for chart in wall.panel.charts.values()) == 1
    first = wall.current_chart
    wall._on_cycle_timeout()
    assert wall.current_chart == (first + 1) % len(Chart)
    qtbot.mouseClick(wall.panel.tiles[Tile.OVERDUE], Qt.MouseButton.LeftButton)
    assert dashboard.last_cases_request is None  # a display: nothing opens
    with qtbot.waitSignal(wall.sig_closed, timeout=5_000):
        qtbot.keyClick(wall, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dashboard.figures.wall is None or not wall.isVisible(), timeout=5_000)


def test_a_rate_change_too_small_to_show_reads_as_no_change():
    from desktop.services.dashboard_figures import TileFigure
    from ui.dashboard.tile import change_of

    # 99.11 % against 99.08 %: +0.03 points, shown with one decimal as 0.0, so no arrow.
    same = TileFigure(Tile.SATISFACTION_RATE, 0.9911, 0.9908, 9911, 10000)
    assert change_of(same) == (0, "")
    # 93.2 % against 93.6 %: -0.4 points, a fall in 按期办结率 is bad.
    fall = TileFigure(Tile.ON_TIME_RATE, 0.932, 0.936, 932, 1000)
    assert change_of(fall) == (-0.4, "bad")
