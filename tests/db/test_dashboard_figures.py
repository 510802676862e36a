"""The 工作台's tiles and charts on the hand-made county of tests/db/report_dataset.py.

Expected values are worked out by hand from that table (reasoning next to each number);
where the issue asks that a tile equal the report, the report's own figure is compared too.
"""

from __future__ import annotations

import pytest

from desktop.domain.metrics import Metric
from desktop.services import report_period as rp
from desktop.services.dashboard_figures import (
    NO_CLOCK,
    Chart,
    Target,
    Tile,
    dashboard_figures,
    target_ids,
)
from desktop.services.report_drilldown import drilldown
from desktop.services.report_figures import figures, period_figures, tally
from desktop.services.supervision import card_cutoffs, supervision_condition
from tests.db.report_dataset import Dataset, at, build

W40 = rp.parse_week("2026-W40")
OCTOBER = rp.parse_month("2026-10")
WEEK_END = at(10, 5)  # 00:00 on Monday 5 Oct: W40's end, today is 5 Oct


@pytest.fixture
def data(session_factory) -> Dataset:
    with session_factory.begin() as session:
        return build(session)


def _ids(session, data, target, now):
    return data.names(
        target_ids(session=session, principal=data.supervisor, target=target, now=now)
    )


def test_tiles_at_the_end_of_the_national_day_week(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.supervisor, now=WEEK_END)
        week = period_figures(session=s, principal=data.supervisor, period=W40)
        month = figures(tally(session=s, principal=data.supervisor, period=OCTOBER)[()])
        tiles = dash.tiles
        # open at 5 Oct 00:00: c2 (resolved 9 Oct) c3 c5 c9 c10 c13; c16 was first resolved
        # 29 Sep (reopened since), c8 rejected; the same six at 4 Oct 00:00
        assert (tiles[Tile.OPEN].value, tiles[Tile.OPEN].previous) == (6, 6)
        assert _ids(s, data, Target(Tile.OPEN), WEEK_END) == {"c2", "c3", "c5", "c9", "c10", "c13"}
        # 超期 now is the week's 超期件: c3 and c5 (c10 is suspended); the same at 4 Oct
        assert (tiles[Tile.OVERDUE].value, tiles[Tile.OVERDUE].previous) == (2, 2)
        assert tiles[Tile.OVERDUE].value == week[Metric.OVERDUE].value
        assert _ids(s, data, Target(Tile.OVERDUE), WEEK_END) == {"c3", "c5"}
        # nobody accepted a case on 5 Oct or 4 Oct
        assert (tiles[Tile.TODAY_INTAKE].value, tiles[Tile.TODAY_INTAKE].previous) == (0, 0)
        # October: resolved c2 (on time) c4 (late) c15 (on time); September c1 c6 c7 c12 c16,
        # all on time
        on_time = tiles[Tile.ON_TIME_RATE]
        assert (on_time.numerator, on_time.denominator, on_time.previous) == (2, 3, 1.0)
        assert on_time.value == month[Metric.ON_TIME_RATE].value == pytest.approx(2 / 3)
        assert _ids(s, data, Target(Tile.ON_TIME_RATE), WEEK_END) == {"c2", "c15"}
        # October follow-ups: c4 satisfied, c12 unsatisfied; September: c7 basically
        content = tiles[Tile.SATISFACTION_RATE]
        assert (content.numerator, content.denominator, content.previous) == (1, 2, 1.0)
        assert content.value == month[Metric.SATISFACTION_RATE].value == 0.5
        # red card: 10 working days back from 5 Oct (a holiday) is 17 Sep; nothing is due so early
        assert tiles[Tile.RED_CARD].value == 0
        assert dash.month == OCTOBER


def test_daily_intake_adds_up_to_the_weekly_report(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.supervisor, now=WEEK_END)
        week = period_figures(session=s, principal=data.supervisor, period=W40)
        bars = dash.charts[Chart.DAILY_INTAKE]
        assert len(bars) == 90 and len(dash.average) == 90
        assert bars[-1].key == W40.end  # today, 5 Oct
        in_week = [b for b in bars if W40.first <= b.key < W40.end]
        # accepted 28 Sep: c1 c4 c15; 29 Sep: c2; 3 Oct: c9 (x14 is another county's)
        assert [b.value for b in in_week] == [3, 1, 0, 0, 0, 1, 0]
        assert sum(b.value for b in in_week) == week[Metric.INTAKE].value == 5
        assert dash.average[-2] == pytest.approx(5 / 7)  # 4 Oct: the W40 days
        sep_28 = next(b for b in bars if b.key == W40.first)
        assert _ids(s, data, Target(Chart.DAILY_INTAKE, sep_28.key), WEEK_END) == {
            "c1", "c4", "c15"}  # fmt: skip


