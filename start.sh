#!/usr/bin/env bash
# Sets up Spindeln on a fresh machine (a virtualenv in .venv) and starts the app on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements-installed
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  touch "$stamp"
fi
# Uvicorn (under Streamlit's st.App) would take X-Forwarded-For from any loopback peer as the client's address;
# Spindeln reads that header itself, and only from SPINDELN_TRUSTED_PROXIES (survey/auth.py).
export FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS-}"
exec .venv/bin/python -m streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
