"""Step 1, the source: paste the page's text, upload a file, or give the page's address.

What the teacher pasted stays in the box when they come back to this step. Uploads are at
most 5 MB; what a file is (a web page, text, a bundle .zip) is read from its content, never
from its name. Any failure is one line on screen, and nothing already prepared is lost.
"""

from __future__ import annotations

import io
import zipfile

import streamlit as st

from components import authoring
from components.prepare import bundles, engine, store
from core.markup.escaping import markdown_label
from drafting.review import STEPS, number, step

PASTE_KEY, UPLOAD_KEY, ADDRESS_KEY = "source-paste", "source-upload", "source-address"
KEPT = {PASTE_KEY: "rr_source_paste", ADDRESS_KEY: "rr_source_address"}
MAX_MB = 5
MAX_BYTES = MAX_MB * 1024 * 1024
SHOWN_DRAFTS = 10
PASTED = "pasted text"  # the source name of a pasted text (drafting.source.source_from_text)


def _keep(key: str) -> None:
    """Copy a box's text to where it outlives this step's widgets."""
    st.session_state[KEPT[key]] = st.session_state.get(key, "")


def _restore(key: str) -> None:
    """Put back what the box held; in a new session (a refresh, the draft's address opened
    again), the paste box gets the text the article in progress was drafted from."""
    if key in st.session_state:
        return
    kept = st.session_state.get(KEPT[key], "")
    work = store.current()
    if not kept and key == PASTE_KEY and work is not None and work.source_name == PASTED:
        kept = work.draft.original_html or work.draft.source_text
    st.session_state[key] = kept


def render(setting: authoring.Authoring) -> None:
    engine.warm_up()
    work = store.current()
    if work is not None:
        st.info(
            f"You are preparing “{markdown_label(work.title or '(untitled)')}” from "
            f"{markdown_label(work.source_name or 'a source')}. Drafting from another source "
            "starts a new article"
            + (" (this one stays in the list of drafts)." if setting.lists_drafts else ".")
        )
    elif setting.lists_drafts:
        _saved_drafts()
    paste, upload, address = st.tabs(["Paste the text", "Upload a file", "Web address"])
    with paste:
        _paste()
    with upload:
        _upload(setting)
    with address:
        _address()


def _saved_drafts() -> None:
    drafts = store.listing(SHOWN_DRAFTS)
    if not drafts:
        return
    st.markdown("#### Continue where you left off")
    for saved in drafts:
        text, button = st.columns([4, 1], vertical_alignment="center")
        published = f" · published as {saved.published_as}" if saved.published_as else ""
        text.markdown(
            f"**{markdown_label(saved.title)}** · step {number(saved.step)} of {len(STEPS)} "
            f"({step(saved.step).name}) · saved {saved.saved:%d %b %H:%M}{published}"
        )
        button.button(
            "Continue",
            key=f"continue-{saved.token}",
            on_click=store.continue_draft,
            args=(saved.token,),
            width="stretch",
        )
    st.markdown("#### Or start a new article")


def _paste() -> None:
    _restore(PASTE_KEY)
    st.text_area(
        "The page's text, as the browser copies it (select all, copy, paste here). Menus, "
        "captions and related news mixed in are fine: the next step sorts them out.",
        key=PASTE_KEY,
        height=260,
        on_change=_keep,
        args=(PASTE_KEY,),
    )
    if st.button("Draft from this text", key="draft-paste", type="primary"):
        _keep(PASTE_KEY)
        text = st.session_state.get(PASTE_KEY, "")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            st.error(f"The pasted text is over {MAX_MB} MB: paste the article's page only.")
            return
        _draft(("text", text))


def _upload(setting: authoring.Authoring) -> None:
    uploaded = st.file_uploader(
        f"A saved web page (.html, .htm), a text file (.txt, .md), or a bundle .zip exported "
        f"from Reading Room; at most {MAX_MB} MB.",
        type=["html", "htm", "txt", "md", "zip"],
        key=UPLOAD_KEY,
    )
    if uploaded is None:
        return
    data = uploaded.getvalue()
    if len(data) > MAX_BYTES:
        st.error(f"{markdown_label(uploaded.name)} is over {MAX_MB} MB.")
        return
    if zipfile.is_zipfile(io.BytesIO(data)):  # by its content, whatever its name
        bundles.import_zip(data, setting)
        return
    if st.button("Draft from this file", key="draft-upload", type="primary"):
        _draft(("file", data, uploaded.name))


def _address() -> None:
    _restore(ADDRESS_KEY)
    st.text_input(
        "The article's address (http or https). It is fetched from this server, where the "
        "network allows; only public addresses are read.",
        key=ADDRESS_KEY,
        placeholder="https://…",
        on_change=_keep,
        args=(ADDRESS_KEY,),
    )
    if st.button("Fetch and draft", key="draft-address", type="primary"):
        _keep(ADDRESS_KEY)
        address = st.session_state.get(ADDRESS_KEY, "").strip()
        if not address.lower().startswith(("http://", "https://")):
            st.error("Give an address that starts with http:// or https://.")
            return
        _draft(("address", address))


def _draft(given: tuple) -> None:
    """Read the source and draft it (in a worker, its progress shown); open the new article."""
    work = engine.draft(given)
    if work is not None:
        store.start(work)
        st.rerun()
