"""The appendix as Markdown: user text escaped for Markdown and HTML; only the narrative and the
facilitator's summaries keep their `**bold**` and `- ` bullets."""

from __future__ import annotations

import re

from analysis.appendix.model import Appendix
from analysis.appendix.narrative import Block, spans, summary_blocks
from analysis.statistics.tables import md_escape
from analysis.statistics.tables import to_markdown as _table_markdown

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
