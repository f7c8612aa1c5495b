"""The appendix as a Word document: the main format, the one secretaries paste into the minutes."""

from __future__ import annotations

import io
import re
from typing import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analysis.appendix.model import Appendix
from analysis.appendix.narrative import Block, spans, summary_blocks
from analysis.statistics.summary import ProfileSummary
from analysis.statistics.tables import HEADERS, minutes_rows

HEADER_FILL = "DCE6F1"
BAND_FILL = "F5F8FB"
BORDER = "A6B8CC"
MUTED = RGBColor(0x55, 0x5F, 0x6B)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
LANG_TAG = {"sv": "sv-SE", "en": "en-GB"}

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text Word can store: control characters (from a pasted comment, say) are dropped."""
    return _XML_ILLEGAL.sub("", text)


def _set_cell_fill(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _set_table_borders(table, colour: str = BORDER, inside: bool = True) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    edges = ("top", "left", "bottom", "right", "insideH", "insideV") if inside else ()
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if edge in edges:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), colour)
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    # Word insists on the schema's order of table properties, so the borders go before shading and layout.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription", "w:tblPrChange")


def _row_flags(row, header: bool = False) -> None:
    """Rows never split over a page; the header row repeats on every page the table covers."""
    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)
    if header:
        el = OxmlElement("w:tblHeader")
        tr_pr.append(el)


def _add_runs(paragraph, text: str, size: float | None = None, italic: bool = False, colour=None,
              markup: bool = True) -> None:
    """`**bold**` runs for text that may carry it (narrative, summaries); `markup=False` for user
    text that may not (footnotes built from names, question descriptions), which is written as typed."""
    for part, is_bold in spans(clean(text)) if markup else [(clean(text), False)]:
        run = paragraph.add_run(part)
        run.bold = is_bold or None
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour


def _paragraph(doc, text: str = "", style: str | None = None, size: float | None = None, italic: bool = False,
               colour=None, space_after: float | None = None, align=None, markup: bool = True):
    p = doc.add_paragraph(style=style)
    if text:
        _add_runs(p, text, size=size, italic=italic, colour=colour, markup=markup)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    if align is not None:
        p.alignment = align
    return p


def _blocks(doc, blocks: Sequence[Block]) -> None:
    for b in blocks:
        if b.bullet:
            _paragraph(doc, b.text, style="List Bullet", space_after=2)
        else:
            _paragraph(doc, b.text, space_after=6)


def _table(doc, header: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: Sequence[float],
           align_right: Sequence[int] = (), size: float = 9.5):
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_table_borders(table)
    for r, values in enumerate([header, *rows]):
        row = table.rows[r]
        _row_flags(row, header=r == 0)
        for c, (cell, value) in enumerate(zip(row.cells, values)):
            cell.width = Cm(widths_cm[c])
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.space_before = Pt(0)
            run = p.add_run(clean(value))
            run.font.size = Pt(size)
            if r == 0:
                run.bold = True
                run.font.color.rgb = ACCENT
                _set_cell_fill(cell, HEADER_FILL)
            elif r % 2 == 0:
                _set_cell_fill(cell, BAND_FILL)
            if c in align_right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for c, w in enumerate(widths_cm):
        table.columns[c].width = Cm(w)
    return table


def _minutes_table(doc, summary: ProfileSummary, lang: str) -> None:
    _table(doc, HEADERS[lang], minutes_rows(summary, lang), (4.4, 3.3, 1.9, 2.5, 4.2), align_right=(2,))
    notes = summary.footnotes(lang)
    for i, note in enumerate(notes):
        p = _paragraph(doc, note, size=8.5, italic=True, colour=MUTED, space_after=0 if i < len(notes) - 1 else 8,
                       markup=False)
        if i == 0:
            p.paragraph_format.space_before = Pt(4)


def _setup(doc, appendix: Appendix) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    # The document's language, so Word's spelling and hyphenation use Swedish (or English).
    r_pr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANG_TAG[appendix.lang])
    for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        st = styles[name]
        st.font.size = Pt(size)
        st.font.color.rgb = ACCENT
        st.font.name = "Calibri"
        rfonts = st.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts is not None and rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
    styles["Heading 1"].paragraph_format.space_before = Pt(16)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    props = doc.core_properties
    props.title = clean(appendix.title)
    props.language = LANG_TAG[appendix.lang]
    props.author = "Spindeln"
    props.comments = ""
    _footer(section, appendix)


def _footer(section, appendix: Appendix) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label, _, _ = appendix.t("page").partition("{n}")
    run = p.add_run(f"{clean(appendix.title)} · {label}")
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _meta(doc, appendix: Appendix) -> None:
    meta = appendix.meta()
    table = doc.add_table(rows=len(meta), cols=2)
    table.autofit = False
    _set_table_borders(table, inside=False)
    for row, (key, value) in zip(table.rows, meta):
        for cell, text, bold, width in zip(row.cells, (key, value), (True, False), (3.6, 12.6)):
            cell.width = Cm(width)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(clean(text))
            run.bold = bold or None
            run.font.size = Pt(10)
            if bold:
                run.font.color.rgb = MUTED
    for column, width in zip(table.columns, (3.6, 12.6)):
        column.width = Cm(width)


def to_docx(appendix: Appendix) -> bytes:
    """A Word document: title and meta, the minutes table with footnotes, the radar, the analysis,
    the discussion answers, comments per axis and the round comparison."""
    a = appendix
    doc = Document()
    _setup(doc, a)
    doc.add_heading(clean(a.title), level=0)
    _meta(doc, a)

    doc.add_heading(a.t("ratings_heading"), level=1)
    _paragraph(doc, a.intro())
    _minutes_table(doc, a.summary, a.lang)
    _paragraph(doc, a.t("reading"), size=8.5, colour=MUTED, space_after=10)

    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(io.BytesIO(a.chart_png()), width=Cm(14.0))
    doc.inline_shapes[-1]._inline.docPr.set("descr", a.t("chart_alt"))
    _paragraph(doc, a.t("chart_caption"), size=8.5, italic=True, colour=MUTED, space_after=2,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    if a.marks_legend():
        _paragraph(doc, f"{a.t('marks')}: {a.marks_legend()}", size=8.5, colour=MUTED,
                   align=WD_ALIGN_PARAGRAPH.CENTER)

    if a.narrative:
        doc.add_heading(a.t("narrative_heading"), level=1)
        for s in a.narrative:
            if s.heading:
                doc.add_heading(clean(s.heading), level=2)
            _blocks(doc, s.blocks)

    if a.questions:
        doc.add_heading(a.t("questions_heading"), level=1)
        for i, q in enumerate(a.questions, start=1):
            doc.add_heading(clean(f"{i}. {q.text}"), level=2)
            if q.description:
                _paragraph(doc, q.description, italic=True, colour=MUTED, markup=False)
            for answer in q.answers:
                p = _paragraph(doc, space_after=2)
                p.paragraph_format.keep_with_next = True
                p.add_run(clean(answer.group)).bold = True
                for point in answer.points:  # typed by a group: text, never markup
                    _paragraph(doc, point, style="List Bullet", space_after=0, markup=False)
                doc.paragraphs[-1].paragraph_format.space_after = Pt(6)
            if q.summary:
                doc.add_heading(a.t("summary"), level=3)
                _blocks(doc, summary_blocks(q.summary))

    if a.comments:
        doc.add_heading(a.t("comments_heading"), level=1)
        for c in a.comments:
            doc.add_heading(clean(c.name), level=3)
            for group, text in c.comments:
                p = _paragraph(doc, style="List Bullet", space_after=0)
                p.add_run(clean(group) + ": ").bold = True
                p.add_run(clean(text))
            doc.paragraphs[-1].paragraph_format.space_after = Pt(6)

    if a.round2 is not None:
        doc.add_heading(a.t("round2_heading"), level=1)
        _paragraph(doc, a.round2_intro())
        _table(doc, a.comparison_header(), a.comparison_rows(), (4.0, 3.0, 3.0, 3.1, 3.1), size=9)
        p = _paragraph(doc, a.t("cmp_note"), size=8.5, italic=True, colour=MUTED, space_after=8)
        p.paragraph_format.space_before = Pt(4)
        doc.add_heading(a.t("round2_table"), level=2)
        _minutes_table(doc, a.round2.summary, a.lang)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
