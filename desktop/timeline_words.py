"""A case's timeline in plain words: one sentence per event, from the label table.

Who and when are shown beside the sentence; the note follows it. Personal data that an
edit event keeps (a corrected phone, a removed party) is always shown masked here: the
timeline is read by every role that sees the case.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.clock import to_local
from desktop.domain.masking import mask_id_number, mask_name, mask_phone
from desktop.labels import DEFAULT_LANG, label

_MASKS = {"name": mask_name, "phone": mask_phone, "id_number": mask_id_number}


def event_words(
    kind: str,
    data: Mapping[str, Any],
    task_department: Mapping[int, str],
    task_id: int | None = None,
    lang: str = DEFAULT_LANG,
) -> str:
    """The sentence for one event; unknown kinds fall back to the event's name."""
    words = _Words(lang, task_department, task_id)
    build = getattr(words, f"_{kind}", None)
    try:
        text = build(dict(data)) if build else None
    except (KeyError, TypeError, ValueError):  # an older event shape: say at least what it was
        text = None
    return text or label("event_kind", kind, lang)


class _Words:
    def __init__(self, lang: str, task_department: Mapping[int, str], task_id: int | None):
        self.lang = lang
        self.departments = task_department
        self.task_id = task_id

    def t(self, key: str, **params: Any) -> str:
        template = label("timeline", key, self.lang)
        return string.Formatter().vformat(template, (), _Blank(params, self.empty))

    @property
    def separator(self) -> str:
        return "、" if self.lang.lower().startswith("zh") else ", "

    @property
    def empty(self) -> str:
        return label("timeline", "empty", self.lang)

    def code(self, section: str, value: Any) -> str:
        return label(section, str(value), self.lang) if value else self.empty

    def department(self, task_id: Any = None) -> str:
        return self.departments.get(task_id or self.task_id, "")

    def when(self, value: Any) -> str:
        if not value:
            return self.empty
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return to_local(moment).strftime("%Y-%m-%d %H:%M")

    # -- one method per event kind that has particulars (kinds without them use the label)
    def _register(self, d):
        return self.t("register", channel=self.code("channel", d.get("channel")))

    def _set_level(self, d):
        return self.t(
            "set_level",
            **{"from": self.code("level", d.get("from")), "to": self.code("level", d.get("to"))},
        )

    def _resolve_on_spot(self, d):
        return self.t("resolve_on_spot", result=self.code("result", d["result"]))

    def _dispatch(self, d):
        parts = [
            f"{self.code('task_role', t['role'])} {self.department(t['task'])}" for t in d["tasks"]
        ]
        return self.t("dispatch", tasks=self.separator.join(parts))

    def _recall(self, d):
        return self.t("recall", department=self.department()) if self.task_id else None

    def _sign(self, d):
        return self.t("sign", department=self.department())

    def _return(self, d):
        return self.t("return", department=self.department())

    def _report(self, d):
        return self.t("report", department=self.department())

    def _resolve(self, d):
        text = self.t(
            "resolve", department=self.department(), result=self.code("result", d["result"])
        )
        return text + (self.t("late") if d.get("on_time") is False else "")

    def _request_extension(self, d):
        return self.t("request_extension", due=self.when(d["requested_due"]))

    def _approve_extension(self, d):
        return self.t(
            "approve_extension",
            **{"from": self.when(d.get("old_due")), "to": self.when(d["new_due"])},
        )

    def _resume(self, d):
        days = round(int(d["paused_seconds"]) / 86400, 1)
        return self.t("resume", days=f"{days:g}")

    def _follow_up(self, d):
        return self.t("follow_up", satisfaction=self.code("satisfaction", d["satisfaction"]))

    def _reopen(self, d):
        return self.t("reopen")

    def _merge(self, d):
        return self.t("merge", original=d["original"])

    def _close_with_original(self, d):
        return self.t("close_with_original", original=d["original"])

    def _raise_risk(self, d):
        return self.t(
            "raise_risk",
            repeats=d.get("repeats", ""),
            **{"from": self.code("risk", d["from"]), "to": self.code("risk", d["to"])},
        )

    def _recompute_deadline(self, d):
        return self.t(
            "recompute_deadline",
            **{"from": self.when(d.get("old_due")), "to": self.when(d.get("new_due"))},
        )

    def _attach(self, d):
        return self.t("attach", filename=d["filename"])

    def _assign(self, d):
        return self.t("assign", department=self.department(), assignee=d["assignee"])

    def _reveal(self, d):
        return self.t("reveal")

    def _edit(self, d):
        field = d.get("field")
        if field is None:
            return None  # the early shape {"title": [before, after]}: the label suffices
        if field == "party":
            return self._party(d)
        text = self.t(
            "edit",
            field=label("field", field, self.lang),
            **{"from": d.get("from") or self.empty, "to": d.get("to") or self.empty},
        )
        if d.get("clock") == "restarted":
            text += self.t("edit_clock_restarted", due=self.when(d.get("due_to")))
        elif d.get("clock") == "kept":
            text += self.t("edit_clock_kept")
        return text

    def _party(self, d):
        if d["op"] == "add":
            return self.t("party_add", party=self._person(d["to"]))
        if d["op"] == "remove":
            return self.t("party_remove", party=self._person(d["from"]))
        changes = "；".join(
            f"{label('field', name, self.lang)} {self._value(name, old)} → {self._value(name, new)}"
            for name, (old, new) in d["changes"].items()
        )
        return self.t("party_correct", party=d["party"], changes=changes)

    def _person(self, fields: Mapping[str, Any]) -> str:
        role = self.code("party_role", fields.get("role"))
        return " ".join(
            p
            for p in (
                role,
                self._value("name", fields.get("name")),
                self._value("phone", fields.get("phone")),
            )
            if p
        )

    def _value(self, name: str, value: Any) -> str:
        if not value:
            return self.empty
        if name == "role":
            return self.code("party_role", value)
        mask = _MASKS.get(name)
        return mask(str(value)) if mask else str(value)


class _Blank(dict):
    """Format parameters where a missing one shows as empty rather than failing."""

    def __init__(self, params: Mapping[str, Any], empty: str) -> None:
        super().__init__({k: "" if v is None else v for k, v in params.items()})
        self._empty = empty

    def __missing__(self, key: str) -> str:
        return ""
