"""Helpers to run a Streamlit server under test and read its resource usage and metrics."""

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
from collections.abc import Sequence
from pathlib import Path

HEALTH_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
HTTP_TIMEOUT_S = 10.0
_CLK_TCK = os.sysconf("SC_CLK_TCK")
_SAMPLE = re.compile(r"^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$")


def _stat_fields(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name (index 0 = state)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _children(pid: int) -> list[int]:
    """PIDs of all live descendants of pid (scan of /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(_stat_fields(int(entry.name))[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _cpu_ticks(pid: int) -> tuple[int, int]:
    """(user, sys) clock ticks of pid including its reaped children."""
    f = _stat_fields(pid)
    # utime, stime, cutime, cstime are fields 14-17 of stat, i.e. 11-14 here.
    return int(f[11]) + int(f[13]), int(f[12]) + int(f[14])


def _status_kb(pid: int, key: str) -> int:
    """A 'kB' value (e.g. VmRSS) from /proc/<pid>/status, 0 if absent."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def process_stats(pid: int) -> dict:
    """CPU seconds (user+sys, process plus children) and RSS bytes of a process."""
    user, system = _cpu_ticks(pid)
    rss_kb = _status_kb(pid, "VmRSS")
    kids = _children(pid)
    for kid in kids:
        try:
            ku, ks = _cpu_ticks(kid)
            user, system, rss_kb = user + ku, system + ks, rss_kb + _status_kb(kid, "VmRSS")
        except (OSError, ValueError, IndexError):
            continue
    return {
        "cpu_user_s": user / _CLK_TCK,
        "cpu_sys_s": system / _CLK_TCK,
        "cpu_s": (user + system) / _CLK_TCK,
        "rss_bytes": _status_kb(pid, "VmRSS") * 1024,
        "rss_total_bytes": rss_kb * 1024,
        "threads": _status_kb(pid, "Threads"),
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


def _listening_inodes(port: int) -> set[str]:
    """Socket inodes listening on a TCP port (from /proc/net/tcp and tcp6)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(cols[9])
    return inodes


def owns_port(pid: int, port: int) -> bool:
    """True if process pid holds a socket listening on port (guards against port races)."""
    wanted = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") in wanted:
                return True
        except OSError:
            continue
    return False


class ServerProcess:
    """Context manager running `streamlit run <script>` on 127.0.0.1 until exit."""

    def __init__(
        self,
        script: str | os.PathLike,
        port: int | None = None,
        flags: dict[str, object] | Sequence[str] | None = None,
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike | None = None,
        python: str = sys.executable,
        log_path: str | os.PathLike | None = None,
        health_timeout_s: float = HEALTH_TIMEOUT_S,
    ) -> None:
        """Configure; flags: {"server.x": v} or ["--server.x", "v"]; env extends os.environ."""
        self.script, self.port = str(script), port or free_port()
        self.flags, self.env, self.cwd = flags or {}, dict(env or {}), cwd
        self.python, self.health_timeout_s = python, health_timeout_s
        self.log_path = Path(log_path) if log_path else _temp_log()
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
        cmd = [self.python, "-m", "streamlit", "run", self.script]
        cmd += ["--server.port", str(self.port), "--server.headless", "true"]
        cmd += ["--server.address", "127.0.0.1"]
        if not isinstance(self.flags, dict):
            return cmd + [str(f) for f in self.flags]
        for key, value in self.flags.items():
            cmd += [f"--{key.lstrip('-')}", _flag_value(value)]
        return cmd

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


def _flag_value(value: object) -> str:
    """Render a config flag value the way the streamlit CLI expects (bools lower-case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
