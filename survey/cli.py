"""`python -m survey …`: Spindeln's one command line.

- `summarize FILE`: the per-axis summary of a ratings file (CSV or .xlsx), printed.
- `report FILE -o OUT` / `report --workshop ID -o OUT`: the minutes appendix, from a file or from the
  database, in the format of OUT's suffix; from the database it is the file the appendix page downloads.
- `workshops`: the workshops in the database, with their ids.
- `lockouts`, `unlock`, `logout-all`, `set-password`: the facilitator login, from the server's shell.
- `backup FILE` / `restore FILE`: a consistent backup while the app runs, and putting one back with the app
  stopped (survey/backup.py).

Database commands use `--db URL`, else DATABASE_URL, else data/spindeln.db — the database the app uses.
It lives in `survey/` because reading a file or the database is collecting; what it prints and writes is
computed by `analysis`, the same functions the pages use.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Sequence

from analysis.appendix.formats import FORMATS, ExportFormatError, format_for_path, render
from analysis.model import Scale, ScaleError

SUFFIXES = " ".join(f.suffix for f in FORMATS.values())

MESSAGES = {
    "sv": {
        "suffix": "{out}: okänd filtyp '{suffix}'; välj en av {choices}",
        "override": "--override: '{spec}' ska vara AXEL=TOLKNING, t.ex. forvalta=Låg-medel",
        "override_axis": "--override: axeln '{axis}' finns inte i {source}",
        "override_label": "--override: '{label}' är ingen tolkning; välj bland {choices}",
        "narrative": "{file}: texten kan inte läsas ({reason})",
        "write": "{out}: filen kan inte skrivas ({reason})",
        "render": "{out}: bilagan kunde inte skapas ({reason})",
        "source": "report: ange antingen en fil med skattningar eller --workshop ID, inte båda",
        "file_only": "{option} gäller bara en fil med skattningar; workshoppens egen uppgift kommer från databasen",
        "no_database": "{db}: databasfilen finns inte",
        "bad_url": "--db: '{db}' är ingen databasadress; skriv t.ex. sqlite:///data/spindeln.db eller postgresql://…",
        "no_workshop": "--workshop: ingen workshop med id '{id}' i {db}; `python -m survey workshops` listar dem",
        "in_bin": "--workshop: '{title}' ligger i papperskorgen; återställ den under Processledare först",
        "db_file_only": "--db gäller bara --workshop; en fil med skattningar läses som den är",
        "the_file": "filen",
        "the_workshop": "workshoppen",
        "database": "{db}: {reason}",
        "none": "inga workshoppar i {db}",
    },
    "en": {
        "suffix": "{out}: unknown file type '{suffix}'; use one of {choices}",
        "override": "--override: '{spec}' must be AXIS=LABEL, e.g. forvalta=Low-medium",
        "override_axis": "--override: the axis '{axis}' is not in {source}",
        "override_label": "--override: '{label}' is not an interpretation; choose from {choices}",
        "narrative": "{file}: the text cannot be read ({reason})",
        "write": "{out}: the file cannot be written ({reason})",
        "render": "{out}: the appendix could not be made ({reason})",
        "source": "report: give either a ratings file or --workshop ID, not both",
        "file_only": "{option} applies to a ratings file only; the workshop's own comes from the database",
        "no_database": "{db}: the database file does not exist",
        "bad_url": "--db: '{db}' is not a database URL; write e.g. sqlite:///data/spindeln.db or postgresql://…",
        "no_workshop": "--workshop: no workshop with id '{id}' in {db}; `python -m survey workshops` lists them",
        "in_bin": "--workshop: '{title}' is in the bin; restore it under Facilitator first",
        "db_file_only": "--db applies to --workshop only; a ratings file is read as it is",
        "the_file": "the file",
        "the_workshop": "the workshop",
        "database": "{db}: {reason}",
        "none": "no workshops in {db}",
    },
}
FILE_ONLY = ("title", "date", "place", "federation", "scale")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m survey", description="Spindeln: workshop ratings, summaries, "
                                     "minutes appendices, the facilitator login and backups, from the shell.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="print the per-axis summary of a ratings file (CSV or .xlsx)")
    s.add_argument("file")
    s.add_argument("--scale", default="1:5:0.5", help="MIN:MAX:STEP (default 1:5:0.5)")
    s.add_argument("--lang", choices=("sv", "en"), default="sv")
    s.add_argument("--format", choices=("table", "json", "markdown", "csv"), default="table")
    r = sub.add_parser("report", help="write the minutes appendix (format from the suffix of -o)",
                       description=f"Write the minutes appendix of a ratings file, or of a workshop in the "
                                   f"database (--workshop ID) exactly as its appendix page downloads it. The "
                                   f"format follows the suffix of OUT ({SUFFIXES}).")
    r.add_argument("file", nargs="?", help="ratings file (CSV or .xlsx): a 'grupp' column and one column per axis")
    r.add_argument("--workshop", metavar="ID", help="a workshop in the database instead of a file")
    r.add_argument("--db", metavar="URL", help="database URL (default: DATABASE_URL, else data/spindeln.db)")
    r.add_argument("-o", "--output", required=True, metavar="OUT", help=f"output file: {SUFFIXES}")
    r.add_argument("--lang", choices=("sv", "en"), default="sv")
    r.add_argument("--title", help="a file's workshop title (default: a generic heading)")
    r.add_argument("--date")
    r.add_argument("--place")
    r.add_argument("--federation")
    r.add_argument("--scale", help="a file's scale, MIN:MAX:STEP (default 1:5:0.5)")
    r.add_argument("--narrative", metavar="FILE",
                   help="the edited analysis text ('## ' headings, '- ' bullets) instead of the saved text or draft")
    r.add_argument("--override", action="append", default=[], metavar="AXIS=LABEL",
                   help="replace the interpretation on one axis (repeatable)")
    w = sub.add_parser("workshops", help="list the workshops in the database: id, date, state, groups, title")
    unlock = sub.add_parser("unlock", help="clear login lock-outs (all, or one client's)")
    unlock.add_argument("client", nargs="?", help="an address as `lockouts` lists it; omitted: every client")
    lockouts = sub.add_parser("lockouts", help="list clients with wrong tries and how long each is locked")
    logout = sub.add_parser("logout-all", help="end every facilitator session (every browser must log in again)")
    set_password = sub.add_parser("set-password", help="replace the stored facilitator password")
    set_password.add_argument("--stdin", action="store_true", help="read the password from the first line of stdin")
    b = sub.add_parser(
        "backup", help="write a consistent backup of the database; the app may keep running",
        description="Write a backup of the database to FILE while the app keeps running: SQLite's online backup "
                    "API (FILE is one SQLite file) or, for PostgreSQL, pg_dump --format=custom (FILE is its "
                    "archive; pg_dump from PATH or /usr/lib/postgresql/*/bin). FILE is written under a temporary "
                    "name and renamed when complete, then read back: the line printed says what the backup holds.")
    b.add_argument("file", help="the backup to write")
    b.add_argument("--force", action="store_true", help="replace FILE if it exists")
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (stop the app first)",
        description="Replace the database with a backup that `backup` wrote, and upgrade it to this version's "
                    "schema. Stop the app first: a restore refuses a SQLite file that another process has open and "
                    "a PostgreSQL database that other clients are connected to. A database that holds workshops "
                    "is replaced only with --force; a SQLite file is replaced in one step (rename), a PostgreSQL "
                    "database in one transaction (pg_restore --clean --if-exists --no-owner).")
    restore.add_argument("file", help="a backup written by `python -m survey backup`")
    restore.add_argument("--force", action="store_true", help="replace a database that holds workshops")
    for command in (w, unlock, lockouts, logout, set_password, b, restore):
        command.add_argument("--db", metavar="URL", help="database URL (default: DATABASE_URL, else data/spindeln.db)")
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------------------------------------- files

def _read_file(args, scale_spec: str):
    from .importer import RatingsFileError, read_ratings

    try:
        scale = Scale.parse(scale_spec)
    except ScaleError as exc:
        raise _Refused(f"--scale: {exc}") from None
    try:
        return read_ratings(args.file, scale=scale, lang=args.lang)
    except RatingsFileError as exc:
        raise _Refused(str(exc)) from None


class _Refused(Exception):
    """Bad input: one line on stderr, exit status 2."""


def _summarize(args) -> int:
    from analysis.statistics.summary import summarize
    from analysis.statistics.tables import to_csv, to_markdown, to_text

    summary = summarize(_read_file(args, args.scale))
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


# ---------------------------------------------------------------------------------------------- the database

def _url(args) -> str:
    """--db, DATABASE_URL or data/spindeln.db, refused when it is no database URL SQLAlchemy can use."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from . import config

    url = config.normalize_url(args.db) if args.db else config.database_url()
    try:
        make_url(url).get_dialect()
    except (ArgumentError, ImportError):  # not a URL, or a dialect or driver SQLAlchemy does not have
        raise _Refused(MESSAGES[getattr(args, "lang", "sv")]["bad_url"].format(db=args.db or url)) from None
    return url


