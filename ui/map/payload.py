"""MapData as the page's data file: GeoJSON text, incident columns, class breaks (no Qt)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from desktop.services.map_data import Incidents, MapCases, MapData
from desktop.services.map_geojson import grids_geojson, micro_geojson, places_geojson

METRICS = ("open", "overdue", "per1000")
# Small integers for the page: index into its colour tables.
DEADLINE_CODES = {None: 0, "green": 1, "yellow": 2, "red": 3}
RISK_CODES = {"normal": 0, "yellow": 1, "orange": 2, "red": 3}
CLASSES = 5


def class_breaks(values: Iterable[float], classes: int = CLASSES) -> list[float]:
    """Upper bounds of up to `classes` quantile classes of the positive values, ascending.

    Zero has its own class in the legend ("none"), so the grids that carry cases share the
    colours; equal quantiles merge, so a county of ones and twos gets two classes, not five.
    Fractions are rounded up to one decimal (a value never falls above its class's bound).
    """
    positive = sorted(v for v in values if v > 0)
    breaks: list[float] = []
    for k in range(1, classes + 1):
        bound = positive[math.ceil(k * len(positive) / classes) - 1] if positive else None
        if bound is None:
            break
        if not float(bound).is_integer():
            bound = math.ceil(bound * 10) / 10
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def per_thousand(open_cases: int, population: int) -> float | None:
    return open_cases * 1000 / population if population > 0 else None


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _metrics(counts, populations: Mapping[int, int], titles: Mapping[str, str]) -> dict:
    """Each metric's legend title and class breaks; `counts` are (open, overdue, today) by
    grid (grids without cases may be left out: breaks count only positive values)."""
    rates = (per_thousand(c[0], populations.get(g, 0)) for g, c in counts.items())
    values = {
        "open": [c[0] for c in counts.values()],
        "overdue": [c[1] for c in counts.values()],
        "per1000": [r for r in rates if r is not None],
    }
    return {name: {"title": titles[name], "breaks": class_breaks(values[name])} for name in METRICS}


def _incidents(inc: Incidents) -> dict[str, Any]:
    return {
        "ids": inc.ids,
        "lats": [round(v * 1e5) for v in inc.lats],  # 1e-5 degree, about a metre
        "lngs": [round(v * 1e5) for v in inc.lngs],
        "colour": [DEADLINE_CODES.get(c, 0) for c in inc.colours],
        "risk": [RISK_CODES.get(r, 0) for r in inc.risks],
        "grid": [g or 0 for g in inc.grids] if inc.grids else [0] * len(inc.ids),
        "truncated": inc.truncated,
    }


def layers_json(
    data: MapData, *, titles: Mapping[str, str], texts: Mapping[str, Any], fit: bool
) -> str:
    """The JSON object govmap.js `receive` draws; `titles` names each metric for the legend."""
    counts = {g.id: (g.open, g.overdue, g.today) for g in data.grids}
    metrics = _metrics(counts, {g.id: g.population for g in data.grids}, titles)
    return (
        f'{{"places":{places_geojson(data.places)},"grids":{grids_geojson(data.grids)},'
        f'"micro":{micro_geojson(data.micro_grids)},"incidents":{_dumps(_incidents(data.incidents))},'
        f'"metrics":{_dumps(metrics)},"texts":{_dumps(dict(texts))},"fit":{_dumps(fit)}}}'
    )


def cases_json(cases: MapCases, *, titles: Mapping[str, str]) -> str:
    """The JSON object govmap.js `update` draws over the shapes already on the page: counts
    as columns by grid id (grids left out have none), the metrics and the incidents."""
    ids = list(cases.counts)
    columns = list(zip(*(cases.counts[g] for g in ids), strict=True)) or [(), (), ()]
    counts = {"ids": ids, "open": columns[0], "overdue": columns[1], "today": columns[2]}
    metrics = _metrics(cases.counts, cases.populations, titles)
    payload = {"counts": counts, "incidents": _incidents(cases.incidents), "metrics": metrics}
    return _dumps(payload)
