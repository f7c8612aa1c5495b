"""The consensus dashboard, the comparison and the chiefs' view in Chromium: the labels a board member reads."""

from __future__ import annotations

from playwright.sync_api import expect

from analysis.model import DEFAULT_AXES
from survey.store import Store
from tests.browser.conftest import wait_idle


def add_revealed_workshop(database_url: str, title: str, date: str, rows: dict[str, list[float | None]],
                          axes=DEFAULT_AXES, federation: str = "Samordningsförbunden i Jönköpings län"):
    store = Store(database_url)
    try:
        w = store.create_workshop(title, date, place="Vrigstad", federation=federation, axes=axes)
        for name, values in rows.items():
            g = store.add_group(w.id, name)
            store.submit(w.id, g.id, dict(zip([a.key for a in axes], values)), entered_by="facilitator")
        store.set_state(w.id, "revealed")
        return store.get_workshop(w.id)
    finally:
        store.dispose()


def test_dashboard_shows_labels_on_the_radar_and_the_reason(app, new_page):
    page = new_page()
    page.goto(app.url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Medlemssamråd 2026 – förbundsprofil")).to_be_visible()
    radar = page.locator(".js-plotly-plot").first
    expect(radar).to_contain_text("Finansiera ✔")
    expect(radar).to_contain_text("(n=3)")
    table = page.get_by_test_id("stDataFrame").first
    for text in ("Stark samsyn", "Polariserat", "Oenighet", "3,2 *", "Tydligt lågt"):
        expect(table).to_contain_text(text)
    expect(page.get_by_text("Mötesplats: 1 av 4 grupper saknar värde (Grupp 4)")).to_be_visible()
    axis = page.get_by_role("combobox", name="Välj axel")
    axis.click()
    axis.press_sequentially("Mötesplats")
    axis.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("→ Polariserat")).to_be_visible()
    page.get_by_role("radio", name="English").click()
    wait_idle(page)
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("Strong consensus")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()


def test_comparison_of_two_years_and_the_chiefs_view(app, new_page):
    page = new_page()
    page.goto(app.url)  # the first visit seeds the sample workshop (2026) into the empty database
    wait_idle(page)
    # 2027 without Förvalta: the comparison uses the seven shared axes and says which was left out.
    axes = tuple(a for a in DEFAULT_AXES if a.key != "forvalta")
    later = add_revealed_workshop(app.database_url, "Medlemssamråd 2027", "2027-02-26", {
        "Grupp 1": [5, 4, 4, 4, 3, 3, 2], "Grupp 2": [5, 4, 4.5, 3, 3, 3, 2], "Grupp 3": [4.5, 4, 4, 3, 3.5, 3, 2.5],
    }, axes=axes)
    page.goto(app.url + "/jamfor")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Jämför workshoppar")).to_be_visible()
    table = page.get_by_test_id("stTable").first
    expect(table).to_contain_text("Tolkning ändrad")
    expect(table).to_contain_text("Polariserat")
    expect(page.get_by_text("Utelämnat ur jämförelsen")).to_contain_text("Förvalta")
    expect(page.locator(".js-plotly-plot").first).to_contain_text("Medlemssamråd 2027")

    chief = new_page(viewport=(390, 844))
    chief.goto(f"{app.url}/?view={later.view_token}")
    wait_idle(chief)
    expect(chief.get_by_role("heading", name="Samordningsförbunden i Jönköpings län", exact=True)).to_be_visible()
    expect(chief.locator(".js-plotly-plot").first).to_be_visible()
    # Read-only: no sidebar navigation, no console, no buttons that change anything.
    expect(chief.get_by_role("link", name="Processledare")).to_have_count(0)
    expect(chief.get_by_role("button", name="Visa resultatet")).to_have_count(0)
    expect(chief.get_by_text("Justera tolkning")).to_have_count(0)
    chief.get_by_role("tab", name="Jämför").click()
    expect(chief.get_by_text("Utelämnat ur jämförelsen")).to_be_visible()
