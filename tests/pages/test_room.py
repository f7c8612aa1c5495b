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


def test_the_console_offers_the_join_cards_built_outside_the_server(store):
    """The cards come from a child process (python -m survey.join_cards): a real PDF with every active group,
    and a process that draws the console never imports fpdf (some 50 MB it would hold for good)."""
    import io
    import subprocess
    import sys

    from pypdf import PdfReader

    from tests.pages.helpers import console_app

    wid = _sample_id(store)
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(wid))
    button = at.get("download_button")
    cards = next(b for b in button if b.proto.label == sv("join_cards"))
    assert cards.proto.url  # the file is in Streamlit's media store; read it back from the cache's builder
    from survey.pages.facilitator import _join_cards
    from survey.store.codes import format_join_code
    from survey.ui import join_address, join_link

    groups = [g for g in store.groups(wid) if not g.revoked]
    data = _join_cards(store.get_workshop(wid).title, tuple(
        (g.name, join_link(wid, g.token), format_join_code(g.join_code or "")) for g in groups), "sv", join_address())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert all(g.name in text for g in groups)
    probe = ("import sys\nfrom streamlit.testing.v1 import AppTest\nfrom tests.pages.helpers import as_facilitator\n"
             "at = as_facilitator(AppTest.from_string('from survey.pages.facilitator import page\\npage()\\n', "
             "default_timeout=60)).run()\nassert not at.exception, at.exception\n"
             "assert at.get('download_button'), 'no join cards'\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fpdf', 'fontTools')))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_join_cards_that_cannot_be_built_are_said_so_in_swedish(store, monkeypatch, caplog):
    import logging
    import subprocess

    import survey.pages.facilitator as facilitator
    from tests.pages.helpers import console_app

    facilitator._join_cards.clear()
    real = subprocess.run
    monkeypatch.setattr(facilitator.subprocess, "run", lambda *a, **k: real(
        [facilitator.sys.executable, "-c", "import sys; sys.exit('OSError: no space left for /?w=x&g=SeCrEt1')"],
        **{**k, "input": b""}))
    wid = _sample_id(store)
    at = run_ok(console_app(admin=True))
    with caplog.at_level(logging.ERROR, logger=facilitator.log.name):
        run_ok(at.selectbox(key="facilitator-workshop").set_value(wid))
    assert sv("join_cards_failed") in [e.value for e in at.error]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "no space left" in logged and "SeCrEt1" not in logged  # what failed, without the link's token
    assert not [b for b in at.get("download_button") if b.proto.label == sv("join_cards")]
    monkeypatch.setattr(facilitator.subprocess, "run", real)  # nothing failed was cached: the next run has them
    at = run_ok(at)
    assert [b for b in at.get("download_button") if b.proto.label == sv("join_cards")]
