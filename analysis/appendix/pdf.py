"""The appendix as PDF (fpdf2), with DejaVu embedded so å ä ö and the marks ✔ ⇄ ≠ print and stay selectable."""

from __future__ import annotations

import io
import os
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from analysis.appendix.model import Appendix
from analysis.appendix.narrative import Block, spans, summary_blocks
from analysis.statistics.summary import ProfileSummary
from analysis.statistics.tables import HEADERS, minutes_rows

DEBIAN_FONTS = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    ("sans", ""): "DejaVuSans.ttf",
    ("sans", "B"): "DejaVuSans-Bold.ttf",
    ("sans", "I"): "DejaVuSans-Oblique.ttf",
    ("sans", "BI"): "DejaVuSans-BoldOblique.ttf",
    ("mono", ""): "DejaVuSansMono.ttf",
    ("mono", "B"): "DejaVuSansMono-Bold.ttf",
}
SANS, MONO = "DejaVu", "DejaVuMono"

ACCENT = (31, 58, 95)
MUTED = (85, 95, 107)
TEXT = (34, 34, 34)
HEADER_FILL = (220, 230, 241)
BAND_FILL = (245, 248, 251)
BORDER = (166, 184, 204)


@lru_cache(maxsize=None)
def font_path(family: str, style: str = "") -> str:
    """A DejaVu file: Debian's fonts-dejavu-core when installed, else the copy matplotlib ships."""
    name = FONT_FILES[(family, style)]
    # matplotlib's copy is looked for last and only then (importing matplotlib costs a server 25 MB)
    for folder in (lambda: os.environ.get("SPINDELN_FONT_DIR"), lambda: DEBIAN_FONTS, _matplotlib_fonts):
        where = folder()
        if where and (Path(where) / name).is_file():
            return str(Path(where) / name)
    raise FileNotFoundError(f"font {name} not found (install fonts-dejavu-core or matplotlib)")


def _matplotlib_fonts() -> Path | None:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is a requirement
        return None
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts(pdf: FPDF, mono: bool = False) -> None:
    for style in ("", "B", "I", "BI"):
        pdf.add_font(SANS, style, font_path("sans", style))
    if mono:
        pdf.add_font(MONO, "", font_path("mono", ""))


@dataclass(frozen=True)
class _Runs(Block):
    """A block with its (text, bold) runs given, so user text in it is never read as `**` markup."""

    runs: tuple[tuple[str, bool], ...] = ()


def _literal(text: str, bold: bool = False, bullet: bool = False) -> _Runs:
    return _Runs(text, bullet, ((text, bold),))


class _Document(FPDF):
    """A4 with a quiet footer: the title and the page number."""

    footer_text = ""
    page_label = "{n}"

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(SANS, "", 7.5)
        self.set_text_color(*MUTED)
        page = self.page_label.format(n=self.page_no())
        self.cell(0, 5, f"{self.footer_text} · {page}", align="C")


