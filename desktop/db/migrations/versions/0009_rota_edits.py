"""rota edits: the rota's recorded changes, and published months

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

rota_edits keeps every swap, leave, cover, direct edit and publishing of a rota, never
updated; rota_months gains who published the month and when (a published month is locked
against direct edits).
"""
from alembic import op
import sqlalchemy as sa
import desktop.db.base


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rota_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('window_id', sa.Integer(), nullable=True),
    sa.Column('from_staff_id', sa.Integer(), nullable=True),
    sa.Column('to_staff_id', sa.Integer(), nullable=True),
    sa.Column('asked_by', sa.Integer(), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('at', desktop.db.base.UTCDateTime(), nullable=False),
    sa.Column('after_publishing', sa.Boolean(), nullable=False),
    sa.Column('tasks_moved', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_rota_edits_approved_by_users')),
    sa.ForeignKeyConstraint(['asked_by'], ['staff.id'], name=op.f('fk_rota_edits_asked_by_staff')),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_rota_edits_center_id_centers')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_rota_edits_department_id_departments')),
    sa.ForeignKeyConstraint(['from_staff_id'], ['staff.id'], name=op.f('fk_rota_edits_from_staff_id_staff')),
    sa.ForeignKeyConstraint(['to_staff_id'], ['staff.id'], name=op.f('fk_rota_edits_to_staff_id_staff')),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_rota_edits_window_id_windows')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rota_edits'))
    )
    with op.batch_alter_table('rota_edits', schema=None) as batch_op:
        batch_op.create_index('ix_rota_edits_center_id_day', ['center_id', 'day'], unique=False)
    # rota_months has no dependents, so SQLite's batch copy of it is safe.
    with op.batch_alter_table('rota_months', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', desktop.db.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('published_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_rota_months_published_by_users'), 'users', ['published_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('rota_months', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rota_months_published_by_users'), type_='foreignkey')
        batch_op.drop_column('published_by')
        batch_op.drop_column('published_at')
    with op.batch_alter_table('rota_edits', schema=None) as batch_op:
        batch_op.drop_index('ix_rota_edits_center_id_day')
    op.drop_table('rota_edits')
