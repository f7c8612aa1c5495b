"""`python -m survey backup` and `restore` on real SQLite files and a real PostgreSQL server (tests/pg.py):
a backup taken while groups submit holds every rating that was confirmed before it started, a round trip
gives back the same workshops, and every refusal is one Swedish line, exit 2, with nothing changed."""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, text

from survey import backup as backup_module
from survey import migrations
from survey.store import Store
from tests.conftest import ROOT, SAMPLE_CSV, run_cli, run_process
from tests.pg import create_database

run = run_cli  # in-process; the few tests of a real process's exit status and stderr use run_process

FIXTURE = ROOT / "tests" / "fixtures" / "schema-2026-11.sqlite"  # a database from before migrations
LINE = re.compile(r"(\d+) workshop(?:par)?, (\d+) grupp(?:er)?, (\d+) skattning(?:ar)?")


def assert_one_line_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def _pg(url: str) -> bool:
    return url.startswith("postgresql")


@pytest.fixture
def new_url(store_url, request, tmp_path):
    """Another empty database of the same kind as `store_url`: `new_url()` makes one each time it is called."""
    names = iter(range(1000))

    def make() -> str:
        if _pg(store_url):
            return create_database(request.getfixturevalue("pg_url"))
        return f"sqlite:///{tmp_path / f'restored-{next(names)}' / 'spindeln.db'}"

    return make


def _file(store_url: str, tmp_path: Path, name: str = "kopia") -> Path:
    return tmp_path / f"{name}{'.dump' if _pg(store_url) else '.db'}"


def _counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(Store(url).url)
    try:
        with engine.connect() as conn:
            return tuple(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in
                         ("workshops", "groups", "ratings"))
    finally:
        engine.dispose()


def _printed(line: str) -> tuple[int, int, int]:
    match = LINE.search(line)
    assert match, line
    return tuple(int(g) for g in match.groups())


def _digest(url: str) -> str:
    """Every row of every table, so "nothing changed" can be asserted of a whole database."""
    engine = create_engine(Store(url).url)
    meta = MetaData()
    try:
        meta.reflect(engine)
        h = hashlib.sha256()
        with engine.connect() as conn:
            for table in sorted(meta.tables.values(), key=lambda t: t.name):
                h.update(table.name.encode())
                for row in sorted(map(repr, conn.execute(table.select()))):
                    h.update(row.encode())
        return h.hexdigest()
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------------------------- the burst


def _value(i: int, k: int) -> float:
    return 1 + ((i + k) % 9) * 0.5


