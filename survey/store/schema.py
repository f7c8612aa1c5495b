"""The tables as SQLAlchemy Core sees them (Alembic's survey/migrations owns how a database gets there)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Boolean, CheckConstraint, Column, DateTime, Float, ForeignKey, ForeignKeyConstraint, Index, Integer,
    MetaData, String, Table, Text, TypeDecorator, UniqueConstraint, text,
)

from .validation import (
    MAX_AXIS_DESCRIPTION, MAX_AXIS_KEY, MAX_AXIS_NAME, MAX_COMMENT, MAX_GROUP_NAME, MAX_QUESTION, MAX_TITLE,
)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on both backends (SQLite keeps no zone; PostgreSQL would convert to local)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


metadata = MetaData()

workshops = Table(
    "workshops", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", String(MAX_TITLE), nullable=False),
    Column("date", String(10), nullable=False),
    Column("place", String(MAX_TITLE), nullable=False),
    Column("federation", String(MAX_TITLE), nullable=False),
    Column("scale_min", Float, nullable=False),
    Column("scale_max", Float, nullable=False),
    Column("scale_step", Float, nullable=False),
    Column("state", String(16), nullable=False),
    Column("current_round", Integer, nullable=False),
    Column("round2_axes", Text, nullable=False),
    Column("view_token", String(64), nullable=False, unique=True),
    Column("revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("revealed", Boolean, nullable=False, server_default=text("false")),
    Column("deleted_at", UTCDateTime, nullable=True),
    CheckConstraint("state IN ('draft', 'open', 'revealed', 'closed')", name="workshops_state"),
    CheckConstraint("current_round IN (1, 2)", name="workshops_round"),
)
Index("workshops_federation", workshops.c.federation)

axes = Table(
    "axes", metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id"), primary_key=True),
    Column("key", String(MAX_AXIS_KEY), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name_sv", String(MAX_AXIS_NAME), nullable=False),
    Column("name_en", String(MAX_AXIS_NAME), nullable=False),
    Column("description_sv", String(MAX_AXIS_DESCRIPTION), nullable=False),
    Column("description_en", String(MAX_AXIS_DESCRIPTION), nullable=False),
    UniqueConstraint("workshop_id", "position", name="axes_position"),
)

groups = Table(
    "groups", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("name", String(MAX_GROUP_NAME), nullable=False),
    Column("name_key", String(MAX_GROUP_NAME * 3), nullable=False),
    Column("party", String(32), nullable=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("revoked", Boolean, nullable=False),
    Column("position", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("join_code", String(8), nullable=True),  # migration 0004; unique index groups_join_code
    UniqueConstraint("workshop_id", "name_key", name="groups_name"),
)

ratings_table = Table(
    "ratings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("axis_key", String(MAX_AXIS_KEY), nullable=False),
    Column("round", Integer, nullable=False),
    Column("value", Float, nullable=True),
    Column("comment", String(MAX_COMMENT), nullable=True),
    Column("entered_by", String(16), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("workshop_id", "group_id", "axis_key", "round", name="ratings_one_per_axis"),
    ForeignKeyConstraint(["workshop_id", "axis_key"], ["axes.workshop_id", "axes.key"]),
)

rating_history = Table(
    "rating_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False, index=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("axis_key", String(MAX_AXIS_KEY), nullable=False),
    Column("round", Integer, nullable=False),
    Column("old_value", Float, nullable=True),
    Column("new_value", Float, nullable=True),
    Column("had_previous", Boolean, nullable=False),
    Column("comment", String(MAX_COMMENT), nullable=True),
    Column("entered_by", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("entered_by", String(16), nullable=False),
    UniqueConstraint("workshop_id", "group_id", "round", name="submissions_one_per_round"),
)

questions_table = Table(
    "questions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", String(MAX_QUESTION), nullable=False),
    Column("summary", Text, nullable=True),
    UniqueConstraint("workshop_id", "position", name="questions_position"),
    sqlite_autoincrement=True,  # ids are never reused (migration 0003)
)

answers_table = Table(
    "answers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_id", Integer, ForeignKey("questions.id"), nullable=False),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("points", Text, nullable=False),
    Column("entered_by", String(16), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("question_id", "group_id", name="answers_one_per_group"),
)

overrides_table = Table(
    "overrides", metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("axis_key", String(MAX_AXIS_KEY), primary_key=True),
    Column("label", String(32), nullable=False),
    ForeignKeyConstraint(["workshop_id", "axis_key"], ["axes.workshop_id", "axes.key"]),
)

narratives_table = Table(
    "narratives", metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id"), primary_key=True),
    Column("lang", String(8), primary_key=True),
    Column("text", Text, nullable=False),
)

settings_table = Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
