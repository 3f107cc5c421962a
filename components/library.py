"""Bundles held in this browser session: prepared here, or opened from a bundle .zip.

In the `session` authoring mode (a hosted demo) a prepared article never touches the
server's disk: it stays in the teacher's session, the reader opens it at `?article=<slug>`
like any other (components/data.py looks here first), and it leaves as a .zip download.
Other sessions never see it.

What is held is bounded by bytes: a session holds a few bundles of at most
`MAX_SESSION_BYTES` together (the oldest going first), and the whole server at most
`MAX_SERVER_BYTES` (READING_ROOM_HELD_MB) across sessions, past which a new one is refused
until other sessions end. An uploaded zip is unpacked and checked in a worker process of the
server (core/jobs.py), never in the server itself.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import streamlit as st

from components import session
from core import jobs, page
from core.archive import check_zip_job
from core.markup.escaping import markdown_label
from core.state import ViewState
from core.text import plural

HELD = "rr_held_bundles"
MAX_HELD = 5
MAX_SESSION_BYTES = 24 * 1024 * 1024
MAX_SERVER_BYTES = int(os.environ.get("READING_ROOM_HELD_MB") or 256) * 1024 * 1024


# eq=False: compared and hashed by identity, so the bundle built from it is cached per
# object (one held object stands for one version of the files).
@dataclass(frozen=True, eq=False)
class Held:
    slug: str
    files: Mapping[str, bytes]

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


class HoldRefused(Exception):
    """A bundle this server cannot hold now; str() is one line for a person."""


# Every bundle held by any session of this server; one leaves when its session ends.
_EVERY_HELD: weakref.WeakSet[Held] = weakref.WeakSet()
_EVERY_HELD_LOCK = threading.Lock()


def _shelf() -> dict[str, Held]:
    return st.session_state.setdefault(HELD, {})


def slugs() -> list[str]:
    return list(st.session_state.get(HELD, {}))


def get(slug: str | None) -> Held | None:
    """The bundle this session holds under `slug`, if any."""
    return st.session_state.get(HELD, {}).get(slug) if slug else None


def hold(slug: str, files: Mapping[str, bytes]) -> None:
    """Keep a checked bundle for this session (replacing one of the same name); the session's
    oldest go first past MAX_HELD bundles or MAX_SESSION_BYTES. Raises HoldRefused when the
    bundle is larger than a session may hold, or the server holds all it may."""
    held = Held(slug, MappingProxyType(dict(files)))
    if held.size > MAX_SESSION_BYTES:
        raise HoldRefused(
            f"{slug} is {held.size / 2**20:.1f} MB; a bundle opened here can be "
            f"{MAX_SESSION_BYTES // 2**20} MB at most."
        )
    with _EVERY_HELD_LOCK:
        if sum(other.size for other in _EVERY_HELD) + held.size > MAX_SERVER_BYTES:
            raise HoldRefused(
                "This server holds as many opened bundles as it can just now; "
                "try again in a few minutes."
            )
        _EVERY_HELD.add(held)
    shelf = _shelf()
    shelf.pop(slug, None)
    while shelf and (len(shelf) >= MAX_HELD or _bytes(shelf) + held.size > MAX_SESSION_BYTES):
        shelf.pop(next(iter(shelf)))
    shelf[slug] = held


def _bytes(shelf: dict[str, Held]) -> int:
    return sum(held.size for held in shelf.values())


OPENED = "rr_opened_zip"  # what opening the last zip did, shown under the control


def open_zip_control(container) -> None:
    """'Open a bundle (.zip)': a checked bundle is held and shown; a broken one is reported
    and nothing is kept."""
    container.file_uploader(
        "Open a bundle (.zip)",
        type=["zip"],
        key="open-bundle-zip",
        on_change=_on_zip,
        help="A bundle downloaded from the Prepare page or the Handout & data panel.",
    )
    said = st.session_state.get(OPENED)
    if said:
        kind, text, slug, problems = said
        getattr(container, kind)(markdown_label(text))
        if problems:
            container.html(page.problems(slug, problems, blocking=kind == "error"))


def _on_zip() -> None:
    uploaded = st.session_state.get("open-bundle-zip")
    if uploaded is None:
        st.session_state.pop(OPENED, None)
        return
    try:
        unpacked, bundle, problems = jobs.pool().run(
            check_zip_job, uploaded.getvalue(), what="bundle"
        )
    except jobs.JobFailed as error:
        st.session_state[OPENED] = ("error", str(error), "", ())
        return
    if bundle is None:
        text = f"{unpacked.slug} has {plural(len(problems), 'problem')}; nothing was kept."
        st.session_state[OPENED] = ("error", text, unpacked.slug, problems)
        return
    try:
        hold(unpacked.slug, unpacked.files)
    except HoldRefused as error:
        st.session_state[OPENED] = ("error", str(error), unpacked.slug, ())
        return
    session.set_view(ViewState(article=unpacked.slug))
    ignored = f" Left out: {', '.join(unpacked.ignored)}." if unpacked.ignored else ""
    text = f"Opened {unpacked.slug} (in this browser session only).{ignored}"
    st.session_state[OPENED] = ("success", text, unpacked.slug, problems)
