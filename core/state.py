"""URL query parameters <-> a small frozen ViewState: parse, check against a bundle, serialise."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from core.model import Bundle, is_valid_slug

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"[0-9]{4}")
MAX_ID_CHARS = 64
MAX_ACTORS = 20
_SHOWN_CHARS = 40


@dataclass(frozen=True)
class ViewState:
    """What a link opens: an article, a focus on some actors, and one selected event."""

    article: str | None = None
    actors: tuple[str, ...] = ()
    event: str | None = None
    year: int | None = None


def _first(value: object) -> str:
    """A query value as one string (Streamlit may hand over a list for repeated keys)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…")


def parse_query(params: Mapping[str, object]) -> tuple[ViewState, list[str]]:
    """Read a ViewState from query params; never raises, ill-formed values become notices."""
    notices = []
    article = _first(params.get("article", "")) or None
    if article is not None and not is_valid_slug(article):
        notices.append(f"The link names an article that cannot exist: {_shown(article)}.")
        article = None
    actors = []
    for actor_id in _first(params.get("actor", "")).split(","):
        actor_id = actor_id.strip()
        if actor_id and _is_id(actor_id) and actor_id not in actors:
            actors.append(actor_id)
        elif actor_id and not _is_id(actor_id):
            notices.append(f"Ignored an actor id that cannot exist: {_shown(actor_id)}.")
    if len(actors) > MAX_ACTORS:
        notices.append(f"Only the first {MAX_ACTORS} actors of the link are focused.")
        actors = actors[:MAX_ACTORS]
    event = _first(params.get("event", "")).strip() or None
    if event is not None and not _is_id(event):
        notices.append(f"Ignored an event id that cannot exist: {_shown(event)}.")
        event = None
    year_text = _first(params.get("year", "")).strip()
    year = int(year_text) if _YEAR.fullmatch(year_text) else None
    if year_text and year is None:
        notices.append(f"Ignored a timeline year that is not a year: {_shown(year_text)}.")
    return ViewState(article, tuple(actors), event, year), notices


def _is_id(value: str) -> bool:
    return len(value) <= MAX_ID_CHARS and bool(_ID.fullmatch(value))


def resolve(state: ViewState, bundle: Bundle) -> tuple[ViewState, list[str]]:
    """Drop ids the bundle does not have, with a notice for each."""
    notices = []
    known = [actor_id for actor_id in state.actors if actor_id in bundle.actor_by_id]
    for actor_id in state.actors:
        if actor_id not in bundle.actor_by_id:
            notices.append(f"This article has no actor {_shown(actor_id)}; showing it without.")
    event = state.event
    if event is not None and event not in bundle.event_by_id:
        notices.append(f"This article has no event {_shown(event)}; showing it without.")
        event = None
    year = state.year
    if year is not None and all(e.start.year != year for e in bundle.events):
        notices.append(f"This article has no events in {year}; showing all years.")
        year = None
    return replace(state, actors=tuple(known), event=event, year=year), notices


def to_query(state: ViewState) -> dict[str, str]:
    """Query params for a state; empty parts are left out, the article never is."""
    query = {}
    if state.article:
        query["article"] = state.article
    if state.actors:
        query["actor"] = ",".join(state.actors)
    if state.event:
        query["event"] = state.event
    if state.year is not None:
        query["year"] = str(state.year)
    return query
