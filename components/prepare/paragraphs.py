"""Step 2, the paragraphs: every block of the page, kept as the article, kept as related news
(a teaser), or left out, starting from the engine's choice (its reason on each block's ⓘ).

A browser copy can hold hundreds of blocks, most of them menus: a run of blocks left out is
folded into one line (opened, it lists them), so the step opens on the article. Choices can
be made for many blocks at once (a whole run, all related news), each one step to undo.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import engine, store
from core.markup.escaping import markdown_label
from core.text import plural
from drafting.page import ARTICLE, DROP, TEASER
from drafting.review import ROLES, Run, Work, block_preview, role_counts, runs, with_roles

ROLE_LABELS = {ARTICLE: "Article", TEASER: "Related news", DROP: "Leave out"}
FOLDED_FROM = 3  # a run of this many blocks left out is folded into one line


def _key(index: int) -> str:
    return f"block-{index}"


def _fold_key(run: Run) -> str:
    return f"fold-{run.first}-{run.last}"


def _on_role(index: int) -> None:
    role = st.session_state.get(_key(index))
    _choose({index: role}, f"mark block {index + 1} as {ROLE_LABELS.get(role, role)}")


def _choose(choices: dict[int, str], what: str) -> None:
    """Give blocks new roles as one step (a callback)."""
    work = store.current()
    if work is not None:
        chosen = with_roles(work, choices)
        if chosen is not work:
            store.put(chosen, what)


def _on_run(run: Run, role: str) -> None:
    label = ROLE_LABELS[role].lower()
    _choose(dict.fromkeys(run.indexes, role), f"mark blocks {run.first + 1}–{run.last + 1} {label}")


def _on_all(source_role: str, role: str) -> None:
    work = store.current()
    if work is None:
        return
    chosen = {i: role for i, r in enumerate(work.roles) if r == source_role}
    what = f"mark all {ROLE_LABELS[source_role].lower()} as {ROLE_LABELS[role].lower()}"
    _choose(chosen, what)


def _on_suggested() -> None:
    work = store.current()
    if work is not None:
        _choose(
            {i: block.role for i, block in enumerate(work.blocks)},
            "go back to the suggested paragraphs",
        )


def render(work: Work) -> None:
    counts = role_counts(work)
    st.markdown(
        f"The article is what you keep as **Article**, in this order: now "
        f"{plural(counts[ARTICLE], 'block')}; {plural(counts[TEASER], 'block')} of related news; "
        f"{counts[DROP]} left out (menus, credits, captions, adverts), runs of them folded."
    )
    found(work)
    _bulk(work, counts)
    for run in runs(work):
        if run.role == DROP and len(run) >= FOLDED_FROM:
            _folded(work, run)
        else:
            for index in run.indexes:
                _block(work, index)
    if work.needs_redraft:
        st.info("You changed the paragraphs: names and dates are found again when you go on.")


def _bulk(work: Work, counts: dict[str, int]) -> None:
    """Choices for many blocks at once."""
    teasers, back = st.columns(2)
    teasers.button(
        f"Leave out all related news ({plural(counts[TEASER], 'block')})",
        key="blocks-drop-teasers",
        on_click=_on_all,
        args=(TEASER, DROP),
        disabled=not counts[TEASER],
        width="stretch",
    )
    suggested = tuple(block.role for block in work.blocks)
    back.button(
        "Back to the suggested choices",
        key="blocks-suggested",
        on_click=_on_suggested,
        disabled=work.roles == suggested,
        width="stretch",
    )


def _folded(work: Work, run: Run) -> None:
    """A run of blocks left out, as one line; opened, its blocks and what to do with all."""
    first, last = work.blocks[run.first], work.blocks[run.last]
    label = (
        f"{plural(len(run), 'block')} left out ({run.first + 1}–{run.last + 1}): "
        f"“{block_preview(first, 6)}” … “{block_preview(last, 6)}”"
    )
    key = _fold_key(run)
    with st.expander(markdown_label(label), key=key, on_change="rerun"):
        if not st.session_state.get(key):
            return  # nothing to draw while it is folded
        keep, teaser = st.columns(2)
        keep.button(
            f"Keep these {len(run)} as the article",
            key=f"{key}-article",
            on_click=_on_run,
            args=(run, ARTICLE),
            width="stretch",
        )
        teaser.button(
            f"Keep these {len(run)} as related news",
            key=f"{key}-teaser",
            on_click=_on_run,
            args=(run, TEASER),
            width="stretch",
        )
        for index in run.indexes:
            _block(work, index)


def _block(work: Work, index: int) -> None:
    block, role = work.blocks[index], work.roles[index]
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
