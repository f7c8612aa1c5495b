"""Backups of the app's database, and restoring one: `python -m survey backup FILE` / `restore FILE`.

- SQLite: the online backup API (`sqlite3.Connection.backup`) copies the whole database in one step, in
  one read transaction, while the app keeps writing (WAL: a reader never blocks a writer). The backup is
  one self-contained SQLite file (rollback journal, nothing beside it).
- PostgreSQL: `pg_dump --format=custom`, which reads one snapshot by design; `pg_restore` restores it in
  one transaction. A password in the URL reaches them in a temporary passfile, never on their command line.

Whatever is written goes to a temporary file beside its destination and is renamed into place when it is
complete, so a failed run never leaves half a file under the name. A backup is read back before it is
renamed (the SQLite file opened, the archive listed by `pg_restore`) and the counts printed are what the
backup holds, not what the source held. A restore needs the app stopped: it refuses a SQLite file that
another process has open and a PostgreSQL database that other clients are connected to. The restored
database is upgraded to this version's schema (Alembic), as the app would on start.

Every refusal is a `BackupError` whose text is one Swedish line naming the file or database.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"  # pg_dump's custom format
# Tables every Spindeln database has had since the first schema (survey/migrations/versions/0001).
SPINDELN_TABLES = ("workshops", "axes", "groups", "ratings", "submissions")
COUNTED = ("workshops", "groups", "ratings")
# Where Debian and Ubuntu install PostgreSQL's programs, one directory per version (PATH is tried first).
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SIDECARS = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """A refusal or a failure: one Swedish line; nothing was written under the destination's name."""


class NotABackup(BackupError):
    """The file is readable but no Spindeln backup (or database) of the kind asked for."""


