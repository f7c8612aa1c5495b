"""Swedish all the way (issue 13): `<html lang>` says Swedish from the first byte, follows the language
switch, and an English address gets English."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import wait_idle


def _html(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def test_the_document_language_is_swedish_and_follows_the_switch(app, new_page):
    assert '<html lang="sv">' in _html(app.url + "/")
    assert '<html lang="sv">' in _html(app.url + "/bilaga?w=x")
    assert '<html lang="en">' in _html(app.url + "/?lang=en")
    page = new_page()
    page.goto(app.url + "/")
    wait_idle(page)
    assert page.evaluate("document.documentElement.lang") == "sv"
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    page.locator(".js-plotly-plot").first.hover()
    assert page.locator(".modebar").count() == 0  # Plotly's English toolbar ("Download plot as a PNG") is gone
    page.get_by_role("radio", name="English").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=10_000)
    page.get_by_role("radio", name="Svenska").click()
    wait_idle(page)
    page.wait_for_function("document.documentElement.lang === 'sv'", timeout=10_000)
