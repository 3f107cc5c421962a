"""The load balancer in front of the app servers: HAProxy's configuration, and HAProxy run
in the foreground for `make serve-replicas`, the tests and the benchmarks.

Why HAProxy (2.6, Debian's) rather than nginx (1.22, Debian's): open-source nginx cannot
insert a cookie of its own to keep a browser on one server (its `sticky cookie` is in the
paid build only; `ip_hash` sends a whole school behind one address to one server) and has no
active health checks (it notices a dead server only when a visitor's request fails). HAProxy
does both, and passes websockets through with nothing more than a tunnel time-out.

What a Streamlit app needs from a balancer, and the line of `haproxy_config` that gives it:

- one browser on one server (Streamlit keeps a session's state, uploads and download media
  in that server's memory): `cookie ... insert`, a cookie HAProxy sets naming the server;
- websockets (each tab keeps one open for as long as it is open): `timeout tunnel`;
- a server that stops answering `/_stcore/health` taken out within seconds (`check`), and a
  browser whose server died sent to another at once (`option redispatch`, `retries`);
- which server answered: the `X-Reading-Room-Server` response header and the log line.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Debian puts it in /usr/sbin, which is not on every user's PATH.
HAPROXY = os.environ.get("READING_ROOM_HAPROXY") or shutil.which("haproxy") or "/usr/sbin/haproxy"
SERVER_HEADER = "X-Reading-Room-Server"
STICKY_COOKIE = "RR_SERVER"
HEALTH_PATH = "/_stcore/health"
START_TIMEOUT_S = 30.0

STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Backend:
    """One app server as the balancer knows it: a short name (also the cookie's value and
    the header's) and where it listens."""

    name: str
    address: str  # host:port


# deploy/haproxy.cfg, the configuration to copy, is haproxy_config(EXAMPLE_BACKENDS): two
# app servers on the school's network (tests/test_deploy.py keeps the file and this in step).
EXAMPLE_BACKENDS = (Backend("app1", "10.0.0.11:8501"), Backend("app2", "10.0.0.12:8501"))


def haproxy_config(
    backends: Sequence[Backend],
    bind: str = ":80",
    log: str = "/dev/log local0",
    stats_socket: str | os.PathLike | None = None,
    check_every: str = "2s",
) -> str:
    """HAProxy's configuration for the app servers `backends`, listening on `bind`.

    `log` is where HAProxy logs (Debian's syslog socket by default; `stdout format raw
    local0` when run in the foreground); `stats_socket` an optional admin socket (the tests
    read the servers' states through it)."""
    stats = f"    stats socket {stats_socket} mode 600 level admin\n" if stats_socket else ""
    servers = "".join(f"    server {b.name} {b.address} check cookie {b.name}\n" for b in backends)
    return f"""\
# Reading Room behind HAProxy 2.6: sticky sessions, websockets, health checks.
# Made by deploy/balancer.py (haproxy_config); `make serve-replicas` runs the same.
global
    log {log}
    # Each open tab holds one connection (two file descriptors); raise with the system limit.
    maxconn 4096
{stats}
defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 30s
    # Each open tab keeps one websocket for as long as it is open.
    timeout tunnel 8h
    timeout client-fin 30s
    # A request for a server that is gone goes to another at once (the browser's session
    # cookie named the dead one); every retry may pick another server.
    retries 3
    option redispatch 1

frontend reading_room
    bind {bind}
    # For HTTPS, instead: bind :443 ssl crt /etc/haproxy/reading-room.pem
    # and add `secure` to the cookie line below.
    default_backend streamlit

backend streamlit
    # Websockets are long: the server with the fewest open ones takes a new visitor.
    balance leastconn
    # Sticky sessions: HAProxy names the server in a cookie of its own, so a browser keeps
    # its server (Streamlit holds a session, its uploads and downloads in that server's
    # memory). `indirect`: the app never sees the cookie; `nocache`: no shared cache keeps it.
    cookie {STICKY_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    # Health: Streamlit answers "ok" at {HEALTH_PATH}; two misses take a server out, one
    # answer brings it back.
    option httpchk
    http-check send meth GET uri {HEALTH_PATH}
    http-check expect string ok
    default-server inter {check_every} fall 2 rise 1
    # Which server answered (also in the log line, as backend/server).
    http-response set-header {SERVER_HEADER} %[srv_name]
{servers}"""


class Balancer:
    """HAProxy in the foreground on 127.0.0.1 in front of `backends` (context manager).

    Its configuration, log and admin socket live in a temporary folder; `base_url` is the
    one address to open."""

    def __init__(self, backends: Sequence[Backend], port: int, check_every: str = "1s") -> None:
        self.backends, self.port = list(backends), port
        self.folder = Path(tempfile.mkdtemp(prefix="reading-room-haproxy-"))
        self.config_path = self.folder / "haproxy.cfg"
        self.log_path = self.folder / "haproxy.log"
        self.socket_path = self.folder / "admin.sock"
        self.check_every = check_every
        self.base_url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Balancer:
        """Write the configuration, check it, start HAProxy and wait until it answers."""
        self.config_path.write_text(
            haproxy_config(
                self.backends,
                bind=f"127.0.0.1:{self.port}",
                log="stdout format raw local0 info",
                stats_socket=self.socket_path,
                check_every=self.check_every,
            )
        )
        checked = subprocess.run(
            [HAPROXY, "-c", "-q", "-f", str(self.config_path)], capture_output=True, text=True
        )
        if checked.returncode != 0:
            raise RuntimeError(f"HAProxy refuses its configuration:\n{checked.stderr}")
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [HAPROXY, "-db", "-f", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_answering()
        return self

    def _wait_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"HAProxy exited early:\n{self.log_tail()}")
            if self.socket_path.exists() and _answers(self.base_url):
                return
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"HAProxy did not answer in {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def states(self) -> dict[str, str]:
        """Each server's state as HAProxy sees it now: UP, DOWN, MAINT, ... by name."""
        answer = self.command("show stat")
        header, *rows = [line for line in answer.splitlines() if line.strip()]
        columns = header.lstrip("# ").split(",")
        name, kind, status = (columns.index(c) for c in ("svname", "type", "status"))
        servers = (row.split(",") for row in rows)
        return {r[name]: r[status].split(" ")[0] for r in servers if r[kind] == "2"}

    def wait_for(self, wanted: dict[str, str], timeout_s: float = 120.0) -> None:
        """Block until the named servers are in the wanted states (e.g. {"app1": "DOWN"})."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            states = self.states()
            if all(states.get(name) == state for name, state in wanted.items()):
                return
            time.sleep(0.2)
        raise TimeoutError(f"HAProxy's servers are {self.states()}, not {wanted}")

    def command(self, line: str) -> str:
        """One command on HAProxy's admin socket; its answer."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(str(self.socket_path))
            sock.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop HAProxy (SIGTERM, then SIGKILL) and remove its folder."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=STOP_TIMEOUT_S)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Balancer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _answers(base_url: str) -> bool:
    """True once HAProxy itself answers (any HTTP status: no server may be up yet)."""
    try:
        with urllib.request.urlopen(base_url + HEALTH_PATH, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, urllib.error.URLError):
        return False