def test_a_backup_taken_during_a_burst_holds_every_confirmed_rating(store_url, new_url, tmp_path):
    """Forty groups submit again and again (threads through `Store.submit`) while backups are taken. Each
    backup, restored, holds every submission that had returned before the backup started — with its
    values or a later submission's, never half of one — and nothing that points nowhere."""
    store = Store(store_url)
    w = store.create_workshop("Skattning under tryck", "2026-03-01")
    store.set_state(w.id, "open")
    groups = [store.add_group(w.id, f"Grupp {i + 1}") for i in range(40)]
    keys = [a.key for a in w.axes]
    confirmed: dict[int, int] = {}  # group index -> the last submission whose `submit` returned
    submits = [0]
    stop = threading.Event()
    errors: list[BaseException] = []

    def worker(mine: range) -> None:
        try:
            k = 0
            while not stop.is_set():
                for i in mine:
                    store.submit(w.id, groups[i].id, {key: _value(i, k) for key in keys},
                                 comments={keys[0]: str(k)}, token=groups[i].token)
                    confirmed[i] = k
                    submits[0] += 1
                k += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(range(t, 40, 8),)) for t in range(8)]
    for t in threads:
        t.start()
    taken = []
    try:
        for n in range(4):
            goal = submits[0] + 40
            deadline = time.monotonic() + 60
            while submits[0] < goal and not errors and time.monotonic() < deadline:
                time.sleep(0.01)
            before = dict(confirmed)
            started = submits[0]
            file = _file(store_url, tmp_path, f"kopia-{n}")
            out = run("backup", str(file), "--db", store_url)
            assert out.returncode == 0, out.stderr
            taken.append((file, before, out.stdout, submits[0] - started))
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert not errors, errors
    assert submits[0] > sum(len(b) for _, b, _, _ in taken)
    assert len(taken[-1][1]) == 40  # by the last backup every group had been confirmed at least once
    assert sum(during for *_, during in taken) > 0  # submissions returned while backups were being taken
    store.dispose()

    for file, before, line, _ in taken:
        target = new_url()
        out = run("restore", str(file), "--db", target)
        assert out.returncode == 0, out.stderr
        assert _printed(out.stdout) == _printed(line) == _counts(target)  # the backup's word, and the database's
        restored = Store(target)
        data = restored.snapshot(w.id)
        values = dict(zip(data.ratings.groups, data.ratings.values))
        comment = dict(data.comments[keys[0]])
        for i, k in before.items():
            name = f"Grupp {i + 1}"
            assert name in values, (file.name, name)
            assert int(comment[name]) >= k, (file.name, name)
        for name, row in values.items():  # one submission per group, whole: every axis from the same one
            i, k = int(name.split()[1]) - 1, int(comment[name])
            assert list(row) == [_value(i, k)] * len(keys), (file.name, name)
        history: dict[str, int] = {}
        for h in restored.history(w.id):
            history[h.group_name] = history.get(h.group_name, 0) + 1
        for i, k in before.items():
            assert history[f"Grupp {i + 1}"] >= (k + 1) * len(keys)
        assert data.progress == (len(values), 40) and len(data.groups) == 40
        assert _printed(line) == (1, 40, len(values) * len(keys))
        with restored.engine.connect() as conn:
            for child, column, parent in (("ratings", "group_id", "groups"), ("submissions", "group_id", "groups"),
                                          ("rating_history", "group_id", "groups"),
                                          ("groups", "workshop_id", "workshops")):
                orphans = conn.execute(text(
                    f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column} WHERE p.id IS NULL"
                )).scalar()
                assert orphans == 0, (child, parent)
            assert conn.execute(text("SELECT count(*) FROM submissions")).scalar() == len(values)
        restored.dispose()


# ---------------------------------------------------------------------------------------------- round trip


def _ratings(r):
    if r is None:
        return None
    return r.groups, r.axes, r.scale, [[None if math.isnan(v) else v for v in row] for row in r.values]


def _content(data) -> tuple:
    """A snapshot as plain values (WorkshopData and Ratings compare by identity, and hold an array)."""
    return (data.workshop, data.revision, _ratings(data.ratings), _ratings(data.round2), dict(data.overrides),
            dict(data.comments), data.questions, dict(data.narratives), data.groups, data.presenter)


def _filled(store: Store):
    from survey import auth

    w = store.ensure_sample_workshop(SAMPLE_CSV)
    store.set_state(w.id, "open")
    g = store.groups(w.id)[0]
    store.submit(w.id, g.id, {a.key: 4 for a in w.axes}, comments={"finansiera": "Pengar först"})
    q = store.questions(w.id)[0]
    store.save_answers(w.id, g.id, q.id, ["Punkt ett", "Punkt två"])
    store.set_question_summary(q.id, "Alla vill ha pengar")
    store.set_override(w.id, "forvalta", "medium")
    store.set_narrative(w.id, "sv", "## Vår bild\n\nText.")
    store.set_narrative(w.id, "en", "## Our view\n\nText.")
    store.open_round2(w.id, ["motesplats", "forvalta"])
    store.submit(w.id, g.id, {"motesplats": 3, "forvalta": 2.5}, round=2)
    store.set_presenter(w.id, focus="motesplats")
    store.add_group(w.id, "Sen grupp", "region")
    binned = store.create_workshop("Gammal", "2025-02-01")
    store.delete_workshop(binned.id)
    auth.set_admin_password(store, "hemligt-lösen")
    return w.id, binned.id


