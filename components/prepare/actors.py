"""Step 4, the actors: one table to accept, name, sort and quote them, and tools to merge,
remove and add.

Ticking 'accept' (or changing a row) makes a row the teacher's; rows never looked at stay
suggestions. Every alias is found everywhere in the text, as the reader finds it, and the
table says where ('3 × in ¶1, ¶4'); the evidence is checked live against the text. A merge
names the actors it will merge before it is made, and asks again when two people's
surnames differ; "merge into…" on a row asks the same. Each message appears where the
teacher is working: above the table, or inside the tools' panel, which keeps its place.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import fixes, store, tables
from core.markup.escaping import markdown_label
from core.text import as_they_are, plural
from core.vocabulary import ACTOR_KINDS, CONFIRMED, REVIEW_COLUMN
from drafting.review import (
    ACTOR_TABLE,
    Changes,
    MergePlan,
    Work,
    accept,
    actor_table,
    add_actor,
    camp_labels,
    edit_actors,
    merge_actors,
    merge_choices,
    merge_plan,
    merge_requests,
    remove_actors,
)

SHOW_KEY, PICK_KEY, TOOLS_KEY = "actors-show", "actors-pick", "actors-tools"
NEW_NAME_KEY, NEW_KIND_KEY = "actors-new-name", "actors-new-kind"
MERGE = "actors-merge"  # a merge waiting for the teacher's yes: (ids, where it was asked)
AT_TABLE, IN_TOOLS = "actors", "actors-tools"  # where a message or a question is shown
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


def _take_merges(work: Work, changes: Changes) -> Changes:
    """A 'merge into' chosen on a row is a merge to confirm, not a cell to keep."""
    asked = merge_requests(work, changes)
    if asked:
        actor_id, into = asked[0]
        store.ask(MERGE, ([into, actor_id], AT_TABLE))
        store.refresh_tables()  # the cell goes back to empty: a merge is not a value
    elif any(cells.get("merge into") for cells in changes.values()):
        store.say(AT_TABLE, "warning", "A row cannot be merged into itself: choose another actor.")
        store.refresh_tables()
    return {
        row: rest
        for row, cells in changes.items()
        if (rest := {k: v for k, v in cells.items() if k != "merge into"})
    }


TABLE = tables.Table(
    "actors",
    ACTOR_TABLE,
    actor_table,
    edit_actors,
    lambda work: work.draft.actors,
    lambda row: row["name"] or row["id"],
    "actor",
    _take_merges,
    read_only=("found", "mentions"),
)


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
        store.put(
            accept(work, "actors", ids),
            f"accept {plural(len(ids), 'actor')} as {as_they_are(len(ids))}",
        )


def _on_merge_picked() -> None:
    picked = st.session_state.get(PICK_KEY) or []
    plan = merge_plan(store.current(), picked) if store.current() else None
    if plan is None:
        return
    if plan.surnames_differ:
        store.ask(MERGE, (picked, IN_TOOLS))  # asked again, where the teacher is looking
    else:
        _merge(picked, IN_TOOLS)


def _merge(ids: list[str], where: str) -> None:
    work = store.current()
    plan = merge_plan(work, ids) if work is not None else None
    store.answered(MERGE)
    if plan is None:
        return
    store.put(merge_actors(work, ids), f"merge {plan.summary}")
    store.say(where, "success", f"Merged {plan.summary}.")
    st.session_state[PICK_KEY] = []


def _on_remove() -> None:
    work, picked = store.current(), st.session_state.get(PICK_KEY) or []
    if work is None or not picked:
        return
    names = _names(work, picked)
    store.put(remove_actors(work, picked), f"remove {names}")
    store.say(IN_TOOLS, "success", f"Removed {names}; drafting again will not bring them back.")
    st.session_state[PICK_KEY] = []


def _names(work: Work, ids: list[str]) -> str:
    """'Kremlin, Putin and Moscow'."""
    names = {row["id"]: row["name"] for row in work.draft.actors}
    listed = [names[i] for i in ids if i in names]
    return ", ".join(listed[:-1]) + (" and " if len(listed) > 1 else "") + listed[-1]


def _on_add() -> None:
    work = store.current()
    name = st.session_state.get(NEW_NAME_KEY, "").strip()
    if work is None:
        return
    added, refused = add_actor(work, name, st.session_state.get(NEW_KIND_KEY) or "person")
    if refused:
        store.say(IN_TOOLS, "error", refused)  # the name stays in the box, to correct it
        return
    row = added.draft.actors[-1]
    store.put(added, f"add {row['name']}")
    store.say(
        IN_TOOLS,
        "success",
        f"Added {row['name']}, accepted, with the first sentence that names it as evidence: "
        f"“{row['evidence']}”. Change it in the table if another says more.",
    )
    st.session_state[NEW_NAME_KEY] = ""


def render(work: Work) -> None:
    rows = work.draft.actors
    accepted = sum(row[REVIEW_COLUMN] == CONFIRMED for row in rows)
    st.markdown(
        f"**{accepted} of {len(rows)} accepted.** Tick *Accept* for each actor the article "
        "really names (or change a cell: that accepts the row too); rows you leave are "
        "published as suggestions. *Aliases* are every way the text names them, exactly as "
        "written, separated by `|`: each is highlighted wherever it occurs."
    )
    fixing = fixes.banner(TABLE.name, "actors")
    if fixing:
        records = [r for r in actor_table(work) if r["id"] == fixing.row]
    else:
        records = _shown(work, _show_pills(work))
        waiting = tuple(r["id"] for r in records if not r["accept"])
        st.button(
            f"Accept the {len(waiting)} shown as {as_they_are(len(waiting))}",
            key="actors-accept-shown",
            on_click=_on_accept_shown,
            args=(waiting,),
            disabled=not waiting,
        )
    _merge_question(work, AT_TABLE)
    _table(work, records)
    _tools(work)


def _show_pills(work: Work) -> str:
    kinds = [kind for kind in ACTOR_KINDS if any(row["kind"] == kind for row in work.draft.actors)]
    options = [ALL, TO_REVIEW, *kinds]
    if st.session_state.get(SHOW_KEY) not in options:
        st.session_state[SHOW_KEY] = ALL
    st.pills(
        "Show",
        options,
        key=SHOW_KEY,
        format_func=lambda o: KIND_PLURALS.get(o, o).capitalize(),
    )
    return st.session_state.get(SHOW_KEY) or ALL


def _table(work: Work, records: list[dict]) -> None:
    names = merge_choices(work, [record["id"] for record in records])
    config = {
        "accept": st.column_config.CheckboxColumn("Accept", width="small"),
        "attention": st.column_config.TextColumn(
            "Needs a look", help="Why the drafting is unsure of this row."
        ),
        "name": st.column_config.TextColumn("Name"),
        "kind": st.column_config.SelectboxColumn(
            "Kind",
            options=ACTOR_KINDS,
            required=True,  # no blank choice: every actor has one
        ),
        "role": st.column_config.TextColumn("Role", help="As the text says it, if it does."),
        "camp": st.column_config.SelectboxColumn(
            "Camp", options=list(camp_labels(work).values()), help="Name camps in step 6."
        ),
        "aliases": st.column_config.TextColumn(
            "Aliases",
            width="medium",
            help="Every spelling the text uses, exactly as written, separated by |.",
        ),
        "evidence": st.column_config.TextColumn(
            "Evidence", width="large", help="A sentence quoted from the text, word for word."
        ),
        "found": st.column_config.TextColumn("Evidence check"),
        "mentions": st.column_config.TextColumn("Highlighted in the article"),
        "merge into": st.column_config.SelectboxColumn(
            "Merge into…", options=names, help="Choose the actor this row is another name of."
        ),
    }
    if records:
        tables.editor(TABLE, records, config)
    else:
        st.caption("No actors to show here.")


def _merge_question(work: Work, where: str) -> None:
    """A merge waiting for the teacher's yes, shown where it was asked."""
    held = store.asked(MERGE)
    if not held or held[1] != where:
        return
    plan = merge_plan(work, held[0])
    if plan is None:
        store.answered(MERGE)
        return
    with st.container(border=True, key=f"merge-question-{where}"):
        _merge_warning(plan)
        yes, no = st.columns(2)
        yes.button(
            f"Merge {plan.summary}",
            key=f"merge-yes-{where}",
            type="secondary" if plan.surnames_differ else "primary",
            on_click=_merge,
            args=(list(held[0]), where),
            width="stretch",
        )
        no.button(
            "Do not merge",
            key=f"merge-no-{where}",
            type="primary" if plan.surnames_differ else "secondary",
            on_click=store.answered,
            args=(MERGE,),
            width="stretch",
        )


