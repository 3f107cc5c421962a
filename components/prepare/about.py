"""Step 3, about the article: title, dek, section, publishers, byline and publication date.

The date is asked here because relative dates ("last month", "in July") are counted from it:
a new date reads them again and says how many events moved.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import store
from core.markup.escaping import markdown_label
from drafting.review import Work, with_meta, with_published
from drafting.source import DraftError

LABELS = {
    "title": "Title",
    "dek": "Dek (the line under the title)",
    "section": "Section",
    "publisher": "Publisher (where this copy appeared)",
    "original_publisher": "Original publisher (if republished)",
    "byline": "Byline",
}
PUBLISHED_KEY = "about-published"
SAID = "rr_about_said"  # what the last change of date did, shown under the date


def _key(field: str) -> str:
    return f"about-{field}"


def _on_field(field: str) -> None:
    work = store.current()
    if work is not None:
        value = st.session_state.get(_key(field), "")
        store.put(with_meta(work, field, value), f"change the {field.replace('_', ' ')}")


def _on_published() -> None:
    work = store.current()
    if work is None:
        return
    value = st.session_state.get(PUBLISHED_KEY, "").strip()
    try:
        updated, moved = with_published(work, value)
    except DraftError as error:
        st.session_state[SAID] = (
            "error",
            f"{error} The date stays {work.draft.published or 'unknown'}.",
        )
        return
    waiting = len(updated.draft.undated_events)
    said = f"Publication date {value}" if value else "Publication date cleared"
    said += f": {moved} event{'s' if moved != 1 else ''} moved"
    said += f", {waiting} still waiting for a date." if waiting else "."
    st.session_state[SAID] = ("success", said)
    store.put(updated, f"set the publication date to {value or 'unknown'}")


def render(work: Work) -> None:
    meta = work.draft.meta
    for field, label in LABELS.items():
        st.session_state[_key(field)] = meta.get(field, "")
        widget = st.text_area if field == "dek" else st.text_input
        widget(label, key=_key(field), on_change=_on_field, args=(field,))
    st.session_state[PUBLISHED_KEY] = work.draft.published
    st.text_input(
        "Publication date (YYYY-MM-DD, YYYY-MM or YYYY, as precise as the page says)",
        key=PUBLISHED_KEY,
        on_change=_on_published,
        placeholder="e.g. 2022-09-14",
    )
    if SAID in st.session_state:
        kind, said = st.session_state.pop(SAID)
        getattr(st, kind)(markdown_label(said))
    relative = sum(d.relative and d.base == "published" for d in work.draft.event_dates.values())
    waiting = len(work.draft.undated_events)
    st.caption(
        f"{relative} events are dated relative to this date ('last month', 'in July')"
        + (f"; {waiting} wait for a date before they can go on the timeline." if waiting else ".")
    )
    if not work.draft.published:
        st.caption(
            "Never guessed: if the page does not say, look at the page's URL or the "
            "publisher's archive, or leave it empty."
        )
