"""Render an `Appendix` to the files secretaries paste into the minutes.

`render(appendix, fmt)` is the one entry point for download buttons and the CLI; Word, PDF and Excel
live in their own modules and are imported only when asked for, so a Markdown or CSV export does not pay
for python-docx, fpdf2 or openpyxl.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .appendix import Appendix
from .narrative import Block, parse_narrative, spans
from .tables import md_escape
from .tables import to_csv as _table_csv
from .tables import to_markdown as _table_markdown

FORMATS = ("docx", "pdf", "md", "xlsx", "csv", "png", "svg")

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml",
}

SUFFIXES = {fmt: f".{fmt}" for fmt in FORMATS}

_SUFFIX_ALIASES = {".markdown": "md", ".htm": None}


class ExportFormatError(ValueError):
    """A format (or file suffix) the appendix cannot be written as."""


def format_for_path(path: str | PurePath) -> str:
    """The format a file name asks for: `protokoll.docx` → `docx`; raises `ExportFormatError` otherwise."""
    suffix = PurePath(str(path)).suffix.lower()
    fmt = _SUFFIX_ALIASES.get(suffix, suffix[1:] if suffix else None)
    if fmt not in FORMATS:
        raise ExportFormatError(
            f"unknown file type {suffix or '(no suffix)'!r}; use one of {', '.join(SUFFIXES.values())}"
        )
    return fmt


def chart_png(appendix: Appendix, dpi: int = 200) -> bytes:
    """The radar as PNG, drawn once per appendix and shared by the Word and PDF exports."""
    key = ("png", dpi)
    if key not in appendix._cache:
        from .chart import radar_png

        appendix._cache[key] = radar_png(appendix.summary, appendix.ratings, appendix.lang, dpi=dpi)
    return appendix._cache[key]


def chart_svg(appendix: Appendix) -> bytes:
    if "svg" not in appendix._cache:
        from .chart import radar_svg

        appendix._cache["svg"] = radar_svg(appendix.summary, appendix.ratings, appendix.lang)
    return appendix._cache["svg"]


def to_csv(appendix: Appendix) -> bytes:
    """The minutes table with every statistic: `;` and decimal comma in Swedish, UTF-8 with a BOM for Excel."""
    return _table_csv(appendix.summary, appendix.lang, bom=True).encode("utf-8")


def summary_blocks(text: str) -> list[Block]:
    """A facilitator's summary (plain text, `- ` bullets, `**bold**`) as blocks, headings kept as paragraphs."""
    blocks: list[Block] = []
    for section in parse_narrative(text):
        if section.heading:
            blocks.append(Block(f"**{section.heading}**"))
        blocks.extend(section.blocks)
    return blocks


# --- Markdown -----------------------------------------------------------------------------------

_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def _md(text: str) -> str:
    """Inline text with `**bold**` kept as Markdown bold and everything else escaped."""
    out = "".join(f"**{md_escape(t)}**" if b else md_escape(t) for t, b in spans(text))
    return _MD_LINE_START.sub(_escape_line_start, out, count=1)


def _md_text(text: str) -> str:
    """Inline text as typed (a group's point): everything escaped, `**` included."""
    return _MD_LINE_START.sub(_escape_line_start, md_escape(text), count=1)


def _escape_line_start(m: re.Match) -> str:
    """`# x` → `\\# x`, `1. x` → `1\\. x`: a paragraph never turns into a heading or a list by accident."""
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def _md_blocks(blocks: list[Block] | tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    previous_bullet = False
    for b in blocks:
        if b.bullet:
            lines.append(f"- {_md(b.text)}")
        else:
            if previous_bullet:
                lines.append("")
            lines.extend([_md(b.text), ""])
        previous_bullet = b.bullet
    if previous_bullet:
        lines.append("")
    return lines


def _md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(appendix: Appendix, image: str | None = None) -> str:
    """The appendix as Markdown; `image` is a path or URL of the radar picture to link, when there is one."""
    a = appendix
    lines = [f"# {md_escape(a.title)}", ""]
    meta = a.meta()
    if meta:
        lines += [f"**{md_escape(k)}:** {md_escape(v)}  " for k, v in meta]
        lines.append("")
    lines += [f"## {md_escape(a.t('ratings_heading'))}", "", _md(a.intro()), ""]
    lines += _table_markdown(a.summary, a.lang).rstrip("\n").split("\n")
    lines += ["", f"*{md_escape(a.t('reading'))}*", ""]
    if image:
        lines += [f"![{md_escape(a.t('chart_alt'))}]({image})", "", f"*{md_escape(a.t('chart_caption'))}*", ""]
        if a.marks_legend():
            lines += [f"{md_escape(a.t('marks'))}: {md_escape(a.marks_legend())}", ""]
    if a.narrative:
        lines += [f"## {md_escape(a.t('narrative_heading'))}", ""]
        for s in a.narrative:
            if s.heading:
                lines += [f"### {md_escape(s.heading)}", ""]
            lines += _md_blocks(s.blocks)
    if a.questions:
        lines += [f"## {md_escape(a.t('questions_heading'))}", ""]
        for i, q in enumerate(a.questions, start=1):
            lines += [f"### {i}. {md_escape(q.text)}", ""]
            if q.description:
                lines += [f"*{md_escape(q.description)}*", ""]
            for answer in q.answers:
                lines += [f"**{md_escape(answer.group)}**", ""]
                lines += [f"- {_md_text(p)}" for p in answer.points] + [""]
            if q.summary:
                lines += [f"**{md_escape(a.t('summary'))}**", ""]
                lines += _md_blocks(summary_blocks(q.summary))
    if a.comments:
        lines += [f"## {md_escape(a.t('comments_heading'))}", ""]
        for c in a.comments:
            lines += [f"### {md_escape(c.name)}", ""]
            lines += [f"- **{md_escape(g)}:** {md_escape(t)}" for g, t in c.comments] + [""]
    if a.round2 is not None:
        lines += [f"## {md_escape(a.t('round2_heading'))}", "", _md(a.round2_intro()), ""]
        lines += _md_table(a.comparison_header(), a.comparison_rows())
        lines += ["", f"*{md_escape(a.t('cmp_note'))}*", ""]
        lines += [f"### {md_escape(a.t('round2_table'))}", ""]
        lines += _table_markdown(a.round2.summary, a.lang).rstrip("\n").split("\n") + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Dispatch -----------------------------------------------------------------------------------


def to_docx(appendix: Appendix) -> bytes:
    from .export_docx import to_docx as render_docx

    return render_docx(appendix)


def to_pdf(appendix: Appendix) -> bytes:
    from .export_pdf import to_pdf as render_pdf

    return render_pdf(appendix)


def to_xlsx(appendix: Appendix) -> bytes:
    from .export_xlsx import to_xlsx as render_xlsx

    return render_xlsx(appendix)


def render(appendix: Appendix, fmt: str) -> bytes:
    """The appendix as the bytes of a `fmt` file (docx, pdf, md, xlsx, csv, png, svg)."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt == "docx":
        return to_docx(appendix)
    if fmt == "pdf":
        return to_pdf(appendix)
    if fmt == "md":
        return to_markdown(appendix).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(appendix)
    if fmt == "csv":
        return to_csv(appendix)
    if fmt == "png":
        return chart_png(appendix)
    if fmt == "svg":
        return chart_svg(appendix)
    raise ExportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
