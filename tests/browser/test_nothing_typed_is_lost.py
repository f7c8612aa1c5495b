"""A group's typed discussion points are saved by the form's one button, whatever it has rated so far
(issue 13: points typed and then the ratings' "Spara ändringar" pressed were gone after a reload)."""

from __future__ import annotations

from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import AXES


def _workshop(url: str) -> tuple[str, str, list[int]]:
    store = Store(url)
    w = store.create_workshop("Samtal utan förlust", "2026-12-01")
    store.set_state(w.id, "open")
    g = store.add_group(w.id, "Norr")
    if not store.questions(w.id):
        store.set_questions(w.id, ["Vad gör förbundet bäst?", "Vad saknas?"])
    questions = [q.id for q in store.questions(w.id)]
    link = f"/?w={w.id}&g={g.token}"
    store.dispose()
    return link, w.id, questions


def test_points_typed_are_saved_by_the_one_button_and_survive_a_reload(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    link, workshop_id, question_ids = _workshop(url)
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        phone = ctx.new_page()
        phone.goto(server.url + link)
        wait_idle(phone)
        boxes = phone.get_by_test_id("stTextArea").locator("textarea")
        expect(boxes).to_have_count(len(question_ids))

        # Points first, nothing rated: the ratings are refused by name, the points are kept, and it says so.
        boxes.nth(0).fill("Individnära insatser\nNya arbetssätt")
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Välj ett värde eller Hoppa över för")).to_be_visible()
        expect(phone.get_by_text("Era punkter på frågorna sparades")).to_be_visible()
        phone.reload()
        wait_idle(phone)
        expect(phone.get_by_test_id("stTextArea").locator("textarea").nth(0)).to_have_value(
            "Individnära insatser\nNya arbetssätt")

        # Then the ratings, and more points: the same button saves everything at once.
        for key in AXES:
            phone.locator(f".st-key-axis-{key}").get_by_role("radio", name="4", exact=True).click()
        phone.get_by_test_id("stTextArea").locator("textarea").nth(1).fill("Uppföljning över tid")
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)
        phone.get_by_test_id("stTextArea").locator("textarea").nth(0).fill("Individnära insatser\nEn tredje punkt")
        phone.get_by_role("button", name="Spara ändringar").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)
        phone.reload()
        wait_idle(phone)
        areas = phone.get_by_test_id("stTextArea").locator("textarea")
        expect(areas.nth(0)).to_have_value("Individnära insatser\nEn tredje punkt")
        expect(areas.nth(1)).to_have_value("Uppföljning över tid")
        ctx.close()
    finally:
        server.stop()
    store = Store(url)
    data = store.snapshot(workshop_id)
    assert [a.points for q in data.questions for a in q.answers] == [
        ("Individnära insatser", "En tredje punkt"), ("Uppföljning över tid",)]
    assert data.ratings.groups == ("Norr",)
    store.dispose()
