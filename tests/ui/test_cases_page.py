"""The 案件 page on a small demo county: queues and counts, filters, sorting, saved filters,
scoping, a change from another seat, opening from elsewhere, Enter, export and Cancel.

Expected lists come from statements written by hand against the tables (tests/ui/cases_world).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from desktop.domain.enums import NamedQueue
from desktop.services.queues import CaseFilter, Sort, SortKey
from tests.ui import cases_world as world
from ui.cases.model import COLUMNS
from ui.cases.page import CasesPage
from ui.connect.database import open_database
from ui.watch import ChangeMonitor

OPEN = "('registered', 'accepted', 'dispatched', 'in_progress')"
CTRL = Qt.KeyboardModifier.ControlModifier


def micros(moment: datetime) -> int:
    """An instant as SQLite stores it (integer microseconds since 1970)."""
    return round((moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() * 1_000_000)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    return world.build(tmp_path_factory.mktemp("cases-demo"))


@pytest.fixture
def demo(demo_file, tmp_path):
    return world.copy(demo_file, tmp_path)


@pytest.fixture
def database(demo):
    db = open_database(demo.url)
    yield db
    db.engine.dispose()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_page(qtbot, runner, database, demo, settings):
    runner.session_factory = database.session_factory

    def make(username="dispatcher", monitor=None):
        page = CasesPage(runner, world.principal(demo.url, username), monitor=monitor,
                         settings=settings)  # fmt: skip
        qtbot.addWidget(page.view)
        page.view.resize(1400, 800)
        page.view.show()
        with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
            page.start()
        return page

    return make


def shown(qtbot, page, action) -> list[int]:
    """Do something to the page and return every id of the list it then shows."""
    with qtbot.waitSignal(page.sig_list_shown, timeout=10_000):
        action()
    qtbot.waitUntil(lambda: not page._runner.busy, timeout=10_000)
    return page.model.ids()


def categories_loaded(bar) -> bool:
    return bar.category_picker.popup.tree.topLevelItemCount() > 1


def pick_with_keys(picker, keys, typed: str = "", qtbot=None) -> None:
    """Open the category tree with F4, type into its search line (pinyin: waiting for it to
    load), press keys, then Enter."""
    picker.setFocus()
    QTest.keyClick(picker, Qt.Key.Key_F4)
    search = picker.popup.search
    if typed:
        QTest.keyClicks(search, typed)
        qtbot.waitUntil(lambda: picker.has_pinyin, timeout=10_000)
    target = search
    for key in keys:
        QTest.keyClick(target, key)
        target = picker.popup.tree  # Down moved the focus into the tree
    QTest.keyClick(target, Qt.Key.Key_Return)


def county_ids(demo, where: str, order: str = "received_at, id", **params) -> list[int]:
    county = world.principal(demo.url, "supervisor").jurisdiction_id
    sql = f"SELECT id FROM cases c WHERE county_id = :county AND ({where}) ORDER BY {order}"
    return [r[0] for r in world.query(demo.url, sql, county=county, **params)]


def test_queue_list_shows_the_roles_queues_with_their_counts(qtbot, make_page, demo):
    page = make_page("dispatcher")
    now = micros(world.now_of(demo.url))
    user = world.principal(demo.url, "dispatcher").user_id
    hand = {
        NamedQueue.MY_TODO: f"status IN {OPEN} AND claimed_by_id = {user}",
        NamedQueue.PENDING_ACCEPT: "status = 'registered'",
        NamedQueue.IN_PROGRESS: "status IN ('dispatched', 'in_progress')",
        NamedQueue.DUE_SOON: f"status IN {OPEN} AND suspended_at IS NULL AND warn_at <= {now}"
        f" AND due_at > {now}",
        NamedQueue.OVERDUE: f"status IN {OPEN} AND suspended_at IS NULL AND due_at <= {now}",
        NamedQueue.SUPERVISED: f"status IN {OPEN} AND supervised = 1",
        NamedQueue.ALL: "1 = 1",
    }
    items = [page.view.queue_list.item(r) for r in range(page.view.queue_list.count())]
    qtbot.waitUntil(lambda: all(any(ch.isdigit() for ch in i.text()) for i in items))
    texts = {i.data(0x0100): i.text() for i in items}
    assert list(texts)[0] == NamedQueue.MY_TODO  # the first queue opens first
    for queue, where in hand.items():
        expected = len(county_ids(demo, where))
        assert texts[str(queue)].endswith(f" {expected:,}"), (queue, texts[str(queue)])
    # A row of the side list opens its queue: the overdue cases, oldest first.
    overdue = [i for i, q in enumerate(texts) if q == NamedQueue.OVERDUE][0]
    ids = shown(qtbot, page, lambda: page.view.queue_list.setCurrentRow(overdue))
    assert ids == county_ids(demo, hand[NamedQueue.OVERDUE]) and ids


def test_each_filter_narrows_to_exactly_the_hand_query(qtbot, make_page, demo):
    page = make_page("supervisor")
    bar = page.view.filter_bar
    qtbot.waitUntil(lambda: bar.street_combo.count() > 1 and categories_loaded(bar))
    ids = shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    assert ids == county_ids(demo, "1 = 1")
    street = bar.street_combo.itemData(1)
    checks = [
        (bar.street_combo, 1, f"street_id = {street}"),
        (bar.status_combo, bar.status_combo.findData("in_progress"), "status = 'in_progress'"),
        (bar.channel_combo, bar.channel_combo.findData("phone"), "channel = 'phone'"),
    ]
    for combo, index, where in checks:
        got = shown(qtbot, page, lambda c=combo, i=index: c.setCurrentIndex(i))
        assert got == county_ids(demo, where), where
        assert got, f"the demo has no case for {where}"
        shown(qtbot, page, lambda c=combo: c.setCurrentIndex(0))
    # A top-level category includes its children: F4 opens the tree, Down, Down, Enter picks
    # the first category below 全部类别.
    picker = bar.category_picker
    got = shown(qtbot, page, lambda: pick_with_keys(picker, [Qt.Key.Key_Down] * 2))
    cat = picker.current_id()
    top_level = world.query(demo.url, "SELECT id FROM categories WHERE parent_id IS NULL"
                                      " ORDER BY code LIMIT 1")  # fmt: skip
    assert cat == top_level[0][0]
    tree = f"category_id IN (SELECT id FROM categories WHERE id = {cat} OR parent_id = {cat})"
    assert got == county_ids(demo, tree) and got
    got = shown(qtbot, page, lambda: pick_with_keys(picker, [Qt.Key.Key_Up] * 5))
    assert picker.current_id() is None and got == county_ids(demo, "1 = 1")
    # Received from a China-time day on: from its midnight (UTC+8).
    day = world.TODAY - timedelta(days=10)
    midnight = micros(datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=8))
    got = shown(qtbot, page, lambda: bar.from_edit.setDate(QDate(day.year, day.month, day.day)))
    assert got == county_ids(demo, f"received_at >= {midnight}") and got
    shown(qtbot, page, lambda: bar.from_edit.setDate(bar.from_edit.minimumDate()))
    # Deadline colour red: open, running clock, due.
    now = micros(world.now_of(demo.url))
    red = f"status IN {OPEN} AND suspended_at IS NULL AND due_at <= {now}"
    got = shown(
        qtbot, page, lambda: bar.colour_combo.setCurrentIndex(bar.colour_combo.findData("red"))
    )
    assert got == county_ids(demo, red)
    shown(qtbot, page, lambda: bar.colour_combo.setCurrentIndex(0))
    # Free text typed into the box: a party's name from its start, or a title word.
    name = world.query(demo.url, "SELECT name FROM case_parties ORDER BY id LIMIT 1")[0][0][:2]

    # (QTest types Latin-1 only: a Chinese name is put in as an input method would, then Enter.)
    def type_name():
        bar.text_edit.insert(name)
        QTest.keyClick(bar.text_edit, Qt.Key.Key_Return)

    got = shown(qtbot, page, type_name)
    by_name = "id IN (SELECT case_id FROM case_parties WHERE substr(name, 1, 2) = :name)"
    assert got == county_ids(demo, by_name, name=name) and got  # two characters: names only
    bar.text_edit.clear()
    phone = world.query(demo.url, "SELECT phone FROM case_parties WHERE phone IS NOT NULL"
                        " ORDER BY id LIMIT 1")[0][0][:8]  # fmt: skip
    got = shown(qtbot, page, lambda: QTest.keyClicks(bar.text_edit, phone))
    by_phone = ("id IN (SELECT case_id FROM case_parties WHERE substr(phone, 1, 8) = :p)"
                " OR title LIKE :like OR number LIKE :like")  # fmt: skip
    assert got == county_ids(demo, by_phone, p=phone, like=f"%{phone}%") and got


@pytest.mark.parametrize("column", ["number", "received_at", "due_at", "risk"])
def test_sort_by_clicking_each_sortable_header(qtbot, make_page, demo, column):
    page = make_page("supervisor")
    shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    header = page.view.table.horizontalHeader()
    section = COLUMNS.index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    click = lambda: QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,  # noqa: E731
                                     pos=QPoint(x, header.height() // 2))  # fmt: skip
    key = {
        "number": "number",
        "received_at": "received_at",
        "due_at": "coalesce(due_at, 253402214400000000)",  # no deadline last
        "risk": "CASE risk WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 WHEN 'red' THEN 3 ELSE 0 END",
    }[column]
    if column == "received_at":  # already the sort: the first click turns it round
        got = shown(qtbot, page, click)
        assert got == county_ids(demo, "1 = 1", f"{key} DESC, id DESC")
        return
    got = shown(qtbot, page, click)
    assert got == county_ids(demo, "1 = 1", f"{key}, id")
    got = shown(qtbot, page, click)
    assert got == county_ids(demo, "1 = 1", f"{key} DESC, id DESC")


def test_saved_filters_round_trip(qtbot, make_page, demo):
    page = make_page("dispatcher")
    bar = page.view.filter_bar
    qtbot.waitUntil(lambda: categories_loaded(bar))
    shown(qtbot, page, lambda: page.open_queue(NamedQueue.OVERDUE))
    # Pinyin initials find 民生诉求/公共服务 in the category tree: F4, "mssq", Enter. A
    # top-level category includes its children.
    expected = shown(qtbot, page, lambda: pick_with_keys(bar.category_picker, [], "mssq", qtbot))
    livelihood = world.query(demo.url, "SELECT id FROM categories WHERE name LIKE '民生诉求%'")
    assert bar.category_picker.current_id() == livelihood[0][0]
    now = micros(world.now_of(demo.url))
    overdue = f"status IN {OPEN} AND suspended_at IS NULL AND due_at <= {now}"
    tree = f"category_id IN (SELECT id FROM categories WHERE {livelihood[0][0]} IN (id, parent_id))"
    assert sorted(expected) == county_ids(demo, f"{overdue} AND {tree}", "id")
    assert expected
    shown(qtbot, page, lambda: page.set_sort(Sort(SortKey.DUE_AT)))
    page.view.save_name_edit.insert("我的超期民生诉求")  # QTest types Latin-1 only
    QTest.mouseClick(page.view.save_button, Qt.MouseButton.LeftButton)
    saved_filter = page.current_filter()
    page.view.close()

    again = make_page("dispatcher")  # a new page, same user and settings
    combo = again.view.saved_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["我的超期民生诉求"]
    got = shown(qtbot, again, lambda: combo.activated.emit(0))
    assert again.current_filter() == saved_filter and again.sort == Sort(SortKey.DUE_AT)
    assert sorted(got) == sorted(expected)
    combo.setCurrentIndex(0)
    QTest.mouseClick(again.view.delete_saved_button, Qt.MouseButton.LeftButton)
    assert combo.count() == 0 and again.store.saved_filters() == {}


def test_a_street_user_never_sees_another_streets_case(qtbot, make_page, demo):
    page = make_page("street")
    street = world.principal(demo.url, "street").jurisdiction_id
    ids = shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    assert ids == county_ids(demo, f"street_id = {street}") and ids
    other = county_ids(demo, f"street_id <> {street}")[:3]
    got = shown(qtbot, page, lambda: page.open(CaseFilter(ids=other + ids[:2]), "测试"))
    assert got == ids[:2]
    assert page.view.origin_label.text() == "来自：测试 · 2 件"


def test_opened_from_elsewhere_with_a_way_back(qtbot, make_page, demo):
    page = make_page("supervisor")
    everything = shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    wanted = county_ids(demo, "1 = 1")[5:12]
    got = shown(qtbot, page, lambda: page.open(CaseFilter(ids=wanted), "本周受理量"))
    assert got == wanted and page.view.origin_frame.isVisible()
    assert page.view.origin_label.text() == "来自：本周受理量 · 7 件"
    got = shown(qtbot, page, lambda: QTest.mouseClick(page.view.back_button,
                                                      Qt.MouseButton.LeftButton))  # fmt: skip
    assert not page.view.origin_frame.isVisible() and got == everything  # the queue it left


def test_opened_on_a_grid_lists_its_cases_and_the_bar_narrows_within_it(qtbot, make_page, demo):
    """The map's 在案件列表中查看本网格案件: the grid holds while the filter bar narrows."""
    page = make_page("supervisor")
    grid = world.query(demo.url, "SELECT grid_id FROM cases WHERE grid_id IS NOT NULL "
                       "GROUP BY grid_id ORDER BY count(*) DESC, grid_id LIMIT 1")[0][0]  # fmt: skip
    in_grid = "(grid_id = :g OR grid_id IN (SELECT id FROM grids WHERE parent_id = :g))"
    got = shown(qtbot, page, lambda: page.open(CaseFilter(grid_ids={grid}), "网格（来自地图）"))
    assert got == county_ids(demo, in_grid, g=grid) and len(got) > 1
    status = page.view.filter_bar.status_combo
    got = shown(qtbot, page, lambda: status.setCurrentIndex(status.findData("closed")))
    assert got == county_ids(demo, f"{in_grid} AND status = 'closed'", g=grid) and got


