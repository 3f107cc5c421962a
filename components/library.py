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

from components import session
from core import page
from core.archive import ArchiveError, check_bundle_zip
from core.markup.escaping import markdown_label
from core.state import ViewState

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
        unpacked, bundle, problems = check_bundle_zip(uploaded.getvalue())
    except ArchiveError as error:
        st.session_state[OPENED] = ("error", str(error), "", ())
        return
    if bundle is None:
        text = f"{unpacked.slug} has {len(problems)} problem(s); nothing was kept."
        st.session_state[OPENED] = ("error", text, unpacked.slug, problems)
        return
    hold(unpacked.slug, unpacked.files)
    session.set_view(ViewState(article=unpacked.slug))
    ignored = f" Left out: {', '.join(unpacked.ignored)}." if unpacked.ignored else ""
    text = f"Opened {unpacked.slug} (in this browser session only).{ignored}"
    st.session_state[OPENED] = ("success", text, unpacked.slug, problems)
