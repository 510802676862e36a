"""Named filters a user keeps ("我的超期劳动争议") and the table layout, per user in QSettings."""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from desktop.domain.enums import Channel, DeadlineColour, NamedQueue, Risk, Status, SupervisionLevel
from desktop.services.queues import CaseFilter, Sort, SortKey

log = logging.getLogger(__name__)

_SETS = {"statuses": Status, "channels": Channel, "risks": Risk}
_ONE = {"queue": NamedQueue, "deadline_colour": DeadlineColour, "supervision": SupervisionLevel}


def filter_to_dict(flt: CaseFilter) -> dict[str, Any]:
    """Plain JSON values; conditions left at "any" are left out."""
    out: dict[str, Any] = {}
    for f in fields(flt):
        value = getattr(flt, f.name)
        if value is None or value == "" or value == frozenset():
            continue
        if isinstance(value, frozenset):
            value = sorted(str(v) if f.name in _SETS else int(v) for v in value)
        elif isinstance(value, date):
            value = value.isoformat()
        else:
            value = str(value)
        out[f.name] = value
    return out


def filter_from_dict(data: dict[str, Any]) -> CaseFilter:
    """The filter back; unknown keys and values are dropped (an older or newer version wrote them)."""
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        try:
            if name in _SETS:
                kwargs[name] = {_SETS[name](v) for v in value}
            elif name in _ONE:
                kwargs[name] = _ONE[name](value)
            elif name in ("category_ids", "street_ids", "grid_ids", "ids"):
                kwargs[name] = {int(v) for v in value}
            elif name in ("received_from", "received_to"):
                kwargs[name] = date.fromisoformat(value)
            elif name == "text":
                kwargs[name] = str(value)
        except (ValueError, TypeError):
            log.warning("saved filter: dropped %s=%r", name, value)
    return CaseFilter(**kwargs)


class UserStore:
    """One user's saved filters, sort and header layout (keys under cases/<username>/)."""

    def __init__(self, username: str, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()
        self._prefix = f"cases/{username}"

    def saved_filters(self) -> dict[str, tuple[CaseFilter, Sort]]:
        raw = self._settings.value(f"{self._prefix}/saved_filters", "{}")
        try:
            entries = json.loads(str(raw))
        except ValueError:
            return {}
        out = {}
        for name, entry in entries.items():
            try:
                sort = Sort(SortKey(entry["sort"]), bool(entry["descending"]))
            except (KeyError, ValueError, TypeError):
                sort = Sort()
            out[name] = (filter_from_dict(entry.get("filter", {})), sort)
        return out

    def save_filter(self, name: str, flt: CaseFilter, sort: Sort) -> None:
        entries = self._raw()
        entries[name] = {
            "filter": filter_to_dict(flt),
            "sort": str(sort.key),
            "descending": sort.descending,
        }
        self._write(entries)

    def delete_filter(self, name: str) -> None:
        entries = self._raw()
        entries.pop(name, None)
        self._write(entries)

    def header_state(self) -> QByteArray | None:
        value = self._settings.value(f"{self._prefix}/header")
        return value if isinstance(value, QByteArray) else None

    def save_header_state(self, state: QByteArray) -> None:
        self._settings.setValue(f"{self._prefix}/header", state)

    def _raw(self) -> dict[str, Any]:
        try:
            return json.loads(str(self._settings.value(f"{self._prefix}/saved_filters", "{}")))
        except ValueError:
            return {}

    def _write(self, entries: dict[str, Any]) -> None:
        self._settings.setValue(
            f"{self._prefix}/saved_filters", json.dumps(entries, ensure_ascii=False)
        )
        self._settings.sync()