def test_an_empty_list_says_whether_the_filters_emptied_it(qtbot, make_page):
    page = make_page("supervisor")
    assert shown(qtbot, page, lambda: page.open(CaseFilter(ids=[]), "空列表")) == []
    assert page.view.empty_label.isVisible()
    assert page.view.empty_label.text() == "这个列表里暂时没有案件。"
    shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    assert not page.view.empty_label.isVisible()
    bar = page.view.filter_bar
    QTest.keyClicks(bar.text_edit, "zz-no-such-case")
    got = shown(qtbot, page, lambda: QTest.keyClick(bar.text_edit, Qt.Key.Key_Return))
    assert got == [] and page.view.empty_label.text() == "没有符合筛选条件的案件。"


def test_enter_and_double_click_request_the_case(qtbot, make_page):
    page = make_page("supervisor")
    shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    table = page.view.table
    table.setFocus()
    table.selectRow(3)
    with qtbot.waitSignal(page.sig_case_requested) as asked:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert asked.args == [page.model.case_id(3)]
    index = page.model.index(5, 2)
    rect = table.visualRect(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.sig_case_requested) as asked:
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [page.model.case_id(5)]


def test_show_on_map_sends_the_selected_cases_in_list_order(qtbot, make_page, demo):
    page = make_page("supervisor")
    shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    table = page.view.table
    rect = table.visualRect(page.model.index(2, 2))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(page.sig_show_on_map) as asked:
        QTest.mouseClick(page.view.map_button, Qt.MouseButton.LeftButton)
    assert asked.args == [county_ids(demo, "1 = 1")[2:5]]  # rows 3–5 of the list by receipt

    table.clearSelection()
    with qtbot.assertNotEmitted(page.sig_show_on_map):
        QTest.mouseClick(page.view.map_button, Qt.MouseButton.LeftButton)
    assert page.view.status_label.text() == "请先选中要在地图上查看的案件。"


