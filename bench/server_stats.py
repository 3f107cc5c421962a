"""A Streamlit server under test (benchmarks and browser tests), its CPU, memory and metrics."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

HEALTH_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
HTTP_TIMEOUT_S = 10.0
_SAMPLE = re.compile(r"^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$")


def process_stats(pid: int) -> dict:
    """CPU seconds (user+sys, process plus children) and RSS bytes of a process."""
    process = psutil.Process(pid)
    with process.oneshot():
        times, rss, threads = process.cpu_times(), process.memory_info().rss, process.num_threads()
    user, system, rss_total = times.user + times.children_user, times.system, rss
    system += times.children_system
    kids = process.children(recursive=True)
    for kid in kids:
        try:
            with kid.oneshot():
                kid_times, kid_rss = kid.cpu_times(), kid.memory_info().rss
        except psutil.Error:  # the child ended meanwhile
            continue
        user += kid_times.user + kid_times.children_user
        system += kid_times.system + kid_times.children_system
        rss_total += kid_rss
    return {
        "cpu_user_s": user,
        "cpu_sys_s": system,
        "cpu_s": user + system,
        "rss_bytes": rss,
        "rss_total_bytes": rss_total,
        "threads": threads,
        "children": len(kids),
    }


def parse_openmetrics(text: str) -> dict[str, float]:
    """Parse OpenMetrics/Prometheus text into {sample_name: value summed over labels}."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        match = _SAMPLE.match(line.strip())
        if not match or line.startswith("#"):
            continue
        try:
            value = float(match.group(3))
        except ValueError:
            continue
        out[match.group(1)] = out.get(match.group(1), 0.0) + value
    return out


def fetch_metrics(base_url: str) -> dict[str, float]:
    """GET <base_url>/_stcore/metrics and return {metric_name: value} summed over labels."""
    req = urllib.request.Request(
        base_url.rstrip("/") + "/_stcore/metrics",
        headers={"Accept": "application/openmetrics-text"},
    )
    with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_S) as resp:
        return parse_openmetrics(resp.read().decode("utf-8", "replace"))


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(base_url: str) -> bool:
    """True if /_stcore/health answers 200 'ok'."""
    try:
        with urllib.request.urlopen(base_url + "/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (OSError, urllib.error.URLError):
        return False


def owns_port(pid: int, port: int) -> bool:
    """True if process pid holds a socket listening on port (guards against port races)."""
    try:
        sockets = psutil.Process(pid).net_connections(kind="inet")
    except psutil.Error:
        return False
    return any(s.status == psutil.CONN_LISTEN and s.laddr.port == port for s in sockets)


class ServerProcess:
    """Context manager running `streamlit run <script>` on 127.0.0.1 until exit.

    The project's own .streamlit/config.toml applies when `cwd` is the project's root; `env`
    extends the environment (e.g. READING_ROOM_ARTICLES for another folder of bundles);
    `health_timeout_s` is how long start-up may take (longer on a busy machine).
    """

    def __init__(
        self,
        script: str | os.PathLike,
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike | None = None,
        health_timeout_s: float = HEALTH_TIMEOUT_S,
    ) -> None:
        self.script, self.port = str(script), free_port()
        self.health_timeout_s = health_timeout_s
        self.env, self.cwd = dict(env or {}), cwd
        self.log_path = _temp_log()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        """PID of the streamlit server process."""
        if self.proc is None:
            raise RuntimeError("server not started")
        return self.proc.pid

    def command(self) -> list[str]:
        """The full command line used to start the server."""
        cmd = [sys.executable, "-m", "streamlit", "run", self.script]
        cmd += ["--server.port", str(self.port), "--server.headless", "true"]
        return cmd + ["--server.address", "127.0.0.1"]

    def start(self) -> ServerProcess:
        """Start the server and block until /_stcore/health says ok."""
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.cwd,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        """Poll the health endpoint; stop and raise on exit or timeout."""
        deadline = time.monotonic() + self.health_timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(
                    f"streamlit exited early ({self.proc.returncode}):\n{self.log_tail()}"
                )
            if owns_port(self.proc.pid, self.port) and _health_ok(self.base_url):
                return
            time.sleep(0.25)
        self.stop()
        raise TimeoutError(
            f"streamlit not healthy after {self.health_timeout_s} s:\n{self.log_tail()}"
        )

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after a grace period; return the exit code."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=STOP_TIMEOUT_S)

    def log_tail(self, n: int = 40) -> str:
        """Last n lines of the server's combined stdout/stderr."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stats(self) -> dict:
        """process_stats() of the server process."""
        return process_stats(self.pid)

    def metrics(self) -> dict[str, float]:
        """fetch_metrics() of the server."""
        return fetch_metrics(self.base_url)

    def __enter__(self) -> ServerProcess:
        """Start the server."""
        return self.start()

    def __exit__(self, *exc: object) -> None:
        """Stop the server."""
        self.stop()


def _temp_log() -> Path:
    """A fresh temporary file for server output."""
    fd, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
    os.close(fd)
    return Path(name)
