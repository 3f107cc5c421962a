import datetime as dt
from dataclasses import replace

from core.timeline import STATUS_SYMBOLS, chart_height, events_frame, timeline_figure
from tests.helpers import mini_bundle


def test_frame_covers_the_days_each_date_may_mean():
    frame = events_frame(mini_bundle().events).set_index("id")
    assert frame.loc["council-says", "first"] == dt.date(2020, 1, 1)
    assert frame.loc["council-says", "last"] == dt.date(2021, 1, 1)
    assert frame.loc["council-says", "when"] == "2020"
    assert frame.loc["meeting", "when"] == "Feb 2021"
    assert frame.loc["accord-signed", "when"] == "about 1 Mar 2021–2 Mar 2021"


def test_a_year_only_event_is_not_drawn_on_the_first_of_january():
    frame = events_frame(mini_bundle().events).set_index("id")
    assert frame.loc["council-says", "middle"] == dt.date(2020, 7, 2)


def test_focus_keeps_only_events_of_the_focused_actors_bright():
    frame = events_frame(mini_bundle().events, frozenset({"gamma"})).set_index("id")
    assert frame["focused"].to_dict() == {
        "meeting": False,
        "council-says": False,
        "accord-signed": True,
    }


def _markers(figure):
    return {trace.name: trace for trace in figure.data if trace.mode == "markers"}


def test_status_is_drawn_by_shape_and_named_in_the_legend():
    markers = _markers(timeline_figure(events_frame(mini_bundle().events)))
    assert set(markers) == {"confirmed", "alleged"}
    for status, trace in markers.items():
        assert trace.marker.symbol == STATUS_SYMBOLS[status]


def test_markers_carry_event_ids_and_escaped_hover_text():
    events = list(mini_bundle().events)
    from dataclasses import replace

    events[0] = replace(events[0], title="<img src=x onerror=alert(1)>")
    markers = _markers(timeline_figure(events_frame(events)))
    ids = [i for trace in markers.values() for i in trace.customdata]
    assert sorted(ids) == ["accord-signed", "council-says", "meeting"]
    hover = " ".join(t for trace in markers.values() for t in trace.hovertext)
    assert "<img" not in hover and "&lt;img" in hover


def test_the_selected_event_is_drawn_larger_and_lanes_keep_bundle_order():
    figure = timeline_figure(events_frame(mini_bundle().events), selected="meeting")
    confirmed = _markers(figure)["confirmed"]
    sizes = dict(zip(confirmed.customdata, confirmed.marker.size, strict=True))
    assert sizes["meeting"] > sizes["accord-signed"]
    assert list(figure.layout.yaxis.categoryarray) == ["Related news", "Talks"]


def test_the_selected_event_stays_bright_outside_the_actor_focus():
    frame = events_frame(mini_bundle().events, frozenset({"gamma"}))
    confirmed = _markers(timeline_figure(frame, selected="meeting"))["confirmed"]
    opacity = dict(zip(confirmed.customdata, confirmed.marker.opacity, strict=True))
    assert opacity["meeting"] == 1.0


def test_the_room_kept_for_the_chart_is_its_height():
    bundle = mini_bundle()
    drawn = timeline_figure(events_frame(bundle.events), None, None)
    assert chart_height(bundle.events) == drawn.layout.height


def test_lane_names_reach_plotly_escaped_as_its_hover_text_is():
    # Plotly draws <b>, <i>, <sup> and <a href> in axis labels: a lane named with markup once
    # became a link on the axis. Escaped, Plotly shows it as the text it is.
    lane = '<a href="https://example.org/">link</a> <b>bold</b>'
    events = tuple(replace(event, lane=lane) for event in mini_bundle().events)
    figure = timeline_figure(events_frame(events))
    escaped = '&lt;a href="https://example.org/"&gt;link&lt;/a&gt; &lt;b&gt;bold&lt;/b&gt;'
    assert list(figure.layout.yaxis.categoryarray) == [escaped]
    assert {y for trace in figure.data for y in trace.y if y is not None} == {escaped}


def test_events_of_one_month_in_one_lane_do_not_hide_each_other():
    meeting = next(event for event in mini_bundle().events if event.id == "meeting")
    twins = [meeting, replace(meeting, id="second-meeting"), replace(meeting, id="third")]
    frame = events_frame(twins).set_index("id")
    middles = list(frame["middle"])
    assert len(set(middles)) == 3 and middles == sorted(middles)
    assert all(frame["first"].iloc[0] < m < frame["last"].iloc[0] for m in middles)
