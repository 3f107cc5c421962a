"""'Fix in …': the bundle check's problem opens its step with the table narrowed to its row.

The preview's button records which row of which table to fix (`start`); the step shows that
row alone, under the problem in the teacher's words, until "Show all" (`banner`).
"""

from __future__ import annotations

import streamlit as st

from components.prepare import steps, store
from core.markup.escaping import markdown_label
from drafting.review import Fix


def start(fix: Fix) -> None:
    """Open the step where `fix` is made (a callback)."""
    steps.go(fix.step)
    if fix.table and fix.row:
        st.session_state[store.FIXING] = fix
    else:
        store.flash("warning", f"To fix: {fix.words}")


def _show_all() -> None:
    st.session_state.pop(store.FIXING, None)


def banner(table: str, plural: str) -> Fix | None:
    """The row of `table` being fixed, under its problem and a way back to every row; None
    when no row of this table is being fixed."""
    fix = st.session_state.get(store.FIXING)
    if not isinstance(fix, Fix) or fix.table != table:
        return None
    with st.container(border=True, key=f"fixing-{table}"):
        text, back = st.columns([4, 1], vertical_alignment="center")
        text.warning(f"**To fix:** {markdown_label(fix.words)}. Only this row is shown below.")
        back.button(
            f"Show all {plural}", key=f"fixing-{table}-all", on_click=_show_all, width="stretch"
        )
    return fix
