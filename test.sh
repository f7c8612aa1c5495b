#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: Python packages into .venv, Debian's chromium (browser
# tests), postgresql (store tests on a real server), poppler-utils (PDF read-back), caddy and zstd (the
# deployment through a reverse proxy) when missing.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v caddy >/dev/null 2>&1 || need+=(caddy)   # the reverse proxy of deploy/ (tests/browser/test_through_the_proxy.py)
command -v zstd >/dev/null 2>&1 || need+=(zstd)     # deploy/precompress.py
fc-list 2>/dev/null | grep -qi roboto || need+=(fonts-roboto-unhinted)  # the phones' font in the browser tests
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing Debian packages (${need[*]}); the tests that need them will say so." >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.dev-requirements-installed
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  touch "$stamp"
fi
exec .venv/bin/python -m pytest "$@"
