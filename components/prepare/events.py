"""Step 5, the events: one table to accept, date, title and quote them.

Dates are text, checked as typed (YYYY, YYYY-MM or YYYY-MM-DD: a date column would force a
full day the text may not give). The actors an event names come from the accepted actors;
the evidence is checked live against the text. Events still waiting for a date stay out of
the published article until they have one.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import store, tables
from core.vocabulary import CONFIRMED, DATE_QUALIFIERS, EVENT_STATUSES, REVIEW_COLUMN
from drafting.review import (
    DATE_PATTERN,
    EVENT_TABLE,
    Work,
    accept,
    edit_events,
    event_actor_options,
    event_table,
    remove_events,
)

PICK_KEY = "events-pick"


def _on_accept(ids: tuple[str, ...]) -> None:
    work = store.current()
    if work is not None:
        store.put(accept(work, "events", ids), f"accept {len(ids)} events")


def _on_remove() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is not None and picked:
        store.put(remove_events(work, picked), f"remove {len(picked)} events")
        store.flash("success", f"Removed {len(picked)} event(s).")
        st.session_state[PICK_KEY] = []


def render(work: Work) -> None:
    rows = work.draft.events
    accepted = sum(row[REVIEW_COLUMN] == CONFIRMED for row in rows)
    waiting = len(work.draft.undated_events)
    st.markdown(
        f"**{accepted} of {len(rows)} accepted.** Dates keep the precision the text gives: "
        "`2022`, `2022-07` or `2022-07-19`; a qualifier says *about*, *before*, *after*, "
        "*since* or *until*."
        + (f" **{waiting} wait for a date** (give the publication date in step 3, or type "
           "one) and stay off the timeline until then." if waiting else "")
    )  # fmt: skip
    if not rows:
        st.caption("The drafting found no dated events. Nothing to review here.")
        return
    records = event_table(work)
    open_ids = tuple(r["id"] for r in records if not r["accept"])
    st.button(
        f"Accept the {len(open_ids)} not yet accepted as they are",
        key="events-accept-all",
        on_click=_on_accept,
        args=(open_ids,),
        disabled=not open_ids,
    )
    names = event_actor_options(work)
    config = {
        "accept": st.column_config.CheckboxColumn("Accept", width="small"),
        "start": st.column_config.TextColumn("Start", validate=DATE_PATTERN, width="small"),
        "end": st.column_config.TextColumn("End", validate=DATE_PATTERN, width="small"),
        "qualifier": st.column_config.SelectboxColumn("Qualifier", options=DATE_QUALIFIERS),
        "status": st.column_config.SelectboxColumn("Status", options=EVENT_STATUSES, required=True),
        "title": st.column_config.TextColumn("Title", required=True),
        "actors": st.column_config.MultiselectColumn(
            "Actors", options=list(names), format_func=lambda i: names.get(i, i)
        ),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "date check": st.column_config.TextColumn("Date check"),
        "found": st.column_config.TextColumn("Evidence check"),
    }
    tables.editor("events", records, EVENT_TABLE, config, edit_events, ("date check", "found"))
    titles = {row["id"]: row["title"] for row in rows}
    with st.expander("Remove events"):
        picked = [i for i in st.session_state.get(PICK_KEY) or [] if i in titles]
        st.session_state[PICK_KEY] = picked
        st.multiselect("Choose events", list(titles), key=PICK_KEY, format_func=titles.get)
        st.button(
            "Remove the chosen", key="events-remove", on_click=_on_remove, disabled=not picked
        )
