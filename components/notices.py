"""Short notices about the link, and the error panel for a bundle that cannot be shown."""

from __future__ import annotations

import streamlit as st

from core import page
from core.problems import BundleError, Problem
from core.text import plural


def link_notices(notices: list[str]) -> None:
    if notices:
        st.html(page.notices(notices))


def bundle_problems(error: BundleError) -> None:
    """Every problem of the bundle, each with file, line, field, value and what is valid."""
    st.html(page.problems(error.slug, error.problems))


def bundle_warnings(slug: str, warnings: tuple[Problem, ...]) -> None:
    """Problems that did not stop the article opening, shown so an editor can fix them."""
    if warnings:
        with st.expander(f"{plural(len(warnings), 'warning')} about this article's bundle"):
            st.html(page.problems(slug, warnings, blocking=False))
