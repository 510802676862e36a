"""The one label table: codes, enum values and error codes as Chinese or English text.

The table is resources/labels.toml; each entry is [Chinese, English]. A language whose
name starts with "zh" gets Chinese, any other English. Missing entries fall back to the
code itself, so a label lookup never fails.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from desktop.errors import GovDeskError
from desktop.paths import resource

DEFAULT_LANG = "zh_CN"
ERROR_SECTION = "error"

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


@functools.cache
def _table() -> Mapping[str, Mapping[str, list[str]]]:
    with resource("labels.toml").open("rb") as file:
        return tomllib.load(file)


def _index(lang: str) -> int:
    return 0 if lang.lower().startswith("zh") else 1


def _pick(texts: list[str], lang: str) -> str:
    index = _index(lang)
    return texts[index] if index < len(texts) else texts[0]


def section_of(enum_type: type[StrEnum]) -> str:
    """The section of an enum's labels: the class name in snake_case (TaskStatus -> task_status)."""
    return _CAMEL_BOUNDARY.sub("_", enum_type.__name__).lower()


def label(section: str, code: str, lang: str = DEFAULT_LANG) -> str:
    """The text for `code` in `section`, or the code itself when the table lacks it."""
    texts = _table().get(section, {}).get(str(code))
    return _pick(texts, lang) if texts else str(code)


def label_of(value: StrEnum, lang: str = DEFAULT_LANG) -> str:
    """The text for an enum value (Status.ACCEPTED -> "已受理")."""
    return label(section_of(type(value)), value.value, lang)


def labels_for(section: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every code of a section with its text, in table order (for combo boxes and legends)."""
    return {code: _pick(texts, lang) for code, texts in _table().get(section, {}).items()}


def describe(error: GovDeskError, lang: str = DEFAULT_LANG) -> str:
    """The error's message with its parameters filled in; never raises.

    A parameter that is an enum value, or whose name is a section holding its value (e.g.
    `status="accepted"`, `field="reason"`), is shown by its label. A placeholder without a
    parameter stays as written.
    """
    template = label(ERROR_SECTION, error.code, lang)
    params = _Params({name: _param_text(name, value, lang) for name, value in error.params.items()})
    try:
        return string.Formatter().vformat(template, (), params)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


# Parameters whose codes live in a section of another name (an action is an event kind).
_PARAM_SECTIONS = {"action": "event_kind"}


def _param_text(name: str, value: Any, lang: str) -> str:
    if isinstance(value, StrEnum):
        return label_of(value, lang)
    name = _PARAM_SECTIONS.get(name, name)
    if isinstance(value, str) and name != ERROR_SECTION and value in _table().get(name, {}):
        return label(name, value, lang)
    return str(value)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
