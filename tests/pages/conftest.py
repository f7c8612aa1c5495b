"""Fixtures of the page tests: a fresh SQLite file per test (autouse), quiet Streamlit logs, the app's
store seeded with the sample workshop, and an open workshop with two groups."""

from __future__ import annotations

import logging

import pytest

from survey.ui import get_store
from tests.pages.helpers import MARKUP_NAME, PASSWORD


@pytest.fixture(autouse=True)
def fresh_env(tmp_path, monkeypatch):
    """A database file of this test's own and a known password; no store exists yet.

    Autouse, so no test here can fall back to the developer's data/spindeln.db.
    """
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("SPINDELN_ADMIN_PASSWORD", PASSWORD)
    monkeypatch.delenv("SPINDELN_PUBLIC_URL", raising=False)
    get_store.clear()
    yield tmp_path
    get_store.clear()


@pytest.fixture(autouse=True)
def quiet_streamlit():
    """Calls outside a script run (the cached store, AppTest's format_func) make Streamlit warn per call."""
    names = ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.state.session_state_proxy")
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    yield
    for lg, level in zip(loggers, levels):
        lg.setLevel(level)


@pytest.fixture
def store(fresh_env):
    """The store the app will use (the cached one), already seeded with the sample workshop.

    Overrides tests/pg.py's `store`: the pages run on SQLite only; the store tests cover PostgreSQL.
    """
    s = get_store()
    yield s
    s.dispose()


@pytest.fixture
def workshop(store):
    """An open workshop with two groups, one of them named with Markdown and HTML."""
    w = store.create_workshop("Testworkshop", "2026-05-04", place="Eksjö", federation="Testförbundet")
    w = store.set_state(w.id, "open")
    group = store.add_group(w.id, "Grupp Ett")
    store.add_group(w.id, MARKUP_NAME)
    return w, group