def _store(args):
    """The store at --db, DATABASE_URL or data/spindeln.db; a SQLite file that is not there is an error
    (opening it would create an empty database and hide a typo)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from .store import Store

    url = _url(args)
    m = MESSAGES[getattr(args, "lang", "sv")]
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not u.database.startswith("file:") and not Path(u.database).exists():
        raise _Refused(m["no_database"].format(db=u.database))
    try:
        return Store(url)
    except (ArgumentError, ImportError):  # a dialect whose driver is not installed
        raise _Refused(m["bad_url"].format(db=args.db or url)) from None


def _shown(store) -> str:
    from sqlalchemy.engine import make_url

    return make_url(store.url).render_as_string(hide_password=True)


@contextmanager
def _database(args):
    """The store, with whatever the database refuses said in one line (exit 2), and closed afterwards."""
    from sqlalchemy.exc import DBAPIError

    from .store import NotFoundError, StoreError

    lang = getattr(args, "lang", "sv")
    m = MESSAGES[lang]
    store = _store(args)
    try:
        yield store
    except NotFoundError:
        raise _Refused(m["no_workshop"].format(id=getattr(args, "workshop", ""), db=_shown(store))) from None
    except StoreError as exc:
        raise _Refused(m["database"].format(db=_shown(store), reason=exc.message(lang))) from None
    except DBAPIError as exc:  # e.g. a file that is not a database at all
        raise _Refused(m["database"].format(db=_shown(store), reason=_one_line(exc.orig or exc))) from None
    finally:
        store.dispose()


def _read_workshop(args):
    with _database(args) as store:
        data = store.snapshot(args.workshop)
    if data.workshop.deleted_at is not None:  # the page refuses it too, even to the facilitator
        raise _Refused(MESSAGES[args.lang]["in_bin"].format(title=data.workshop.title))
    return data


def _workshops(args) -> int:
    """One line per workshop, in the console's words: id, date, state, whether the results show, groups, title."""
    from .texts import TEXTS

    words = TEXTS["sv"]
    with _database(args) as store:
        rows = [(w, store.progress(w.id)) for w in store.list_workshops()]
        shown = _shown(store)
    if not rows:
        print(MESSAGES["sv"]["none"].format(db=shown))
    for w, (done, total) in rows:
        state = words[f"state_{'open' if w.state == 'revealed' else w.state}"]
        results = words["results_shown" if w.results_visible else "results_hidden"]
        print(f"{w.id}\t{w.date}\t{state}\t{results}\t{done}/{total} grupper\t{w.title}")
    return 0


