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


@dataclass
class Site:
    """deploy/run.sh running: Caddy with `tls internal` at `url` in front of two Spindeln processes."""
    url: str
    process: subprocess.Popen
    log_path: Path
    http_port: int
    ca: Path  # Caddy's own CA (root.crt, intermediate.crt)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # run.sh's session: its processes and Caddy
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_site(workdir: Path, database_url: str, timeout: float = 240) -> Site:
    """The deployment recipe as a federation runs it (deploy/run.sh), on free ports, its Caddy state in
    `workdir`; waits until the site answers over https (the first start precompresses Streamlit's files)."""
    import ssl

    url = f"https://localhost:{free_port()}"
    http_port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SPINDELN_SITE": url, "SPINDELN_TLS": "internal",
           "SPINDELN_HTTP_PORT": str(http_port), "SPINDELN_ADMIN": "off",
           "SPINDELN_PORTS": f"{free_port()} {free_port()}", "SPINDELN_STATIC": str(workdir / "static"),
           "SPINDELN_PUBLIC_URL": url, "SPINDELN_ADMIN_PASSWORD": ADMIN_PASSWORD, "HOME": str(workdir),
           "XDG_DATA_HOME": str(workdir / "data"), "XDG_CONFIG_HOME": str(workdir / "config"),
           "PYTHONUNBUFFERED": "1"}
    log_path = workdir / "run.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(["bash", str(ROOT / "deploy" / "run.sh")], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    site = Site(url, process, log_path, http_port, workdir / "data" / "caddy" / "pki" / "authorities" / "local")
    insecure = ssl._create_unverified_context()  # Caddy's own CA; nothing is installed in a trust store
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"deploy/run.sh exited with {process.returncode}:\n{site.log()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2, context=insecure) as r:
                if r.read() == b"ok":
                    return site
        except OSError:
            time.sleep(0.5)
    site.stop()
    raise RuntimeError(f"the site did not answer within {timeout:.0f} s:\n{site.log()}")
