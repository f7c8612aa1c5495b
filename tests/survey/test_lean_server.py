"""What a server process holds in memory (issue 14: a live workshop's server held 1.6× the memory of a bare
Streamlit app). The pages that run during a workshop, the console, the results board and a group's form,
import no migration tool on an up-to-date database, no plotting library for the print chart, no SciPy (the
t quantile is computed exactly: 14 MB less) and, on SQLite, no PostgreSQL dialect. Measured in a fresh
interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from survey import migrations
from survey.store import Store
from tests.conftest import SAMPLE_CSV

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCRIPT = """
import json, sys
from survey.store import Store
from survey.ui import get_store
from tests.pages.helpers import app, console_app, run_ok
store = get_store()
w = store.list_workshops()[0]
g = store.add_group(w.id, "Norr")
run_ok(console_app(admin=True))
run_ok(app(w=w.id))
run_ok(app(w=w.id, g=g.token))
print(json.dumps(sorted(m for m in ("alembic", "matplotlib", "scipy", "docx", "openpyxl", "fpdf",
                                   "sqlalchemy.dialects.postgresql") if m in sys.modules)))
"""


def test_the_head_is_alembics_head():
    assert migrations.HEAD == migrations.head()


def test_a_workshop_runs_without_alembic_matplotlib_scipy_or_the_postgresql_dialect_in_memory(tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)  # made and migrated beforehand, as a server restarted on its database finds it
    store.ensure_sample_workshop(SAMPLE_CSV)
    store.dispose()
    env = {**os.environ, "DATABASE_URL": url, "SPINDELN_ADMIN_PASSWORD": "lösenord-för-testet-1234"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
