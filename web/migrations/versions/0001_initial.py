"""Feedback, custom templates and shared state.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("template_id", sa.String(100)),
        sa.Column("flag_code", sa.String(40)),
        sa.Column("rule", sa.String(80)),
        sa.Column("message", sa.Text),
        sa.Column("draft", sa.Text),
        sa.Column("operator", sa.String(100)),
    )
    op.create_index("ix_feedback_kind", "feedback", ["kind"])
    op.create_index("ix_feedback_flag_code", "feedback", ["flag_code"])
    op.create_table(
        "custom_templates",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("data", sa.JSON),
        sa.Column("deleted", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("meta")
    op.drop_table("custom_templates")
    op.drop_index("ix_feedback_flag_code", "feedback")
    op.drop_index("ix_feedback_kind", "feedback")
    op.drop_table("feedback")
