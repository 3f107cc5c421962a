"""Step 6, the camps (optional): name the groups the text describes and put actors in them.

A camp is highlighted with its own colour and underline in the reader; its evidence is a
sentence quoted from the text that describes it, checked live. The members are picked one
by one (a picker never selects every name that matches what was typed).
"""

from __future__ import annotations

import streamlit as st

from components.prepare import fixes, store, tables
from core.markup.escaping import markdown_label
from core.text import plural
from drafting.review import (
    CAMP_TABLE,
    Work,
    add_camp,
    camp_table,
    edit_camps,
    remove_camps,
    set_members,
)

NEW_KEY, PICK_KEY = "camps-new", "camps-pick"
TABLE = tables.Table(
    "camps",
    CAMP_TABLE,
    camp_table,
    edit_camps,
    lambda work: work.draft.groups,
    lambda row: row["label"] or row["id"],
    "camp",
    read_only=("found",),
)


def _members_key(camp_id: str) -> str:
    return f"camp-members-{camp_id}"


def _on_add() -> None:
    work, label = store.current(), st.session_state.get(NEW_KEY, "").strip()
    if work is not None and label:
        store.put(add_camp(work, label), f"add the camp {label}")
        st.session_state[NEW_KEY] = ""


def _on_members(camp_id: str, label: str) -> None:
    work = store.current()
    if work is not None:
        members = st.session_state.get(_members_key(camp_id)) or []
        store.put(set_members(work, camp_id, members), f"change the members of {label}")


def _on_remove() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is not None and picked:
        store.put(remove_camps(work, picked), f"remove {plural(len(picked), 'camp')}")
        st.session_state[PICK_KEY] = []


def render(work: Work) -> None:
    st.markdown(
        "Optional. When the article sets groups against each other (e.g. those in Tehran who "
        "want an alliance with Russia, and those wary of it), name each camp, quote the "
        "sentence that describes it, and put its actors in it."
    )
    with st.form("camps-add-form", border=False, enter_to_submit=True):
        label, add = st.columns([4, 1], vertical_alignment="bottom")
        label.text_input("A new camp's name", key=NEW_KEY)
        add.form_submit_button("Add camp", key="camps-add", on_click=_on_add, width="stretch")
    groups = work.draft.groups
    if not groups:
        return
    fixing = fixes.banner("groups", "camps")  # a camp's problem names the groups table
    records = camp_table(work)
    if fixing:
        records = [r for r in records if r["id"] == fixing.row]
    config = {
        "label": st.column_config.TextColumn("Camp"),
        "description": st.column_config.TextColumn("What they want (your words)"),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "found": st.column_config.TextColumn("Evidence check"),
    }
    tables.editor(TABLE, records, config)
    names = {row["id"]: row["name"] for row in work.draft.actors}
    for group in groups:
        key = _members_key(group["id"])
        label = group["label"] or group["id"]
        st.session_state[key] = [r["id"] for r in work.draft.actors if r["group"] == group["id"]]
        st.multiselect(
            f"In the camp “{markdown_label(label)}”",
            list(names),
            key=key,
            format_func=names.__getitem__,
            on_change=_on_members,
            args=(group["id"], label),
            select_all=False,
        )
    labels = {row["id"]: row["label"] or row["id"] for row in groups}
    with st.expander("Remove camps", key="camps-tools", on_change="rerun"):
        st.multiselect(
            "Choose camps",
            list(labels),
            key=PICK_KEY,
            format_func=labels.__getitem__,
            select_all=False,
        )
        st.button("Remove the chosen", key="camps-remove", on_click=_on_remove)
