"""AppTest page tests of issue 13 (the room): nothing typed is dropped without a word."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.helpers import TIMEOUT, as_facilitator, run_ok, sv


def _appendix(w_id: str, *, admin: bool) -> AppTest:
    at = AppTest.from_string("from survey.pages.appendix import page\npage()\n", default_timeout=TIMEOUT)
    at.query_params["w"] = w_id
    return as_facilitator(at) if admin else at


def _sample_id(store) -> str:
    from survey.store import SAMPLE_TITLE

    return next(w.id for w in store.list_workshops() if w.title == SAMPLE_TITLE)


def test_an_edited_narrative_that_a_reload_would_drop_is_warned_about(store):
    wid = _sample_id(store)
    for admin, warning in ((False, "narrative_not_saved_visitor"), (True, "narrative_unsaved")):
        at = run_ok(_appendix(wid, admin=admin))
        assert not at.warning  # nothing typed yet, nothing to lose
        box = at.text_area(key=f"narrative-{wid}-sv")
        run_ok(box.set_value(box.value + "\n\nEn egen mening."))
        assert [w.value for w in at.warning] == [sv(warning)]
        if admin:
            run_ok(at.button(key="narrative-save").click())
            assert not at.warning and sv("saved") in [s.value for s in at.success]
            assert store.snapshot(wid).narrative("sv").endswith("En egen mening.")


def test_the_console_drives_the_projector(store):
    from tests.pages.helpers import console_app

    wid = _sample_id(store)
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(wid))
    assert any(c.value.endswith(f"/?present={store.get_workshop(wid).view_token}") for c in at.code)
    run_ok(at.number_input(key=f"timer-min-{wid}").set_value(3))
    run_ok(at.button(key="timer-start").click())
    state = store.snapshot(wid).presenter
    assert state.timer_end is not None and 170 < state.seconds_left(__import__("time").time()) <= 180
    run_ok(at.button(key="focus-next").click())
    assert store.snapshot(wid).presenter.focus == "finansiera"
    run_ok(at.button(key="focus-prev").click())
    assert store.snapshot(wid).presenter.focus is None  # back to the whole diagram
    run_ok(at.button(key="timer-stop").click())
    assert store.snapshot(wid).presenter.timer_end is None


def test_a_group_joins_by_typing_its_code(store):
    from survey.store.codes import format_join_code

    wid = _sample_id(store)
    g = store.groups(wid)[0]
    at = run_ok(AppTest.from_string("from survey.pages.join import page\npage()\n", default_timeout=TIMEOUT))
    at.text_input(key="join-code").set_value(format_join_code(g.join_code).lower())
    run_ok(at.button[0].click())
    assert sv("join_found", group=g.name, code=format_join_code(g.join_code)).replace(" ", "") in \
        at.success[0].value.replace("\\", "").replace(" ", "")
    link = at.get("link_button")[0]
    assert link.proto.url.endswith(f"/?w={wid}&g={g.token}")
    at.text_input(key="join-code").set_value("AAA-AAA")
    run_ok(at.button[0].click())
    assert at.error and not at.get("link_button")


def test_the_console_warns_when_links_would_point_at_this_computer(store, monkeypatch):
    import survey.ui
    from tests.pages.helpers import console_app

    wid = _sample_id(store)
    monkeypatch.setattr(survey.ui, "lan_address", lambda: None)
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(wid))
    assert sv("links_localhost") in [w.value for w in at.warning]
    monkeypatch.setattr(survey.ui, "lan_address", lambda: "192.168.1.23")
    at = run_ok(console_app(admin=True))
    assert any(w.value.startswith(sv("links_lan", address="")[:30]) for w in at.warning)
    assert any("http://192.168.1.23" in c.value for c in at.code)
    monkeypatch.setenv("SPINDELN_PUBLIC_URL", "https://spindeln.example.se")
    at = run_ok(console_app(admin=True))
    assert not [w for w in at.warning if "SPINDELN_PUBLIC_URL" in w.value]
    assert any(c.value.startswith("https://spindeln.example.se/?w=") for c in at.code)
