"""The timeline in plain words: each event kind's sentence, in Chinese and English."""

from __future__ import annotations

from desktop.timeline_words import event_words

DEPTS = {7: "司法局", 8: "人社局"}


def words(kind, data=None, task_id=None, lang="zh_CN"):
    return event_words(kind, data or {}, DEPTS, task_id, lang)


def test_dispatch_names_lead_and_assisting_departments():
    data = {
        "tasks": [
            {"task": 7, "department": 1, "role": "lead"},
            {"task": 8, "department": 2, "role": "assist"},
        ]
    }
    assert words("dispatch", data) == "派单：主办 司法局、协办 人社局"
    assert words("dispatch", data, lang="en") == "Dispatched: Lead 司法局, Assisting 人社局"


def test_department_steps_name_the_department_of_their_task():
    assert words("sign", task_id=7) == "司法局签收"
    assert words("report", task_id=8) == "人社局协办反馈"
    assert words("resolve", {"result": "mediated", "on_time": False}, task_id=7) == (
        "司法局办结，结果：调解成功（超期办结）"
    )
    assert words("assign", {"assignee": "王调解"}, task_id=7) == "司法局承办人改为 王调解"


def test_dates_are_shown_in_china_time():
    assert words("request_extension", {"requested_due": "2026-11-20 15:59:59+00:00"}) == (
        "申请延期至 2026-11-20 23:59"
    )
    assert words(
        "approve_extension",
        {"old_due": "2026-10-29T15:59:59+00:00", "new_due": "2026-11-15T15:59:59+00:00"},
    ) == ("批准延期：期限由 2026-10-29 23:59 改为 2026-11-15 23:59")
    assert words("resume", {"paused_seconds": 2 * 86400 + 6 * 3600}) == "恢复办理，期限顺延 2.2 天"


def test_edits_say_before_and_after_and_what_became_of_the_clock():
    assert words("edit", {"field": "title", "from": "楼上漏水", "to": "楼上漏水严重"}) == (
        "修改标题：由“楼上漏水”改为“楼上漏水严重”"
    )
    assert words(
        "edit", {"field": "category", "from": "邻里纠纷", "to": "信访", "clock": "kept"}
    ) == ("修改事项类别：由“邻里纠纷”改为“信访”，已受理，原期限不变")
    restarted = words(
        "edit",
        {
            "field": "category",
            "from": "邻里纠纷",
            "to": "信访",
            "clock": "restarted",
            "due_to": "2026-10-14 15:59:59+00:00",
        },
    )
    assert restarted.endswith("，受理期限按新类别重新计算为 2026-10-14 23:59")
    assert words("edit", {"field": "address", "from": "", "to": "幸福路1号"}) == (
        "修改地址：由“（空）”改为“幸福路1号”"
    )


def test_party_changes_are_masked_in_the_timeline():
    assert (
        words(
            "edit",
            {
                "field": "party",
                "op": "add",
                "party": 3,
                "to": {"role": "respondent", "name": "李四", "phone": "13900001111"},
            },
        )
        == "添加当事人：被申请人 李* 139****1111"
    )
    assert words(
        "edit",
        {
            "field": "party",
            "op": "correct",
            "party": 3,
            "changes": {"phone": ["13900001111", "13900002222"]},
        },
    ) == ("更正当事人 3：联系电话 139****1111 → 139****2222")


def test_unknown_or_old_shapes_fall_back_to_the_event_name():
    assert words("edit", {"title": ["a", "b"]}) == "修改"
    assert words("accept") == "受理"
    assert words("dispatch", {"unexpected": 1}) == "派单"
    assert words("no_such_kind") == "no_such_kind"
