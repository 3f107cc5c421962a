"""`make serve-replicas N=2`: the school setup on one computer, to try it.

A throwaway PostgreSQL (or the one `READING_ROOM_DATABASE_URL` names), N app servers on free
ports, all with the same cookie secret and database, and HAProxy in front on one address,
which is printed. Ctrl+C stops everything, the throwaway database with it.

`School` is the same thing as a context manager, for the tests and the benchmarks: it knows
each server by the name the balancer gives it (app1, app2, ...), can kill one the way a
crash would, and reads HAProxy's view of them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.postgres import PostgresCluster
from bench.server_stats import ServerProcess, free_port
from deploy.balancer import Backend, Balancer

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
DATABASE_VARIABLE = "READING_ROOM_DATABASE_URL"
SERVER_START_TIMEOUT_S = 240.0
DATABASE_NAME = "reading_room"


def server_environment(cookie_secret: str, database_url: str | None) -> dict[str, str]:
    """What every app server of one school is given: the same cookie secret (Streamlit signs
    with it what a browser sends back, so a browser moved to another server is still
    trusted) and the same database. The rest is the project's .streamlit/config.toml:
    headless, XSRF protection on."""
    environment = {"STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    if database_url:
        environment[DATABASE_VARIABLE] = database_url
    return environment


class School:
    """PostgreSQL, `replicas` app servers and HAProxy in front, on 127.0.0.1.

    `database_url`: use this database instead of a throwaway PostgreSQL (`cluster`, which
    keeps its writes on disk as a real server does unless `durable=False`; with
    `throwaway_database=False` and no URL there is no shared database at all); `env`: more
    environment for every server (e.g. another articles folder); `port`: the balancer's (a
    free one if 0)."""

    def __init__(
        self,
        replicas: int = 2,
        database_url: str | None = None,
        throwaway_database: bool = True,
        durable: bool = True,
        env: dict[str, str] | None = None,
        port: int = 0,
        check_every: str = "1s",
    ) -> None:
        if replicas < 1:
            raise ValueError("a school needs at least one app server")
        self.replicas, self.database_url = replicas, database_url
        self.throwaway_database, self.durable = throwaway_database, durable
        self.cluster: PostgresCluster | None = None
        self.extra_env, self.port, self.check_every = dict(env or {}), port, check_every
        self.cookie_secret = secrets.token_urlsafe(32)
        self.servers: dict[str, ServerProcess] = {}
        self.balancer: Balancer | None = None
        self._stack = contextlib.ExitStack()

    @property
    def base_url(self) -> str:
        """The one address to open."""
        return self.balancer.base_url

    def start(self) -> School:
        try:
            if not self.database_url and self.throwaway_database:
                self.cluster = self._stack.enter_context(PostgresCluster(durable=self.durable))
                self.database_url = self.cluster.create_database(DATABASE_NAME)
            env = {**server_environment(self.cookie_secret, self.database_url), **self.extra_env}
            names = [f"app{number}" for number in range(1, self.replicas + 1)]
            self.servers = {
                name: ServerProcess(APP, env=env, cwd=ROOT, health_timeout_s=SERVER_START_TIMEOUT_S)
                for name in names
            }
            self._stack.callback(self._stop_servers)
            # All at once, as a school's servers start after a reboot.
            with ThreadPoolExecutor(len(names)) as pool:
                list(pool.map(ServerProcess.start, self.servers.values()))
            backends = [Backend(n, f"127.0.0.1:{s.port}") for n, s in self.servers.items()]
            self.balancer = Balancer(backends, self.port or free_port(), self.check_every)
            self._stack.enter_context(self.balancer)
            self.balancer.wait_for(dict.fromkeys(names, "UP"))
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self, name: str) -> None:
        """End server `name` at once, as a crash or a pulled plug would (no clean shutdown)."""
        server = self.servers[name]
        server.proc.kill()
        server.proc.wait()

    def retire(self, name: str) -> None:
        """Take server `name` out as a technician would: the balancer sends it nobody new
        (maintenance), then it stops cleanly."""
        self.balancer.command(f"set server streamlit/{name} state maint")
        self.servers[name].stop()

    def _stop_servers(self) -> None:
        with ThreadPoolExecutor(max(1, len(self.servers))) as pool:
            list(pool.map(ServerProcess.stop, self.servers.values()))

    def stop(self) -> None:
        """Stop the balancer, the servers and a throwaway database, in that order."""
        self._stack.close()

    def __enter__(self) -> School:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _watch(school: School, stopping: threading.Event) -> None:
    """Say so when an app server ends by itself (the others go on serving)."""
    reported: set[str] = set()
    while not stopping.wait(2.0):
        for name, server in school.servers.items():
            if name not in reported and server.proc.poll() is not None:
                reported.add(name)
                print(f"{name} has stopped (exit {server.proc.returncode}); the others serve on.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app servers (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="the balancer's port (8080)")
    args = parser.parse_args(argv)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    print(f"Starting PostgreSQL, {args.replicas} app servers and HAProxy …", flush=True)
    with School(args.replicas, os.environ.get(DATABASE_VARIABLE), port=args.port) as school:
        for name, server in school.servers.items():
            print(f"  {name}: {server.base_url} (log {server.log_path})")
        where = "a throwaway PostgreSQL, removed on exit" if school.cluster else "as given"
        print(f"  database: {where}")
        print(f"  balancer: HAProxy, configuration {school.balancer.config_path}")
        print(f"\nOpen {school.base_url}/\n\nCtrl+C stops everything.", flush=True)
        watcher = threading.Thread(target=_watch, args=(school, stopping), daemon=True)
        watcher.start()
        try:
            while not stopping.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        stopping.set()
        print("Stopping …", flush=True)
    print("Stopped.")


if __name__ == "__main__":
    main(sys.argv[1:])
