"""Shared benchmark helpers: timing, medians and percentiles, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_APP = ROOT / "bench" / "apps" / "one_line.py"
DASHBOARD_APP = ROOT / "app.py"


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine_facts() -> dict:
    """What the figures were measured on."""
    import streamlit

    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
    }