def _merge_warning(plan: MergePlan) -> None:
    if plan.surnames_differ:
        surnames = " and ".join(f"“{name}”" for name in plan.surnames)
        st.warning(
            f"Merge {markdown_label(plan.summary)}? Their surnames differ ({surnames}): "
            "merge only if the text means one person by all of them. "
            + markdown_label(plan.outcome)
        )
    else:
        st.info(f"Merge {markdown_label(plan.summary)}? {markdown_label(plan.outcome)}")


def _tools(work: Work) -> None:
    names = {row["id"]: row["name"] for row in work.draft.actors}
    with st.expander("Merge, remove or add actors", key=TOOLS_KEY, on_change="rerun"):
        said = store.said(IN_TOOLS)
        if said:
            getattr(st, said[0])(markdown_label(said[1]))
        _merge_question(work, IN_TOOLS)
        picked = [i for i in st.session_state.get(PICK_KEY) or [] if i in names]
        st.session_state[PICK_KEY] = picked
        st.multiselect(
            "Choose actors (to merge, the one to keep first)",
            list(names),
            key=PICK_KEY,
            format_func=names.__getitem__,
            select_all=False,
        )
        plan = merge_plan(work, picked)
        merge, remove = st.columns(2)
        merge.button(
            f"Merge {plan.summary}" if plan else "Merge (choose two or more)",
            key="actors-merge",
            on_click=_on_merge_picked,
            disabled=plan is None,
            width="stretch",
        )
        remove.button(
            f"Remove {_names(work, picked)}" if picked else "Remove (choose them above)",
            key="actors-remove",
            on_click=_on_remove,
            disabled=not picked,
            width="stretch",
        )
        with st.form("actors-add-form", border=False, enter_to_submit=True):
            name, kind, add = st.columns([3, 2, 1], vertical_alignment="bottom")
            name.text_input("New actor's name, as the text writes it", key=NEW_NAME_KEY)
            kind.selectbox("Kind", ACTOR_KINDS, key=NEW_KIND_KEY, index=ACTOR_KINDS.index("person"))
            add.form_submit_button("Add", key="actors-add", on_click=_on_add, width="stretch")
