"""The minutes table (Axel | Värden | Medel | Spridning | Tolkning) as rows, text, Markdown and CSV."""

from __future__ import annotations

import csv
import io
import re

from analysis.formatting import format_number
from analysis.statistics.summary import ProfileSummary

HEADERS = {
    "sv": ("Axel", "Värden", "Medel", "Spridning", "Tolkning"),
    "en": ("Axis", "Values", "Mean", "Spread", "Interpretation"),
}

DETAIL_HEADERS = {
    "sv": ("Axel", "n", "Saknas", "Medel", "Median", "SD", "Min", "Max", "Medelabsolutavvikelse",
           "Konsensus (Tastle–Wierman)", "Samstämmighet A (van der Eijk)", "Spridning D (Leik)",
           "95 % KI nedre", "95 % KI övre", "Polariserat", "Spridning", "Tolkning"),
    "en": ("Axis", "n", "Missing", "Mean", "Median", "SD", "Min", "Max", "Mean absolute deviation",
           "Consensus (Tastle–Wierman)", "Agreement A (van der Eijk)", "Dispersion D (Leik)",
           "95% CI lower", "95% CI upper", "Polarised", "Spread", "Interpretation"),
}

YES_NO = {"sv": ("ja", "nej"), "en": ("yes", "no")}


def minutes_rows(summary: ProfileSummary, lang: str = "sv") -> list[tuple[str, str, str, str, str]]:
    return [
        (a.axis.name(lang), a.values_text(lang), a.mean_text(lang), a.spread_text(lang), a.interpretation_text(lang))
        for a in summary.axes
    ]


def detail_rows(summary: ProfileSummary, lang: str = "sv") -> list[tuple[str, ...]]:
    def num(x: float | None) -> str:
        return format_number(x, 2, lang)

    yes, no = YES_NO[lang]
    return [
        (
            a.axis.name(lang), str(a.n), ", ".join(a.missing), num(a.mean), num(a.median), num(a.sd), num(a.min),
            num(a.max), num(a.mean_abs_dev), num(a.consensus), num(a.agreement), num(a.leik),
            num(a.ci95[0] if a.ci95 else None), num(a.ci95[1] if a.ci95 else None),
            yes if a.polarised else no, a.spread_text(lang), a.interpretation_text(lang),
        )
        for a in summary.axes
    ]


def to_text(summary: ProfileSummary, lang: str = "sv") -> str:
    rows = [HEADERS[lang], *minutes_rows(summary, lang)]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = summary.footnotes(lang)
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


# Every ASCII punctuation mark that starts Markdown or HTML inline syntax: emphasis, code, links and images,
# raw HTML and entities (`<`, `&`), table cells (`|`), strikethrough (`~`), math in some renderers (`$`).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~$])")


def md_escape(text: str) -> str:
    """User text as Markdown that any CommonMark renderer shows as typed: never markup, never HTML.

    Each mark is backslash-escaped (CommonMark turns `\\<` into `&lt;`); a line break becomes a space, so
    the text stays in its paragraph, heading or table cell.
    """
    return _MD_INLINE.sub(r"\\\1", str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def to_markdown(summary: ProfileSummary, lang: str = "sv") -> str:
    head = HEADERS[lang]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for row in minutes_rows(summary, lang):
        lines.append("| " + " | ".join(md_escape(c) for c in row) + " |")
    notes = summary.footnotes(lang)
    if notes:
        lines.append("")
        lines.extend(md_escape(n) + "  " for n in notes)
    return "\n".join(lines) + "\n"


def to_csv(summary: ProfileSummary, lang: str = "sv", bom: bool = False) -> str:
    """Swedish Excel's dialect in Swedish (`;`, decimal comma), plain `,` CSV in English."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "sv" else ",", lineterminator="\r\n")
    d = DETAIL_HEADERS[lang]
    writer.writerow(HEADERS[lang] + d[1:3] + d[4:-2])
    for short, detail in zip(minutes_rows(summary, lang), detail_rows(summary, lang)):
        writer.writerow([safe_cell(short[0]), *short[1:], detail[1], safe_cell(detail[2]), *detail[4:-2]])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def safe_cell(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe, so it stays text."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text
