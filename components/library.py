"""Bundles held in this browser session: prepared here, or opened from a bundle .zip.

In the `session` authoring mode (a hosted demo) a prepared article never touches the
server's disk: it stays in the teacher's session, the reader opens it at `?article=<slug>`
like any other (components/data.py looks here first), and it leaves as a .zip download.
Other sessions never see it. A few bundles at most are held, the oldest going first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import streamlit as st

HELD = "rr_held_bundles"
MAX_HELD = 5


# eq=False: compared and hashed by identity, so the bundle built from it is cached per
# object (one held object stands for one version of the files).
@dataclass(frozen=True, eq=False)
class Held:
    slug: str
    files: Mapping[str, bytes]


def _shelf() -> dict[str, Held]:
    return st.session_state.setdefault(HELD, {})


def slugs() -> list[str]:
    return list(st.session_state.get(HELD, {}))


def get(slug: str | None) -> Held | None:
    """The bundle this session holds under `slug`, if any."""
    return st.session_state.get(HELD, {}).get(slug) if slug else None


def hold(slug: str, files: Mapping[str, bytes]) -> None:
    """Keep a checked bundle for this session (replacing one of the same name)."""
    shelf = _shelf()
    shelf.pop(slug, None)
    shelf[slug] = Held(slug, MappingProxyType(dict(files)))
    while len(shelf) > MAX_HELD:
        shelf.pop(next(iter(shelf)))
