"""PostgreSQL for the store tests: a throwaway server in a temp dir, a fresh database per test.

Registered as a plugin (`pytest_plugins = ["tests.pg"]`). Fixtures:
- `pg_url` (session): starts the server once and yields a URL of a database on it;
- `store_url`: parametrised over "sqlite" (a real file in tmp_path) and "postgresql" (a new database);
- `store`: a `survey.store.Store` on `store_url`, disposed after the test.
Without PostgreSQL installed the postgresql cases are skipped, except under CI=true where they fail.
"""

from __future__ import annotations

import glob
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

_counter = itertools.count()


def _pg_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, else the directory of initdb on PATH."""
    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([\d.]+)/", path)
        return tuple(int(p) for p in match.group(1).split(".")) if match else (0,)

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user() -> dict[str, Any]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root and there is no 'postgres' user to run the test server as", pytrace=False)
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


def _conninfo(port: int, dbname: str) -> str:
    return f"host=127.0.0.1 port={port} user=postgres dbname={dbname} connect_timeout=2"


def _wait_ready(proc: subprocess.Popen, port: int, log: Path, timeout: float = 30.0) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"postgres exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with psycopg.connect(_conninfo(port, "postgres")):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"postgres did not accept connections in {timeout:.0f} s:\n"
                                   f"{log.read_text(errors='replace')[-2000:]}") from None
            time.sleep(0.1)


def create_database(pg_url: str) -> str:
    """A new, empty database on the server behind `pg_url`; returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    name = f"spindeln_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(_conninfo(url.port, "postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    bin_dir = _pg_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI=true requires the PostgreSQL store tests: install Debian's 'postgresql' "
                        "package (test.sh does so when run as root)", pytrace=False)
        pytest.skip(message)
    run_as = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="spindeln-pg-"))  # under /tmp, not pytest's root-only tmp tree
    data = base / "data"
    log = base / "postgres.log"
    proc: subprocess.Popen | None = None
    try:
        if run_as:
            os.chown(base, run_as["user"], run_as["group"])
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            check=True, capture_output=True, cwd=base, env=env, **run_as,
        )
        for attempt in range(3):  # the free port may be taken between choosing it and binding it
            port = _free_port()
            with open(log, "ab") as out:
                proc = subprocess.Popen(
                    [str(bin_dir / "postgres"), "-D", str(data), "-k", str(base), "-h", "127.0.0.1",
                     "-p", str(port), "-c", "fsync=off", "-c", "synchronous_commit=off",
                     "-c", "full_page_writes=off", "-c", "max_connections=200"],
                    stdout=out, stderr=subprocess.STDOUT, cwd=base, env=env, **run_as,
                )
            try:
                _wait_ready(proc, port, log)
                break
            except RuntimeError:
                if proc.poll() is None or attempt == 2:
                    raise
        else:  # pragma: no cover
            raise RuntimeError("postgres did not start")
        yield create_database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    except (subprocess.CalledProcessError, RuntimeError) as e:
        detail = e.stderr.decode(errors="replace") if isinstance(e, subprocess.CalledProcessError) else str(e)
        pytest.fail(f"could not start the PostgreSQL test server: {detail}", pytrace=False)
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # fast shutdown: roll back open transactions and exit
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'spindeln.db'}"
    return create_database(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    from survey.store import Store

    s = Store(store_url)
    yield s
    s.dispose()
