"""Time the minutes appendix: the print radar, the Word file and the PDF, cold and warm.

Cold is a fresh Python process (imports, font parsing, first drawing); warm is the same call again in one
process on a newly built appendix, so the radar is drawn every time as it is for a download button. The
baseline in the same run is what the library costs for nothing: saving an empty python-docx Document, an
empty fpdf2 page with the same DejaVu fonts, an empty matplotlib figure at the same dpi. Targets: warm
Word and PDF ≤ 1 s each, warm radar ≤ 0.3 s.

    .venv/bin/python -m benchmarks.export_bench
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import best_and_median  # noqa: E402

SAMPLE = ROOT / "sample_data" / "medlemssamrad-2026.csv"

COLD = """
import time
t0 = time.perf_counter()
from survey.importer import read_ratings
from analysis.appendix.model import build_appendix
from analysis.appendix.formats import render
a = build_appendix(read_ratings({sample!r}), title="Medlemssamråd 2026", date="2026-02-27", place="Vrigstad")
render(a, {fmt!r})
print(time.perf_counter() - t0)
"""


def cold(fmt: str) -> float:
    out = subprocess.run([sys.executable, "-c", COLD.format(sample=str(SAMPLE), fmt=fmt)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def empty_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def empty_pdf() -> bytes:
    from fpdf import FPDF

    from analysis.appendix.pdf import SANS, register_fonts

    pdf = FPDF()
    register_fonts(pdf)
    pdf.add_page()
    pdf.set_font(SANS, "", 10)
    pdf.cell(0, 5, "Å")
    return bytes(pdf.output())


def empty_figure() -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.6, 6.2))
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()


def main(repeat: int = 7) -> None:
    from analysis.appendix.model import build_appendix
    from analysis.appendix.formats import render
    from survey.importer import read_ratings

    ratings = read_ratings(SAMPLE)

    def fresh():
        return build_appendix(ratings, title="Medlemssamråd 2026", date="2026-02-27", place="Vrigstad")

    cases = [
        ("radar PNG 200 dpi", "png", empty_figure, "empty figure"),
        ("Word (.docx) incl. radar", "docx", empty_docx, "empty Document"),
        ("PDF incl. radar", "pdf", empty_pdf, "empty page + fonts"),
    ]
    rows = []
    for label, fmt, baseline, baseline_label in cases:
        cold_s = cold(fmt)
        render(fresh(), fmt)
        baseline()
        best, median = best_and_median(lambda: render(fresh(), fmt), repeat)
        base_best, _ = best_and_median(baseline, repeat)
        rows.append((label, cold_s, best, median, baseline_label, base_best, best / base_best))

    a = fresh()
    render(a, "png")
    docx_only, _ = best_and_median(lambda: render(a, "docx"), repeat)  # the radar already drawn (cached on the appendix)
    pdf_only, _ = best_and_median(lambda: render(a, "pdf"), repeat)

    print(f"Spindeln export benchmark: sample workshop (4 groups × 8 axes), best and median of {repeat} warm runs")
    print(f"{'case':<26}{'cold s':>8}{'warm best s':>13}{'warm med s':>12}  {'baseline':<20}{'base s':>8}{'ratio':>8}")
    for label, cold_s, best, median, base_label, base, ratio in rows:
        print(f"{label:<26}{cold_s:>8.2f}{best:>13.3f}{median:>12.3f}  {base_label:<20}{base:>8.3f}{ratio:>7.1f}×")
    print(f"{'Word, radar cached':<26}{'':>8}{docx_only:>13.3f}")
    print(f"{'PDF, radar cached':<26}{'':>8}{pdf_only:>13.3f}")
    targets = {"radar PNG 200 dpi": 0.3, "Word (.docx) incl. radar": 1.0, "PDF incl. radar": 1.0}
    verdict = ", ".join(f"{label} ≤ {targets[label]:g} s {'met' if best <= targets[label] else 'NOT met'}"
                        for label, _, best, *_ in rows)
    print(f"targets (warm best): {verdict}")


if __name__ == "__main__":
    main()
