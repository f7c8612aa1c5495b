"""The projector's screen at 1920×1080: before the reveal a large QR code of the join address, the address,
the count and the groups that are in (never a result), after it the radar with labels readable from the back of the room and the marks explained, one
axis in focus when the facilitator says so, and the countdown."""

from __future__ import annotations

import base64
import re

from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.conftest import SAMPLE_CSV
from tests.pages.helpers import qr_matrix, segno_matrix

SOON = 8_000


def test_the_projector_shows_the_room_only_what_is_meant_for_it(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    store.set_revealed(w.id, False)
    store.add_group(w.id, "Sen grupp")
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="sv-SE")
        screen = ctx.new_page()
        screen.goto(f"{server.url}/?present={w.view_token}")
        wait_idle(screen)
        expect(screen.get_by_text("4 av 5 grupper har skickat in")).to_be_visible()
        expect(screen.get_by_text("Klara: Grupp 1, Grupp 2, Grupp 3, Grupp 4")).to_be_visible()
        assert screen.locator(".js-plotly-plot").count() == 0 and "Polariserat" not in screen.inner_text("body")
        assert screen.get_by_role("navigation").count() == 0  # no sidebar: the room sees the screen only
        address = f"{server.url}/kod"
        qr = screen.get_by_role("img", name=f"QR-kod till sidan där gruppen skriver in sin kod: {address}")
        expect(qr).to_be_visible()
        box = qr.bounding_box()
        assert box["width"] >= 400 and box["height"] >= 400, box
        assert box["y"] + box["height"] <= 1080, box  # all of it on the screen, no scrolling
        png = base64.b64decode(qr.get_attribute("src").split(",", 1)[1])
        assert qr_matrix(png) == segno_matrix(address)  # a phone that scans it opens the join page
        expect(screen.get_by_text(f"Gå med: {address}")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        screen.screenshot(path=str(ARTIFACTS / "presenter-before-1920.png"))

        store.set_presenter(w.id, timer_minutes=2)
        expect(screen.get_by_text("Tid kvar")).to_be_visible(timeout=SOON)
        expect(screen.get_by_text(re.compile(r"^[12]:\d\d$"))).to_be_visible()

        store.set_revealed(w.id, True)
        radar = screen.locator(".js-plotly-plot")
        expect(radar).to_be_visible(timeout=SOON)
        expect(screen.get_by_role("img", name=re.compile("^QR-kod"))).to_have_count(0)  # the chart has the screen
        label = radar.locator(".angularaxistick text").first
        expect(label).to_be_visible()
        size = float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 24, size
        box = radar.bounding_box()
        assert box["height"] >= 700 and box["width"] >= 1200, box  # the chart fills the screen
        expect(screen.get_by_text(re.compile("Tecken i diagrammet: ✔ Stark samsyn"))).to_be_visible()
        screen.screenshot(path=str(ARTIFACTS / "presenter-after-1920.png"))

        store.set_presenter(w.id, focus="motesplats", timer_minutes=None)
        expect(screen.get_by_text("Mötesplats", exact=True)).to_be_visible(timeout=SOON)
        expect(screen.get_by_text("3,2 *", exact=True)).to_be_visible()
        expect(screen.get_by_text("Tid kvar")).to_have_count(0)
        screen.screenshot(path=str(ARTIFACTS / "presenter-focus-1920.png"))

        bad = ctx.new_page()
        bad.goto(f"{server.url}/?present=fel")
        wait_idle(bad)
        expect(bad.get_by_text("Länken fungerar inte")).to_be_visible()
        ctx.close()
    finally:
        server.stop()
        store.dispose()
