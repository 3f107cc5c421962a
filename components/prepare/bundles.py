"""A bundle .zip uploaded on the Prepare page: the validator's report first, nothing kept until
the teacher opens it (to review and publish again, or, in session mode, in the reader)."""

from __future__ import annotations

import streamlit as st

from components import authoring, library, navigation
from components.prepare import store
from core import page
from core.archive import ArchiveError, check_bundle_zip
from core.markup.escaping import markdown_label
from drafting.review import from_bundle


def import_zip(data: bytes, setting: authoring.Authoring) -> None:
    """Check an uploaded bundle zip and offer to open it; say why when it cannot be."""
    try:
        unpacked, bundle, problems = check_bundle_zip(data)
    except ArchiveError as error:
        st.error(markdown_label(error))
        return
    if unpacked.ignored:
        st.info(
            "Left out (a bundle has no such files): "
            + ", ".join(markdown_label(name) for name in unpacked.ignored)
        )
    if bundle is None:
        st.error(
            f"The bundle {markdown_label(unpacked.slug)} has {len(problems)} problem(s); "
            "nothing was kept:"
        )
        st.html(page.problems(unpacked.slug, problems))
        return
    st.success(
        f"{markdown_label(unpacked.slug)}: “{markdown_label(bundle.meta.title)}”, "
        f"{len(bundle.paragraphs)} paragraphs, {len(bundle.actors)} actors, "
        f"{len(bundle.events)} events. It passes the bundle check."
    )
    if problems:
        st.html(page.problems(unpacked.slug, problems, blocking=False))
    review, read = st.columns(2)
    if review.button("Open it here to review and publish", key="zip-review", type="primary"):
        store.start(from_bundle(bundle, unpacked.files))
        st.rerun()
    if setting.mode == authoring.SESSION and read.button("Open it in the reader", key="zip-read"):
        library.hold(unpacked.slug, unpacked.files)
        navigation.open_in_reader(unpacked.slug)
