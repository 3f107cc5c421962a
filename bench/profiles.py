"""Profiles that show where the time goes, written to bench/profiles/ by `make bench`.

- The server under classroom load, sampled with py-spy: whichever thread holds the GIL, so
  the shares are of the Python CPU time the server spends, not of threads waiting.
- The dashboard's own script run, with pyinstrument (the script thread only, in AppTest;
  bench/rerun.py starts it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from bench.common import DASHBOARD_APP, ROOT

PROFILES = ROOT / "bench" / "profiles"
PROFILED_APP = ROOT / "bench" / "apps" / "profiled_dashboard.py"
TOP = 30
# Where time is spent: the area of the innermost frame that belongs to one of these
# (standard-library frames such as copy or json count for the code that called them).
AREAS = (
    ("the app's own code", re.compile(r"\((?:app|components/|core/)[^)]*\.py:")),
    ("plotly figure to JSON", re.compile(r"\((?:plotly|_plotly_utils)/")),
    ("Streamlit elements and widgets", re.compile(r"\(streamlit/(?:elements|delta_generator)")),
    ("Streamlit script runner and session", re.compile(r"\(streamlit/runtime/")),
    (
        "serving: websocket, HTTP, event loop",
        re.compile(r"\((?:streamlit/web|tornado|starlette|uvicorn|websockets|asyncio|anyio)/"),
    ),
)


def py_spy() -> str | None:
    """The py-spy executable of this environment, if installed."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def start_server_profile(pid: int, seconds: int, raw_path: Path) -> subprocess.Popen | None:
    """Sample the server with py-spy for `seconds` (in the background); None without py-spy."""
    executable = py_spy()
    if executable is None:
        return None
    command = [
        executable,
        "record",
        "--pid",
        str(pid),
        "--duration",
        str(seconds),
        "--rate",
        "200",
        "--gil",
        "--format",
        "raw",
        "--nonblocking",
        "--output",
        str(raw_path),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarize_stacks(raw_path: Path, title: str) -> str:
    """A text summary of py-spy's collapsed stacks: areas, and the busiest functions."""
    own, inclusive, areas, total = Counter(), Counter(), Counter(), 0
    for line in raw_path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples, frames = int(count), stack.split(";")
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            inclusive[frame] += samples
        areas[next(filter(None, map(_area, reversed(frames))), "other")] += samples
    lines = [f"# {title}", f"samples: {total} (py-spy at 200 Hz: the thread holding the GIL)", ""]
    lines += ["## Share of samples by area (innermost matching frame)"]
    lines += [f"{100 * n / total:5.1f}%  {name}" for name, n in areas.most_common()]
    for heading, counter in (("own time", own), ("inclusive time", inclusive)):
        lines += ["", f"## Top {TOP} functions by {heading}"]
        lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in counter.most_common(TOP)]
    return "\n".join(lines) + "\n"


def _area(frame: str) -> str | None:
    """The area a frame ("function (path:line)") belongs to, if any."""
    return next((name for name, pattern in AREAS if pattern.search(frame)), None)


def finish_server_profile(process: subprocess.Popen | None, raw_path: Path, name: str) -> str:
    """Wait for py-spy, write the summary to bench/profiles/<name>.txt; its path or a reason."""
    if process is None:
        return "py-spy not installed"
    process.wait(timeout=600)
    if not raw_path.exists() or not raw_path.read_text().strip():
        return f"py-spy recorded nothing (exit {process.returncode})"
    PROFILES.mkdir(exist_ok=True)
    out = PROFILES / f"{name}.txt"
    out.write_text(summarize_stacks(raw_path, name))
    return str(out.relative_to(ROOT))


@lru_cache(maxsize=1)
def dashboard_code():
    """app.py compiled once, as Streamlit's script cache does for the real server."""
    return compile(DASHBOARD_APP.read_text(), str(DASHBOARD_APP), "exec")


def rerun_profile(app, reruns: int = 300) -> str:
    """pyinstrument of `reruns` reruns of `app` (a warm AppTest of PROFILED_APP).

    Writes bench/profiles/rerun.txt and returns its path.
    """
    app.session_state["profile"] = True
    for _ in range(reruns):
        app.run()
    profiler = app.session_state["profiler"]
    shares = _own_time_by_area(profiler.last_session.root_frame())
    total = sum(shares.values())
    lines = [
        f"# The dashboard's script, {reruns} reruns (pyinstrument)",
        "",
        f"{1000 * total / reruns:.2f} ms a run under the profiler; own time by area:",
    ]
    lines += [f"{100 * t / total:5.1f}%  {name}" for name, t in shares.most_common()]
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    PROFILES.mkdir(exist_ok=True)
    out = PROFILES / "rerun.txt"
    out.write_text("\n".join(lines) + "\n\n" + text)
    return str(out.relative_to(ROOT))


def _own_time_by_area(frame, shares: Counter | None = None, outer: str = "other") -> Counter:
    """Seconds of own time (not in a callee) per area, over a pyinstrument frame tree."""
    shares = Counter() if shares is None else shares
    area = _area(f"{frame.function} ({_short_path(frame.file_path or '')}:") or outer
    shares[area] += frame.time - sum(child.time for child in frame.children)
    for child in frame.children:
        _own_time_by_area(child, shares, area)
    return shares


def _short_path(path: str) -> str:
    """site-packages/streamlit/x.py -> streamlit/x.py; /repo/core/x.py -> core/x.py."""
    path = path.split("site-packages/")[-1]
    root = str(ROOT) + "/"
    return path[len(root) :] if path.startswith(root) else path
