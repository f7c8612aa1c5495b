"""A phone's first visit on a slow mobile network: bytes on the wire and time to a usable page.

Chromium's own network emulation (DevTools Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up,
150 ms round trip) in a fresh browser context per visit (an empty cache), against, in the same run:

  bare      a bare Streamlit hello page (benchmarks/hello_app.py), served directly by `streamlit run`: the floor
  direct    Spindeln served directly by `streamlit run` (as start.sh does on a laptop)
  proxy     Spindeln behind deploy/run.sh: Caddy with HTTPS in front of two processes, Streamlit's files from disk
            precompressed (zstd -19 / gzip -9) with a year's cache

and for Spindeln two pages: a group's form (usable = its "Skicka in" button is there and the script has
finished) and the results page of the revealed sample workshop (usable = the radar is drawn). "warm" is the
same phone coming back (the same context, its cache filled by the first visit). Every server has served the
page before the visits are measured (as in a room, where the facilitator opened it first). Bytes are what crossed the
wire: every HTTP response's encoded length (headers included; 0 for what the cache served) plus every
WebSocket frame received. Each figure is the median of --repeat visits.

Targets (issue 14): the group form through the proxy ≤ 1.0 MB and ≤ 0.45× the time of the bare page direct;
a returning phone ≤ 0.1 MB.

    .venv/bin/python -m benchmarks.first_load              # 3 visits each
    .venv/bin/python -m benchmarks.first_load --repeat 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.appserver import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_app, start_site

DOWN = 1.6e6 / 8  # bytes per second
UP = 750e3 / 8
LATENCY = 150  # ms, the round trip
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _workshops(database_url: str) -> tuple[str, str]:
    """The sample workshop (revealed: its results page has the radar) and an open one with a group: its form."""
    from survey.store import Store
    from tests.conftest import SAMPLE_CSV

    store = Store(database_url)
    sample = store.ensure_sample_workshop(SAMPLE_CSV)
    open_ = store.create_workshop("Medlemssamråd 2027", "2027-02-26", federation=sample.federation)
    store.set_state(open_.id, "open")
    group = store.add_group(open_.id, "Norr")
    store.set_questions(open_.id, ["Vad gör förbundet bäst?"])
    store.dispose()
    return f"/?w={sample.id}", f"/?w={open_.id}&g={group.token}"


def _spki(path: Path) -> str:
    """The base64 SHA-256 of a certificate's public key, for Chromium's --ignore-certificate-errors-spki-list:
    Caddy's own CA is then trusted like a real one, so the browser caches what it serves (it caches nothing
    from a server whose certificate it had to overlook)."""
    key = subprocess.run(["openssl", "x509", "-in", str(path), "-pubkey", "-noout"], check=True,
                         capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=key, check=True,
                         capture_output=True).stdout
    digest = subprocess.run(["openssl", "dgst", "-sha256", "-binary"], input=der, check=True,
                            capture_output=True).stdout
    import base64

    return base64.b64encode(digest).decode()


def _start_bare(work: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "benchmarks" / "hello_app.py"), "--server.port",
           str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = open(work / "bare.log", "wb")
    process = subprocess.Popen(cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    _wait(f"http://127.0.0.1:{port}/_stcore/health")
    return process, f"http://127.0.0.1:{port}"


def _wait(url: str, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def _visit(page, url: str, ready: str) -> tuple[float, int]:
    """One navigation under the emulated network: seconds to usable, bytes on the wire."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": LATENCY,
                                                   "downloadThroughput": DOWN, "uploadThroughput": UP})
    wire = {"http": 0, "ws": 0}
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__("http", wire["http"] + e["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived",
           lambda e: wire.__setitem__("ws", wire["ws"] + len(e["response"].get("payloadData", ""))))
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(ready, state="visible", timeout=120_000)
    page.wait_for_selector(IDLE, timeout=120_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)  # the last frames and responses are counted
    cdp.detach()
    return seconds, wire["http"] + wire["ws"]


def measure(browser, url: str, ready: str, repeat: int) -> dict:
    # The server has been running (the facilitator opened the workshop): visits not measured, so that no figure
    # includes a process importing its modules for its first page. Four, in their own contexts: the proxy's
    # cookie sends each to a process by chance, and each of its two processes should have had one (15 in 16).
    for _ in range(4):
        ctx = browser.new_context(ignore_https_errors=True)
        ctx.new_page().goto(url, wait_until="commit")
        ctx.pages[0].wait_for_selector(ready, state="visible", timeout=120_000)
        ctx.close()
    cold_t, cold_b, warm_t, warm_b = [], [], [], []
    for _ in range(repeat):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", ignore_https_errors=True)
        page = ctx.new_page()
        t, b = _visit(page, url, ready)
        cold_t.append(t)
        cold_b.append(b)
        page.close()
        page = ctx.new_page()  # the phone comes back: the same browser, its cache
        t, b = _visit(page, url, ready)
        warm_t.append(t)
        warm_b.append(b)
        ctx.close()
    return {"s": statistics.median(cold_t), "mb": statistics.median(cold_b) / 1e6,
            "warm_s": statistics.median(warm_t), "warm_mb": statistics.median(warm_b) / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="spindeln-first-load-"))
    database_url = f"sqlite:///{work / 'spindeln.db'}"
    results_path, form_path = _workshops(database_url)
    processes = []
    try:
        bare, bare_url = _start_bare(work)
        processes.append(bare)
        direct = start_app(work, database_url=database_url)
        site = start_site(work, database_url)
        proxy_url, ca = site.url, site.ca
        processes.append(site.process)
        spki = ",".join(_spki(ca / name) for name in ("root.crt", "intermediate.crt"))
        form_ready = "button:has-text('Skicka in')"
        chart_ready = ".js-plotly-plot"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={spki}"])
            rows = [
                ("bare Streamlit hello, direct", measure(browser, bare_url, "text=Hello", args.repeat)),
                ("group form, direct", measure(browser, direct.url + form_path, form_ready, args.repeat)),
                ("group form, proxy", measure(browser, proxy_url + form_path, form_ready, args.repeat)),
                ("results page, direct", measure(browser, direct.url + results_path, chart_ready, args.repeat)),
                ("results page, proxy", measure(browser, proxy_url + results_path, chart_ready, args.repeat)),
            ]
            browser.close()
        direct.stop()
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)  # run.sh's session: its processes and Caddy too
                process.wait(timeout=20)
            except Exception:  # noqa: BLE001 - it is gone already
                pass
        shutil.rmtree(work, ignore_errors=True)

    floor = rows[0][1]["s"]
    print(f"Slow mobile network (1.6 Mbit/s down, {LATENCY} ms), fresh cache, median of {args.repeat}:\n")
    print("| page | on the wire | to usable | × bare | returning: wire | returning: time |")
    print("|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['mb']:.2f} MB | {r['s']:.1f} s | {r['s'] / floor:.2f}× | {r['warm_mb']:.3f} MB | "
              f"{r['warm_s']:.1f} s |")
    form = rows[2][1]
    print(f"\ntargets: group form through the proxy ≤ 1.0 MB: {form['mb']:.2f} MB "
          f"{'met' if form['mb'] <= 1.0 else 'NOT met'}; ≤ 0.45× the bare page: {form['s'] / floor:.2f}× "
          f"{'met' if form['s'] / floor <= 0.45 else 'NOT met'}; returning ≤ 0.1 MB: {form['warm_mb']:.3f} MB "
          f"{'met' if form['warm_mb'] <= 0.1 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
