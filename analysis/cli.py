"""`python -m analysis …`: the same summaries and appendices as the app, from a file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from .model import Scale, ScaleError
from .summary import summarize
from .tables import to_csv, to_markdown, to_text

REPORT_SUFFIXES = ".docx .pdf .md .xlsx .csv .png .svg"

MESSAGES = {
    "sv": {
        "suffix": "{out}: okänd filtyp '{suffix}'; välj en av {choices}",
        "override": "--override: '{spec}' ska vara AXEL=TOLKNING, t.ex. forvalta=Låg-medel",
        "override_axis": "--override: axeln '{axis}' finns inte i filen",
        "override_label": "--override: '{label}' är ingen tolkning; välj bland {choices}",
        "narrative": "{file}: texten kan inte läsas ({reason})",
        "write": "{out}: filen kan inte skrivas ({reason})",
        "render": "{out}: bilagan kunde inte skapas ({reason})",
    },
    "en": {
        "suffix": "{out}: unknown file type '{suffix}'; use one of {choices}",
        "override": "--override: '{spec}' must be AXIS=LABEL, e.g. forvalta=Low-medium",
        "override_axis": "--override: the axis '{axis}' is not in the file",
        "override_label": "--override: '{label}' is not an interpretation; choose from {choices}",
        "narrative": "{file}: the text cannot be read ({reason})",
        "write": "{out}: the file cannot be written ({reason})",
        "render": "{out}: the appendix could not be made ({reason})",
    },
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Spindeln: summarise workshop ratings.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="print the per-axis summary of a ratings file (CSV or .xlsx)")
    s.add_argument("file")
    s.add_argument("--scale", default="1:5:0.5", help="MIN:MAX:STEP (default 1:5:0.5)")
    s.add_argument("--lang", choices=("sv", "en"), default="sv")
    s.add_argument("--format", choices=("table", "json", "markdown", "csv"), default="table")
    r = sub.add_parser("report", help="write the minutes appendix (format from the suffix of -o)",
                       description=f"Write the minutes appendix; the format follows the suffix of OUT "
                                   f"({REPORT_SUFFIXES}).")
    r.add_argument("file", help="ratings file (CSV or .xlsx): a 'grupp' column and one column per axis")
    r.add_argument("-o", "--output", required=True, metavar="OUT", help=f"output file: {REPORT_SUFFIXES}")
    r.add_argument("--lang", choices=("sv", "en"), default="sv")
    r.add_argument("--title", default="", help="the workshop's title (default: a generic heading)")
    r.add_argument("--date", default="")
    r.add_argument("--place", default="")
    r.add_argument("--federation", default="")
    r.add_argument("--scale", default="1:5:0.5", help="MIN:MAX:STEP (default 1:5:0.5)")
    r.add_argument("--narrative", metavar="FILE",
                   help="the edited analysis text ('## ' headings, '- ' bullets) instead of the draft")
    r.add_argument("--override", action="append", default=[], metavar="AXIS=LABEL",
                   help="replace the rules' interpretation on one axis (repeatable)")
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _overrides(specs: Sequence[str], ratings, lang: str) -> dict[str, str]:
    from .appendix import find_axis
    from .labels import INTERPRETATION_TEXT, Interpretation

    m = MESSAGES[lang]
    out: dict[str, str] = {}
    for spec in specs:
        axis_name, sep, label = spec.partition("=")
        if not sep or not axis_name.strip() or not label.strip():
            raise ValueError(m["override"].format(spec=spec))
        axis = find_axis(ratings.axes, axis_name)
        if axis is None:
            raise ValueError(m["override_axis"].format(axis=axis_name.strip()))
        wanted = label.strip().casefold()
        match = next((i for i in Interpretation
                      if wanted in (i.value, INTERPRETATION_TEXT["sv"][i].casefold(),
                                    INTERPRETATION_TEXT["en"][i].casefold())), None)
        if match is None:
            choices = ", ".join(INTERPRETATION_TEXT[lang][i] for i in Interpretation)
            raise ValueError(m["override_label"].format(label=label.strip(), choices=choices))
        out[axis.key] = match.value
    return out


def _report(args, ratings) -> int:
    from .appendix import build_appendix
    from .export import format_for_path, render

    m = MESSAGES[args.lang]
    out = Path(args.output)
    fmt = format_for_path(out)  # checked again here; main() has already refused unknown suffixes
    try:
        overrides = _overrides(args.override, ratings, args.lang)
    except ValueError as exc:
        return _fail(str(exc))
    narrative = None
    if args.narrative:
        try:
            narrative = Path(args.narrative).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            return _fail(m["narrative"].format(file=args.narrative, reason=_one_line(exc)))
    try:
        appendix = build_appendix(ratings, title=args.title, date=args.date, place=args.place,
                                  federation=args.federation, lang=args.lang, overrides=overrides,
                                  narrative=narrative)
        data = render(appendix, fmt)
    except Exception as exc:  # a bug, not bad input: one line unless debugging
        if os.environ.get("SPINDELN_DEBUG"):
            raise
        print(m["render"].format(out=out, reason=_one_line(exc)), file=sys.stderr)
        return 1
    try:
        out.write_bytes(data)
    except OSError as exc:
        return _fail(m["write"].format(out=out, reason=exc.strerror or _one_line(exc)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from survey.importer import RatingsFileError, read_ratings  # the one edge where a file meets the core

    args = _parser().parse_args(argv)
    if args.command == "report":
        from .export import ExportFormatError, format_for_path

        try:
            format_for_path(args.output)
        except ExportFormatError:
            suffix = Path(args.output).suffix or "(–)"
            return _fail(MESSAGES[args.lang]["suffix"].format(out=args.output, suffix=suffix,
                                                              choices=REPORT_SUFFIXES.replace(" ", ", ")))
    try:
        scale = Scale.parse(args.scale)
    except ScaleError as exc:
        return _fail(f"--scale: {exc}")
    try:
        ratings = read_ratings(args.file, scale=scale, lang=args.lang)
    except RatingsFileError as exc:
        return _fail(str(exc))
    if args.command == "report":
        return _report(args, ratings)
    summary = summarize(ratings)
    if args.command == "summarize":
        if args.format == "json":
            out = json.dumps(summary.to_dict(args.lang), ensure_ascii=False, indent=2) + "\n"
        elif args.format == "markdown":
            out = to_markdown(summary, args.lang)
        elif args.format == "csv":
            out = to_csv(summary, args.lang)
        else:
            out = to_text(summary, args.lang)
        sys.stdout.write(out)
    return 0
