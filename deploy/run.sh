#!/usr/bin/env bash
# Spindeln for a federation, in one command and without systemd: two (or more) Spindeln processes on one
# PostgreSQL, Caddy in front with HTTPS. Settings come from the environment only (see deploy/spindeln.env.example):
#
#   set -a; . /etc/spindeln/spindeln.env; set +a; deploy/run.sh
#
# The first process starts alone (it upgrades the schema and seeds the sample workshop), then the others, then
# Caddy. Ctrl-C or a stopped process ends them all. deploy/spindeln@.service does the same under systemd.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgresql+psycopg://spindeln@localhost/spindeln (the password in PGPASSWORD)}"
: "${SPINDELN_SITE:?set SPINDELN_SITE, e.g. spindeln.exempelforbund.se, or https://192.168.1.20 with SPINDELN_TLS=internal}"
: "${SPINDELN_TLS:?set SPINDELN_TLS: internal (a LAN test) or the e-mail address for the certificates}"
PORTS=${SPINDELN_PORTS:-"8501 8502"}
export SPINDELN_STATIC=${SPINDELN_STATIC:-$PWD/.static}
export SPINDELN_TRUSTED_PROXIES=${SPINDELN_TRUSTED_PROXIES:-127.0.0.1}  # Caddy: the one that may say X-Forwarded-For
export FORWARDED_ALLOW_IPS=""  # uvicorn believes no proxy header; Spindeln reads them from the trusted proxy only
PY=.venv/bin/python

version=$("$PY" -c "import streamlit; print(streamlit.__version__)")
if [ ! -f "$SPINDELN_STATIC/.streamlit-$version" ]; then
  "$PY" deploy/precompress.py "$SPINDELN_STATIC"
  touch "$SPINDELN_STATIC/.streamlit-$version"
fi

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

healthy() {
  for _ in $(seq 1 120); do
    "$PY" -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:$1/_stcore/health', timeout=2).read() != b'ok')" \
      2>/dev/null && return 0
    sleep 0.5
  done
  echo "Spindeln on port $1 did not start" >&2
  return 1
}

upstreams=()
first=1
for port in $PORTS; do
  "$PY" -m streamlit run app.py --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none --server.runOnSave false &
  pids+=($!)
  upstreams+=("127.0.0.1:$port")
  if [ "$first" = 1 ]; then healthy "$port"; first=0; fi
done
for port in $PORTS; do healthy "$port"; done
export SPINDELN_UPSTREAMS="${upstreams[*]}"
caddy run --config deploy/Caddyfile --adapter caddyfile &
pids+=($!)
echo "Spindeln: ${#upstreams[@]} processes behind Caddy at $SPINDELN_SITE"
wait -n
