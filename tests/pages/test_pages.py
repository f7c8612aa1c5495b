"""AppTest page tests: the real app.py on a fresh SQLite file per test, driven like a browser would.

The group form, the chiefs' view and the results page are reached through app.py and its query
parameters, as a phone or a board member's link reaches them. The facilitator console is a callable
`st.Page` without a file of its own; `AppTest.switch_page()` only switches to file-based pages, so the
console is run through a two-line script that calls the same page function (see `console_app`).
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from survey import auth
from survey.ui import ADMIN_TOKEN, get_store, plain
from tests.pages.helpers import (
    AXIS_KEYS, MARKUP_NAME, PASSWORD, SAMPLE_TABLE, app, as_facilitator, choose_all, console_app, group_app,
    page_text, run_ok, submit_button, sv, swedish_left, table_rows, unescape,
)


# ---------------------------------------------------------------------------------------------- first start


def test_first_start_seeds_the_sample_workshop_and_shows_its_table():
    at = run_ok(app())
    assert [t.value for t in at.title] == [sv("results_title")]
    from survey.store import SAMPLE_TITLE

    assert any(unescape(s.value) == SAMPLE_TITLE for s in at.subheader)
    assert [w.title for w in get_store().list_workshops()] == [SAMPLE_TITLE]
    assert table_rows(at.dataframe[0].value) == SAMPLE_TABLE
    footnotes = [unescape(c.value) for c in at.caption]
    assert "* Mötesplats: 1 av 4 grupper saknar värde (Grupp 4); siffrorna bygger på 3 svar." in footnotes
    assert sv("groups_submitted", done=4, total=4) in footnotes


# ---------------------------------------------------------------------------------------------- console login


def _log_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="password").input(password)
    return run_ok(at.button[0].click())


def _redirects(at: AppTest) -> list[tuple[str, dict]]:
    """Where the page has the browser POST (st.html scripts submitting a form): (action, fields)."""
    sent = []
    for h in at.get("html"):
        found = re.search(r"f\.action = (\"[^\"]*\"); const fields = (\{[^}]*\})", h.proto.body)
        if found:
            sent.append((json.loads(found.group(1)), json.loads(found.group(2))))
    return sent


def _from_client(monkeypatch, address: str) -> None:
    """AppTest has no connection of its own (st.context.ip_address is None), so name the client directly."""
    from survey.pages import facilitator as console

    monkeypatch.setattr(console, "login_client", lambda: address, raising=False)


def test_right_password_opens_the_console_and_sends_the_browser_for_its_cookie(store):
    at = run_ok(console_app())
    assert not at.tabs
    _log_in(at, PASSWORD)
    assert not at.error and [i.value for i in at.info] == [sv("logging_in")]
    token = at.session_state[ADMIN_TOKEN]
    assert auth.session_valid(store, token)  # a server-side session, not a flag
    ((target, fields),) = _redirects(at)
    assert target == "/spindeln/session" and set(fields) == {"code"} and token not in fields["code"]
    run_ok(at)  # were the browser not to follow, the tab itself is logged in
    assert not _redirects(at)  # sent once
    assert [t.label for t in at.tabs] == [sv(k) for k in ("tab_run", "tab_status", "tab_paper", "tab_discussion",
                                                          "tab_round2", "tab_new")]
    code = fields["code"]
    cookie_token = auth.redeem_login_code(store, code)
    assert cookie_token and not auth.session_valid(store, token)  # the cookie's session replaces the tab's
    assert auth.redeem_login_code(store, code) is None


def test_wrong_password_says_how_many_tries_are_left(store):
    at = run_ok(console_app())
    _log_in(at, "fel")
    assert [e.value for e in at.error] == [sv("wrong_password", tries=4)]
    _log_in(at, "fel igen")
    assert [e.value for e in at.error] == [sv("wrong_password", tries=3)]
    assert not at.tabs


def test_five_wrong_tries_lock_out_that_device_but_not_the_facilitator(store, monkeypatch):
    _from_client(monkeypatch, "203.0.113.9")
    attacker = run_ok(console_app())
    for _ in range(auth.MAX_TRIES):
        _log_in(attacker, "fel")
    assert [e.value for e in attacker.error] == [sv("locked_out", seconds=auth.LOCKOUT_SECONDS)]
    locked = re.escape(sv("locked_out", seconds=999)).replace("999", r"\d+")
    _log_in(attacker, PASSWORD)
    assert len(attacker.error) == 1 and re.fullmatch(locked, attacker.error[0].value)
    assert not attacker.tabs and ADMIN_TOKEN not in attacker.session_state
    other_tab = run_ok(console_app())  # the count is in the store: another tab on that device is locked too
    _log_in(other_tab, PASSWORD)
    assert re.fullmatch(locked, other_tab.error[0].value) and not other_tab.tabs
    _from_client(monkeypatch, "198.51.100.7")
    facilitator = run_ok(console_app())
    _log_in(facilitator, PASSWORD)
    assert not facilitator.error and run_ok(facilitator).tabs


def test_a_logged_in_console_is_not_thrown_out_by_a_lock_out(store):
    facilitator = run_ok(console_app())
    _log_in(facilitator, PASSWORD)
    attacker = run_ok(console_app())  # from the same address even
    for _ in range(auth.MAX_TRIES + 2):
        _log_in(attacker, "fel")
    assert not attacker.tabs
    assert run_ok(facilitator).tabs


def test_log_out_ends_the_session_on_the_server_and_drops_the_cookie(store):
    at = run_ok(console_app())
    run_ok(_log_in(at, PASSWORD))
    token = at.session_state[ADMIN_TOKEN]
    run_ok(at.button(key="logout").click())
    assert not at.tabs and at.text_input(key="password")
    assert not auth.session_valid(store, token)
    [(path, fields)] = _redirects(at)
    assert path.split("?")[0] == "/spindeln/logout" and fields == {}  # "?w=…" brings the same workshop back


def test_a_flag_in_session_state_is_not_a_login(store):
    at = console_app()
    at.session_state["admin"] = True
    assert not run_ok(at).tabs


def test_an_unwritable_database_refuses_every_login_in_plain_swedish(store, fresh_env, monkeypatch):
    """A real read-only SQLite file (mode=ro: root ignores chmod). Before: a traceback per try, none counted,
    and then the right password got in."""
    store.dispose()
    get_store.clear()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{fresh_env / 'db.sqlite'}?mode=ro&uri=true")
    at = run_ok(console_app())
    for attempt in ["fel"] * (auth.MAX_TRIES + 1) + [PASSWORD]:
        _log_in(at, attempt)  # run_ok: no exception, so no traceback on the page
        assert [e.value for e in at.error] == [sv("login_unavailable")]
    assert not at.tabs and ADMIN_TOKEN not in at.session_state
    page = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "sqlite" not in page.lower() and "Traceback" not in page


# ---------------------------------------------------------------------------------------------- group form


def test_group_link_shows_its_group_and_workshop(workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    assert [unescape(h.value) for h in at.header] == ["Grupp Ett"]
    assert unescape(at.caption[0].value) == "Testworkshop"
    assert [p.key for p in at.pills] == [f"rate-1-{k}" for k in AXIS_KEYS]
    assert at.pills[0].options == ["1", "1,5", "2", "2,5", "3", "3,5", "4", "4,5", "5", sv("skip")]
    assert submit_button(at).label == sv("submit_button")
    assert not at.dataframe  # an open workshop's results are not shown to groups


def test_an_unanswered_axis_is_named_and_nothing_is_saved(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    choose_all(at, {k: 3.0 for k in AXIS_KEYS if k != "motesplats"})
    run_ok(submit_button(at).click())
    assert [e.value for e in at.error] == [sv("form_unanswered", axes="Mötesplats")]
    assert not at.success
    assert not store.has_submitted(w.id, group.id)
    assert store.saved_values(w.id, group.id) == {}


def test_submitting_saves_the_values_and_confirms(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    chosen = dict(zip(AXIS_KEYS, [5.0, 4.5, 4.0, 3.5, 1.0, "skip", 2.0, 1.5]))
    choose_all(at, chosen)
    at.text_input(key="comment-1-finansiera").input("Pengar först")
    run_ok(submit_button(at).click())
    assert not at.error
    assert len(at.success) == 1 and at.success[0].value.startswith("Tack! Era svar är sparade kl. ")
    assert sv("form_saved_skipped", axes="Mötesplats") in [c.value for c in at.caption]
    expected = {k: (None if v == "skip" else v) for k, v in chosen.items()}
    assert store.saved_values(w.id, group.id) == expected
    assert store.saved_comments(w.id, group.id) == {"finansiera": "Pengar först"}
    [status] = [s for s in store.status(w.id) if s.group.id == group.id]
    assert status.entered_by == "group" and status.skipped == ("motesplats",)
    assert submit_button(at).label == sv("update_button")  # the same run already knows it is stored


def test_a_busy_database_asks_the_group_to_press_again_and_keeps_the_form(store, workshop, monkeypatch):
    from survey.store import UnavailableError

    w, group = workshop
    at = run_ok(group_app(w, group))
    chosen = dict(zip(AXIS_KEYS, [5.0, 4.5, 4.0, 3.5, 1.0, 2.0, 2.0, 1.5]))
    choose_all(at, chosen)

    def busy(*args, **kwargs):  # what the store raises when the database stays locked (tests/test_hardening.py)
        raise UnavailableError("busy")

    with monkeypatch.context() as m:
        m.setattr(store, "submit", busy)
        run_ok(submit_button(at).click())
    assert [e.value for e in at.error] == [sv("form_busy")] and not at.success
    assert store.saved_values(w.id, group.id) == {}
    assert {k: at.pills(key=f"rate-1-{k}").value for k in AXIS_KEYS} == chosen  # nothing to fill in again
    run_ok(submit_button(at).click())
    assert not at.error and len(at.success) == 1
    assert store.saved_values(w.id, group.id) == chosen


def test_an_error_shows_even_when_another_device_of_the_group_submitted_first(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS})  # the group's other phone, meanwhile
    choose_all(at, dict(zip(AXIS_KEYS[:5], [5.0, 4.5, 4.0, 3.5, 1.0])))
    run_ok(submit_button(at).click())  # the button now reads "Spara ändringar"
    assert [e.value for e in at.error] == [sv("form_unanswered", axes=", ".join(
        ["Mötesplats", "Påverka samverkan", "Förvalta"]))]
    assert not at.success and store.saved_values(w.id, group.id) == {k: 3.0 for k in AXIS_KEYS}


def test_group_lines_default_belongs_to_each_workshop(store):
    small = store.create_workshop("Liten", "2027-03-01")
    big = store.create_workshop("Stor", "2027-03-02")
    for w, n in ((small, 3), (big, 12)):
        store.set_state(w.id, "open")
        for i in range(n):
            g = store.add_group(w.id, f"Grupp {i + 1}")
            store.submit(w.id, g.id, {k: 1.0 + (i % 9) / 2 for k in AXIS_KEYS})
        store.set_state(w.id, "revealed")
    at = run_ok(app(w=small.id))
    assert at.toggle(key=f"results-groups-{small.id}").value is True
    run_ok(at.selectbox(key="results-workshop").set_value(big.id))
    assert at.toggle(key=f"results-groups-{big.id}").value is False


def test_skip_stores_none_not_a_number(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    choose_all(at, {k: "skip" for k in AXIS_KEYS})
    run_ok(submit_button(at).click())
    assert at.success
    assert store.saved_values(w.id, group.id) == {k: None for k in AXIS_KEYS}


def test_a_second_submission_overwrites_and_history_keeps_the_old_value(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    choose_all(at, {k: 3.0 for k in AXIS_KEYS})
    run_ok(submit_button(at).click())
    assert at.success

    again = run_ok(group_app(w, group))  # the phone reloads: the form comes back filled in
    assert again.pills(key="rate-1-finansiera").value == 3.0
    assert submit_button(again).label == sv("update_button")
    assert [i.value for i in again.info] == [sv("form_already_saved")]
    again.pills(key="rate-1-finansiera").set_value(4.5)
    run_ok(submit_button(again).click())
    assert again.success
    assert store.saved_values(w.id, group.id)["finansiera"] == 4.5
    rows = [h for h in store.history(w.id) if h.axis_key == "finansiera" and h.group_id == group.id]
    assert [(h.old_value, h.new_value) for h in rows] == [(None, 3.0), (3.0, 4.5)]


def _shows_nothing_of_the_workshop(at: AppTest, w) -> None:
    assert [e.value for e in at.error] == [sv("bad_link")]
    text = page_text(at)
    assert w.title not in text and "Eksjö" not in text and "Finansiera" not in text
    assert not at.pills and not at.header and not at.dataframe


@pytest.mark.parametrize("where", ["token", "workshop"])
def test_a_wrong_link_shows_only_the_error(store, workshop, where):
    w, group = workshop
    at = run_ok(app(w=w.id, g="not-a-token") if where == "token" else app(w="nope", g=group.token))
    _shows_nothing_of_the_workshop(at, w)


def test_a_revoked_link_shows_only_the_error(store, workshop):
    w, group = workshop
    store.revoke_group(group.id)
    _shows_nothing_of_the_workshop(run_ok(group_app(w, group)), w)


def test_a_renewed_link_retires_the_old_one(store, workshop):
    w, group = workshop
    store.renew_token(group.id)
    _shows_nothing_of_the_workshop(run_ok(group_app(w, group)), w)


def test_a_draft_workshop_shows_no_form_yet(store, workshop):
    w, group = workshop
    store.set_state(w.id, "draft")
    at = run_ok(group_app(w, group))
    assert [i.value for i in at.info] == [sv("form_not_open")]
    assert not at.pills


def test_a_closed_workshop_refuses_the_form_and_changes_nothing(store, workshop):
    w, group = workshop
    store.submit(w.id, group.id, {k: 2.0 for k in AXIS_KEYS})
    store.set_state(w.id, "closed")
    history = store.history(w.id)
    at = run_ok(group_app(w, group))
    assert [x.value for x in at.warning] == [sv("form_closed")]
    assert all(p.disabled for p in at.pills) and submit_button(at).disabled
    assert at.pills(key="rate-1-finansiera").value == 2.0
    assert not at.success and not at.error
    assert store.saved_values(w.id, group.id) == {k: 2.0 for k in AXIS_KEYS}
    assert store.history(w.id) == history


def test_a_form_submitted_after_the_rating_closed_is_refused(store, workshop):
    """The phone still shows the open form when the facilitator closes the rating; its submit is refused."""
    w, group = workshop
    at = run_ok(group_app(w, group))
    choose_all(at, {k: 4.0 for k in AXIS_KEYS})
    store.set_state(w.id, "closed")
    run_ok(submit_button(at).click())
    assert not at.success
    assert [x.value for x in at.warning] == [sv("form_closed")]
    assert all(p.disabled and p.value is None for p in at.pills)  # shows what is saved: nothing
    assert not store.has_submitted(w.id, group.id) and store.history(w.id) == []


def test_round_two_asks_only_the_chosen_axes(store, workshop):
    w, group = workshop
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS})
    store.open_round2(w.id, ["motesplats", "metodutveckling"])
    at = run_ok(group_app(w, group))
    assert [i.value for i in at.info] == [sv("form_round2")]
    assert [p.key for p in at.pills] == ["rate-2-metodutveckling", "rate-2-motesplats"]
    assert submit_button(at).label == sv("submit_button")
    at.pills(key="rate-2-metodutveckling").set_value(4.0)
    at.pills(key="rate-2-motesplats").set_value("skip")
    run_ok(submit_button(at).click())
    assert at.success
    assert store.saved_values(w.id, group.id, round=2) == {"metodutveckling": 4.0, "motesplats": None}
    assert store.saved_values(w.id, group.id) == {k: 3.0 for k in AXIS_KEYS}


def test_a_revealed_workshop_shows_the_group_its_results_below_the_form(store, workshop):
    w, group = workshop
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS})
    store.set_state(w.id, "revealed")
    at = run_ok(group_app(w, group))
    # Once everyone's lines are shown the ratings are locked (issue 13: a change made after seeing them passed
    # silently); the discussion points stay open, and hiding the results again opens the rating again.
    assert at.pills and all(p.disabled for p in at.pills)
    assert sv("form_locked_revealed") in [i.value for i in at.info]
    assert at.text_area and not any(a.disabled for a in at.text_area) and not submit_button(at).disabled
    assert sv("form_results_heading") in [h.value for h in at.subheader]
    assert set(at.dataframe[0].value["Värden"]) == {"3"}
    store.set_revealed(w.id, False)
    assert not any(p.disabled for p in run_ok(group_app(w, group)).pills)


# ---------------------------------------------------------------------------------------------- English


def test_english_form_has_no_swedish_labels(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group, lang="en"))
    assert submit_button(at).label == "Submit"
    assert at.pills[0].options[-1] == "Skip"
    assert "Finance" in page_text(at)
    # Only numbers here: AppTest formats a chosen option with the page's format_func outside the script
    # run, where t("skip") cannot see the session's language (a real browser sends the shown label).
    choose_all(at, {k: 4.0 for k in AXIS_KEYS})
    run_ok(submit_button(at).click())
    assert at.success[0].value.startswith("Thank you! Your answers were saved at ")
    assert store.saved_values(w.id, group.id) == {k: 4.0 for k in AXIS_KEYS}
    text = page_text(at)
    for data in ("Testworkshop", "Grupp Ett"):
        text = text.replace(data, "")
    assert swedish_left(text) == []


def test_the_language_switch_turns_the_form_english_and_keeps_it_in_the_link(store, workshop):
    w, group = workshop
    at = run_ok(group_app(w, group))
    assert submit_button(at).label == sv("submit_button")
    run_ok(at.segmented_control(key="lang_switch").set_value("en"))
    assert submit_button(at).label == "Submit"
    assert at.query_params["lang"] == "en" and at.query_params["g"] == group.token
    run_ok(at.segmented_control(key="lang_switch").set_value("sv"))
    assert submit_button(at).label == sv("submit_button") and "lang" not in at.query_params


def test_english_results_page_has_no_swedish_labels(store):
    at = run_ok(app(lang="en"))
    assert [t.value for t in at.title] == ["Results"]
    rows = table_rows(at.dataframe[0].value)
    assert rows["Finance"] == ("4.75", "Very low", "Strong consensus")
    assert rows["Meeting place"][0] == "3.2 *"
    text = page_text(at)
    from survey.store import SAMPLE_FEDERATION, SAMPLE_PLACE, SAMPLE_TITLE

    for data in (SAMPLE_TITLE, SAMPLE_PLACE, SAMPLE_FEDERATION, "Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4"):
        text = text.replace(data, "")
    assert swedish_left(text) == []
    swedish = page_text(run_ok(app()))  # the same check finds the labels on the Swedish page
    assert {"Stark samsyn", "Tolkning", "Mötesplats", "Alla mått per axel"} <= set(swedish_left(swedish))


# ---------------------------------------------------------------------------------------------- plain text


def test_group_text_is_shown_as_typed_never_as_markup(store, workshop):
    w, _ = workshop
    store.update_workshop(w.id, title="Träff _kursiv_ :red[röd] <i>")
    group = next(g for g in store.groups(w.id) if g.name == MARKUP_NAME)
    at = run_ok(group_app(w, group))
    [header] = at.header
    assert header.value == plain(MARKUP_NAME)
    assert unescape(header.value) == MARKUP_NAME
    # every Markdown/HTML character is backslash-escaped, so CommonMark shows it literally
    assert not re.search(r"(?<!\\)[*<>\[\]()_:]", header.value)
    assert "**fet**" not in header.value and "<b>" not in header.value
    title = at.caption[0].value
    assert unescape(title) == "Träff _kursiv_ :red[röd] <i>"
    assert not re.search(r"(?<!\\)[_<>\[\]:]", title)


def test_axis_names_in_the_form_messages_are_plain_text(store):
    from analysis import Axis

    odd = "Mål <b>*nu*</b>"
    w = store.create_workshop("Egna axlar", "2026-06-01", axes=[
        Axis("budget", "Budget", "Budget", "", ""), Axis("mal", odd, odd, "", ""), Axis("tid", "Tid", "Time", "", "")])
    store.set_state(w.id, "open")
    group = store.add_group(w.id, "Grupp Ett")
    at = run_ok(group_app(w, group))
    assert f"**{plain(odd)}**" in [m.value for m in at.markdown]
    choose_all(at, {"budget": "skip", "tid": 2.0})
    run_ok(submit_button(at).click())
    assert [e.value for e in at.error] == [sv("form_unanswered", axes=plain(odd))]
    choose_all(at, {"budget": 3.0, "mal": "skip"})
    run_ok(submit_button(at).click())
    assert sv("form_saved_skipped", axes=plain(odd)) in [c.value for c in at.caption]


def test_comments_on_the_results_page_are_plain_text(store, workshop):
    w, _ = workshop
    group = next(g for g in store.groups(w.id) if g.name == MARKUP_NAME)
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS}, comments={"finansiera": "<script>x</script> *viktigt*"})
    store.set_state(w.id, "revealed")
    at = run_ok(app(w=w.id))
    [line] = [m.value for m in at.markdown if "script" in m.value]
    assert unescape(line) == f"- **{MARKUP_NAME}**: <script>x</script> *viktigt*"
    assert line == f"- **{plain(MARKUP_NAME)}**: {plain('<script>x</script> *viktigt*')}"


def test_console_messages_show_a_group_name_as_typed(store, workshop):
    w, _ = workshop
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(w.id))
    at.text_input[0].input("Grupp *tre* [x](http://example.com)")
    run_ok(next(b for b in at.button if b.label == sv("add_group")).click())
    assert [x.value for x in at.toast] == [sv("group_added", name=plain("Grupp *tre* [x](http://example.com)"))]

    markup = next(g for g in store.groups(w.id) if g.name == MARKUP_NAME)
    run_ok(at.selectbox(key=f"paper-group-{w.id}").set_value(markup.id))
    for key in AXIS_KEYS:
        at.selectbox(key=f"paper-{markup.id}-1-{key}").set_value(2.0)
    run_ok(next(b for b in at.button if b.label == sv("paper_save")).click())
    assert [x.value for x in at.success] == [sv("paper_saved", name=plain(MARKUP_NAME))]


# ---------------------------------------------------------------------------------------------- chiefs and visibility


def _sample(store):
    from survey.store import SAMPLE_TITLE

    return next(w for w in store.list_workshops() if w.title == SAMPLE_TITLE)


def test_chiefs_view_shows_the_revealed_sample_workshop(store):
    sample = _sample(store)
    at = run_ok(app(view=sample.view_token))
    assert sample.federation in [unescape(h.value) for h in (*at.title, *at.header)]
    assert [t.label for t in at.tabs] == [sv("profile_workshop"), sv("nav_compare")]
    assert table_rows(at.dataframe[0].value) == SAMPLE_TABLE
    # read-only: nothing to type or press (the chart's redraw button is hidden; survey/client.js presses it)
    assert not at.text_input and [b.key for b in at.button] == ["profile-live-redraw-now"]


def test_a_wrong_view_token_shows_only_the_error(store):
    at = run_ok(app(view="not-a-token"))
    assert [e.value for e in at.error] == [sv("bad_view_link")]
    assert not at.dataframe and not at.title and not at.header and not at.tabs
    assert "Jönköping" not in page_text(at)


def _open_workshop_with_ratings(store, federation):
    w = store.create_workshop("Hemlig pågående", "2027-01-15", federation=federation)
    store.set_state(w.id, "open")
    g = store.add_group(w.id, "Grupp X")
    store.submit(w.id, g.id, {k: 1.0 for k in AXIS_KEYS})
    return store.get_workshop(w.id)


def test_an_open_workshop_is_hidden_from_chiefs(store):
    sample = _sample(store)
    secret = _open_workshop_with_ratings(store, sample.federation)
    for token in (sample.view_token, secret.view_token):
        at = run_ok(app(view=token))
        assert secret.id not in at.selectbox(key="profile-w").options
        assert secret.title not in page_text(at).replace(sv("view_workshop_hidden", title=secret.title), "")
        if token == sample.view_token:
            assert table_rows(at.dataframe[0].value) == SAMPLE_TABLE
        else:  # the link's own workshop is not revealed: it says so and shows no other in its place
            assert at.info[0].value == sv("view_workshop_hidden", title=plain(secret.title))
            assert not at.dataframe and at.selectbox(key="profile-w").value is None
            run_ok(at.selectbox(key="profile-w").set_value(sample.id))
            assert table_rows(at.dataframe[0].value) == SAMPLE_TABLE  # a chosen one, shown


def test_an_open_workshop_alone_in_its_federation_is_not_shown_to_chiefs(store):
    secret = _open_workshop_with_ratings(store, "Ett annat förbund")
    at = run_ok(app(view=secret.view_token))
    assert [i.value for i in at.info] == [sv("not_revealed_yet")]
    assert not at.dataframe and secret.title not in page_text(at)


def test_an_open_workshop_is_only_on_the_results_page_for_the_facilitator(store):
    secret = _open_workshop_with_ratings(store, "Testförbundet")
    for wanted in (secret.id, "finnsinte", "../x"):  # unrevealed, unknown, junk: a plain message, never another
        public = run_ok(app(w=wanted))
        assert secret.title not in page_text(public)
        assert secret.id not in public.selectbox(key="results-workshop").options
        assert [x.value for x in public.warning] == [sv("link_workshop_unknown")]
        assert not public.dataframe and not public.get("plotly_chart") and not public.subheader
    run_ok(public.selectbox(key="results-workshop").set_value(_sample(store).id))
    assert table_rows(public.dataframe[0].value) == SAMPLE_TABLE and public.query_params["w"] == _sample(store).id

    facilitator = as_facilitator(app(w=secret.id))
    run_ok(facilitator)
    assert facilitator.selectbox(key="results-workshop").value == secret.id
    assert sv("not_revealed_banner") in [x.value for x in facilitator.warning]
    table = facilitator.dataframe[0].value
    assert set(table["n"]) == {1} and set(table["Värden"]) == {"1"}


def test_before_the_first_rating_the_board_shows_the_empty_frame(store, workshop):
    w, _ = workshop
    at = as_facilitator(app(w=w.id))
    run_ok(at)
    assert sv("groups_submitted", done=0, total=2) in [c.value for c in at.caption]
    assert sv("no_ratings_yet") in [i.value for i in at.info]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["polar"]["radialaxis"]["range"] == [1, 5]
    assert all(v is None for tr in spec["data"] for v in tr.get("r", []))
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == [sv_name for sv_name in SAMPLE_TABLE] and set(table["n"]) == {0}
    assert set(table.iloc[:, -1]) == {"För få svar"}


def test_group_lines_start_on_for_eight_groups_and_off_for_nine(store):
    from analysis.figures.radar import GROUP_COLOURS

    for n, shown in ((len(GROUP_COLOURS), True), (len(GROUP_COLOURS) + 1, False)):
        w = store.create_workshop(f"{n} grupper", "2027-02-01")
        store.set_state(w.id, "open")
        for i in range(n):
            g = store.add_group(w.id, f"Grupp {i + 1}")
            store.submit(w.id, g.id, {k: 1.0 + (i % 9) / 2 for k in AXIS_KEYS})
        store.set_revealed(w.id, True)
        at = run_ok(app(w=w.id))
        assert at.toggle(key=f"results-groups-{w.id}").value is shown
        names = [tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
        assert ("Grupp 1" in names) is shown and ("Medel" in names)
        if not shown:  # the switch still brings them back
            run_ok(at.toggle(key=f"results-groups-{w.id}").set_value(True))
            names = [tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
            assert {f"Grupp {i + 1}" for i in range(n)} <= set(names)


def test_the_group_lines_follow_the_count_of_groups_until_the_reader_sets_them(store):
    """A board opened when three groups had links kept drawing every line after the facilitator added nine
    more: the default was taken once, when the page first ran."""
    w = store.create_workshop("Många grupper", "2027-02-01")
    store.set_state(w.id, "revealed")
    groups = [store.add_group(w.id, f"Grupp {i + 1}") for i in range(3)]
    at = run_ok(app(w=w.id))
    assert at.toggle(key=f"results-groups-{w.id}").value is True
    groups += [store.add_group(w.id, f"Grupp {i + 1}") for i in range(3, 12)]
    for i, g in enumerate(groups):
        store.submit(w.id, g.id, {k: 1.0 + (i % 9) / 2 for k in AXIS_KEYS}, entered_by="facilitator")
    at = run_ok(at)
    assert at.toggle(key=f"results-groups-{w.id}").value is False
    names = [tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert "Grupp 1" not in names and "Medel" in names
    run_ok(at.toggle(key=f"results-groups-{w.id}").set_value(True))  # the reader wants them: they stay
    store.add_group(w.id, "Grupp 13")
    at = run_ok(at)
    assert at.toggle(key=f"results-groups-{w.id}").value is True
    names = [tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert {f"Grupp {i + 1}" for i in range(12)} <= set(names)


# ---------------------------------------------------------------------------------------------- paper entry


def test_the_facilitator_saves_a_paper_groups_ratings(store):
    w = store.create_workshop("Pappersworkshop", "2026-09-01")
    store.set_state(w.id, "open")
    store.add_group(w.id, "Digital")
    paper = store.add_group(w.id, "Papper")
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(w.id))
    run_ok(at.selectbox(key=f"paper-group-{w.id}").set_value(paper.id))
    values = dict(zip(AXIS_KEYS, [4.0, 4.5, 3.0, "skip", 2.5, 5.0, 1.0, 2.0]))
    for key, value in values.items():
        at.selectbox(key=f"paper-{paper.id}-1-{key}").set_value(value)
    save = next(b for b in at.button if b.label == sv("paper_save"))
    run_ok(save.click())
    assert sv("paper_saved", name="Papper") in [s.value for s in at.success]
    assert store.saved_values(w.id, paper.id) == {k: None if v == "skip" else v for k, v in values.items()}
    status = {s.group.name: s for s in store.status(w.id)}
    assert status["Papper"].entered_by == "facilitator" and status["Papper"].submitted_at is not None
    assert status["Digital"].submitted_at is None
    assert {h.entered_by for h in store.history(w.id)} == {"facilitator"}
    run_ok(at)  # the status board (a polling fragment, drawn before the paper tab) on its next tick
    [board] = [d.value for d in at.dataframe if sv("col_entered_by") in d.value.columns]
    assert board.set_index(sv("col_group")).loc["Papper", sv("col_entered_by")] == sv("entered_facilitator")


def test_one_group_per_party_shows_each_partys_values_not_an_empty_chart(store):
    """The normal four-group case (issue 13): the party breakdown drew an empty radar and "För få svar"."""
    from streamlit.testing.v1 import AppTest as _AppTest

    from analysis.statistics.compare import PARTIES
    from tests.pages.helpers import TIMEOUT

    w = store.create_workshop("Fyra parter", "2026-04-01")
    store.set_state(w.id, "open")
    for i, party in enumerate(PARTIES):
        g = store.add_group(w.id, f"Part {i + 1}", party)
        store.submit(w.id, g.id, {k: 1.0 + i for k in AXIS_KEYS})
    store.set_revealed(w.id, True)
    at = run_ok(_AppTest.from_string("from survey.pages.compare import page\npage()\n", default_timeout=TIMEOUT))
    run_ok(at.selectbox(key="cmp-party-w").set_value(w.id))
    assert sv("party_too_few") in [c.value for c in at.caption]
    table = at.table[-1].value
    assert [unescape(str(c)) for c in table.columns] == ["Kommun", "Region", "Försäkringskassan", "Arbetsförmedlingen"]
    assert list(table.iloc[0]) == ["1", "2", "3", "4"]
    assert "För få svar" not in page_text(at)
    assert not [c for c in at.get("plotly_chart") if "party" in (c.proto.id or "")]
