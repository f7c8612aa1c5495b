"""The facilitator's login in Chromium: it survives a reload and another device's lock-out; logout ends it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.appserver import ADMIN_PASSWORD, start_app
from tests.browser.conftest import wait_idle

CONSOLE_TAB = "Workshop och grupper"


@pytest.fixture
def app(tmp_path):
    """The app as behind a reverse proxy on loopback, which names each client in X-Forwarded-For."""
    server = start_app(tmp_path, env={"SPINDELN_TRUSTED_PROXIES": "127.0.0.1"})
    yield server
    server.stop()


def from_address(page, address: str):
    page.set_extra_http_headers({"X-Forwarded-For": address})
    return page


def test_a_reload_keeps_the_login_a_lock_out_elsewhere_does_not_end_it_and_logout_does(app, new_page):
    facilitator = from_address(new_page(), "198.51.100.7")
    facilitator.goto(app.url + "/processledare")
    wait_idle(facilitator)
    facilitator.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    facilitator.get_by_role("button", name="Logga in").click()
    expect(facilitator.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()
    wait_idle(facilitator)
    assert facilitator.url.split("?")[0] == app.url + "/processledare" and "code" not in facilitator.url  # back from the cookie route, no code left in the URL
    (cookie,) = [c for c in facilitator.context.cookies() if c["name"] == "spindeln_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert facilitator.evaluate("document.cookie").find("spindeln_session") == -1  # not readable by scripts

    facilitator.reload()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()

    # Another device locks itself out; the facilitator stays in, and can log in afresh on a second device.
    attacker = from_address(new_page(), "203.0.113.9")
    attacker.goto(app.url + "/processledare")
    wait_idle(attacker)
    for _ in range(5):
        attacker.get_by_label("Lösenord", exact=True).fill("fel lösenord")
        attacker.get_by_role("button", name="Logga in").click()
        wait_idle(attacker)
    expect(attacker.get_by_text("För många felaktiga försök")).to_be_visible()
    expect(attacker.get_by_role("tab", name=CONSOLE_TAB)).to_have_count(0)
    facilitator.reload()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()
    tablet = from_address(new_page(), "198.51.100.7")
    tablet.goto(app.url + "/processledare")
    wait_idle(tablet)
    tablet.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    tablet.get_by_role("button", name="Logga in").click()
    expect(tablet.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()

    with facilitator.expect_navigation(url=lambda url: url.split("?")[0] == app.url + "/processledare"):  # via /spindeln/logout
        facilitator.get_by_role("button", name="Logga ut").click()
    wait_idle(facilitator)
    expect(facilitator.get_by_label("Lösenord", exact=True)).to_be_visible()
    assert not [c for c in facilitator.context.cookies() if c["name"] == "spindeln_session"]
    facilitator.reload()
    wait_idle(facilitator)
    expect(facilitator.get_by_label("Lösenord", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("tab", name=CONSOLE_TAB)).to_have_count(0)


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(tmp_path, new_page):
    """Uvicorn used to believe X-Forwarded-For from any loopback peer: a guesser could name a new address per
    try (and never be locked), or name the facilitator's (and lock them out)."""
    server = start_app(tmp_path)  # no SPINDELN_TRUSTED_PROXIES: every peer counts by its own address
    try:
        guesser = new_page()
        guesser.goto(server.url + "/processledare")
        wait_idle(guesser)
        for i in range(5):
            guesser.set_extra_http_headers({"X-Forwarded-For": f"203.0.113.{i + 1}"})
            guesser.get_by_label("Lösenord", exact=True).fill("fel lösenord")
            guesser.get_by_role("button", name="Logga in").click()
            wait_idle(guesser)
        expect(guesser.get_by_text("För många felaktiga försök")).to_be_visible()
        other = from_address(new_page(), "198.51.100.50")  # "another client", the same real address
        other.goto(server.url + "/processledare")
        wait_idle(other)
        other.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
        other.get_by_role("button", name="Logga in").click()
        wait_idle(other)
        expect(other.get_by_text("För många felaktiga försök")).to_be_visible()
    finally:
        server.stop()


def test_a_device_that_logged_in_before_is_not_locked_out_by_the_room(app, new_page):
    """Everyone on the venue Wi-Fi shares one address. A participant's wrong tries lock that address, but the
    facilitator's laptop, known by its device cookie from an earlier login, still logs in."""
    laptop = from_address(new_page(), "192.0.2.10")
    laptop.goto(app.url + "/processledare")
    wait_idle(laptop)
    laptop.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    laptop.get_by_role("button", name="Logga in").click()
    expect(laptop.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()
    (device,) = [c for c in laptop.context.cookies() if c["name"] == "spindeln_device"]
    assert device["httpOnly"] and device["sameSite"] == "Strict"
    laptop.get_by_role("button", name="Logga ut").click()
    expect(laptop.get_by_label("Lösenord", exact=True)).to_be_visible()

    phone = from_address(new_page(), "192.0.2.10")  # a participant behind the same NAT
    phone.goto(app.url + "/processledare")
    wait_idle(phone)
    for _ in range(5):
        phone.get_by_label("Lösenord", exact=True).fill("fel lösenord")
        phone.get_by_role("button", name="Logga in").click()
        wait_idle(phone)
    expect(phone.get_by_text("För många felaktiga försök")).to_be_visible()

    wait_idle(laptop)
    laptop.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    laptop.get_by_role("button", name="Logga in").click()
    expect(laptop.get_by_role("tab", name=CONSOLE_TAB)).to_be_visible()