@dataclass(frozen=True)
class Counts:
    workshops: int
    groups: int
    ratings: int

    def __str__(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (f"{n(self.workshops, 'workshop', 'workshoppar')}, {n(self.groups, 'grupp', 'grupper')}, "
                f"{n(self.ratings, 'skattning', 'skattningar')}")


@dataclass(frozen=True)
class Done:
    """What a backup or restore did, and the one line the command prints about it."""

    line: str
    counts: Counts


# ---------------------------------------------------------------------------------------------- shared


def shown(path: Path | str) -> str:
    """A path as a person reads it: relative to the working directory when it is inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} byte"
    if n < 1_000_000:
        return f"{round(n / 1000)} kB"
    return f"{n / 1_000_000:.1f} MB".replace(".", ",")


def _sqlite_path(url: URL) -> Path:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or "mode=memory" in str(url):
        raise BackupError(f"--db: '{url.render_as_string(hide_password=True)}' är ingen databasfil; "
                          f"ange den som sqlite:///SÖKVÄG")
    return Path(database).expanduser()


def _backend(url: str) -> tuple[URL, str]:
    u = make_url(url)
    backend = u.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"--db: säkerhetskopior finns för SQLite och PostgreSQL, inte för '{backend}'")
    return u, backend


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _head(path: Path, n: int = 16) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def _readable(path: Path) -> None:
    if not path.exists():
        raise BackupError(f"{path}: filen finns inte")
    if not path.is_file():
        raise BackupError(f"{path}: är ingen fil")
    try:
        _head(path)
    except OSError as exc:
        raise BackupError(f"{path}: filen kan inte läsas ({exc.strerror or exc})") from None


def _not_a_backup(path: Path, backend: str) -> NotABackup:
    """The refusal for a file that is no Spindeln backup for this database (with a hint when it is the
    other database's kind)."""
    try:
        head = _head(path)
    except OSError:
        head = b""
    if backend == "sqlite" and head.startswith(PG_MAGIC):
        return NotABackup(f"{path}: är en pg_dump-säkerhetskopia, ingen SQLite-databas; den återställs med "
                           f"--db postgresql://…")
    if backend == "postgresql" and head.startswith(SQLITE_MAGIC):
        return NotABackup(f"{path}: är en SQLite-databas, ingen pg_dump-säkerhetskopia; en SQLite-säkerhetskopia "
                           f"återställs med --db sqlite:///SÖKVÄG")
    return NotABackup(f"{path}: är ingen säkerhetskopia av Spindeln")


def _check_destination(file: Path, force: bool) -> None:
    if file.is_dir():
        raise BackupError(f"{file}: är en katalog; ange ett filnamn")
    if file.exists() and not force:
        raise BackupError(f"{file}: filen finns redan; välj ett annat namn eller skriv över den med --force")
    if not file.parent.is_dir():
        raise BackupError(f"{file}: katalogen {file.parent} finns inte")


@contextmanager
def _temp_beside(path: Path, suffix: str) -> Iterator[Path]:
    """A new empty file in path's directory (so renaming it onto path is atomic), removed unless renamed."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    except OSError as exc:
        raise BackupError(f"{path}: filen kan inte skrivas ({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in SIDECARS)):
            leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rename(tmp: Path, path: Path) -> None:
    """tmp becomes path in one step, durably (the file's data, then the directory entry)."""
    _fsync(tmp)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise BackupError(f"{path}: filen kan inte skrivas ({exc.strerror or exc})") from None
    try:
        _fsync(path.parent)
    except OSError:  # a directory that cannot be opened for fsync (some file systems): the rename stands
        pass


def _check_revision(revision: str | None, path: Path) -> None:
    from . import migrations

    if revision is not None and not migrations.known(revision):
        raise BackupError(f"{path}: säkerhetskopian har schemat '{revision}' från en nyare Spindeln än denna "
                          f"(senast {migrations.head()}); uppdatera Spindeln först")


def _upgraded(before: str | None) -> str:
    from . import migrations

    head = migrations.head()
    if before == head:
        return ""
    return f"; schemat uppgraderat från {before or 'tiden före migreringarna'} till {head}"


def _ensure_schema(url: str) -> None:
    from .store import Store, StoreError

    store = Store(url)
    try:
        store.ensure_schema()
    except StoreError as exc:
        raise BackupError(f"{store!r}: schemat kunde inte uppgraderas ({exc.message('sv')})") from None
    finally:
        store.dispose()


# ---------------------------------------------------------------------------------------------- SQLite


def _open_sqlite(path: Path, *, readonly: bool = True) -> sqlite3.Connection:
    """A plain connection (no WAL switch, no migration); read-only when the file allows it."""
    if readonly:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                   isolation_level=None)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:  # e.g. a WAL file whose -shm cannot be made read-only
            pass
    return sqlite3.connect(path, timeout=30, isolation_level=None)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _sqlite_revision(conn: sqlite3.Connection) -> str | None:
    if "alembic_version" not in _tables(conn):
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _sqlite_counts(conn: sqlite3.Connection) -> Counts:
    return Counts(*(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED))


def _spindeln_sqlite(path: Path, backend: str = "sqlite", *, readonly: bool = True) -> sqlite3.Connection:
    """A connection to a SQLite file that is a Spindeln database (else the refusal naming it). The app's own
    database is opened as the app opens it (`readonly=False`, though nothing is written): a read-only
    connection could not tidy the WAL's files away when it is the last to close."""
    _readable(path)
    if not _head(path).startswith(SQLITE_MAGIC):
        raise _not_a_backup(path, backend)
    try:
        conn = _open_sqlite(path, readonly=readonly)
        tables = _tables(conn)
    except sqlite3.DatabaseError:
        raise _not_a_backup(path, backend) from None
    if not set(SPINDELN_TABLES) <= tables:
        conn.close()
        raise _not_a_backup(path, backend)
    return conn


def _verify_sqlite(path: Path) -> tuple[Counts, str | None]:
    """Read a written copy back: intact, Spindeln's, and what it holds."""
    conn = _open_sqlite(path)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path}: kopian är skadad ({check})")
        if not set(SPINDELN_TABLES) <= _tables(conn):
            raise BackupError(f"{path}: kopian saknar Spindelns tabeller")
        return _sqlite_counts(conn), _sqlite_revision(conn)
    finally:
        conn.close()


def _copy_sqlite(source: sqlite3.Connection, tmp: Path) -> None:
    """The whole database in one step (pages=-1): one read transaction, so one moment of it, however much
    the app writes meanwhile. Then a rollback journal, so the copy is one file with nothing beside it."""
    dest = sqlite3.connect(tmp, isolation_level=None)
    try:
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _backup_sqlite(source: Path, file: Path, force: bool) -> Done:
    if not source.exists():
        raise BackupError(f"{source}: databasfilen finns inte")
    if _same_file(source, file):
        raise BackupError(f"{file}: är själva databasen; skriv säkerhetskopian till en annan fil")
    _check_destination(file, force)
    _readable(source)
    try:
        conn = _spindeln_sqlite(source, readonly=False)
    except NotABackup:
        raise BackupError(f"{source}: är ingen Spindeln-databas") from None
    with _temp_beside(file, ".tmp") as tmp:
        try:
            _copy_sqlite(conn, tmp)
        except sqlite3.Error as exc:
            raise BackupError(f"{source}: säkerhetskopian kunde inte skrivas ({exc})") from None
        finally:
            conn.close()
        counts, _ = _verify_sqlite(tmp)
        _rename(tmp, file)
    return Done(f"säkerhetskopia skriven: {shown(file)} ({_size(file.stat().st_size)}; {counts})", counts)


@contextmanager
def _exclusive(target: Path, force: bool) -> Iterator[sqlite3.Connection | None]:
    """Hold the target SQLite file so nothing else can use it until it is replaced; refuse it when another
    process (the app) has it open, or when it holds workshops and `force` is not given. None when there is
    no database to hold (no file, or with `force` a file that is no database)."""
    if not target.exists():
        yield None
        return
    if target.is_dir():
        raise BackupError(f"{target}: är en katalog, ingen databasfil")
    if target.stat().st_size and not _head(target).startswith(SQLITE_MAGIC):
        if not force:
            raise BackupError(f"{target}: är ingen SQLite-databas; skriv över den med --force")
        yield None
        return
    conn = sqlite3.connect(target, timeout=1, isolation_level=None)
    try:
        try:
            # In exclusive locking mode the lock taken here is kept until the connection closes; it cannot be
            # had while any other connection (the app's pool keeps some open) has the file.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            count = conn.execute("SELECT count(*) FROM workshops").fetchone()[0] \
                if "workshops" in _tables(conn) else 0
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise BackupError(f"{target}: databasen används av ett annat program (körs appen?); stoppa "
                                  f"appen och återställ sedan") from None
            if not force:
                raise BackupError(f"{target}: databasen kan inte läsas ({exc}); skriv över den med --force") \
                    from None
            conn.close()  # a damaged file, replaced as asked: nothing to hold
            held = None
        else:
            if count and not force:
                raise BackupError(f"{target}: databasen har {count} workshop{'par' if count != 1 else ''}; "
                                  f"skriv över den med --force")
            held = conn
        yield held
    finally:
        conn.close()


def _restore_sqlite(target: Path, file: Path, force: bool) -> Done:
    if _same_file(target, file):
        raise BackupError(f"{file}: är själva databasen; ange en säkerhetskopia")
    source = _spindeln_sqlite(file)
    try:
        before = _sqlite_revision(source)
        _check_revision(before, file)
    except BaseException:
        source.close()
        raise
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        source.close()
        raise BackupError(f"{target}: katalogen kan inte skapas ({exc.strerror or exc})") from None
    try:
        with _exclusive(target, force) as held, _temp_beside(target, ".restore") as tmp:
            try:
                _copy_sqlite(source, tmp)
            except sqlite3.Error as exc:
                raise BackupError(f"{file}: kunde inte läsas ({exc})") from None
            finally:
                source.close()
            _ensure_schema(f"sqlite:///{tmp}")
            conn = sqlite3.connect(tmp, isolation_level=None)  # the app's engine left it in WAL: one file again
            try:
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
            counts, _ = _verify_sqlite(tmp)
            if target.exists():
                st = target.stat()
                os.chmod(tmp, st.st_mode & 0o7777)
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:  # only root may give a file away; as the owner it is ours already
                    pass
            if held is not None:
                # Back to a rollback journal: the old WAL is checkpointed and deleted now, while the file is
                # held, so no -wal of the old database is left for the new one to pick up.
                held.execute("PRAGMA journal_mode = DELETE")
            for sidecar in SIDECARS:  # nothing of the old database's may be applied to the new one
                Path(f"{target}{sidecar}").unlink(missing_ok=True)
            _rename(tmp, target)
    finally:
        source.close()
    return Done(f"återställd: {shown(target)} från {shown(file)} ({counts}){_upgraded(before)}", counts)


# ---------------------------------------------------------------------------------------------- PostgreSQL


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL program: on PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([\d.]+)/", path)
        return tuple(int(p) for p in match.group(1).split(".")) if match else (0,)

    candidates = sorted(glob.glob(os.path.join(PG_BIN_GLOB, name)), key=version)
    candidates = [c for c in candidates if os.access(c, os.X_OK)]
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} finns inte (varken i PATH eller i {PG_BIN_GLOB}); installera PostgreSQL:s "
                      f"klientprogram, t.ex. Debians paket postgresql-client")


