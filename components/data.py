"""File access and caching: the bundles on disk, and each page part built once per input.

Every key includes the bundle's fingerprint (its files' mtimes and sizes), so editing a file
shows at once. A bundle this browser session holds (components/library.py: prepared here, or
opened from a .zip) is found first, under its own name, and cached per held version.

Plain `functools.lru_cache` is used rather than `st.cache_data`: the keys are a few short
strings and tuples, and Streamlit's argument hashing and result copying cost more per rerun
than the whole lookup. Cached values are immutable (frozen dataclasses, strings, figures that
are never mutated after building), so sharing them between sessions is safe.

What each part holds is decided in core/page.py; this module only reads files and remembers.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from components import library
from core import page
from core.analysis import Analysis, analyse
from core.archive import ARCHIVED_FILES
from core.archive import bundle_zip as zipped_bundle
from core.bundle import fingerprint, list_articles, load_bundle, load_bundle_files
from core.files import spreadsheet_csv
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
    """Slugs of the articles on disk and of those this session holds."""
    return sorted({*list_articles(ARTICLES_ROOT), *library.slugs()})


def version(slug: str) -> str:
    """A cache key part that changes when the bundle's folder or any of its files change."""
    return f"{ARTICLES_ROOT}|{fingerprint(ARTICLES_ROOT, slug)}"


@lru_cache(maxsize=64)
def _bundle_or_error(root: Path, slug: str, file_version: str) -> Bundle | BundleError:
    try:
        return load_bundle(root, slug)
    except BundleError as error:
        return error


@lru_cache(maxsize=16)
def _held_bundle_or_error(held: library.Held) -> Bundle | BundleError:
    try:
        return load_bundle_files(held.slug, dict(held.files))
    except BundleError as error:
        return error


def bundle(slug: str) -> Bundle:
    """The bundle of `slug` as its files are now; raises BundleError listing its problems."""
    held = library.get(slug)
    if held is not None:
        opened = _held_bundle_or_error(held)
    else:
        opened = _bundle_or_error(ARTICLES_ROOT, slug, version(slug))
    if isinstance(opened, BundleError):
        # A fresh error each time: re-raising the cached one would grow its traceback.
        raise BundleError(opened.slug, list(opened.problems))
    return opened


def title(slug: str) -> str:
    """The article's title, for a list of articles; its name when it does not open."""
    try:
        return bundle(slug).meta.title or slug
    except BundleError:
        return f"{slug} (cannot be opened)"


@lru_cache(maxsize=64)
def analysis(article: Bundle) -> Analysis:
    """Mentions, counts and places of a bundle, found once per bundle."""
    return analyse(article)


@lru_cache(maxsize=64)
def header(article: Bundle) -> Html:
    return page.header(article)


def reader(article: Bundle, view: ViewState) -> Html:
    # Keyed on what the reader shows: the panel and presenter mode do not change it.
    return _reader(article, replace(view, panel="reader", present=False, teacher=False))


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
def classroom_panel(article: Bundle, name: str, links: Links, teacher: bool = False) -> Html:
    return page.classroom_panel(article, analysis(article), name, links, teacher)


@lru_cache(maxsize=256)
def question_banner(article: Bundle, number: int, links: Links) -> Html:
    return page.question_banner(article, number, links)


@lru_cache(maxsize=512)
def presenter(article: Bundle, number: int, focus: frozenset[str]) -> Html:
    return page.presenter(article, analysis(article), number, focus)


@lru_cache(maxsize=64)
def handout(article: Bundle, teacher: bool = False) -> tuple[Html, str]:
    """The student handout, or with `teacher` the teacher's pack, as (HTML, Markdown)."""
    return page.handout(article, analysis(article), teacher)


@lru_cache(maxsize=64)
def _bundle_files(root: Path, slug: str, file_version: str) -> dict[str, bytes]:
    folder = root / slug
    return {
        name: (folder / name).read_bytes()
        for name in ARCHIVED_FILES
        if (folder / name).is_file() and not (folder / name).is_symlink()
    }


def bundle_files(slug: str) -> dict[str, bytes]:
    """The bundle's files as they are now (held in the session, or on disk), for download."""
    held = library.get(slug)
    if held is not None:
        return dict(held.files)
    return _bundle_files(ARTICLES_ROOT, slug, version(slug))


@lru_cache(maxsize=64)
def _spreadsheet_table(root: Path, slug: str, name: str, file_version: str) -> bytes:
    return spreadsheet_csv(_bundle_files(root, slug, file_version).get(name, b""))


def spreadsheet_table(slug: str, name: str) -> bytes:
    """One of the bundle's tables to open in a spreadsheet: formula-like cells are quoted."""
    held = library.get(slug)
    if held is not None:
        return spreadsheet_csv(held.files.get(name, b""))
    return _spreadsheet_table(ARTICLES_ROOT, slug, name, version(slug))


def bundle_zip(slug: str) -> bytes:
    """The whole bundle folder as a zip archive, byte for byte: it is what an import reads
    back, so its tables are not quoted for spreadsheets (the validator warns of formula-like
    cells instead)."""
    held = library.get(slug)
    if held is not None:
        return _held_zip(held)
    return _zipped(ARTICLES_ROOT, slug, version(slug))


@lru_cache(maxsize=16)
def _zipped(root: Path, slug: str, file_version: str) -> bytes:
    return zipped_bundle(_bundle_files(root, slug, file_version), slug)


@lru_cache(maxsize=8)
def _held_zip(held: library.Held) -> bytes:
    return zipped_bundle(dict(held.files), held.slug)
