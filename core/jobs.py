"""Work on untrusted input, run in worker processes with limits: the server keeps serving.

Drafting a pasted page, reading an address or checking an uploaded bundle can cost far more
than its size suggests. Each such job runs in a worker process of this server's `Pool`, never
in the server itself:

- at most `workers` jobs at once per server (default 1); the others wait in order, and the
  page is told how many are ahead (`waiting(ahead)`), so a visitor sees that they wait;
- each job has a limit on CPU time (the kernel ends the worker past it: RLIMIT_CPU, set
  afresh for each job), on memory (RLIMIT_AS for the whole worker: an allocation past it
  fails) and on wall-clock time (the server ends the worker past it);
- a job that hits a limit ends with one line (`JobFailed`, "This page is too large or too
  complex to draft here: …"); nothing it made is kept, as the result is only what a job that
  finished returns; the worker is replaced by a fresh one;
- workers run at a lower CPU priority than the server (niceness 10), and keep what they
  loaded (the language model, loaded as a worker starts) between jobs.

The worker side is this module run as `python -m core.jobs`; jobs are module-level
functions named by module and name (drafting/jobs.py has the drafting ones, core/archive.py
the bundle check), their arguments and results pickled over a pipe, with progress lines
(`progress(step, detail)`) sent back as the job goes. A job refuses its input by raising
`JobRefused`. No Streamlit here, and nothing of the drafting engine, so the reader can use
it too: the Streamlit side is components/prepare/engine.py and components/library.py.
"""

from __future__ import annotations

import contextlib
import copyreg
import importlib
import math
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
import types
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POLL_S = 0.25
WORKER_NICENESS = 10
MEMORY_SLACK = 0.9  # of the memory limit: past this after a job, the worker is replaced


def _read_only(mapping: dict) -> types.MappingProxyType:
    return types.MappingProxyType(mapping)


# The drafts hold read-only mappings; pickle them as plain dicts made read-only again.
copyreg.pickle(types.MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))


@dataclass(frozen=True)
class Limits:
    """What one job may use: CPU seconds, memory (the worker's address space, MB) and
    wall-clock seconds; and how many may wait for a worker before more are turned away."""

    cpu_s: int = 60
    memory_mb: int = 1536
    wall_s: float = 120.0
    max_waiting: int = 20

    @classmethod
    def from_environment(cls, environ=os.environ) -> Limits:
        """READING_ROOM_JOB_CPU_S, _JOB_MEMORY_MB, _JOB_WALL_S and _JOB_QUEUE when set."""
        default = cls()

        def number(name: str, kind, fallback):
            try:  # a value that is no positive number leaves the default in force
                value = kind(environ.get(name) or fallback)
            except ValueError:
                return fallback
            return value if value > 0 else fallback

        return cls(
            cpu_s=number("READING_ROOM_JOB_CPU_S", int, default.cpu_s),
            memory_mb=number("READING_ROOM_JOB_MEMORY_MB", int, default.memory_mb),
            wall_s=number("READING_ROOM_JOB_WALL_S", float, default.wall_s),
            max_waiting=number("READING_ROOM_JOB_QUEUE", int, default.max_waiting),
        )


class JobRefused(Exception):
    """Raised by a job that refuses its input; str() is one line for a person."""


class JobFailed(Exception):
    """A job that did not finish; str() is one line for a person. `limit` names the limit it
    hit ('cpu', 'memory', 'time'), '' when the job refused its input or the server is busy."""

    def __init__(self, message: str, limit: str = ""):
        super().__init__(message)
        self.limit = limit


_DONE_TO = {"page": "draft", "article": "draft", "bundle": "check"}


def too_large(what: str, reason: str) -> str:
    """The one line for a job past a limit: 'This page is too large or too complex to draft
    here: it needed more than 60 s of computing time.'"""
    return (
        f"This {what} is too large or too complex to {_DONE_TO.get(what, 'read')} here: {reason}."
    )


