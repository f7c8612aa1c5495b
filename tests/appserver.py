"""Start the real app (streamlit run app.py) on a free port with its own database, for browser tests and benchmarks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SPINDELN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-quic", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
ADMIN_PASSWORD = "test-pin-4711"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    database_url: str
    log_path: Path

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_app(workdir: Path, database_url: str | None = None, script: str = "app.py", env: dict | None = None,
              port: int | None = None) -> AppServer:
    port = port or free_port()
    database_url = database_url or f"sqlite:///{workdir / 'spindeln.db'}"
    log_path = workdir / f"app-{port}.log"
    environment = {**os.environ, "DATABASE_URL": database_url, "SPINDELN_ADMIN_PASSWORD": ADMIN_PASSWORD,
                   "PYTHONUNBUFFERED": "1", "FORWARDED_ALLOW_IPS": "", **(env or {})}  # as start.sh sets it
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(cmd, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return AppServer(url, process, database_url, log_path)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("app did not become healthy within 60 s:\n" + log_path.read_text(errors="replace"))