def test_colour_street_and_category_charts(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.supervisor, now=WEEK_END)
        colours = {b.key: b.value for b in dash.charts[Chart.DEADLINE_COLOUR]}
        # of the six open: red c3 c5; c10 suspended (no running clock); the rest have no
        # warning time set and are due later: green
        assert colours == {"green": 3, "yellow": 0, "red": 2, NO_CLOCK: 1}
        assert _ids(s, data, Target(Chart.DEADLINE_COLOUR, NO_CLOCK), WEEK_END) == {"c10"}
        streets = [(b.name, b.value) for b in dash.charts[Chart.STREETS]]
        assert streets == [("东街道", 3), ("西街道", 3)]  # c2 c5 c10 / c3 c9 c13
        west = dash.charts[Chart.STREETS][1]
        assert _ids(s, data, Target(Chart.STREETS, west.key), WEEK_END) == {"c3", "c9", "c13"}
        # October's acceptances: c9 (邻里纠纷, under 矛盾纠纷)
        categories = dash.charts[Chart.CATEGORIES]
        assert [(b.name, b.value) for b in categories] == [("矛盾纠纷", 1)]
        ids = target_ids(session=s, principal=data.supervisor, now=WEEK_END,
                         target=Target(Chart.CATEGORIES, categories[0].key))  # fmt: skip
        report_ids = drilldown(session=s, principal=data.supervisor, period=OCTOBER,
                               metric=Metric.INTAKE, dimension="category",
                               key=categories[0].key)  # fmt: skip
        assert ids == report_ids and data.names(ids) == {"c9"}


def test_today_and_the_red_card(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.supervisor, now=at(10, 3, 15))
        # 3 Oct: c9 accepted at 10:00; 2 Oct: none
        tile = dash.tiles[Tile.TODAY_INTAKE]
        assert (tile.value, tile.previous) == (1, 0)
        assert _ids(s, data, Target(Tile.TODAY_INTAKE), at(10, 3, 15)) == {"c9"}

        now = at(10, 20, 12)  # Tuesday: 10 working days back is 8 Oct (10 Oct is a make-up day)
        dash = dashboard_figures(session=s, principal=data.supervisor, now=now)
        red = dash.tiles[Tile.RED_CARD]
        # c3 (due 26 Sep) and c5 (due 1 Oct); a day before, the cut-off was 30 Sep: c3 only
        assert (red.value, red.previous) == (2, 1)
        assert _ids(s, data, Target(Tile.RED_CARD), now) == {"c3", "c5"}
        # the same cases the queue's 红牌督办 filter lists
        from sqlalchemy import select

        from desktop.db.models import Case

        queue = s.scalars(select(Case.id).where(
            supervision_condition("red_card", card_cutoffs(s, now)),
            Case.county_id == data.w.county.id))  # fmt: skip
        assert data.names(queue) == {"c3", "c5"}


def test_every_number_opens_as_many_cases_as_it_counts(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.supervisor, now=WEEK_END)
        for tile, fig in dash.tiles.items():
            ids = target_ids(session=s, principal=data.supervisor, target=Target(tile),
                             now=WEEK_END)  # fmt: skip
            assert len(ids) == fig.numerator, tile
        for chart, bars in dash.charts.items():
            for bar in bars:
                ids = target_ids(session=s, principal=data.supervisor, now=WEEK_END,
                                 target=Target(chart, bar.key))  # fmt: skip
                assert len(ids) == bar.value, (chart, bar)


def test_a_street_user_sees_only_the_street(session_factory, data):
    with session_factory() as s:
        dash = dashboard_figures(session=s, principal=data.east_desk, now=WEEK_END)
        assert dash.tiles[Tile.OPEN].value == 3  # c2 c5 c10
        assert dash.tiles[Tile.OVERDUE].value == 1  # c5
        assert [(b.name, b.value) for b in dash.charts[Chart.STREETS]] == [("东街道", 3)]
