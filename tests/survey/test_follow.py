"""A group's phone follows the facilitator by asking for the phase (survey/follow.py, the route in survey/web.py):
it changes with everything that changes how the group's page looks, and with nothing else, so fifty phones
asking every two seconds make no Streamlit run until there is something to draw. On both backends."""

from __future__ import annotations

import pytest

from survey import follow, web
from tests.asgi import post_form


def ask(workshop_id: str, token: str, drawn: str | None = None, process: str = follow.PROCESS) -> str:
    """The phase the route answers (its answer is "<phase> <process>")."""
    form = {"w": workshop_id, "g": token, **({"p": drawn, "s": process} if drawn else {})}
    reply = post_form(web.phase_route, follow.PATH, form)
    assert reply.status_code == 200, reply.status_code
    phase, server = reply.body.decode().split(" ")
    assert server == follow.PROCESS
    return phase


@pytest.fixture
def app_store(store, monkeypatch):
    from survey import ui

    monkeypatch.setattr(ui, "get_store", lambda: store)
    follow._latest.clear()
    return store


def test_the_phase_changes_with_what_the_group_sees_and_only_with_that(app_store):
    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    g, other = store.add_group(w.id, "Norr"), store.add_group(w.id, "Söder")
    seen = [follow.phase(store, w.id, g.token)]

    def changed(what: str) -> None:
        now = follow.phase(store, w.id, g.token)
        assert now not in seen, f"the phase did not change: {what}"
        seen.append(now)

    def same(what: str) -> None:
        assert follow.phase(store, w.id, g.token) == seen[-1], f"the phase changed: {what}"

    same("asked again")
    store.set_state(w.id, "open")
    changed("opened")
    store.submit(w.id, other.id, {a.key: 3 for a in w.axes})
    store.submit(w.id, g.id, {a.key: 4 for a in w.axes}, comments={"finansiera": "Bra"})
    same("ratings submitted (the form shows them after its own press)")
    store.set_questions(w.id, ["Vad gör förbundet bäst?"], force=True)
    changed("a question added")
    [q] = store.questions(w.id)
    store.set_questions(w.id, [(q.id, "Vad gör förbundet allra bäst?")], force=True)
    changed("a question reworded")
    store.set_revealed(w.id, True)
    changed("revealed")
    store.open_round2(w.id, ["finansiera"])
    changed("round 2")
    store.set_state(w.id, "closed")
    changed("closed")
    store.revoke_group(other.id)
    same("another group's link revoked")
    store.revoke_group(g.id)
    changed("this link revoked")
    store.restore_group(g.id)
    assert follow.phase(store, w.id, g.token) == seen[-2]  # the same page as before the revoke
    seen.pop()
    renewed = store.renew_token(g.id)
    changed("this link renewed: the old one leads nowhere")
    assert follow.phase(store, w.id, renewed.token) == seen[-2]  # the new link shows the page the old one did
    store.delete_workshop(w.id)
    changed("the workshop in the bin")


def test_an_unknown_workshop_or_link_has_a_phase_of_its_own(app_store):
    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    assert follow.phase(store, "nosuchworkshop", g.token) == follow.phase(store, "another", "x")
    assert follow.phase(store, w.id, "wrongtoken") != follow.phase(store, w.id, g.token)


def test_asking_again_when_nothing_changed_reads_only_the_change_marker(app_store, monkeypatch):
    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    tokens = [store.add_group(w.id, f"Grupp {i}").token for i in range(5)]
    reads = []
    real = store.follow_state
    monkeypatch.setattr(store, "follow_state", lambda wid: reads.append(wid) or real(wid))
    for _ in range(3):
        for token in tokens:
            follow.phase(store, w.id, token)
    assert reads == [w.id]  # once for all five phones, three times over
    store.set_state(w.id, "open")
    follow.phase(store, w.id, tokens[0])
    assert reads == [w.id, w.id]


