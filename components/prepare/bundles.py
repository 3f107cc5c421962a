"""A bundle .zip uploaded on the Prepare page: the validator's report first, nothing kept until
the teacher opens it (to review and publish again, or, in session mode, in the reader)."""

from __future__ import annotations

import hashlib

import streamlit as st

from components import authoring, library, navigation
from components.prepare import engine, store
from core import jobs, page
from core.markup.escaping import markdown_label
from core.text import plural
from core.vocabulary import ORIGINAL_PAGE_FILE
from drafting.review import from_bundle


def _without_a_large_original(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle's files for review, the page it was drafted from left out past
    store.MAX_ORIGINAL_BYTES: a small zip can unpack to a page of many megabytes, which the
    session would hold and every autosave write (it is provenance only; nothing shows it)."""
    original = files.get(ORIGINAL_PAGE_FILE)
    if original is None or len(original) <= store.MAX_ORIGINAL_BYTES:
        return files
    return {name: data for name, data in files.items() if name != ORIGINAL_PAGE_FILE}


CHECKED = "rr_checked_zip"  # the last upload's digest and its check, kept for its reruns


def _checked(data: bytes):
    """The check of this upload, run in a worker once, not again on every rerun."""
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(CHECKED)
    if kept is not None and kept[0] == digest:
        return kept[1]
    result = engine.check_zip(data)
    st.session_state[CHECKED] = (digest, result)
    return result


def import_zip(data: bytes, setting: authoring.Authoring) -> None:
    """Check an uploaded bundle zip and offer to open it; say why when it cannot be."""
    try:
        unpacked, bundle, problems = _checked(data)
    except jobs.JobFailed as error:
        st.error(markdown_label(error))
        return
    if unpacked.ignored:
        st.info(
            "Left out (a bundle has no such files): "
            + ", ".join(markdown_label(name) for name in unpacked.ignored)
        )
    if bundle is None:
        st.error(
            f"The bundle {markdown_label(unpacked.slug)} has {plural(len(problems), 'problem')}; "
            "nothing was kept:"
        )
        st.html(page.problems(unpacked.slug, problems))
        return
    st.success(
        f"{markdown_label(unpacked.slug)}: “{markdown_label(bundle.meta.title)}”, "
        f"{plural(len(bundle.paragraphs), 'paragraph')}, {plural(len(bundle.actors), 'actor')}, "
        f"{plural(len(bundle.events), 'event')}. It passes the bundle check."
    )
    if problems:
        st.html(page.problems(unpacked.slug, problems, blocking=False))
    review, read = st.columns(2)
    if review.button("Open it here to review and publish", key="zip-review", type="primary"):
        store.start(from_bundle(bundle, _without_a_large_original(unpacked.files)))
        st.rerun()
    if setting.mode == authoring.SESSION and read.button("Open it in the reader", key="zip-read"):
        try:
            library.hold(unpacked.slug, unpacked.files)
        except library.HoldRefused as error:
            st.error(markdown_label(error))
            return
        navigation.open_in_reader(unpacked.slug)
