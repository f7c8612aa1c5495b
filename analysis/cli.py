"""`python -m analysis …`: the same summaries and appendices as the app, from a file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .model import Scale, ScaleError
from .summary import summarize
from .tables import to_csv, to_markdown, to_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Spindeln: summarise workshop ratings.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="print the per-axis summary of a ratings file (CSV or .xlsx)")
    s.add_argument("file")
    s.add_argument("--scale", default="1:5:0.5", help="MIN:MAX:STEP (default 1:5:0.5)")
    s.add_argument("--lang", choices=("sv", "en"), default="sv")
    s.add_argument("--format", choices=("table", "json", "markdown", "csv"), default="table")
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    from survey.importer import RatingsFileError, read_ratings  # the one edge where a file meets the core

    args = _parser().parse_args(argv)
    try:
        scale = Scale.parse(args.scale)
    except ScaleError as exc:
        return _fail(f"--scale: {exc}")
    try:
        ratings = read_ratings(args.file, scale=scale, lang=args.lang)
    except RatingsFileError as exc:
        return _fail(str(exc))
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
