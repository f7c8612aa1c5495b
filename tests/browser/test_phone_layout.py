"""Phone first (390 × 844): a group's form of eight axes fits in about two screens (it was 3,500 px, and
6,100 px after the reveal); an axis' whole scale, 1 to 5 and "Hoppa över", is one row of touch targets of
at least 24 px; the form says how to rate with the keyboard, and that works; the minutes are one card per
axis on the group's page, the results page and the chiefs' view, with every axis' interpretation on screen
(the chiefs' table ended at "Spridn…"); no heading breaks inside a word ("Samordningsförbunde|n").

Streamlit scrolls its main area, not the document: the height measured is that area's scroll height."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle
from tests.conftest import SAMPLE_CSV

PHONE = (390, 844)
FORM_MAX = 1_900  # about two screens of 844 px
REVEALED_MAX = 4_000  # the form and the results under it: under five screens (the results were 2,600 px alone)
SOON = 10_000

PAGE_HEIGHT = """() => Math.max(document.scrollingElement.scrollHeight,
    ...[...document.querySelectorAll('[data-testid=stMain]')].map(e => e.scrollHeight))"""

# For each axis of the form: the top, left, right, width and height of each of its options.
OPTIONS = """() => Object.fromEntries([...document.querySelectorAll('[class*="st-key-axis-"]')].map(axis => [
    [...axis.classList].find(c => c.startsWith('st-key-axis-')).slice(12),
    [...axis.querySelectorAll('[role=radio]')].map(b => { const r = b.getBoundingClientRect();
        return {name: b.innerText.trim(), top: Math.round(r.top), left: r.left, right: r.right, width: r.width,
                height: r.height}; })]))"""

# Each card: its heading, then what it says in reading order, and where its interpretation is drawn.
CARDS = """() => [...document.querySelectorAll('.sp-cards')].filter(l => l.offsetParent !== null).map(list =>
    [...list.querySelectorAll(':scope > li')].map(li => {
        const facts = [...li.querySelectorAll('dt')].map(dt => [dt.innerText.replace(/:$/, ''), dt.nextElementSibling]);
        const label = facts.find(([k]) => k === 'Tolkning')[1].getBoundingClientRect();
        return {axis: li.querySelector('h4').innerText, order: facts.map(([k]) => k),
                facts: Object.fromEntries(facts.map(([k, dd]) => [k, dd.innerText])),
                label: {left: label.left, right: label.right, width: label.width}};
    }))"""

# Each visible heading whose text is split inside a word: a word drawn on more than one line, or a heading
# wider than its box.
SPLIT_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => h.offsetParent !== null)
    .flatMap(h => {
        const bad = [];
        if (h.scrollWidth > h.clientWidth + 1) bad.push(`${h.innerText}: wider than its box`);
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) bad.push(`${h.innerText}: "${m[0]}" on ${tops.size} lines`);
            }
        }
        return bad;
    })"""


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("phone")
    url = f"sqlite:///{tmp / 'spindeln.db'}"
    store = Store(url)
    sample = store.ensure_sample_workshop(SAMPLE_CSV)
    server = start_app(tmp, database_url=url)
    yield server, store, sample
    server.stop()
    store.dispose()


def _open_workshop(store, sample, title: str):
    w = store.create_workshop(title, "2027-02-26", federation=sample.federation)  # with the default questions
    store.set_state(w.id, "open")
    return w, store.add_group(w.id, "Norr"), store.add_group(w.id, "Söder")


def _height(page) -> int:
    wait_idle(page)
    page.wait_for_timeout(500)  # the charts and text areas take their size
    return page.evaluate(PAGE_HEIGHT)


def _split_headings(page) -> list[str]:
    wait_idle(page)
    return page.evaluate(SPLIT_HEADINGS)


