"""AppTest page tests of accessibility: every chart is named in words right before it, the projector shows
the room a large QR code of the join address until the reveal, and the accessibility statement
(tillgänglighetsredogörelse) needs no login, is linked from the pages without navigation and follows the
language switch."""

from __future__ import annotations

import base64
import io
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from tests.pages.helpers import (
    AXIS_KEYS, TIMEOUT, app, en, group_app, page_text, qr_matrix, run_ok, segno_matrix, sv, swedish_left, unescape,
)

PUBLIC = "https://spindeln.example.se"


def _sample(store):
    from survey.store import SAMPLE_TITLE

    return next(w for w in store.list_workshops() if w.title == SAMPLE_TITLE)


def _in_order(at: AppTest) -> list:
    """The page's elements top to bottom, as a screen reader meets them (blocks left out)."""
    return [node for node in at.main if not isinstance(node, Block)]


def _text(node) -> str:
    if node.type == "html":
        return node.proto.body
    value = getattr(node, "value", "")
    return unescape(value) if isinstance(value, str) else ""


def _before_each_chart(at: AppTest) -> list[tuple[str, str]]:
    """For each Plotly chart: the text right before it and right after it."""
    nodes = _in_order(at)
    return [(_text(nodes[i - 1]), _text(nodes[i + 1]) if i + 1 < len(nodes) else "")
            for i, node in enumerate(nodes) if node.type == "plotly_chart"]


# ---------------------------------------------------------------------------------------------- chart names


def test_the_results_radar_is_named_in_words_before_it_and_its_marks_explained_after_it(store):
    at = run_ok(app())
    (radar_before, radar_after), (strip_before, _) = _before_each_chart(at)
    assert radar_before == " ".join([
        sv("chart_radar", groups=sv("chart_groups_n", n=4), min="1", max="5"), sv("chart_radar_lines"),
        sv("chart_table_below")])
    assert radar_before.startswith("Spindeldiagram: medelvärdet per axel för 4 grupper på skalan 1–5")
    assert radar_after.startswith(sv("marks_heading") + ": ✔ Stark samsyn") and "⇄ Polariserat" in radar_after
    assert "≠ Oenighet" in radar_after
    assert strip_before == sv("chart_strip")


def test_the_radar_name_follows_the_group_lines_switch_the_count_and_the_language(store):
    sample = _sample(store)
    at = run_ok(app())
    run_ok(at.toggle(key=f"results-groups-{sample.id}").set_value(False))
    assert _before_each_chart(at)[0][0] == " ".join([
        sv("chart_radar", groups=sv("chart_groups_n", n=4), min="1", max="5"), sv("chart_table_below")])
    english = run_ok(app(lang="en"))
    assert _before_each_chart(english)[0][0].startswith(
        "Spider diagram: the mean per axis for 4 groups on the scale 1–5")
    w = store.create_workshop("En grupp", "2027-01-10")
    store.set_state(w.id, "open")
    g = store.add_group(w.id, "Ensam")
    store.submit(w.id, g.id, {k: 2.5 for k in AXIS_KEYS})
    store.set_revealed(w.id, True)
    one = run_ok(app(w=w.id))
    assert _before_each_chart(one)[0][0].startswith(sv("chart_radar", groups="en grupp", min="1", max="5"))


def test_the_radar_is_named_under_a_groups_form_and_in_the_chiefs_view(store, workshop):
    w, group = workshop
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS})
    store.set_revealed(w.id, True)
    for at in (run_ok(group_app(w, group)), run_ok(app(view=_sample(store).view_token))):
        assert _before_each_chart(at)[0][0].startswith("Spindeldiagram: medelvärdet per axel för ")


