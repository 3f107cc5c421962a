"""Rerun cost: the dashboard's script run vs an app that writes one line, both in AppTest.

The budget figure is AppTest's whole rerun (what a test harness or a client waits for). The
script's own run, from Streamlit's "script started" to "script stopped" events, is reported
beside it, and a pyinstrument profile of the dashboard's reruns goes to bench/profiles/.
"""

from __future__ import annotations

import time

import streamlit.testing.v1.app_test as app_test_module
from streamlit.logger import set_log_level
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from bench.common import (
    BASELINE_APP,
    DASHBOARD_APP,
    FLOOR_APP,
    median,
    open_timeline,
    press_next_steps,
    timed,
)
from bench.profiles import PROFILED_APP, rerun_profile

FOCUSED = {"actor": "ali-khamenei", "event": "putin-khamenei-meeting"}
ROUNDS = 5
RERUNS_PER_ROUND = 40


SCRIPT_RUNS: list[float] = []  # seconds of each script run, as Streamlit's events tell


class _TimedScriptRunner(LocalScriptRunner):
    """AppTest's script runner, noting how long each script run takes inside the runner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_event.connect(self._time_run, weak=False)

    def _time_run(self, sender, event, **_) -> None:
        if event == ScriptRunnerEvent.SCRIPT_STARTED:
            self._started = time.perf_counter()
        elif event == ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS:
            SCRIPT_RUNS.append(time.perf_counter() - self._started)


def _script_runs(run, repeat: int) -> list[float]:
    """The script's own run time for `repeat` calls of `run`."""
    SCRIPT_RUNS.clear()
    for _ in range(repeat):
        run()
    return list(SCRIPT_RUNS)


def _warm_app(path, query: dict) -> AppTest:
    """An app after its first page is complete (the dashboard's comes in steps, and its
    timeline is opened) and warm."""
    app = AppTest.from_file(str(path), default_timeout=60)
    app.query_params.update(query)
    app.run()
    press_next_steps(app)
    if path == DASHBOARD_APP:  # its chart and event picker too, as the floor app has them
        open_timeline(app)
    app.run()
    assert not app.exception, app.exception
    return app


def _pills_with(app: AppTest, name: str):
    return next(p for p in app.sidebar.pills if any(name in option for option in p.options))


def _interactions(app: AppTest) -> list:
    """The scripted sequence: focus an actor, focus two, select an event, clear."""
    return [
        lambda: _pills_with(app, "Ali Khamenei").set_value(["ali-khamenei"]).run(),
        lambda: _pills_with(app, "Javad Zarif").set_value(["javad-zarif"]).run(),
        lambda: app.selectbox(key="event-pick").set_value("khayyam-launch").run(),
        lambda: app.sidebar.button(key="clear-actors").click().run(),
        lambda: app.selectbox(key="event-pick").set_value(None).run(),
    ]


def _rounds() -> tuple[list[float], ...]:
    """Interleaved rounds: one-line, floor, focused dashboard, the interaction sequence."""
    baseline, floor, focused, sequence = [], [], [], []
    script_baseline, script_focused = [], []
    for _ in range(ROUNDS):
        one_line = _warm_app(BASELINE_APP, {})
        baseline += timed(one_line.run, RERUNS_PER_ROUND)
        script_baseline += _script_runs(one_line.run, RERUNS_PER_ROUND)
        same_elements = _warm_app(FLOOR_APP, {})
        floor += timed(same_elements.run, RERUNS_PER_ROUND)
        dashboard = _warm_app(DASHBOARD_APP, FOCUSED)
        focused += timed(dashboard.run, RERUNS_PER_ROUND)
        script_focused += _script_runs(dashboard.run, RERUNS_PER_ROUND)
        interactive = _warm_app(DASHBOARD_APP, {})
        for step in _interactions(interactive):
            sequence += timed(step, 1)
            assert not interactive.exception, interactive.exception
    return baseline, floor, focused, sequence, script_baseline, script_focused


def run() -> dict:
    """Median AppTest rerun of each app, interleaved in rounds so both see the same noise."""
    set_log_level("error")  # every Streamlit logger, including those made later
    app_test_module.LocalScriptRunner = _TimedScriptRunner
    try:
        samples = _rounds()
    finally:
        app_test_module.LocalScriptRunner = LocalScriptRunner
    baseline, floor, focused, sequence, script_baseline, script_focused = samples
    base = median(baseline)
    return {
        "baseline_rerun_ms": base * 1000,
        "dashboard_focused_rerun_ms": median(focused) * 1000,
        "dashboard_interaction_rerun_ms": median(sequence) * 1000,
        "same_elements_rerun_ms": median(floor) * 1000,
        "same_elements_ratio": median(floor) / base,
        "focused_vs_same_elements": median(focused) / median(floor),
        "focused_rerun_ratio": median(focused) / base,
        "interaction_rerun_ratio": median(sequence) / base,
        "script_run_baseline_ms": median(script_baseline) * 1000,
        "script_run_focused_ms": median(script_focused) * 1000,
        "budget_ratio": 2.0,
        "profile": rerun_profile(_warm_app(PROFILED_APP, FOCUSED)),
        "samples": {
            "baseline": len(baseline),
            "same_elements": len(floor),
            "focused": len(focused),
            "sequence": len(sequence),
        },
    }
