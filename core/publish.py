"""Putting a bundle in place on disk: atomically, checked, and never losing the one it replaces.

`write_bundle(files, into, slug)` writes the files to a hidden staging folder next to the
target (each file flushed to disk), checks them there with the validator, then renames the
folder into place, so a reader never sees a half-written bundle. An existing bundle is
replaced only when asked, and then kept in `<into>/.backups/<slug>-<time>/` (a name the reader
never lists). Used by the drafting command and the Prepare page.

Replacing swaps the two folders in one step (`renameat2(RENAME_EXCHANGE)` on Linux,
`renamex_np(RENAME_SWAP)` on macOS), so that even a process killed at any moment leaves the
old or the new bundle whole in place, never neither; the old one then moves to the backups.
Where the system has no such swap (Windows), the old folder is renamed away and the new one
renamed in, and any failure between the two puts the old one back. A crash can leave a hidden
`.staging-<slug>-*` folder behind (after a swap it holds the previous version); the reader
never lists it, and it can be deleted by hand.

Two publishers of one new slug at the same moment: the rename succeeds for exactly one; the
other is told that the name is taken. Two replacing at once: each swap is whole, the later
wins, and every earlier version is kept as a backup.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from core.bundle import load_bundle
from core.problems import BundleError
from core.vocabulary import SLUG_RULE, is_valid_slug

BACKUPS_FOLDER = ".backups"
STAGING_PREFIX = ".staging-"
_TAKEN = (errno.EEXIST, errno.ENOTEMPTY)


class PublishError(Exception):
    """A bundle that could not be put in place; its str is one line for a person."""


def write_bundle(files: dict[str, bytes], into: Path, slug: str, replace: bool = False) -> Path:
    """Write a bundle folder `<into>/<slug>/` atomically; it must pass the validator."""
    if not is_valid_slug(slug):
        raise PublishError(f"Invalid name {slug!r}: use {SLUG_RULE}.")
    into = Path(into)
    target = into / slug
    if _exists(target) and not replace:
        raise PublishError(_taken(target))
    try:
        into.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{slug}-", dir=into))
    except OSError as error:
        raise PublishError(f"Cannot write into the articles folder: {_reason(error)}") from None
    staged = staging / slug
    holds_previous = False  # True while the staging folder may hold the old bundle
    try:
        _stage(files, staged)
        _validate(staging, slug)
        if not (replace and _exists(target)):
            _rename_new(staged, target)
        elif swap_folders(staged, target):
            holds_previous = True
            try:
                _into_backups(staged, into, slug)
            except BaseException:
                # Not backed up yet: the old one goes back in place.
                holds_previous = _exists(staged) and not swap_folders(staged, target)
                raise
            holds_previous = False
        else:
            _replace_by_renames(staged, target, into, slug)
    finally:
        if not holds_previous:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _taken(target: Path) -> str:
    # The folder's name only: the Prepare page shows this to visitors, and the server's own
    # paths are none of their business.
    return (
        f"An article named {target.name} already exists: choose another name, or replace it "
        "(the old one is then kept as a backup)."
    )


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or type(error).__name__  # str(error) would name the path


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
        raise PublishError(
            f"Cannot write the bundle: {_reason(error)}; nothing was changed."
        ) from None


def _validate(root: Path, slug: str) -> None:
    try:
        load_bundle(root, slug)
    except BundleError as error:
        problems = [p for p in error.problems if p.severity == "error"]
        first = str(problems[0]) if problems else str(error)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PublishError(f"The bundle does not pass the bundle check: {first}{more}") from None


def _rename_new(staged: Path, target: Path) -> None:
    """Rename into a place that was free: fails, rather than merges, if it was just taken."""
    try:
        os.rename(staged, target)
    except OSError as error:
        if error.errno in _TAKEN or _exists(target):
            raise PublishError(_taken(target)) from None
        raise PublishError(f"Cannot put the bundle in place: {_reason(error)}") from None


def _into_backups(folder: Path, into: Path, slug: str) -> Path:
    """Move `folder` to a new `<into>/.backups/<slug>-<time>`; returns where it went."""
    backups = into / BACKUPS_FOLDER
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    try:
        backups.mkdir(exist_ok=True)
        for attempt in range(100):  # two publishers in the same microsecond
            backup = backups / (f"{slug}-{stamp}" + (f"-{attempt}" if attempt else ""))
            try:
                os.rename(folder, backup)
                return backup
            except OSError as error:
                if error.errno not in _TAKEN:
                    raise
        raise FileExistsError(errno.EEXIST, "too many backups of this moment")
    except OSError as error:
        raise PublishError(
            f"Cannot keep a backup of the previous version: {_reason(error)}; nothing was changed."
        ) from None


def _replace_by_renames(staged: Path, target: Path, into: Path, slug: str) -> None:
    """Without an atomic swap: the old bundle to the backups, then the new one in its place;
    if the second step fails, the old one is put back."""
    backup = _into_backups(target, into, slug)
    try:
        os.rename(staged, target)
    except BaseException as error:
        os.rename(backup, target)
        if isinstance(error, OSError):
            raise PublishError(f"Cannot put the bundle in place: {_reason(error)}") from None
        raise


# --- swapping two folders in one step ---------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux, <linux/fs.h>
_RENAME_SWAP = 2  # macOS, <stdio.h>
_NO_SWAP = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV)


def _libc_swap():
    """The C library's atomic swap of two paths, or None where there is none."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        call = libc.renameat2
        return lambda a, b: call(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        call = libc.renamex_np
        return lambda a, b: call(a, b, _RENAME_SWAP)
    return None


_SWAP = _libc_swap()


def swap_folders(first: Path, second: Path) -> bool:
    """Exchange two existing folders in one step; False where the system cannot (then
    nothing moved). Raises PublishError for any other failure."""
    if _SWAP is None:
        return False
    if _SWAP(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_SWAP:
        return False
    raise PublishError(f"Cannot put the bundle in place: {os.strerror(code)}")
