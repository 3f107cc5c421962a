"""Events -> DataFrame -> Plotly figure, with precision, qualifier and status visible."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from core.markup.escaping import plotly_text
from core.model import Event

# Status is drawn by marker shape (not colour alone) and named in the legend. Keyed by
# core/vocabulary.py EVENT_STATUSES (a test checks they agree).
STATUS_SYMBOLS = {
    "confirmed": "circle",
    "alleged": "diamond-open",
    "denied": "x-thin-open",
    "disputed": "triangle-up-open",
}
# A dotted bar for "about"; a dashed one where the text gives only one end of the range.
# Keyed by "" (no qualifier) and core/vocabulary.py DATE_QUALIFIERS.
QUALIFIER_DASH = {
    "": "solid",
    "about": "dot",
    "before": "dash",
    "after": "dash",
    "since": "dash",
    "until": "dash",
}
# The legend's words for each bar, for a student: what the bar says about when it happened.
QUALIFIER_NAMES = {
    "": "when, as exactly as the text says",
    "about": "about then",
    "before": "some time before",
    "after": "some time after",
    "since": "from then on",
    "until": "up to then",
}
# Opaque, so the bars keep 3:1 against the chart's background in both themes (WCAG 1.4.11):
# 5.2:1 on the light theme's white and 3.5:1 on the dark theme's near-black
# (tests/test_safety_settings.py computes both).
RANGE_COLOUR = "#0072B2"
RANGE_OPACITY = 1.0
MARKER_COLOUR = "#D55E00"
DIMMED_OPACITY = 0.25
ROW_HEIGHT = 62
COLUMNS = (
    "id",
    "lane",
    "first",
    "last",
    "middle",
    "when",
    "title",
    "status",
    "qualifier",
    "precision",
    "evidence",
    "focused",
)


def events_frame(events: Sequence[Event], focus: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per event: the days it may cover, its label as written, and whether focused."""
    rows = [_event_row(event, focus) for event in events]
    _spread(rows)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _spread(rows: list[dict]) -> None:
    """Events of one lane that may mean the same days (two dated 'July 2022') get their
    markers spread evenly across those days, instead of one hiding the other in the middle;
    each marker stays inside the days its event may mean."""
    shared = Counter((row["lane"], row["first"], row["last"]) for row in rows)
    placed: Counter = Counter()
    for row in rows:
        key = (row["lane"], row["first"], row["last"])
        placed[key] += 1
        share = (row["last"] - row["first"]) / (shared[key] + 1)
        row["middle"] = row["first"] + share * placed[key]


def _event_row(event: Event, focus: frozenset[str]) -> dict:
    first = event.first_day()
    last = event.last_day() + dt.timedelta(days=1)
    return {
        "id": event.id,
        "lane": event.lane,
        "first": first,
        "last": last,
        "middle": first + (last - first) / 2,  # spread out when it shares its days (_spread)
        "when": event.when_label(),
        "title": event.title,
        "status": event.status,
        "qualifier": event.qualifier,
        "precision": event.start.precision,
        "evidence": event.evidence,
        "focused": not focus or event.involves(focus),
    }


def busy_years(events: Sequence[Event], minimum: int = 3) -> list[int]:
    """Years in which at least `minimum` events start: the periods worth zooming to."""
    starts = Counter(event.start.year for event in events)
    return sorted(year for year, count in starts.items() if count >= minimum)


def chart_height(events: Sequence[Event]) -> int:
    """The chart's height in pixels, known before the figure is built."""
    return _height(len({event.lane for event in events}))


def _height(lane_count: int) -> int:
    """Room for the legend and the axis, and a row per lane."""
    return 120 + ROW_HEIGHT * max(lane_count, 1)


