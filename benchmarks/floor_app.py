"""The floor for benchmarks/live_bench.py: the least a Streamlit app can do for the same live workshop.

A group page (?g=<n>) with the same eight st.pills (1–5 in half steps, and "Hoppa över") in one form,
writing one row per axis with an upsert in one transaction to SQLite in WAL mode with plain sqlite3, and a
board page (no ?g) whose @st.fragment(run_every=POLL) shows how many groups have submitted. Nothing else:
no store layer, no validation beyond "every axis answered", no statistics, no chart. Whatever Spindeln costs
above this is ours.

    streamlit run benchmarks/floor_app.py      # DATABASE_URL=sqlite:///path/to/floor.db
"""

from __future__ import annotations

import os
import sqlite3
import time

AXES = (
    ("finansiera", "Finansiera"), ("strategiskt", "Strategiskt/proaktivt"), ("uppfoljning", "Uppföljning"),
    ("initiera", "Initiera samverkan"), ("metodutveckling", "Metodutveckling"), ("motesplats", "Mötesplats"),
    ("paverka", "Påverka samverkan"), ("forvalta", "Förvalta"),
)
CATEGORIES = tuple(1 + 0.5 * i for i in range(9))
SKIP = "skip"
POLL = "1s"  # the board's interval: the same as Spindeln's live results (survey/pages/shared.py POLL)

SCHEMA = """
CREATE TABLE IF NOT EXISTS groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    axis_key TEXT NOT NULL,
    value REAL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (group_id, axis_key)
);
"""


def db_path() -> str:
    url = os.environ.get("DATABASE_URL", "sqlite:///floor.db")
    return url.removeprefix("sqlite:///")


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def init_db(path: str, n_groups: int) -> None:
    """Schema and groups 1..n; the benchmark calls this before it starts the app."""
    conn = connect(path)
    conn.executescript(SCHEMA)
    conn.executemany("INSERT OR IGNORE INTO groups (id, name) VALUES (?, ?)",
                     [(i, f"Grupp {i}") for i in range(1, n_groups + 1)])
    conn.close()


def submit(path: str, group_id: int, values: dict[str, float | None]) -> float:
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        now = time.time()
        for key, value in values.items():
            conn.execute(
                "INSERT INTO ratings (group_id, axis_key, value, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (group_id, axis_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (group_id, key, value, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return now


def counts(path: str) -> tuple[int, int]:
    conn = connect(path)
    try:
        done = conn.execute("SELECT COUNT(DISTINCT group_id) FROM ratings").fetchone()[0]
        total = conn.execute("SELECT COUNT(*) FROM groups").fetchone()[0]
    finally:
        conn.close()
    return done, total


def _fmt(option) -> str:
    if option == SKIP:
        return "Hoppa över"
    return f"{option:g}".replace(".", ",")


def _group_page(group_id: int) -> None:
    import streamlit as st

    st.header(f"Grupp {group_id}", anchor=False)
    choices = {}
    with st.form("rating", border=False):
        for key, name in AXES:
            with st.container(border=True, key=f"axis-{key}"):
                st.markdown(f"**{name}**")
                choices[key] = st.pills(name, [*CATEGORIES, SKIP], format_func=_fmt, key=f"rate-{key}",
                                        label_visibility="collapsed")
        sent = st.form_submit_button("Skicka in", type="primary", width="stretch")
    if sent:
        if any(v is None for v in choices.values()):
            st.error("Välj ett värde för varje axel")
            return
        st.session_state["saved-at"] = submit(db_path(), group_id,
                                              {k: (None if v == SKIP else float(v)) for k, v in choices.items()})
    if "saved-at" in st.session_state:
        st.success("Tack! Era svar är sparade kl. " + time.strftime("%H:%M:%S", time.localtime(st.session_state["saved-at"])))


def _board() -> None:
    import streamlit as st

    st.title("Resultat", anchor=False)

    @st.fragment(run_every=POLL)
    def live() -> None:
        done, total = counts(db_path())
        st.caption(f"{done} av {total} grupper har skickat in")

    live()


def main() -> None:
    import streamlit as st

    group = st.query_params.get("g")
    if group and group.isdigit():
        _group_page(int(group))
    else:
        _board()


if __name__ == "__main__":
    main()