def test_the_comparison_radar_is_named_before_it(store):
    sample = _sample(store)
    w = store.create_workshop("Höstens samråd", "2026-10-01", federation=sample.federation)
    store.set_state(w.id, "open")
    for name in ("A", "B"):
        g = store.add_group(w.id, name)
        store.submit(w.id, g.id, {k: 4.0 for k in AXIS_KEYS})
    store.set_revealed(w.id, True)
    at = run_ok(AppTest.from_string("from survey.pages.compare import page\npage()\n", default_timeout=TIMEOUT))
    assert _before_each_chart(at)[0][0] == sv("chart_compare", n=2)


def test_the_rounds_radar_is_named_before_it(store):
    sample = _sample(store)
    store.open_round2(sample.id, ["motesplats"])
    for g in store.groups(sample.id):
        store.submit(sample.id, g.id, {"motesplats": 3.0}, round=2)
    store.set_revealed(sample.id, True)  # opening round 2 hid the results
    at = run_ok(app(w=sample.id))
    assert sv("chart_rounds") in [before for before, _ in _before_each_chart(at)]


# ---------------------------------------------------------------------------------------------- the projector


def _presenter(token: str, **query) -> AppTest:
    return run_ok(app(present=token, **query))


def _qr_images(at: AppTest) -> list[tuple[str, int, int, bytes]]:
    """(alt, width, height, PNG bytes) of every data-URI image the page draws with st.html."""
    found = []
    for h in at.get("html"):
        for img in re.findall(r"<img [^>]*>", h.proto.body):
            src = re.search(r'src="data:image/png;base64,([^"]+)"', img).group(1)
            found.append((re.search(r'alt="([^"]*)"', img).group(1), int(re.search(r'width="(\d+)"', img).group(1)),
                          int(re.search(r'height="(\d+)"', img).group(1)), base64.b64decode(src)))
    return found


