"""The timeline: a Plotly chart of events in lanes, an event picker, and the event card."""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from components import data, loading, session
from core.dates import when_label
from core.model import Bundle
from core.timeline import busy_years, chart_height

CHART_KEY = "timeline"
PICK_KEY = "event-pick"
YEAR_KEY = "timeline-year"
ALL_YEARS = "All years"


def _select(event_id: str | None) -> None:
    session.change(event=event_id)


def _on_chart_select() -> None:
    """A click on a marker selects its event; clicks elsewhere change nothing."""
    points = (st.session_state.get(CHART_KEY) or {}).get("selection", {}).get("points", [])
    ids = [point.get("customdata") for point in points if point.get("customdata")]
    if ids:
        _select(ids[0] if isinstance(ids[0], str) else ids[0][0])


def _on_pick() -> None:
    _select(st.session_state[PICK_KEY])


def _on_year() -> None:
    chosen = st.session_state[YEAR_KEY]
    year = None if chosen in (None, ALL_YEARS) else int(chosen)
    session.change(year=year)


def _year_control(bundle: Bundle, year: int | None) -> None:
    """Zoom the date axis to one busy year, or show them all."""
    years = sorted({*busy_years(bundle.events), *([year] if year else [])})
    if not years:
        return
    st.session_state[YEAR_KEY] = str(year) if year else ALL_YEARS
    st.segmented_control(
        "Timeline period", [ALL_YEARS, *map(str, years)], key=YEAR_KEY, on_change=_on_year,
    )  # fmt: skip


def render(bundle: Bundle, focus: tuple[str, ...], selected: str | None, year: int | None):
    """Draw the chart and a keyboard-friendly picker that selects the same events."""
    _year_control(bundle, year)
    if loading.step() >= loading.CHART:
        st.plotly_chart(
            data.figure(bundle, frozenset(focus), selected, year), key=CHART_KEY,
            on_select=_on_chart_select,
            selection_mode="points", width="stretch", config={"displayModeBar": False},
        )  # fmt: skip
    else:
        loading.placeholder(chart_height(bundle.events), "Drawing the timeline…")
    labels = _option_labels(bundle)
    st.session_state[PICK_KEY] = selected
    st.selectbox(
        "Selected event", list(labels), key=PICK_KEY, on_change=_on_pick,
        format_func=labels.__getitem__, placeholder="Click a marker, or choose an event here",
    )  # fmt: skip


@lru_cache(maxsize=64)
def _option_labels(bundle: Bundle) -> dict[str | None, str]:
    """The picker's options in date order, each with its label (once per bundle)."""
    labels: dict[str | None, str] = {None: "No event selected"}
    for event in data.analysis(bundle).events_by_date:
        labels[event.id] = f"{when_label(event.start, event.end, event.qualifier)}: {event.title}"
    return labels
