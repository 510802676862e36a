"""Words from the core's label table in the UI's current language, and database names."""

from __future__ import annotations

import logging
from pathlib import PurePath

from sqlalchemy.engine import make_url

from desktop.errors import GovDeskError
from desktop.settings import display_url
from ui import i18n

log = logging.getLogger(__name__)


def label(section: str, code: str) -> str:
    """desktop.labels.label in the current language; the bare code if the table lacks it."""
    from desktop import labels

    try:
        return labels.label(section, str(code), lang=i18n.labels_lang())
    except Exception:  # a missing label must never break a screen
        log.warning("no label for %s.%s", section, code, exc_info=True)
        return str(code)


def describe(error: GovDeskError) -> str:
    from desktop import labels

    try:
        return labels.describe(error, lang=i18n.labels_lang())
    except Exception:
        log.warning("no description for %s", error.code, exc_info=True)
        return error.code


def short_db_name(url: str) -> str:
    """A name a person recognises: the file name for SQLite, host/database otherwise."""
    try:
        parsed = make_url(url)
    except Exception:
        return "?"
    if parsed.get_backend_name() == "sqlite":
        return PurePath(parsed.database or ":memory:").name
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{host}{port}/{parsed.database or ''}"


def safe_url(url: str) -> str:
    """The URL with its password hidden; anything unparsable is not shown at all."""
    try:
        return display_url(url)
    except Exception:
        return "?"
