"""The map as files for reports and slides: a PNG of the view, or one HTML file that opens
offline in any browser (Leaflet, our script and the data inline: nothing beside it needed).

Both show exactly what the screen shows: the exported data is the page's current data file,
already scoped to the user and masked by the services that built it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ui.map.page import build_map

DATA_MARK = "/*GOVMAP-DATA*/"


def standalone_html(
    layers_json: str, view: dict | None, base_url: str | None = None, cases: str | None = None
) -> str:
    """A page drawing `layers_json` (and the `cases` drawn over it since) at `view`
    ({lat, lng, zoom}); a tile server URL only when the center has one (an MBTiles file cannot
    leave the app)."""
    page = build_map(inline_assets=True, after_init=DATA_MARK).get_root().render()
    # Spliced in after rendering: the data is not Jinja's to read. Its <, > and & are escaped
    # (desktop.services.map_geojson), so it cannot close the script it sits in.
    calls = f"GovMap.receive(1,{layers_json});"
    if cases:
        calls += f"GovMap.update(2,{cases});"
    if base_url:
        calls += f"GovMap.setBaseMap({script_json(base_url)},{{}});"
    if view:
        calls += f"GovMap.restoreView({script_json(view)});"
    return page.replace(DATA_MARK, calls, 1)


def script_json(value) -> str:
    """JSON text safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_html(
    path: Path, layers_json: str, view: dict | None, base_url: str | None, cases: str | None = None
) -> Path:
    path.write_text(standalone_html(layers_json, view, base_url, cases), encoding="utf-8")
    return path
