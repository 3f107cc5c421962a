"""Load and validate one article bundle from data/articles/<slug>/ into plain dataclasses."""

from __future__ import annotations

from pathlib import Path

from core import checks, classroom
from core.files import read_given, read_table, read_text, split_front_matter, split_paragraphs
from core.model import Bundle
from core.problems import BundleError, Problem
from core.text import fold_whitespace
from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTORS_FILE,
    ARTICLE_FILE,
    BUNDLE_FILES,
    CLASSROOM_FILES,
    EVENT_COLUMNS,
    EVENTS_FILE,
    GLOSSARY_FILE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    NOTES_FILE,
    QUESTIONS_FILE,
    REVIEW_COLUMN,
    SLUG_RULE,
    SOURCE_FILE,
    TEASER_COLUMNS,
    TEASERS_FILE,
    is_valid_slug,
)

# fingerprint() covers the optional teacher's files too, so editing them shows at once.
WATCHED_FILES = BUNDLE_FILES + CLASSROOM_FILES


def list_articles(root: Path) -> list[str]:
    """Slugs of the bundle folders under `root`, sorted; symlinks and odd names skipped."""
    if not root.is_dir():
        return []
    return sorted(
        path.name
        for path in root.iterdir()
        if path.is_dir() and not path.is_symlink() and is_valid_slug(path.name)
    )


def fingerprint(root: Path, slug: str) -> str:
    """Changes whenever a bundle file changes: a cache key that needs no file reads."""
    if not is_valid_slug(slug):
        return "invalid"
    stamps = []
    for name in WATCHED_FILES:
        try:
            info = (root / slug / name).stat()
            stamps.append(f"{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            stamps.append("-")
    return "|".join(stamps)


def load_bundle(root: Path, slug: str) -> Bundle:
    """Read and validate a bundle; raise BundleError listing every problem at once."""
    if not is_valid_slug(slug):
        expected = f"a folder name of {SLUG_RULE}"
        raise BundleError(str(slug), [Problem("URL", None, "article", str(slug), expected)])
    folder = root / slug
    if not folder.is_dir() or folder.is_symlink():
        expected = f"one of: {', '.join(list_articles(root)) or '(no articles)'}"
        raise BundleError(slug, [Problem(f"data/articles/{slug}", None, "article", slug, expected)])
    problems: list[Problem] = []
    texts = {name: read_text(root, folder, name, problems) for name in BUNDLE_FILES}
    texts.update(
        (name, read_text(root, folder, name, problems, optional=True)) for name in CLASSROOM_FILES
    )
    return _built_or_error(slug, texts, problems)


def load_bundle_files(slug: str, files: dict[str, bytes]) -> Bundle:
    """Validate a bundle held in memory (a draft, an uploaded zip) as `load_bundle` validates
    one on disk; raise BundleError listing every problem. Files of other names are ignored."""
    if not is_valid_slug(slug):
        expected = f"a name of {SLUG_RULE}"
        raise BundleError(str(slug), [Problem("bundle", None, "name", str(slug), expected)])
    problems: list[Problem] = []
    texts = {name: read_given(files, name, problems) for name in BUNDLE_FILES}
    texts.update(
        (name, read_given(files, name, problems, optional=True)) for name in CLASSROOM_FILES
    )
    return _built_or_error(slug, texts, problems)


def _built_or_error(slug: str, texts: dict[str, str | None], problems: list[Problem]) -> Bundle:
    bundle = _build(slug, texts, problems)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors or bundle is None:
        raise BundleError(slug, problems)
    return bundle


def _build(slug: str, texts: dict[str, str | None], problems: list[Problem]) -> Bundle | None:
    """Turn file texts into a Bundle, adding every problem found on the way."""
    meta, numbered = _article(texts[ARTICLE_FILE], problems)
    paragraphs = tuple(text for _, text in numbered)
    teasers = checks.teasers(_table(texts, TEASERS_FILE, TEASER_COLUMNS, problems), problems)
    checks.against_source(meta, numbered, teasers, texts[SOURCE_FILE], problems)
    searchable = checks.searchable_text(meta, paragraphs, teasers)
    group_rows = _table(texts, GROUPS_FILE, GROUP_COLUMNS, problems)
    groups = checks.groups(group_rows, searchable, problems)
    actor_rows = _table(texts, ACTORS_FILE, ACTOR_COLUMNS, problems)
    actors = checks.actors(actor_rows, groups, searchable, problems)
    event_rows = _table(texts, EVENTS_FILE, EVENT_COLUMNS, problems)
    events = checks.events(event_rows, actors, teasers, searchable, problems)
    known = {
        "paragraphs": set(range(1, len(paragraphs) + 1)),
        "actors": {actor.id for actor in actors},
        "events": {event.id for event in events},
    }
    questions = classroom.questions(texts[QUESTIONS_FILE], known, problems)
    glossary = classroom.glossary(texts[GLOSSARY_FILE], searchable, problems)
    notes = classroom.notes(texts[NOTES_FILE], searchable, problems)
    if meta is None:
        return None
    warnings = tuple(problem for problem in problems if problem.severity == "warning")
    return Bundle(
        slug,
        meta,
        paragraphs,
        groups,
        actors,
        events,
        teasers,
        questions,
        glossary,
        notes,
        warnings,
    )


def _table(texts, name: str, columns: tuple[str, ...], problems: list[Problem]):
    """Rows of one of the curated tables, each of which may carry a `review` column."""
    text = texts[name]
    return [] if text is None else read_table(text, name, columns, problems, (REVIEW_COLUMN,))


def _article(text: str | None, problems: list[Problem]):
    """Front matter and (line, paragraph) pairs of article.md."""
    if text is None:
        return None, ()
    front = split_front_matter(text, ARTICLE_FILE, problems)
    meta = checks.front_matter(front.fields, front.key_lines, problems)
    paragraphs = split_paragraphs(front.body, front.body_line)
    if not paragraphs:
        problems.append(
            Problem(ARTICLE_FILE, front.body_line, "body", "", "at least one paragraph")
        )
    return meta, [(line, fold_whitespace(text)) for line, text in paragraphs]