def _cards_fit(page, expected_labels: dict[str, str]) -> None:
    """One card per axis, read axis → mean → interpretation, each interpretation within the screen's width."""
    expect(page.locator(".sp-cards").first).to_be_visible(timeout=SOON)
    expect(page.get_by_test_id("stDataFrame").first).to_be_hidden()  # the table whose last columns were off screen
    [cards] = page.evaluate(CARDS)
    width = page.viewport_size["width"]
    assert [c["axis"] for c in cards] == list(expected_labels)
    for c in cards:
        assert c["order"][:2] == ["Medel", "Tolkning"], c
        assert c["facts"]["Tolkning"] == expected_labels[c["axis"]]
        assert c["label"]["width"] > 0 and 0 <= c["label"]["left"] and c["label"]["right"] <= width, c
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_a_groups_form_fits_two_phone_screens_with_each_scale_on_one_row(room, new_page):
    server, store, sample = room
    w, north, south = _open_workshop(store, sample, "Medlemssamråd 2027")
    phone = new_page(viewport=PHONE)
    phone.goto(f"{server.url}/?w={w.id}&g={north.token}")
    # Measured once every widget is drawn (their code loads after the page's text in a fresh context).
    expect(phone.locator(".st-key-axis-forvalta").get_by_role("radio", name="Hoppa över")).to_be_visible()
    expect(phone.locator(".st-key-axis-forvalta").get_by_role("textbox")).to_be_visible()
    expect(phone.get_by_test_id("stTextArea").locator("textarea")).to_have_count(len(store.questions(w.id)))
    expect(phone.get_by_role("button", name="Skicka in")).to_be_visible()
    form = _height(phone)
    print(f"\n390×844: the form {form} px", end="")
    assert form <= FORM_MAX, f"the form is {form} px at 390 × 844 (at most {FORM_MAX})"
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE[0]
    assert not _split_headings(phone)

    axes = phone.evaluate(OPTIONS)
    assert list(axes) == [a.key for a in w.axes]
    for key, options in axes.items():
        assert [o["name"] for o in options] == ["1", "1,5", "2", "2,5", "3", "3,5", "4", "4,5", "5", "Hoppa över"]
        tops = [(o["name"], o["top"]) for o in options]
        assert len({top for _, top in tops}) == 1, f"{key}: the scale wraps: {tops}"
        for o in options:
            size = f"{o['width']:.0f} × {o['height']:.0f} px"
            assert o["width"] >= 24 and o["height"] >= 24, f"{key}: {o['name']} is {size}"
            assert 0 <= o["left"] and o["right"] <= PHONE[0], f"{key}: {o['name']} is off screen"

    for a in w.axes:
        phone.locator(f".st-key-axis-{a.key}").get_by_role("radio", name="3", exact=True).click()
    phone.get_by_role("button", name="Skicka in").click()
    expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)
    submitted = _height(phone)
    store.submit(w.id, south.id, {a.key: 4.5 for a in w.axes})
    store.set_revealed(w.id, True)
    expect(phone.get_by_text("Resultatet visas nu")).to_be_visible(timeout=SOON)
    expect(phone.locator(".js-plotly-plot").first).to_be_visible()
    _cards_fit(phone, {a.name("sv"): "För få svar" for a in w.axes})  # two groups: fewer than three answers
    revealed = _height(phone)
    print(f", {submitted} px after submitting, {revealed} px after the reveal", end="")
    assert revealed <= REVEALED_MAX, f"the page is {revealed} px after the reveal (at most {REVEALED_MAX})"
    assert not _split_headings(phone)


