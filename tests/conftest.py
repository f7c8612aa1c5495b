"""Shared fixtures. PostgreSQL fixtures come from tests/pg.py, browser fixtures from tests/browser/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.pg"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "sample_data" / "medlemssamrad-2026.csv"

# Axel, Värden, Medel, Spridning, Tolkning exactly as printed in the minutes.
SEED_TABLE = [
    ("Finansiera", "5; 5; 4; 5", "4,75", "Mycket låg", "Stark samsyn"),
    ("Strategiskt/proaktivt", "4; 2; 4; 4,5", "3,6", "Medel", "Övervägande högt"),
    ("Uppföljning", "4,5; 3; 4; 3", "3,6", "Medel", "Relativt högt"),
    ("Initiera samverkan", "4; 2; 3; 2", "2,75", "Medel", "Medel/lite lägre"),
    ("Metodutveckling", "3; 2; 4; 1", "2,5", "Hög", "Oenighet"),
    ("Mötesplats", "2,5; 5; 2", "3,2 *", "Hög", "Polariserat"),
    ("Påverka samverkan", "1; 2; 3; 3,5", "2,4", "Hög", "Låg-medel"),
    ("Förvalta", "3; 1,5; 2; 1", "1,9", "Låg-medel", "Tydligt lågt"),
]
# The same table as Spindeln computes it: the one documented deviation is Förvalta's spread (README,
# "How the labels are computed"; tests/analysis/test_seed_table.py proves no rule can follow the analyst there).
OUR_TABLE = [(*row[:3], "Medel", row[4]) if row[0] == "Förvalta" else row for row in SEED_TABLE]


@pytest.fixture
def sample_csv() -> Path:
    return SAMPLE_CSV


@pytest.fixture
def sample_ratings():
    from survey.importer import read_ratings

    return read_ratings(SAMPLE_CSV)


@pytest.fixture
def sample_summary(sample_ratings):
    from analysis import summarize

    return summarize(sample_ratings)


def run_cli(*args: str):
    """`python -m survey ARGS` in this process (`survey.cli.main`): exit status, stdout and stderr, as a
    CompletedProcess. Tests that must see a real process's exit status and stderr use `run_process`."""
    import contextlib
    import io
    import subprocess

    from survey.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, or a usage error
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["python", "-m", "survey", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str, timeout: int = 120):
    """`python -m survey ARGS` as a user runs it: a real process from the repository's root."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "survey", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
