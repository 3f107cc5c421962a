"""A bundle as a .zip: written for download, and read back from an upload that is trusted in
nothing.

`bundle_zip(files, slug)` gives the bundle folder as a zip of `<slug>/<name>` entries (the same
bytes for the same files, so a download can be cached and compared). `read_bundle_zip(data)`
unpacks an uploaded one into memory, never onto disk, and refuses, with one line naming what
was wrong: data that is not a zip (by its content, whatever its name), more than 5 MB, paths
that climb out (`..`, absolute, `C:\\`, backslashes), links, encrypted entries, more than 50
entries, more than 20 MB unpacked (counted while reading: a zip bomb's declared sizes lie),
files deeper than `<slug>/<name>`, no bundle, or more than one bundle folder. Files a bundle
does not have are left unread and listed. `check_bundle_zip(data)` then runs the validator on
what was unpacked, so a caller can show its report before anything is kept.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from core.bundle import load_bundle_files
from core.model import Bundle
from core.problems import BundleError, Problem
from core.vocabulary import (
    BUNDLE_FILES,
    CLASSROOM_FILES,
    ORIGINAL_PAGE_FILE,
    SLUG_RULE,
    is_valid_slug,
)

MAX_ZIP_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 50
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# What a bundle folder holds; anything else in an uploaded zip is ignored and listed.
ARCHIVED_FILES = (*BUNDLE_FILES, *CLASSROOM_FILES, ORIGINAL_PAGE_FILE)
# Folders and files that archivers add on their own (macOS Finder, Windows Explorer).
_ARCHIVER_LITTER = re.compile(r"(^|/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(/|$)")
# A zip starts with a local file header, or with the end record when it is empty.
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")
# A fixed time for every entry, so the same files always give the same zip.
_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)
_CHUNK = 64 * 1024
# What zipfile and zlib raise on a damaged or unreadable archive.
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError)


class ArchiveError(Exception):
    """A zip that cannot be taken as a bundle; its str is one line for a person."""


@dataclass(frozen=True)
class UnpackedBundle:
    """A bundle read from a zip: its folder's name, its files by name, and the zip entries
    that were left unread because a bundle has no such file."""

    slug: str
    files: dict[str, bytes]
    ignored: tuple[str, ...] = ()


def bundle_zip(files: dict[str, bytes], slug: str) -> bytes:
    """The bundle folder `<slug>/` holding `files` (name -> bytes), as a zip archive."""
    if not is_valid_slug(slug):
        raise ArchiveError(f"Invalid bundle name {slug!r}: use {SLUG_RULE}.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if "/" in name or "\\" in name or name in ("", ".", ".."):
                raise ArchiveError(f"Refused file name {name!r} in a bundle.")
            entry = zipfile.ZipInfo(f"{slug}/{name}", date_time=_ENTRY_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(entry, content)
    return buffer.getvalue()


def read_bundle_zip(data: bytes) -> UnpackedBundle:
    """Unpack an uploaded bundle zip in memory; raise ArchiveError saying what is wrong."""
    if len(data) > MAX_ZIP_BYTES:
        raise ArchiveError(
            f"The zip is {len(data) / 2**20:.1f} MB; a bundle zip can be "
            f"{MAX_ZIP_BYTES // 2**20} MB at most."
        )
    if not data.startswith(_ZIP_STARTS):
        raise ArchiveError(f"This file is not a zip archive ({_what_it_is(data)}).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_entries(entries)
            slug, wanted, ignored = _layout(entries)
            files = _read(archive, wanted)
    except ArchiveError:
        raise
    except NotImplementedError as error:
        raise ArchiveError(f"The zip uses a compression this app cannot read ({error}).") from None
    except _BROKEN as error:
        raise ArchiveError(f"The zip is damaged and cannot be read ({_reason(error)}).") from None
    return UnpackedBundle(slug, files, ignored)


def check_bundle_zip(data: bytes) -> tuple[UnpackedBundle, Bundle | None, tuple[Problem, ...]]:
    """Unpack a bundle zip and run the validator on it, keeping nothing.

    Returns the unpacked files, the bundle (None when it has errors) and the validator's
    problems (its warnings when it opens). Raises ArchiveError when the zip itself is refused.
    """
    unpacked = read_bundle_zip(data)
    try:
        bundle = load_bundle_files(unpacked.slug, unpacked.files)
    except BundleError as error:
        return unpacked, None, error.problems
    return unpacked, bundle, bundle.warnings


def check_zip_job(data: bytes, progress):
    """`check_bundle_zip` as a job of the server's workers (core/jobs.py): an uploaded zip is
    checked there, never in the server process itself."""
    from core.jobs import JobRefused

    progress("reading", f"a bundle .zip of {len(data) / 1024:.0f} KB")
    try:
        return check_bundle_zip(data)
    except ArchiveError as error:
        raise JobRefused(str(error)) from None


def _what_it_is(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if not head:
        return "it is empty"
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return "it is a web page"
    if b"\x00" in data[:4096]:
        return "it is binary data of another kind"
    return "it is text"


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse too many entries, paths that leave the folder, links, encryption, bombs."""
    if len(entries) > MAX_ENTRIES:
        raise ArchiveError(
            f"The zip holds {len(entries)} entries; a bundle zip holds at most {MAX_ENTRIES}."
        )
    seen: set[str] = set()
    for entry in entries:
        name = entry.filename
        _check_path(name)
        if name in seen:
            raise ArchiveError(f"The zip holds {name!r} twice.")
        seen.add(name)
        kind = stat.S_IFMT(entry.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise ArchiveError(f"The zip holds a link, {name!r}; a bundle zip holds only files.")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ArchiveError(f"The zip holds {name!r}, which is not a regular file.")
        if entry.flag_bits & 0x1:
            raise ArchiveError(
                f"The zip's entry {name!r} is encrypted; export the bundle without a password."
            )
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_UNPACKED_BYTES:
        raise ArchiveError(_too_big(declared))


def _check_path(name: str) -> None:
    """A relative path with forward slashes that stays inside the zip's folder."""
    shown = name[:120]
    if "\\" in name:
        raise ArchiveError(f"The zip holds a path with a backslash, {shown!r}; refused.")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise ArchiveError(f"The zip holds an absolute path, {shown!r}; refused.")
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        raise ArchiveError(f"The zip holds a path that climbs out with '..', {shown!r}; refused.")
    if any(part in ("", ".") for part in parts) or any(ord(c) < 32 for c in name):
        raise ArchiveError(f"The zip holds a malformed path, {shown!r}; refused.")


def _layout(entries: list[zipfile.ZipInfo]) -> tuple[str, list[zipfile.ZipInfo], tuple[str, ...]]:
    """The bundle folder's name, the entries to read from it, and the entries ignored."""
    kept = [e for e in entries if not _ARCHIVER_LITTER.search(e.filename)]
    files = [e for e in kept if not e.is_dir()]
    litter = [e.filename for e in entries if e not in kept and not e.is_dir()]
    nested = [e.filename for e in kept if e.filename.rstrip("/").count("/") > 1]
    if nested:
        raise ArchiveError(
            f"The zip holds {nested[0]!r}, deeper than <folder>/<file>: a bundle zip holds one "
            "folder with the bundle's files directly inside it."
        )
    folders = sorted({e.filename.split("/")[0] for e in kept if "/" in e.filename})
    loose = [e.filename for e in files if "/" not in e.filename]
    if len(folders) > 1:
        raise ArchiveError(
            f"The zip holds more than one folder ({', '.join(folders[:5])}): "
            "a bundle zip holds one bundle folder."
        )
    if not folders:
        where = " at its top level, not in a folder" if set(loose) & set(ARCHIVED_FILES) else ""
        raise ArchiveError(
            f"There is no bundle in this zip{where}: expected a folder named after the article "
            "holding article.md, actors.csv and the other bundle files."
        )
    slug = folders[0]
    if not is_valid_slug(slug):
        raise ArchiveError(
            f"The zip's folder is named {slug[:80]!r}; a bundle folder's name is {SLUG_RULE}: "
            "rename it and zip it again."
        )
    wanted = [e for e in files if e.filename.partition("/")[2] in ARCHIVED_FILES]
    if not wanted:
        raise ArchiveError(
            f"There is no bundle in this zip: the folder {slug!r} holds none of the bundle's "
            f"files ({', '.join(BUNDLE_FILES)})."
        )
    ignored = tuple(sorted([*litter, *(e.filename for e in files if e not in wanted)]))
    return slug, wanted, ignored


def _read(archive: zipfile.ZipFile, wanted: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Read the wanted entries, counting the bytes that come out, not the sizes declared."""
    files, budget = {}, MAX_UNPACKED_BYTES
    for entry in wanted:
        chunks = []
        with archive.open(entry) as handle:
            while chunk := handle.read(min(_CHUNK, budget + 1)):
                budget -= len(chunk)
                if budget < 0:
                    raise ArchiveError(_too_big())
                chunks.append(chunk)
        files[entry.filename.partition("/")[2]] = b"".join(chunks)
    return files


def _too_big(declared: int | None = None) -> str:
    """The message for a zip too big unpacked, by its declared sizes or by what was read."""
    cap = MAX_UNPACKED_BYTES // 2**20
    amount = f"{declared / 2**20:.1f} MB" if declared else f"more than {cap} MB"
    return f"The zip unpacks to {amount}; a bundle can be {cap} MB unpacked at most."
