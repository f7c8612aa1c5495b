"""What a hostile visitor, a bad file or a second facilitator could do to the store (issue 11), on a real
SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import event, select

from analysis.model import DEFAULT_AXES, Ratings, Scale, axis_for_name
from survey.store import ClosedError, NotFoundError, Store, UnavailableError, ValidationError, groups

ROOT = Path(__file__).resolve().parents[2]
KEYS = [a.key for a in DEFAULT_AXES]
ALL_THREE = {k: 3.0 for k in KEYS}


def open_workshop(store: Store, *names: str):
    w = store.create_workshop("Profil", "2026-02-27")
    gs = [store.add_group(w.id, n) for n in names or ("Grupp 1", "Grupp 2")]
    return store.set_state(w.id, "open"), gs


# ---------------------------------------------------------------------------------------------- revealing

def test_closing_an_unrevealed_workshop_shows_nothing(store):
    w, (g1, _) = open_workshop(store)
    store.submit(w.id, g1.id, ALL_THREE)
    closed = store.set_state(w.id, "closed")
    assert not closed.results_visible and not closed.group_may_write
    assert closed.id not in {x.id for x in store.list_workshops() if x.results_visible}


def test_reveal_and_hide_are_their_own_decision(store):
    w, _ = open_workshop(store)
    shown = store.set_revealed(w.id, True)
    assert (shown.state, shown.results_visible, shown.group_may_write) == ("revealed", True, True)
    closed = store.set_state(w.id, "closed")
    assert closed.results_visible and not closed.group_may_write  # closing after revealing keeps them shown
    hidden = store.set_revealed(w.id, False)
    assert (hidden.state, hidden.results_visible) == ("closed", False)  # and hiding a closed one keeps it closed
    again = store.set_revealed(w.id, True)
    assert (again.state, again.results_visible, again.group_may_write) == ("closed", True, False)
    reopened = store.set_state(w.id, "open")
    assert not reopened.results_visible
    draft = store.create_workshop("Utkast", "2026-03-01")
    shown_draft = store.set_revealed(draft.id, True)
    assert (shown_draft.state, shown_draft.group_may_write) == ("draft", False)  # revealing never opens the form


@pytest.mark.parametrize("junk", ["\x00", "abc\x00", "x" * 65, "../etc", "a b", ""])
def test_a_junk_id_or_token_in_a_link_is_simply_unknown(store, junk):
    w, _ = open_workshop(store)
    assert store.get_workshop(junk) is None and store.workshop_by_view_token(junk) is None
    assert store.group_by_token(w.id, junk) is None


# ---------------------------------------------------------------------------------------------- links

def test_a_page_opened_with_a_renewed_link_cannot_write(store):
    w, (g1, _) = open_workshop(store)
    old_token = g1.token
    renewed = store.renew_token(g1.id)
    with pytest.raises(ClosedError) as info:
        store.submit(w.id, g1.id, ALL_THREE, token=old_token)
    assert info.value.code == "stale_link" and "länk" in info.value.message("sv")
    q = store.questions(w.id)[0]
    with pytest.raises(ClosedError):
        store.save_answers(w.id, g1.id, q.id, ["punkt"], token=old_token)
    assert store.saved_values(w.id, g1.id) == {} and store.saved_answers(w.id, g1.id) == {}
    store.submit(w.id, g1.id, ALL_THREE, token=renewed.token)
    store.save_answers(w.id, g1.id, q.id, ["punkt"], token=renewed.token)
    assert store.saved_answers(w.id, g1.id) == {q.id: ["punkt"]}


# ---------------------------------------------------------------------------------------------- text

@pytest.mark.parametrize("bad", ["\x00", "\u202e", "\x1b[31m"])
def test_control_characters_are_refused_with_a_message_not_a_database_error(store, bad):
    w, (g1, _) = open_workshop(store)
    with pytest.raises(ValidationError) as info:
        store.submit(w.id, g1.id, ALL_THREE, comments={"finansiera": f"hej{bad}då"})
    assert info.value.field == "finansiera" and "U+" in info.value.message("sv")
    q = store.questions(w.id)[0]
    with pytest.raises(ValidationError):
        store.save_answers(w.id, g1.id, q.id, [f"a{bad}b"])
    with pytest.raises(ValidationError):
        store.set_narrative(w.id, "sv", f"text{bad}")
    with pytest.raises(ValidationError):
        store.add_group(w.id, f"Grupp{bad}3")
    with pytest.raises(ValidationError):
        store.update_workshop(w.id, title=f"T{bad}")
    assert store.saved_values(w.id, g1.id) == {}


@pytest.mark.parametrize("twin", ["grupp 1", "Grupp  1", "Grupp\u200b 1", "GRUPP\u00a01", " Grupp 1\ufeff"])
def test_names_that_look_the_same_are_one_group(store, twin):
    w, _ = open_workshop(store, "Grupp 1")
    with pytest.raises(ValidationError) as info:
        store.add_group(w.id, twin)
    assert info.value.code == "group_duplicate"


def test_invisible_characters_are_dropped_from_a_stored_name(store):
    w, _ = open_workshop(store, "Grupp 1")
    assert store.add_group(w.id, "Va\u030ard\u200bcentral").name == "Vårdcentral"


# ---------------------------------------------------------------------------------------------- overrides

def test_a_stale_override_cannot_undo_a_newer_one(store):
    w, _ = open_workshop(store)
    store.set_override(w.id, "finansiera", "high", expected=None)  # facilitator A
    with pytest.raises(ValidationError) as info:
        store.set_override(w.id, "finansiera", None, expected=None)  # B's page still shows the rule's label
    assert info.value.code == "override_changed"
    assert store.overrides(w.id) == {"finansiera": "high"}
    store.set_override(w.id, "finansiera", "medium", expected="high")
    assert store.overrides(w.id) == {"finansiera": "medium"}


# ---------------------------------------------------------------------------------------------- questions

def test_removing_a_question_never_moves_answers_to_another(store):
    w, (g1, g2) = open_workshop(store)
    q1, q2, q3 = store.questions(w.id)
    store.save_answers(w.id, g1.id, q3.id, ["om den tredje frågan"])
    store.save_answers(w.id, g2.id, q1.id, ["om den första"])
    kept = store.set_questions(w.id, [(q1.id, q1.text), (q3.id, q3.text)])
    assert [(q.id, q.text, q.position) for q in kept] == [(q1.id, q1.text, 0), (q3.id, q3.text, 1)]
    answers = store.answers(w.id)
    assert answers == {q1.id: [("Grupp 2", ["om den första"])], q3.id: [("Grupp 1", ["om den tredje frågan"])]}
    moved = store.set_questions(w.id, [(q3.id, "Tredje, nu först"), (q1.id, q1.text), "En ny"])
    assert [q.id for q in moved[:2]] == [q3.id, q1.id] and moved[0].text == "Tredje, nu först"
    assert store.answers(w.id)[q3.id] == [("Grupp 1", ["om den tredje frågan"])]
    with pytest.raises(NotFoundError):
        store.set_questions(w.id, [(999_999, "okänd")])
    with pytest.raises(ValidationError) as info:
        store.set_questions(w.id, [(q1.id, "A"), (q1.id, "B")])
    assert info.value.code == "question_twice"


def test_a_removed_questions_id_never_comes_back(store):
    """Else a group page left open saves its answer to the removed question under the new one."""
    w, (g1, _) = open_workshop(store)
    q1, q2, q3 = store.questions(w.id)
    store.save_answers(w.id, g1.id, q3.id, ["till den tredje"])
    store.set_questions(w.id, [(q1.id, q1.text), (q2.id, q2.text)], force=True)
    new = store.set_questions(w.id, [(q1.id, q1.text), (q2.id, q2.text), "En ny fråga"])[2]
    assert new.id not in (q1.id, q2.id, q3.id)
    with pytest.raises(NotFoundError):
        store.save_answers(w.id, g1.id, q3.id, ["från en sida som stod öppen"])
    assert store.answers(w.id)[new.id] == []


# ---------------------------------------------------------------------------------------------- import

def ratings_of(names, rows, axes=DEFAULT_AXES, scale=Scale()):
    return Ratings(tuple(names), tuple(axes), np.array(rows, dtype=float), scale)


def test_import_is_all_or_nothing_and_matches_names_as_people_do(store):
    w, (g1, _) = open_workshop(store, "Grupp 1", "Grupp 2")
    store.revoke_group(store.add_group(w.id, "Spärrad").id)
    bad = ratings_of(["Ny grupp A", "Grupp 1", "spärrad"], [[3] * 8, [4] * 8, [5] * 8])
    with pytest.raises(ValidationError) as info:
        store.import_ratings(w.id, bad)
    assert "spärrad" in info.value.message("sv").casefold() or "Spärrad" in info.value.message("sv")
    assert [g.name for g in store.groups(w.id)] == ["Grupp 1", "Grupp 2", "Spärrad"]  # no "Ny grupp A"
    assert store.saved_values(w.id, g1.id) == {}

    good = ratings_of(["Ny grupp A", "Grupp  1", "Ny grupp B"], [[3] * 8, [4] * 8, [np.nan] + [5] * 7])
    written = store.import_ratings(w.id, good)
    assert [g.name for g in written] == ["Ny grupp A", "Grupp 1", "Ny grupp B"]
    assert store.saved_values(w.id, g1.id) == {k: 4.0 for k in KEYS}  # "Grupp  1" is Grupp 1
    assert [g.name for g in store.groups(w.id)] == ["Grupp 1", "Grupp 2", "Spärrad", "Ny grupp A", "Ny grupp B"]
    assert {s.group.name for s in store.status(w.id) if s.entered_by == "facilitator"} == {
        "Ny grupp A", "Grupp 1", "Ny grupp B"}


def test_import_refuses_an_axis_or_value_the_workshop_does_not_have(store):
    w, _ = open_workshop(store)
    off = ratings_of(["Ny", "Nyare"], [[3] * 8, [3, 3, 3, 3, 3, 3, 3, 9]], scale=Scale(1, 10, 0.5))
    with pytest.raises(ValidationError) as info:
        store.import_ratings(w.id, off)
    assert "Nyare" in info.value.message("sv") and "Förvalta" in info.value.message("sv")
    unknown = ratings_of(["Ny"], [[3] * 4], axes=[*DEFAULT_AXES[:3], axis_for_name("Budget")])
    with pytest.raises(ValidationError) as info:
        store.import_ratings(w.id, unknown)
    assert "Budget" in info.value.message("sv")
    assert [g.name for g in store.groups(w.id)] == ["Grupp 1", "Grupp 2"]


# ---------------------------------------------------------------------------------------------- round 2

def test_round_two_reopened_on_other_axes_starts_afresh(store):
    w, (g1, g2) = open_workshop(store)
    store.open_round2(w.id, ["finansiera"])
    store.submit(w.id, g1.id, {"finansiera": 4.0}, round=2)
    assert store.progress(w.id, 2) == (1, 2) and store.has_submitted(w.id, g1.id, 2)
    store.open_round2(w.id, ["finansiera"])  # the same axes again: nothing changes
    assert store.progress(w.id, 2) == (1, 2)
    store.open_round2(w.id, ["forvalta", "finansiera"])
    assert store.progress(w.id, 2) == (0, 2) and not store.has_submitted(w.id, g1.id, 2)
    assert store.ratings(w.id, 2).groups == ()
    assert store.saved_values(w.id, g1.id, 2) == {"finansiera": 4.0}  # kept, and it pre-fills the form
    assert any(h.round == 2 and h.new_value == 4.0 for h in store.history(w.id))


# ---------------------------------------------------------------------------------------------- workshops

def test_a_workshop_can_be_renamed_moved_to_the_bin_and_brought_back(store):
    w, (g1, _) = open_workshop(store)
    store.submit(w.id, g1.id, ALL_THREE)
    renamed = store.update_workshop(w.id, title="Medlemssamråd 2027")
    assert renamed.title == "Medlemssamråd 2027"
    with pytest.raises(ValidationError) as info:
        store.create_workshop("medlemssamråd  2027", "2026-02-27", unique_title=True)
    assert info.value.code == "workshop_duplicate"
    gone = store.delete_workshop(w.id)
    assert gone.deleted_at is not None and not gone.results_visible and not gone.group_may_write
    assert store.list_workshops() == [] and store.get_workshop(w.id) is None
    assert store.workshop_by_view_token(w.view_token) is None
    with pytest.raises(ClosedError):
        store.submit(w.id, g1.id, ALL_THREE)
    assert [x.id for x in store.deleted_workshops()] == [w.id]
    back = store.restore_workshop(w.id)
    assert back.deleted_at is None and store.saved_values(w.id, g1.id) == ALL_THREE
    assert store.deleted_workshops() == []


# ---------------------------------------------------------------------------------------------- failing closed

def test_a_locked_database_says_busy_and_writes_nothing(tmp_path):
    path = tmp_path / "busy.db"
    store = Store(f"sqlite:///{path}")
    w, (g1, _) = open_workshop(store)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the store's busy timeout
    try:
        with pytest.raises(UnavailableError) as info:
            store.submit(w.id, g1.id, ALL_THREE)
        assert info.value.busy
    finally:
        other.rollback()
        other.close()
    assert store.saved_values(w.id, g1.id) == {}
    store.dispose()


def test_a_full_disk_is_not_called_busy(tmp_path):
    path = tmp_path / "full.db"
    store = Store(f"sqlite:///{path}")
    w, (g1, _) = open_workshop(store)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    store.dispose()

    @event.listens_for(store.engine, "connect")
    def _no_room(dbapi_connection, record):  # SQLite's own "database or disk is full"
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    big = "x" * 190
    with pytest.raises(UnavailableError) as info:
        for i in range(200):
            store.submit(w.id, g1.id, ALL_THREE, comments={k: f"{big}{i}" for k in KEYS})
    assert not info.value.busy and "databasen" in info.value.message("sv")
    store.dispose()


def test_a_read_only_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "ro.db"
    writer = Store(f"sqlite:///{path}")
    w, (g1, _) = open_workshop(writer)
    writer.dispose()
    reader = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert reader.get_workshop(w.id).title == "Profil"
    with pytest.raises(UnavailableError) as info:
        reader.submit(w.id, g1.id, ALL_THREE)
    assert not info.value.busy
    reader.dispose()


# ---------------------------------------------------------------------------------------------- migrations

FIXTURE = ROOT / "tests" / "fixtures" / "schema-2026-11.sqlite"


def test_a_database_made_before_migrations_upgrades_with_nothing_lost(tmp_path):
    from survey import migrations

    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = sqlite3.connect(path)
    counts = {t: before.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("workshops", "groups", "ratings", "rating_history", "submissions", "questions", "answers",
                        "overrides", "narratives", "settings")}
    before.close()
    store = Store(f"sqlite:///{path}")
    ws = {w.title: w for w in store.list_workshops()}
    sample, closed = ws["Medlemssamråd 2026 – förbundsprofil"], ws["Medlemssamråd 2027"]
    assert sample.results_visible and sample.current_round == 2
    assert closed.state == "closed" and not closed.results_visible  # nobody knows it was revealed: fail closed
    assert store.ratings(sample.id).groups == ("Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4")
    assert store.ratings(sample.id, 2).values.shape == (2, 2)
    assert store.overrides(sample.id) == {"forvalta": "low_medium"}
    assert store.narrative(sample.id, "sv").startswith("## Analys")
    assert sum(len(v) for v in store.answers(sample.id).values()) == 2
    with store.engine.connect() as conn:
        assert {r.name: r.name_key for r in conn.execute(select(groups.c.name, groups.c.name_key))}["Grupp A"] == "grupp a"
        for table, n in counts.items():
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == n, table
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrations.head()
        codes = [r[0] for r in conn.exec_driver_sql("SELECT join_code FROM groups")]
        assert all(codes) and len(set(codes)) == len(codes)  # 0004: every old group can be joined by code
    with pytest.raises(ValidationError):
        store.add_group(closed.id, "GRUPP\u200b A")  # the stored keys catch a look-alike
    store.submit(sample.id, store.groups(sample.id)[0].id, {"motesplats": 2.0}, round=2, entered_by="facilitator")
    store.dispose()


def test_the_baseline_migration_is_the_schema_before_migrations(pg_url, tmp_path):
    """The same old data, put into PostgreSQL at the baseline revision, upgrades the same way."""
    from alembic import command
    from sqlalchemy import MetaData, create_engine, text

    from survey import migrations
    from tests.pg import create_database

    url = create_database(pg_url)
    engine = create_engine(Store(url).url)  # normalised driver name; the Store itself is not used yet
    with engine.begin() as conn:
        command.upgrade(migrations._config(conn), migrations.BASELINE)
    source = create_engine(f"sqlite:///{FIXTURE}")
    old = MetaData()
    old.reflect(source)
    with source.connect() as src, engine.begin() as dst:
        for table in old.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(table.select())]
            if rows:
                dst.execute(table.insert(), rows)
            if rows and table.name in ("groups", "ratings", "rating_history", "submissions", "questions", "answers"):
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"(SELECT max(id) FROM {table.name}))"))
    engine.dispose()
    store = Store(url)
    ws = {w.title: w for w in store.list_workshops()}
    assert not ws["Medlemssamråd 2027"].results_visible and ws["Medlemssamråd 2026 – förbundsprofil"].revealed
    assert len(store.history(ws["Medlemssamråd 2026 – förbundsprofil"].id)) == 37
    new = store.add_group(ws["Medlemssamråd 2027"].id, "Grupp C")  # serial ids carry on after the copy
    assert new.position == 2
    store.dispose()
