"""A deadline running into 2027 (unknown to the calendar library) is provisional, and
`govdesk calendar set` makes it final with a 期限重算 event on the case."""

from __future__ import annotations

from sqlalchemy import select

from desktop.cli import main
from desktop.db.models import Case, CaseEvent, CaseTask
from desktop.domain.enums import Channel
from desktop.services import dispatch, workflow
from desktop.services.intake import NewCase, register_case
from tests.db.world import build_world, local


def test_provisional_deadline_recomputed_after_calendar_set(db_url, session_factory, capsys):
    with session_factory.begin() as session:
        world = build_world(session)
        p = world.principals
        cid = register_case(
            session=session, principal=p["desk"], now=local(2026, 12, 29, 10, 0),
            new=NewCase(title="路灯不亮", channel=Channel.HOTLINE_12345,
                        category_id=world.ids["livelihood"], grid_id=world.ids["east_grid"]),
        ).case_id
        workflow.accept(session=session, principal=p["desk"], case_id=cid,
                        now=local(2026, 12, 29, 10, 5))
        dispatch.dispatch(session=session, principal=p["dispatcher"], case_id=cid,
                          lead_department_id=world.ids["housing"],
                          now=local(2026, 12, 29, 10, 10))
        task_id = session.scalar(select(CaseTask.id).where(CaseTask.case_id == cid))
        dispatch.sign(session=session, principal=p["housing"], case_id=cid, task_id=task_id,
                      now=local(2026, 12, 29, 11, 0))

    with session_factory() as session:
        case = session.get(Case, cid)
        # 5 working days after 12/29: 12/30, 12/31, then Mon–Fri guessed for 2027:
        # 1/1 (Fri), 1/4, 1/5
        assert case.due_at == local(2027, 1, 5, 23, 59, 59)
        assert case.due_provisional is True

    assert main(["--db", db_url, "calendar", "set", "2027-01-01", "holiday", "--note", "元旦"]) == 0
    assert "重算期限的案件 1 件" in capsys.readouterr().out

    with session_factory() as session:
        case = session.get(Case, cid)
        task = session.get(CaseTask, task_id)
        # 1/1 is now a holiday: 12/30, 12/31, 1/4, 1/5, 1/6
        assert case.due_at == local(2027, 1, 6, 23, 59, 59)
        assert task.due_at == local(2027, 1, 6, 23, 59, 59)
        assert case.due_provisional is False and task.due_provisional is False
        kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == cid)
                                .order_by(CaseEvent.seq)).all()
        assert kinds[-2:] == ["recompute_deadline", "recompute_deadline"]


def test_calendar_import_is_all_or_nothing(db_url, session_factory, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("日期,类型,备注\n2027-01-01,holiday,元旦\n2027-02-07,workday,春节调休\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("2027-10-01,holiday\n2027-10-02,vacation\n", encoding="utf-8")
    assert main(["--db", db_url, "calendar", "import", str(bad)]) == 2
    assert "第 2 行" in capsys.readouterr().err
    assert main(["--db", db_url, "calendar", "import", str(good)]) == 0
    assert main(["--db", db_url, "calendar", "list", "--year", "2027"]) == 0
    out = capsys.readouterr().out
    assert "2027-01-01" in out and "2027-02-07" in out and "2027-10-01" not in out
