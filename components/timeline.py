"""The timeline, collapsed above the text: the period switch, a Plotly chart of events in
lanes, and an event picker."""

from __future__ import annotations

import streamlit as st

from components import data, loading, session
from core.classwork import ClassCounts
from core.model import Bundle
from core.page import TimelineControls
from core.state import ViewState

CHART_KEY = "timeline"
EXPANDER_KEY = "timeline-open"
PICK_KEY = "event-pick"
YEAR_KEY = "timeline-year"
ALL_YEARS = "All years"
# Heights at desktop width, as measured, with the 16 px gap below each: kept free on a first
# page until the controls arrive, so the text below does not jump.
PERIOD_ROOM, PICKER_ROOM = 60 + 16, 68 + 16


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


def _room(controls: TimelineControls, year: int | None) -> int:
    """The height of the whole timeline: period switch (if any), chart, event picker."""
    period = PERIOD_ROOM if controls.years(year) else 0
    return period + controls.chart_height + PICKER_ROOM


def _year_control(controls: TimelineControls, year: int | None) -> None:
    """Zoom the date axis to one busy year, or show them all."""
    years = controls.years(year)
    if not years:
        return
    st.session_state[YEAR_KEY] = str(year) if year else ALL_YEARS
    st.segmented_control(
        "Timeline period", [ALL_YEARS, *map(str, years)], key=YEAR_KEY, on_change=_on_year
    )


def _on_open() -> None:
    """Opened, the timeline wants its chart now: the first page's last step is skipped."""
    if st.session_state.get(EXPANDER_KEY):
        loading.reach(loading.CHART)


def render(bundle: Bundle, state: ViewState, counts: ClassCounts | None = None) -> None:
    """The timeline, collapsed to one line above the text until the reader opens it: the
    period switch, the chart, and a keyboard-friendly picker that selects the same events.

    Collapsed, it keeps the first screen for the text; its line says what it holds, and
    nothing inside it is sent: with Plotly's code and the chart, a first page took 3.7 s in
    headless Chromium on 2 cores instead of 2.2 s, for a reader who may never open it. It
    stays open or closed across reruns (its key)."""
    controls = data.timeline_controls(bundle)
    with st.expander(
        controls.summary, key=EXPANDER_KEY, icon=":material/timeline:", on_change=_on_open
    ) as box:
        if box.open:
            _contents(bundle, state, controls, counts)
        elif not loading.reached(loading.TOOLS):
            loading.next_step_button()


def _contents(
    bundle: Bundle, state: ViewState, controls: TimelineControls, counts: ClassCounts | None
) -> None:
    if not loading.reached(loading.TOOLS):
        message = "Loading the timeline and the reading tools…"
        loading.hold_room(_room(controls, state.year), message, next_step=True)
        return
    _year_control(controls, state.year)
    if loading.reached(loading.CHART):
        st.plotly_chart(
            data.timeline(
                bundle,
                frozenset(state.actors),
                state.event,
                state.year,
                tuple(sorted(counts.events.items())) if counts is not None else None,
            ),
            key=CHART_KEY,
            on_select=_on_chart_select,
            selection_mode="points",
            width="stretch",
            config={"displayModeBar": False},
        )
    else:
        loading.hold_room(controls.chart_height, "Drawing the timeline…", next_step=True)
    st.session_state[PICK_KEY] = state.event
    st.selectbox(
        "Selected event",
        list(controls.options),
        key=PICK_KEY,
        on_change=_on_pick,
        format_func=controls.options.__getitem__,
        placeholder="Click a marker, or choose an event here",
    )
