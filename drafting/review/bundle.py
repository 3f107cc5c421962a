"""The Work as a bundle, and a bundle as a Work again.

`files(work)` is the bundle the reader opens; `from_bundle` reopens a checked bundle (an
uploaded zip, a published article) for review, its rows read off the bundle by the
vocabulary's columns (core/rows.py), so no field is lost on the way.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from core.bundle import load_bundle_files
from core.model import Bundle
from core.problems import BundleError
from core.rows import front_matter, table_rows
from core.vocabulary import (
    GLOSSARY_FILE,
    NOTES_FILE,
    ORIGINAL_PAGE_FILE,
    QUESTIONS_FILE,
    SOURCE_FILE,
)
from drafting import bundle_files as bundle_writer
from drafting.draft import Draft
from drafting.page import ARTICLE, TEASER, Block
from drafting.review.questions import glossary_file, glossary_rows, question_rows, questions_file
from drafting.review.work import Work, preview_name

# Teacher's files a Work carries through untouched (the others it edits itself).
CARRIED_FILES = (NOTES_FILE,)


def files(work: Work) -> dict[str, bytes]:
    """The bundle's files: the article reviewed (no draft flag), rows as the teacher left
    them (unaccepted ones still marked suggested), the questions and glossary, and any
    reader's notes it came with."""
    written = {**bundle_writer.bundle_files(work.draft, reviewed=True)}
    for name, data in (
        (QUESTIONS_FILE, questions_file(work)),
        (GLOSSARY_FILE, glossary_file(work)),
    ):
        if data is not None:
            written[name] = data
    written.update((k, v) for k, v in work.extra_files.items() if k in CARRIED_FILES)
    return written


def checked(work: Work) -> Bundle | BundleError:
    """The bundle as the reader will open it, or every problem the validator finds."""
    try:
        return load_bundle_files(preview_name(work), files(work))
    except BundleError as error:
        return error


def from_bundle(bundle: Bundle, bundle_files: Mapping[str, bytes]) -> Work:
    """A checked bundle (an uploaded zip, a published article) opened for review again.

    Its paragraphs and teasers become the blocks, every row keeps its review state, its
    questions and glossary can be edited, and its reader's notes are carried through
    unchanged. Its dates are as written: a new publication date moves none of them.
    """
    front = {k: v for k, v in front_matter(bundle.meta).items() if k != "draft"}
    rows = table_rows(bundle)
    draft = Draft(
        MappingProxyType(front),
        bundle.paragraphs,
        rows["teasers"],
        rows["actors"],
        rows["events"],
        rows["groups"],
        source_text=bundle_files.get(SOURCE_FILE, b"").decode("utf-8", "replace"),
        original_html=_text_or_none(bundle_files.get(ORIGINAL_PAGE_FILE)),
    )
    blocks = _blocks(bundle)
    roles = tuple(block.role for block in blocks)
    carried = {name: bundle_files[name] for name in CARRIED_FILES if name in bundle_files}
    return Work(
        draft,
        blocks,
        roles,
        roles,
        f"{bundle.slug}.zip",
        slug=bundle.slug,
        extra_files=MappingProxyType(carried),
        questions=question_rows(bundle.questions),
        glossary=glossary_rows(bundle.glossary),
    )


def _blocks(bundle: Bundle) -> tuple[Block, ...]:
    """The article's paragraphs, then each teaser's parts, as the page's blocks."""
    blocks = [Block(p, ARTICLE, "article paragraph") for p in bundle.paragraphs]
    for number, teaser in enumerate(bundle.teasers, 1):
        parts = [("kicker", teaser.kicker), ("title", teaser.title)]
        parts += [("summary", p) for p in teaser.paragraphs]
        if teaser.image_caption or teaser.image_credit:
            caption = " ".join(p for p in (teaser.image_caption, teaser.image_credit) if p)
            parts.append(("image_caption", caption))
        blocks += [
            Block(text, TEASER, "related news", number, part) for part, text in parts if text
        ]
    return tuple(blocks)


def _text_or_none(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "replace")