# ---------------------------------------------------------------------------------------------- report

def _overrides(specs: Sequence[str], axes, lang: str, source: str) -> dict[str, str]:
    from analysis.appendix.model import find_axis
    from analysis.statistics.labels import INTERPRETATION_TEXT, Interpretation

    m = MESSAGES[lang]
    out: dict[str, str] = {}
    for spec in specs:
        axis_name, sep, label = spec.partition("=")
        if not sep or not axis_name.strip() or not label.strip():
            raise _Refused(m["override"].format(spec=spec))
        axis = find_axis(axes, axis_name)
        if axis is None:
            raise _Refused(m["override_axis"].format(axis=axis_name.strip(), source=m[source]))
        wanted = label.strip().casefold()
        match = next((i for i in Interpretation
                      if wanted in (i.value, INTERPRETATION_TEXT["sv"][i].casefold(),
                                    INTERPRETATION_TEXT["en"][i].casefold())), None)
        if match is None:
            choices = ", ".join(INTERPRETATION_TEXT[lang][i] for i in Interpretation)
            raise _Refused(m["override_label"].format(label=label.strip(), choices=choices))
        out[axis.key] = match.value
    return out


def _report(args) -> int:
    from analysis.appendix.model import build_appendix
    from analysis.workshop import workshop_appendix

    m = MESSAGES[args.lang]
    out = Path(args.output)
    try:
        fmt = format_for_path(out).key
    except ExportFormatError:
        return _fail(m["suffix"].format(out=args.output, suffix=out.suffix or "(–)", choices=SUFFIXES.replace(" ", ", ")))
    if (args.file is None) == (args.workshop is None):
        return _fail(m["source"])
    narrative = None
    if args.narrative:
        try:
            narrative = Path(args.narrative).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            return _fail(m["narrative"].format(file=args.narrative, reason=_one_line(exc)))
    if args.workshop is not None:
        given = [f"--{name}" for name in FILE_ONLY if getattr(args, name) is not None]
        if given:
            return _fail(m["file_only"].format(option=", ".join(given)))
        data = _read_workshop(args)
        overrides = _overrides(args.override, data.workshop.axes, args.lang, "the_workshop")
        if overrides:
            data = dataclasses.replace(data, overrides={**data.overrides, **overrides})
        make = lambda: workshop_appendix(data, args.lang) if narrative is None else workshop_appendix(  # noqa: E731
            data, args.lang, narrative)
    else:
        if args.db is not None:
            return _fail(m["db_file_only"])
        ratings = _read_file(args, args.scale or "1:5:0.5")
        overrides = _overrides(args.override, ratings.axes, args.lang, "the_file")
        make = lambda: build_appendix(  # noqa: E731
            ratings, title=args.title or "", date=args.date or "", place=args.place or "",
            federation=args.federation or "", lang=args.lang, overrides=overrides, narrative=narrative)
    try:
        data_bytes = render(make(), fmt)
    except Exception as exc:  # a bug, not bad input: one line unless debugging
        if os.environ.get("SPINDELN_DEBUG"):
            raise
        print(m["render"].format(out=out, reason=_one_line(exc)), file=sys.stderr)
        return 1
    try:
        out.write_bytes(data_bytes)
    except OSError as exc:
        return _fail(m["write"].format(out=out, reason=exc.strerror or _one_line(exc)))
    return 0


