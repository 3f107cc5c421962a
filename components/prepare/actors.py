"""Step 4, the actors: one table to accept, name, sort and quote them, and tools to merge,
remove and add.

Ticking 'accept' (or changing a row) makes a row the teacher's; rows never looked at stay
suggestions. Every alias is found everywhere in the text, as the reader finds it, and the
table says where ('3 × in ¶1, ¶4'); the evidence is checked live against the text.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import store, tables
from core.vocabulary import ACTOR_KINDS, CONFIRMED, REVIEW_COLUMN
from drafting.review import (
    ACTOR_TABLE,
    Work,
    accept,
    actor_table,
    add_actor,
    camp_labels,
    edit_actors,
    merge_actors,
    remove_actors,
)

SHOW_KEY, PICK_KEY = "actors-show", "actors-pick"
NEW_NAME_KEY, NEW_KIND_KEY = "actors-new-name", "actors-new-kind"
ALL, TO_REVIEW = "all", "to review"
KIND_PLURALS = {
    "country": "countries",
    "bloc": "blocs",
    "organisation": "organisations",
    "person": "people",
    "media": "media",
    "agreement": "agreements",
    "place": "places",
}


def _shown(work: Work, show: str) -> list[dict]:
    records = actor_table(work)
    if show == TO_REVIEW:
        return [r for r in records if not r["accept"]]
    if show in ACTOR_KINDS:
        return [r for r in records if r["kind"] == show]
    return records


def _on_accept_shown(ids: tuple[str, ...]) -> None:
    work = store.current()
    if work is not None:
        store.put(accept(work, "actors", ids), f"accept {len(ids)} actors")


def _on_merge() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is not None and len(picked) >= 2:
        store.put(merge_actors(work, picked), "merge actors")
        store.flash("success", f"Merged {len(picked)} actors into one.")
        st.session_state[PICK_KEY] = []


def _on_remove() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is not None and picked:
        store.put(remove_actors(work, picked), "remove actors")
        store.flash("success", f"Removed {len(picked)} actor(s) from the article's actors.")
        st.session_state[PICK_KEY] = []


def _on_add() -> None:
    work = store.current()
    name = st.session_state.get(NEW_NAME_KEY, "").strip()
    if work is None or not name:
        return
    added, refused = add_actor(work, name, st.session_state.get(NEW_KIND_KEY) or "person")
    if refused:
        store.flash("error", refused)
        return
    store.put(added, f"add {name}")
    store.flash("success", f"Added {name}: check its evidence and aliases in the table.")
    st.session_state[NEW_NAME_KEY] = ""


def render(work: Work) -> None:
    rows = work.draft.actors
    accepted = sum(row[REVIEW_COLUMN] == CONFIRMED for row in rows)
    st.markdown(
        f"**{accepted} of {len(rows)} accepted.** Tick *Accept* for each actor the article "
        "really names (or change a cell: that accepts the row too); rows you leave are "
        "published as suggestions. *Aliases* are every way the text names them, exactly as "
        "written: each is highlighted wherever it occurs."
    )
    kinds = [kind for kind in ACTOR_KINDS if any(row["kind"] == kind for row in rows)]
    options = [ALL, TO_REVIEW, *kinds]
    show = st.session_state.get(SHOW_KEY)
    if show not in options:
        st.session_state[SHOW_KEY] = show = ALL
    st.pills(
        "Show",
        options,
        key=SHOW_KEY,
        format_func=lambda o: KIND_PLURALS.get(o, o).capitalize(),
    )
    show = st.session_state.get(SHOW_KEY) or ALL
    records = _shown(work, show)
    waiting = tuple(r["id"] for r in records if not r["accept"])
    st.button(
        f"Accept the {len(waiting)} shown as they are",
        key="actors-accept-shown",
        on_click=_on_accept_shown,
        args=(waiting,),
        disabled=not waiting,
    )
    _table(work, records)
    _tools(work)


def _table(work: Work, records: list[dict]) -> None:
    aliases = sorted({alias for record in records for alias in record["aliases"]})
    config = {
        "accept": st.column_config.CheckboxColumn("Accept", width="small"),
        "name": st.column_config.TextColumn("Name", required=True),
        "kind": st.column_config.SelectboxColumn("Kind", options=ACTOR_KINDS, required=True),
        "role": st.column_config.TextColumn("Role", help="As the text says it, if it does."),
        "camp": st.column_config.SelectboxColumn(
            "Camp", options=list(camp_labels(work).values()), help="Name camps in step 6."
        ),
        "aliases": st.column_config.MultiselectColumn(
            "Aliases",
            options=aliases,
            accept_new_options=True,
            help="Every spelling the text uses, exactly as written. Type a new one to add it.",
        ),
        "evidence": st.column_config.TextColumn(
            "Evidence", width="large", help="A sentence quoted from the text, word for word."
        ),
        "found": st.column_config.TextColumn("Evidence check"),
        "mentions": st.column_config.TextColumn("Highlighted in the article"),
    }
    if records:
        tables.editor("actors", records, ACTOR_TABLE, config, edit_actors, ("found", "mentions"))
    else:
        st.caption("No actors to show here.")


def _tools(work: Work) -> None:
    names = {row["id"]: row["name"] for row in work.draft.actors}
    with st.expander("Merge, remove or add actors"):
        picked = [i for i in st.session_state.get(PICK_KEY) or [] if i in names]
        st.session_state[PICK_KEY] = picked
        st.multiselect(
            "Choose actors (to merge, the one to keep first)",
            list(names),
            key=PICK_KEY,
            format_func=names.__getitem__,
        )
        merge, remove = st.columns(2)
        merge.button(
            "Merge into the first chosen",
            key="actors-merge",
            on_click=_on_merge,
            disabled=len(picked) < 2,
            width="stretch",
        )
        remove.button(
            "Remove the chosen",
            key="actors-remove",
            on_click=_on_remove,
            disabled=not picked,
            width="stretch",
        )
        name, kind, add = st.columns([3, 2, 1], vertical_alignment="bottom")
        name.text_input("New actor's name, as the text writes it", key=NEW_NAME_KEY)
        kind.selectbox("Kind", ACTOR_KINDS, key=NEW_KIND_KEY, index=ACTOR_KINDS.index("person"))
        add.button("Add", key="actors-add", on_click=_on_add, width="stretch")
