"""intake: 12345 work-order numbers, and the category index the repeat check walks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

- case_work_orders: the 工单号 of a 12345 hotline work order, unique per center.
- ix_cases_category_id (category_id) becomes ix_cases_category_received (category_id,
  received_at): the desk's place check reads one category's last 30 days as one range.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'case_work_orders',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('center_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(32).with_variant(sa.String(32, collation='C'),
                                                       'postgresql'), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_case_work_orders_case_id_cases')),
        sa.ForeignKeyConstraint(['center_id'], ['centers.id'],
                                name=op.f('fk_case_work_orders_center_id_centers')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_work_orders')),
        sa.UniqueConstraint('center_id', 'number',
                            name=op.f('uq_case_work_orders_center_id_number')),
    )
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_index('ix_cases_category_id')
        batch_op.create_index('ix_cases_category_received', ['category_id', 'received_at'])


def downgrade() -> None:
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_index('ix_cases_category_received')
        batch_op.create_index('ix_cases_category_id', ['category_id'])
    op.drop_table('case_work_orders')
