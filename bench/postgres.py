"""A throwaway PostgreSQL cluster on 127.0.0.1, for tests, benchmarks and local replicas.

`with PostgresCluster() as pg:` runs Debian's (or any installed) `initdb` and `pg_ctl` in a
temporary folder, as the `postgres` user when run as root (PostgreSQL refuses to run as
root), listening on a free port of 127.0.0.1 with its socket in that folder; `pg.url` is
its URL, `pg.create_database(name)` gives each test or run a database of its own. On exit
the server stops and the folder is removed. Starting takes about two seconds.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.server_stats import free_port

START_TIMEOUT_S = 60
REQUIRE_ENV = "READING_ROOM_REQUIRE_POSTGRES"


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: Debian's newest /usr/lib/postgresql/N/bin, else PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def missing_reason() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    if bin_dir() is None:
        return "PostgreSQL is not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as its own user"
    return None


class PostgresCluster:
    """A PostgreSQL server of its own in a temporary folder (see the module's docstring).

    `durable=False` (tests) turns fsync and synchronous commit off: faster, and nothing is
    kept anyway. Benchmarks keep them on, as a real server would.
    """

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable
        self.folder: Path | None = None
        self.port = 0
        self._bin = bin_dir()

    @property
    def url(self) -> str:
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*as_postgres, str(self._bin / command[0]), *command[1:]],
            check=True,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            cwd=self.folder,
        )

    def start(self) -> PostgresCluster:
        reason = missing_reason()
        if reason:
            raise RuntimeError(reason)
        self.folder = Path(tempfile.mkdtemp(prefix="reading-room-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        for attempt in range(3):  # a free port can be taken before the server binds it
            self.port = free_port()
            try:
                self._run(
                    "pg_ctl",
                    "-D",
                    str(data),
                    "-l",
                    str(self.folder / "log"),
                    "-w",
                    "-t",
                    str(START_TIMEOUT_S),
                    "-o",
                    self._options(),
                    "start",
                )
                return self
            except subprocess.CalledProcessError:
                if attempt == 2:
                    log = self.log_tail()
                    self.stop()
                    raise RuntimeError(f"PostgreSQL did not start:\n{log}") from None
        return self

    def _options(self) -> str:
        options = [
            f"-p {self.port}",
            "-h 127.0.0.1",
            f"-k {self.folder}",
            "-c max_connections=300",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        return " ".join(options)

    def log_tail(self, n: int = 30) -> str:
        try:
            lines = (self.folder / "log").read_text(errors="replace").splitlines()
        except (OSError, TypeError):
            return ""
        return "\n".join(lines[-n:])

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (optionally a copy of `template`); its URL."""
        import psycopg
        from psycopg import sql

        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        plain = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(query)
        return self.url_of(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
