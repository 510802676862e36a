"""The label table: complete for every enum, both languages, placeholders that match."""

from __future__ import annotations

import inspect
import re
import string
import tomllib
from enum import StrEnum

import pytest

from desktop import labels
from desktop.domain import enums
from desktop.domain.enums import EventKind, Status, TaskStatus
from desktop.errors import GovDeskError
from desktop.labels import describe, label, label_of, labels_for, section_of
from desktop.paths import resource

CJK = re.compile(r"[\u4e00-\u9fff]")

ENUMS = [
    obj
    for _, obj in inspect.getmembers(enums, inspect.isclass)
    if issubclass(obj, StrEnum) and obj is not StrEnum and obj.__module__ == enums.__name__
]

# Error codes the services and the command line rely on, with the parameters each takes.
ERRORS = {
    "id_number.length": {"value"},
    "id_number.format": {"value"},
    "id_number.checksum": {"value"},
    "id_number.birth_date": {"value"},
    "phone.format": {"value"},
    "auth.bad_credentials": set(),
    "auth.locked": {"minutes"},
    "auth.inactive": set(),
    "auth.password_too_short": {"min"},
    "auth.password_same": set(),
    "workflow.bad_transition": {"action", "status"},
    "workflow.forbidden_role": {"action"},
    "workflow.out_of_scope": set(),
    "workflow.not_found": {"case_id"},
    "workflow.conflict": set(),
    "workflow.note_required": {"field"},
    "workflow.result_required": set(),
    "workflow.assists_pending": {"count"},
    "workflow.task_signed": set(),
    "workflow.wrong_department": set(),
    "workflow.duplicate_department": set(),
    "workflow.no_pending_extension": set(),
    "workflow.already_suspended": set(),
    "workflow.not_suspended": set(),
    "workflow.merge_self": set(),
    "location.outside_jurisdiction": set(),
    "location.outside_grid": set(),
    "attachment.too_large": {"name", "limit_mb"},
    "db.network_share": {"path"},
    "db.unreachable": {"url"},
    "demo.not_training": set(),
    "calendar.bad_date": {"value"},
    "calendar.bad_kind": {"value"},
    "calendar.bad_row": {"row", "value"},
    "field.required": {"field"},
}


def _raw() -> dict[str, dict[str, list[str]]]:
    with resource("labels.toml").open("rb") as file:
        return tomllib.load(file)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_enums_found() -> None:
    assert {enums.Role, enums.Status, enums.EventKind, enums.SupervisionLevel} <= set(ENUMS)
    assert section_of(TaskStatus) == "task_status"
    assert section_of(EventKind) == "event_kind"


def test_every_entry_is_chinese_then_english() -> None:
    for section, entries in _raw().items():
        for code, texts in entries.items():
            assert isinstance(texts, list) and len(texts) == 2, (section, code)
            zh, en = texts
            assert CJK.search(zh), (section, code)
            assert en.strip() and not CJK.search(en), (section, code)


@pytest.mark.parametrize("enum_type", ENUMS, ids=lambda e: e.__name__)
def test_every_enum_value_has_labels(enum_type: type[StrEnum]) -> None:
    section = section_of(enum_type)
    assert set(_raw()[section]) == {member.value for member in enum_type}, "missing or stale"
    for member in enum_type:
        assert CJK.search(label_of(member))
        english = label_of(member, "en")
        assert english.strip() and not CJK.search(english)


def test_error_codes_present_with_matching_placeholders() -> None:
    table = _raw()["error"]
    for code, params in ERRORS.items():
        zh, en = table[code]
        assert _placeholders(zh) == params, code
        assert _placeholders(en) == params, code
    for code, (zh, en) in table.items():
        assert _placeholders(zh) == _placeholders(en), code


def test_label_lookups() -> None:
    assert label("status", "registered") == "登记"
    assert label("status", "registered", "en") == "Registered"
    assert label("status", "registered", "en_US") == "Registered"
    assert label("status", "registered", "zh") == "登记"
    assert label_of(Status.IN_PROGRESS) == "处置中"
    assert label_of(TaskStatus.DISPATCHED) == "待签收"
    assert label_of(EventKind.RECOMPUTE_DEADLINE) == "期限重算"


def test_label_falls_back_to_the_code() -> None:
    assert label("status", "no_such_status") == "no_such_status"
    assert label("no_such_section", "x", "en") == "x"


def test_labels_for() -> None:
    assert labels_for("risk") == {
        "normal": "正常",
        "yellow": "黄色",
        "orange": "橙色",
        "red": "红色",
    }
    assert list(labels_for("task_role", "en")) == ["lead", "assist"]
    assert labels_for("no_such_section") == {}


def test_describe_fills_placeholders() -> None:
    assert describe(GovDeskError("auth.locked", minutes=15)) == (
        "登录失败次数过多，账号已锁定，请 15 分钟后再试"
    )
    assert describe(GovDeskError("auth.locked", minutes=15), "en") == (
        "Too many failed sign-ins: the account is locked, try again in 15 minutes"
    )
    assert describe(GovDeskError("id_number.checksum", value="110105194912310021")) == (
        "身份证号码 110105194912310021 校验位不正确"
    )
    assert describe(GovDeskError("calendar.bad_row", row=3, value="2027-13-01")) == (
        "第 3 行无效：2027-13-01"
    )


def test_describe_labels_enum_and_coded_params() -> None:
    err = GovDeskError("workflow.bad_transition", action=EventKind.DISPATCH, status=Status.CLOSED)
    assert describe(err) == "案件当前状态为“已结案”，不能执行“派单”"
    assert describe(err, "en") == "Cannot do “Dispatch” while the case is “Closed”"
    assert describe(GovDeskError("field.required", field="reason")) == "原因为必填项"
    assert describe(GovDeskError("field.required", field="zzz")) == "zzz为必填项"


def test_describe_never_crashes() -> None:
    assert (
        describe(GovDeskError("auth.locked"))
        == "登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试"
    )
    assert describe(GovDeskError("no.such_code", value=1)) == "no.such_code"
    assert describe(GovDeskError("workflow.conflict", extra="ignored"), "en") == (
        "Someone else saved this case first; reload it and try again"
    )


def test_table_is_cached() -> None:
    assert labels._table() is labels._table()


def test_an_action_given_as_a_plain_code_is_named_by_its_event_kind() -> None:
    error = GovDeskError("workflow.bad_transition", action="dispatch", status="registered")
    assert describe(error) == "案件当前状态为“登记”，不能执行“派单”"
