"""The store on a real SQLite file and a real PostgreSQL server (fixtures in tests/pg.py)."""

from __future__ import annotations

import math
import threading
from datetime import date, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select

from analysis.statistics.labels import Interpretation
from analysis.model import DEFAULT_AXES, Axis, Scale
from survey import config
from survey.store import (
    DEFAULT_QUESTIONS, SAMPLE_TITLE, ClosedError, NotFoundError, Store, StoreError, ValidationError,
    rating_history, ratings_table,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "sample_data" / "medlemssamrad-2026.csv"
KEYS = [a.key for a in DEFAULT_AXES]


def open_workshop(store: Store, n_groups: int = 2, **kwargs):
    w = store.create_workshop("Profil", "2026-02-27", **kwargs)
    gs = [store.add_group(w.id, f"Grupp {i + 1}") for i in range(n_groups)]
    return store.set_state(w.id, "open"), gs


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


# ---------------------------------------------------------------------------------------------- schema, workshops

def test_schema_is_created_on_first_use_and_twice_is_harmless(store_url):
    first = Store(store_url)
    assert first.list_workshops() == []
    second = Store(store_url)
    w = second.create_workshop("T", "2026-01-01")
    assert first.get_workshop(w.id) == w
    tables = set(inspect(first.engine).get_table_names())
    assert {"workshops", "axes", "groups", "ratings", "rating_history", "submissions", "questions", "answers",
            "overrides", "narratives", "settings"} <= tables
    first.dispose()
    second.dispose()


def test_create_and_read_workshop(store):
    w = store.create_workshop(" Medlemssamråd ", date(2026, 2, 27), place="Vrigstad", federation="Förbund A",
                              scale=Scale(1, 7, 1))
    assert (w.title, w.date, w.place, w.federation, w.state, w.current_round, w.round2_axes) == (
        "Medlemssamråd", "2026-02-27", "Vrigstad", "Förbund A", "draft", 1, ())
    assert w.scale == Scale(1, 7, 1)
    assert w.axes == DEFAULT_AXES
    assert w.created_at.tzinfo is not None
    assert len(w.id) >= 12 and w.id != w.view_token
    assert store.get_workshop(w.id) == w
    assert store.workshop_by_view_token(w.view_token) == w
    assert store.get_workshop("nope") is None
    assert store.workshop_by_view_token(w.id) is None
    assert store.workshop_by_view_token("") is None


def test_list_workshops_newest_first_and_by_federation(store):
    old = store.create_workshop("Gammal", "2025-05-01", federation="B-förbundet")
    new = store.create_workshop("Ny", "2026-03-01", federation="A-förbundet")
    mid = store.create_workshop("Mitten", "2025-12-01", federation="B-förbundet")
    assert [w.id for w in store.list_workshops()] == [new.id, mid.id, old.id]
    assert [w.id for w in store.list_workshops("B-förbundet")] == [mid.id, old.id]
    assert store.federations() == ["A-förbundet", "B-förbundet"]


def test_update_workshop(store):
    w = store.create_workshop("T", "2026-01-01")
    changed = store.update_workshop(w.id, title="Ny titel", place="Jönköping")
    assert (changed.title, changed.place, changed.date) == ("Ny titel", "Jönköping", "2026-01-01")
    with pytest.raises(ValidationError):
        store.update_workshop(w.id, title="  ")
    with pytest.raises(ValidationError):
        store.update_workshop(w.id, date="27/2 2026")
    assert store.get_workshop(w.id).title == "Ny titel"
    with pytest.raises(NotFoundError):
        store.update_workshop("missing", title="x")


@pytest.mark.parametrize("kwargs, code", [
    ({"title": ""}, "title_empty"),
    ({"date": "2026-13-01"}, "bad_date"),
    ({"axes": DEFAULT_AXES[:2]}, "too_few_axes"),
    ({"axes": DEFAULT_AXES[:3] + (Axis("finansiera", "Annan"),)}, "duplicate_axis_key"),
    ({"axes": DEFAULT_AXES[:3] + (Axis("annan", "finansiera"),)}, "duplicate_axis_name"),
    ({"questions": ["Fråga", "  "]}, "question_empty"),
    ({"title": "x" * 201}, "too_long"),
])
def test_create_workshop_validation(store, kwargs, code):
    args = {"title": "T", "date": "2026-01-01", **kwargs}
    with pytest.raises(ValidationError) as info:
        store.create_workshop(**args)
    assert info.value.code == code
    assert info.value.message("sv") and info.value.message("en")
    assert info.value.message("sv") != info.value.message("en")
    assert store.list_workshops() == []


def test_set_state_accepts_the_four_states_and_reopens(store):
    w = store.create_workshop("T", "2026-01-01")
    for state in ("open", "revealed", "closed", "open"):
        assert store.set_state(w.id, state).state == state
    with pytest.raises(ValidationError) as info:
        store.set_state(w.id, "archived")
    assert "archived" in info.value.message("en")
    assert store.get_workshop(w.id).state == "open"
    with pytest.raises(NotFoundError):
        store.set_state("missing", "open")


# ---------------------------------------------------------------------------------------------- groups

def test_add_group_validation_names_the_group_and_loses_nothing(store):
    w, (g1, g2) = open_workshop(store)
    store.submit(w.id, g1.id, {"finansiera": 4})
    assert (g1.position, g2.position) == (0, 1)
    assert len(g1.token) >= 20 and g1.token != g2.token
    with pytest.raises(ValidationError) as info:
        store.add_group(w.id, "  grupp 1 ")
    assert "Grupp 1" in info.value.message("sv") and "Grupp 1" in info.value.message("en")
    assert store.groups(w.id) == [g1, g2]
    assert store.saved_values(w.id, g1.id) == {"finansiera": 4.0}
    with pytest.raises(ValidationError):
        store.add_group(w.id, "   ")
    with pytest.raises(ValidationError):
        store.add_group(w.id, "x" * 81)
    with pytest.raises(ValidationError):
        store.add_group(w.id, "Grupp 3", party="kyrkan")
    g3 = store.add_group(w.id, "  Grupp   3 ", party="region")
    assert (g3.name, g3.party, g3.position, g3.revoked) == ("Grupp 3", "region", 2, False)
    other = store.create_workshop("Annan", "2026-01-01")
    assert store.add_group(other.id, "Grupp 1").name == "Grupp 1"  # unique per workshop only


def test_group_by_token(store):
    w, (g1, g2) = open_workshop(store)
    other, (o1,) = open_workshop(store, 1)
    assert store.group_by_token(w.id, g1.token) == g1
    assert store.group_by_token(w.id, "wrong") is None
    assert store.group_by_token(w.id, o1.token) is None  # another workshop's link
    assert store.group_by_token(w.id, "") is None
    revoked = store.revoke_group(g1.id)
    assert revoked.revoked
    assert store.group_by_token(w.id, g1.token) is None
    assert store.groups(w.id, include_revoked=False) == [g2]
    assert store.restore_group(g1.id) == g1
    renewed = store.renew_token(g1.id)
    assert renewed.token != g1.token
    assert store.group_by_token(w.id, g1.token) is None
    assert store.group_by_token(w.id, renewed.token) == renewed
    with pytest.raises(NotFoundError):
        store.revoke_group(99999)


# ---------------------------------------------------------------------------------------------- ratings

def test_submit_upserts_and_history_keeps_the_overwritten_value(store):
    w, (g1, _) = open_workshop(store)
    first = store.submit(w.id, g1.id, {"finansiera": 4.5, "strategiskt": 3})
    assert first.tzinfo == timezone.utc
    second = store.submit(w.id, g1.id, {"finansiera": 2, "strategiskt": 3})
    assert second >= first
    assert store.saved_values(w.id, g1.id) == {"finansiera": 2.0, "strategiskt": 3.0}
    assert count(store, ratings_table) == 2  # one row per group and axis, not per write
    history = store.history(w.id)
    assert [(h.axis_key, h.old_value, h.new_value, h.had_previous) for h in history] == [
        ("finansiera", None, 4.5, False), ("strategiskt", None, 3.0, False),
        ("finansiera", 4.5, 2.0, True), ("strategiskt", 3.0, 3.0, True),
    ]
    assert all(h.group_name == "Grupp 1" and h.entered_by == "group" and h.round == 1 for h in history)
    assert store.has_submitted(w.id, g1.id, 1)
    assert not store.has_submitted(w.id, g1.id, 2)


def test_skip_is_none_and_nan_in_ratings(store):
    w, (g1, g2) = open_workshop(store)
    store.submit(w.id, g1.id, {k: 3 for k in KEYS} | {"forvalta": None})
    store.submit(w.id, g2.id, {k: 4 for k in KEYS} | {"forvalta": float("nan")})  # NaN counts as skipped
    assert store.saved_values(w.id, g1.id)["forvalta"] is None
    ratings = store.ratings(w.id)
    assert ratings.values.shape == (2, 8)
    assert np.isnan(ratings.values[:, KEYS.index("forvalta")]).all()
    status = store.status(w.id)
    assert [s.skipped for s in status] == [("forvalta",), ("forvalta",)]
    history = store.history(w.id)
    assert [h.new_value for h in history if h.axis_key == "forvalta"] == [None, None]


@pytest.mark.parametrize("values, code, named", [
    ({"finansiera": 3, "strategiskt": 5.5}, "off_scale", ("Strategiskt/proaktivt", "Strategic/proactive", "5,5", "5.5")),
    ({"finansiera": 3, "strategiskt": 2.25}, "off_scale", ("Strategiskt/proaktivt", "Strategic/proactive", "2,25", "2.25")),
    ({"finansiera": 3, "strategiskt": float("inf")}, "off_scale", ("Strategiskt/proaktivt", "Strategic/proactive")),
    ({"finansiera": 3, "strategiskt": "4"}, "not_a_number", ("Strategiskt/proaktivt", "Strategic/proactive")),
    ({"finansiera": 3, "strategiskt": True}, "not_a_number", ("Strategiskt/proaktivt",)),
    ({"finansiera": 3, "okand_axel": 3}, "unknown_axis", ("okand_axel",)),
    ({}, "no_values", ()),
])
def test_refused_values_name_the_axis_and_keep_what_was_stored(store, values, code, named):
    w, (g1, _) = open_workshop(store)
    at = store.submit(w.id, g1.id, {"finansiera": 5, "strategiskt": 4})
    marker, history = store.change_marker(w.id), store.history(w.id)
    with pytest.raises(ValidationError) as info:
        store.submit(w.id, g1.id, values)
    err = info.value
    assert err.code == code
    text = err.message("sv") + " " + err.message("en")
    for name in named:
        assert name in text
    assert store.saved_values(w.id, g1.id) == {"finansiera": 5.0, "strategiskt": 4.0}
    assert store.history(w.id) == history
    assert store.change_marker(w.id) == marker
    assert store.status(w.id)[0].submitted_at == at


def test_values_are_snapped_to_the_scale(store):
    w, (g1, _) = open_workshop(store, scale=Scale(0, 1, 0.1))
    store.submit(w.id, g1.id, {"finansiera": 0.30000000000000004, "strategiskt": np.float64(0.7), "uppfoljning": np.int64(1)})
    assert store.saved_values(w.id, g1.id) == {"finansiera": 0.3, "strategiskt": 0.7, "uppfoljning": 1.0}
    assert store.ratings(w.id).scale == Scale(0, 1, 0.1)


def test_group_writes_follow_the_state_and_the_facilitator_always_may(store):
    w = store.create_workshop("T", "2026-01-01")
    g = store.add_group(w.id, "Grupp 1")
    with pytest.raises(ClosedError) as info:
        store.submit(w.id, g.id, {"finansiera": 3})
    assert info.value.code == "not_open"
    store.set_state(w.id, "open")
    store.submit(w.id, g.id, {"finansiera": 3})
    store.submit(w.id, g.id, {"finansiera": 3.5})
    store.set_revealed(w.id, True)  # everyone's lines shown: round 1 is locked for groups, points stay open
    with pytest.raises(ClosedError) as info:
        store.submit(w.id, g.id, {"finansiera": 1})
    assert info.value.code == "rating_locked" and info.value.message("en")
    store.set_questions(w.id, ["Fråga"], force=True)
    store.save_answers(w.id, g.id, store.questions(w.id)[0].id, ["Punkt efter visningen"])
    store.set_revealed(w.id, False)  # hidden again: open again
    store.submit(w.id, g.id, {"finansiera": 3.5})
    store.set_state(w.id, "closed")
    with pytest.raises(ClosedError) as info:
        store.submit(w.id, g.id, {"finansiera": 1})
    assert info.value.code == "closed" and info.value.message("en")
    assert store.saved_values(w.id, g.id) == {"finansiera": 3.5}
    store.submit(w.id, g.id, {"finansiera": 4}, entered_by="facilitator")
    assert store.saved_values(w.id, g.id) == {"finansiera": 4.0}
    assert store.status(w.id)[0].entered_by == "facilitator"
    assert store.history(w.id)[-1].entered_by == "facilitator"
    with pytest.raises(ValidationError):
        store.submit(w.id, g.id, {"finansiera": 4}, entered_by="admin")
    store.set_state(w.id, "open")  # reopened
    store.submit(w.id, g.id, {"finansiera": 2})


def test_revoked_group_is_refused_and_foreign_group_too(store):
    w, (g1, g2) = open_workshop(store)
    store.submit(w.id, g1.id, {"finansiera": 3})
    store.revoke_group(g1.id)
    with pytest.raises(ClosedError) as info:
        store.submit(w.id, g1.id, {"finansiera": 5})
    assert info.value.code == "revoked"
    assert store.saved_values(w.id, g1.id) == {"finansiera": 3.0}
    assert store.ratings(w.id).groups == ("Grupp 1",)  # its earlier ratings stay
    assert store.ratings(w.id, include_revoked=False).groups == ()
    other, (o1,) = open_workshop(store, 1)
    with pytest.raises(ValidationError):
        store.submit(w.id, o1.id, {"finansiera": 3})
    with pytest.raises(NotFoundError):
        store.submit(w.id, 424242, {"finansiera": 3})
    with pytest.raises(NotFoundError):
        store.submit("missing", g2.id, {"finansiera": 3})


def test_progress_counts_like_the_results_it_is_shown_with(store):
    w, (g1, g2, g3) = open_workshop(store, 3)
    assert store.progress(w.id) == (0, 3)
    store.submit(w.id, g1.id, {k: 3 for k in KEYS})
    store.submit(w.id, g2.id, {k: 4 for k in KEYS})
    store.submit(w.id, g2.id, {k: 5 for k in KEYS})  # a change is not a second submission
    assert store.progress(w.id) == (2, 3)
    store.revoke_group(g1.id)  # its ratings stay in the results, so it stays counted
    assert store.progress(w.id) == (2, 3) and len(store.ratings(w.id).groups) == 2
    store.revoke_group(g3.id)  # never submitted: no longer expected
    assert store.progress(w.id) == (2, 2)
    assert store.progress(w.id, round=2) == (0, 1)
    other, _ = open_workshop(store, 1)
    assert store.progress(other.id) == (0, 1)


def test_ratings_shape_order_and_empty(store):
    w, gs = open_workshop(store, 3)
    empty = store.ratings(w.id)
    assert empty.values.shape == (0, 8) and empty.groups == ()
    store.submit(w.id, gs[2].id, {"finansiera": 1})
    store.submit(w.id, gs[0].id, {"finansiera": 5, "forvalta": 2})
    r = store.ratings(w.id)
    assert r.groups == ("Grupp 1", "Grupp 3")  # group order, only groups that submitted
    assert r.axes == DEFAULT_AXES
    assert r.values[0, 0] == 5 and r.values[0, 7] == 2 and r.values[1, 0] == 1
    assert np.isnan(r.values[1, 1:]).all()
    status = store.status(w.id)
    assert [s.submitted_at is not None for s in status] == [True, False, True]
    assert status[1].skipped == () and status[1].entered_by is None


def test_round_two_only_on_chosen_axes(store):
    w, (g1, g2) = open_workshop(store)
    store.submit(w.id, g1.id, {"finansiera": 5, "forvalta": 1})
    with pytest.raises(ValidationError):
        store.submit(w.id, g1.id, {"finansiera": 4}, round=2, entered_by="facilitator")  # not opened yet
    with pytest.raises(ValidationError):
        store.open_round2(w.id, ["finansiera", "nope"])
    with pytest.raises(ValidationError):
        store.open_round2(w.id, [])
    store.set_state(w.id, "revealed")
    w2 = store.open_round2(w.id, ["forvalta", "finansiera"])
    assert (w2.current_round, w2.round2_axes, w2.state) == (2, ("finansiera", "forvalta"), "open")
    assert [a.key for a in w2.axes_for_round(2)] == ["finansiera", "forvalta"]
    with pytest.raises(ValidationError) as info:
        store.submit(w.id, g1.id, {"finansiera": 4, "strategiskt": 3}, round=2)
    assert info.value.code == "not_in_round" and "Strategic/proactive" in info.value.message("en")
    with pytest.raises(ClosedError) as closed:
        store.submit(w.id, g1.id, {"finansiera": 4}, round=1)
    assert closed.value.code == "wrong_round"
    store.submit(w.id, g1.id, {"finansiera": 4, "forvalta": 2}, round=2)
    r2 = store.ratings(w.id, round=2)
    assert [a.key for a in r2.axes] == ["finansiera", "forvalta"]
    assert r2.groups == ("Grupp 1",) and r2.values.tolist() == [[4.0, 2.0]]
    assert store.saved_values(w.id, g1.id, 1) == {"finansiera": 5.0, "forvalta": 1.0}  # round 1 untouched
    assert store.status(w.id, 2)[0].skipped == ()
    store.submit(w.id, g2.id, {"strategiskt": 3}, round=1, entered_by="facilitator")  # facilitator may
    assert store.ratings(w.id, 1).groups == ("Grupp 1", "Grupp 2")


def test_comments(store):
    w, (g1, g2) = open_workshop(store)
    store.submit(w.id, g1.id, {"finansiera": 4, "forvalta": 2}, comments={"forvalta": "  Inte vår roll  ", "finansiera": ""})
    store.submit(w.id, g2.id, {"forvalta": 3, "finansiera": 5}, comments={"forvalta": "Beror på"})
    assert store.saved_comments(w.id, g1.id) == {"forvalta": "Inte vår roll"}
    assert store.comments(w.id) == {"forvalta": [("Grupp 1", "Inte vår roll"), ("Grupp 2", "Beror på")]}
    store.submit(w.id, g1.id, {"forvalta": 2.5})  # comments=None keeps the stored comment
    assert store.saved_comments(w.id, g1.id) == {"forvalta": "Inte vår roll"}
    store.submit(w.id, g1.id, {"forvalta": 2.5}, comments={})  # a form sending no comment clears it
    assert store.saved_comments(w.id, g1.id) == {}
    for bad, code in [("x" * 201, "comment_too_long"), ("två\nrader", "comment_multiline")]:
        with pytest.raises(ValidationError) as info:
            store.submit(w.id, g2.id, {"forvalta": 1}, comments={"forvalta": bad})
        assert info.value.code == code and "Förvalta" in info.value.message("sv")
    with pytest.raises(ValidationError):
        store.submit(w.id, g2.id, {"forvalta": 1}, comments={"finansiera": "utan värde"})
    assert store.saved_values(w.id, g2.id)["forvalta"] == 3.0
    assert store.saved_comments(w.id, g2.id) == {"forvalta": "Beror på"}


def test_the_saved_form_is_the_four_reads_in_one(store):
    w, (g1, g2) = open_workshop(store)
    q = store.questions(w.id)[0]
    empty = store.saved_form(w.id, g1.id)
    assert (empty.values, empty.comments, empty.submitted, empty.answers) == ({}, {}, False, {})
    store.save_answers(w.id, g1.id, q.id, ["Unga vuxna"])
    store.submit(w.id, g1.id, {"finansiera": 4, "forvalta": None}, comments={"forvalta": "Inte vår roll"})
    store.submit(w.id, g2.id, {"finansiera": 2}, round=1)
    for group in (g1, g2):
        form = store.saved_form(w.id, group.id)
        assert form.values == store.saved_values(w.id, group.id) and form.comments == store.saved_comments(w.id, group.id)
        assert form.submitted == store.has_submitted(w.id, group.id) and form.answers == store.saved_answers(w.id, group.id)
    assert store.saved_form(w.id, g1.id).values == {"finansiera": 4.0, "forvalta": None}
    assert store.saved_form(w.id, g1.id, answers=False).answers == {}
    round2 = store.saved_form(w.id, g1.id, round=2)
    assert (round2.values, round2.comments, round2.submitted) == ({}, {}, False)


# ---------------------------------------------------------------------------------------------- questions, labels, text

def test_questions_answers_and_summaries(store):
    w, (g1, g2) = open_workshop(store)
    qs = store.questions(w.id)
    assert [q.text for q in qs] == list(DEFAULT_QUESTIONS["sv"])
    assert len(DEFAULT_QUESTIONS["en"]) == 3
    store.save_answers(w.id, g1.id, qs[0].id, ["  Unga vuxna ", "", "Tidiga   insatser", "   "])
    store.save_answers(w.id, g2.id, qs[0].id, ["Arbete"])
    assert store.saved_answers(w.id, g1.id) == {qs[0].id: ["Unga vuxna", "Tidiga insatser"]}
    assert store.answers(w.id) == {qs[0].id: [("Grupp 1", ["Unga vuxna", "Tidiga insatser"]), ("Grupp 2", ["Arbete"])],
                                   qs[1].id: [], qs[2].id: []}
    with pytest.raises(ValidationError):
        store.save_answers(w.id, g1.id, qs[0].id, ["x" * 301])
    with pytest.raises(ValidationError):
        store.save_answers(w.id, g1.id, qs[0].id, [f"p{i}" for i in range(21)])
    assert store.saved_answers(w.id, g1.id)[qs[0].id] == ["Unga vuxna", "Tidiga insatser"]
    other, (o1,) = open_workshop(store, 1)
    with pytest.raises(ValidationError):
        store.save_answers(other.id, o1.id, qs[0].id, ["fel workshop"])  # a question of another workshop

    store.set_question_summary(qs[0].id, "Unga och arbete")
    assert store.questions(w.id)[0].summary == "Unga och arbete"
    store.set_question_summary(qs[0].id, None)
    assert store.questions(w.id)[0].summary == ""

    edited = store.set_questions(w.id, [(qs[0].id, "Ny första fråga"), (qs[1].id, qs[1].text),
                                        (qs[2].id, qs[2].text), "En fjärde"])
    assert [q.id for q in edited[:3]] == [q.id for q in qs]  # edited by id: ids and answers kept
    assert edited[0].text == "Ny första fråga" and edited[3].position == 3
    assert store.answers(w.id)[qs[0].id][0][0] == "Grupp 1"
    store.save_answers(w.id, g1.id, edited[3].id, ["svar"])
    with pytest.raises(ValidationError) as info:
        store.set_questions(w.id, [(q.id, q.text) for q in edited[:3]])
    assert info.value.code == "question_has_answers"
    assert len(store.questions(w.id)) == 4
    store.set_questions(w.id, [(q.id, q.text) for q in edited[:3]], force=True)
    assert len(store.questions(w.id)) == 3

    store.set_state(w.id, "closed")
    with pytest.raises(ClosedError):
        store.save_answers(w.id, g1.id, qs[0].id, ["sent"])
    store.save_answers(w.id, g1.id, qs[0].id, ["rättat"], entered_by="facilitator")
    assert store.saved_answers(w.id, g1.id)[qs[0].id] == ["rättat"]


def test_overrides(store):
    w, _ = open_workshop(store)
    store.set_override(w.id, "forvalta", Interpretation.MEDIUM)
    store.set_override(w.id, "finansiera", "high")
    assert store.overrides(w.id) == {"forvalta": "medium", "finansiera": "high"}
    store.set_override(w.id, "forvalta", None)
    assert store.overrides(w.id) == {"finansiera": "high"}
    with pytest.raises(ValidationError):
        store.set_override(w.id, "forvalta", "fantastic")
    with pytest.raises(ValidationError):
        store.set_override(w.id, "nope", "high")
    assert store.overrides(w.id) == {"finansiera": "high"}


def test_narratives(store):
    w, _ = open_workshop(store)
    assert store.narrative(w.id, "sv") is None
    store.set_narrative(w.id, "sv", "Gruppernas bild …")
    store.set_narrative(w.id, "en", "The groups' picture …")
    assert store.narrative(w.id, "sv") == "Gruppernas bild …"
    store.set_narrative(w.id, "sv", "Ändrad")
    assert store.narrative(w.id, "sv") == "Ändrad"
    store.set_narrative(w.id, "sv", "   ")
    assert store.narrative(w.id, "sv") is None and store.narrative(w.id, "en") == "The groups' picture …"
    with pytest.raises(ValidationError):
        store.set_narrative(w.id, "de", "Text")


def test_settings(store):
    assert store.get_setting("x") is None
    store.set_setting("x", "1")
    store.set_setting("x", "2")
    assert store.get_setting("x") == "2"
    store.set_setting("x", None)
    assert store.get_setting("x") is None


def test_update_setting_is_atomic_across_threads(store_url):
    stores = [Store(store_url) for _ in range(2)]  # two "processes"

    errors: list[BaseException] = []

    def bump(s: Store) -> None:
        try:
            for _ in range(10):
                s.update_setting("counter", lambda old: str(int(old or 0) + 1))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=bump, args=(stores[i % 2],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].get_setting("counter") == "80"
    for s in stores:
        s.dispose()


def test_change_marker_changes_after_every_write(store):
    w, (g1, g2) = open_workshop(store)
    q = store.questions(w.id)[0]
    writes = [
        lambda: store.submit(w.id, g1.id, {"finansiera": 3}),
        lambda: store.add_group(w.id, "Grupp 3"),
        lambda: store.revoke_group(g2.id),
        lambda: store.renew_token(g1.id),
        lambda: store.set_state(w.id, "revealed"),
        lambda: store.update_workshop(w.id, place="Vrigstad"),
        lambda: store.save_answers(w.id, g1.id, q.id, ["a"]),
        lambda: store.set_question_summary(q.id, "s"),
        lambda: store.set_questions(w.id, [(q.id, "a"), "b", "c"]),
        lambda: store.set_override(w.id, "finansiera", "high"),
        lambda: store.set_narrative(w.id, "sv", "t"),
        lambda: store.open_round2(w.id, ["finansiera"]),
    ]
    seen = {store.change_marker(w.id)}
    for write in writes:
        write()
        marker = store.change_marker(w.id)
        assert marker not in seen
        seen.add(marker)
    store.ratings(w.id)
    store.status(w.id)
    assert store.change_marker(w.id) == marker  # reads change nothing
    with pytest.raises(StoreError):
        store.submit(w.id, g1.id, {"finansiera": 9}, round=2)
    assert store.change_marker(w.id) == marker  # neither do refused writes
    with pytest.raises(NotFoundError):
        store.change_marker("missing")


# ---------------------------------------------------------------------------------------------- sample, concurrency

def test_ensure_sample_workshop_creates_it_once(store):
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    assert w is not None
    assert (w.title, w.date, w.place, w.federation, w.state) == (
        SAMPLE_TITLE, "2026-02-27", "Vrigstad", "Samordningsförbunden i Jönköpings län", "revealed")
    r = store.ratings(w.id)
    assert r.groups == ("Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4")
    assert r.values[0].tolist() == [5, 4, 4.5, 4, 3, 2.5, 1, 3]
    assert math.isnan(r.values[3, 5])
    assert {s.entered_by for s in store.status(w.id)} == {"facilitator"}
    assert store.ensure_sample_workshop(SAMPLE_CSV) is None
    assert len(store.list_workshops()) == 1


def test_ensure_sample_workshop_is_not_created_in_a_used_database(store):
    store.create_workshop("Egen", "2026-01-01")
    assert store.ensure_sample_workshop(SAMPLE_CSV) is None
    assert [w.title for w in store.list_workshops()] == ["Egen"]


def test_ensure_sample_workshop_from_four_processes_at_once(store_url):
    stores = [Store(store_url) for _ in range(4)]  # separate engines, as separate app processes would have
    barrier = threading.Barrier(4)
    results: list = []
    errors: list[BaseException] = []

    def start(s: Store) -> None:
        barrier.wait()
        try:
            results.append(s.ensure_sample_workshop(SAMPLE_CSV))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=start, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(r is not None for r in results) == 1
    assert len(stores[0].list_workshops()) == 1
    assert len(stores[0].groups(stores[0].list_workshops()[0].id)) == 4
    for s in stores:
        s.dispose()


def test_thirty_groups_submitting_at_once_lose_nothing(store):
    w = store.set_state(store.create_workshop("Stor", "2026-01-01").id, "open")
    gs = [store.add_group(w.id, f"Grupp {i}") for i in range(30)]
    times = 3
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(gs))

    def rate(i: int, g) -> None:
        try:
            barrier.wait()
            for t in range(times):
                values = {k: float(1 + (i + j + t) % 9 * 0.5) for j, k in enumerate(KEYS)}
                store.submit(w.id, g.id, values, comments={"finansiera": f"g{i} t{t}"})
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=rate, args=(i, g)) for i, g in enumerate(gs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    r = store.ratings(w.id)
    assert r.groups == tuple(g.name for g in gs)
    last = times - 1
    expected = [[1 + (i + j + last) % 9 * 0.5 for j in range(8)] for i in range(30)]
    assert r.values.tolist() == expected
    assert count(store, rating_history) == 30 * 8 * times
    assert count(store, ratings_table) == 30 * 8
    history = store.history(w.id)
    for g in gs:
        mine = [h for h in history if h.group_id == g.id and h.axis_key == "finansiera"]
        assert [h.comment for h in mine] == [f"g{g.position} t{t}" for t in range(times)]
        assert [h.had_previous for h in mine] == [False] + [True] * (times - 1)
        assert [h.old_value for h in mine[1:]] == [h.new_value for h in mine[:-1]]  # the chain is unbroken
    assert int(store.change_marker(w.id)) == 1 + 1 + 30 + 30 * times


# ---------------------------------------------------------------------------------------------- properties

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10),
                       st.sampled_from([1, 1.5, 4.75, 5, "3", True])))
