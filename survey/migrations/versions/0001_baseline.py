"""Baseline: the schema as `create_all` made it before migrations (November 2026).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("federation", sa.String(200), nullable=False),
        sa.Column("scale_min", sa.Float, nullable=False),
        sa.Column("scale_max", sa.Float, nullable=False),
        sa.Column("scale_step", sa.Float, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("current_round", sa.Integer, nullable=False),
        sa.Column("round2_axes", sa.Text, nullable=False),
        sa.Column("view_token", sa.String(64), nullable=False, unique=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("state IN ('draft', 'open', 'revealed', 'closed')", name="workshops_state"),
        sa.CheckConstraint("current_round IN (1, 2)", name="workshops_round"),
    )
    op.create_index("workshops_federation", "workshops", ["federation"])
    op.create_table(
        "axes",
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name_sv", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(100), nullable=False),
        sa.Column("description_sv", sa.String(500), nullable=False),
        sa.Column("description_en", sa.String(500), nullable=False),
        sa.UniqueConstraint("workshop_id", "position", name="axes_position"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("name_key", sa.String(240), nullable=False),
        sa.Column("party", sa.String(32), nullable=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workshop_id", "name_key", name="groups_name"),
    )
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), nullable=False),
        sa.Column("axis_key", sa.String(64), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("comment", sa.String(200), nullable=True),
        sa.Column("entered_by", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workshop_id", "group_id", "axis_key", "round", name="ratings_one_per_axis"),
        sa.ForeignKeyConstraint(["workshop_id", "axis_key"], ["axes.workshop_id", "axes.key"]),
    )
    op.create_table(
        "rating_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), nullable=False),
        sa.Column("axis_key", sa.String(64), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("old_value", sa.Float, nullable=True),
        sa.Column("new_value", sa.Float, nullable=True),
        sa.Column("had_previous", sa.Boolean, nullable=False),
        sa.Column("comment", sa.String(200), nullable=True),
        sa.Column("entered_by", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_rating_history_workshop_id", "rating_history", ["workshop_id"])
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("entered_by", sa.String(16), nullable=False),
        sa.UniqueConstraint("workshop_id", "group_id", "round", name="submissions_one_per_round"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("summary", sa.Text, nullable=True),
        sa.UniqueConstraint("workshop_id", "position", name="questions_position"),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question_id", sa.Integer, sa.ForeignKey("questions.id"), nullable=False),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("groups.id"), nullable=False),
        sa.Column("points", sa.Text, nullable=False),
        sa.Column("entered_by", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("question_id", "group_id", name="answers_one_per_group"),
    )
    op.create_table(
        "overrides",
        sa.Column("workshop_id", sa.String(32), primary_key=True),
        sa.Column("axis_key", sa.String(64), primary_key=True),
        sa.Column("label", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id", "axis_key"], ["axes.workshop_id", "axes.key"]),
    )
    op.create_table(
        "narratives",
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), primary_key=True),
        sa.Column("lang", sa.String(8), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("settings", "narratives", "overrides", "answers", "questions", "submissions", "rating_history",
                  "ratings", "groups", "axes", "workshops"):
        op.drop_table(table)