def test_an_axis_is_rated_with_the_keyboard_as_the_form_says(room, new_page):
    server, store, sample = room
    w, north, _ = _open_workshop(store, sample, "Tangentbordet")
    phone = new_page(viewport=PHONE)
    phone.goto(f"{server.url}/?w={w.id}&g={north.token}")
    wait_idle(phone)
    expect(phone.get_by_text("Med tangentbord: Tab till en axel, pil vänster/höger till ett värde, Enter eller "
                             "blanksteg väljer eller tar bort valet.")).to_be_visible()

    first = phone.locator(".st-key-axis-finansiera")
    # The caption comes first; the pills and fields once the browser has loaded their code (a fresh context).
    expect(first.get_by_role("radio", name="Hoppa över")).to_be_visible()
    expect(first.get_by_role("textbox", name="Kommentar (valfritt)")).to_be_visible()
    expect(phone.get_by_role("radio", name="Svenska")).to_be_visible()
    for _ in range(12):  # Tab to the first axis: past the skip link, the main area and the language switch
        phone.keyboard.press("Tab")
        if first.locator("[role=radio]:focus").count():
            break
    expect(first.get_by_role("radio", name="1", exact=True)).to_be_focused()
    for _ in range(6):
        phone.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="4", exact=True)).to_be_focused()
    expect(first.get_by_role("radio", name="4", exact=True)).not_to_be_checked()  # an arrow moves, it does not choose
    phone.keyboard.press("Enter")
    expect(first.get_by_role("radio", name="4", exact=True)).to_be_checked()
    phone.keyboard.press("Tab")  # on to the axis' comment, then the next axis, where Space chooses
    expect(first.get_by_role("textbox", name="Kommentar (valfritt)")).to_be_focused()
    phone.keyboard.type("Med tangentbordet")
    phone.keyboard.press("Tab")
    second = phone.locator(".st-key-axis-strategiskt")
    expect(second.get_by_role("radio", name="1", exact=True)).to_be_focused()
    for _ in range(9):
        phone.keyboard.press("ArrowRight")
    phone.keyboard.press(" ")
    expect(second.get_by_role("radio", name="Hoppa över")).to_be_checked()
    phone.keyboard.press(" ")  # the same key again takes the choice back, as the hint says
    expect(second.get_by_role("radio", name="Hoppa över")).not_to_be_checked()
    phone.keyboard.press(" ")

    for a in w.axes[2:]:
        phone.locator(f".st-key-axis-{a.key}").get_by_role("radio", name="3", exact=True).click()
    phone.get_by_role("button", name="Skicka in").click()
    expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)
    assert store.saved_values(w.id, north.id, 1) == {"finansiera": 4.0, "strategiskt": None,
                                                     **{a.key: 3.0 for a in w.axes[2:]}}
    assert store.saved_comments(w.id, north.id, 1) == {"finansiera": "Med tangentbordet"}


@pytest.mark.parametrize("path", ["results", "chiefs"])
def test_results_are_one_card_per_axis_on_a_phone_and_a_table_on_a_wide_screen(room, new_page, path):
    server, store, sample = room
    address = f"/?w={sample.id}" if path == "results" else f"/?view={sample.view_token}"
    labels = {a.axis.name("sv"): a.interpretation_text("sv") for a in store.snapshot(sample.id).summary.axes}
    phone = new_page(viewport=PHONE)
    phone.goto(server.url + address)
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="Medlemssamråd 2026 – förbundsprofil")).to_be_visible()
    _cards_fit(phone, labels)
    assert "Polariserat" in labels.values() and "Stark samsyn" in labels.values()
    assert not _split_headings(phone), _split_headings(phone)
    [cards] = phone.evaluate(CARDS)
    mote = next(c for c in cards if c["axis"] == "Mötesplats")
    assert mote["facts"] == {"Medel": "3,2 *", "Tolkning": "Polariserat", "Spridning": "Hög", "Värden": "2,5; 5; 2"}

    for size in ((1366, 768), (1920, 1080)):
        wide = new_page(viewport=size)
        wide.goto(server.url + address)
        wait_idle(wide)
        expect(wide.get_by_test_id("stDataFrame").first).to_be_visible()
        expect(wide.get_by_test_id("stDataFrame").first).to_contain_text("Polariserat")
        expect(wide.locator(".sp-cards")).to_be_hidden()
        assert not _split_headings(wide)