def test_the_route_answers_the_phase_the_page_was_drawn_in(app_store, monkeypatch):
    store = app_store
    clock = [1000.0]
    monkeypatch.setattr(follow.time, "monotonic", lambda: clock[0])
    w = store.create_workshop("Följ", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    reply = post_form(web.phase_route, follow.PATH, {"w": w.id, "g": g.token})
    assert reply.status_code == 200 and reply.body.decode() == f"{follow.phase(store, w.id, g.token)} {follow.PROCESS}"
    assert reply.headers["cache-control"] == "no-store" and reply.media_type == "text/plain"
    before = ask(w.id, g.token)
    store.set_state(w.id, "open")
    clock[0] += follow.FRESH_SECONDS + 0.01  # a second later at most
    assert ask(w.id, g.token) != before


@pytest.mark.parametrize("form", [{}, {"w": "x"}, {"g": "y"}, {"w": "../etc", "g": "y"}, {"w": "x", "g": "y" * 40},
                                  {"w": "x", "g": "y", "pad": "z" * 600}])
def test_the_route_refuses_what_no_page_of_ours_sends(form):
    reply = post_form(web.phase_route, follow.PATH, form)
    assert reply.status_code == 400 and reply.body == b""


def test_phones_asking_within_a_second_share_one_read_of_the_database(app_store, monkeypatch):
    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    clock = [1000.0]
    monkeypatch.setattr(follow.time, "monotonic", lambda: clock[0])
    drawn = follow.phase(store, w.id, g.token)  # the page, as it is drawn
    reads = []
    real = store.change_marker
    monkeypatch.setattr(store, "change_marker", lambda wid: reads.append(wid) or real(wid))
    for _ in range(50):
        assert ask(w.id, g.token) == drawn
    assert reads == []
    store.set_state(w.id, "open")  # another process (or this one) changes the workshop
    clock[0] += follow.FRESH_SECONDS + 0.01
    assert ask(w.id, g.token) != drawn
    assert reads == [w.id]


def test_a_question_is_held_until_the_phase_changes(app_store, monkeypatch):
    import threading
    import time

    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    monkeypatch.setattr(follow, "FRESH_SECONDS", 0.05)
    monkeypatch.setattr(follow, "HOLD_SECONDS", 0.6)
    drawn = follow.phase(store, w.id, g.token)
    t0 = time.monotonic()
    assert ask(w.id, g.token, drawn) == drawn and time.monotonic() - t0 >= 0.6  # held, then "unchanged"
    monkeypatch.setattr(follow, "HOLD_SECONDS", 30)
    t0 = time.monotonic()
    assert ask(w.id, g.token, drawn, process="another") == drawn and time.monotonic() - t0 < 5  # drawn elsewhere
    threading.Timer(0.3, store.set_state, (w.id, "open")).start()
    t0 = time.monotonic()
    assert ask(w.id, g.token, drawn) != drawn and time.monotonic() - t0 < 5  # answered as soon as it changed
    monkeypatch.setattr(follow, "stopping", lambda: True)
    t0 = time.monotonic()
    now = follow.phase(store, w.id, g.token)
    assert ask(w.id, g.token, now) == now and time.monotonic() - t0 < 5  # a server shutting down answers at once


def test_held_questions_cost_nothing_while_the_pages_stay_as_they_are(app_store, monkeypatch):
    """Fifty phones wait while their ratings arrive: one read of the workshop a round for all of them, and no
    phone's question looked at again until what its page is drawn from changes. (Each held question looked at
    the phase every second by itself: 3 % of a core for fifty idle phones, benchmarks/live_bench.py.)"""
    import threading
    import time

    from tests.asgi import post_forms

    store = app_store
    w = store.create_workshop("Följ", "2026-12-01")
    groups = [store.add_group(w.id, f"Grupp {i}") for i in range(1, 21)]
    store.set_state(w.id, "open")
    monkeypatch.setattr(follow, "FRESH_SECONDS", 0.05)
    monkeypatch.setattr(follow, "HOLD_SECONDS", 1.0)
    drawn = {g.token: follow.phase(store, w.id, g.token) for g in groups}
    looked = []
    real = follow._page_phase
    monkeypatch.setattr(follow, "_page_phase", lambda known, token: looked.append(token) or real(known, token))
    values = {a.key: 3.0 for a in w.axes}
    rating = threading.Thread(target=lambda: [store.submit(w.id, g.id, values) or time.sleep(0.05) for g in groups])
    rating.start()
    t0 = time.monotonic()
    forms = [{"w": w.id, "g": token, "p": phase, "s": follow.PROCESS} for token, phase in drawn.items()]
    replies = post_forms(web.phase_route, follow.PATH, forms)
    rating.join()
    assert time.monotonic() - t0 >= 1.0  # held for HOLD_SECONDS, twenty rounds of the watcher
    assert [r.body.decode().split(" ")[0] for r in replies] == list(drawn.values())  # unchanged, every one
    assert len(looked) <= 2 * len(groups)  # asked once, looked at once on the watcher's first read; not 20 × 20

    threading.Timer(0.3, store.set_state, (w.id, "revealed")).start()  # what the pages show changes: all are woken
    t0 = time.monotonic()
    replies = post_forms(web.phase_route, follow.PATH, forms)
    assert time.monotonic() - t0 < 0.9
    assert all(r.body.decode().split(" ")[0] != drawn[f["g"]] for r, f in zip(replies, forms))


def test_a_server_stops_at_once_with_questions_held(tmp_path):
    """uvicorn waits for every request in progress: a held question must not keep a restart waiting."""
    import signal
    import threading
    import time
    import urllib.parse
    import urllib.request

    from survey.store import Store
    from tests.appserver import start_app

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    w = store.create_workshop("Följ", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    server = start_app(tmp_path, database_url=url)
    try:
        first = urllib.parse.urlencode({"w": w.id, "g": g.token}).encode()  # as the page is drawn
        with urllib.request.urlopen(urllib.request.Request(server.url + follow.PATH, data=first), timeout=30) as r:
            drawn, process = r.read().decode().split(" ")
        answers = []

        def ask():
            body = urllib.parse.urlencode({"w": w.id, "g": g.token, "p": drawn, "s": process}).encode()
            with urllib.request.urlopen(urllib.request.Request(server.url + follow.PATH, data=body), timeout=60) as r:
                answers.append(r.read().decode())

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(1.5)
        assert not answers  # held
        t0 = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=30)
        asking.join(timeout=30)
        assert time.monotonic() - t0 < follow.HOLD_SECONDS / 2 and [a.split(" ")[0] for a in answers] == [drawn]
    finally:
        server.stop()
        store.dispose()
