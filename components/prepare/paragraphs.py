"""Step 2, the paragraphs: every block of the page, kept as the article, kept as related news
(a teaser), or left out, starting from the engine's choice (its reason under each block)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from components.prepare import engine, store
from core.markup.escaping import markdown_label
from drafting.page import ARTICLE, DROP, TEASER
from drafting.review import ROLES, Work, with_role

ROLE_LABELS = {ARTICLE: "Article", TEASER: "Related news", DROP: "Leave out"}


def _key(index: int) -> str:
    return f"block-{index}"


def _on_role(index: int) -> None:
    work = store.current()
    role = st.session_state.get(_key(index))
    if work is not None and role in ROLES:
        store.put(with_role(work, index, role), f"mark block {index + 1} as {ROLE_LABELS[role]}")


def render(work: Work) -> None:
    counts = Counter(work.roles)
    st.markdown(
        f"The article is what you keep as **Article**, in this order: now "
        f"{counts[ARTICLE]} blocks; {counts[TEASER]} blocks of related news; "
        f"{counts[DROP]} left out (menus, credits, captions, adverts)."
    )
    found(work)
    for index, (block, role) in enumerate(zip(work.blocks, work.roles, strict=True)):
        st.session_state[_key(index)] = role
        with st.container(border=True):
            st.radio(
                f"**{index + 1}.** {markdown_label(block.text)}",
                ROLES,
                key=_key(index),
                format_func=ROLE_LABELS.__getitem__,
                horizontal=True,
                on_change=_on_role,
                args=(index,),
                help=f"Suggested: {ROLE_LABELS[block.role]} ({markdown_label(block.reason)})",
            )
    if work.needs_redraft:
        st.info("You changed the paragraphs: names and dates are found again when you go on.")


def found(work: Work) -> None:
    """What the engine found, and what it says needs a person's eye."""
    lines = engine.log()
    notes = work.draft.notes
    if not lines and not notes:
        return
    with st.expander("What the drafting found, and what needs your eye"):
        for line in lines:
            st.markdown(f"- {line}")
        for note in notes:
            st.markdown(f"- {markdown_label(note)}")
