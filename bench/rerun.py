"""Rerun cost: the dashboard's script run vs an app that writes one line, both in AppTest."""

from __future__ import annotations

import logging

from streamlit.testing.v1 import AppTest

from bench.common import BASELINE_APP, DASHBOARD_APP, ROOT, median, timed

FLOOR_APP = ROOT / "bench" / "apps" / "same_elements.py"

FOCUSED = {"actor": "ali-khamenei", "event": "putin-khamenei-meeting"}
ROUNDS = 5
RERUNS_PER_ROUND = 40


def _warm_app(path, query: dict) -> AppTest:
    app = AppTest.from_file(str(path), default_timeout=60)
    app.query_params.update(query)
    app.run()
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


def run() -> dict:
    """Median AppTest rerun of each app, interleaved in rounds so both see the same noise."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    baseline, floor, focused, sequence = [], [], [], []
    for _ in range(ROUNDS):
        one_line = _warm_app(BASELINE_APP, {})
        baseline += timed(one_line.run, RERUNS_PER_ROUND)
        same_elements = _warm_app(FLOOR_APP, {})
        floor += timed(same_elements.run, RERUNS_PER_ROUND)
        dashboard = _warm_app(DASHBOARD_APP, FOCUSED)
        focused += timed(dashboard.run, RERUNS_PER_ROUND)
        interactive = _warm_app(DASHBOARD_APP, {})
        for step in _interactions(interactive):
            sequence += timed(step, 1)
            assert not interactive.exception, interactive.exception
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
        "budget_ratio": 2.0,
        "samples": {
            "baseline": len(baseline),
            "same_elements": len(floor),
            "focused": len(focused),
            "sequence": len(sequence),
        },  # fmt: skip
    }
