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


# --- picks not yet sent, a phone offline, a server gone (survey/client.js) -----------------------------------

def _pick(phone, key: str, label: str) -> None:
    phone.locator(f".st-key-axis-{key}").get_by_role("radio", name=label, exact=True).click()


def _checked(phone, key: str) -> list[str]:
    return phone.locator(f".st-key-axis-{key}").locator("[role=radio][aria-checked=true]").all_inner_texts()


def _banner(phone):
    return phone.locator("#spindeln-net")


def _stored(url: str, workshop_id: str) -> tuple[dict, list]:
    store = Store(url)
    data = store.snapshot(workshop_id)
    store.dispose()
    values = {a.key: (None if v != v else float(v)) for a, v in zip(data.ratings.axes, data.ratings.values[0])} \
        if data.ratings.groups else {}
    return values, [a.points for q in data.questions for a in q.answers]


def test_picks_made_but_not_sent_survive_a_reload(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    link, workshop_id, _ = _workshop(url)
    token = link.split("g=")[1]
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        phone = ctx.new_page()
        phone.goto(server.url + link)
        wait_idle(phone)
        for key in AXES[:3]:
            _pick(phone, key, "3,5")
        phone.locator(f".st-key-axis-{AXES[0]}").locator("input[type=text]").fill("Medel till gemensamma insatser")
        phone.get_by_test_id("stTextArea").locator("textarea").nth(0).fill("Punkt ett\nPunkt två")
        phone.wait_for_function("Object.keys(localStorage).some(k => k.startsWith('spindeln:draft:') &&"
                                " localStorage.getItem(k).includes('Punkt två'))")
        assert token not in phone.evaluate("JSON.stringify(localStorage)")  # the link's secret stays in the link

        phone.reload()
        wait_idle(phone)
        for key in AXES[:3]:
            expect(phone.locator(f".st-key-axis-{key}").get_by_role("radio", name="3,5", exact=True)).to_have_attribute(
                "aria-checked", "true")
        expect(phone.locator(f".st-key-axis-{AXES[0]}").locator("input[type=text]")).to_have_value(
            "Medel till gemensamma insatser")
        expect(phone.get_by_test_id("stTextArea").locator("textarea").nth(0)).to_have_value("Punkt ett\nPunkt två")
        expect(_banner(phone)).to_contain_text("Det ni valde men inte skickade in är tillbaka")
        assert _stored(url, workshop_id) == ({}, [])  # put back on the phone, not sent behind the group's back

        for key in AXES[3:]:
            _pick(phone, key, "4")
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible()
        values, points = _stored(url, workshop_id)
        assert values == {**{k: 3.5 for k in AXES[:3]}, **{k: 4.0 for k in AXES[3:]}}
        assert points == [("Punkt ett", "Punkt två")]

        phone.reload()  # what is stored now shows, and the old draft does not come back over it
        wait_idle(phone)
        expect(phone.get_by_text("Era svar är sparade")).to_be_visible()
        expect(phone.locator(f".st-key-axis-{AXES[0]}").get_by_role("radio", name="3,5", exact=True)).to_have_attribute(
            "aria-checked", "true")
        expect(phone.locator(f".st-key-axis-{AXES[5]}").get_by_role("radio", name="4", exact=True)).to_have_attribute(
            "aria-checked", "true")
        phone.wait_for_timeout(1500)  # the page has compared the form with the phone's draft by now
        expect(phone.get_by_text("tillbaka i formuläret")).to_have_count(0)
        ctx.close()
    finally:
        server.stop()


def test_a_press_while_offline_is_not_called_saved_and_goes_in_when_the_connection_is_back(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    link, workshop_id, _ = _workshop(url)
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        phone = ctx.new_page()
        phone.goto(server.url + link)
        wait_idle(phone)
        for key in AXES:
            _pick(phone, key, "3")
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible()

        _pick(phone, AXES[0], "5")
        ctx.set_offline(True)
        phone.get_by_role("button", name="Spara ändringar").click()
        expect(_banner(phone)).to_contain_text("Inte sparat: ingen anslutning")
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_hidden()  # the old confirmation is not shown as new
        assert _stored(url, workshop_id)[0][AXES[0]] == 3.0
        assert _checked(phone, AXES[0]) == ["5"]  # the pick is still there

        ctx.set_offline(False)
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=30_000)
        expect(_banner(phone)).to_be_hidden()
        assert _stored(url, workshop_id)[0][AXES[0]] == 5.0
        ctx.close()
    finally:
        server.stop()


def test_a_server_gone_says_so_in_swedish_and_the_page_carries_on_when_it_is_back(browser, tmp_path):
    """Also what a phone that slept meets: the server no longer knows its session, the page gets a new one."""
    from survey.streamlit_sv import DEVELOPER_STRINGS

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    link, workshop_id, _ = _workshop(url)
    server = start_app(tmp_path, database_url=url)
    port = int(server.url.rsplit(":", 1)[1])
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        phone = ctx.new_page()
        phone.goto(server.url + link)
        wait_idle(phone)
        for key in AXES[:4]:
            _pick(phone, key, "2,5")
        phone.get_by_test_id("stTextArea").locator("textarea").nth(1).fill("Skrivet innan servern försvann")

        server.stop()
        dialog = phone.get_by_role("dialog")
        expect(dialog).to_contain_text("Ingen kontakt med servern", timeout=60_000)
        expect(_banner(phone)).to_contain_text("Ingen anslutning")
        text = phone.locator("body").inner_text()
        assert not [s for s in DEVELOPER_STRINGS if s in text], text

        server = start_app(tmp_path, database_url=url, port=port)  # (Streamlit disables the form meanwhile)
        expect(dialog).to_be_hidden(timeout=60_000)
        wait_idle(phone)
        for key in AXES[:4]:
            expect(phone.locator(f".st-key-axis-{key}").get_by_role("radio", name="2,5", exact=True)).to_have_attribute(
                "aria-checked", "true")
        expect(phone.get_by_test_id("stTextArea").locator("textarea").nth(1)).to_have_value(
            "Skrivet innan servern försvann")
        for key in AXES[4:]:
            _pick(phone, key, "4,5")
        phone.get_by_role("button", name="Skicka in").click()
        expect(phone.get_by_text("Tack! Era svar är sparade")).to_be_visible()
        values, points = _stored(url, workshop_id)
        assert values == {**{k: 2.5 for k in AXES[:4]}, **{k: 4.5 for k in AXES[4:]}}
        assert points == [("Skrivet innan servern försvann",)]
        ctx.close()
    finally:
        server.stop()
