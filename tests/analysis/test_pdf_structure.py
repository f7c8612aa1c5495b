"""What the accessibility statement says about the appendix files, held to the files: the PDF is not tagged
(fpdf2 2.8.9 cannot tag headings, paragraphs and tables; README "Accessibility and language"), only its
chart is, with its text alternative; the Word file is the accessible original, with real headings and a real
table whose header row repeats. The day fpdf2 tags more, the first test fails: update the statement then."""

from __future__ import annotations

import io

import pytest

from analysis.appendix.formats import render
from analysis.appendix.model import build_appendix


@pytest.fixture(scope="module")
def appendix():
    from survey.importer import read_ratings
    from tests.conftest import SAMPLE_CSV

    return build_appendix(read_ratings(SAMPLE_CSV), title="Medlemssamråd 2026", date="2026-02-27",
                          questions=[("Var gör förbunden störst skillnad?", [("Grupp 1", ["Individnära insatser"])],
                                      "", "")])


def _structure(pdf: bytes) -> list[tuple[str, str | None]]:
    """The structure tree, depth first, as (type, alternative text)."""
    from pypdf import PdfReader

    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    found: list[tuple[str, str | None]] = []

    def walk(element) -> None:
        element = element.get_object()
        if not hasattr(element, "get"):
            return  # a marked-content id
        if element.get("/S") is not None:
            found.append((str(element["/S"]), None if element.get("/Alt") is None else str(element["/Alt"])))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            walk(kid)

    walk(root["/StructTreeRoot"])
    return found


def test_the_pdf_tags_only_its_chart_as_the_statement_says(appendix):
    from survey.texts import TEXTS

    assert _structure(render(appendix, "pdf")) == [("/Document", None), ("/Figure", appendix.t("chart_alt"))]
    for lang, words in (("sv", ("PDF", "inte taggad", "Word-filen")), ("en", ("PDF", "not tagged", "Word file"))):
        assert all(w in TEXTS[lang]["a11y_gap_pdf"] for w in words), lang


def test_the_word_file_has_real_headings_and_a_real_table(appendix):
    import docx

    document = docx.Document(io.BytesIO(render(appendix, "docx")))
    styles = [p.style.name for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert styles[0] == "Title" and "Heading 1" in styles and "Heading 2" in styles
    minutes = next(t for t in document.tables if t.rows[0].cells[0].text == "Axel")
    assert [c.text for c in minutes.rows[0].cells] == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    assert minutes.rows[0]._tr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}trPr/"
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    inline = document.inline_shapes[0]._inline
    assert inline.docPr.get("descr") == appendix.t("chart_alt")
