"""A group's phone follows the facilitator within a few seconds, without a touch (issue 13: sixty seconds
after "Visa resultatet" a phone still showed only its form): open, new questions, reveal (results appear
and the rating locks), round 2, close, a revoked link. Picks and points not yet sent stay in the form."""

from __future__ import annotations

from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle

SOON = 8_000  # the page polls every 2 s; a rerun on two busy cores takes a moment more


def test_a_phone_follows_every_step_of_the_facilitator(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    w = store.create_workshop("Rummet följer", "2026-12-01")
    g = store.add_group(w.id, "Norr")
    other = store.add_group(w.id, "Söder")
    store.set_questions(w.id, ["Vad gör förbundet bäst?"], force=True)
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        phone = ctx.new_page()
        phone.goto(f"{server.url}/?w={w.id}&g={g.token}")
        wait_idle(phone)
        expect(phone.get_by_text("Skattningen har inte öppnat än")).to_be_visible()

        store.set_state(w.id, "open")
        expect(phone.locator(".st-key-axis-finansiera")).to_be_visible(timeout=SOON)

        # Nothing changes for a while (another group's ratings change nothing here): no Streamlit run at all,
        # though the phone keeps asking (fifty phones each running the page every two seconds was the cost).
        wait_idle(phone)
        phone.evaluate("""() => { window.__runs = 0; new MutationObserver(() => {
            if (document.querySelector('[data-testid=stApp]').dataset.testScriptState === 'running') window.__runs++;
        }).observe(document.querySelector('[data-testid=stApp]'), {attributes: true}); }""")
        with phone.expect_request(lambda r: r.url.endswith("/spindeln/phase") and r.method == "POST") as asked:
            store.submit(w.id, other.id, {a.key: 3 for a in w.axes})
        assert "g=" + g.token in (asked.value.post_data or "") and g.token not in asked.value.url
        phone.wait_for_timeout(6_000)
        assert phone.evaluate("window.__runs") == 0
        store.set_state(w.id, "open")  # a second "open" (another facilitator's stale page) changes nothing either
        phone.wait_for_timeout(3_000)
        assert phone.evaluate("window.__runs") == 0

        # A pick and a point, not sent; the facilitator adds a question meanwhile: both stay.
        phone.locator(".st-key-axis-finansiera").get_by_role("radio", name="4", exact=True).click()
        phone.get_by_test_id("stTextArea").locator("textarea").first.fill("Vår första punkt")
        store.set_questions(w.id, [(store.questions(w.id)[0].id, "Vad gör förbundet bäst?"), "Vad saknas?"], force=True)
        expect(phone.get_by_test_id("stTextArea")).to_have_count(2, timeout=SOON)
        expect(phone.locator(".st-key-axis-finansiera").get_by_role("radio", name="4", exact=True)).to_be_checked()
        expect(phone.get_by_test_id("stTextArea").locator("textarea").first).to_have_value("Vår första punkt")

        for a in w.axes[1:]:  # Finansiera is already picked (a second click would take it back)
            phone.locator(f".st-key-axis-{a.key}").get_by_role("radio", name="Hoppa över").click()
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)
        store.submit(w.id, other.id, {a.key: 2 for a in w.axes})

        store.set_revealed(w.id, True)
        expect(phone.get_by_role("heading", name="Resultat", exact=True)).to_be_visible(timeout=SOON)
        expect(phone.get_by_text("Resultatet visas nu, så skattningen är låst")).to_be_visible()
        expect(phone.locator(".st-key-axis-finansiera").get_by_role("radio", name="4", exact=True)).to_be_disabled()

        store.open_round2(w.id, ["finansiera"])
        expect(phone.locator(".st-key-axis-forvalta")).to_have_count(0, timeout=SOON)
        expect(phone.locator(".st-key-axis-finansiera").get_by_role("radio", name="3", exact=True)).to_be_enabled()

        store.set_state(w.id, "closed")
        expect(phone.get_by_text("Skattningen är stängd")).to_be_visible(timeout=SOON)

        store.revoke_group(g.id)
        expect(phone.get_by_text("Länken fungerar inte")).to_be_visible(timeout=SOON)
        ctx.close()
    finally:
        server.stop()
        store.dispose()
