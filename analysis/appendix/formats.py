"""Every file the appendix can be written as, in one list: the CLI, the download buttons and the tests
all read `FORMATS`. Each renderer is imported only when asked for, so a Markdown or CSV export does not
pay for python-docx, fpdf2 or openpyxl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from analysis.appendix.model import Appendix


class ExportFormatError(ValueError):
    """A format (or file suffix) the appendix cannot be written as."""


@dataclass(frozen=True)
class Format:
    key: str
    label: str  # on the download button; the same in both languages
    suffix: str
    media_type: str
    render: Callable[[Appendix], bytes]


def _docx(appendix: Appendix) -> bytes:
    from analysis.appendix.docx import to_docx

    return to_docx(appendix)


def _pdf(appendix: Appendix) -> bytes:
    from analysis.appendix.pdf import to_pdf

    return to_pdf(appendix)


def _markdown(appendix: Appendix) -> bytes:
    from analysis.appendix.markdown import to_markdown

    return to_markdown(appendix).encode("utf-8")


def _xlsx(appendix: Appendix) -> bytes:
    from analysis.appendix.xlsx import to_xlsx

    return to_xlsx(appendix)


def to_csv(appendix: Appendix) -> bytes:
    """The minutes table with every statistic: `;` and decimal comma in Swedish, UTF-8 with a BOM for Excel."""
    from analysis.statistics.tables import to_csv as table_csv

    return table_csv(appendix.summary, appendix.lang, bom=True).encode("utf-8")


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("docx", "Word (.docx)", ".docx",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx),
    Format("pdf", "PDF", ".pdf", "application/pdf", _pdf),
    Format("md", "Markdown", ".md", "text/markdown; charset=utf-8", _markdown),
    Format("xlsx", "Excel (.xlsx)", ".xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx),
    Format("csv", "CSV", ".csv", "text/csv; charset=utf-8", to_csv),
    Format("png", "PNG", ".png", "image/png", lambda a: a.chart_png()),
    Format("svg", "SVG", ".svg", "image/svg+xml", lambda a: a.chart_svg()),
)}

_SUFFIX_ALIASES = {".markdown": "md"}


def format_for_path(path: str | PurePath) -> Format:
    """The format a file name asks for: `protokoll.docx` → Word; raises `ExportFormatError` otherwise."""
    suffix = PurePath(str(path)).suffix.lower()
    for f in FORMATS.values():
        if suffix == f.suffix:
            return f
    if suffix in _SUFFIX_ALIASES:
        return FORMATS[_SUFFIX_ALIASES[suffix]]
    raise ExportFormatError(
        f"unknown file type {suffix or '(no suffix)'!r}; use one of {', '.join(f.suffix for f in FORMATS.values())}")


def render(appendix: Appendix, fmt: str) -> bytes:
    """The appendix as the bytes of a `fmt` file (docx, pdf, md, xlsx, csv, png, svg)."""
    key = fmt.lower().lstrip(".")
    key = {"markdown": "md"}.get(key, key)
    if key not in FORMATS:
        raise ExportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[key].render(appendix)
