"""Report figures, breakdowns, ageing, lists and drill-downs on the hand-made county.

The dataset and its table are in tests/db/report_dataset.py; every expected value below
was worked out by hand from that table (the reasoning is next to each number).
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.db.models import CaseParty
from desktop.domain.enums import Channel, PartyRole
from desktop.domain.metrics import Ageing, Dimension, Metric
from desktop.errors import GovDeskError
from desktop.services import report_lists, report_rollup
from desktop.services import report_period as rp
from desktop.services.report_data import build_report, find_center, top_center
from desktop.services.report_drilldown import Side, ageing_ids, drilldown
from desktop.services.report_figures import _counted_tally, breakdown, figures, tally, total
from desktop.services.report_lists import (
    ageing_counts,
    overdue_list,
    person_case_ids,
    place_case_ids,
    repeat_people,
    repeat_places,
)
from desktop.services.report_targets import center_targets, set_center_target
from tests.db.report_dataset import Dataset, at, build

W40 = rp.parse_week("2026-W40")  # National Day week
M = Metric


@pytest.fixture
def data(session_factory) -> Dataset:
    with session_factory.begin() as session:
        return build(session)


def _values(figs) -> dict[Metric, tuple]:
    return {m: (f.numerator, f.denominator) for m, f in figs.items()}


def test_national_day_week_headline_figures(session_factory, data):
    with session_factory() as s:
        figs = figures(tally(session=s, principal=data.supervisor, period=W40)[()])
    assert _values(figs) == {
        M.INTAKE: (5, None),  # accepted 28 Sep – 4 Oct: c1 c2 c4 c9 c15 (x14: other county)
        M.RESOLVED: (5, None),  # first 办结: c1 c4 c6 c15 c16 (c2 on 9 Oct; c16 reopened once)
        M.RESOLUTION_RATE: (3, 5),  # of those accepted, resolved by the end: c1 c4 c15
        M.ON_TIME_RATE: (4, 5),  # c4 resolved 2 Oct after its 30 Sep deadline
        M.OVERDUE: (2, None),  # open at 5 Oct with due before: c3, c5 (c10 suspended)
        M.DISPUTE_RATE: (2, 5),  # disputes resolved c1 c4 c6 c15 c16; solved/mediated: c1 c6
        M.MEDIATION_RATE: (2, 3),  # mediated c1 c6; failed c15
        M.SATISFACTION_RATE: (2, 3),  # follow-ups c4 satisfied, c7 basically, c12 unsatisfied
        M.REPEATS: (1, None),  # c6
        # working days acceptance → first 办结 (holidays 1–7 Oct and 25 Sep skipped):
        # c1 29,30 = 2; c4 29,30 = 2; c15 29,30 = 2; c16 22,23,24,28,29 = 5 → 11 / 4
        M.MEAN_DAYS: (11, 4),
    }
    assert figs[M.MEAN_DAYS].value == 2.75
    assert figs[M.RESOLUTION_RATE].value == 0.6


def test_previous_week_and_year_ago(session_factory, data):
    with session_factory() as s:
        before = figures(tally(session=s, principal=data.supervisor, period=rp.previous(W40))[()])
        then = figures(tally(session=s, principal=data.supervisor, period=rp.year_ago(W40))[()])
    assert rp.previous(W40).code == "2026-W39" and rp.year_ago(W40).code == "2025-W40"
    assert _values(before)[M.INTAKE] == (4, None)  # c3 c12 c13 c16
    assert _values(before)[M.RESOLVED] == (2, None)  # c7 c12
    assert _values(before)[M.RESOLUTION_RATE] == (1, 4)  # c12 (c16 resolved on 29 Sep)
    assert _values(before)[M.OVERDUE] == (1, None)  # at 28 Sep: c3 (c10 suspended, c16 due Nov)
    # c7: 16,17,18 Sep, Sunday 20 (make-up day), 21–24 = 8; c12: 23, 24 = 2
    assert _values(before)[M.MEAN_DAYS] == (10, 2)
    assert before[M.SATISFACTION_RATE].value is None  # no follow-up that week: 0 ÷ 0
    assert _values(then)[M.INTAKE] == (1, None)  # c11
    assert _values(then)[M.MEDIATION_RATE] == (1, 1)
    assert _values(then)[M.MEAN_DAYS] == (1, 1)  # 29 → 30 Sep 2025, a Tuesday
    assert _values(then)[M.OVERDUE] == (0, None)


def test_breakdowns(session_factory, data):
    w = data.w
    with session_factory() as s:
        grouped = tally(session=s, principal=data.supervisor, period=W40, by_dimensions=True)
    assert total(grouped) == tally_total(session_factory, data)

    def by(dimension, metric):
        return {k: figures(v)[metric].numerator for k, v in breakdown(grouped, dimension).items()}

    assert by(Dimension.STREET, M.INTAKE) == {w.east.id: 3, w.west.id: 2}
    assert by(Dimension.STREET, M.RESOLVED) == {w.east.id: 4, w.west.id: 1}
    assert by(Dimension.STREET, M.OVERDUE) == {w.east.id: 1, w.west.id: 1}
    # c2's returned police lead does not count; undispatched cases go under None (未派单)
    assert by(Dimension.DEPARTMENT, M.INTAKE) == {w.justice.id: 3, w.police.id: 2, None: 0}
    assert by(Dimension.DEPARTMENT, M.RESOLVED) == {w.justice.id: 2, w.police.id: 1, None: 2}
    assert by(Dimension.DEPARTMENT, M.OVERDUE) == {w.justice.id: 0, w.police.id: 1, None: 1}
    assert by(Dimension.CHANNEL, M.INTAKE) == {
        Channel.WALK_IN: 2, Channel.PHONE: 1, Channel.GRID_REPORT: 1, Channel.HOTLINE_12345: 1,
    }  # fmt: skip
    # a child category counts under its top-level one
    assert by(Dimension.CATEGORY, M.INTAKE) == {w.disputes.id: 5, w.safety.id: 0}
    assert by(Dimension.CATEGORY, M.OVERDUE) == {w.disputes.id: 1, w.safety.id: 1}


def tally_total(session_factory, data):
    with session_factory() as s:
        return tally(session=s, principal=data.supervisor, period=W40)[()]


def test_every_drilldown_selects_as_many_cases_as_its_figure_counts(session_factory, data):
    with session_factory() as s:
        common = {"session": s, "principal": data.supervisor, "period": W40}
        grouped = tally(by_dimensions=True, **common)
        headline = figures(total(grouped))
        for metric, figure in headline.items():
            counted = figure.denominator if metric == M.MEAN_DAYS else figure.numerator
            assert len(drilldown(metric=metric, **common)) == counted, metric
            if figure.denominator is not None:
                ids = drilldown(metric=metric, side=Side.DENOMINATOR, **common)
                assert len(ids) == figure.denominator, metric
        for dimension in Dimension:
            for key, counts in breakdown(grouped, dimension).items():
                for metric, figure in figures(counts).items():
                    ids = drilldown(metric=metric, side=Side.DENOMINATOR, dimension=dimension,
                                    key=key, **common)  # fmt: skip
                    assert len(ids) == (figure.denominator or figure.numerator), (dimension, key)
        assert data.names(drilldown(metric=M.OVERDUE, **common)) == {"c3", "c5"}
        assert data.names(drilldown(metric=M.REPEATS, **common)) == {"c6"}
        undispatched = drilldown(metric=M.RESOLVED, dimension=Dimension.DEPARTMENT, key=None,
                                 **common)  # fmt: skip
        assert data.names(undispatched) == {"c6", "c16"}


def test_ageing_buckets_partition_open_and_resolved(session_factory, data):
    with session_factory() as s:
        common = {"session": s, "principal": data.supervisor, "period": W40}
        counts = ageing_counts(**common)
        assert counts == {
            Ageing.OVERDUE_UNACCEPTED: 1,  # c5
            Ageing.OPEN_WITHIN_7: 2,  # c2 c9 (received from 28 Sep)
            Ageing.OPEN_OVER_7: 3,  # c3 c10 c13
            Ageing.RESOLVED_ON_TIME: 4,  # c1 c6 c15 c16
            Ageing.RESOLVED_LATE: 1,  # c4
        }
        assert data.names(ageing_ids(bucket=Ageing.OPEN_OVER_7, **common)) == {"c3", "c10", "c13"}
        week_before = ageing_counts(session=s, principal=data.supervisor, period=rp.previous(W40))
    # At 28 Sep 00:00: c16 (reopened: open by status, first 办结 only on the 29th) counts once.
    assert week_before == {
        Ageing.OVERDUE_UNACCEPTED: 0,
        Ageing.OPEN_WITHIN_7: 3,  # c3 c13 c16 (received from 21 Sep 00:00)
        Ageing.OPEN_OVER_7: 1,  # c10
        Ageing.RESOLVED_ON_TIME: 2,  # c7 c12
        Ageing.RESOLVED_LATE: 0,
    }


def test_overdue_list_and_repeats_are_masked(session_factory, data):
    with session_factory() as s:
        common = {"session": s, "principal": data.supervisor, "period": W40}
        rows = overdue_list(**common)
        people = repeat_people(**common)
        places = repeat_places(**common)
        person_ids = person_case_ids(phone=people[0].key, **common)
        place_ids = place_case_ids(grid_id=places[0].grid_id, **common)
    assert [data.names([r.case_id]) for r in rows] == [{"c3"}, {"c5"}]  # due 26 Sep, 1 Oct
    assert [r.days_overdue for r in rows] == [8, 3]  # to 5 Oct 00:00: 8 d 0 h 0 m 1 s, 3 d …
    assert rows[1].applicant == "李*" and rows[1].phone == "138****0005"
    assert rows[0].department == "公安局" and rows[1].department is None
    assert [(p.phone, p.name, p.cases) for p in people] == [("138****0001", "张*丰", 3)]
    assert data.names(person_ids) == {"c1", "c6", "c15"}
    assert [(p.grid, p.cases) for p in places] == [("东一1网格", 1)]
    assert data.names(place_ids) == {"c6"}


def test_a_years_top_repeats_are_exact_however_they_are_found(session_factory, data, monkeypatch):
    # Phones over 2026 (A is 张三丰's, on c1 c6 c15; c11 and x14 are 2025 or another county):
    #   A 13800000001: applicant of c1 c6 c15 c17            → 4 cases, 4 party rows
    #   B 13900000002: applicant of c2 c3, respondent of c4 c7 c9 → 2 cases, 5 rows
    #   C 13700000003: applicant of c11 (2025), c13, c16      → 2 cases, 3 rows
    #   c5's phone: 1 case, 1 row.  Most cases first, ties by phone: A 4, C 2, B 2.
    a, b, c = "13800000001", "13900000002", "13700000003"
    rows = [("c17", a, PartyRole.APPLICANT), ("c2", b, PartyRole.APPLICANT),
            ("c3", b, PartyRole.APPLICANT), ("c4", b, PartyRole.RESPONDENT),
            ("c7", b, PartyRole.RESPONDENT), ("c9", b, PartyRole.RESPONDENT),
            ("c11", c, PartyRole.APPLICANT), ("c13", c, PartyRole.APPLICANT),
            ("c16", c, PartyRole.APPLICANT)]  # fmt: skip
    with session_factory.begin() as s:
        for key, phone, role in rows:
            s.add(CaseParty(case_id=data.ids[key], role=role, name="某人", phone=phone))
    year = rp.year(2026)

    def top(n: int) -> list[tuple[str, int]]:
        with session_factory() as s:
            found = repeat_people(session=s, principal=data.supervisor, period=year, top=n)
        return [(p.key, p.cases) for p in found]

    assert top(10) == [(a, 4), (c, 2), (b, 2)]  # every phone counted (fewer than the bound)
    # With three candidates read by their rows (B 5, A 4, C 3), A's 4 cases beat every
    # phone left (at most 3 rows): settled without counting the year's applicants.
    monkeypatch.setattr(report_lists, "BOUND_CANDIDATES", 3)
    with session_factory() as s:
        settled = report_lists._top_people_by_bound(s, data.supervisor, year, 1)
        unsure = report_lists._top_people_by_bound(s, data.supervisor, year, 2)
    assert [(p, n) for p, _, n in settled] == [(a, 4)]
    assert unsure is None  # second place has 2 cases, a phone left out may have 3
    assert top(1) == [(a, 4)] and top(2) == [(a, 4), (c, 2)]  # the full count decides
    # Two candidates (B 5, A 4): A is the last read, so nothing settles.
    monkeypatch.setattr(report_lists, "BOUND_CANDIDATES", 2)
    assert top(1) == [(a, 4)]


def test_street_user_sees_only_their_street(session_factory, data):
    with session_factory() as s:
        figs = figures(tally(session=s, principal=data.east_desk, period=W40)[()])
    assert figs[M.INTAKE].numerator == 3 and figs[M.OVERDUE].numerator == 1


def test_week_53_has_no_year_ago_and_reaches_into_2027(session_factory, data):
    week = rp.parse_week("2026-W53")
    assert (week.first.isoformat(), week.last.isoformat()) == ("2026-12-28", "2027-01-03")
    assert rp.year_ago(week) is None  # 2025 has 52 ISO weeks
    with pytest.raises(GovDeskError) as err:
        rp.parse_week("2025-W53")
    assert err.value.code == "report.bad_week"
    with session_factory() as s:
        center = top_center(s)
        report = build_report(session=s, principal=data.supervisor, center=center, period=week,
                              now=at(1, 5, 9, year=2027))  # fmt: skip
    assert report.year_ago is None and report.period.as_of is None  # made after the week
    assert all(h.year_ago is None for h in report.headlines)
    assert report.headline(M.INTAKE).current.numerator == 1  # c17
    assert report.headline(M.OVERDUE).current.numerator == 4  # c3 c5 c9 c13 at 4 Jan 2027
    assert report.previous.code == "2026-W52"


def test_a_running_week_counts_its_open_cases_at_0000_today(session_factory, data):
    # Made on Friday 2 Oct 15:00, inside W40: 超期件 and the open buckets are taken at
    # 2 Oct 00:00, not at the week's end (5 Oct), whose deadlines have not all passed yet.
    friday = at(10, 2, 15)
    with session_factory() as s:
        report = build_report(session=s, principal=data.supervisor, center=top_center(s),
                              period=W40, now=friday)  # fmt: skip
        period = report.period
        assert period.as_of == date(2026, 10, 2) and period.code == "2026-W40"
        overdue_ids = drilldown(session=s, principal=data.supervisor, period=period,
                                metric=M.OVERDUE)  # fmt: skip
        assert report_rollup.is_built(s.connection())  # the report read the rollup
        counted = _counted_tally(s, data.supervisor, period, False, None)[()]
    # Open at 2 Oct 00:00 with the deadline (23:59:59 of its day) before it: c3 (26 Sep),
    # c4 (30 Sep; resolved 2 Oct 10:00, later that day) and c5 (1 Oct). c10 is suspended.
    assert report.headline(M.OVERDUE).current.numerator == 3
    assert data.names(overdue_ids) == {"c3", "c4", "c5"}
    assert [data.names([r.case_id]) for r in report.overdue] == [{"c3"}, {"c4"}, {"c5"}]
    assert [r.days_overdue for r in report.overdue] == [5, 1, 0]
    assert counted["overdue"] == 3  # counted from the cases, as other scopes are
    assert report.ageing == {
        Ageing.OVERDUE_UNACCEPTED: 1,  # c5
        Ageing.OPEN_WITHIN_7: 2,  # c2 c4: received from 25 Sep 00:00 (c9 only on 3 Oct)
        Ageing.OPEN_OVER_7: 3,  # c3 c10 c13
        # the week's first 办结 as ever, up to now: c1 c6 c15 c16 on time, c4 late
        Ageing.RESOLVED_ON_TIME: 4,
        Ageing.RESOLVED_LATE: 1,
    }
    # Flow figures count the whole week as ever; the week before (环比) has ended.
    assert report.headline(M.INTAKE).current.numerator == 5
    assert report.previous.as_of is None
    assert report.headline(M.OVERDUE).previous.numerator == 1  # at 28 Sep: c3


def test_empty_week_is_all_zeros(session_factory, data):
    with session_factory() as s:
        report = build_report(session=s, principal=data.supervisor, center=top_center(s),
                              period=rp.parse_week("2026-W10"))  # fmt: skip
    for headline in report.headlines:
        if headline.metric == M.OVERDUE:
            continue
        assert headline.current.numerator == 0
        assert headline.current.value in (0, None)
    assert report.headline(M.ON_TIME_RATE).current.value is None
    assert sum(report.ageing.values()) == 0 and report.overdue == []


def test_build_report_for_the_national_day_week(session_factory, data):
    with session_factory() as s:
        center = find_center(s, "测试")
        report = build_report(session=s, principal=data.supervisor, center=center, period=W40)
    assert report.center_name == "测试县综治中心"
    intake = report.headline(M.INTAKE)
    assert (intake.current.value, intake.previous.value, intake.year_ago.value) == (5, 4, 1)
    streets = {r.name: r.figures[M.INTAKE].numerator for r in report.breakdowns[Dimension.STREET]}
    assert streets == {"东街道": 3, "西街道": 2}
    departments = [(r.name, r.figures[M.RESOLVED].numerator)
                   for r in report.breakdowns[Dimension.DEPARTMENT]]  # fmt: skip
    assert departments == [("公安局", 1), ("司法局", 2), ("", 2)]  # "" is 未派单
    trend = {p.period.code: (p.intake, p.resolved) for p in report.trend}
    assert list(trend)[-1] == "2026-W40" and len(trend) == 8
    assert trend["2026-W38"] == (2, 0) and trend["2026-W39"] == (4, 2)
    assert trend["2026-W40"] == (5, 5)


def test_unknown_center_and_targets(session_factory, data):
    with session_factory.begin() as s:
        with pytest.raises(GovDeskError) as err:
            find_center(s, "没有这个中心")
        assert err.value.code == "report.unknown_center"
        center = top_center(s)
        assert center_targets(session=s, center_id=center.id) == {
            M.ON_TIME_RATE: 0.9, M.SATISFACTION_RATE: 0.95, M.DISPUTE_RATE: 0.8}  # fmt: skip
        set_center_target(session=s, center_id=center.id, metric=M.ON_TIME_RATE, value=0.85)
        with pytest.raises(GovDeskError):
            set_center_target(session=s, center_id=center.id, metric=M.INTAKE, value=0.5)
    with session_factory() as s:
        assert center_targets(session=s, center_id=center.id)[M.ON_TIME_RATE] == 0.85


def test_periods():
    assert rp.parse_month("2026-11").code == "2026-11"
    assert rp.previous(rp.parse_month("2026-01")).code == "2025-12"
    assert rp.year_ago(rp.parse_month("2026-02")).code == "2025-02"
    for bad in ("2026-13", "2026/11", "11"):
        with pytest.raises(GovDeskError):
            rp.parse_month(bad)
    assert rp.last_complete_week(rp.parse_week("2026-W48").first).code == "2026-W47"
