"""Cached access to bundles and to what is rendered from them, keyed on their inputs.

Every key includes the bundle's fingerprint (its files' mtimes and sizes), so editing a file
shows at once. Plain `functools.lru_cache` is used rather than `st.cache_data`: the keys are
a few short strings and tuples, and Streamlit's argument hashing and result copying cost more
per rerun than the whole lookup. Cached values are immutable (frozen dataclasses, strings,
figures that are never mutated after building), so sharing them between sessions is safe.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path

from core.analysis import (
    Analysis,
    analyse,
    events_of,
    margins,
    question_links,
    quote_paragraph,
    source_label,
    teaser_notes,
)
from core.bundle import WATCHED_FILES, fingerprint, list_articles, load_bundle
from core.markup import (
    Highlighting,
    Margins,
    Places,
    actor_card_html,
    article_header_html,
    camps_html,
    event_card_html,
    glossary_html,
    handout_html,
    handout_markdown,
    notes_list_html,
    panel,
    presenter_html,
    questions_html,
    reader_html,
    section_heading,
    teaser_card_html,
    two_columns,
)
from core.model import Bundle
from core.problems import BundleError
from core.state import ViewState, href
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


@lru_cache(maxsize=64)
def _bundle_or_error(root: Path, slug: str, file_version: str) -> Bundle | BundleError:
    try:
        return load_bundle(root, slug)
    except BundleError as error:
        return error


def bundle(slug: str) -> Bundle:
    """The bundle of `slug` as its files are now; raises BundleError listing its problems."""
    loaded = _bundle_or_error(ARTICLES_ROOT, slug, version(slug))
    if isinstance(loaded, BundleError):
        # A fresh error each time: re-raising the cached one would grow its traceback.
        raise BundleError(loaded.slug, list(loaded.problems))
    return loaded


@lru_cache(maxsize=64)
def analysis(loaded: Bundle) -> Analysis:
    """Mentions and counts of a bundle, found once per bundle."""
    return analyse(loaded)


@lru_cache(maxsize=64)
def header(loaded: Bundle) -> str:
    """Title, dek, credits."""
    return panel(article_header_html(loaded))


@lru_cache(maxsize=512)
def reader_and_cards(
    loaded: Bundle, focus: tuple[str, ...], event_id: str | None, paragraph: int | None
) -> str:
    """The numbered paragraphs beside the cards, as one block of HTML."""
    how = Highlighting.for_bundle(loaded, focus)
    marked = quote_paragraph(loaded, loaded.event_by_id[event_id].evidence) if event_id else None
    found = analysis(loaded)
    text = reader_html(loaded, found.paragraph_spans, how, marked, paragraph, _margins(loaded))
    return panel(two_columns(text, _cards(loaded, focus, event_id)))


def _cards(loaded: Bundle, focus: tuple[str, ...], event_id: str | None) -> str:
    """The side column: the selected event, each focused actor, then the related news."""
    parts = [_event_card(loaded, event_id)] if event_id else []
    parts += [_actor_card(loaded, actor_id) for actor_id in focus]
    if loaded.teasers:
        how = Highlighting.for_bundle(loaded, focus)
        spans = analysis(loaded).teaser_spans
        parts.append(section_heading("Related news on the same page"))
        parts += [
            teaser_card_html(t, spans[t.id], how, teaser_notes(loaded, t)) for t in loaded.teasers
        ]
    return "".join(parts)


def _event_card(loaded: Bundle, event_id: str) -> str:
    event = loaded.event_by_id[event_id]
    actors = [loaded.actor_by_id[a] for a in event.actors if a in loaded.actor_by_id]
    paragraph = quote_paragraph(loaded, event.evidence)
    return event_card_html(event, actors, source_label(loaded, event), paragraph)


def _actor_card(loaded: Bundle, actor_id: str) -> str:
    actor = loaded.actor_by_id[actor_id]
    return actor_card_html(
        actor,
        loaded.group_by_id.get(actor.group),
        analysis(loaded).paragraphs_by_actor.get(actor_id, ()),
        events_of(loaded, {actor_id}),
    )


@lru_cache(maxsize=512)
def figure(loaded: Bundle, focus: frozenset[str], selected: str | None, year: int | None):
    """The timeline figure for this focus, selected event and year (shared: do not mutate)."""
    frame = events_frame(loaded.events, focus)
    return timeline_figure(frame, selected, year)


@lru_cache(maxsize=64)
def _margins(loaded: Bundle) -> Margins:
    return margins(loaded, analysis(loaded))


@lru_cache(maxsize=256)
def classroom_panel(loaded: Bundle, name: str, view: ViewState) -> str:
    """The camps, questions, glossary or notes panel as HTML.

    Paragraph links open the reader at that paragraph (the panel does not show the text),
    keeping the rest of `view`: focus, event and timeline year.
    """
    places = Places(
        partial(quote_paragraph, loaded),
        lambda number: href(replace(view, paragraph=number, panel="reader", present=False)),
    )
    if name == "camps":
        members = {g.id: [a for a in loaded.actors if a.group == g.id] for g in loaded.groups}
        return panel(camps_html(loaded, members, places))
    if name == "questions":
        return panel(questions_html(loaded, question_links(loaded), places))
    if name == "glossary":
        return panel(glossary_html(loaded))
    return panel(notes_list_html(loaded, places))


@lru_cache(maxsize=512)
def presenter(loaded: Bundle, number: int, focus: frozenset[str]) -> str:
    """Paragraph `number` in presenter type, with what belongs beside it."""
    found = analysis(loaded)
    spans = found.paragraph_spans[number - 1]
    events = [e for e in loaded.events if quote_paragraph(loaded, e.evidence) == number]
    how = Highlighting.for_bundle(loaded, focus)
    return panel(presenter_html(loaded, number, spans, how, _margins(loaded), events))


@lru_cache(maxsize=64)
def handout(loaded: Bundle) -> tuple[str, str]:
    """The printable handout as (HTML, Markdown)."""
    found = analysis(loaded)
    notes_by_teaser = {t.id: teaser_notes(loaded, t) for t in loaded.teasers}
    # On disk there is no app to open a view in: question links jump to the list below.
    anchors = {q.number: f"#rr-q-{q.number}" for q in loaded.questions}
    page = handout_html(
        loaded, found, margins(loaded, found, anchors),
        Places(partial(quote_paragraph, loaded)), notes_by_teaser,
    )  # fmt: skip
    return page, handout_markdown(loaded, dict(found.mention_counts))


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