class _Writer:
    def __init__(self, appendix: Appendix) -> None:
        self.a = appendix
        pdf = _Document(orientation="P", unit="mm", format="A4")
        pdf.footer_text = appendix.title
        pdf.page_label = appendix.t("page")
        pdf.set_margins(20, 18, 20)
        pdf.set_auto_page_break(True, margin=18)
        register_fonts(pdf)
        pdf.set_title(appendix.title)
        pdf.set_lang({"sv": "sv-SE", "en": "en-GB"}[appendix.lang])
        pdf.set_creator("Spindeln")
        pdf.set_author("Spindeln")
        pdf.add_page()
        self.pdf = pdf

    # --- building blocks ---

    def font(self, size: float, style: str = "", colour: tuple[int, int, int] = TEXT) -> None:
        self.pdf.set_font(SANS, style, size)
        self.pdf.set_text_color(*colour)

    def heading(self, text: str, level: int = 1) -> None:
        pdf = self.pdf
        size, before, after = {0: (18, 0, 3), 1: (13.5, 6, 2), 2: (11.5, 4, 1.5), 3: (10.5, 3, 1)}[level]
        # Keep a heading with at least a few lines of what follows it.
        if pdf.will_page_break(before + size * 0.5 + 18):
            pdf.add_page()
        elif pdf.get_y() > pdf.t_margin + 1:
            pdf.ln(before)
        if level in (1, 2):
            pdf.start_section(text, level=level - 1, strict=False)
        self.font(size, "B", ACCENT)
        pdf.multi_cell(0, size * 0.48, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    def text(self, blocks: Sequence[Block], size: float = 10, style: str = "", colour=TEXT,
             align: str = "LEFT", after: float = 2.2) -> None:
        """Paragraphs and bullets, with `**bold**` runs, flowing over pages."""
        pdf = self.pdf
        self.font(size, style, colour)
        with pdf.text_columns(text_align=align, line_height=1.25, skip_leading_spaces=True) as cols:
            for b in blocks:
                kwargs = dict(bottom_margin=after if not b.bullet else 0.8)
                if b.bullet:
                    kwargs.update(indent=5, bullet_string="•", bullet_r_margin=2.2)
                with cols.paragraph(**kwargs) as par:
                    for part, is_bold in (b.runs if isinstance(b, _Runs) else spans(b.text)):
                        pdf.set_font(SANS, ("B" if is_bold else "") + style.replace("B", ""), size)
                        par.write(part)
                pdf.set_font(SANS, style, size)

    def para(self, text: str, **kwargs) -> None:
        self.text([Block(text)], **kwargs)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              align: Sequence[str], size: float = 9) -> None:
        pdf = self.pdf
        self.font(size)
        pdf.set_draw_color(*BORDER)
        pdf.set_line_width(0.2)
        style = FontFace(emphasis="BOLD", color=ACCENT, fill_color=HEADER_FILL)
        with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align=tuple(align),
                       headings_style=style, line_height=size * 0.5, padding=(1.2, 1.8),
                       borders_layout=TableBordersLayout.SINGLE_TOP_LINE, cell_fill_color=BAND_FILL,
                       cell_fill_mode="ROWS", v_align="MIDDLE", repeat_headings=1) as table:
            for values in [header, *rows]:
                row = table.row()
                for v in values:
                    row.cell(v)
        pdf.ln(1.5)

    def minutes_table(self, summary: ProfileSummary) -> None:
        lang = self.a.lang
        self.table(HEADERS[lang], minutes_rows(summary, lang), (44, 32, 20, 26, 48),
                   ("LEFT", "LEFT", "RIGHT", "LEFT", "LEFT"))
        notes = summary.footnotes(lang)
        if notes:
            self.text([_literal(n) for n in notes], size=8, style="I", colour=MUTED, after=0.6)
            self.pdf.ln(1.5)

    # --- the appendix ---

    def write(self) -> bytes:
        a, pdf = self.a, self.pdf
        self.heading(a.title, level=0)
        meta = a.meta()
        if meta:
            self.font(9, "", MUTED)
            sep, width = "   ·   ", pdf.w - pdf.l_margin - pdf.r_margin
            lines: list[str] = []
            for item in (f"{k}: {v}" for k, v in meta):  # break between items, never inside one
                if lines and pdf.get_string_width(lines[-1] + sep + item) <= width:
                    lines[-1] += sep + item
                else:
                    lines.append(item)
            pdf.multi_cell(0, 4.6, "\n".join(lines), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)

        self.heading(a.t("ratings_heading"))
        self.para(a.intro())
        self.minutes_table(a.summary)
        self.para(a.t("reading"), size=8, colour=MUTED, after=1)

        png = a.chart_png()
        width = 130.0
        px_w, px_h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        height = width * px_h / px_w
        if pdf.will_page_break(height + 14):
            pdf.add_page()
        else:
            pdf.ln(2)
        pdf.image(io.BytesIO(png), x=(pdf.w - width) / 2, w=width, h=height, alt_text=a.t("chart_alt"))
        self.text([Block(a.t("chart_caption"))], size=8, style="I", colour=MUTED, align="CENTER", after=0.8)
        if a.marks_legend():
            self.text([Block(f"{a.t('marks')}: {a.marks_legend()}")], size=8, colour=MUTED, align="CENTER")

        if a.narrative:
            self.heading(a.t("narrative_heading"))
            for s in a.narrative:
                if s.heading:
                    self.heading(s.heading, level=2)
                self.text(s.blocks)

        if a.questions:
            self.heading(a.t("questions_heading"))
            for i, q in enumerate(a.questions, start=1):
                self.heading(f"{i}. {q.text}", level=2)
                if q.description:
                    self.text([_literal(q.description)], style="I", colour=MUTED)
                for answer in q.answers:
                    blocks: list[Block] = [_literal(answer.group, bold=True)]
                    blocks += [_literal(p, bullet=True) for p in answer.points]  # a group's text, never markup
                    self.text(blocks, after=1)
                    pdf.ln(1.5)
                if q.summary:
                    self.heading(a.t("summary"), level=3)
                    self.text(summary_blocks(q.summary))

        if a.comments:
            self.heading(a.t("comments_heading"))
            for c in a.comments:
                self.heading(c.name, level=3)
                self.text([_Runs(t, True, ((f"{g}:", True), (f" {t}", False))) for g, t in c.comments])
                pdf.ln(1.5)

        if a.round2 is not None:
            self.heading(a.t("round2_heading"))
            self.para(a.round2_intro())
            self.table(a.comparison_header(), a.comparison_rows(), (40, 30, 32, 34, 34),
                       ("LEFT", "LEFT", "LEFT", "LEFT", "LEFT"), size=8.5)
            self.para(a.t("cmp_note"), size=8, style="I", colour=MUTED)
            self.heading(a.t("round2_table"), level=2)
            self.minutes_table(a.round2.summary)

        return bytes(pdf.output())


def to_pdf(appendix: Appendix) -> bytes:
    return _Writer(appendix).write()


__all__ = ["to_pdf", "font_path", "register_fonts"]