def test_any_value_is_stored_exactly_or_refused_without_a_trace(store, value):
    w = store.list_workshops()[0] if store.list_workshops() else open_workshop(store, 1)[0]
    g = store.groups(w.id)[0]
    before = store.saved_values(w.id, g.id), len(store.history(w.id))
    scale = Scale()
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    on_scale = number and scale.min <= value <= scale.max and scale.contains(value)  # contains overflows on 1e308
    try:
        store.submit(w.id, g.id, {"uppfoljning": value})
    except ValidationError as e:
        assert "Uppföljning" in e.message("sv") or e.code == "no_values"
        assert (store.saved_values(w.id, g.id), len(store.history(w.id))) == before
        assert not on_scale
    else:
        stored = store.saved_values(w.id, g.id)["uppfoljning"]
        if value is None or (isinstance(value, float) and math.isnan(value)):
            assert stored is None
        else:
            assert on_scale and stored == float(scale.exact_category(scale.category_index(value)))


# ---------------------------------------------------------------------------------------------- config

def test_database_url_maps_postgres_schemes(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/spindeln")
    assert config.database_url() == "postgresql+psycopg://u:p@db:5432/spindeln"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db/spindeln")
    assert config.database_url() == "postgresql+psycopg://u@db/spindeln"
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.db")
    assert config.database_url() == "sqlite:////tmp/x.db"
    monkeypatch.delenv("DATABASE_URL")
    url = config.database_url()
    assert url.startswith("sqlite:///") and url.endswith("data/spindeln.db")
    assert Path(url[len("sqlite:///"):]).parent.is_dir()


def test_setting_reads_the_environment_then_the_default(monkeypatch):
    monkeypatch.setenv("SPINDELN_TEST_SETTING", "ja")
    assert config.setting("SPINDELN_TEST_SETTING", "nej") == "ja"
    monkeypatch.setenv("SPINDELN_TEST_SETTING", "")
    assert config.setting("SPINDELN_TEST_SETTING", "nej") == "nej"
    monkeypatch.delenv("SPINDELN_TEST_SETTING")
    assert config.setting("SPINDELN_TEST_SETTING") is None


def test_submit_writes_the_groups_answers_in_the_same_transaction(store):
    """The group's one button (issue 13): ratings, comments and points together, or nothing."""
    w, (g, _) = open_workshop(store)
    store.set_questions(w.id, ["Fråga ett", "Fråga två"], force=True)
    q1, q2 = (q.id for q in store.questions(w.id))
    values = {a.key: 4 for a in w.axes}
    store.submit(w.id, g.id, values, answers={q1: ["Punkt ett", "", "Punkt två"], q2: []})
    assert store.saved_answers(w.id, g.id) == {q1: ["Punkt ett", "Punkt två"], q2: []}
    other = store.create_workshop("Annan", "2026-03-01")
    foreign = store.set_questions(other.id, ["Främmande"], force=True)[0].id
    with pytest.raises(ValidationError):
        store.submit(w.id, g.id, {**values, w.axes[0].key: 2}, answers={q1: ["Ny"], foreign: ["x"]})
    assert store.saved_answers(w.id, g.id)[q1] == ["Punkt ett", "Punkt två"]  # nothing of the refused write
    assert store.ratings(w.id).values[0][0] == 4
    store.save_all_answers(w.id, g.id, {q1: ["A"], q2: ["B"]})
    assert store.saved_answers(w.id, g.id) == {q1: ["A"], q2: ["B"]}


def test_round_two_is_rated_while_the_results_show(store):
    """Only round 1 locks at the reveal: the second round is rated after everyone has seen the first."""
    w, (g, _) = open_workshop(store)
    store.submit(w.id, g.id, {a.key: 3 for a in w.axes})
    store.set_revealed(w.id, True)
    store.open_round2(w.id, ["motesplats"])
    store.submit(w.id, g.id, {"motesplats": 4}, round=2)
    assert store.ratings(w.id, 2).values[0][0] == 4
