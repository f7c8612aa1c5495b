"""A facilitator creates a workshop, two groups rate from their own devices, the board shows both."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.appserver import ADMIN_PASSWORD
from tests.browser.conftest import wait_idle


def login(page, url: str) -> None:
    page.goto(url + "/processledare")
    wait_idle(page)
    page.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("tab", name="Workshop och grupper")).to_be_visible()
    wait_idle(page)


def create_workshop(page, title: str, groups: list[str]) -> list[str]:
    """Creates the workshop, adds the groups, opens the rating; returns the groups' join links."""
    page.get_by_role("tab", name="Ny workshop").click()
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Plats", exact=True).fill("Vrigstad")
    page.get_by_label("Förbund", exact=True).fill("Testförbundet")
    page.get_by_role("button", name="Skapa workshop").click()
    wait_idle(page)
    expect(page.get_by_text("är skapad")).to_be_visible()
    expect(page.get_by_role("combobox", name="Workshop", exact=True)).to_have_value(re.compile(title))
    page.get_by_role("tab", name="Workshop och grupper").click()
    for name in groups:
        page.get_by_label("Gruppens namn", exact=True).fill(name)
        page.get_by_role("button", name="Lägg till grupp").click()
        wait_idle(page)
        expect(page.locator("[class*='st-key-group-']").filter(has_text=name)).to_have_count(1)
    page.get_by_role("button", name="Öppna skattningen").click()
    wait_idle(page)
    expect(page.get_by_text("Öppen för skattning")).to_be_visible()
    codes = page.get_by_test_id("stCode").all_inner_texts()
    links = [c.strip() for c in codes if "&g=" in c]
    assert len(links) == len(groups), codes
    return links


def rate(page, link: str, values: dict[str, str], *, skip: tuple[str, ...] = ()) -> None:
    page.goto(link)
    wait_idle(page)
    for key, label in values.items():
        page.locator(f".st-key-axis-{key}").get_by_role("radio", name=label, exact=True).click()
    for key in skip:
        page.locator(f".st-key-axis-{key}").get_by_role("radio", name="Hoppa över").click()
    page.get_by_role("button", name=re.compile("Skicka in|Spara ändringar")).click()
    expect(page.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)


AXES = ["finansiera", "strategiskt", "uppfoljning", "initiera", "metodutveckling", "motesplats", "paverka", "forvalta"]


def test_two_groups_rate_and_the_board_shows_both(app, new_page):
    facilitator = new_page()
    login(facilitator, app.url)
    links = create_workshop(facilitator, "Medlemssamråd test", ["Norra gruppen", "Södra gruppen"])

    north = new_page()
    rate(north, links[0], {k: "4" for k in AXES})
    south = new_page(viewport=(390, 844))
    rate(south, links[1], {k: "2,5" for k in AXES if k != "motesplats"}, skip=("motesplats",))

    facilitator.get_by_role("tab", name="Status").click()
    expect(facilitator.get_by_text("2 av 2 grupper har skickat in")).to_be_visible(timeout=10_000)
    status = facilitator.get_by_test_id("stDataFrame").first
    expect(status).to_contain_text("Mötesplats")

    facilitator.get_by_role("link", name="Resultat").click()
    wait_idle(facilitator)
    expect(facilitator.get_by_text("2 av 2 grupper har skickat in")).to_be_visible()
    expect(facilitator.get_by_text("Resultatet är inte visat för grupperna ännu")).to_be_visible()
    expect(facilitator.locator(".js-plotly-plot").first).to_be_visible()
