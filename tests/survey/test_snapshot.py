"""`Store.snapshot`: everything a view or an export needs of a workshop, read in one transaction, on a real
SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event

from analysis.workshop import GroupAnswer, WorkshopData, workshop_appendix
from survey.store import NotFoundError, Store
from tests.conftest import SAMPLE_CSV


def _sample(store: Store):
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    return store.get_workshop(w.id)


def test_snapshot_holds_everything_an_appendix_needs(store):
    w = _sample(store)
    store.set_state(w.id, "open")
    g = store.groups(w.id)[0]
    store.submit(w.id, g.id, {a.key: 4 for a in w.axes}, comments={"finansiera": "Pengar först"})
    q = store.questions(w.id)[0]
    store.save_answers(w.id, g.id, q.id, ["Punkt ett", "Punkt två"])
    store.set_override(w.id, "forvalta", "medium")
    store.set_narrative(w.id, "sv", "## Vår bild\n\nText.")
    store.open_round2(w.id, ["motesplats"])
    store.submit(w.id, g.id, {"motesplats": 3}, round=2)

    data = store.snapshot(w.id)
    assert isinstance(data, WorkshopData) and data.workshop == store.get_workshop(w.id)
    assert data.revision == store.change_marker(w.id)
    assert data.ratings.groups == store.ratings(w.id).groups and data.round2.groups == (g.name,)
    assert data.overrides == {"forvalta": "medium"} and data.summary.axis("forvalta").overridden
    assert data.comments["finansiera"] == ((g.name, "Pengar först"),)
    assert data.questions[0].id == q.id and data.questions[0].answers == (GroupAnswer(g.name, ("Punkt ett", "Punkt två")),)
    assert data.narrative("sv") == "## Vår bild\n\nText." and data.narrative("en") is None
    assert data.progress == store.progress(w.id) and data.round2_summary is not None
    assert [c.axis.key for c in data.round_changes()] == ["motesplats"]
    a = workshop_appendix(data, "sv")
    assert a.narrative_edited and a.round2 is not None and a.questions[0].answers[0].points == ("Punkt ett", "Punkt två")
    with pytest.raises(TypeError):
        data.overrides["x"] = "y"  # frozen: a snapshot shared by sessions cannot be changed by one of them


def test_unknown_and_junk_ids_are_not_found(store):
    for bad in ("nope", "../x", "", "a" * 200):
        with pytest.raises(NotFoundError):
            store.snapshot(bad)


def test_a_workshop_in_the_bin_is_read_but_not_visible(store):
    w = _sample(store)
    store.set_revealed(w.id, True)
    store.delete_workshop(w.id)
    data = store.snapshot(w.id)
    assert data.workshop.deleted_at is not None and not data.workshop.results_visible


def _write_between(store: Store, on_statement: str, write) -> None:
    """Run `write` (on another connection, in another thread, committed) the first time this store's
    engine is about to run a statement that reads `on_statement`."""
    fired = threading.Event()

    def before(conn, cursor, statement, parameters, context, executemany):
        if not fired.is_set() and statement.lstrip().upper().startswith("SELECT") and on_statement in statement:
            fired.set()
            errors = []
            t = threading.Thread(target=lambda: _capture(write, errors))
            t.start()
            t.join(30)
            assert not t.is_alive() and not errors, errors

    event.listen(store.engine, "before_cursor_execute", before)


def _capture(fn, errors) -> None:
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - reported by the reader's thread
        errors.append(exc)


def _late_group(store: Store, w):
    """A group that rates, comments and answers in one go, as the room does while an appendix is built."""
    def write():
        g = store.add_group(w.id, "Sen grupp")
        store.submit(w.id, g.id, {a.key: 2 for a in w.axes}, comments={"finansiera": "Sen kommentar"})
        store.save_answers(w.id, g.id, store.questions(w.id)[0].id, ["Sen punkt"])
    return write


def test_a_rating_submitted_while_the_snapshot_is_read_is_in_all_of_it_or_none(store):
    """The ratings are read first, the overrides next, the comments and answers after. A group that
    submits between the reads must not appear in the comments and answers of an appendix whose table and
    chart leave it out (before: 7 + N transactions, and it did)."""
    w = _sample(store)
    store.set_state(w.id, "open")
    _write_between(store, "overrides", _late_group(store, w))
    data = store.snapshot(w.id)
    assert "Sen grupp" not in data.ratings.groups
    assert all(g != "Sen grupp" for pairs in data.comments.values() for g, _ in pairs)
    assert all(a.group != "Sen grupp" for q in data.questions for a in q.answers)
    assert data.revision != store.change_marker(w.id)  # the write did happen meanwhile
    later = store.snapshot(w.id)
    assert "Sen grupp" in later.ratings.groups and ("Sen grupp", "Sen kommentar") in later.comments["finansiera"]
    assert GroupAnswer("Sen grupp", ("Sen punkt",)) in later.questions[0].answers
    text = [p for s in workshop_appendix(later, "sv").narrative for b in s.blocks for p in [b.text]]
    assert text  # the later appendix is whole too


def test_separate_reads_would_mix_two_moments(store):
    """The control for the test above: the same interleaving against the store's separate reads (what
    the appendix page did) yields a table without the group and comments with it."""
    w = _sample(store)
    store.set_state(w.id, "open")
    ratings = store.ratings(w.id)
    _write_between(store, "overrides", _late_group(store, w))
    store.overrides(w.id)
    comments = store.comments(w.id)
    assert "Sen grupp" not in ratings.groups and ("Sen grupp", "Sen kommentar") in comments["finansiera"]


def test_the_projectors_countdown_and_focus_are_in_the_snapshot(store):
    import time

    from survey.store import ValidationError

    w = _sample(store)
    before = store.change_marker(w.id)
    store.set_presenter(w.id, timer_minutes=5, focus="motesplats")
    assert store.change_marker(w.id) != before  # every screen follows at once
    state = store.snapshot(w.id).presenter
    assert state.focus == "motesplats" and 295 < state.seconds_left(time.time()) <= 300
    for bad in (0, -1, 121, "5", float("nan")):
        with pytest.raises(ValidationError):
            store.set_presenter(w.id, timer_minutes=bad)
    with pytest.raises(ValidationError):
        store.set_presenter(w.id, focus="finns-inte")
    store.set_presenter(w.id, timer_minutes=None)
    assert store.snapshot(w.id).presenter == type(state)(None, "motesplats")  # focus kept, timer stopped
