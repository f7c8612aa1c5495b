"""Connecting to SQLite or PostgreSQL: the engine and its per-connection settings, ids, the clock."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool


def _make_engine(url: str) -> tuple[Engine, bool]:
    """An engine and whether every call must be serialised (a single shared in-memory SQLite connection)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=15), False
    database = u.database or ""
    memory = database in ("", ":memory:") or "mode=memory" in url
    if memory:
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        if not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5},
                               pool_size=5, max_overflow=15)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's implicit BEGIN skips SELECTs; we BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 5000")
        if not memory:
            _enable_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the lock up front, so it waits (busy_timeout) instead of failing on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("spindeln_write") else "BEGIN")

    return engine, memory


def _enable_wal(cursor: Any) -> None:
    """WAL is a property of the file: switch once. Switching needs an exclusive lock that the busy handler
    does not wait for, so several processes opening a new file at once retry here."""
    deadline = time.monotonic() + 5
    while cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _looks_like_id(value: Any) -> bool:
    """Workshop ids and link tokens are URL-safe base64: anything else from a link (a NUL, which PostgreSQL
    refuses outright, or a kilobyte of junk) is unknown before it reaches the database."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _now() -> datetime:
    return datetime.now(timezone.utc)