# --- the server's side ------------------------------------------------------------------------


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, limits: Limits, preload: tuple[str, str] | None):
        self.limits = limits
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        command = [sys.executable, "-m", "core.jobs", str(to_child_r), str(from_child_w)]
        command += [str(limits.memory_mb), ":".join(preload or ())]
        self.process = subprocess.Popen(
            command,
            pass_fds=(to_child_r, from_child_w),
            cwd=PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.send = Connection(to_child_w, readable=False)
        self.receive = Connection(from_child_r, writable=False)
        self.ready = preload is None
        self.alive = True

    def run(self, function: Callable, args: tuple, progress, what: str):
        """Send one job and wait for its result, passing its progress on."""
        deadline = time.monotonic() + self.limits.wall_s
        try:
            self.send.send((function.__module__, function.__qualname__, args, self.limits.cpu_s))
        except OSError:
            self._ended()
            raise JobFailed(too_large(what, "the worker stopped before it began")) from None
        self._take_ready()
        if not self.ready:
            progress("model", "loading the English language model (once; it takes several seconds)")
        while True:
            message = self._next(deadline, what)
            kind = message[0]
            if kind == "ready":
                self.ready = True
                progress("model", "loaded")
            elif kind == "progress":
                progress(message[1], message[2])
            elif kind == "done":
                return message[1]
            elif kind == "refused":
                raise JobFailed(message[1])
            elif kind == "limit":
                self._stop()
                raise JobFailed(too_large(what, message[1]), limit=message[2])
            else:  # "failed": a fault of the engine, not of the input; the worker ends
                self._stop()
                raise JobFailed(message[1])

    def _take_ready(self) -> None:
        """A worker that finished loading before this job says so first: note it quietly."""
        with contextlib.suppress(EOFError, OSError):
            if not self.ready and self.receive.poll(0) and self.receive.recv() == ("ready",):
                self.ready = True

    def _next(self, deadline: float, what: str):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._stop()
                reason = f"it took longer than {self.limits.wall_s:.0f} s"
                raise JobFailed(too_large(what, reason), limit="time")
            try:
                if self.receive.poll(min(POLL_S, left)):
                    return self.receive.recv()
            except (EOFError, OSError):
                pass
            else:
                if self.process.poll() is None:
                    continue
            raise self._death(what)

    def _death(self, what: str) -> JobFailed:
        """The worker ended during a job: which limit ended it."""
        code = self._ended()
        if code == -signal.SIGXCPU:
            reason = f"it needed more than {self.limits.cpu_s} s of computing time"
            return JobFailed(too_large(what, reason), limit="cpu")
        if code in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV):  # out of memory in C
            reason = f"it needed more than the {self.limits.memory_mb:,} MB of memory allowed"
            return JobFailed(too_large(what, reason), limit="memory")
        return JobFailed("Something went wrong on the server; try again.")

    def _ended(self) -> int | None:
        self.alive = False
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(timeout=5)
        return None

    def _stop(self) -> None:
        """End the worker now (a job past its wall-clock limit, or one left half-made)."""
        self.alive = False
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def close(self) -> None:
        for connection in (self.send, self.receive):
            with contextlib.suppress(OSError):
                connection.close()
        if self.process.poll() is None:
            self._stop()