def test_before_the_reveal_the_projector_shows_a_large_qr_code_of_the_join_address(store, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("SPINDELN_PUBLIC_URL", PUBLIC)
    sample = _sample(store)
    store.set_revealed(sample.id, False)
    at = _presenter(sample.view_token)
    [(alt, width, height, png)] = _qr_images(at)
    address = f"{PUBLIC}/kod"
    assert alt == sv("presenter_qr_alt", address=address)
    assert width == height >= 400 and Image.open(io.BytesIO(png)).size == (width, height)  # drawn at its own size
    assert qr_matrix(png) == segno_matrix(address)  # it holds the join address, nothing else
    shown = [h.proto.body for h in at.get("html")]
    assert any(sv("presenter_join", address=address) in body for body in shown)
    assert any(sv("presenter_in", names="Grupp 1, Grupp 2, Grupp 3, Grupp 4") in body for body in shown)
    assert not at.get("plotly_chart")

    english = _presenter(sample.view_token, lang="en")
    assert [alt for alt, *_ in _qr_images(english)] == [en("presenter_qr_alt", address=address)]


def test_after_the_reveal_the_qr_code_goes_and_the_chart_is_named_for_a_screen_reader(store, monkeypatch):
    monkeypatch.setenv("SPINDELN_PUBLIC_URL", PUBLIC)
    at = _presenter(_sample(store).view_token)
    assert at.get("plotly_chart") and not _qr_images(at)
    before, _ = _before_each_chart(at)[0]
    assert 'class="spindeln-sr-only"' in before
    assert sv("chart_radar", groups=sv("chart_groups_n", n=4), min="1", max="5") in before
    assert sv("chart_table_below") not in before  # the projector has no table


# ---------------------------------------------------------------------------------------------- the statement


def _statement(**query) -> AppTest:
    at = AppTest.from_string("from survey.pages.accessibility import page\npage()\n", default_timeout=TIMEOUT)
    at.query_params.update(query)
    return run_ok(at)


DIGG_HEADINGS = ("a11y_how_heading", "a11y_cannot_heading", "a11y_report_heading", "a11y_supervision_heading",
                 "a11y_technical_heading", "a11y_gaps_heading", "a11y_tested_heading")


def test_the_statement_follows_diggs_model_and_names_the_known_gaps(monkeypatch):
    monkeypatch.delenv("SPINDELN_ORGANISATION", raising=False)
    monkeypatch.delenv("SPINDELN_CONTACT_EMAIL", raising=False)
    at = _statement()
    assert [t.value for t in at.title] == ["Tillgänglighetsredogörelse för Spindeln"]
    assert [h.value for h in at.header] == [sv(k) for k in DIGG_HEADINGS]
    assert [h.value for h in at.subheader] == [sv("a11y_noncompliance_heading")]
    text = "\n".join(m.value for m in at.markdown)
    assert text.startswith(sv("a11y_default_organisation") + " står bakom Spindeln")
    assert "delvis förenlig med WCAG 2.1 på nivå AA" in text
    assert sv("a11y_contact_none") in text and "mailto:" not in text
    assert "Myndigheten för digital förvaltning (DIGG)" in text
    assert "[https://www.digg.se/tdosanmalan](https://www.digg.se/tdosanmalan)" in text
    assert "Word-filen med samma innehåll är det tillgängliga originalet" in text and "(WCAG 1.3.1)" in text
    assert "axe-core" in text and all(rule in text for rule in ("wcag2a,", "wcag2aa,", "wcag21a ", "wcag21aa,"))
    assert "enbart tangentbord" in text and "den 1 december 2026" in text


def test_the_statement_names_who_runs_spindeln_and_how_to_reach_them(monkeypatch):
    monkeypatch.setenv("SPINDELN_ORGANISATION", "Samordningsförbundet *Södra* Vätterbygden")
    monkeypatch.setenv("SPINDELN_CONTACT_EMAIL", "tillganglighet@sodra.example.se")
    at = _statement()
    intro = at.markdown[0].value
    assert unescape(intro).startswith("Samordningsförbundet *Södra* Vätterbygden står bakom")  # as typed
    text = "\n".join(m.value for m in at.markdown)
    assert text.count("](mailto:tillganglighet@sodra.example.se)") == 2  # what you can do, and reporting
    assert sv("a11y_contact_none") not in text
    monkeypatch.setenv("SPINDELN_CONTACT_EMAIL", "inte en adress [x](javascript:alert(1))")
    text = "\n".join(m.value for m in _statement().markdown)
    assert "javascript:" not in text and sv("a11y_contact_none") in text


def test_the_statement_needs_no_login_and_reads_nothing_from_the_store(monkeypatch):
    import survey.ui

    def no_store():
        raise AssertionError("the statement read the store")

    monkeypatch.setattr(survey.ui, "get_store", no_store)
    at = _statement()
    assert at.title and not at.error and not at.text_input and not at.selectbox and not at.dataframe


def test_the_statement_in_english(monkeypatch):
    monkeypatch.delenv("SPINDELN_ORGANISATION", raising=False)
    at = _statement(lang="en")
    assert [t.value for t in at.title] == ["Accessibility statement for Spindeln"]
    assert [h.value for h in at.header] == [en(k) for k in DIGG_HEADINGS]
    text = page_text(at)
    assert "partially compliant with WCAG 2.1 level AA" in text and "1 December 2026" in text
    assert swedish_left(text) == []


@pytest.mark.parametrize("where", ["group", "view", "present"])
def test_the_pages_without_navigation_link_to_the_statement_without_their_token(store, workshop, where):
    w, group = workshop
    sample = _sample(store)
    query = {"group": {"w": w.id, "g": group.token}, "view": {"view": sample.view_token},
             "present": {"present": sample.view_token}}[where]
    for lg, link in (("sv", f"[{sv('a11y_link')}](/tillganglighet)"),
                     ("en", f"[{en('a11y_link')}](/tillganglighet?lang=en)")):
        at = run_ok(app(**query, **({"lang": "en"} if lg == "en" else {})))
        assert _in_order(at)[-1].value == link  # the last line of the page
        assert not any(secret in link for secret in (group.token, sample.view_token, w.id))

