"""0004/0006: the old global flags become roster rules of the department's own center."""

from __future__ import annotations

from alembic import command

from desktop.db.engine import make_engine
from desktop.db.migrate import alembic_config, upgrade


def test_flags_become_rules_and_come_back_on_downgrade(empty_db_url):
    engine = make_engine(empty_db_url)
    try:
        upgrade(engine, "0003")
        with engine.begin() as conn:
            for sql in (
                "INSERT INTO jurisdictions (id, code, name, level) VALUES (1, '159901', '云泽旗',"
                " 'county')",
                "INSERT INTO centers (id, name, short_name, jurisdiction_id) VALUES"
                " (1, '云泽旗综治中心', '云泽', 1)",
                "INSERT INTO departments (id, code, name, short_name, stationing, jurisdiction_id,"
                " active) VALUES (1, 'FY', '法院', '法院', 'rotating', 1, true),"
                " (2, 'RSJ', '人社局', '人社', 'on_call', 1, true),"
                " (3, 'X', '外县局', '外县', 'permanent', NULL, true)",
                "INSERT INTO windows (id, center_id, name, department_id) VALUES"
                " (1, 1, '综合受理窗口', NULL), (2, 1, '诉调对接中心', 1)",
                "INSERT INTO staff (id, name, department_id, on_site, active) VALUES"
                " (1, '赵书记', 1, true, true), (2, '钱书记', 1, false, true),"
                " (3, '孙书记', 1, true, true), (4, '李仲裁', 2, true, true)",
            ):
                conn.exec_driver_sql(sql)
        upgrade(engine)
        with engine.connect() as conn:
            rules = conn.exec_driver_sql(
                "SELECT center_id, department_id, window_id, mode, pattern FROM roster_rules"
                " ORDER BY department_id"
            ).all()
            people = conn.exec_driver_sql(
                "SELECT r.department_id, s.position, s.staff_id FROM roster_rule_staff s"
                " JOIN roster_rules r ON r.id = s.rule_id ORDER BY 1, 2"
            ).all()
        # The department without a jurisdiction has no center, hence no rule.
        assert [tuple(r) for r in rules] == [
            (1, 1, 2, "rotating", "every_workday"),
            (1, 2, None, "on_call", "every_workday"),
        ]
        assert [tuple(p) for p in people] == [(1, 0, 1), (1, 1, 3), (2, 0, 4)]
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), "0005")
            conn.commit()
            back = conn.exec_driver_sql("SELECT id, stationing FROM departments ORDER BY id").all()
            on_site = (
                conn.exec_driver_sql("SELECT id FROM staff WHERE on_site ORDER BY id")
                .scalars()
                .all()
            )
        assert [tuple(b) for b in back] == [(1, "rotating"), (2, "on_call"), (3, "on_call")]
        assert on_site == [1, 3]  # on-call contacts are not "on site"
    finally:
        engine.dispose()