def test_round_trip_gives_back_every_workshop_as_it_was(store_url, new_url, tmp_path):
    from survey import auth

    store = Store(store_url)
    sample_id, binned_id = _filled(store)
    before = {i: _content(store.snapshot(i)) for i in (sample_id, binned_id)}
    history = store.history(sample_id)
    tokens = [(g.id, g.token, g.join_code) for g in store.groups(sample_id)]
    password_hash = store.get_setting(auth.HASH_SETTING)
    store.dispose()
    file = _file(store_url, tmp_path)
    out = run("backup", str(file), "--db", store_url)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"säkerhetskopia skriven: {file} (") and out.stdout.count("\n") == 1
    assert _printed(out.stdout) == (2, 5, 34)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # tokens and the password's hash: the owner's only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    target = new_url()
    out = run("restore", str(file), "--db", target)
    assert out.returncode == 0, out.stderr
    assert "återställd: " in out.stdout and "(2 workshoppar, 5 grupper, 34 skattningar)" in out.stdout
    assert "schemat uppgraderat" not in out.stdout
    restored = Store(target)
    assert {i: _content(restored.snapshot(i)) for i in (sample_id, binned_id)} == before
    assert restored.history(sample_id) == history
    assert [(g.id, g.token, g.join_code) for g in restored.groups(sample_id)] == tokens  # links still work
    assert password_hash and restored.get_setting(auth.HASH_SETTING) == password_hash
    assert [w.id for w in restored.deleted_workshops()] == [binned_id]
    late = restored.add_group(sample_id, "Ännu en")  # ids carry on after the restored ones
    assert late.id > max(t[0] for t in tokens)
    restored.dispose()


def _old_backup(store_url: str, tmp_path: Path, pg_url_getter) -> Path:
    """A backup from before migrations: the fixture file itself, or (PostgreSQL) its data in a database at
    the baseline revision, dumped."""
    if not _pg(store_url):
        return FIXTURE
    from alembic import command

    url = create_database(pg_url_getter())
    engine = create_engine(Store(url).url)
    with engine.begin() as conn:
        command.upgrade(migrations._config(conn), migrations.BASELINE)
    source = create_engine(f"sqlite:///{FIXTURE}")
    old = MetaData()
    old.reflect(source)
    with source.connect() as src, engine.begin() as dst:
        for table in old.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(table.select())]
            if rows:
                dst.execute(table.insert(), rows)
    engine.dispose()
    file = tmp_path / "gammal.dump"
    out = run("backup", str(file), "--db", url)
    assert out.returncode == 0, out.stderr
    return file


def test_an_older_backup_is_upgraded_when_restored(store_url, new_url, tmp_path, request):
    file = _old_backup(store_url, tmp_path, lambda: request.getfixturevalue("pg_url"))
    target = new_url()
    out = run("restore", str(file), "--db", target)
    assert out.returncode == 0, out.stderr
    assert "(2 workshoppar, 6 grupper, 44 skattningar); schemat uppgraderat från " in out.stdout
    assert out.stdout.rstrip().endswith(f" till {migrations.head()}")
    restored = Store(target)
    with restored.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrations.head()
        codes = [r[0] for r in conn.execute(text("SELECT join_code FROM groups"))]
    assert all(codes) and len(set(codes)) == 6  # migration 0004 ran on the restored data
    titles = {w.title for w in restored.list_workshops()}
    assert titles == {"Medlemssamråd 2026 – förbundsprofil", "Medlemssamråd 2027"}
    restored.dispose()


# ---------------------------------------------------------------------------------------------- refusals


def _sample_db(url: str) -> None:
    store = Store(url)
    store.ensure_sample_workshop(SAMPLE_CSV)
    store.dispose()


def test_an_existing_backup_file_is_kept_unless_forced(store_url, tmp_path):
    _sample_db(store_url)
    file = _file(store_url, tmp_path)
    file.write_bytes(b"the backup of yesterday")
    out = run_process("backup", str(file), "--db", store_url)  # a real process: its exit status and stderr
    assert_one_line_error(out, str(file), "finns redan", "--force")
    assert file.read_bytes() == b"the backup of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    out = run("backup", str(file), "--db", store_url, "--force")
    assert out.returncode == 0, out.stderr
    assert _printed(out.stdout) == (1, 4, 32)