def test_another_seats_change_appears_keeping_the_selection(qtbot, make_page, demo, runner,
                                                              database):  # fmt: skip
    monitor = ChangeMonitor(runner, database.engine, interval_ms=100)
    monitor.start()
    try:
        page = make_page("supervisor", monitor=monitor)
        ids = shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
        chosen, also, gone = ids[6], ids[8], ids[2]
        table = page.view.table
        table.selectRow(6)
        rect = table.visualRect(page.model.index(8, 1))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, CTRL, rect.center())
        qtbot.waitUntil(lambda: page.model.cached(chosen) is not None)
        # The user still holds Ctrl when the change arrives: the refresh must not toggle rows.
        QTest.keyPress(table, Qt.Key.Key_Control)
        other = world.create_engine(demo.url)  # another seat: a connection of its own
        with other.begin() as conn:
            conn.execute(world.text("UPDATE cases SET title = '另一席位改过', version = version + 1"
                                    " WHERE id = :id"), {"id": chosen})  # fmt: skip
            conn.execute(world.text("UPDATE cases SET county_id = NULL, street_id = NULL"
                                    " WHERE id = :id"), {"id": gone})  # fmt: skip
        other.dispose()
        qtbot.waitUntil(lambda: (page.model.cached(chosen) or None) is not None
                        and page.model.cached(chosen).title == "另一席位改过", timeout=10_000)  # fmt: skip
        QTest.keyRelease(table, Qt.Key.Key_Control)
        assert gone not in page.model.ids() and page.model.row_of(chosen) == 5
        selected = sorted(i.row() for i in table.selectionModel().selectedRows())
        assert [page.model.case_id(row) for row in selected] == [chosen, also]
        assert selected == [5, 7]
    finally:
        monitor.stop()
        qtbot.waitUntil(lambda: not runner.busy)


