"""Alembic owns the schema: `upgrade(conn)` brings any Spindeln database to the newest revision.

A database made before migrations existed (tables, no `alembic_version`) is stamped with the baseline
first, which is exactly that schema. New schema changes: add a revision in `versions/` (by hand or
`alembic -c survey/migrations/alembic.ini revision -m "…"`), never edit one that has shipped.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

HERE = Path(__file__).resolve().parent
BASELINE = "0001"


def _config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(_config(None)).get_current_head()  # type: ignore[arg-type]


def known(revision: str) -> bool:
    """Whether `revision` is one of ours: a database from a newer Spindeln has one this version cannot upgrade."""
    return any(s.revision == revision for s in ScriptDirectory.from_config(_config(None)).walk_revisions())  # type: ignore[arg-type]


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Upgrade inside the caller's transaction (which holds the lock that keeps other processes out)."""
    cfg = _config(conn)
    revision = current(conn)
    if revision == head():
        return
    if revision is None and inspect(conn).has_table("workshops"):
        command.stamp(cfg, BASELINE)
    command.upgrade(cfg, "head")
