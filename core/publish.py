"""Putting a bundle in place on disk: atomically, checked, and never losing the one it replaces.

`write_bundle(files, into, slug)` writes the files to a hidden staging folder next to the
target, checks them there with the validator, then renames the folder into place, so a reader
never sees a half-written bundle and a crash leaves at most a staging folder behind. An
existing bundle is replaced only when asked, and then kept in `<into>/.backups/<slug>-<time>/`
(a name the reader never lists). Used by the drafting command and the Prepare page.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from core.bundle import load_bundle
from core.problems import BundleError
from core.vocabulary import is_valid_id

BACKUPS_FOLDER = ".backups"


class PublishError(Exception):
    """A bundle that could not be put in place; its str is one line for a person."""


def write_bundle(files: dict[str, bytes], into: Path, slug: str, replace: bool = False) -> Path:
    """Write a bundle folder `<into>/<slug>/` atomically; it must pass the validator."""
    if not is_valid_id(slug):
        raise PublishError(
            f"Invalid name {slug!r}: use lowercase letters, digits and single hyphens, "
            "e.g. 'iran-russia'."
        )
    into = Path(into)
    target = into / slug
    if (target.exists() or target.is_symlink()) and not replace:
        raise PublishError(
            f"{target} already exists: choose another name, or replace it "
            "(the old one is then kept as a backup)."
        )
    try:
        into.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{slug}-", dir=into))
    except OSError as error:
        raise PublishError(f"Cannot write into {into}: {error.strerror or error}") from None
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
                raise PublishError(f"Refused file name {name!r} in a bundle.")
            with open(folder / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as error:
        raise PublishError(f"Cannot write the bundle: {error.strerror or error}") from None


def _validate(root: Path, slug: str) -> None:
    try:
        load_bundle(root, slug)
    except BundleError as error:
        problems = [p for p in error.problems if p.severity == "error"]
        first = str(problems[0]) if problems else str(error)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PublishError(f"The bundle does not pass the bundle check: {first}{more}") from None


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
            raise PublishError(f"{target} already exists: choose another name.") from None
        raise PublishError(f"Cannot put the bundle in place: {error.strerror or error}") from None
