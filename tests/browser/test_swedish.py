"""Swedish all the way (issue 13): `<html lang>` says Swedish from the first byte, follows the language
switch, and an English address gets English."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import wait_idle


def _html(url: str) -> str:
    """The page as a browser gets it: it accepts gzip (a gzipped page could not be amended, so it comes plain)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.headers.get("Content-Encoding") is None
        html = r.read().decode("utf-8")
    assert '/spindeln/client.js?v=' in html  # the page's own script, from the first paint
    return html


def test_the_document_language_is_swedish_and_follows_the_switch(app, new_page):
    assert '<html lang="sv">' in _html(app.url + "/")
    assert '<html lang="sv">' in _html(app.url + "/bilaga?w=x")
    assert '<html lang="sv">' in _html(app.url + "/jamfor")
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


# --- no English from Streamlit on any Swedish page (survey/client.js puts survey/streamlit_sv.py over it) ---------

def _english_found(page) -> list[str]:
    """Streamlit's English words on the page: a line of text or an attribute a screen reader reads that is one
    of them exactly, a longer phrase of them anywhere, one of their patterns, or a developer dialog's words."""
    import re

    from survey.streamlit_sv import DEVELOPER_STRINGS, EXACT, PATTERNS

    def scan() -> list[str]:
        lines = [line.strip() for line in page.locator("body").inner_text().splitlines() if line.strip()]
        attrs = page.evaluate("""() => Array.from(document.querySelectorAll('[aria-label],[title],[placeholder]'))
            .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))""")
        text = "\n".join(lines)
        found = [s for s in (*lines, *attrs) if s in EXACT and EXACT[s] != s]
        found += [s for s in EXACT if len(s) > 14 and s in text]
        found += [s for s in (*lines, *attrs) for p, _ in PATTERNS if re.match(p, s) and not p.startswith("^(January")]
        found += [s for s in DEVELOPER_STRINGS if s in text or any(s in a for a in attrs)]
        return sorted(set(found))

    # The translation follows Streamlit's drawing by a moment, and a slow machine draws late: English that is
    # still there after 5 s is a leak (CI once looked 600 ms after a phone's first paint and saw a list's hint).
    wait_idle(page)
    found = scan()
    for _ in range(10):
        if not found:
            break
        page.wait_for_timeout(500)
        found = scan()
    return found


def test_no_english_from_streamlit_on_any_swedish_page(tmp_path, new_page):
    from survey.store import Store
    from tests.appserver import start_app
    from tests.browser.test_live_workshop import login
    from tests.conftest import SAMPLE_CSV

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    sample = store.ensure_sample_workshop(SAMPLE_CSV)
    other = store.create_workshop("Medlemssamråd 2027", "2027-02-26", federation=sample.federation)
    store.set_state(other.id, "open")
    g = store.add_group(other.id, "Norr")
    store.dispose()
    server = start_app(tmp_path, database_url=url)
    try:
        page = new_page(viewport=(1366, 768))
        phone = new_page(viewport=(390, 844))
        found: dict[str, list[str]] = {}

        def check(name: str, where, path: str | None = None) -> None:
            if path is not None:
                where.goto(server.url + path)
            found[name] = _english_found(where)

        check("results", page, "/")
        page.get_by_test_id("stDataFrame").first.hover()  # the data grid's toolbar shows on hover
        check("results, table toolbar", page)
        page.get_by_role("combobox").first.click()  # a choice list open
        check("results, choice list open", page)
        page.keyboard.press("Escape")
        check("compare", page, "/jamfor")
        check("appendix", page, f"/bilaga?w={sample.id}")
        check("join", page, "/kod")
        check("accessibility statement", page, "/tillganglighet")
        check("login", page, "/processledare")
        check("page not found", page, "/finns-inte")
        check("presenter", page, f"/?present={sample.view_token}")
        check("federation profile", phone, f"/?view={sample.view_token}")
        check("rating", phone, f"/?w={other.id}&g={g.token}")
        phone.locator(".st-key-axis-finansiera input[type=text]").click()  # its "Press Enter …" hint shows
        check("rating, typing a comment", phone)
        login(page, server.url)
        for tab in ("Workshop och grupper", "Status", "Pappersenkät", "Diskussion", "Omgång 2", "Ny workshop"):
            page.get_by_role("tab", name=tab).click()
            check(f"console: {tab}", page)
        page.get_by_test_id("stDataFrame").locator("visible=true").first.hover()  # the new workshop's axes: the editable grid's toolbar
        check("console: axes grid", page)
        leaks = {name: v for name, v in found.items() if v}
        assert not leaks, "\n".join(f"{name}: {v}" for name, v in leaks.items())
        assert page.evaluate("window.__spindeln.translate('Upload')") == "Ladda upp"
    finally:
        server.stop()
