"""Join cards: one card per group with a QR code and the link to its rating form, eight to an A4 page."""

from __future__ import annotations

import io
from typing import Sequence

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from analysis.appendix.pdf import MONO, SANS, register_fonts

PAGE_W, PAGE_H = 210.0, 297.0
COLS, ROWS = 2, 4
CARD_W, CARD_H = PAGE_W / COLS, PAGE_H / ROWS
PAD = 7.0
QR_SIZE = 42.0
TITLE_H = 10.0

TEXT = {
    "sv": {
        "scan": "Skanna koden med mobilen eller skriv in länken:",
        "code": "Eller gå till {address} och skriv koden",
        "none": "Workshoppen har inga grupper än.",
        "doc_title": "Anslutningskort",
    },
    "en": {
        "scan": "Scan the code with your phone or type the link:",
        "code": "Or go to {address} and type the code",
        "none": "The workshop has no groups yet.",
        "doc_title": "Join cards",
    },
}

INK = (34, 34, 34)
MUTED = (95, 105, 115)
CUT = (160, 160, 160)


def qr_png(url: str) -> bytes:
    """The link as a QR code PNG (error correction M: survives a crease or a smudge)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=10, border=0)
    return out.getvalue()


def _fit(pdf: FPDF, text: str, width: float, start: float, smallest: float, style: str = "B") -> float:
    size = start
    pdf.set_font(SANS, style, size)
    while size > smallest and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font(SANS, style, size)
    return size


def _lines(pdf: FPDF, text: str, width: float, max_lines: int) -> str:
    """`text` cut with an ellipsis so it wraps to at most `max_lines` lines of `width`."""
    lines = pdf.multi_cell(width, 4, text, align="L", dry_run=True, output="LINES")
    if len(lines) <= max_lines:
        return text
    kept = " ".join(lines[:max_lines])
    while kept and len(pdf.multi_cell(width, 4, kept + "…", align="L", dry_run=True, output="LINES")) > max_lines:
        kept = kept[:-1]
    return kept.rstrip() + "…"


def _cut_lines(pdf: FPDF) -> None:
    pdf.set_draw_color(*CUT)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2, gap=1.5)
    for c in range(1, COLS):
        pdf.line(c * CARD_W, 0, c * CARD_W, PAGE_H)
    for r in range(1, ROWS):
        pdf.line(0, r * CARD_H, PAGE_W, r * CARD_H)
    pdf.set_dash_pattern()
    pdf.set_font(SANS, "", 9)
    pdf.set_text_color(*CUT)
    for r in range(1, ROWS):
        pdf.text(3, r * CARD_H + 1.2, "✂")


def _card(pdf: FPDF, x: float, y: float, title: str, group: str, url: str, lang: str, code: str = "",
          address: str = "") -> None:
    full = CARD_W - 2 * PAD
    y0 = y + (CARD_H - TITLE_H - QR_SIZE) / 2  # the card's content, centred top to bottom
    pdf.set_xy(x + PAD, y0)
    pdf.set_font(SANS, "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(full, 4, _lines(pdf, title, full, 2), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    top = y0 + TITLE_H
    pdf.image(io.BytesIO(qr_png(url)), x=x + PAD, y=top, w=QR_SIZE, h=QR_SIZE)
    tx = x + PAD + QR_SIZE + 6
    tw = x + CARD_W - PAD - tx

    def block(text: str, height: float, gap_after: float, wrapmode: WrapMode = WrapMode.WORD) -> None:
        pdf.set_x(tx)
        pdf.multi_cell(tw, height, text, align="L", wrapmode=wrapmode, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(tx, pdf.get_y() + gap_after)

    pdf.set_xy(tx, top - 1)
    size = _fit(pdf, group, tw, 18, 11)
    pdf.set_text_color(*INK)
    block(_lines(pdf, group, tw, 2), size * 0.45, 3.0)
    pdf.set_font(SANS, "", 7.5)
    pdf.set_text_color(*MUTED)
    block(TEXT[lang]["scan"], 3.4, 1.2)
    mono = _fit_mono(pdf, url, tw)
    pdf.set_text_color(*INK)
    block(url, mono * 0.45, 1.2, WrapMode.CHAR)
    if code:
        pdf.set_font(SANS, "", 7.5)
        pdf.set_text_color(*MUTED)
        block(TEXT[lang]["code"].format(address=address), 3.4, 0.6, WrapMode.CHAR)
        pdf.set_font(MONO, "", 13)
        pdf.set_text_color(*INK)
        block(code, 5.2, 0)


def _fit_mono(pdf: FPDF, url: str, width: float) -> float:
    """The largest monospace size (9 down to 6.5 pt) at which the link fits on at most three lines."""
    size = 9.0
    while True:
        pdf.set_font(MONO, "", size)
        if size <= 6.5 or pdf.get_string_width(url) <= width * 3 * 0.95:
            return size
        size -= 0.5


def join_cards_pdf(title: str, cards: Sequence[tuple[str, ...]], lang: str = "sv", address: str = "") -> bytes:
    """A4 pages of cut-out cards, each with the workshop title, the group name, a QR code and the link, and
    when a card is (group, link, code) the short code to type at `address` (the join page)."""
    if lang not in TEXT:
        raise ValueError(f"lang must be 'sv' or 'en', got {lang!r}")
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    register_fonts(pdf, mono=True)
    pdf.set_title(f"{TEXT[lang]['doc_title']}: {title}")
    pdf.set_lang({"sv": "sv-SE", "en": "en-GB"}[lang])
    pdf.set_creator("Spindeln")
    if not cards:
        pdf.add_page()
        pdf.set_font(SANS, "B", 14)
        pdf.set_xy(20, 30)
        pdf.multi_cell(170, 7, title)
        pdf.set_font(SANS, "", 11)
        pdf.set_x(20)
        pdf.multi_cell(170, 6, TEXT[lang]["none"])
        return bytes(pdf.output())
    per_page = COLS * ROWS
    for i, (group, url, *code) in enumerate(cards):
        if i % per_page == 0:
            pdf.add_page()
            _cut_lines(pdf)
        k = i % per_page
        x, y = (k % COLS) * CARD_W, (k // COLS) * CARD_H
        _card(pdf, x, y, title, str(group), str(url), lang, str(code[0]) if code else "", address)
    return bytes(pdf.output())


def main() -> int:
    """`python -m survey.join_cards`: the cards of a JSON request on stdin ({"title", "cards", "lang",
    "address"}) as PDF on stdout. The console builds its cards this way (survey.pages.facilitator), so a
    server never holds fpdf, fontTools and the fonts' glyph tables (about 50 MB) for the rest of its life."""
    import json
    import sys

    request = json.load(sys.stdin)
    data = join_cards_pdf(str(request["title"]), [tuple(map(str, c)) for c in request["cards"]],
                          str(request.get("lang", "sv")), address=str(request.get("address", "")))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
