"""The page data a filter change sends (ui.map.payload.cases_json), worked out by hand."""

from __future__ import annotations

import json

from desktop.services.map_data import Incidents, MapCases
from ui.map.payload import cases_json

TITLES = {"open": "在办案件", "overdue": "超期案件", "per1000": "每千人在办"}


def test_cases_json_gives_counts_as_columns_breaks_and_incident_codes():
    cases = MapCases(
        counts={11: (3, 1, 0), 12: (0, 0, 2), 13: (6, 0, 0)},
        populations={11: 1000, 12: 0, 13: 500, 14: 800},
        incidents=Incidents((101, 102), (40.05, 40.123456), (110.05, 110.2), ("red", None),
                            ("orange", "normal"), truncated=False, grids=(11, None)),
    )  # fmt: skip
    got = json.loads(cases_json(cases, titles=TITLES))
    assert got["counts"] == {
        "ids": [11, 12, 13], "open": [3, 0, 6], "overdue": [1, 0, 0], "today": [0, 2, 0],
    }  # fmt: skip
    # Open 3 and 6: five quantiles of two values give two classes; per 1,000 residents:
    # 3 of 1,000 is 3, 6 of 500 is 12 (grid 12 has no population: no rate).
    assert {k: m["breaks"] for k, m in got["metrics"].items()} == {
        "open": [3, 6], "overdue": [1], "per1000": [3, 12],
    }  # fmt: skip
    assert got["metrics"]["per1000"]["title"] == "每千人在办"
    assert got["incidents"] == {
        "ids": [101, 102], "lats": [4005000, 4012346], "lngs": [11005000, 11020000],
        "colour": [3, 0], "risk": [2, 0], "grid": [11, 0], "truncated": False,
    }  # fmt: skip


def test_cases_json_of_nothing_is_empty_columns():
    none = MapCases({}, {}, Incidents((), (), (), (), (), truncated=False))
    got = json.loads(cases_json(none, titles=TITLES))
    assert got["counts"] == {"ids": [], "open": [], "overdue": [], "today": []}
    assert got["incidents"]["ids"] == [] and got["metrics"]["open"]["breaks"] == []
