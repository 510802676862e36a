"""Base maps: an MBTiles file, or the center's own tile server, served through our URL scheme.

No web server, and the page never touches the network: it asks for `govtiles:{z}/{x}/{y}` and
a QWebEngineUrlSchemeHandler answers from the MBTiles file (an SQLite database of tiles, rows
counted from the south as TMS does) or fetches the tile from the configured server's URL
template. So the tile server is the only address the map can reach, by construction. The
scheme must be registered before the QApplication exists (`register_tile_scheme`, called by
ui.app.prepare_environment and the UI tests' conftest). Reading one tile by its primary key
takes microseconds, so MBTiles tiles are answered on the GUI thread; remote ones arrive
through QNetworkAccessManager's signals.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

log = logging.getLogger(__name__)

SCHEME = b"govtiles"
TILE_URL = "govtiles:{z}/{x}/{y}"
MIME = {"png": b"image/png", "jpg": b"image/jpeg", "jpeg": b"image/jpeg", "webp": b"image/webp"}
REMOTE_TIMEOUT_MS = 15_000
_registered = False
_handler: TileHandler | None = None


@dataclass(frozen=True)
class BaseMap:
    """What the page draws under the boundaries: an MBTiles file or a tile URL template."""

    mbtiles: Path | None = None
    url: str | None = None  # e.g. http://10.0.0.5/tiles/{z}/{x}/{y}.png on the intranet

    @classmethod
    def from_settings(cls, values: dict) -> BaseMap | None:
        path, url = values.get("basemap_mbtiles"), values.get("basemap_url")
        if path:
            return cls(mbtiles=Path(path))
        if url:
            return cls(url=url)
        return None


def register_tile_scheme() -> None:
    """Make `govtiles:` known to QtWebEngine; before the QApplication, and only once."""
    global _registered
    if _registered:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    # Local like file:, so the map page (a local file that may not reach remote URLs) may
    # load its tiles.
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


class MBTiles:
    """One MBTiles file, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # A file: URI (percent-encoded, forward slashes) opens read-only on Windows paths and
        # Chinese folder names alike.
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        meta = dict(self._db.execute("SELECT name, value FROM metadata").fetchall())
        self.format = str(meta.get("format", "png")).lower()
        self.min_zoom = int(meta.get("minzoom", 0))
        self.max_zoom = int(meta.get("maxzoom", 18))
        self.attribution = str(meta.get("attribution", ""))

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = self._db.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, (1 << z) - 1 - y),  # MBTiles rows count from the south (TMS)
        ).fetchone()
        return bytes(row[0]) if row else None

    def close(self) -> None:
        self._db.close()


def remote_url(template: str, z: int, x: int, y: int) -> str:
    """A tile's address from a Leaflet-style template ({z} {x} {y} {-y} {s})."""
    return (
        template.replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{-y}", str((1 << z) - 1 - y))
        .replace("{y}", str(y))
        .replace("{s}", "abc"[(x + y) % 3])
    )


class TileHandler(QWebEngineUrlSchemeHandler):
    """Answers govtiles:{z}/{x}/{y} from the MBTiles file or the tile server (404 if none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tiles: MBTiles | None = None
        self.template: str | None = None
        self.served = 0  # tiles answered, for tests and the log
        self._network: QNetworkAccessManager | None = None

    def use(self, base: BaseMap | None) -> None:
        if self.tiles is not None and (base is None or base.mbtiles != self.tiles.path):
            self.tiles.close()
            self.tiles = None
        if base is not None and base.mbtiles is not None and self.tiles is None:
            self.tiles = MBTiles(base.mbtiles)
        self.template = base.url if base is not None else None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802
        try:
            z, x, y = (int(part) for part in job.requestUrl().path().split("/")[:3])
        except ValueError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        if self.tiles is not None:
            try:
                data = self.tiles.tile(z, x, y)
            except sqlite3.Error as exc:
                log.warning("MBTiles %s: %s", self.tiles.path, exc)
                data = None
            self._answer(job, data, MIME.get(self.tiles.format, b"image/png"))
        elif self.template:
            self._fetch(job, remote_url(self.template, z, x, y))
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _answer(self, job: QWebEngineUrlRequestJob, data: bytes | None, mime: bytes) -> None:
        if not shiboken6.isValid(job):  # the page gave up on the tile meanwhile
            return
        if not data:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served += 1
        job.reply(mime, buffer)

    def _fetch(self, job: QWebEngineUrlRequestJob, url: str) -> None:
        if self._network is None:
            self._network = QNetworkAccessManager(self)
        request = QNetworkRequest(QUrl(url))
        request.setTransferTimeout(REMOTE_TIMEOUT_MS)
        reply = self._network.get(request)

        def finished() -> None:
            ok = reply.error() == QNetworkReply.NetworkError.NoError
            if not ok:
                log.debug("tile %s: %s", url, reply.errorString())
            mime = reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader) or "image/png"
            self._answer(job, bytes(reply.readAll()) if ok else None, str(mime).encode())
            reply.deleteLater()

        reply.finished.connect(finished)


def tile_handler() -> TileHandler:
    """The one handler, installed on the default profile the map pages use."""
    global _handler
    if _handler is None:
        _handler = TileHandler()
        QWebEngineProfile.defaultProfile().installUrlSchemeHandler(SCHEME, _handler)
    return _handler


def layer_options(base: BaseMap) -> tuple[str, dict]:
    """The page's URL template and Leaflet options for a base map (opens an MBTiles file)."""
    handler = tile_handler()
    handler.use(base)
    if handler.tiles is not None:
        tiles = handler.tiles
        return TILE_URL, {
            "minNativeZoom": tiles.min_zoom,
            "maxNativeZoom": tiles.max_zoom,
            "attribution": tiles.attribution,
        }
    return TILE_URL, {}
