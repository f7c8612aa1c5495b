"""The CLI's appendix of a workshop in the database is the appendix page's download, format by format:
the text of every paragraph and table cell (Word), every page (PDF), every cell (Excel), the whole file
(Markdown, CSV) and the very bytes of the chart (PNG, SVG)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from analysis.appendix import FORMATS
from survey.cli import main
from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle
from tests.conftest import SAMPLE_CSV


def _text(fmt: str, data: bytes):
    if fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(data))
        cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
        return [p.text for p in doc.paragraphs], cells
    if fmt == "pdf":
        from pypdf import PdfReader

        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data))
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
    return data  # md, csv, png, svg: the whole file


def _a_full_workshop(url: str) -> str:
    """The sample workshop with everything an appendix can hold: answers and a summary, comments, an
    override, an edited narrative and a second round."""
    store = Store(url)
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    store.set_state(w.id, "open")
    groups = store.groups(w.id)
    store.submit(w.id, groups[0].id, {a.key: 4 for a in w.axes}, comments={"motesplats": "Finns redan | hos *parterna*"},
                 entered_by="facilitator")
    first = store.questions(w.id)[0]
    store.save_answers(w.id, groups[1].id, first.id, ["Individnära insatser", "# inte en rubrik"])
    store.set_question_summary(first.id, "Individen i **centrum**")
    store.set_override(w.id, "forvalta", "medium")
    store.set_narrative(w.id, "sv", "## Vår bild\n\nFinansiering först.\n\n- **Mötesplats** delar oss")
    store.open_round2(w.id, ["motesplats"])
    for g, value in zip(groups, (3, 3.5, 3, 4)):
        store.submit(w.id, g.id, {"motesplats": value}, round=2, entered_by="facilitator")
    store.set_revealed(w.id, True)
    store.dispose()
    return w.id


@pytest.mark.parametrize("lang", ["sv", "en"])  # sv: the saved narrative; en: the draft, through the text box
def test_the_cli_writes_the_appendix_the_page_downloads(browser, tmp_path, lang):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    workshop_id = _a_full_workshop(url)
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page = ctx.new_page()
        page.goto(f"{server.url}/bilaga?w={workshop_id}" + ("&lang=en" if lang == "en" else ""))
        wait_idle(page)
        expect(page.get_by_role("button", name="Word (.docx)")).to_be_visible()
        for f in FORMATS.values():
            with page.expect_download() as download:
                page.get_by_role("button", name=f.label, exact=True).click()
            web = tmp_path / f"web{f.suffix}"
            download.value.save_as(web)
            cli = tmp_path / f"cli{f.suffix}"
            assert main(["report", "--db", url, "--workshop", workshop_id, "--lang", lang, "-o", str(cli)]) == 0
            assert download.value.suggested_filename == ("bilaga" if lang == "sv" else "appendix") + "-2026-02-27" + f.suffix
            assert _text(f.key, web.read_bytes()) == _text(f.key, cli.read_bytes()), f.key
        ctx.close()
    finally:
        server.stop()
    text = (tmp_path / "cli.md").read_text(encoding="utf-8")
    for expected in ("Individnära insatser", "Finns redan \\| hos \\*parterna\\*", "(justerad)" if lang == "sv" else "(adjusted)"):
        assert expected in text, expected
    assert ("Vår bild" in text) == (lang == "sv")


def test_downloads_arrive_while_the_rooms_phones_poll(browser, tmp_path):
    """Found under load in CI: a file built when its button was pressed was left unreferenced by Streamlit,
    and the next script run of any session (every phone polls every 2 s) deleted it before the browser
    fetched it: 404, download cancelled. Five phones poll here while every format is downloaded."""
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    workshop_id = _a_full_workshop(url)
    store = Store(url)
    links = [f"/?w={workshop_id}&g={g.token}" for g in store.groups(workshop_id)]
    store.dispose()
    server = start_app(tmp_path, database_url=url)
    try:
        ctx = browser.new_context(viewport={"width": 390, "height": 844})
        for link in (links * 2)[:5]:
            ctx.new_page().goto(server.url + link)
        page = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True).new_page()
        page.goto(f"{server.url}/bilaga?w={workshop_id}")
        wait_idle(page)
        for f in FORMATS.values():
            with page.expect_download() as download:
                page.get_by_role("button", name=f.label, exact=True).click()
            assert download.value.failure() is None, f.key
        ctx.close()
    finally:
        server.stop()
