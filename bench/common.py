"""Shared benchmark helpers: the apps compared, timing, medians and percentiles, machine
facts, and a first page's steps in AppTest (the tests use that one too)."""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from core.markup.script import NEXT_STEP_KEY_PREFIX

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD_APP = ROOT / "app.py"
# Reference apps (bench/apps/): the one-line baseline, the dashboard's elements holding fixed
# content (the floor), and the one-line app plus one small Plotly chart (the chart floor).
BASELINE_APP = ROOT / "bench" / "apps" / "one_line.py"
FLOOR_APP = ROOT / "bench" / "apps" / "same_elements.py"
CHART_FLOOR_APP = ROOT / "bench" / "apps" / "one_chart.py"


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


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for an empty list."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def press_next_steps(app):
    """In AppTest, do what the page script does in a browser: press each "next step" button
    of a session's first page until the whole dashboard is there (components/loading.py)."""
    while True:
        steps = [b for b in app.button if (b.key or "").startswith(NEXT_STEP_KEY_PREFIX)]
        if not steps:
            return app
        steps[0].click().run()


def open_timeline(app):
    """In AppTest, open the reader's timeline as a click on it does (its chart and picker are
    sent only while it is open) and run until the whole page is there."""
    from components.timeline import EXPANDER_KEY

    app.session_state[EXPANDER_KEY] = True
    return press_next_steps(app.run())


def machine_facts() -> dict:
    """What the figures were measured on."""
    import streamlit

    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
    }


def edit_table(app, name: str, edits: dict[int, dict]):
    """In AppTest, do what the browser does when cells of a Prepare page review table are
    edited (components/prepare/tables.py): send the editor's whole edit state, which runs its
    on_change callback. AppTest has no way to edit a data editor's cells, so the widget state
    the browser would send is built here."""
    import json

    from streamlit.proto.WidgetStates_pb2 import WidgetState

    editor = next(e for e in app.data_editor if (e.key or "").startswith(f"table-{name}-"))
    states = app._tree.get_widget_states()
    state = WidgetState(id=editor.proto.id)
    edited = {str(row): cells for row, cells in edits.items()}
    state.string_value = json.dumps({"edited_rows": edited, "added_rows": [], "deleted_rows": []})
    states.widgets.append(state)
    return app._run(states)


def command_line(doc: str, run: Callable[[], dict], rows: Callable[[dict], list]) -> None:
    """`python -m bench.<name>`: run one benchmark, print its rows, `--json FILE` to keep them."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = run()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    for row in rows(results):
        print(" | ".join(row))
