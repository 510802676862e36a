"""roster replaces flags: departments.stationing and staff.on_site go

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

0004 copied both into roster rules; from now on a department's mode is per center
(roster_rules.mode) and the default assignee comes from the roster. A downgrade puts the
columns back, filled from the rules (a department without a rule: on call).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite 3.35+ drops columns in place): a batch copy of `departments`
# would drop a table other rows refer to, which SQLite refuses with foreign keys on.


def upgrade() -> None:
    op.execute('ALTER TABLE departments DROP COLUMN stationing')
    op.execute('ALTER TABLE staff DROP COLUMN on_site')


def downgrade() -> None:
    # The server defaults stay (removing them would need the batch copy above).
    op.add_column('staff', sa.Column('on_site', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column('departments', sa.Column('stationing', sa.String(length=16), nullable=False,
                                           server_default='on_call'))
    op.execute(
        "UPDATE departments SET stationing = (SELECT min(r.mode) FROM roster_rules r"
        " WHERE r.department_id = departments.id AND r.active)"
        " WHERE EXISTS (SELECT 1 FROM roster_rules r"
        " WHERE r.department_id = departments.id AND r.active)"
    )
    op.execute(
        "UPDATE staff SET on_site = true WHERE id IN (SELECT s.staff_id"
        " FROM roster_rule_staff s JOIN roster_rules r ON r.id = s.rule_id"
        " WHERE r.active AND r.mode <> 'on_call')"
    )
