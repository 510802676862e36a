"""Named queues, filters, free text, sorting, keyset paging and scoping, on both databases.

The data set (built in `data`), with NOW = T0 + 100 h; e* are in 东街道, w* in 西街道:

| case | status      | category | grid     | due / warn   | other                                 |
| e1   | registered  | 邻里     | east     |              | 张三 138…0001, ID 110105199001010011   |
| e2   | registered  | 劳动     | micro    |              | phone channel, risk yellow             |
| e3   | accepted    | 安全     | east     |              | 王五 138…0003                          |
| e4   | accepted    | 矛盾纠纷 | east     |              | lead returned, 协办 justice working     |
| e5   | dispatched  | 安全     | east     | 120 / 90     | police lead dispatched, unassigned     |
| e6   | in_progress | 邻里     | east     | 99 / 80      | police lead (other staff), supervised  |
| e7   | in_progress | 劳动     | east     | 99 / 80      | suspended                              |
| e8   | resolved    | 安全     | east     |              | received like e7                       |
| e9   | closed      | 安全     | (street) | 10 / 8       | risk red, received 03-03 00:00 China   |
| e10  | registered  | 邻里     | east     | 200 / 180    | claimed by the east desk user (live)   |
| w1   | registered  | 劳动     | west     |              | hotline, 李四 + 周七 applicants          |
| w2   | dispatched  | 安全     | west     | 95 / 76      | police lead assigned to police user    |
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from desktop.domain.enums import (
    Channel,
    DeadlineColour,
    NamedQueue,
    PartyRole,
    Risk,
    Role,
    Status,
    SupervisionLevel,
    TaskRole,
    TaskStatus,
)
from desktop.domain.principal import Principal
from desktop.services import queues as q
from desktop.services.queues import CaseFilter, Sort, SortKey
from tests.db.factories import T0, hours, world

NOW = hours(100)


@dataclass
class Data:
    ids: dict[str, int]
    east_desk: Principal
    west_desk: Principal
    supervisor: Principal
    police: Principal
    east_desk_user_id: int
    categories: dict[str, int]
    places: dict[str, int]

    def names(self, ids) -> list[str]:
        back = {v: k for k, v in self.ids.items()}
        return [back[i] for i in ids]


@pytest.fixture
def data(session_factory) -> Data:
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        north = f.street(w.county, "北街道")  # the police user's own place holds no case
        police_staff, other_staff = f.staff(w.police, "警员甲"), f.staff(w.police, "警员乙")
        desk_user, east_desk = f.person("edesk", {Role.DESK, Role.DISPATCHER}, w.east)
        _, west_desk = f.person("wdesk", {Role.DESK}, w.west)
        _, supervisor = f.person("boss", {Role.SUPERVISOR}, w.county)
        _, police = f.person("cop", {Role.DEPARTMENT}, north, w.police, police_staff)

        def case(key, received, category, status, grid=w.east_grid, **kw):
            number = ("DX" if key.startswith("e") else "XX") + f"2026{int(key[1:]):04d}"
            return f.case(center=w.center, category=category, grid=grid, status=status,
                          received_at=hours(received), number=number, **kw)  # fmt: skip

        e1 = case("e1", 1, w.neighbours, Status.REGISTERED, title="楼上漏水")
        f.party(e1, "张三", phone="13800000001", id_number="110105199001010011")
        e2 = case("e2", 2, w.labour, Status.REGISTERED, grid=w.east_micro, title="拖欠工资",
                  channel=Channel.PHONE, risk=Risk.YELLOW)  # fmt: skip
        e3 = case("e3", 3, w.safety, Status.ACCEPTED, title="井盖缺失")
        f.party(e3, "王五", phone="13800000003")
        e4 = case("e4", 4, w.disputes, Status.ACCEPTED, title="邻里噪音纠纷")
        f.party(e4, "王大锤", role=PartyRole.RESPONDENT)
        f.task(e4, w.police, status=TaskStatus.RETURNED)
        f.task(e4, w.justice, status=TaskStatus.IN_PROGRESS, role=TaskRole.ASSIST)
        e5 = case("e5", 5, w.safety, Status.DISPATCHED, title="路灯不亮",
                  due_at=hours(120), warn_at=hours(90))  # fmt: skip
        f.party(e5, "赵六", id_number="15010219900307123X")
        f.task(e5, w.police)
        e6 = case("e6", 6, w.neighbours, Status.IN_PROGRESS, title="WiFi 信号塔",
                  due_at=hours(99), warn_at=hours(80), supervised=True)  # fmt: skip
        f.task(e6, w.police, status=TaskStatus.IN_PROGRESS, assignee=other_staff)
        f.task(e6, w.justice, role=TaskRole.ASSIST)
        e7 = case("e7", 7, w.labour, Status.IN_PROGRESS, title="工伤赔偿",
                  due_at=hours(99), warn_at=hours(80), suspended_at=hours(50))  # fmt: skip
        f.task(e7, w.justice, status=TaskStatus.IN_PROGRESS)
        e8 = case("e8", 7, w.safety, Status.RESOLVED, title="电线老化")
        e9 = case("e9", 15, w.safety, Status.CLOSED, grid=None, street=w.east, title="旧案",
                  due_at=hours(10), warn_at=hours(8), risk=Risk.RED)  # fmt: skip
        e10 = case("e10", 40, w.neighbours, Status.REGISTERED, title="占道经营",
                   due_at=hours(200), warn_at=hours(180),
                   claimed_by_id=desk_user.id, claimed_at=hours(99.9))  # fmt: skip
        w1 = case("w1", 1.5, w.labour, Status.REGISTERED, grid=w.west_grid, title="拖欠工资纠纷",
                  channel=Channel.HOTLINE_12345)  # fmt: skip
        f.party(w1, "李四", phone="13900000002")
        f.party(w1, "周七", phone="13900000007")
        w2 = case("w2", 2.5, w.safety, Status.DISPATCHED, grid=w.west_grid, title="违章搭建",
                  due_at=hours(95), warn_at=hours(76), risk=Risk.ORANGE)  # fmt: skip
        f.task(w2, w.police, assignee=police_staff)
        cases = dict(e1=e1, e2=e2, e3=e3, e4=e4, e5=e5, e6=e6, e7=e7, e8=e8, e9=e9, e10=e10,
                     w1=w1, w2=w2)  # fmt: skip
        return Data(
            ids={k: c.id for k, c in cases.items()},
            east_desk=east_desk,
            west_desk=west_desk,
            supervisor=supervisor,
            police=police,
            east_desk_user_id=desk_user.id,
            categories={"disputes": w.disputes.id, "labour": w.labour.id, "safety": w.safety.id},
            places={
                "east": w.east.id,
                "west": w.west.id,
                "east_grid": w.east_grid.id,
                "east_micro": w.east_micro.id,
            },  # fmt: skip
        )


EVERYTHING = CaseFilter()
BY_RECEIPT = Sort()


def ids_of(session_factory, principal, flt=EVERYTHING, sort=BY_RECEIPT) -> list[int]:
    with session_factory() as s:
        return q.ordered_ids(session=s, principal=principal, filter=flt, sort=sort, now=NOW)


def names(data, session_factory, principal, flt=EVERYTHING, sort=BY_RECEIPT) -> set[str]:
    return set(data.names(ids_of(session_factory, principal, flt, sort)))


def test_named_queues_of_the_east_desk(data, session_factory):
    expected = {
        NamedQueue.MY_TODO: {"e10"},
        NamedQueue.PENDING_ACCEPT: {"e1", "e2", "e10"},
        NamedQueue.PENDING_TRIAGE: {"e3", "e4"},
        NamedQueue.IN_PROGRESS: {"e5", "e6", "e7"},
        NamedQueue.DUE_SOON: {"e5"},
        NamedQueue.OVERDUE: {"e6"},  # e7 is suspended, e9 closed
        NamedQueue.PENDING_FOLLOW_UP: {"e8"},
        NamedQueue.SUPERVISED: {"e6"},
        NamedQueue.ALL: {f"e{i}" for i in range(1, 11)},
    }
    for queue, members in expected.items():
        flt = CaseFilter(queue=queue)
        assert names(data, session_factory, data.east_desk, flt) == members, queue
    with session_factory() as s:
        counts = q.count_queues(session=s, principal=data.east_desk, now=NOW)
    assert counts == {queue: len(members) for queue, members in expected.items()}
    assert list(counts) == list(expected)  # dashboard order


def test_department_user_sees_the_cases_of_its_tasks(data, session_factory):
    expected = {
        NamedQueue.MY_TODO: {"e5", "w2"},  # unassigned or assigned to me; e6 is a colleague's
        NamedQueue.DEPT_TO_SIGN: {"e5", "w2"},  # e4's police task was returned
        NamedQueue.DUE_SOON: {"e5"},
        NamedQueue.OVERDUE: {"e6", "w2"},
        NamedQueue.ALL: {"e4", "e5", "e6", "w2"},  # a returned task still shows its case
    }
    with session_factory() as s:
        counts = q.count_queues(session=s, principal=data.police, now=NOW)
    assert counts == {queue: len(members) for queue, members in expected.items()}
    for queue, members in expected.items():
        assert names(data, session_factory, data.police, CaseFilter(queue=queue)) == members


def test_supervisor_dashboard_counts_the_whole_county(data, session_factory):
    with session_factory() as s:
        counts = q.count_queues(session=s, principal=data.supervisor, now=NOW)
    assert counts == {
        NamedQueue.MY_TODO: 0,
        NamedQueue.IN_PROGRESS: 4,
        NamedQueue.DUE_SOON: 1,
        NamedQueue.OVERDUE: 2,
        NamedQueue.PENDING_FOLLOW_UP: 1,
        NamedQueue.SUPERVISED: 1,
        NamedQueue.ALL: 12,
    }


def test_queues_move_with_the_clock(data, session_factory):
    flt = CaseFilter(queue=NamedQueue.OVERDUE)
    with session_factory() as s:
        count = q.count
        assert count(session=s, principal=data.supervisor, filter=flt, now=hours(94)) == 0
        assert count(session=s, principal=data.supervisor, filter=flt, now=hours(95)) == 1
        assert count(session=s, principal=data.supervisor, filter=flt, now=hours(120)) == 3
        due_soon = CaseFilter(queue=NamedQueue.DUE_SOON)
        assert count(session=s, principal=data.supervisor, filter=due_soon, now=hours(185)) == 1


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CaseFilter(statuses={Status.REGISTERED}), {"e1", "e2", "e10", "w1"}),
        (CaseFilter(statuses={Status.RESOLVED, Status.CLOSED}), {"e8", "e9"}),
        (CaseFilter(channels={Channel.PHONE, Channel.HOTLINE_12345}), {"e2", "w1"}),
        (CaseFilter(risks={Risk.RED, Risk.ORANGE}), {"e9", "w2"}),
        (CaseFilter(deadline_colour=DeadlineColour.GREEN), {"e10"}),
        (CaseFilter(deadline_colour=DeadlineColour.YELLOW), {"e5"}),
        (CaseFilter(deadline_colour=DeadlineColour.RED), {"e6", "w2"}),
        # China-time days: e9 arrived at 2026-03-03 00:00 (still 03-02 in UTC), e10 on 03-04.
        (CaseFilter(received_from=date(2026, 3, 3)), {"e9", "e10"}),
        (CaseFilter(received_from=date(2026, 3, 3), received_to=date(2026, 3, 3)), {"e9"}),
        (
            CaseFilter(received_to=date(2026, 3, 2)),
            {"e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "w1", "w2"},
        ),  # fmt: skip
        (CaseFilter(statuses={Status.REGISTERED}, channels={Channel.WALK_IN}), {"e1", "e10"}),
        (CaseFilter(queue=NamedQueue.PENDING_ACCEPT, risks={Risk.YELLOW}), {"e2"}),
    ],
)
def test_filter_by_field(data, session_factory, flt, expected):
    assert names(data, session_factory, data.supervisor, flt) == expected
    with session_factory() as s:
        assert q.count(session=s, principal=data.supervisor, filter=flt, now=NOW) == len(expected)


def test_filter_by_category_tree_and_places(data, session_factory):
    cat, place = data.categories, data.places
    cases = [
        (CaseFilter(category_ids={cat["disputes"]}), {"e1", "e2", "e4", "e6", "e7", "e10", "w1"}),
        (CaseFilter(category_ids={cat["labour"]}), {"e2", "e7", "w1"}),
        (
            CaseFilter(category_ids={cat["labour"], cat["safety"]}),
            {"e2", "e7", "w1", "e3", "e5", "e8", "e9", "w2"},
        ),  # fmt: skip
        (CaseFilter(street_ids={place["west"]}), {"w1", "w2"}),
        (CaseFilter(grid_ids={place["east_grid"]}), {f"e{i}" for i in range(1, 11)} - {"e9"}),
        (CaseFilter(grid_ids={place["east_micro"]}), {"e2"}),
    ]
    for flt, expected in cases:
        assert names(data, session_factory, data.supervisor, flt) == expected, flt


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DX20260003", {"e3"}),  # full case number
        ("xx2026", {"w1", "w2"}),  # part of a number, any case
        ("13800000001", {"e1"}),  # phone, exact
        ("1380000000", {"e1", "e3"}),  # phone, prefix
        ("13900000007", {"w1"}),  # the second applicant
        ("15010219900307123x", {"e5"}),  # ID number with a lower-case check letter
        ("110105", {"e1"}),  # ID prefix
        ("拖欠工", {"e2", "w1"}),  # title
        ("工资纠纷", {"w1"}),
        ("拖欠", set()),  # two characters: names only (an index), not titles (a scan)
        ("wifi", {"e6"}),  # Latin letters ignore case on both databases
        ("王", {"e3", "e4"}),  # party name, any party role
        ("  张三 ", {"e1"}),
        ("三", set()),  # names match from their start (an index range)
        ("%", set()),  # LIKE wildcards are literal
        ("_", set()),
        ("0000000", set()),  # inside a phone but not its prefix
    ],
)
def test_free_text(data, session_factory, text, expected):
    assert names(data, session_factory, data.supervisor, CaseFilter(text=text)) == expected


def test_explicit_ids_are_scoped(data, session_factory):
    wanted = {data.ids[k] for k in ("e1", "e6", "w1")}
    everything_named = {"e1", "e6", "w1"}
    assert names(data, session_factory, data.supervisor, CaseFilter(ids=wanted)) == everything_named
    # A street user handed another street's case id never sees it.
    assert names(data, session_factory, data.east_desk, CaseFilter(ids=wanted)) == {"e1", "e6"}
    assert names(data, session_factory, data.west_desk, CaseFilter(ids=wanted)) == {"w1"}
    # Combined with other conditions, and an empty list means none (not "any").
    flt = CaseFilter(ids=wanted, statuses={Status.REGISTERED})
    assert names(data, session_factory, data.supervisor, flt) == {"e1", "w1"}
    assert names(data, session_factory, data.supervisor, CaseFilter(ids=[])) == set()
    with session_factory() as s:
        rows = q.rows_for_ids(session=s, principal=data.west_desk, ids=sorted(wanted), now=NOW)
        assert [r.id for r in rows] == [data.ids["w1"]]
        flt = CaseFilter(ids=wanted)
        assert q.count(session=s, principal=data.east_desk, filter=flt, now=NOW) == 2


def test_explicit_ids_beyond_the_bound_parameter_limit(data, session_factory):
    many = set(range(10**6, 10**6 + 40_000)) | {data.ids["e2"]}
    assert names(data, session_factory, data.supervisor, CaseFilter(ids=many)) == {"e2"}


# Mon 2 March 2026 09:00 China is T0; March 2026 has no holiday. At NOW (Fri 6th 13:00):
# e6 (due Fri 6th 12:00, also flagged) and w2 (due Fri 6th 08:00) are overdue by 0 working
# days. A week later (Fri 13th) the 5th working day back is Mon 9th: deadlines dated before
# it (e5 Sat 7th, e6, w2) earn the yellow card, e10 (due Tue 10th) is plainly overdue. Two
# weeks later (Fri 20th) the 10th working day back is Mon 9th (red for e5, e6, w2) and the
# 5th is Mon 16th (yellow for e10). e7 is suspended and e9 closed: never carded.
SUPERVISION = {
    hours(100): {"normal": {"e6", "w2"}, "yellow_card": set(), "red_card": set()},
    hours(100 + 7 * 24): {"normal": {"e10"}, "yellow_card": {"e5", "e6", "w2"}, "red_card": set()},
    hours(100 + 14 * 24): {"normal": set(), "yellow_card": {"e10"}, "red_card": {"e5", "e6", "w2"}},
}


@pytest.mark.parametrize("now", list(SUPERVISION))
def test_supervision_level_filter_and_rows(data, session_factory, now):
    everyone = set(data.ids)
    expected = dict(SUPERVISION[now])
    expected["none"] = everyone - set().union(*expected.values())
    with session_factory() as s:
        for level, members in expected.items():
            flt = CaseFilter(supervision=SupervisionLevel(level))
            ids = q.ordered_ids(session=s, principal=data.supervisor, filter=flt, now=now)
            assert set(data.names(ids)) == members, level
        rows = q.rows_for_ids(session=s, principal=data.supervisor, ids=list(data.ids.values()),
                              now=now)  # fmt: skip
    shown = {data.names([r.id])[0]: str(r.supervision) for r in rows}
    assert shown == {name: level for level, ms in expected.items() for name in ms}


def test_rows_carry_display_values_masked(data, session_factory):
    with session_factory() as s:
        rows = q.rows_for_ids(
            session=s,
            principal=data.supervisor,
            ids=[data.ids[k] for k in ("w1", "e1", "e6", "e7", "e10", "e4")],
            now=NOW,
        )
    by = {data.names([r.id])[0]: r for r in rows}
    assert list(by) == ["w1", "e1", "e6", "e7", "e10", "e4"]  # the order asked for
    e1 = by["e1"]
    assert (e1.number, e1.title, e1.status, e1.channel) == (
        "DX20260001", "楼上漏水", Status.REGISTERED, Channel.WALK_IN,
    )  # fmt: skip
    assert (e1.category_name, e1.street_name, e1.grid_name) == ("邻里纠纷", "东街道", "东一1网格")
    assert (e1.applicant_name, e1.applicant_phone) == ("张*", "138****0001")
    assert e1.received_at == hours(1) and e1.received_at.tzinfo is not None
    assert e1.deadline_colour is None and e1.version == 1 and e1.risk is Risk.NORMAL
    assert (by["w1"].applicant_name, by["w1"].applicant_phone) == ("李*", "139****0002")
    assert by["e4"].applicant_name is None  # only a respondent
    assert by["e6"].deadline_colour is DeadlineColour.RED and by["e6"].supervised
    assert by["e7"].deadline_colour is None and by["e7"].suspended
    assert by["e10"].deadline_colour is DeadlineColour.GREEN
    assert by["e10"].claimed_by_id == data.east_desk_user_id
    assert by["e10"].claimed_by_name == "edesk" and by["e1"].claimed_by_name is None
    assert not by["e10"].due_provisional
    assert by["e10"].due_at == hours(200)


# ------------------------------------------------------------------ sorting and paging

SUPERVISOR_ORDERS = {
    SortKey.RECEIVED_AT: [
        "e1",
        "w1",
        "e2",
        "w2",
        "e3",
        "e4",
        "e5",
        "e6",
        "e7",
        "e8",
        "e9",
        "e10",
    ],  # fmt: skip
    SortKey.DUE_AT: ["e9", "w2", "e6", "e7", "e5", "e10", "e1", "e2", "e3", "e4", "e8", "w1"],
    SortKey.NUMBER: [f"e{i}" for i in range(1, 11)] + ["w1", "w2"],
    SortKey.RISK: ["e1", "e3", "e4", "e5", "e6", "e7", "e8", "e10", "w1", "e2", "w2", "e9"],
}


@pytest.mark.parametrize("key", list(SUPERVISOR_ORDERS))
def test_sort_orders_are_total(data, session_factory, key):
    up = data.names(ids_of(session_factory, data.supervisor, sort=Sort(key)))
    down = data.names(ids_of(session_factory, data.supervisor, sort=Sort(key, descending=True)))
    assert up == SUPERVISOR_ORDERS[key]
    assert down == list(reversed(up))


def walk(session_factory, principal, flt, sort, limit):
    """All pages forward, then all pages backward from the last one."""
    forward, pages, after = [], [], None
    with session_factory() as s:
        kwargs = dict(session=s, principal=principal, filter=flt, sort=sort, limit=limit, now=NOW)
        while True:
            page = q.list_page(after=after, **kwargs)
            forward += [r.id for r in page.rows]
            pages.append(page)
            offset_page = q.page_by_offset(offset=limit * (len(pages) - 1), **kwargs)
            assert [r.id for r in offset_page.rows] == [r.id for r in page.rows]
            assert offset_page.has_more == page.has_more
            assert len(page.cursors) == len(page.rows)
            if not page.has_more:
                break
            after = page.cursor
        last = q.last_page(**kwargs)
        backward, before = [r.id for r in last.rows], last.first_cursor
        while last.has_more:
            last = q.list_page(before=before, **kwargs)
            backward = [r.id for r in last.rows] + backward
            before = last.first_cursor
    return forward, pages, backward


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(SortKey))
def test_keyset_walk_matches_ordered_ids(data, session_factory, key, descending):
    sort = Sort(key, descending)
    for principal in (data.supervisor, data.east_desk, data.police):
        expected = ids_of(session_factory, principal, sort=sort)
        forward, pages, backward = walk(session_factory, principal, CaseFilter(), sort, limit=5)
        assert forward == expected
        assert backward == expected
        assert [len(p.rows) for p in pages][:-1] == [5] * (len(pages) - 1)
    with session_factory() as s:
        tail = q.last_page(session=s, principal=data.supervisor, filter=CaseFilter(), sort=sort,
                           limit=5, now=NOW)  # fmt: skip
    assert [r.id for r in tail.rows] == ids_of(session_factory, data.supervisor, sort=sort)[-5:]
    assert tail.has_more


def test_empty_result_pages(data, session_factory):
    flt = CaseFilter(text="没有这个")
    with session_factory() as s:
        for fn in (q.list_page, q.last_page, q.page_by_offset):
            page = fn(session=s, principal=data.supervisor, filter=flt, now=NOW)
            assert page.rows == () and page.cursor is None and not page.has_more


@pytest.mark.parametrize("descending", [False, True])
def test_keyset_on_a_larger_random_set(session_factory, descending):
    """Many ties and missing deadlines: keyset, offset and a Python sort must agree."""
    rng = random.Random(20260302)
    with session_factory.begin() as s:
        w = world(s)
        _, boss = w.f.person("boss", {Role.SUPERVISOR}, w.county)
        expected_rows = []
        for i in range(137):
            due = hours(rng.randrange(0, 40)) if rng.random() < 0.7 else None
            c = w.f.case(center=w.center, category=w.safety, grid=w.east_grid,
                         received_at=hours(rng.randrange(0, 30)), due_at=due,
                         risk=rng.choice(list(Risk)), number=f"R{rng.randrange(10**6):06d}-{i}",
                         status=rng.choice(list(Status)))  # fmt: skip
            expected_rows.append(c)
        rank = {r: n for n, r in enumerate([Risk.NORMAL, Risk.YELLOW, Risk.ORANGE, Risk.RED])}
        python_keys = {
            SortKey.RECEIVED_AT: lambda c: c.received_at,
            SortKey.DUE_AT: lambda c: c.due_at or T0 + timedelta(days=10**6),
            SortKey.RISK: lambda c: rank[c.risk],
            SortKey.UPDATED_AT: lambda c: c.updated_at,
        }
        python_orders = {
            key: [
                c.id
                for c in sorted(expected_rows, key=lambda c, k=fn: (k(c), c.id), reverse=descending)
            ]  # fmt: skip
            for key, fn in python_keys.items()
        }
    for key in SortKey:
        sort = Sort(key, descending)
        expected = ids_of(session_factory, boss, sort=sort)
        assert len(expected) == 137
        if key in python_orders:
            assert expected == python_orders[key], key
        for limit in (7, 50):
            forward, _, backward = walk(session_factory, boss, CaseFilter(), sort, limit)
            assert forward == expected and backward == expected, (key, limit)
        flt = CaseFilter(statuses={Status.REGISTERED, Status.ACCEPTED}, risks={Risk.RED})
        forward, _, backward = walk(session_factory, boss, flt, sort, 3)
        assert forward == backward == ids_of(session_factory, boss, flt, sort)


# ------------------------------------------------------------------ scoping


def test_a_street_user_never_sees_another_street(data, session_factory):
    east = {data.ids[f"e{i}"] for i in range(1, 11)}
    west = {data.ids["w1"], data.ids["w2"]}
    assert set(ids_of(session_factory, data.east_desk)) == east
    assert set(ids_of(session_factory, data.west_desk)) == west
    # Asking for the east explicitly, or by an east party's phone, still finds nothing.
    sneaky = (CaseFilter(street_ids={data.places["east"]}), CaseFilter(text="13800000001"))
    for flt in sneaky:
        assert ids_of(session_factory, data.west_desk, flt) == []
    with session_factory() as s:
        kwargs = dict(session=s, principal=data.west_desk, now=NOW)
        assert q.count(filter=CaseFilter(), **kwargs) == 2
        for flt in sneaky:
            assert q.count(filter=flt, **kwargs) == 0
        page = q.list_page(filter=CaseFilter(), **kwargs)
        assert {r.id for r in page.rows} == west
        assert {r.id for r in q.last_page(filter=CaseFilter(), **kwargs).rows} == west
        assert q.rows_for_ids(ids=sorted(east), **kwargs) == []
        counts = q.count_queues(**kwargs)
    assert counts[NamedQueue.ALL] == 2 and counts[NamedQueue.PENDING_ACCEPT] == 1


@pytest.mark.parametrize("descending", [False, True])
def test_pages_of_a_street_walk_in_receipt_order(data, session_factory, descending):
    """On SQLite a street's pages walk the receipt index (street_id + 0): same rows, same order."""
    sort = Sort(SortKey.RECEIVED_AT, descending)
    flt = CaseFilter(
        street_ids={data.places["east"]}, statuses={Status.REGISTERED, Status.ACCEPTED}
    )
    forward, _, backward = walk(session_factory, data.supervisor, flt, sort, limit=2)
    expected = ["e1", "e2", "e3", "e4", "e10"]
    assert data.names(forward) == (expected[::-1] if descending else expected)
    assert backward == forward
