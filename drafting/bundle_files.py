"""A draft as bundle files: `bundle_files(draft)` gives the bytes of every file.

Writing them into place is the core's `core.publish.write_bundle` (atomic, checked, with a
backup of any bundle it replaces), re-exported here for the command.
"""

from __future__ import annotations

import yaml

from core.checks import FRONT_MATTER
from core.publish import BACKUPS_FOLDER, PublishError, write_bundle
from core.rows import table_csv
from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTORS_FILE,
    ARTICLE_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    ORIGINAL_PAGE_FILE,
    SOURCE_FILE,
    TEASER_COLUMNS,
    TEASERS_FILE,
)
from drafting.draft import Draft, formula_safe
from drafting.page import META_KEYS

__all__ = ["BACKUPS_FOLDER", "PublishError", "bundle_files", "write_bundle"]


def bundle_files(draft: Draft, *, reviewed: bool = False) -> dict[str, bytes]:
    """Every file of the drafted bundle by name; events still waiting for a date left out.

    `reviewed`: a person has been through the article (the Prepare page), so its front
    matter no longer says `draft: true`; rows keep their own review state.
    """
    files = {
        ARTICLE_FILE: _article(draft, reviewed).encode("utf-8"),
        SOURCE_FILE: _source_text(draft.source_text).encode("utf-8"),
        GROUPS_FILE: _csv(GROUP_COLUMNS, draft.groups),
        ACTORS_FILE: _csv(ACTOR_COLUMNS, draft.actors),
        EVENTS_FILE: _csv(EVENT_COLUMNS, [row for row in draft.events if row["start"]]),
        TEASERS_FILE: _csv(TEASER_COLUMNS, draft.teasers),
    }
    if draft.original_html is not None:
        files[ORIGINAL_PAGE_FILE] = draft.original_html.encode("utf-8")
    return files


def _article(draft: Draft, reviewed: bool = False) -> str:
    # The engine's keys first, then any other front matter a reopened bundle carries.
    keys = (*META_KEYS, *(key for key in FRONT_MATTER if key not in META_KEYS and key != "draft"))
    front = {key: _one_line(draft.meta.get(key, "")) for key in keys}
    front = {key: value for key, value in front.items() if value}
    if not reviewed:
        front["draft"] = "true"
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10**9)
    body = "\n\n".join(_one_line(paragraph) for paragraph in draft.paragraphs)
    return f"---\n{yaml_text}---\n{body}\n"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _source_text(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _csv(columns: tuple[str, ...], rows) -> bytes:
    """A table with a `review` column; every cell formula-safe (OWASP CSV injection)."""
    return table_csv(columns, rows, formula_safe)
