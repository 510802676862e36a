"""导入边界 dialog on the seeded county (SQLite): a file with a problem is refused and listed,
a good one is previewed on the map, then imported; only an administrator may."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.db.models import Grid
from desktop.domain.enums import JurisdictionLevel, Role
from desktop.domain.principal import Principal
from tests.ui.test_map_base_and_export import poll
from tests.ui.test_map_view import _delete_later, _evaluate
from ui.admin.geo_import_controller import GeoImportController
from ui.admin.geo_import_view import GeoImportDialog


def square(west, south, east, north):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def write(path, *features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geometry}
        for props, geometry in features]}, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return path


def principal(production_db, roles) -> Principal:
    return Principal(production_db.chief_id, "chief", "巴特尔·朝鲁", frozenset(roles),
                     production_db.county_id, JurisdictionLevel.COUNTY)  # fmt: skip


def open_dialog(qtbot, db_runner, who):
    dialog = GeoImportDialog()
    qtbot.addWidget(dialog, before_close_func=_delete_later)
    controller = GeoImportController(db_runner, who, dialog, dialog)
    dialog.show()
    return dialog, controller


def check(qtbot, dialog, path):
    dialog.file_edit.clear()
    QTest.keyClicks(dialog.file_edit, str(path))
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.summary_label.text()
                    and dialog.summary_label.text() != "正在检查…", timeout=10000)  # fmt: skip


def boundaries(database):
    with database.session_factory() as s:
        return dict(s.execute(select(Grid.code, Grid.boundary)).all())


def test_problems_are_listed_then_a_good_file_is_previewed_and_imported(
    qtbot, db_runner, database, production_db, tmp_path
):
    dialog, controller = open_dialog(qtbot, db_runner, principal(production_db, {Role.ADMIN}))
    before = boundaries(database)
    bad = write(tmp_path / "bad.geojson",
                ({"code": "G000001"}, square(110.0, 40.0, 110.1, 40.1)),
                ({"name": "无此网格"}, square(110.1, 40.0, 110.2, 40.1)))  # fmt: skip
    check(qtbot, dialog, bad)
    assert "1 个要素存在问题" in dialog.summary_label.text()
    assert dialog.report_edit.toPlainText().startswith("第 2 个要素 (name=无此网格)：")
    assert not dialog.import_button.isEnabled()

    good = write(tmp_path / "grids.geojson",
                 ({"code": "G000001"}, square(110.0, 40.0, 110.1, 40.1)),
                 ({"code": "G000002", "name": "幸福社区第2网格", "parent_code": "159901001001"},
                  square(110.1, 40.0, 110.2, 40.1)))  # fmt: skip
    QTest.mouseClick(dialog.relocate_check, Qt.MouseButton.LeftButton)  # no case has a point
    with qtbot.waitSignal(dialog.map.sig_drawn, timeout=20000):
        check(qtbot, dialog, good)
    assert dialog.summary_label.text() == "可以导入：新建 1，修改 1，未变 0。"
    assert _evaluate(qtbot, dialog.map, "GovMap.previewCount()") == 2
    assert boundaries(database) == before  # checking wrote nothing

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(controller.sig_imported, timeout=10000) as imported:
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [r.code for r in imported.args[0].created] == ["G000002"]
    assert dialog.summary_label.text() == "已导入：新建 1，修改 1，未变 0。"
    after = boundaries(database)
    assert json.loads(after["G000002"])["type"] == "Polygon" and after["G000001"] is not None
    assert not dialog.import_button.isEnabled()
    poll(qtbot, lambda: dialog.check_button.isEnabled())


def test_only_an_administrator_may_check_or_import(qtbot, db_runner, production_db, tmp_path):
    dialog, _ = open_dialog(qtbot, db_runner, principal(production_db, {Role.SUPERVISOR}))
    good = write(tmp_path / "grids.geojson", ({"code": "G000001"}, square(110, 40, 110.1, 40.1)))
    check(qtbot, dialog, good)
    assert dialog.summary_label.text() == "只有管理员可以导入边界"
    assert not dialog.import_button.isEnabled()