# ---------------------------------------------------------------------------------------------- the login

def _login_command(args) -> int:
    from . import auth

    with _database(args) as store:
        return _login(args, auth, store)


def _login(args, auth, store) -> int:
    if args.command == "unlock":
        count = auth.unlock(store, args.client)
        who = args.client or "alla klienter"
        print(f"upplåst ({who}): felförsöken nollställda för {count} klient{'er' if count != 1 else ''}")
    elif args.command == "lockouts":
        rows = auth.lockouts(store)
        if not rows:
            print("inga felaktiga försök räknade")
        for client, (failures, locked_for) in rows.items():
            state = f"spärrad i {locked_for} s" if locked_for else "inte spärrad"
            print(f"{client}\t{failures} fel\t{state}")
    elif args.command == "logout-all":
        print(f"avslutade inloggningar: {auth.end_all_sessions(store)}")
    elif args.command == "set-password":
        if args.stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Processledarens nya lösenord: ")
            if getpass.getpass("En gång till: ") != password:
                print("de två lösenorden skiljer sig åt; inget ändrades", file=sys.stderr)
                return 1
        try:
            auth.set_admin_password(store, password)
        except ValueError:
            print(f"lösenordet ska vara 1–{auth.MAX_PASSWORD_LENGTH} tecken; inget ändrades", file=sys.stderr)
            return 1
        ended = auth.end_all_sessions(store)
        print(f"lösenordet bytt; avslutade inloggningar: {ended}")
        if auth.admin_password_from_environment():
            print(f"obs: {auth.PASSWORD_ENV} är satt, och det är det lösenordet appen godtar så länge det är satt",
                  file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------------- backups

def _backup_command(args) -> int:
    from . import backup

    url = _url(args)
    try:
        done = (backup.backup if args.command == "backup" else backup.restore)(url, args.file, force=args.force)
    except backup.BackupError as exc:
        raise _Refused(str(exc)) from None
    print(done.line)
    return 0


def _joined(argv: Sequence[str]) -> list[str]:
    """`--workshop -n63XMsaZpuc` as `--workshop=-n63XMsaZpuc`: ids made before 2026-12 may start with "-",
    which argparse would take for an option."""
    out: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        if items[i] == "--workshop" and i + 1 < len(items):
            out.append(f"--workshop={items[i + 1]}")
            i += 2
        else:
            out.append(items[i])
            i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(_joined(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "summarize":
            return _summarize(args)
        if args.command == "report":
            return _report(args)
        if args.command == "workshops":
            return _workshops(args)
        if args.command in ("backup", "restore"):
            return _backup_command(args)
        return _login_command(args)
    except _Refused as exc:
        return _fail(str(exc))
