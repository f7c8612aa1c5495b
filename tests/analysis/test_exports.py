"""Every export read back with the library a reader would use: python-docx, pypdf, openpyxl, csv."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import numpy as np
import pytest

from analysis import Ratings, summarize
from analysis.figures.radar import group_style
from analysis.appendix.model import build_appendix
from analysis.appendix.formats import FORMATS, ExportFormatError, format_for_path, render, to_csv
from analysis.appendix.markdown import to_markdown
from analysis.statistics.labels import INTERPRETATION_TEXT
from analysis.model import DEFAULT_AXES, Axis
from tests.conftest import SAMPLE_CSV
from tests.conftest import SEED_TABLE

EN_LEAKS = ["Mean", "Values", "Spread", "Interpretation", "Axis", "Summary", "Strong consensus", "Polarised",
            "Disagreement", "Mostly high", "Fairly high", "Clearly low", "Page", "groups"]
SV_LEAKS = ["Medel", "Värden", "Spridning", "Tolkning", "Axel", "Sammanfattning", "Stark samsyn", "Polariserat",
            "Oenighet", "Övervägande högt", "Relativt högt", "Tydligt lågt", "Sida", "grupper", "Mötesplats"]

QUESTIONS = [
    ("Var ska förbunden göra störst skillnad på sikt?",
     [("Grupp 1", ["Individnära insatser", "Nya arbetssätt mellan organisationerna"]), ("Grupp 2", ["Fler i arbete"])],
     "**Fokus på individen.**\n\nStruktur och samverkan stödjer.\n- individer stärks\n- samverkan fördjupas",
     "Individ eller struktur?"),
]
COMMENTS = {"motesplats": [("Grupp 2", "En viktig arena för parterna")]}


def words(text: str, candidates) -> list[str]:
    return [w for w in candidates if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(w)}(?![\wåäöÅÄÖ])", text)]


@pytest.fixture(scope="module")
def ratings():
    from survey.importer import read_ratings

    return read_ratings(SAMPLE_CSV)


def round2(ratings):
    r2 = ratings.subset_axes(["motesplats", "metodutveckling"])
    return Ratings(r2.groups, r2.axes, np.array([[3, 3], [4, 2.5], [3, 3], [3.5, 3]]), r2.scale)


@pytest.fixture(scope="module")
def appendix_sv(ratings):
    return build_appendix(ratings, title="Medlemssamråd 2026", date="2026-02-27", place="Vrigstad",
                          federation="Samordningsförbunden i Jönköpings län", questions=QUESTIONS,
                          comments=COMMENTS, round2=round2(ratings))


@pytest.fixture(scope="module")
def appendix_en(ratings):
    questions = [("Where should the federations make the biggest difference?",
                  [("Grupp 1", ["Individual support"])], "**Individuals first.**")]
    return build_appendix(ratings, title="Member consultation 2026", date="2026-02-27", place="Vrigstad",
                          lang="en", questions=questions, comments={"motesplats": [("Grupp 2", "A key arena")]},
                          round2=round2(ratings))


@pytest.fixture(scope="module")
def formula_appendix():
    """Names and comments a spreadsheet would run as formulas."""
    axes = (Axis("plus", "+Axel", "+Axis"), *DEFAULT_AXES[:2])
    r = Ratings.from_rows([("=SUM(A1)", [4, 3, None]), ("@grupp", [2, 4, 5]), ("-minus", [3, 3, 4])], axes)
    return build_appendix(r, title="=HYPERLINK(\"http://x\")", comments={"plus": [("=SUM(A1)", "-1 poäng")]})


# --- Word ---------------------------------------------------------------------------------------


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def docx_sv(appendix_sv):
    import docx

    return docx.Document(io.BytesIO(render(appendix_sv, "docx")))


def minutes_table(document):
    tables = [t for t in document.tables if t.rows[0].cells[0].text in ("Axel", "Axis")]
    return tables[0]


def test_docx_minutes_table(docx_sv):
    table = minutes_table(docx_sv)
    assert [c.text for c in table.rows[0].cells] == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    assert table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") \
        is not None, "the header row repeats on every page"
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(body) == 8
    for ours, seed in zip(body, SEED_TABLE):
        assert (ours[0], ours[1], ours[2], ours[4]) == (seed[0], seed[1], seed[2], seed[4])
    assert body[5] == ["Mötesplats", "2,5; 5; 2", "3,2 *", "Hög", "Polariserat"]


def test_docx_footnote_picture_and_sections(docx_sv):
    paragraphs = [p.text for p in docx_sv.paragraphs]
    footnote = [p for p in paragraphs if p.startswith("* Mötesplats")]
    assert footnote and "Grupp 4" in footnote[0]
    assert len(docx_sv.inline_shapes) == 1
    headings = [p.text for p in docx_sv.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Medlemssamråd 2026"
    for h in ("Gruppernas skattningar", "Analys", "Tydlig samsyn och höga skattningar", "Samlad bild",
              "Gruppdiskussion", "1. Var ska förbunden göra störst skillnad på sikt?", "Sammanfattning",
              "Kommentarer per axel", "Omskattning (omgång 2)"):
        assert h in headings
    assert headings.index("Gruppdiskussion") < headings.index("Kommentarer per axel")


def test_docx_bold_axis_names_and_bullets(docx_sv):
    bold = {r.text for p in docx_sv.paragraphs for r in p.runs if r.bold}
    assert {"Finansiera", "Mötesplats", "Grupp 1", "Fokus på individen."} <= bold
    bullets = [p.text for p in docx_sv.paragraphs if p.style.name == "List Bullet"]
    assert "Individnära insatser" in bullets and "individer stärks" in bullets
    assert any(b.startswith("Grupp 2: En viktig arena") for b in bullets)
    assert not any("**" in p.text for p in docx_sv.paragraphs)


def test_docx_round_comparison_and_meta(docx_sv):
    comparison = [t for t in docx_sv.tables if t.rows[0].cells[1].text == "Medel (omgång 1 → 2)"]
    assert comparison and comparison[0].rows[1].cells[1].text == "3,2 * → 3,4"
    meta = docx_sv.tables[0]
    assert [c.text for c in meta.rows[0].cells] == ["Datum", "2026-02-27"]
    assert docx_sv.core_properties.title == "Medlemssamråd 2026"


def test_docx_swedish_only(docx_sv):
    assert words(docx_text(docx_sv), EN_LEAKS) == []


def test_docx_english_only(appendix_en):
    import docx

    document = docx.Document(io.BytesIO(render(appendix_en, "docx")))
    text = docx_text(document)
    assert words(text, SV_LEAKS) == []
    assert "Strong consensus" in text and "3.2 *" in text and "Meeting place" in text
    assert [c.text for c in minutes_table(document).rows[0].cells] == ["Axis", "Values", "Mean", "Spread",
                                                                       "Interpretation"]


def test_docx_survives_control_characters(ratings):
    a = build_appendix(ratings, title="Titel\x07", comments={"finansiera": [("Grupp 1", "rad\x0bbrytning\x00")]})
    import docx

    document = docx.Document(io.BytesIO(render(a, "docx")))
    assert "radbrytning" in docx_text(document)


# --- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_sv(appendix_sv):
    return render(appendix_sv, "pdf")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_text_is_selectable_and_swedish(pdf_sv):
    assert pdf_sv.startswith(b"%PDF-")
    text = pdf_text(pdf_sv)
    for needle in ("Mötesplats", "Förvalta", "3,2 *", "Stark samsyn", "Påverka samverkan", "Uppföljning",
                   "Övervägande högt", "4,75", "2,5; 5; 2", "Gruppdiskussion", "Omskattning (omgång 2)"):
        assert needle in text, needle
    assert "✔ Stark samsyn" in text and "⇄ Polariserat" in text and "≠ Oenighet" in text
    assert "* Mötesplats: 1 av 4 grupper saknar värde" in text
    assert words(text, EN_LEAKS) == []


def test_pdf_embeds_dejavu(pdf_sv):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_sv))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/ToUnicode" in font
    assert any("DejaVu" in f for f in fonts)
    assert reader.metadata.title == "Medlemssamråd 2026"
    assert len(reader.pages[0].images) == 1


def test_pdf_english_only(appendix_en):
    text = pdf_text(render(appendix_en, "pdf"))
    assert "Meeting place" in text and "3.2 *" in text and "Strong consensus" in text
    assert words(text, SV_LEAKS) == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_first_page_renders(pdf_sv, tmp_path):
    source = tmp_path / "bilaga.pdf"
    source.write_bytes(pdf_sv)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].read_bytes().startswith(b"\x89PNG")


def test_pdf_font_falls_back_to_matplotlib(monkeypatch):
    from analysis.appendix import pdf as export_pdf

    export_pdf.font_path.cache_clear()
    monkeypatch.setattr(export_pdf, "DEBIAN_FONTS", export_pdf.Path("/nonexistent"))
    try:
        path = export_pdf.font_path("sans", "B")
        assert "matplotlib" in path and path.endswith("DejaVuSans-Bold.ttf")
    finally:
        export_pdf.font_path.cache_clear()


# --- Excel --------------------------------------------------------------------------------------


def load_xlsx(data: bytes):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_three_sheets_with_numbers(appendix_sv):
    wb = load_xlsx(render(appendix_sv, "xlsx"))
    assert wb.sheetnames == ["Sammanställning", "Skattningar", "Inställningar"]
    summary = wb["Sammanställning"]
    header = [c.value for c in summary[1]]
    assert header[:5] == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    assert "Konsensus (Tastle–Wierman)" in header
    row = {h: c for h, c in zip(header, summary[7])}
    assert row["Axel"].value == "Mötesplats" and row["Medel"].value == "3,2 *" and row["Värden"].value == "2,5; 5; 2"
    assert row["n"].value == 3 and row["Saknas"].value == "Grupp 4"
    mean = row["Medelvärde"]
    assert mean.data_type == "n" and mean.value == pytest.approx(19 / 6) and mean.number_format == "0.00"
    assert row["Konsensus (Tastle–Wierman)"].data_type == "n"
    assert summary.cell(row=11, column=1).value.startswith("* Mötesplats")
    raw = wb["Skattningar"]
    assert [c.value for c in raw[1]][:2] == ["Grupp", "Finansiera"]
    assert raw.cell(row=5, column=7).value is None, "Grupp 4 skipped Mötesplats: an empty cell, not 0"
    assert raw.cell(row=2, column=4).value == 4.5
    settings = {r[0].value: r[1].value for r in wb["Inställningar"].iter_rows(min_row=2)}
    assert settings["Skalans steg"] == 0.5 and settings["Titel"] == "Medlemssamråd 2026"
    assert settings["Högt när medelvärdet är minst"] == 4
    assert settings["För få svar när antalet svar är under"] == 3


def test_xlsx_english(appendix_en):
    wb = load_xlsx(render(appendix_en, "xlsx"))
    assert wb.sheetnames == ["Summary", "Ratings", "Settings"]
    assert wb["Summary"]["A2"].value == "Finance" and wb["Summary"]["E2"].value == "Strong consensus"


def test_xlsx_formula_looking_text_stays_text(formula_appendix):
    wb = load_xlsx(render(formula_appendix, "xlsx"))
    raw = wb["Skattningar"]
    for cell, expected in ((raw["A2"], "=SUM(A1)"), (raw["A3"], "@grupp"), (raw["A4"], "-minus"),
                           (raw["B1"], "+Axel")):
        assert cell.data_type == "s" and cell.value == expected and cell.quotePrefix
    summary = wb["Sammanställning"]
    assert summary["A2"].value == "+Axel" and summary["A2"].data_type == "s"
    assert summary["G4"].value == "=SUM(A1)" and summary["G4"].data_type == "s"
    title = [r[1] for r in wb["Inställningar"].iter_rows(min_row=2) if r[0].value == "Titel"][0]
    assert title.value == '=HYPERLINK("http://x")' and title.data_type == "s"


# --- CSV, Markdown, pictures --------------------------------------------------------------------


def test_csv_swedish_excel_dialect(appendix_sv):
    data = render(appendix_sv, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    assert rows[1][:5] == ["Finansiera", "5; 5; 4; 5", "4,75", "Mycket låg", "Stark samsyn"]
    assert rows[6][2] == "3,2 *" and len(rows) == 9


def test_csv_english(appendix_en):
    rows = list(csv.reader(io.StringIO(render(appendix_en, "csv").decode("utf-8-sig"))))
    assert rows[1][:3] == ["Finance", "5; 5; 4; 5", "4.75"]


def test_csv_formula_cells_get_an_apostrophe(formula_appendix):
    rows = list(csv.reader(io.StringIO(to_csv(formula_appendix).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'+Axel"
    assert rows[3][6] == "'=SUM(A1)"


def test_markdown_table_and_sections(appendix_sv):
    md = render(appendix_sv, "md").decode("utf-8")
    assert md.startswith("# Medlemssamråd 2026\n")
    assert "| Axel | Värden | Medel | Spridning | Tolkning |" in md
    assert "| Mötesplats | 2,5; 5; 2 | 3,2 \\* | Hög | Polariserat |" in md
    assert "**Finansiera** (medel 4,75)" in md
    assert "### 1. Var ska förbunden göra störst skillnad på sikt?" in md
    assert "- **Grupp 2:** En viktig arena för parterna" in md
    assert "| Mötesplats | 3,2 \\* → 3,4 |" in md
    assert words(md, EN_LEAKS) == []


def test_markdown_escapes_user_text(ratings):
    a = build_appendix(ratings, title="A | B *C*", comments={"finansiera": [("# Grupp", "1. inte en lista <b>")]},
                       narrative="## Rubrik\n\n# inte rubrik?\n\n1. inte heller")
    md = to_markdown(a, image="radar.png")
    assert md.startswith("# A \\| B \\*C\\*\n")
    assert "- **# Grupp:** 1. inte en lista \\<b\\>" in md
    assert "![Spindeldiagram över gruppernas skattningar](radar.png)" in md
    assert "\n1\\. inte heller\n" in md


def test_pictures(appendix_sv):
    png = render(appendix_sv, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png is appendix_sv.chart_png()
    svg = render(appendix_sv, "svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg[:600]


def test_one_list_of_formats():
    assert list(FORMATS) == ["docx", "pdf", "md", "xlsx", "csv", "png", "svg"]
    for key, f in FORMATS.items():
        assert f.key == key and f.suffix == f".{key}" and f.media_type and f.label
    assert format_for_path("x/Bilaga.DOCX").key == "docx" and format_for_path("a.markdown").key == "md"
    for bad in ("bilaga.txt", "bilaga", "bilaga.doc"):
        with pytest.raises(ExportFormatError):
            format_for_path(bad)


def test_unknown_format(appendix_sv):
    with pytest.raises(ExportFormatError):
        render(appendix_sv, "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_for_a_workshop_with_too_few_answers(fmt):
    r = Ratings.from_rows([("A", [4, None]), ("B", [5, 2])], DEFAULT_AXES[:2])
    for lang in ("sv", "en"):
        data = render(build_appendix(r, title="Liten", lang=lang), fmt)
        assert data


def test_one_axis_one_group_renders():
    r = Ratings.from_rows([("Ensam", [3])], DEFAULT_AXES[:1])
    a = build_appendix(r, title="Minsta möjliga")
    assert "Mötesplats" not in pdf_text(render(a, "pdf"))
    assert render(a, "docx") and render(a, "png")


def test_interpretation_words_are_complete():
    """The leak lists above cover every label the table can show."""
    for label in INTERPRETATION_TEXT["en"].values():
        assert label in EN_LEAKS or label in ("High", "Medium", "Low-medium", "Medium/slightly lower",
                                               "Too few answers")


def test_chart_draws_gaps_not_zeros(ratings):
    from analysis.figures.print_chart import radar_figure
    from analysis.figures.radar import radar_data

    summary = summarize(ratings)
    fig = radar_figure(radar_data(summary, ratings, "sv"), "sv")
    ax = fig.axes[0]
    assert ax.get_ylim() == (1.0, 5.0)
    colour4 = group_style(3).colour
    group4 = [line for line in ax.lines if line.get_color() == colour4 and line.get_linestyle() != "None"][0]
    y = np.asarray(group4.get_ydata(), dtype=float)
    assert np.isnan(y[5]) and not np.isnan(y).all() and np.nanmin(y) >= 1
    mean = [line for line in ax.lines if line.get_color() == "#000000" and line.get_linestyle() == "-"][0]
    assert mean.get_linewidth() > group4.get_linewidth()
    labels = [t.get_text() for t in ax.texts]
    assert "Mötesplats ⇄\n(n=3)" in labels and "Finansiera ✔" in labels
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4", "Medel", "Min–max"]


def test_chart_band_splits_around_an_axis_without_enough_answers():
    from analysis.figures.print_chart import _band_path

    theta = [0.0, 1.0, 2.0, 3.0]
    full = _band_path(theta, (1, 2, 1, 2), (3, 4, 3, 4))
    assert list(full.codes).count(1) == 2, "a ring with a hole: two sub-paths"
    gap = _band_path(theta, (1, None, 1, 2), (3, None, 3, 4))
    assert list(gap.codes).count(1) == 1 and len(gap.vertices) == 7
    assert _band_path(theta, (None, None, 1, None), (None, None, 3, None)) is None


def test_many_groups_get_a_taller_chart_not_a_smaller_one():
    from analysis.figures.print_chart import radar_figure
    from analysis.figures.radar import radar_data

    rng = np.random.default_rng(7)
    values = rng.integers(0, 9, (20, 3)) * 0.5 + 1.0
    r = Ratings(tuple(f"G{i}" for i in range(20)), DEFAULT_AXES[:3], values)
    three = Ratings(r.groups[:3], r.axes, r.values[:3])
    few = radar_figure(radar_data(summarize(three), three, "sv"))
    many = radar_figure(radar_data(summarize(r), r, "sv"))
    assert many.get_figheight() > few.get_figheight()
    assert many.axes[0].get_position().height * many.get_figheight() == pytest.approx(
        few.axes[0].get_position().height * few.get_figheight())
    first = group_style(0).colour
    dashes = {str(line._unscaled_dash_pattern) for line in many.axes[0].lines
              if line.get_color() == first and line.get_linestyle() != "None"}
    markers = {line.get_marker() for line in many.axes[0].lines if line.get_color() == first} - {"None"}
    assert len(dashes) >= 2 and len(markers) >= 2, "groups that share a colour differ in line style and marker"


# --- Names that look like markup: drawn and written exactly as typed (issue 11) -------------------

MATH_NAMES = ("Budget $100 vs $200", r"\frac{a}{b} $x_$", "_x_ ^ $^$")


@pytest.fixture(scope="module")
def math_appendix():
    axes = tuple(Axis(f"m{i}", name, name) for i, name in enumerate(MATH_NAMES))
    r = Ratings.from_rows([(name, [4, 3 + i, 2]) for i, name in enumerate(MATH_NAMES)], axes)
    return build_appendix(r, title="Budget $100 vs $200 \\frac{a}{b} _x_ ^", place="$x_$", federation="$^$",
                          comments={"m0": [(MATH_NAMES[1], "kostar $100 vs $200")]})


def test_chart_draws_dollar_signs_as_typed_not_as_mathtext(math_appendix):
    from analysis.figures.print_chart import _wrap, radar_figure
    from analysis.figures.radar import radar_data

    a = math_appendix
    rd = radar_data(a.summary, a.ratings, "sv")
    assert [label.startswith(name) for label, name in zip(rd.axis_labels, MATH_NAMES)] == [True] * 3
    fig = radar_figure(rd, "sv")
    texts = [*fig.axes[0].texts, *fig.legends[0].get_texts()]
    assert all(t.get_parse_math() is False for t in texts), [t.get_text() for t in texts if t.get_parse_math()]
    labels = [t.get_text() for t in fig.axes[0].texts]
    for label in rd.axis_labels:
        assert _wrap(label) in labels
    assert [t.get_text() for t in fig.legends[0].get_texts()][:3] == list(MATH_NAMES)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_chart_with_mathtext_in_names_renders(math_appendix, fmt):
    data = render(math_appendix, fmt)
    assert data.startswith(b"\x89PNG" if fmt == "png" else b"<?xml")


def test_word_and_pdf_with_mathtext_in_names_render_and_read_back_as_typed(math_appendix):
    import docx

    document = docx.Document(io.BytesIO(render(math_appendix, "docx")))
    text = docx_text(document)
    for needle in (*MATH_NAMES, "Budget $100 vs $200 \\frac{a}{b} _x_ ^", "kostar $100 vs $200"):
        assert needle in text, needle
    pdf = pdf_text(render(math_appendix, "pdf"))
    for needle in ("Budget $100 vs $200 \\frac{a}{b} _x_ ^", r"\frac{a}{b} $x_$", "_x_ ^ $^$",
                   "kostar $100 vs $200"):
        assert needle in pdf, needle


HTML_AXES = ("<img src=x onerror=alert(1)>", "A|B <b>fet</b> &amp; _x_", "[länk](javascript:alert(1))")
HTML_GROUPS = ("<i>Grupp</i> 1", "Grupp_2_ `kod`", '<img src=y onerror="alert(2)">')


@pytest.fixture(scope="module")
def html_appendix():
    axes = tuple(Axis(f"h{i}", name, name) for i, name in enumerate(HTML_AXES))
    r = Ratings.from_rows([(HTML_GROUPS[0], [4, 3, 2]), (HTML_GROUPS[1], [4, 4, 3]), (HTML_GROUPS[2], [5, None, 2])],
                          axes)
    r2 = Ratings(r.groups, axes[:1], np.array([[4], [4], [5]]), r.scale)
    return build_appendix(
        r, title="<script>alert(1)</script> & *Träff* | 2026", place="<b>Eksjö</b>", federation="&lt;b&gt; förbund",
        narrative="## <u>Rubrik</u>\n\nText <img src=z onerror=alert(3)> med **fet** stil.\n\n- punkt <b>x</b>\n- två",
        questions=[("Fråga <em>ett</em>?", [(HTML_GROUPS[0], ["<iframe src=x></iframe>", "**viktigt** <br>"]),
                                              (HTML_GROUPS[1], ["1. inte en lista"])],
                    "## Sammanfattat\n- punkt <s>x</s>\n\n**Slut** <a href=x>y</a>", "<marquee>beskrivning</marquee>")],
        comments={"h0": [(HTML_GROUPS[2], '<a href="https://x.example">klicka</a> | & ~~nej~~')]},
        round2=r2,
    )


class _Tags:
    """Tags, attributes and text of rendered HTML, as a browser's parser sees them."""

    def __init__(self, markup: str) -> None:
        from html.parser import HTMLParser

        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.tags.append((tag, dict(attrs)))

            def handle_data(self, data):
                outer.text.append(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(markup)
        parser.close()


def test_markdown_is_text_under_a_commonmark_renderer(html_appendix):
    from markdown_it import MarkdownIt

    md = render(html_appendix, "md").decode("utf-8")
    markup = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    page = _Tags(markup)
    allowed = {"h1", "h2", "h3", "p", "br", "strong", "em", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
    assert {tag for tag, _ in page.tags} <= allowed, {tag for tag, _ in page.tags} - allowed
    assert all(not attrs or set(attrs) == {"style"} for tag, attrs in page.tags if tag in ("th", "td")) and all(
        not attrs for tag, attrs in page.tags if tag not in ("th", "td")), "no attribute from user text"
    text = "".join(page.text)
    for typed in (*HTML_AXES, *HTML_GROUPS, "<script>alert(1)</script> & *Träff* | 2026", "<b>Eksjö</b>",
                  "&lt;b&gt; förbund", "<u>Rubrik</u>", "Text <img src=z onerror=alert(3)> med ", "punkt <b>x</b>",
                  "Fråga <em>ett</em>?", "<iframe src=x></iframe>", "<br>", "<marquee>beskrivning</marquee>",
                  "punkt <s>x</s>", "<a href=x>y</a>", '<a href="https://x.example">klicka</a> | & ~~nej~~'):
        assert typed in text, typed
    # the appendix's own markup still works: headings, bullets and bold from the narrative and summaries
    assert "<h3>&lt;u&gt;Rubrik&lt;/u&gt;</h3>" in markup
    assert "<strong>fet</strong>" in markup and "<li>punkt &lt;b&gt;x&lt;/b&gt;</li>" in markup
    assert "<strong>Slut</strong>" in markup and "**viktigt** &lt;br&gt;" in markup  # a group's point is text
    footnote = [t for t in page.text if "saknar värde" in t]
    assert footnote and HTML_GROUPS[2] in footnote[0]


def test_markdown_table_cells_keep_a_pipe_in_a_name(html_appendix):
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    md = render(html_appendix, "md").decode("utf-8")
    rows: list[list[str]] = []

    class Cells(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                rows.append([])
            elif tag in ("td", "th"):
                rows[-1].append("")

        def handle_data(self, data):
            if rows and rows[-1]:
                rows[-1][-1] += data

    Cells(convert_charrefs=True).feed(MarkdownIt("commonmark").enable("table").render(md))
    assert {len(r) for r in rows} == {5}, "a | in a name never splits a cell"
    assert [r[0].strip() for r in rows[1:4]] == list(HTML_AXES)


def test_word_and_pdf_write_names_comments_and_descriptions_as_typed(ratings):
    """Only the narrative and the facilitator's summaries may use **bold**; names, comments and the groups'
    discussion points are text, as the pages show them."""
    import docx

    r = Ratings((*ratings.groups[:3], "**Grupp** 4"), ratings.axes, ratings.values, ratings.scale)
    a = build_appendix(r, title="T", comments={"motesplats": [("**Grupp** 1", "**inte fet** kommentar")]},
                       questions=[("Fråga", [("**Grupp** 1", ["**inte fet** punkt"])], "", "**inte fet** beskrivning")])
    document = docx.Document(io.BytesIO(render(a, "docx")))
    text = docx_text(document)
    for typed in ("**inte fet** kommentar", "**inte fet** beskrivning", "**Grupp** 1", "**inte fet** punkt"):
        assert typed in text, typed
    assert "\\*\\*inte fet\\*\\* punkt" in render(a, "md").decode()
    assert "(**Grupp** 4)" in [p.text for p in document.paragraphs if "saknar värde" in p.text][0], "footnote"
    pdf = pdf_text(render(a, "pdf"))
    for typed in ("**inte fet** kommentar", "**inte fet** beskrivning", "**Grupp** 1:", "**Grupp** 1\n",
                  "(**Grupp** 4)", "**inte fet** punkt"):
        assert typed in pdf, typed


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_names = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                 min_size=1, max_size=40).map(str.strip).filter(bool)


@pytest.mark.filterwarnings("ignore:Glyph")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(groups=st.lists(_names, min_size=1, max_size=5, unique_by=str.casefold), title=_names, comment=_names,
       lang=st.sampled_from(["sv", "en"]))
def test_any_names_render_in_every_format(groups, title, comment, lang):
    values = np.array([[4, 2.5, None][: 3] for _ in groups], dtype=float)
    r = Ratings(tuple(groups), DEFAULT_AXES[:3], values)
    a = build_appendix(r, title=title, lang=lang, comments={"finansiera": [(groups[0], comment)]},
                       questions=[(comment, [(groups[0], [comment])], comment)])
    for fmt in FORMATS:
        assert render(a, fmt)
    wb = load_xlsx(render(a, "xlsx"))
    assert [c.value for c in wb[a.t("sheet_ratings")]["A"][1:]] == [
        re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", g) or None for g in groups]
