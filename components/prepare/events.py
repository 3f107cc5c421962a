"""Step 5, the events: one table to accept, date, title and quote them, and a way to add an
event the engine missed.

Dates are text, kept exactly as typed and checked beside them (YYYY, YYYY-MM or YYYY-MM-DD:
a date column would force a full day the text may not give). The actors an event names come
from the accepted actors; the evidence is checked live against the text. Events still
waiting for a date stay out of the published article until they have one.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import fixes, store, tables
from core.markup.escaping import markdown_label
from core.text import as_they_are, plural
from core.vocabulary import CONFIRMED, DATE_QUALIFIERS, EVENT_STATUSES, REVIEW_COLUMN
from drafting.review import (
    EVENT_TABLE,
    Work,
    accept,
    add_event,
    edit_events,
    event_actor_options,
    event_choices,
    event_table,
    remove_events,
)

PICK_KEY, TOOLS_KEY = "events-pick", "events-tools"
NEW_START, NEW_TITLE, NEW_EVIDENCE = "events-new-start", "events-new-title", "events-new-evidence"
TABLE = tables.Table(
    "events",
    EVENT_TABLE,
    event_table,
    edit_events,
    lambda work: work.draft.events,
    lambda row: row["title"] or row["id"],
    "event",
    read_only=("date check", "found"),
)


def _on_accept(ids: tuple[str, ...]) -> None:
    work = store.current()
    if work is not None:
        store.put(
            accept(work, "events", ids),
            f"accept {plural(len(ids), 'event')} as {as_they_are(len(ids))}",
        )


def _on_remove() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is None or not picked:
        return
    titles = {row["id"]: row["title"] for row in work.draft.events}
    what = plural(len(picked), "event") if len(picked) > 1 else titles[picked[0]]
    store.put(remove_events(work, picked), f"remove {what}")
    them = "them" if len(picked) > 1 else "it"
    store.say(TOOLS_KEY, "success", f"Removed {what}; drafting again will not bring {them} back.")
    st.session_state[PICK_KEY] = []


def _on_add() -> None:
    work = store.current()
    if work is None:
        return
    start, title, evidence = (
        st.session_state.get(key, "") for key in (NEW_START, NEW_TITLE, NEW_EVIDENCE)
    )
    added, refused = add_event(work, start, title, evidence)
    if refused:
        store.say(TOOLS_KEY, "error", refused)  # what was typed stays, to correct it
        return
    row = added.draft.events[-1]
    store.put(added, f"add the event {row['title']}")
    store.say(TOOLS_KEY, "success", f"Added “{row['title']}” ({row['start']}), accepted.")
    for key in (NEW_START, NEW_TITLE, NEW_EVIDENCE):
        st.session_state[key] = ""


def render(work: Work) -> None:
    rows = work.draft.events
    accepted = sum(row[REVIEW_COLUMN] == CONFIRMED for row in rows)
    waiting = len(work.draft.undated_events)
    st.markdown(
        f"**{accepted} of {len(rows)} accepted.** Dates keep the precision the text gives: "
        "`2022`, `2022-07` or `2022-07-19`; a qualifier says *about*, *before*, *after*, "
        "*since* or *until*." + _waiting(waiting)
    )
    fixing = fixes.banner(TABLE.name, "events")
    records = event_table(work)
    if fixing:
        records = [r for r in records if r["id"] == fixing.row]
    elif rows:
        open_ids = tuple(r["id"] for r in records if not r["accept"])
        st.button(
            f"Accept the {len(open_ids)} not yet accepted as {as_they_are(len(open_ids))}",
            key="events-accept-all",
            on_click=_on_accept,
            args=(open_ids,),
            disabled=not open_ids,
        )
    if records:
        _table(work, records)
    else:
        st.caption("The drafting found no dated events: add any the article tells of below.")
    _tools(work)


def _waiting(count: int) -> str:
    """What the events without a date wait for, if any do."""
    if not count:
        return ""
    wait, stay = ("waits", "stays") if count == 1 else ("wait", "stay")
    return (
        f" **{plural(count, 'event')} {wait} for a date** (give the publication date in "
        f"step 3, or type one) and {stay} off the timeline until then."
    )


def _table(work: Work, records: list[dict]) -> None:
    names = event_actor_options(work)
    config = {
        "accept": st.column_config.CheckboxColumn("Accept", width="small"),
        "attention": st.column_config.TextColumn(
            "Needs a look", help="Why the drafting is unsure of this row."
        ),
        "start": st.column_config.TextColumn("Start", width="small"),
        "end": st.column_config.TextColumn("End", width="small"),
        "qualifier": st.column_config.SelectboxColumn("Qualifier", options=DATE_QUALIFIERS),
        "status": st.column_config.SelectboxColumn(
            "Status",
            options=EVENT_STATUSES,
            required=True,  # no blank choice
        ),
        "title": st.column_config.TextColumn("Title"),
        "actors": st.column_config.MultiselectColumn(
            "Actors", options=list(names), format_func=lambda i: names.get(i, i)
        ),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "date check": st.column_config.TextColumn("Date check"),
        "found": st.column_config.TextColumn("Evidence check"),
    }
    tables.editor(TABLE, records, config)


def _tools(work: Work) -> None:
    choices = event_choices(work)
    with st.expander("Add or remove events", key=TOOLS_KEY, on_change="rerun"):
        said = store.said(TOOLS_KEY)
        if said:
            getattr(st, said[0])(markdown_label(said[1]))
        with st.form("events-add-form", border=False, enter_to_submit=True):
            st.markdown("**An event the drafting missed**")
            start, title = st.columns([1, 3])
            start.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)", key=NEW_START)
            title.text_input("Title (who did what)", key=NEW_TITLE)
            st.text_input(
                "The sentence that says it, copied word for word from the text",
                key=NEW_EVIDENCE,
            )
            st.form_submit_button("Add the event", key="events-add", on_click=_on_add)
        picked = [i for i in st.session_state.get(PICK_KEY) or [] if i in choices]
        st.session_state[PICK_KEY] = picked
        st.multiselect(
            "Events to remove",
            list(choices),
            key=PICK_KEY,
            format_func=choices.get,
            select_all=False,
        )
        st.button(
            f"Remove {plural(len(picked), 'event')}" if picked else "Remove (choose them above)",
            key="events-remove",
            on_click=_on_remove,
            disabled=not picked,
        )
