"""The alert bell's rules, each on a hand-built case, and 全部已读 clearing them."""

from __future__ import annotations

from datetime import timedelta

from desktop.db.models import CaseTask, Category, Center, Department, ExtensionRequest, Grid
from desktop.domain.enums import Role, Status, TaskStatus
from desktop.services.alerts import AlertKind, alerts_for, mark_all_read
from tests.db.factories import Factory, hours, world

NOW = hours(100)
H = timedelta(hours=1)
M = timedelta(minutes=1)


def test_each_rule_raises_its_alert_and_reading_clears_them(session_factory):
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        jia = f.staff(w.police, "甲")
        jia_user, police = f.person("jia", {Role.DEPARTMENT}, w.county, w.police, jia)
        boss_user, boss = f.person("boss", {Role.SUPERVISOR}, w.county)
        ann_user, ann = f.person("ann", {Role.DESK}, w.county)

        def case(status, **kw):
            return f.case(center=w.center, category=w.safety, grid=w.east_grid, status=status,
                          received_at=NOW - 50 * H, **kw)  # fmt: skip

        def task(c, status, dispatched, due=None, assignee=None):
            t = f.task(c, w.police, status=status, dispatched_at=dispatched, assignee=assignee)
            s.get(CaseTask, t.id).due_at = due
            return t

        new = case(Status.DISPATCHED)
        task(new, TaskStatus.DISPATCHED, NOW - H, due=NOW + 10 * H)
        sign = case(Status.DISPATCHED)
        task(sign, TaskStatus.DISPATCHED, NOW - 30 * H, due=NOW + H)
        yellow = case(Status.IN_PROGRESS, warn_at=NOW - 2 * H, due_at=NOW + 5 * H)
        task(yellow, TaskStatus.IN_PROGRESS, NOW - 48 * H, assignee=jia)
        red = case(Status.IN_PROGRESS, warn_at=NOW - 10 * H, due_at=NOW - 3 * H)
        red_task = task(red, TaskStatus.IN_PROGRESS, NOW - 48 * H, assignee=jia)
        s.add(ExtensionRequest(case_id=red.id, task_id=red_task.id, requested_by_id=jia_user.id,
                               requested_at=NOW - 4 * H, requested_due=NOW + 100 * H,
                               reason="需要补充材料"))  # fmt: skip
        claimed = case(Status.REGISTERED, claimed_by_id=ann_user.id, claimed_at=NOW - 26 * M)
        quiet = case(Status.REGISTERED, claimed_by_id=ann_user.id, claimed_at=NOW - 10 * M)
        center_id, category_id, grid_id = w.center.id, w.safety.id, w.east_grid.id
        ids = {n: c.id for n, c in (("new", new), ("sign", sign), ("yellow", yellow),
                                    ("red", red), ("claimed", claimed), ("quiet", quiet))}  # fmt: skip

    def shown(who, at=NOW):
        with session_factory() as s:
            found = alerts_for(session=s, principal=who, now=at)
        assert found.count == len(found.items)
        return [(a.kind, a.case_id, a.at) for a in found.items]

    # Newest first; a user who never looked sees the last day.
    assert shown(police) == [
        (AlertKind.SIGN_DUE, ids["sign"], NOW - H),  # 2 hours before its sign-for deadline
        (AlertKind.NEW_CASE, ids["new"], NOW - H),  # (same instant: the later case first)
        (AlertKind.TURNED_YELLOW, ids["yellow"], NOW - 2 * H),
        (AlertKind.TURNED_RED, ids["red"], NOW - 3 * H),
    ]
    assert shown(boss) == [(AlertKind.EXTENSION, ids["red"], NOW - 4 * H)]
    # The claim taken 26 minutes ago lapses in 4: an alert since a minute ago. The other
    # (10 minutes old) is not close yet.
    assert shown(ann) == [(AlertKind.CLAIM_LAPSING, ids["claimed"], NOW - M)]

    # 全部已读 clears them, on every seat (the marker is in the database).
    with session_factory.begin() as s:
        mark_all_read(session=s, principal=police, now=NOW)
    assert shown(police) == []
    assert shown(police, NOW + 30 * M) == []  # nothing new arose
    # Something that arises later shows again: a new dispatch reaches the police, and the
    # quiet claim nears its lapse for Ann (the first one has lapsed by then).
    with session_factory.begin() as s:
        g = Factory(s)
        later = g.case(center=s.get(Center, center_id), category=s.get(Category, category_id),
                       grid=s.get(Grid, grid_id), status=Status.DISPATCHED, number="T-LATER",
                       received_at=NOW + 10 * M)  # fmt: skip
        g.task(later, s.get(Department, police.department_id), dispatched_at=NOW + 10 * M)
    assert shown(police, NOW + 16 * M) == [(AlertKind.NEW_CASE, later.id, NOW + 10 * M)]
    assert shown(ann, NOW + 16 * M) == [(AlertKind.CLAIM_LAPSING, ids["quiet"], NOW + 15 * M)]
