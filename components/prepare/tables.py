"""A review table: `st.data_editor` over records from drafting/review/, edits applied in a
callback, each one an undoable step.

The editor is never given back its own output (Streamlit issues #7354 and #7749: an editor
fed its result reverts every other edit). It shows the session's Work; its widget state keeps
every edit made since it was drawn, and on each change the callback applies them to the Work,
by row id. Applying them again is harmless (a cell set to the value it already has), and the
rows keep their order, so the positions the editor reports always name the same rows. When the
Work changes any other way, store.put() moves the table to a new key and it starts afresh.

Nothing typed is lost without a word: an edit that would empty the aliases or evidence of
more than one row (Ctrl+A then Delete clears every editable cell shown) is held until the
teacher says yes, and a cell the model does not take (a kind that is not one) is named
under the table and shown as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.prepare import store
from core.markup.escaping import markdown_label
from drafting.review import ATTENTION, Changes, Work, emptied

ROW_PX, HEADER_PX, MAX_ROWS_SHOWN = 35, 38, 14


@dataclass(frozen=True)
class Table:
    """What a review table edits: its `name` (keys, messages), the records it shows and
    their `columns`, how edits apply, the rows of the Work they change, a row's name, and
    what one row is called ('actor')."""

    name: str
    columns: tuple[str, ...]
    records: Callable[[Work], list[dict]]
    apply: Callable[[Work, Changes], Work]
    rows: Callable[[Work], Sequence[dict]]
    called: Callable[[dict], str]
    noun: str
    # Takes out of an edit what is not a cell change (a 'merge into' asks for a merge).
    intercept: Callable[[Work, Changes], Changes] | None = None
    # The columns the page works out (a check, where a name is highlighted): not edited.
    read_only: tuple[str, ...] = ()


def editor(
    table: Table,
    records: Sequence[dict],
    column_config: dict,
) -> None:
    """Draw `table` with `records` (a subset of `table.records(work)`, in its order); the
    engine's "needs a look" column only when some row has a reason."""
    _held(table)
    key = f"table-{table.name}-{store.generation()}"
    ids = tuple(record["id"] for record in records)
    # Row numbers, not ids, are the index: the toolbar's column menu lists the index (hidden
    # here), and showing it shows nothing internal.
    frame = pd.DataFrame(
        [{column: record[column] for column in table.columns} for record in records],
        columns=list(table.columns),
        index=pd.RangeIndex(1, len(records) + 1, name="Row"),
    )
    shown = min(max(len(ids), 1), MAX_ROWS_SHOWN)
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_config=column_config,
        disabled=[*table.read_only, ATTENTION],
        column_order=[
            column
            for column in table.columns
            if column != ATTENTION or any(record.get(ATTENTION) for record in records)
        ],
        height=HEADER_PX + ROW_PX * shown + 2,
        width="stretch",
        on_change=_on_edit,
        args=(table, key, ids),
    )
    said = store.said(table.name)
    if said:
        kind, text = said
        getattr(st, kind)(markdown_label(text))


def _on_edit(table: Table, key: str, ids: tuple[str, ...]) -> None:
    """Apply every edit the table holds to the session's Work, by row id."""
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    changes = {}
    for position, cells in edited.items():
        index = int(position)
        if 0 <= index < len(ids):
            changes[ids[index]] = dict(cells)
    work = store.current()
    if work is None or not changes:
        return
    if table.intercept is not None:
        changes = table.intercept(work, changes)
    if len(emptied(table.rows(work), changes)) > 1:
        store.ask(table.name, changes)
        store.refresh_tables()  # the table shows the Work again until the teacher answers
        return
    apply(table, work, changes, from_table=True)


def apply(table: Table, work: Work, changes: Changes, from_table: bool = False) -> None:
    """Apply `changes` as one undoable step, saying which cells were not taken."""
    updated = table.apply(work, changes)
    refused = _refused(table, work, updated, changes)
    what = _what(table, work, updated)
    if what:
        store.put(updated, what, from_table=from_table and not refused)
    elif refused:
        store.refresh_tables()
    if refused:
        store.say(table.name, "warning", "Not changed: " + "; ".join(refused) + ".")


def _what(table: Table, before: Work, after: Work) -> str:
    """'edit start of Talks in Vienna', 'edit 61 actors': what an edit changed, for its undo
    button (the columns when one row changed, not those that follow from them)."""
    old = {row["id"]: row for row in table.rows(before)}
    changed = [row for row in table.rows(after) if old.get(row["id"]) != row]
    if len(changed) != 1:
        return f"edit {len(changed)} {table.noun}s" if changed else ""
    row = changed[0]
    was = {record["id"]: record for record in table.records(before)}.get(row["id"])
    now = next(record for record in table.records(after) if record["id"] == row["id"])
    followed = {"id", "accept", ATTENTION, *table.read_only}
    columns = [c for c in now if was and now[c] != was.get(c) and c not in followed]
    return (
        f"edit {' and '.join(columns)} of {table.called(row)}"
        if columns
        else f"edit {table.called(row)}"
    )


def _refused(table: Table, before: Work, after: Work, changes: Changes) -> list[str]:
    """The cells an edit asked to change that stayed as they were."""
    old = {record["id"]: record for record in table.records(before)}
    new = {record["id"]: record for record in table.records(after)}
    refused = []
    for row_id, cells in changes.items():
        if row_id not in old or row_id not in new:
            continue
        for column, value in cells.items():
            if column not in table.columns or column == "accept":
                continue
            was, now = old[row_id][column], new[row_id][column]
            if now == was and _same(value) != _same(was):
                name = table.called({"id": row_id, **new[row_id]})
                refused.append(f"{column} of {name} (“{value}” is not one of the choices)")
    return refused


def _same(value: object) -> object:
    """A cell's value as compared for 'did the edit change it': text folded, lists as tuples."""
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value)
    return " ".join(str(value).split()) if value is not None else ""


def _held(table: Table) -> None:
    """The edit held for a yes, if any: what it would empty, and the two answers."""
    changes = store.asked(table.name)
    work = store.current()
    if not isinstance(changes, Mapping) or work is None:
        return
    wiped = emptied(table.rows(work), changes)
    rows = {row["id"]: row for row in table.rows(work)}
    names = [table.called(rows[i]) for i in wiped if i in rows]
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    with st.container(border=True, key=f"held-{table.name}"):
        st.warning(
            f"This edit would empty the aliases or evidence of {len(names)} {table.noun}s "
            f"({markdown_label(listed)}): clearing a selection of cells (Ctrl+A, then Delete) "
            "does this. Nothing has changed yet."
        )
        keep, empty = st.columns(2)
        keep.button(
            "Keep them as they were",
            key=f"held-keep-{table.name}",
            type="primary",
            on_click=store.answered,
            args=(table.name,),
            width="stretch",
        )
        empty.button(
            f"Empty them in {len(names)} {table.noun}s",
            key=f"held-apply-{table.name}",
            on_click=_apply_held,
            args=(table,),
            width="stretch",
        )


def _apply_held(table: Table) -> None:
    changes, work = store.asked(table.name), store.current()
    store.answered(table.name)
    if isinstance(changes, Mapping) and work is not None:
        apply(table, work, changes)
