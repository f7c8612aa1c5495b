"""Discussion answers, a per-axis comment and a second round, from the groups' forms to the appendix."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import AXES, create_workshop, login, rate


def test_answers_comment_and_round_two_reach_the_appendix(app, new_page, tmp_path):
    facilitator = new_page()
    login(facilitator, app.url)
    links = create_workshop(facilitator, "Workshop med samtal", ["Norr", "Mitt", "Söder"])

    north = new_page()
    rate(north, links[0], {**{k: "4" for k in AXES}, "motesplats": "1"})
    rate(new_page(), links[1], {**{k: "4" for k in AXES}, "motesplats": "5"})
    rate(new_page(), links[2], {**{k: "4,5" for k in AXES}, "motesplats": "5"})

    # Norr adds a comment on Mötesplats and answers the first discussion question; one button saves both.
    north.locator(".st-key-axis-motesplats").get_by_label("Kommentar (valfritt)").fill("Mötesplatser finns redan hos parterna")
    answer_box = north.get_by_label("Var kan förbundet göra störst skillnad", exact=False)
    answer_box.fill("Individnära insatser först\nNya arbetssätt mellan parterna")
    north.get_by_role("button", name="Spara ändringar").click()
    expect(north.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)

    facilitator.get_by_role("tab", name="Diskussion").click()
    wait_idle(facilitator)
    first = facilitator.locator(".st-key-question-1")
    expect(first).to_contain_text("Individnära insatser först")
    first.get_by_label("Sammanfattning").fill("Individen i centrum, struktur som stöd")
    first.get_by_role("button", name="Spara sammanfattningen").click()
    expect(first.get_by_text("Sparat.")).to_be_visible()

    # Round 2: the console suggests the polarised axis; the groups re-rate only that one.
    wait_idle(facilitator)
    facilitator.get_by_role("tab", name="Omgång 2").click()
    expect(facilitator.get_by_role("tab", name="Omgång 2")).to_have_attribute("aria-selected", "true")
    expect(facilitator.get_by_test_id("stMultiSelect")).to_contain_text("Mötesplats")
    facilitator.get_by_role("button", name="Öppna omgång 2").click()
    wait_idle(facilitator)
    for link, value in zip(links, ("4", "4", "4,5")):
        page = new_page()
        page.goto(link)
        wait_idle(page)
        expect(page.get_by_text("Omgång 2")).to_be_visible()
        expect(page.locator(".st-key-axis-finansiera")).to_have_count(0)
        page.locator(".st-key-axis-motesplats").get_by_role("radio", name=value, exact=True).click()
        page.get_by_role("button", name="Skicka in").click()
        expect(page.get_by_text("Tack! Era svar är sparade")).to_be_visible(timeout=15_000)

    facilitator.get_by_role("tab", name="Workshop och grupper").click()
    facilitator.get_by_role("button", name="Visa resultatet").click()
    wait_idle(facilitator)
    facilitator.get_by_role("link", name="Resultat").click()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("heading", name="Omgång 1 och 2")).to_be_visible()
    expect(facilitator.get_by_test_id("stTable").last).to_contain_text("Polariserat")

    facilitator.get_by_role("link", name="Protokollsbilaga").click()
    # The new page's run must have drawn its buttons: a click on the old page's (under a loaded CI machine
    # the first idle state can still be the page before) fetches a file that the new run has replaced.
    expect(facilitator.get_by_role("heading", name="Protokollsbilaga")).to_be_visible()
    wait_idle(facilitator)
    expect(facilitator.get_by_role("button", name="Markdown")).to_be_enabled()
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name="Markdown").click()
    path = tmp_path / "bilaga.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    for expected in ("Individnära insatser först", "Individen i centrum, struktur som stöd",
                     "Mötesplatser finns redan hos parterna", "Omskattning (omgång 2)", "Polariserat"):
        assert expected in text, expected
