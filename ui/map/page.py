"""The map page's HTML, built once with folium from the vendored Leaflet and our own script.

No CDN and no tiles: folium's default links (Leaflet, jQuery, Bootstrap, Font Awesome from the
internet) are replaced on the instance by the files in resources/leaflet; the boundaries drawn
by govmap.js are the base map. Data never goes into this page: it arrives later as script files
(see ui.map.map_view).
"""

from __future__ import annotations

import functools
from pathlib import Path

from desktop.paths import resource

ASSETS = Path(__file__).resolve().parent / "assets"
MAX_ZOOM = 19
# The demo county's seat; the first data file fits the view to the user's jurisdiction.
START = (40.6, 109.8)


def _url(*parts: str) -> str:
    return resource("leaflet", *parts).as_uri()


def _inline(tag: str, filename: str) -> str:
    text = (ASSETS / filename).read_text(encoding="utf-8")
    # Jinja renders the page: the raw block keeps the script's braces as they are.
    return f"{{% raw %}}<{tag}>\n{text}\n</{tag}>{{% endraw %}}"


@functools.cache
def page_html() -> str:
    import folium
    from branca.element import Element, MacroElement
    from jinja2 import Template

    m = folium.Map(
        location=START,
        zoom_start=10,
        tiles=None,
        prefer_canvas=True,  # one canvas for 7,000 polygons; SVG redraws 2-3x slower
        control_scale=True,
        maxZoom=MAX_ZOOM,  # folium's max_zoom goes to tiles only; markercluster needs this
        minZoom=6,  # a whole prefecture city; fewer levels for markercluster to build
        zoomSnap=0.5,
    )
    # On the instance: the class-level lists are shared by every folium map.
    m.default_js = [
        ("leaflet", _url("leaflet.js")),
        ("markercluster", _url("markercluster", "leaflet.markercluster.js")),
        ("heat", _url("heat", "leaflet-heat.js")),
        ("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"),
    ]
    m.default_css = [
        ("leaflet_css", _url("leaflet.css")),
        ("markercluster_css", _url("markercluster", "MarkerCluster.css")),
        ("markercluster_default_css", _url("markercluster", "MarkerCluster.Default.css")),
    ]
    root = m.get_root()
    # The guard first of all; our style and script after Leaflet's (the body follows the head).
    root.header.add_child(Element(_inline("script", "guard.js")), name="gov_guard")
    root.html.add_child(Element(_inline("style", "govmap.css")), name="gov_css")
    root.html.add_child(Element(_inline("script", "govmap.js")), name="gov_script")

    init = MacroElement()
    init._template = Template(
        "{% macro script(this, kwargs) %}GovMap.init({{ this._parent.get_name() }});{% endmacro %}"
    )
    m.add_child(init, name="gov_init")  # the last child: runs once the map exists
    return m.get_root().render()


def write_page(folder: Path) -> Path:
    path = folder / "map.html"
    path.write_text(page_html(), encoding="utf-8")
    return path