def _conninfo_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def pg_connection(url: str | URL) -> tuple[str, str | None]:
    """The libpq connection string for `--dbname` (everything of the URL but the password), and the password."""
    u = make_url(url)
    params: dict[str, str] = {}
    if u.host:
        params["host"] = u.host
    if u.port:
        params["port"] = str(u.port)
    if u.username:
        params["user"] = u.username
    if u.database:
        params["dbname"] = u.database
    password = u.password
    for key, value in u.query.items():
        value = value[-1] if isinstance(value, tuple) else value
        if key == "password":
            password = value
        else:
            params[key] = value
    return " ".join(f"{k}={_conninfo_value(v)}" for k, v in params.items()), password


@contextmanager
def pg_environment(password: str | None) -> Iterator[dict[str, str]]:
    """The environment for pg_dump and pg_restore: with a password, a passfile only this user can read
    (PGPASSFILE; removed afterwards) and no PGPASSWORD, which would win over it. Neither shows in `ps`."""
    env = dict(os.environ)
    if password is None:
        yield env
        return
    fd, name = tempfile.mkstemp(prefix="spindeln-pgpass-")  # mode 0600, as libpq requires
    try:
        escaped = password.replace("\\", "\\\\").replace(":", "\\:")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"*:*:*:*:{escaped}\n")
        env.pop("PGPASSWORD", None)
        env["PGPASSFILE"] = name
        yield env
    finally:
        Path(name).unlink(missing_ok=True)


