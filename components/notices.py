"""Short notices about the link, and the error panel for a bundle that cannot be shown."""

from __future__ import annotations

import streamlit as st

from core.markup import notices_html, panel, problems_html
from core.problems import BundleError


def link_notices(notices: list[str]) -> None:
    if notices:
        st.html(panel(notices_html(notices)))


def bundle_problems(error: BundleError) -> None:
    """Every problem of the bundle, each with file, line, field, value and what is valid."""
    st.html(panel(problems_html(error.slug, error.problems)))


def bundle_warnings(slug: str, warnings) -> None:
    """Problems that did not stop the article opening, shown so an editor can fix them."""
    if warnings:
        with st.expander(f"{len(warnings)} warning(s) about this article's bundle"):
            st.html(panel(problems_html(slug, warnings, blocking=False)))