class Pool:
    """The server's workers, and the jobs waiting for one, in the order they came."""

    def __init__(
        self,
        workers: int = 1,
        limits: Limits | None = None,
        preload: tuple[str, str] | None = None,
    ):
        self.size, self.limits, self.preload = max(1, workers), limits or Limits(), preload
        self._idle: list[_Worker] = []
        self._busy = 0
        self._queue: deque[object] = deque()
        self._changed = threading.Condition()
        self._closed = False

    def start(self, preload: tuple[str, str] | None = None) -> None:
        """Start the workers now, so a first job need not wait; `preload` (module, function)
        is what each worker from now on runs as it starts (loading a language model)."""
        with self._changed:
            self.preload = preload or self.preload
            while len(self._idle) + self._busy < self.size:
                self._idle.append(_Worker(self.limits, self.preload))

    def run(
        self,
        function: Callable,
        *args,
        progress: Callable[[str, str], None] | None = None,
        waiting: Callable[[int], None] | None = None,
        what: str = "page",
    ):
        """Run `function(*args, progress=…)` in a worker and return its result.

        `waiting(ahead)` is called while the job waits for a worker, with the number of jobs
        ahead of it (running ones included); `what` names the input in the message of a job
        past a limit. Raises JobFailed.
        """
        report = progress or _silent
        worker = self._acquire(waiting or _silent)
        try:
            return worker.run(function, args, report, what)
        finally:
            self._release(worker)

    def _acquire(self, waiting: Callable[[int], None]) -> _Worker:
        ticket = object()
        with self._changed:
            if len(self._queue) >= self.limits.max_waiting:
                raise JobFailed(
                    f"The server is busy with {len(self._queue) + self._busy} articles; "
                    "try again in a minute."
                )
            self._queue.append(ticket)
            try:
                while self._queue[0] is not ticket or self._busy >= self.size:
                    waiting(self._queue.index(ticket) + self._busy)
                    self._changed.wait(POLL_S * 2)
            except BaseException:
                self._queue.remove(ticket)
                self._changed.notify_all()
                raise
            self._queue.popleft()
            self._busy += 1
            worker = self._idle.pop() if self._idle else None
        if worker is None or not worker.alive:
            if worker is not None:
                worker.close()
            worker = _Worker(self.limits, self.preload)
        return worker

    def _release(self, worker: _Worker) -> None:
        if worker.alive and worker.process.poll() is not None:
            worker.alive = False
        with self._changed:
            self._busy -= 1
            if worker.alive and not self._closed:
                self._idle.append(worker)
            self._changed.notify_all()
        if not worker.alive:
            worker.close()
            if not self._closed:
                self.start()  # a fresh worker in its place, loading the model already

    def load(self) -> tuple[int, int]:
        """(jobs running, jobs waiting) now."""
        with self._changed:
            return self._busy, len(self._queue)

    def close(self) -> None:
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> Pool:
    """This server process's pool, made on first use (READING_ROOM_JOB_WORKERS workers,
    default 1, and the limits of `Limits.from_environment`)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            workers = int(os.environ.get("READING_ROOM_JOB_WORKERS") or 1)
            _POOL = Pool(workers, Limits.from_environment())
        return _POOL


# --- the worker's side ------------------------------------------------------------------------


def _serve(receive: Connection, send: Connection, memory_mb: int, preload: str) -> None:
    """Run jobs one after another until the server closes the pipe."""
    import resource  # POSIX only: imported here, so the server side imports on any system

    _lower_priority()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if preload:
        module, name = preload.split(":")
        getattr(importlib.import_module(module), name)()
        send.send(("ready",))
    while True:
        try:
            module, name, args, cpu_s = receive.recv()
        except (EOFError, OSError):
            return
        _limit_cpu(cpu_s)
        if not _run_one(send, getattr(importlib.import_module(module), name), args):
            return  # a job past a limit leaves nothing behind: not even this worker
        if _address_space() > MEMORY_SLACK * limit:
            return


def _lower_priority() -> None:
    """Yield the CPU to the server when both want it (niceness 10: about a tenth of a core
    against a busy one), without starving (the idle class would stop a job for as long as
    anything else runs, and its wall-clock limit would end it)."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


def _run_one(send: Connection, function: Callable, args: tuple) -> bool:
    """One job; False when the worker should end after it."""

    def progress(step: str, detail: str) -> None:
        send.send(("progress", step, detail))

    try:
        result = function(*args, progress=progress)
    except JobRefused as error:
        send.send(("refused", str(error)))
    except MemoryError:
        send.send(("limit", "it needed more memory than is allowed", "memory"))
        return False
    except RecursionError:
        send.send(("limit", "it is nested too deeply", "memory"))
        return False
    except Exception as error:  # a fault of the engine: one line, the details in the log
        traceback.print_exc()
        send.send(("failed", f"Something went wrong on the server ({type(error).__name__})."))
        return False
    else:
        try:
            send.send(("done", result))
        except Exception as error:  # a result that cannot travel back: a fault of the engine
            traceback.print_exc()
            send.send(("failed", f"Something went wrong on the server ({type(error).__name__})."))
            return False
    return True


def _limit_cpu(seconds: int) -> None:
    """The kernel ends this process (SIGXCPU) once this job has used `seconds` of CPU."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(used + seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard < 0 else min(soft, hard), hard))


def _address_space() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _silent(*_args) -> None:
    """Report nothing."""


if __name__ == "__main__":
    # Served by the module as imported (core.jobs), not by __main__: a job raises
    # core.jobs.JobRefused, which must be the class this loop catches.
    importlib.import_module("core.jobs")._serve(
        Connection(int(sys.argv[1]), writable=False),
        Connection(int(sys.argv[2]), readable=False),
        int(sys.argv[3]),
        sys.argv[4] if len(sys.argv) > 4 else "",
    )
