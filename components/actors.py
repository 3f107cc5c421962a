"""The actor pills of the sidebar: camps first, then the rest by kind, with mention counts and
a search box."""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from components import session
from core.analysis import Analysis
from core.markup.escaping import markdown_label
from core.model import Bundle

SEARCH_KEY = "actor_search"
# A Material icon per kind: in the mixed "other actors" list the kind shows beside each name.
# Keyed by core/vocabulary.py ACTOR_KINDS (a test checks they agree).
KIND_ICONS = {
    "country": ":material/flag:",
    "bloc": ":material/public:",
    "organisation": ":material/apartment:",
    "person": ":material/person:",
    "media": ":material/newspaper:",
    "agreement": ":material/handshake:",
    "place": ":material/location_on:",
}


def _on_pick(key: str, shown: tuple[str, ...]) -> None:
    """A section's pills changed: replace that section's shown actors in the focus."""
    picked = st.session_state[key] or []
    kept = [actor_id for actor_id in session.current().actors if actor_id not in shown]
    session.change(actors=tuple(kept + list(picked)))


@lru_cache(maxsize=64)
def _labels(
    bundle: Bundle, analysis: Analysis, tagged: tuple[tuple[str, int], ...] = ()
) -> dict[str, str]:
    """'icon Name · mentions' for each actor, escaped for the Markdown of pill labels; with a
    class, ' · N in class' where its responses tag the actor."""
    counts, in_class = analysis.mention_counts, dict(tagged)
    return {
        a.id: f"{KIND_ICONS.get(a.kind, '')} {markdown_label(a.name)} · {counts.get(a.id, 0)}"
        + (f" · {in_class[a.id]} in class" if in_class.get(a.id) else "")
        for a in bundle.actors
    }


def render(
    bundle: Bundle,
    analysis: Analysis,
    focus: tuple[str, ...],
    tagged: tuple[tuple[str, int], ...] = (),
) -> None:
    """Draw the actor pills; choosing actors focuses the reader and the timeline. `tagged`:
    how many of a class's responses tag each actor."""
    bar = st.sidebar
    bar.markdown("## Actors\nChoose one or more to focus the article and the timeline.")
    query = bar.text_input("Search actors", key=SEARCH_KEY, placeholder="name, role or alias")
    labels = _labels(bundle, analysis, tagged)
    shown_any = False
    for number, (label, members) in enumerate(analysis.sidebar_sections):
        shown = tuple(actor.id for actor in members if actor.matches(query))
        if not shown:
            continue
        shown_any = True
        key = f"actors-{number}-{len(shown)}"
        st.session_state[key] = [actor_id for actor_id in focus if actor_id in shown]
        bar.pills(
            markdown_label(label),
            shown,
            key=key,
            selection_mode="multi",
            format_func=labels.__getitem__,
            on_change=_on_pick,
            args=(key, shown),
        )
    if not shown_any:
        bar.info("No actor matches that search.")
