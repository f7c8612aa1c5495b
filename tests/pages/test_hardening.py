"""AppTest page tests of issue 11: what a visitor, a stale page or a second facilitator could do in the pages."""

from __future__ import annotations

import io

import openpyxl
import pytest

from survey.store import ValidationError

from tests.pages.helpers import (
    AXIS_KEYS, app, as_facilitator, console_app, group_app, page_text, run_ok, sv,
)


def closed_unrevealed(store, workshop):
    w, group = workshop
    other = next(g for g in store.groups(w.id) if g.id != group.id)
    store.submit(w.id, group.id, {k: 3.0 for k in AXIS_KEYS})
    store.submit(w.id, other.id, {k: 4.0 for k in AXIS_KEYS}, comments={"finansiera": "Hemlig kommentar"})
    return store.set_state(w.id, "closed"), group


def test_closing_publishes_nothing_to_visitors(store, workshop):
    w, group = closed_unrevealed(store, workshop)
    visitor = run_ok(app(w=w.id))
    assert "Testworkshop" not in page_text(visitor) and "Hemlig kommentar" not in page_text(visitor)
    form = run_ok(group_app(w, group))
    assert not form.get("plotly_chart") and "Hemlig kommentar" not in page_text(form)
    chiefs = run_ok(app(view=w.view_token))
    assert not chiefs.get("plotly_chart") and [i.value for i in chiefs.info] == [sv("not_revealed_yet")]


def test_the_console_closes_without_revealing_and_reveals_on_its_own_button(store, workshop):
    w, _ = workshop
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(w.id))
    run_ok(at.button(key="state-closed").click())
    closed = store.get_workshop(w.id)
    assert closed.state == "closed" and not closed.results_visible
    run_ok(at.button(key="state-reveal").click())
    shown = store.get_workshop(w.id)
    assert shown.state == "closed" and shown.results_visible  # revealing did not reopen the rating
    run_ok(at.button(key="state-open").click())
    assert store.get_workshop(w.id).state == "revealed"  # reopening keeps revealed results visible


def test_a_stale_override_control_never_writes_back(store):
    """Two facilitators on Resultat → Justera tolkning: B touching another control must not undo A's label."""
    from analysis.statistics.labels import Interpretation

    sample = store.list_workshops()[0]
    a, b = as_facilitator(app(w=sample.id)), as_facilitator(app(w=sample.id))
    for at in (a, b):
        run_ok(at)
    run_ok(next(s for s in a.selectbox if s.label == "Finansiera").set_value(Interpretation.HIGH))
    assert store.overrides(sample.id) == {"finansiera": "high"}
    run_ok(b.segmented_control(key="results-sort").set_value("mean"))  # B's page was opened before A's change
    assert store.overrides(sample.id) == {"finansiera": "high"}
    assert next(s for s in b.selectbox if s.label == "Finansiera").value == Interpretation.HIGH  # B sees A's choice


def test_a_page_left_open_on_a_renewed_link_cannot_save(store, workshop):
    w, group = workshop
    at = group_app(w, group)
    store.renew_token(group.id)
    for k in AXIS_KEYS:
        at.pills(key=f"rate-1-{k}").set_value(3.0)
    run_ok(at.button(key="submit-1").click())
    assert [e.value for e in at.error] == [sv("bad_link")] or any("länk" in e.value for e in at.error)
    assert store.saved_values(w.id, group.id) == {}


def test_a_read_only_database_shows_a_swedish_message_not_a_traceback(store, workshop, fresh_env, monkeypatch):
    from survey.ui import get_store

    w, group = workshop
    store.dispose()
    get_store.clear()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{fresh_env / 'db.sqlite'}?mode=ro&uri=true")
    at = group_app(w, group)
    for k in AXIS_KEYS:
        at.pills(key=f"rate-1-{k}").set_value(3.0)
    run_ok(at.button(key="submit-1").click())
    [error] = [e.value for e in at.error]
    assert "databasen går inte att skriva" in error and "Traceback" not in page_text(at)
    assert not at.exception


def test_an_imported_file_with_one_bad_row_saves_nothing(store, workshop):
    w, group = workshop
    store.revoke_group(store.add_group(w.id, "Spärrad").id)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["grupp", "Finansiera", "Strategiskt/proaktivt", "Uppföljning"])
    sheet.append(["Ny grupp A", 3, 3, 3])
    sheet.append(["grupp  ett", 4, 4, 4])
    sheet.append(["spärrad", 5, 5, 5])
    data = io.BytesIO()
    book.save(data)
    from survey.importer import read_ratings

    ratings = read_ratings(data.getvalue(), filename="betyg.xlsx", scale=w.scale)
    with pytest.raises(ValidationError) as info:
        store.import_ratings(w.id, ratings)
    assert "Spärrad" in str(info.value)
    assert "Ny grupp A" not in [g.name for g in store.groups(w.id)]


def test_a_download_from_a_stale_appendix_page_gives_a_visitor_nothing_once_hidden(store):
    """The files come from a fresh snapshot; by then the facilitator may have hidden the results."""
    from survey.pages.appendix import appendix_files
    from survey.store import ClosedError

    def _render(store, workshop_id, lg, narrative, fmt, admin):
        return appendix_files(store, workshop_id, lg, narrative, admin)[fmt]

    sample = store.list_workshops()[0]
    assert _render(store, sample.id, "sv", "", "md", False)  # revealed: the visitor gets the appendix
    store.set_revealed(sample.id, False)
    with pytest.raises(ClosedError):
        _render(store, sample.id, "sv", "", "md", False)
    assert _render(store, sample.id, "sv", "", "md", True)  # the facilitator still does
    store.set_revealed(sample.id, True)
    store.delete_workshop(sample.id)
    with pytest.raises(ClosedError):
        _render(store, sample.id, "sv", "", "md", False)



def test_the_appendix_help_says_whether_the_text_is_a_draft_or_the_saved_one(store):
    from streamlit.testing.v1 import AppTest

    from tests.pages.helpers import TIMEOUT, run_ok, sv

    sample = store.list_workshops()[0]

    def captions() -> list[str]:
        at = AppTest.from_string("from survey.pages.appendix import page\npage()\n", default_timeout=TIMEOUT)
        at.query_params["w"] = sample.id
        return [c.value for c in run_ok(at).caption]

    assert sv("narrative_help") in captions() and sv("narrative_help_saved") not in captions()
    store.set_narrative(sample.id, "sv", "## Vår text\nSparad av sekreteraren.")
    shown = captions()
    assert sv("narrative_help_saved") in shown and sv("narrative_help") not in shown
