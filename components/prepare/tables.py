"""A review table: `st.data_editor` over records from drafting/review/, edits applied in a
callback.

The editor is never given back its own output (Streamlit issues #7354 and #7749: an editor
fed its result reverts every other edit). It shows the session's Work; its widget state keeps
every edit made since it was drawn, and on each change the callback applies them to the Work,
by row id. Applying them again is harmless (a cell set to the value it already has), and the
rows keep their order, so the positions the editor reports always name the same rows. When the
Work changes any other way, store.put() moves the table to a new key and it starts afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from components.prepare import store
from drafting.review import Work

Apply = Callable[[Work, Mapping[str, Mapping[str, object]]], Work]
ROW_PX, HEADER_PX, MAX_ROWS_SHOWN = 35, 38, 14


def editor(
    name: str,
    records: Sequence[dict],
    columns: Sequence[str],
    column_config: dict,
    apply: Apply,
    read_only: Sequence[str] = (),
) -> None:
    """Draw the table `name` (records keyed by `columns` plus 'id')."""
    key = f"table-{name}-{store.generation()}"
    ids = tuple(record["id"] for record in records)
    frame = pd.DataFrame(list(records), columns=["id", *columns]).set_index("id")
    shown = min(max(len(ids), 1), MAX_ROWS_SHOWN)
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_config=column_config,
        disabled=list(read_only),
        height=HEADER_PX + ROW_PX * shown + 2,
        width="stretch",
        on_change=_on_edit,
        args=(name, key, ids, apply),
    )


def _on_edit(name: str, key: str, ids: tuple[str, ...], apply: Apply) -> None:
    """Apply every edit the table holds to the session's Work, by row id."""
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    changes = {}
    for position, cells in edited.items():
        index = int(position)
        if 0 <= index < len(ids):
            changes[ids[index]] = dict(cells)
    work = store.current()
    if work is not None and changes:
        store.put(apply(work, changes), f"edit {len(changes)} rows of the {name} table", True)
