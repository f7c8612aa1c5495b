"""The minutes appendix: one model (`model.py`) built from a workshop, and its renderers (Word, PDF,
Markdown, Excel, CSV, the chart), listed once in `formats.FORMATS`."""

from analysis.appendix.formats import FORMATS, ExportFormatError, Format, format_for_path, render
from analysis.appendix.model import Appendix, build_appendix

__all__ = ["FORMATS", "Appendix", "ExportFormatError", "Format", "build_appendix", "format_for_path", "render"]
