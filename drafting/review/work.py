"""The Work: the engine's draft of a page and the teacher's review of it, at one moment.

A Work is immutable: every edit makes a new one (the Prepare page keeps the latest in its
session, and a short history of earlier ones for undo). Rows keep the engine's shape (dicts
keyed by core.vocabulary's columns plus `review`); a row is a suggestion until the teacher
accepts or changes it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from core.checks import FRONT_MATTER
from core.vocabulary import MAX_ID_CHARS
from drafting.draft import Draft, redate
from drafting.names import slug as make_slug
from drafting.page import Block, Page
from drafting.review.steps import PARAGRAPHS, step

# Words a name in the address should not end on ('…-relationship-with').
_TRAILING_SMALL_WORDS = re.compile(
    r"(?:-(?:a|an|and|as|at|but|by|for|from|in|into|is|its|of|on|or|s|the|to|with))+$"
)


@dataclass(frozen=True, eq=False)
class Work:
    """The engine's draft under review.

    `roles` are the teacher's choice for each of `blocks` (article, teaser or drop);
    `drafted_roles` the roles the draft's rows were found from, so a change of paragraphs
    can be drafted again. `removed` holds what the teacher removed (an actor's names, an
    event's quote and date phrase, folded), so drafting again does not bring it back.
    `questions` and `glossary` are the teacher's discussion questions and terms (rows, see
    drafting/review/questions.py); `extra_files` carries a bundle's reader's notes through
    an import untouched. Compared by identity: caches keyed on a Work cost nothing to look up.
    """

    draft: Draft
    blocks: tuple[Block, ...]
    roles: tuple[str, ...]
    drafted_roles: tuple[str, ...]
    source_name: str = ""
    slug: str = ""
    step: str = PARAGRAPHS
    published_as: str = ""
    extra_files: Mapping[str, bytes] = field(default_factory=dict)
    questions: tuple[dict, ...] = ()
    glossary: tuple[dict, ...] = ()
    removed: frozenset[str] = frozenset()

    @property
    def title(self) -> str:
        return self.draft.meta.get("title", "")

    @property
    def needs_redraft(self) -> bool:
        """The teacher changed which blocks are the article or its teasers."""
        return self.roles != self.drafted_roles


def begin(page: Page, draft: Draft, source_name: str = "") -> Work:
    """A fresh review of the engine's draft of `page`, at the paragraphs step."""
    roles = tuple(block.role for block in page.blocks)
    return Work(draft, page.blocks, roles, roles, source_name)


def replace_draft(work: Work, **changes) -> Work:
    """`work` with some of its draft's parts replaced."""
    return dataclasses.replace(work, draft=dataclasses.replace(work.draft, **changes))


def at_step(work: Work, key: str) -> Work:
    """`work` shown at step `key` (a key that names no step leaves it where it is)."""
    try:
        return dataclasses.replace(work, step=step(key).key)
    except KeyError:
        return work


def with_meta(work: Work, key: str, value: str) -> Work:
    """Change one front matter field (the publication date goes through `with_published`)."""
    if key not in FRONT_MATTER or key in ("published", "draft"):
        return work
    return replace_draft(work, meta=MappingProxyType({**work.draft.meta, key: value.strip()}))


def with_published(work: Work, value: str) -> tuple[Work, int]:
    """A new publication date; relative dates are read again. Returns (work, events moved).

    Raises DraftError with a one-line reason for a date that is not YYYY, YYYY-MM or
    YYYY-MM-DD. Events whose dates the teacher typed keep them.
    """
    draft, moved = redate(work.draft, value)
    return dataclasses.replace(work, draft=draft), moved


def with_slug(work: Work, slug: str) -> Work:
    """The name the bundle will be published under (checked when it is published)."""
    return dataclasses.replace(work, slug=slug.strip().lower())


def published(work: Work, slug: str) -> Work:
    """Remember where the article was published (the drafts list says so)."""
    return dataclasses.replace(work, slug=slug, published_as=slug)


_ARTICLE_SLUG_CHARS = MAX_ID_CHARS - 4  # room for '-2' when the name is taken


def default_slug(work: Work) -> str:
    """A bundle name from the title: its words (a title of up to about 60 characters whole,
    as the address should say it), lowercase, joined by hyphens, never ending on a small word
    such as 'with' or 'the'."""
    whole = make_slug(work.title, set(), "article", limit=_ARTICLE_SLUG_CHARS)
    return _TRAILING_SMALL_WORDS.sub("", whole) or whole


def preview_name(work: Work) -> str:
    """The name the article is checked and published under."""
    return work.slug or default_slug(work)
