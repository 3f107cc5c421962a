"""File access and caching: the bundles on disk, and each page part built once per input.

Every key includes the bundle's fingerprint (its files' mtimes and sizes), so editing a file
shows at once. Plain `functools.lru_cache` is used rather than `st.cache_data`: the keys are
a few short strings and tuples, and Streamlit's argument hashing and result copying cost more
per rerun than the whole lookup. Cached values are immutable (frozen dataclasses, strings,
figures that are never mutated after building), so sharing them between sessions is safe.

What each part holds is decided in core/page.py; this module only reads files and remembers.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from core import page
from core.analysis import Analysis, analyse
from core.bundle import WATCHED_FILES, fingerprint, list_articles, load_bundle
from core.markup.escaping import Html
from core.model import Bundle
from core.problems import BundleError
from core.state import Links, ViewState

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


@lru_cache(maxsize=64)
def _bundle_or_error(root: Path, slug: str, file_version: str) -> Bundle | BundleError:
    try:
        return load_bundle(root, slug)
    except BundleError as error:
        return error


def bundle(slug: str) -> Bundle:
    """The bundle of `slug` as its files are now; raises BundleError listing its problems."""
    opened = _bundle_or_error(ARTICLES_ROOT, slug, version(slug))
    if isinstance(opened, BundleError):
        # A fresh error each time: re-raising the cached one would grow its traceback.
        raise BundleError(opened.slug, list(opened.problems))
    return opened


@lru_cache(maxsize=64)
def analysis(article: Bundle) -> Analysis:
    """Mentions, counts and places of a bundle, found once per bundle."""
    return analyse(article)


@lru_cache(maxsize=64)
def header(article: Bundle) -> Html:
    return page.header(article)


def reader(article: Bundle, view: ViewState) -> Html:
    # Keyed on what the reader shows: the panel and presenter mode do not change it.
    return _reader(article, replace(view, panel="reader", present=False))


@lru_cache(maxsize=512)
def _reader(article: Bundle, view: ViewState) -> Html:
    return page.reader(article, analysis(article), view)


@lru_cache(maxsize=256)
def key(article: Bundle, all_actors: bool) -> Html:
    return page.key(article, ViewState(article=article.slug, all_actors=all_actors))


@lru_cache(maxsize=256)
def orientation(article: Bundle, all_actors: bool) -> Html:
    return page.orientation(article, ViewState(article=article.slug, all_actors=all_actors))


@lru_cache(maxsize=64)
def timeline_controls(article: Bundle) -> page.TimelineControls:
    return page.timeline_controls(article, analysis(article))


@lru_cache(maxsize=512)
def timeline(
    article: Bundle, focus: frozenset[str], selected: str | None, year: int | None
) -> go.Figure:
    """The timeline figure (shared between sessions: never mutate it)."""
    return page.timeline(article, focus, selected, year)


@lru_cache(maxsize=256)
def classroom_panel(article: Bundle, name: str, links: Links) -> Html:
    return page.classroom_panel(article, name, links)


@lru_cache(maxsize=512)
def presenter(article: Bundle, number: int, focus: frozenset[str]) -> Html:
    return page.presenter(article, analysis(article), number, focus)


@lru_cache(maxsize=64)
def handout(article: Bundle) -> tuple[Html, str]:
    return page.handout(article, analysis(article))


@lru_cache(maxsize=64)
def _bundle_files(root: Path, slug: str, file_version: str) -> dict[str, bytes]:
    folder = root / slug
    return {
        name: (folder / name).read_bytes()
        for name in WATCHED_FILES
        if (folder / name).is_file() and not (folder / name).is_symlink()
    }


def bundle_files(slug: str) -> dict[str, bytes]:
    """The bundle's files as they are on disk, for download."""
    return _bundle_files(ARTICLES_ROOT, slug, version(slug))


def bundle_zip(slug: str) -> bytes:
    """The whole bundle folder as a zip archive."""
    return _zipped(ARTICLES_ROOT, slug, version(slug))


@lru_cache(maxsize=16)
def _zipped(root: Path, slug: str, file_version: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _bundle_files(root, slug, file_version).items():
            archive.writestr(f"{slug}/{name}", content)
    return buffer.getvalue()
