"""The map page's HTML, built once with folium from the vendored Leaflet and our own script.

No CDN: folium's default links (Leaflet, jQuery, Bootstrap, Font Awesome from the internet) are
replaced on the instance by the files in resources/leaflet. Without a configured base map
(ui.map.tiles) the boundaries drawn by govmap.js are the map. Data never goes into this page:
it arrives later as script files (see ui.map.map_view); an exported page (ui.map.export) holds
its data and Leaflet inline instead.
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
    # Jinja renders the page: the raw block keeps the script's braces as they are.
    return _raw(tag, (ASSETS / filename).read_text(encoding="utf-8"))


LEAFLET_JS = (
    ("leaflet", ("leaflet.js",)),
    ("markercluster", ("markercluster", "leaflet.markercluster.js")),
    ("heat", ("heat", "leaflet-heat.js")),
)
LEAFLET_CSS = (
    ("leaflet_css", ("leaflet.css",)),
    ("markercluster_css", ("markercluster", "MarkerCluster.css")),
    ("markercluster_default_css", ("markercluster", "MarkerCluster.Default.css")),
)


def build_map(*, inline_assets: bool, after_init: str = ""):
    """The folium map of the page: Leaflet linked from resources/ (or inlined, for a file that
    must open anywhere), our guard, style and script, then `GovMap.init` and `after_init`."""
    import folium
    from branca.element import Element, MacroElement
    from jinja2 import Template

    m = folium.Map(
        location=START,
        zoom_start=10,
        tiles=None,
        prefer_canvas=True,  # one canvas for 7,000 polygons; SVG redraws 2-3x slower
        maxZoom=MAX_ZOOM,  # folium's max_zoom goes to tiles only; markercluster needs this
        minZoom=6,  # a whole prefecture city; fewer levels for markercluster to build
        zoomSnap=0.5,
    )
    root = m.get_root()
    # The guard first of all; our style and script after Leaflet's (the body follows the head).
    root.header.add_child(Element(_inline("script", "guard.js")), name="gov_guard")
    # On the instance: the class-level lists are shared by every folium map.
    if inline_assets:
        m.default_js, m.default_css = [], []
        for name, parts in LEAFLET_CSS:
            text = resource("leaflet", *parts).read_text(encoding="utf-8")
            root.header.add_child(Element(_raw("style", text)), name=name)
        for name, parts in LEAFLET_JS:
            text = resource("leaflet", *parts).read_text(encoding="utf-8")
            root.header.add_child(Element(_raw("script", text)), name=name)
    else:
        m.default_js = [(name, _url(*parts)) for name, parts in LEAFLET_JS]
        m.default_js.append(("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"))
        m.default_css = [(name, _url(*parts)) for name, parts in LEAFLET_CSS]
    root.html.add_child(Element(_inline("style", "govmap.css")), name="gov_css")
    root.html.add_child(Element(_inline("script", "govmap.js")), name="gov_script")

    init = MacroElement()
    init._template = Template(
        "{% macro script(this, kwargs) %}GovMap.init({{ this._parent.get_name() }});"
        + after_init
        + "{% endmacro %}"
    )
    m.add_child(init, name="gov_init")  # the last child: runs once the map exists
    return m


def _raw(tag: str, text: str) -> str:
    return f"{{% raw %}}<{tag}>\n{text}\n</{tag}>{{% endraw %}}"


@functools.cache
def page_html() -> str:
    return build_map(inline_assets=False).get_root().render()


def write_page(folder: Path) -> Path:
    path = folder / "map.html"
    path.write_text(page_html(), encoding="utf-8")
    return path