def test_a_file_that_is_no_backup_is_refused_and_the_database_is_untouched(store_url, tmp_path):
    _sample_db(store_url)
    before = _digest(store_url)
    not_sqlite = tmp_path / "anteckningar.txt"
    not_sqlite.write_text("Det här är ingen säkerhetskopia.\n", encoding="utf-8")
    empty = tmp_path / "tom.db"
    empty.write_bytes(b"")
    other = tmp_path / "annan.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    fake_dump = tmp_path / "trasig.dump"
    fake_dump.write_bytes(b"PGDMP\x01\x0e\x00 and then nothing of an archive")
    for file in (not_sqlite, empty, other, fake_dump, tmp_path / "saknas.db"):
        out = run("restore", str(file), "--db", store_url, "--force")
        assert_one_line_error(out, str(file))
    assert _digest(store_url) == before


def test_a_backup_of_the_other_kind_of_database_is_refused_with_a_hint(store_url, tmp_path, request):
    _sample_db(store_url)
    before = _digest(store_url)
    if _pg(store_url):
        out = run("restore", str(FIXTURE), "--db", store_url, "--force")
        assert_one_line_error(out, str(FIXTURE), "SQLite", "sqlite:///")
    else:
        dump = tmp_path / "pg.dump"
        dump.write_bytes(b"PGDMP\x01\x0e\x00\x04\x08\x01\x01\x01")
        out = run("restore", str(dump), "--db", store_url, "--force")
        assert_one_line_error(out, str(dump), "pg_dump", "postgresql://")
    assert _digest(store_url) == before


def test_a_database_with_workshops_is_replaced_only_with_force(store_url, new_url, tmp_path):
    _sample_db(store_url)
    file = _file(store_url, tmp_path)
    assert run("backup", str(file), "--db", store_url).returncode == 0
    target = new_url()
    store = Store(target)
    mine = store.create_workshop("Min egen", "2026-05-05")
    store.dispose()
    before = _digest(target)
    out = run("restore", str(file), "--db", target)
    assert_one_line_error(out, "har 1 workshop", "--force")
    assert _digest(target) == before
    out = run("restore", str(file), "--db", target, "--force")
    assert out.returncode == 0, out.stderr
    store = Store(target)
    assert [w.title for w in store.list_workshops()] == ["Medlemssamråd 2026 – förbundsprofil"]
    assert store.get_workshop(mine.id) is None
    store.dispose()


def test_a_restore_refuses_while_the_app_has_the_database_open(store_url, new_url, tmp_path):
    _sample_db(store_url)
    file = _file(store_url, tmp_path)
    assert run("backup", str(file), "--db", store_url).returncode == 0
    target = new_url()
    app = Store(target)
    app.list_workshops()  # the app's pool keeps a connection open, as a running app does
    before = _digest(target)
    out = run("restore", str(file), "--db", target, "--force")
    assert_one_line_error(out, "körs appen?", "stoppa appen")
    assert _digest(target) == before
    app.dispose()
    assert run("restore", str(file), "--db", target).returncode == 0


def test_a_restore_refuses_while_another_process_has_the_sqlite_file_open(tmp_path):
    """The app is another process: its pool's open connection is what the restore finds."""
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    _sample_db(url)
    file = tmp_path / "kopia.db"
    assert run("backup", str(file), "--db", url).returncode == 0
    app = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom survey.store import Store\n"
         f"s = Store({url!r}); s.list_workshops(); print('open', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout.readline().strip() == "open"
        before = _digest(url)
        assert_one_line_error(run("restore", str(file), "--db", url, "--force"), "används av ett annat program")
        assert _digest(url) == before
    finally:
        app.stdin.close()
        app.wait(timeout=30)
    assert run("restore", str(file), "--db", url, "--force").returncode == 0


