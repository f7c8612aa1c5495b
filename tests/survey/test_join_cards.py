"""Join cards: eight to an A4 page, each with title, group, QR code and the link in selectable text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from survey.join_cards import join_cards_pdf, qr_png

TITLE = "Medlemssamråd för samordningsförbunden i Jönköpings län"
CARDS = [(f"Grupp {i}", f"https://spindeln.example.se/?w=ws-2026&g=tok{i:02d}xyz") for i in range(1, 10)]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return join_cards_pdf(TITLE, CARDS, "sv")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a4_pages_of_eight(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    assert len(reader.pages[0].images) == 8 and len(reader.pages[1].images) == 1


def test_text_is_selectable(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0].extract_text()
    assert "Medlemssamråd" in first and "Jönköpings" in first
    assert "Grupp 1" in first and "Grupp 8" in first and "Grupp 9" not in first
    assert "Skanna koden" in first
    squeezed = squeeze(first)
    for _, url in CARDS[:8]:
        assert url in squeezed, url  # the link may wrap, but every character is there
    assert "Grupp 9" in reader.pages[1].extract_text()


def test_link_in_a_monospace_font(pdf):
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSansMono" in f for f in fonts) and any("DejaVuSansBold" in f for f in fonts)


def test_cut_lines_are_drawn(pdf):
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert re.search(rb"\[[\d.]+ [\d.]+\] [\d.]+ d", content), "a dashed line style"
    assert content.count(b" l S") >= 4, "one vertical and three horizontal cut lines"


def test_english_and_long_names():
    long_name = "Region Jönköpings län, Försäkringskassan och Arbetsförmedlingen tillsammans i en grupp"
    data = join_cards_pdf("Member consultation", [(long_name, "http://localhost:8501/?w=a&g=b")], "en")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Scan the code" in text and "Skanna" not in text
    assert "Region" in text and "…" in text
    assert "http://localhost:8501/?w=a&g=b" in squeeze(text)


def test_no_groups_gives_one_explaining_page():
    reader = PdfReader(io.BytesIO(join_cards_pdf("Tom workshop", [], "sv")))
    assert len(reader.pages) == 1 and "inga grupper" in reader.pages[0].extract_text()


def test_language_checked():
    with pytest.raises(ValueError):
        join_cards_pdf("x", CARDS, "de")


def test_qr_png_encodes_the_link():
    import segno

    png = qr_png("https://spindeln.example.se/?w=a&g=b")
    assert png.startswith(b"\x89PNG")
    expected = io.BytesIO()
    segno.make("https://spindeln.example.se/?w=a&g=b", error="m", micro=False).save(expected, kind="png", scale=10,
                                                                                   border=0)
    assert png == expected.getvalue()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_renders(pdf, tmp_path):
    source = tmp_path / "kort.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
                   check=True, timeout=60)
    assert [p.read_bytes()[:4] for p in tmp_path.glob("page*.png")] == [b"\x89PNG"]


def test_a_card_carries_the_code_to_type_at_the_join_address(tmp_path):
    cards = [(name, url, f"K7M-4Q{i}") for i, (name, url) in enumerate(CARDS[:8], start=3)]
    data = join_cards_pdf(TITLE, cards, "sv", address="https://spindeln.example.se/kod")
    text = squeeze("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "ochskrivkoden" in text and "https://spindeln.example.se/kod" in text
    for _, _, code in cards:
        assert code in text
    if shutil.which("pdftoppm"):  # look at it: the code must stay on its card
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(_write(tmp_path, data)),
                        str(tmp_path / "card")], check=True)


def _write(tmp_path, data: bytes):
    path = tmp_path / "cards.pdf"
    path.write_bytes(data)
    return path
