"""A live board asks every second, but draws its chart and tables again only when the count it saw has changed.

The count's fragment carries the workshop's change marker; survey/client.js presses the chart's hidden button
when the chart was drawn from an older one (survey/pages/shared.py). An idle board therefore receives little
more than the count each second, the chart follows a new rating within a moment of the count, and a page
without client.js still catches up: it runs again as a whole once the chart has lagged BOARD_LAG seconds.
"""

from __future__ import annotations

import time
from datetime import date

from playwright.sync_api import expect

from survey.pages.shared import BOARD_LAG
from survey.store import Store
from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import login

CARDS = ".st-key-results-minutes-narrow .sp-cards"


def _workshop(app):
    store = Store(app.database_url)
    w = store.create_workshop("Tavlan följer", date(2026, 12, 2), "Vrigstad", "Testförbundet")
    groups = [store.add_group(w.id, f"Grupp {i}") for i in (1, 2, 3)]
    store.set_state(w.id, "open")
    return store, w, groups


def _board(page, app, w) -> dict:
    """The facilitator's Resultat page of `w`, with the bytes of every websocket frame it receives counted."""
    received = {"bytes": 0, "frames": 0}

    def on_socket(ws):
        def frame(payload):
            received["bytes"] += len(payload)
            received["frames"] += 1
        ws.on("framereceived", frame)

    page.on("websocket", on_socket)
    login(page, app.url)
    page.goto(f"{app.url}/?w={w.id}")
    wait_idle(page)
    expect(page.get_by_text("0 av 3 grupper har skickat in")).to_be_visible()
    return received


def _rate(store, w, groups) -> None:
    for g, value in zip(groups, (4.0, 4.5)):
        store.submit(w.id, g.id, {a.key: value for a in w.axes}, entered_by="group", token=g.token)


def test_an_idle_board_receives_the_count_not_the_chart_and_the_chart_follows_a_rating(app, new_page):
    store, w, groups = _workshop(app)
    page = new_page((1366, 768))
    received = _board(page, app, w)
    page.wait_for_timeout(1500)
    before, started = dict(received), time.monotonic()
    page.wait_for_timeout(4000)  # four polls, nothing changes
    seconds = time.monotonic() - started
    frames, sent = received["frames"] - before["frames"], received["bytes"] - before["bytes"]
    assert frames >= 3, "the count did not poll"
    # A poll draws the count and its marker: ~2 KB a second. Drawing the chart and tables again was ~21 KB.
    assert sent / seconds < 5000, f"{sent} bytes in {seconds:.1f} s while nothing changed"

    _rate(store, w, groups)
    expect(page.get_by_text("2 av 3 grupper har skickat in")).to_be_visible()
    seen = time.monotonic()
    expect(page.locator(CARDS)).to_contain_text("4,25", timeout=int(1000 * (BOARD_LAG - 1)))
    assert time.monotonic() - seen < BOARD_LAG - 1  # client.js redrew it, not the page's fallback
    marks = page.locator("[data-spindeln-live='results']"), page.locator("[data-spindeln-drawn='results']")
    assert marks[0].get_attribute("data-marker") == marks[1].get_attribute("data-marker")
    expect(page.get_by_role("button", name="Rita om resultatet")).to_be_hidden()


def test_without_client_js_the_chart_still_catches_up(app, new_page):
    store, w, groups = _workshop(app)
    page = new_page((1366, 768))
    page.route("**/spindeln/client.js*", lambda route: route.abort())
    _board(page, app, w)
    _rate(store, w, groups)
    expect(page.get_by_text("2 av 3 grupper har skickat in")).to_be_visible()
    expect(page.locator(CARDS)).to_contain_text("4,25", timeout=int(1000 * (BOARD_LAG + 10)))
