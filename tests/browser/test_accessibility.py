"""WCAG 2.1 AA (DOS-lagen requires it of Swedish public bodies): axe-core, as bundled by axe-playwright-python,
finds no violation of the rule sets wcag2a, wcag2aa, wcag21a and wcag21aa on any page, in each state a user
meets it: before and after a group submits, before and after the reveal, logged out and in; and the
accessibility statement, in the navigation and opened from a group's form, which has none."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import login
from tests.conftest import SAMPLE_CSV

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    wait_idle(page)
    page.wait_for_timeout(800)  # the live fragments draw their first chart
    result = Axe().run(page, options=RULES)
    return [f"{v['id']}: {v['nodes'][0]['target']} {(v['nodes'][0].get('failureSummary') or '')[:200]}"
            for v in result.response["violations"]]


@pytest.fixture
def room(tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    sample = store.ensure_sample_workshop(SAMPLE_CSV)
    other = store.create_workshop("Medlemssamråd 2027", "2027-02-26", federation=sample.federation)
    store.set_state(other.id, "open")
    g = store.add_group(other.id, "Norr")
    server = start_app(tmp_path, database_url=url)
    yield server, store, sample, other, g
    server.stop()
    store.dispose()


def test_no_wcag_violation_on_any_page(room, new_page):
    server, store, sample, other, g = room
    page = new_page(viewport=(1366, 768))
    phone = new_page(viewport=(390, 844))
    found: dict[str, list[str]] = {}

    def check(name: str, where, path: str | None = None) -> None:
        if path is not None:
            where.goto(server.url + path)
        found[name] = _violations(where)

    check("results", page, "/")
    check("appendix", page, f"/bilaga?w={sample.id}")
    check("join", page, "/kod")
    check("accessibility statement", page, "/tillganglighet")
    expect(page.get_by_role("heading", name="Tillgänglighetsredogörelse för Spindeln", level=1)).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Tillgänglighet")).to_be_visible()
    check("login", page, "/processledare")
    check("presenter before reveal", page, f"/?present={other.view_token}")
    check("presenter after reveal", page, f"/?present={sample.view_token}")
    check("federation profile", phone, f"/?view={sample.view_token}")
    check("rating before submit", phone, f"/?w={other.id}&g={g.token}")
    for a in other.axes:
        phone.locator(f".st-key-axis-{a.key}").get_by_role("radio", name="3", exact=True).click()
    phone.get_by_role("button", name="Skicka in").click()
    phone.get_by_text("Tack! Era svar är sparade").wait_for(timeout=15_000)
    check("rating after submit", phone)
    store.set_revealed(other.id, True)
    phone.get_by_text("Resultatet visas nu").wait_for(timeout=10_000)
    check("rating after reveal", phone)
    # A group holds only its own link; the statement opens from its foot in a new tab, the form stays.
    link = phone.get_by_role("link", name="Tillgänglighetsredogörelse (öppnas i en ny flik)")
    with phone.context.expect_page() as opened:
        link.click()
    statement = opened.value
    statement.wait_for_load_state()
    expect(statement.get_by_role("heading", name="Tillgänglighetsredogörelse för Spindeln")).to_be_visible()
    assert g.token not in statement.url and other.id not in statement.url, statement.url
    check("statement from a group's link", statement)
    statement.close()
    expect(phone.get_by_text("Resultatet visas nu")).to_be_visible()
    check("compare", page, "/jamfor")  # two revealed workshops now: the comparison table is there

    login(page, server.url)
    for tab in ("Workshop och grupper", "Status", "Pappersenkät", "Diskussion", "Omgång 2", "Ny workshop"):
        page.get_by_role("tab", name=tab).click()
        check(f"console: {tab}", page)
    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"{name}: {v}" for name, v in bad.items())