def _wal_with_frames(path: Path) -> bytes:
    """The -wal of a write never checkpointed, as a crashed app leaves it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE workshops SET title = 'Från en gammal WAL'")
    wal = Path(f"{path}-wal").read_bytes()
    conn.close()
    assert len(wal) > 1000
    return wal


def test_the_old_databases_wal_never_reaches_the_restored_one(tmp_path):
    db = tmp_path / "spindeln.db"
    url = f"sqlite:///{db}"
    _sample_db(url)
    file = tmp_path / "kopia.db"
    assert run("backup", str(file), "--db", url).returncode == 0
    wal = _wal_with_frames(db)
    for exists in (True, False):  # a crash's leftover beside the database, or beside no database at all
        if not exists:
            db.unlink()
        Path(f"{db}-wal").write_bytes(wal)
        out = run("restore", str(file), "--db", url, "--force")
        assert out.returncode == 0, out.stderr
        assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
        store = Store(url)
        assert [w.title for w in store.list_workshops()] == ["Medlemssamråd 2026 – förbundsprofil"]
        store.dispose()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_a_backup_from_a_newer_spindeln_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'ny.db'}"
    _sample_db(url)
    with sqlite3.connect(tmp_path / "ny.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    file = tmp_path / "ny-kopia.db"
    assert run("backup", str(file), "--db", url).returncode == 0
    target = tmp_path / "mål.db"
    out = run("restore", str(file), "--db", f"sqlite:///{target}")
    assert_one_line_error(out, str(file), "'9999'", "nyare Spindeln")
    assert not target.exists()


def test_backup_refusals_for_sqlite(tmp_path):
    out = run("backup", str(tmp_path / "k.db"), "--db", f"sqlite:///{tmp_path / 'saknas.db'}")
    assert_one_line_error(out, "saknas.db", "finns inte")
    (tmp_path / "annan.db").write_text("ingen databas", encoding="utf-8")
    out = run("backup", str(tmp_path / "k.db"), "--db", f"sqlite:///{tmp_path / 'annan.db'}")
    assert_one_line_error(out, "annan.db", "ingen Spindeln-databas")
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    _sample_db(url)
    out = run("backup", str(tmp_path / "spindeln.db"), "--db", url, "--force")
    assert_one_line_error(out, "själva databasen")
    out = run("backup", str(tmp_path / "finns-inte" / "k.db"), "--db", url)
    assert_one_line_error(out, "finns inte")
    out = run("restore", str(tmp_path / "spindeln.db"), "--db", url, "--force")
    assert_one_line_error(out, "själva databasen")
    out = run("backup", str(tmp_path / "k.db"), "--db", "sqlite://")
    assert_one_line_error(out, "ingen databasfil")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annan.db", "spindeln.db"]


def test_a_target_that_is_no_database_is_replaced_only_with_force(tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    _sample_db(url)
    file = tmp_path / "kopia.db"
    assert run("backup", str(file), "--db", url).returncode == 0
    for junk in (b"inte en databas", b"SQLite format 3\x00" + b"\xff" * 200):
        target = tmp_path / "skräp.db"
        target.write_bytes(junk)
        out = run("restore", str(file), "--db", f"sqlite:///{target}")
        assert_one_line_error(out, str(target), "--force")
        assert target.read_bytes() == junk
        out = run("restore", str(file), "--db", f"sqlite:///{target}", "--force")
        assert out.returncode == 0, out.stderr
        assert _counts(f"sqlite:///{target}") == (1, 4, 32)


def test_a_failed_backup_leaves_nothing_under_the_name(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    _sample_db(url)
    file = tmp_path / "kopia.db"
    file.write_bytes(b"yesterday's")

    def half(source, tmp):
        tmp.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup_module, "_copy_sqlite", half)
    out = run("backup", str(file), "--db", url, "--force")
    assert_one_line_error(out, "disk I/O error")
    assert file.read_bytes() == b"yesterday's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopia.db", "spindeln.db"]


def test_pg_dump_missing_is_said_in_swedish(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(backup_module, "PG_BIN_GLOB", str(tmp_path / "postgresql" / "*" / "bin"))
    file = tmp_path / "kopia.dump"
    out = run("backup", str(file), "--db", "postgresql://spindeln:hemligt@127.0.0.1:1/spindeln")
    assert_one_line_error(out, "pg_dump finns inte", "postgresql-client")
    assert "hemligt" not in out.stderr
    assert list(tmp_path.iterdir()) == []
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    out = run("restore", str(dump), "--db", "postgresql://spindeln@127.0.0.1:1/spindeln")
    assert_one_line_error(out, "pg_restore finns inte")


@pytest.mark.postgres
def test_pg_dump_failing_says_its_first_error_line(pg_url, tmp_path):
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(database="finns_inte").render_as_string(hide_password=False)
    file = tmp_path / "kopia.dump"
    out = run("backup", str(file), "--db", url)
    assert_one_line_error(out, "pg_dump misslyckades", '"finns_inte" does not exist')
    assert list(tmp_path.iterdir()) == []
    out = run("restore", str(FIXTURE), "--db", url)
    assert_one_line_error(out, "SQLite")


# ---------------------------------------------------------------------------------------------- the password


def test_the_password_never_reaches_a_command_line(monkeypatch):
    url = "postgresql+psycopg://spindeln:s3cr:t\\pw@db.example:5433/spindeln?sslmode=require"
    conninfo, password = backup_module.pg_connection(url)
    assert password == "s3cr:t\\pw"
    assert conninfo == "host='db.example' port='5433' user='spindeln' dbname='spindeln' sslmode='require'"
    for args in (backup_module.pg_dump_args(conninfo, Path("/tmp/k.dump")),
                 backup_module.pg_restore_args(conninfo, Path("/tmp/k.dump"))):
        assert not any("s3cr" in a for a in args), args
    monkeypatch.setenv("PGPASSWORD", "från-miljön")
    with backup_module.pg_environment(password) as env:
        passfile = Path(env["PGPASSFILE"])
        assert "PGPASSWORD" not in env  # it would win over the passfile
        assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
        assert passfile.read_text(encoding="utf-8") == "*:*:*:*:s3cr\\:t\\\\pw\n"
    assert not passfile.exists()
    with backup_module.pg_environment(None) as env:  # no password in the URL: the user's own setup stands
        assert env == dict(os.environ)


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_get_the_password_in_a_passfile(pg_url, tmp_path, monkeypatch):
    from sqlalchemy.engine import make_url

    source = create_database(pg_url)
    _sample_db(source)
    with_password = make_url(source).set(password="s3cret-pw").render_as_string(hide_password=False)
    calls = []
    real_run = subprocess.run

    def spy(argv, *args, **kwargs):
        env = kwargs.get("env") or {}
        passfile = env.get("PGPASSFILE")
        calls.append((list(argv), env.get("PGPASSWORD"),
                      Path(passfile).read_text(encoding="utf-8") if passfile else None))
        return real_run(argv, *args, **kwargs)

    monkeypatch.setattr(backup_module.subprocess, "run", spy)
    file = tmp_path / "kopia.dump"
    assert run("backup", str(file), "--db", with_password).returncode == 0
    target = make_url(create_database(pg_url)).set(password="s3cret-pw").render_as_string(hide_password=False)
    out = run("restore", str(file), "--db", target)
    assert out.returncode == 0, out.stderr
    assert "s3cret" not in out.stdout and "***" in out.stdout
    tools = [Path(argv[0]).name for argv, _, _ in calls]
    assert "pg_dump" in tools and "pg_restore" in tools
    for argv, env_password, passfile in calls:
        assert not any("s3cret" in a for a in argv), argv
        assert env_password is None
        if Path(argv[0]).name == "pg_dump" or "--dbname" in " ".join(argv):
            assert passfile == "*:*:*:*:s3cret-pw\n"


def test_backup_and_restore_have_help_that_says_to_stop_the_app():
    out = run("restore", "--help")
    assert out.returncode == 0 and "Stop the app first" in out.stdout
    out = run("backup", "--help")
    assert out.returncode == 0 and "while the app keeps running" in out.stdout