def test_export_writes_every_row_masked_and_cancel_leaves_no_file(qtbot, make_page, demo,
                                                                   runner, tmp_path):  # fmt: skip
    page = make_page("supervisor")
    ids = shown(qtbot, page, lambda: page.open_queue(NamedQueue.ALL))
    target = tmp_path / "out" / "全部.xlsx"
    target.parent.mkdir()
    page.export.choose_path = lambda parent: target
    with qtbot.waitSignal(page.export.sig_finished, timeout=30_000) as done:
        QTest.mouseClick(page.view.export_button, Qt.MouseButton.LeftButton)
    assert done.args[0].rows == len(ids)
    sheet = load_workbook(target, read_only=True).active
    numbers = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    expected = world.query(demo.url, "SELECT id, number FROM cases")
    by_id = dict(expected)
    assert numbers == [by_id[i] for i in ids]  # every row, in the list's order
    phones = {r[0] for r in world.query(demo.url, "SELECT phone FROM case_parties "
                                        "WHERE phone IS NOT NULL LIMIT 200")}  # fmt: skip
    cells = {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v}
    assert not phones & cells and any("****" in c for c in cells)

    # Cancel: the jobs worker is held busy, so the export is cancelled before it starts.
    release = threading.Event()
    runner.job(lambda progress: release.wait(10)).run()
    second = tmp_path / "out" / "取消.xlsx"
    page.export.choose_path = lambda parent: second
    with qtbot.waitSignal(page.export.sig_finished, timeout=10_000) as done:
        QTest.mouseClick(page.view.export_button, Qt.MouseButton.LeftButton)
        assert page.view.cancel_export_button.isVisible()
        QTest.mouseClick(page.view.cancel_export_button, Qt.MouseButton.LeftButton)
        release.set()
    assert done.args[0] is None
    assert sorted(p.name for p in second.parent.iterdir()) == ["全部.xlsx"]


def test_column_layout_is_remembered_per_user(qtbot, make_page):
    page = make_page("supervisor")
    header = page.view.table.horizontalHeader()
    page.columns.set_column_hidden("channel", True)
    header.moveSection(COLUMNS.index("due_at"), 0)  # the deadline first
    header.resizeSection(COLUMNS.index("title"), 333)
    page.columns.save()
    page.view.close()

    again = make_page("supervisor").view.table.horizontalHeader()
    assert again.isSectionHidden(COLUMNS.index("channel"))
    assert again.logicalIndex(0) == COLUMNS.index("due_at")
    assert again.sectionSize(COLUMNS.index("title")) == 333
    other = make_page("dispatcher").view.table.horizontalHeader()  # another user: defaults
    assert not other.isSectionHidden(COLUMNS.index("channel")) and other.logicalIndex(0) == 0