def _first_error(stderr: str, tool: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    line = next((x for x in lines if "error" in x.lower() or "fatal" in x.lower()), lines[0] if lines else "")
    line = line.removeprefix(f"{tool}: ")
    return line or "inget felmeddelande"


def _run(tool: str, args: Sequence[str], env: dict[str, str]) -> str:
    name = Path(tool).name
    try:
        done = subprocess.run([tool, *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace")
    except OSError as exc:
        raise BackupError(f"{name} kunde inte startas ({exc.strerror or exc})") from None
    if done.returncode != 0:
        raise BackupError(f"{name} misslyckades (status {done.returncode}): {_first_error(done.stderr, name)}")
    return done.stdout


_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ")
_COPY = re.compile(r'^COPY (?:"?[^\s".]+"?\.)?"?([^\s"(]+)"? ')


def _archive(pg_restore: str, path: Path, backend: str = "postgresql") -> tuple[Counts, str | None]:
    """What a pg_dump archive holds, read from the archive itself: its tables (`pg_restore --list`), then the
    rows of the counted tables and the schema revision (their data, as pg_restore would restore it)."""
    _readable(path)
    if not _head(path).startswith(PG_MAGIC):
        raise _not_a_backup(path, backend)
    env = dict(os.environ)
    try:
        toc = _run(pg_restore, ["--list", str(path)], env)
    except BackupError as exc:  # damaged, or written by a newer pg_dump than this pg_restore reads
        raise BackupError(f"{path}: är ingen läsbar pg_dump-säkerhetskopia ({exc})") from None
    tables = {m.group(2) for m in map(_TOC_TABLE.match, toc.splitlines()) if m}
    if not set(SPINDELN_TABLES) <= tables:
        raise _not_a_backup(path, backend)
    wanted = [*COUNTED, *(["alembic_version"] if "alembic_version" in tables else [])]
    script = _run(pg_restore, ["--data-only", *(f"--table={t}" for t in wanted), "--file=-", str(path)], env)
    rows: dict[str, list[str]] = {t: [] for t in wanted}
    current: str | None = None
    for line in script.splitlines():
        if current is None:
            m = _COPY.match(line)
            if m and m.group(1) in rows:
                current = m.group(1)
        elif line == "\\.":
            current = None
        else:
            rows[current].append(line)
    revision = rows["alembic_version"][0].split("\t")[0] if rows.get("alembic_version") else None
    return Counts(*(len(rows[t]) for t in COUNTED)), revision


def _backup_pg(url: URL, file: Path, force: bool) -> Done:
    _check_destination(file, force)
    pg_dump, pg_restore = pg_tool("pg_dump"), pg_tool("pg_restore")
    conninfo, password = pg_connection(url)
    with _temp_beside(file, ".tmp") as tmp, pg_environment(password) as env:
        _run(pg_dump, pg_dump_args(conninfo, tmp), env)
        try:
            counts, _ = _archive(pg_restore, tmp)
        except NotABackup:
            raise BackupError(f"{url.render_as_string(hide_password=True)}: är ingen Spindeln-databas "
                              f"(pg_dump skrev ingen av Spindelns tabeller)") from None
        _rename(tmp, file)
    return Done(f"säkerhetskopia skriven: {shown(file)} ({_size(file.stat().st_size)}; {counts})", counts)


def pg_dump_args(conninfo: str, out: Path) -> list[str]:
    """pg_dump's arguments: the custom format (one snapshot, compressed, what pg_restore reads), never a
    password prompt (a cron job has nobody to type it)."""
    return ["--format=custom", "--no-password", f"--file={out}", f"--dbname={conninfo}"]


def pg_restore_args(conninfo: str, archive: Path) -> list[str]:
    """pg_restore's arguments: drop what the archive holds before recreating it, under the connecting user
    (not the original owner), all in one transaction, so a failure leaves the database as it was."""
    return ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--no-password",
            f"--dbname={conninfo}", str(archive)]


def _pg_target(url: URL) -> tuple[int, int]:
    """(other client connections to the database, its workshops)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from . import config

    engine = create_engine(config.normalize_url(url.render_as_string(hide_password=False)), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            others = conn.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"))
            exists = conn.scalar(text("SELECT to_regclass('workshops') IS NOT NULL"))
            count = conn.scalar(text("SELECT count(*) FROM workshops")) if exists else 0
    except DBAPIError as exc:
        reason = " ".join(str(exc.orig or exc).split())
        raise BackupError(f"{url.render_as_string(hide_password=True)}: {reason}") from None
    finally:
        engine.dispose()
    return int(others), int(count)


def _pg_counts(url: str) -> Counts:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return Counts(*(int(conn.scalar(text(f'SELECT count(*) FROM "{t}"'))) for t in COUNTED))
    finally:
        engine.dispose()


def _restore_pg(url: URL, file: Path, force: bool) -> Done:
    from . import config

    pg_restore = pg_tool("pg_restore")
    _, before = _archive(pg_restore, file)
    _check_revision(before, file)
    shown_url = url.render_as_string(hide_password=True)
    others, count = _pg_target(url)
    if others:
        raise BackupError(f"{shown_url}: {others} andra anslutning{'ar' if others != 1 else ''} till databasen "
                          f"(körs appen?); stoppa appen och återställ sedan")
    if count and not force:
        raise BackupError(f"{shown_url}: databasen har {count} workshop{'par' if count != 1 else ''}; "
                          f"skriv över den med --force")
    conninfo, password = pg_connection(url)
    with pg_environment(password) as env:
        _run(pg_restore, pg_restore_args(conninfo, file), env)
    full = config.normalize_url(url.render_as_string(hide_password=False))
    _ensure_schema(full)
    counts = _pg_counts(full)
    return Done(f"återställd: {shown_url} från {shown(file)} ({counts}){_upgraded(before)}", counts)


# ---------------------------------------------------------------------------------------------- the commands


def backup(url: str, file: str | Path, *, force: bool = False) -> Done:
    """Write a backup of the database at `url` to `file` (the app may keep running)."""
    u, backend = _backend(url)
    file = Path(file)
    if backend == "sqlite":
        return _backup_sqlite(_sqlite_path(u), file, force)
    return _backup_pg(u, file, force)


def restore(url: str, file: str | Path, *, force: bool = False) -> Done:
    """Replace the database at `url` with the backup in `file` and upgrade it (the app must be stopped)."""
    u, backend = _backend(url)
    file = Path(file)
    if backend == "sqlite":
        return _restore_sqlite(_sqlite_path(u), file, force)
    _readable(file)
    return _restore_pg(u, file, force)
