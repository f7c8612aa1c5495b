"""The whole evening in Chromium: four groups on their own devices, reveal, and the appendix read back."""

from __future__ import annotations

import io
import re

import docx
from playwright.sync_api import expect

from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import AXES, create_workshop, login, rate


def test_four_groups_reveal_and_appendix(app, new_page, tmp_path):
    facilitator = new_page()
    login(facilitator, app.url)
    names = ["Kommunerna", "Regionen", "Försäkringskassan", "Arbetsförmedlingen"]
    links = create_workshop(facilitator, "Förbundsprofil 2027", names)

    groups = [new_page(), new_page(viewport=(390, 844)), new_page(), new_page()]
    rate(groups[0], links[0], {k: "5" for k in AXES})
    rate(groups[1], links[1], {k: "4" for k in AXES if k != "forvalta"}, skip=("forvalta",))
    rate(groups[2], links[2], {k: "3" for k in AXES})
    rate(groups[3], links[3], {k: "2" for k in AXES})
    # The fourth group changes its mind: reload (a phone that slept), the saved answers are there, change one.
    groups[3].reload()
    wait_idle(groups[3])
    expect(groups[3].get_by_text("Era svar är sparade")).to_be_visible()
    finansiera = groups[3].locator(".st-key-axis-finansiera").get_by_role("radio", name="2", exact=True)
    expect(finansiera).to_have_attribute("aria-checked", "true")
    groups[3].locator(".st-key-axis-finansiera").get_by_role("radio", name="4,5", exact=True).click()
    groups[3].get_by_role("button", name="Spara ändringar").click()
    expect(groups[3].get_by_text("Tack! Era svar är sparade")).to_be_visible()

    # Before the reveal no group sees results; the phone-sized form fits without horizontal scrolling.
    for g in groups:
        expect(g.get_by_text("Resultat", exact=True)).to_have_count(0)
        expect(g.locator(".js-plotly-plot")).to_have_count(0)
    assert groups[1].evaluate("document.documentElement.scrollWidth") <= 390

    facilitator.get_by_role("tab", name="Status").click()
    expect(facilitator.get_by_text("4 av 4 grupper har skickat in")).to_be_visible(timeout=10_000)
    facilitator.get_by_role("tab", name="Workshop och grupper").click()
    facilitator.get_by_role("button", name="Visa resultatet").click()
    wait_idle(facilitator)
    expect(facilitator.get_by_text("resultatet visas för alla")).to_be_visible()

    # After the reveal a group's page shows the results, with the change and the skip taken into account.
    groups[2].reload()
    wait_idle(groups[2])
    expect(groups[2].locator(".js-plotly-plot").first).to_be_visible()
    table = groups[2].get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("5; 4; 3; 4,5")
    expect(table).to_contain_text("5; 3; 2")

    facilitator.get_by_role("link", name="Protokollsbilaga").click()
    # The new page's run must have drawn its buttons: a click on the old page's (under a loaded CI machine
    # the first idle state can still be the page before) fetches a file that the new run has replaced.
    expect(facilitator.get_by_role("heading", name="Protokollsbilaga")).to_be_visible()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("button", name="Word (.docx)")).to_be_enabled()
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name="Word (.docx)").click()
    path = tmp_path / "bilaga.docx"
    download.value.save_as(path)
    document = docx.Document(io.BytesIO(path.read_bytes()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Axel")
    assert [c.text for c in table.rows[0].cells] == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["Finansiera"][1:3] == ["5; 4; 3; 4,5", "4,1"]
    assert rows["Förvalta"][2].endswith("*")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Förvalta" in text and "Regionen" in text
    assert "Strong consensus" not in text


def test_a_group_link_reaches_only_its_own_form(app, new_page):
    facilitator = new_page()
    login(facilitator, app.url)
    links = create_workshop(facilitator, "Avskild", ["Grupp A", "Grupp B"])
    workshop_id = re.search(r"w=([^&]+)", links[0]).group(1)
    token_a = re.search(r"g=([^&]+)", links[0]).group(1)
    rate(new_page(), links[1], {k: "1" for k in AXES})

    group = new_page()
    group.goto(links[0])
    wait_idle(group)
    expect(group.get_by_role("heading", name="Grupp A")).to_be_visible()
    expect(group.get_by_text("Grupp B")).to_have_count(0)
    # A's token with another workshop, or a made-up token: a plain message and no data.
    for url in (f"{app.url}/?w=other&g={token_a}", f"{app.url}/?w={workshop_id}&g=not-a-token"):
        group.goto(url)
        wait_idle(group)
        expect(group.get_by_text("Länken fungerar inte")).to_be_visible()
        expect(group.get_by_text("Avskild")).to_have_count(0)
    # Without the password the console stays shut, and the unrevealed results are not listed.
    group.goto(app.url + "/processledare")
    wait_idle(group)
    expect(group.get_by_label("Lösenord", exact=True)).to_be_visible()
    expect(group.get_by_text("Avskild")).to_have_count(0)
    group.goto(app.url + "/")
    wait_idle(group)
    expect(group.get_by_text("Medlemssamråd 2026")).to_be_visible()
    expect(group.get_by_text("Avskild")).to_have_count(0)
    # A revoked link stops working.
    facilitator.get_by_role("button", name="Spärra länken").first.click()
    wait_idle(facilitator)
    group.goto(links[0])
    wait_idle(group)
    expect(group.get_by_text("Länken fungerar inte")).to_be_visible()