def timeline_figure(
    frame: pd.DataFrame,
    selected: str | None = None,
    year: int | None = None,
    class_counts: Mapping[str, int] | None = None,
) -> go.Figure:
    """Lanes of events: a bar for the days a date can mean, a marker shaped by status.

    With `year`, the date axis shows that year (a fortnight of margin each side). With
    `class_counts` (responses of a class per event id), each tagged event's marker carries its
    count above it and in its hover text.
    """
    # Plotly draws axis labels as a few HTML tags, like hover text: a lane is escaped the same.
    lanes = [plotly_text(lane) for lane in dict.fromkeys(frame["lane"])]
    figure = go.Figure()
    for qualifier, dash in QUALIFIER_DASH.items():
        _add_ranges(figure, frame[frame["qualifier"] == qualifier], qualifier, dash)
    for status, symbol in STATUS_SYMBOLS.items():
        _add_markers(
            figure, frame[frame["status"] == status], status, symbol, selected, class_counts
        )
    figure.update_layout(
        # Streamlit's chart theme styles the figure in the browser; an empty template keeps
        # plotly's own (large) default out of every rerun's message.
        template="none",
        height=_height(len(lanes)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode="closest",
        clickmode="event+select",
        dragmode=False,
    )
    figure.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], automargin=True)
    figure.update_xaxes(type="date", automargin=True)
    if year is not None:
        margin = dt.timedelta(days=15)
        figure.update_xaxes(range=[dt.date(year, 1, 1) - margin, dt.date(year, 12, 31) + margin])
    return figure


def _add_ranges(figure: go.Figure, frame: pd.DataFrame, qualifier: str, dash: str) -> None:
    """The span each event may cover: a whole year, a month, or a stated range."""
    if frame.empty:
        return
    xs, ys = [], []
    for row in frame.itertuples():
        xs += [row.first.isoformat(), row.last.isoformat(), None]
        ys += [plotly_text(row.lane), plotly_text(row.lane), None]
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name=QUALIFIER_NAMES[qualifier],
            hoverinfo="skip",
            line={"color": RANGE_COLOUR, "width": 5, "dash": dash},
            opacity=RANGE_OPACITY,
        )
    )


def _add_markers(
    figure: go.Figure,
    frame: pd.DataFrame,
    status: str,
    symbol: str,
    selected: str | None,
    class_counts: Mapping[str, int] | None = None,
) -> None:
    if frame.empty:
        return
    counts = [(class_counts or {}).get(event_id, 0) for event_id in frame["id"]]
    hover = [
        f"<b>{plotly_text(row.title)}</b><br>{plotly_text(row.when)} · {plotly_text(status)}"
        f"<br>“{plotly_text(_wrap(row.evidence))}”{_class_line(count)}"
        for row, count in zip(frame.itertuples(), counts, strict=True)
    ]
    labelled = {}
    if class_counts is not None:
        labelled = {
            "text": [str(count) if count else "" for count in counts],
            "textposition": "top center",
            "textfont": {"color": MARKER_COLOUR, "size": 14},
        }
    figure.add_trace(
        go.Scatter(
            x=[day.isoformat() for day in frame["middle"]],
            y=[plotly_text(lane) for lane in frame["lane"]],
            mode="markers+text" if class_counts is not None else "markers",
            **labelled,
            name=status,
            customdata=list(frame["id"]),
            hovertext=hover,
            hoverinfo="text",
            marker={
                "symbol": symbol,
                "color": MARKER_COLOUR,
                "size": [20 if event_id == selected else 13 for event_id in frame["id"]],
                "opacity": [
                    1.0 if focused or event_id == selected else DIMMED_OPACITY
                    for event_id, focused in zip(frame["id"], frame["focused"], strict=True)
                ],
                "line": {"width": 2, "color": MARKER_COLOUR},
            },
        )
    )


def _class_line(count: int) -> str:
    if not count:
        return ""
    return f"<br>Class: {count} response{'' if count == 1 else 's'}"


def _wrap(text: str, width: int = 60) -> str:
    """Break a long quote into lines for the hover box (words are never broken)."""
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)
