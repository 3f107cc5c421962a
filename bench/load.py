"""Classroom load: N simulated students on the real server, through Streamlit's websocket."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path

from bench.classroom_load import run_load
from bench.common import BASELINE_APP, DASHBOARD_APP, ROOT, percentile
from bench.profiles import finish_server_profile, start_server_profile
from bench.server_stats import ServerProcess

LEVELS = (10, 20, 40, 80)
DASHBOARD_TEXT = "Suspicious bind"
SESSION_TTL_S = 60  # server.disconnectedSessionTTL in .streamlit/config.toml
SAMPLE_EVERY_S = 0.5
PROFILED_LEVEL, PROFILE_S = 40, 30  # py-spy samples the server for 30 s at this level
PROFILE_NAME = "server-40-sessions"


class _Sampler:
    """Samples the server's CPU time and RSS in the background; keeps the peak RSS."""

    def __init__(self, server: ServerProcess):
        self.server, self.peak_rss = server, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            self.peak_rss = max(self.peak_rss, self.server.stats()["rss_bytes"])

    def __enter__(self) -> _Sampler:
        self.peak_rss = self.server.stats()["rss_bytes"]
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _level(
    server: ServerProcess, sessions: int, duration_s: float, expect: str, profile: str = ""
) -> dict:
    """One load level: N sessions for `duration_s`, then wait out the session TTL.

    With `profile`, py-spy samples the server during the load (bench/profiles/<profile>.txt).
    """
    before = server.stats()
    started = time.monotonic()
    raw = Path(tempfile.gettempdir()) / f"rr-{profile}-{server.port}.txt"
    spy = (
        start_server_profile(server.pid, min(PROFILE_S, int(duration_s)), raw) if profile else None
    )
    with _Sampler(server) as sampler:
        result = asyncio.run(run_load(server.base_url, sessions, duration_s, expect_text=expect))
        after = server.stats()
    elapsed = time.monotonic() - started
    profile_path = finish_server_profile(spy, raw, profile) if profile else None
    time.sleep(SESSION_TTL_S + 10 if duration_s >= 60 else 5)
    settled = server.stats()
    mib = 1024 * 1024
    return {
        "sessions": sessions,
        "verified_sessions": result.verified_sessions,
        "errors": len(result.errors),
        "first_errors": result.errors[:5],
        "reruns": len(result.rerun_ms),
        "rerun_p50_ms": percentile(result.rerun_ms, 50),
        "rerun_p95_ms": percentile(result.rerun_ms, 95),
        "rerun_p99_ms": percentile(result.rerun_ms, 99),
        "page_load_p95_ms": percentile(result.page_load_ms, 95),
        "cpu_cores_used": (after["cpu_s"] - before["cpu_s"]) / elapsed,
        "cpu_ms_per_script_run": 1000 * (after["cpu_s"] - before["cpu_s"]) / max(1, result.runs),
        "script_runs": result.runs,
        "profile": profile_path,
        "rss_start_mib": before["rss_bytes"] / mib,
        "rss_peak_mib": sampler.peak_rss / mib,
        "rss_end_mib": after["rss_bytes"] / mib,
        "rss_after_ttl_mib": settled["rss_bytes"] / mib,
        "rss_growth_per_session_mib": (sampler.peak_rss - before["rss_bytes"]) / mib / sessions,
        "active_sessions_after_ttl": server.metrics().get("active_sessions"),
    }


def _warm(server: ServerProcess, expect: str) -> None:
    """One page load first, so imports and caches are not counted as per-session memory."""
    asyncio.run(run_load(server.base_url, 1, 3, expect_text=expect))


def run(duration_s: float = 120.0, levels: tuple[int, ...] = LEVELS) -> dict:
    """Every level on the dashboard, and the one-line app at 40 sessions for comparison."""
    with ServerProcess(DASHBOARD_APP, cwd=ROOT) as server:
        _warm(server, DASHBOARD_TEXT)
        rows = [
            _level(
                server, n, duration_s, DASHBOARD_TEXT, PROFILE_NAME if n == PROFILED_LEVEL else ""
            )
            for n in levels
        ]
    with ServerProcess(BASELINE_APP, cwd=ROOT) as server:
        _warm(server, "Reading Room")
        baseline = _level(server, 40, duration_s, "Reading Room")
    at_40 = next((row for row in rows if row["sessions"] == 40), None)
    budget = {"errors": 0, "rerun_p95_ms": 300, "rss_growth_per_session_mib": 2}
    return {
        "levels": rows,
        "baseline_one_line_40": baseline,
        "budget_at_40": budget,
        "p95_ratio_vs_one_line_at_40": at_40["rerun_p95_ms"] / baseline["rerun_p95_ms"]
        if at_40 and baseline["rerun_p95_ms"]
        else None,
        "profile_at_40": at_40["profile"] if at_40 else None,
    }
