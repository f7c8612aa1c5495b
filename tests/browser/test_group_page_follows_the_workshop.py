"""The rating form is a fragment: pressing its button reruns the form alone, with the arguments of the page's
last full run. These tests change the workshop behind an open group page that has not followed the change
(its questions to the server are cut) and press the button, in a real browser, where (unlike AppTest) only
the fragment reruns."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from survey.store import Store
from tests.browser.conftest import wait_idle

AXES = ["finansiera", "strategiskt", "uppfoljning", "initiera", "metodutveckling", "motesplats", "paverka", "forvalta"]


def _workshop(app):
    store = Store(app.database_url)
    w = store.create_workshop("Omgångar", date.today(), "Eksjö", "Testförbundet")
    store.set_state(w.id, "open")
    group = store.add_group(w.id, "Grupp A")
    return store, w, group


def _open_form(page, app, w, group) -> None:
    # A page that has not followed the change yet (a phone on weak Wi-Fi: its question to the server is lost);
    # a page that follows is tests/browser/test_phones_follow.py.
    page.route("**/spindeln/phase", lambda route: route.abort())
    page.goto(f"{app.url}/?w={w.id}&g={group.token}")
    wait_idle(page)
    expect(page.get_by_role("button", name=re.compile("Skicka in|Spara ändringar"))).to_be_visible()


def _fill(page, keys, label="3") -> None:
    for key in keys:
        page.locator(f".st-key-axis-{key}").get_by_role("radio", name=label, exact=True).click()


def test_round_two_opened_behind_an_open_form_brings_up_the_round_two_form(app, new_page):
    store, w, group = _workshop(app)
    store.submit(w.id, group.id, {k: 2.0 for k in AXES})
    page = new_page(viewport=(390, 844))
    _open_form(page, app, w, group)
    store.open_round2(w.id, ["metodutveckling", "motesplats"])

    _fill(page, AXES[:2])
    page.get_by_role("button", name="Spara ändringar").click()
    expect(page.get_by_text("Omgång 2: skatta de axlar som diskuterades en gång till.")).to_be_visible()
    expect(page.locator(".st-key-axis-finansiera")).to_have_count(0)
    expect(page.locator(".st-key-axis-metodutveckling")).to_have_count(1)
    _fill(page, ["metodutveckling", "motesplats"], "4,5")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_text("Tack! Era svar är sparade")).to_be_visible()
    assert store.saved_values(w.id, group.id, 2) == {"metodutveckling": 4.5, "motesplats": 4.5}
    assert store.saved_values(w.id, group.id, 1) == {k: 2.0 for k in AXES}  # round 1 untouched
    store.dispose()


def test_a_rating_closed_behind_an_open_form_says_so_and_stores_nothing(app, new_page):
    store, w, group = _workshop(app)
    page = new_page()
    _open_form(page, app, w, group)
    store.set_state(w.id, "closed")

    _fill(page, AXES)
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_text("Skattningen är stängd")).to_be_visible()
    expect(page.get_by_role("button", name="Skicka in")).to_be_disabled()
    assert store.saved_values(w.id, group.id) == {}
    store.dispose()


def test_results_hidden_again_leave_a_visitors_board_within_a_poll(app, new_page):
    store, w, group = _workshop(app)
    store.submit(w.id, group.id, {k: 4.0 for k in AXES})
    store.set_state(w.id, "revealed")
    page = new_page()
    page.goto(f"{app.url}/?w={w.id}")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Omgångar")).to_be_visible()
    expect(page.get_by_text("1 av 1 grupper har skickat in")).to_be_visible()

    store.set_state(w.id, "open")  # the facilitator hides the results again
    expect(page.get_by_role("heading", name="Omgångar")).to_have_count(0, timeout=10_000)
    expect(page.get_by_text("1 av 1 grupper har skickat in")).to_have_count(0)
    store.dispose()


def test_results_hidden_again_leave_a_visitors_appendix_page_within_a_poll(app, new_page):
    """The appendix page has no live board; without following the workshop its download buttons stayed."""
    store, w, group = _workshop(app)
    store.submit(w.id, group.id, {k: 4.0 for k in AXES})
    store.set_revealed(w.id, True)
    page = new_page()
    page.goto(f"{app.url}/bilaga?w={w.id}")
    wait_idle(page)
    expect(page.get_by_role("button", name="Word (.docx)")).to_be_visible()
    chosen = page.get_by_test_id("stSelectbox").first.get_by_role("combobox")
    expect(chosen).to_have_value(re.compile("^Omgångar"))

    store.set_revealed(w.id, False)  # the only revealed workshop: the page has nothing left to offer
    expect(page.get_by_text("Workshoppen i adressen finns inte, eller så är dess resultat inte visade än")).to_be_visible(
        timeout=12_000)  # the address still names it: say so, and show no other workshop in its place
    expect(page.get_by_role("button", name="Word (.docx)")).to_have_count(0)
    store.dispose()
