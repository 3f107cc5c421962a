"""Cached access to bundles and to what is rendered from them, keyed on their inputs.

A bundle's cache key includes its files' fingerprint, so editing a file shows at once.
Bundles and figures are immutable once built, so they are shared (cache_resource)
rather than copied on every rerun; HTML strings are small and cached as data.
"""

from __future__ import annotations

import os
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from core.analysis import Analysis, analyse
from core.bundle import Bundle, fingerprint, list_articles, load_bundle
from core.markup import Highlighting, reader_html
from core.problems import BundleError
from core.timeline import events_frame, timeline_figure

# READING_ROOM_ARTICLES points the app at another folder of bundles (tests use it).
ARTICLES_ROOT = Path(
    os.environ.get("READING_ROOM_ARTICLES")
    or Path(__file__).resolve().parent.parent / "data" / "articles"
).resolve()


def articles() -> list[str]:
    """Slugs of the bundled articles."""
    return list_articles(ARTICLES_ROOT)


def version(slug: str) -> str:
    """A cache key part that changes when the bundle's folder or any of its files change."""
    return f"{ARTICLES_ROOT}|{fingerprint(ARTICLES_ROOT, slug)}"


@st.cache_resource(show_spinner=False, max_entries=64)
def _bundle_or_error(slug: str, file_version: str) -> Bundle | BundleError:
    try:
        return load_bundle(ARTICLES_ROOT, slug)
    except BundleError as error:
        return error


def bundle(slug: str) -> Bundle:
    """The bundle of `slug`; raises BundleError listing its problems."""
    loaded = _bundle_or_error(slug, version(slug))
    if isinstance(loaded, BundleError):
        raise loaded
    return loaded


@st.cache_resource(show_spinner=False, max_entries=64)
def _analysis(slug: str, file_version: str) -> Analysis:
    return analyse(bundle(slug))


def analysis(slug: str) -> Analysis:
    """Mentions and counts of `slug`'s bundle, found once."""
    return _analysis(slug, version(slug))


@st.cache_data(show_spinner=False, max_entries=512)
def _reader(slug: str, file_version: str, focus: tuple[str, ...], marked: int | None) -> str:
    loaded = bundle(slug)
    how = Highlighting.for_bundle(loaded, focus)
    return reader_html(loaded, analysis(slug).paragraph_spans, how, marked)


def reader(slug: str, focus: tuple[str, ...], marked: int | None) -> str:
    """The article's paragraphs as HTML for this focus and marked paragraph."""
    return _reader(slug, version(slug), tuple(sorted(focus)), marked)


@st.cache_resource(show_spinner=False, max_entries=512)
def _figure(slug: str, file_version: str, focus: tuple, selected: str | None, year: int | None):
    frame = events_frame(bundle(slug).events, frozenset(focus))
    return timeline_figure(frame, selected, year)


def figure(slug: str, focus: tuple[str, ...], selected: str | None, year: int | None) -> go.Figure:
    """The timeline figure for this focus, selected event and year shown."""
    return _figure(slug, version(slug), tuple(sorted(focus)), selected, year)
