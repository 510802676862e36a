"""A retried action is applied once: the seat's action id is stored on the event it wrote."""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.models import CaseEvent
from desktop.domain.enums import EventKind, Role, Status
from desktop.services.action_ids import run_once
from desktop.services.transition import Change
from desktop.services.workflow import add_note
from tests.db.factories import hours, world


def test_a_retry_after_a_lost_reply_is_recognised_and_not_applied_again(session_factory):
    with session_factory.begin() as s:
        w = world(s)
        _, desk = w.f.person("desk", {Role.DESK}, w.east)
        case_id = w.f.case(center=w.center, category=w.safety, grid=w.east_grid,
                           status=Status.REGISTERED).id  # fmt: skip

    def note(text: str, action_id: str | None) -> tuple[Change, bool]:
        retried = []
        with session_factory.begin() as s:
            change = run_once(
                s, action_id,
                lambda: add_note(session=s, principal=desk, case_id=case_id, note=text,
                                 now=hours(200)),
                lambda done: retried.append(done) or Change((done,), EventKind.NOTE),
            )  # fmt: skip
        return change, bool(retried)

    # 处置记录 has no version check: only the action id tells a retry from a second note.
    assert note("已电话联系当事人", "a-1") == (Change((case_id,), EventKind.NOTE), False)
    assert note("已电话联系当事人", "a-1") == (Change((case_id,), EventKind.NOTE), True)
    assert note("再次联系", "a-2")[1] is False
    assert note("无编号的记录", None)[1] is False
    with session_factory() as s:
        rows = s.execute(
            select(CaseEvent.note, CaseEvent.client_action_id)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.seq)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("已电话联系当事人", "a-1"),
        ("再次联系", "a-2"),
        ("无编号的记录", None),
    ]
