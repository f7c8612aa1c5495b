"""Shared fixtures. PostgreSQL fixtures come from tests/pg.py, browser fixtures from tests/browser/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.pg"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "sample_data" / "medlemssamrad-2026.csv"


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
