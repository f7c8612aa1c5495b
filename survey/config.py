"""Settings read in one place: the environment first, then Streamlit secrets, then a default."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "spindeln.db"


def setting(name: str, default: str | None = None) -> str | None:
    """The value of `name`; an empty environment variable counts as unset so `X=` cannot mean "no password"."""
    value = os.environ.get(name)
    if value:
        return value
    try:
        import streamlit as st

        secret = st.secrets.get(name)
    except Exception:  # st.secrets raises when no secrets file exists, or outside a Streamlit run
        secret = None
    if secret is not None and str(secret) != "":
        return str(secret)
    return default


def normalize_url(url: str) -> str:
    """Hosting platforms hand out `postgres://` URLs; SQLAlchemy needs the driver named (psycopg 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def database_url() -> str:
    """DATABASE_URL, or a SQLite file in the repository's data/ directory (created when missing)."""
    url = setting("DATABASE_URL")
    if url:
        return normalize_url(url.strip())
    DEFAULT_DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB_PATH}"
