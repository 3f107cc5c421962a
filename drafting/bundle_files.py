"""A draft as bundle files, and writing them into place atomically.

`bundle_files(draft)` gives the bytes of every file; `write_bundle(files, into, slug)` writes
them to a hidden staging folder next to the target, checks them with the project's validator
there, then renames the folder into place. An existing bundle is never overwritten unless
`replace=True`, and then it is kept in `<into>/.backups/<slug>-<timestamp>/` (a name the
reader never lists).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from core.bundle import load_bundle
from core.problems import BundleError
from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTORS_FILE,
    ARTICLE_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    ORIGINAL_PAGE_FILE,
    REVIEW_COLUMN,
    SOURCE_FILE,
    TEASER_COLUMNS,
    TEASERS_FILE,
    is_valid_id,
)
from drafting.draft import Draft, formula_safe
from drafting.page import META_KEYS
from drafting.source import DraftError

BACKUPS_FOLDER = ".backups"


def bundle_files(draft: Draft) -> dict[str, bytes]:
    """Every file of the drafted bundle by name; events still waiting for a date left out."""
    files = {
        ARTICLE_FILE: _article(draft).encode("utf-8"),
        SOURCE_FILE: _source_text(draft.source_text).encode("utf-8"),
        GROUPS_FILE: _csv(GROUP_COLUMNS, draft.groups),
        ACTORS_FILE: _csv(ACTOR_COLUMNS, draft.actors),
        EVENTS_FILE: _csv(EVENT_COLUMNS, [row for row in draft.events if row["start"]]),
        TEASERS_FILE: _csv(TEASER_COLUMNS, draft.teasers),
    }
    if draft.original_html is not None:
        files[ORIGINAL_PAGE_FILE] = draft.original_html.encode("utf-8")
    return files


def _article(draft: Draft) -> str:
    front = {key: _one_line(draft.meta.get(key, "")) for key in META_KEYS}
    front = {key: value for key, value in front.items() if value}
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = (*columns, REVIEW_COLUMN)
    writer.writerow(header)
    for row in rows:
        writer.writerow([formula_safe(str(row.get(column, "") or "")) for column in header])
    return out.getvalue().encode("utf-8")


def write_bundle(files: dict[str, bytes], into: Path, slug: str, replace: bool = False) -> Path:
    """Write a bundle folder `<into>/<slug>/` atomically; it must pass the validator."""
    if not is_valid_id(slug):
        raise DraftError(
            f"Invalid name {slug!r}: use lowercase letters, digits and single hyphens, "
            "e.g. 'iran-russia'."
        )
    into = Path(into)
    target = into / slug
    if (target.exists() or target.is_symlink()) and not replace:
        raise DraftError(
            f"{target} already exists: choose another name, or replace it "
            "(REPLACE=1 / --replace keeps the old one as a backup)."
        )
    try:
        into.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{slug}-", dir=into))
    except OSError as error:
        raise DraftError(f"Cannot write into {into}: {error.strerror or error}") from None
    try:
        _stage(files, staging / slug)
        _validate(staging, slug)
        _move_into_place(staging / slug, target, into, slug, replace)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _stage(files: dict[str, bytes], folder: Path) -> None:
    try:
        folder.mkdir()
        for name, data in files.items():
            if Path(name).name != name or name.startswith("."):
                raise DraftError(f"Refused file name {name!r} in a bundle.")
            with open(folder / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as error:
        raise DraftError(f"Cannot write the draft: {error.strerror or error}") from None


def _validate(root: Path, slug: str) -> None:
    try:
        load_bundle(root, slug)
    except BundleError as error:
        problems = [p for p in error.problems if p.severity == "error"]
        first = str(problems[0]) if problems else str(error)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DraftError(f"The draft does not pass the bundle check: {first}{more}") from None


def _move_into_place(staged: Path, target: Path, into: Path, slug: str, replace: bool) -> None:
    """Rename the checked folder into place; an old bundle goes to .backups first."""
    backup = None
    try:
        if replace and (target.exists() or target.is_symlink()):
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
            backup = into / BACKUPS_FOLDER / f"{slug}-{stamp}"
            backup.parent.mkdir(exist_ok=True)
            os.rename(target, backup)
        os.rename(staged, target)
    except OSError as error:
        if backup is not None and backup.exists() and not target.exists():
            os.rename(backup, target)  # put the previous version back
        if target.exists() and not replace:
            raise DraftError(f"{target} already exists: choose another name.") from None
        raise DraftError(f"Cannot put the draft in place: {error.strerror or error}") from None
