"""File access and caching: the bundles on disk, and each page part built once per input.

Every key includes the bundle's fingerprint (its files' mtimes and sizes), so editing a file
shows at once. A bundle this browser session holds (components/library.py: prepared here, or
opened from a .zip) is found first, under its own name, and cached per held version; then one
published in the database, when one is configured (components/published.py: a school's
servers share it), cached per published version; then the folder.

Plain `functools.lru_cache` is used rather than `st.cache_data`: the keys are a few short
strings and tuples, and Streamlit's argument hashing and result copying cost more per rerun
than the whole lookup. Cached values are immutable (frozen dataclasses, strings, figures that
are never mutated after building), so sharing them between sessions is safe.

Those caches are for the bundles on disk, which the server's owner put there. A bundle a
session holds came from a visitor (a 1 MB article renders to about 5 MB of HTML per view), so
everything built from one goes to one cache bounded by bytes (`HELD_CACHE_BYTES`, the least
recently used going first) instead.

What each part holds is decided in core/page.py; this module only reads files and remembers.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import socket
import sys
import threading
import weakref
from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from components import database_setting, library, published
from core import page
from core.analysis import Analysis, analyse
from core.archive import ARCHIVED_FILES
from core.archive import bundle_zip as zipped_bundle
from core.bundle import fingerprint, list_articles, load_bundle, load_bundle_files
from core.classwork import ClassCounts, Shown
from core.files import spreadsheet_csv
from core.markup.escaping import Html
from core.model import Bundle
from core.problems import BundleError
from core.publish import write_bundle
from core.state import Links, ViewState

# READING_ROOM_ARTICLES points the app at another folder of bundles (tests use it).
ARTICLES_ROOT = Path(
    os.environ.get("READING_ROOM_ARTICLES")
    or Path(__file__).resolve().parent.parent / "data" / "articles"
).resolve()


HELD_CACHE_BYTES = int(os.environ.get("READING_ROOM_HELD_CACHE_MB") or 64) * 1024 * 1024


def approx_size(value: object) -> int:
    """Roughly how many bytes `value` holds: its text and bytes, containers and dataclasses
    walked, a figure by its JSON. An estimate for a cache's budget, not an exact count."""
    if isinstance(value, str | bytes):
        return len(value) + 50
    if isinstance(value, dict):
        return 64 + sum(approx_size(k) + approx_size(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return 56 + sum(approx_size(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return 56 + sum(approx_size(getattr(value, field.name)) for field in fields)
    if hasattr(value, "to_json"):  # a Plotly figure
        return len(value.to_json())
    return sys.getsizeof(value)


class _BytesBoundedCache:
    """Values built from objects held in sessions, least recently used first out once their
    sizes add up to more than `budget`. A key holds a weak reference to the object it was
    built from, so an id reused by a later object never finds an old value."""

    def __init__(self, budget: int):
        self.budget, self.used = budget, 0
        self._entries: OrderedDict[tuple, tuple] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, build, owner, args: tuple):
        key = (build.__qualname__, id(owner), args)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0]() is owner:
                self._entries.move_to_end(key)
                return entry[1]
        value = build(owner, *args)
        size = approx_size(value)
        with self._lock:
            old = self._entries.pop(key, None)
            self.used -= old[2] if old else 0
            if size <= self.budget:
                self._entries[key] = (weakref.ref(owner), value, size)
                self.used += size
            while self.used > self.budget:
                self.used -= self._entries.popitem(last=False)[1][2]
        return value


_HELD_BUILT = _BytesBoundedCache(HELD_CACHE_BYTES)
_FROM_HELD: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # id -> Bundle


def _cached(maxsize: int):
    """lru_cache for what is built from a bundle on disk; what is built from a bundle a
    session holds goes to the bytes-bounded cache instead."""

    def wrap(build):
        shared = lru_cache(maxsize=maxsize)(build)

        @functools.wraps(build)
        def lookup(article, *args):
            if _FROM_HELD.get(id(article)) is article:
                return _HELD_BUILT.get(build, article, args)
            return shared(article, *args)

        return lookup

    return wrap


def articles() -> list[str]:
    """Slugs of the articles on disk, published in the database and held by this session."""
    return sorted({*list_articles(ARTICLES_ROOT), *published.catalogue(), *library.slugs()})


def version(slug: str) -> str:
    """A cache key part that changes when the bundle's folder or any of its files change."""
    return f"{ARTICLES_ROOT}|{fingerprint(ARTICLES_ROOT, slug)}"


@lru_cache(maxsize=64)
def _bundle_or_error(root: Path, slug: str, file_version: str) -> Bundle | BundleError:
    try:
        return load_bundle(root, slug)
    except BundleError as error:
        return error


def _held_bundle_or_error(held: library.Held) -> Bundle | BundleError:
    opened = _HELD_BUILT.get(_load_held, held, ())
    if isinstance(opened, Bundle):
        _FROM_HELD[id(opened)] = opened
    return opened


def _load_held(held: library.Held) -> Bundle | BundleError:
    try:
        return load_bundle_files(held.slug, dict(held.files))
    except BundleError as error:
        return error


@lru_cache(maxsize=16)
def _published_bundle_or_error(slug: str, number: int) -> Bundle | BundleError:
    given = dict(published.files(slug, number))  # a database not answering is not cached
    try:
        return load_bundle_files(slug, given)
    except BundleError as error:
        return error


def bundle(slug: str) -> Bundle:
    """The bundle of `slug` as its files are now; raises BundleError listing its problems."""
    held = library.get(slug)
    number = None if held is not None else published.version(slug)
    if held is not None:
        opened = _held_bundle_or_error(held)
    elif number is not None:
        opened = _published_bundle_or_error(slug, number)
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


@_cached(64)
def analysis(article: Bundle) -> Analysis:
    """Mentions, counts and places of a bundle, found once per bundle."""
    return analyse(article)


@_cached(64)
def header(article: Bundle) -> Html:
    return page.header(article)


def reader(article: Bundle, view: ViewState, counts: ClassCounts | None = None) -> Html:
    # Keyed on what the reader shows: the panel and presenter mode do not change it.
    shown = replace(view, panel="reader", present=False, teacher=False)
    if counts is None:
        return _reader(article, shown)
    return _class_reader(article, shown, tuple(sorted(counts.paragraphs.items())))


@_cached(512)
def _reader(article: Bundle, view: ViewState) -> Html:
    return page.reader(article, analysis(article), view)


@_cached(256)
def _class_reader(
    article: Bundle, view: ViewState, paragraphs: tuple[tuple[int, int], ...]
) -> Html:
    """The reader with a class's counts per paragraph: keyed on those alone, so the answers
    coming in (which count per question) leave every student's reader cached."""
    return page.reader(article, analysis(article), view, ClassCounts(dict(paragraphs)))


@_cached(256)
def answers(
    article: Bundle,
    question: int,
    responses: tuple[Shown, ...],
    links: Links,
    waiting_note: str = "",
) -> Html:
    """The answers to one question on a student's screen (shared while unchanged)."""
    return page.class_answers(article, question, responses, links, waiting_note)


@_cached(256)
def wall(
    article: Bundle,
    question: int | None,
    responses: tuple[Shown, ...],
    counts: tuple,
    links: Links,
    waiting_note: str = "",
) -> Html:
    """The class's wall as it is now: every screen that shows the same responses (the
    projector, students with nothing new) shares one rendering."""
    return page.class_wall(
        article, question, responses, ClassCounts.from_key(counts), links, waiting_note
    )


@_cached(256)
def key(article: Bundle, all_actors: bool) -> Html:
    return page.key(article, ViewState(article=article.slug, all_actors=all_actors))


@_cached(256)
def orientation(article: Bundle, all_actors: bool) -> Html:
    return page.orientation(article, ViewState(article=article.slug, all_actors=all_actors))


@_cached(64)
def timeline_controls(article: Bundle) -> page.TimelineControls:
    return page.timeline_controls(article, analysis(article))


@_cached(512)
def timeline(
    article: Bundle,
    focus: frozenset[str],
    selected: str | None,
    year: int | None,
    class_events: tuple[tuple[str, int], ...] | None = None,
) -> go.Figure:
    """The timeline figure (shared between sessions: never mutate it); with `class_events`,
    a class's responses per event on the markers."""
    return page.timeline(article, focus, selected, year, class_events)


@_cached(256)
def classroom_panel(article: Bundle, name: str, links: Links, teacher: bool = False) -> Html:
    return page.classroom_panel(article, analysis(article), name, links, teacher)


@_cached(256)
def question_banner(article: Bundle, number: int, links: Links) -> Html:
    return page.question_banner(article, number, links)


@_cached(512)
def presenter(article: Bundle, number: int, focus: frozenset[str]) -> Html:
    return page.presenter(article, analysis(article), number, focus)


@_cached(64)
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
    number = published.version(slug)
    if number is not None:
        return dict(published.files(slug, number))
    return _bundle_files(ARTICLES_ROOT, slug, version(slug))


@lru_cache(maxsize=64)
def _spreadsheet_table(root: Path, slug: str, name: str, file_version: str) -> bytes:
    return spreadsheet_csv(_bundle_files(root, slug, file_version).get(name, b""))


def spreadsheet_table(slug: str, name: str) -> bytes:
    """One of the bundle's tables to open in a spreadsheet: formula-like cells are quoted."""
    held = library.get(slug)
    if held is not None:
        return spreadsheet_csv(held.files.get(name, b""))
    number = published.version(slug)
    if number is not None:
        return spreadsheet_csv(published.files(slug, number).get(name, b""))
    return _spreadsheet_table(ARTICLES_ROOT, slug, name, version(slug))


def bundle_zip(slug: str) -> bytes:
    """The whole bundle folder as a zip archive, byte for byte: it is what an import reads
    back, so its tables are not quoted for spreadsheets (the validator warns of formula-like
    cells instead)."""
    held = library.get(slug)
    if held is not None:
        return _HELD_BUILT.get(_held_zip, held, ())
    number = published.version(slug)
    if number is not None:
        return _published_zip(slug, number)
    return _zipped(ARTICLES_ROOT, slug, version(slug))


@lru_cache(maxsize=16)
def _zipped(root: Path, slug: str, file_version: str) -> bytes:
    return zipped_bundle(_bundle_files(root, slug, file_version), slug)


def _held_zip(held: library.Held) -> bytes:
    return zipped_bundle(dict(held.files), held.slug)


@lru_cache(maxsize=8)
def _published_zip(slug: str, number: int) -> bytes:
    return zipped_bundle(dict(published.files(slug, number)), slug)


def is_published(slug: str) -> bool:
    """True when an article of this name is published (in the folder, or the database)."""
    return (ARTICLES_ROOT / slug).exists() or published.version(slug) is not None


def publish(files: dict[str, bytes], slug: str, replace: bool = False) -> None:
    """Publish a bundle where this server's articles live: into the database when one is
    configured (every server of a school reads it; a name in the folder of bundled articles
    counts as taken there), else into the articles folder. Raises PublishError with one line;
    either way the old article is replaced only when asked, and then kept as a backup."""
    if database_setting.configured():
        taken = (ARTICLES_ROOT / slug).exists()
        published.publish(files, slug, replace, taken, _publisher())
    else:
        write_bundle(files, ARTICLES_ROOT, slug, replace=replace)


def _publisher() -> str:
    """Who published, as far as an app without accounts knows: the page and the server."""
    return f"the Prepare page on {socket.gethostname()}:{st.get_option('server.port')}"
