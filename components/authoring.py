"""Who may prepare articles here, and where a prepared article goes: the authoring setting.

`READING_ROOM_AUTHORING` in the environment, else `authoring` in Streamlit's secrets:

- `save` (the default on one's own computer): the Prepare page publishes to the articles
  folder, atomically, keeping a backup of any article it replaces;
- `session` (the default on a hosted demo): a prepared article lives in the teacher's browser
  session and leaves as a bundle .zip; the reader opens such a zip again;
- `off`: no Prepare page.

A hosted demo is public and its disk is not kept, so `save` there needs a passphrase
(`authoring_passphrase` in secrets); without one it falls back to `session`.

Whether the app is hosted: `READING_ROOM_HOSTED` (1 or 0) when set. Otherwise Streamlit
Community Cloud is recognised by what it sets up for every app, as Streamlit documents no
variable for it: the repository is cloned under `/mount/src/` and the container's HOSTNAME
is `streamlit`. Any other host sets READING_ROOM_HOSTED=1.

The reader reads this setting too (for the link to the Prepare page and the .zip opener),
so this module imports nothing of the drafting engine.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

SAVE, SESSION, OFF = "save", "session", "off"
MODES = (SAVE, SESSION, OFF)
MODE_VARIABLE, HOSTED_VARIABLE = "READING_ROOM_AUTHORING", "READING_ROOM_HOSTED"
MODE_SECRET, PASSPHRASE_SECRET = "authoring", "authoring_passphrase"
CLOUD_MOUNT = Path("/mount/src")
UNLOCKED = "rr_authoring_unlocked"


@dataclass(frozen=True)
class Authoring:
    """The setting in force: the mode, whether hosted, the passphrase `save` needs ('' when
    none is needed), and a note when the mode is not the one asked for."""

    mode: str
    hosted: bool
    passphrase: str = ""
    note: str = ""

    @property
    def prepares(self) -> bool:
        return self.mode != OFF

    @property
    def lists_drafts(self) -> bool:
        """Only on one's own computer: a public demo never shows one teacher's drafts to
        another (a draft is reached there by its private address only)."""
        return not self.hosted


def decide(environ: Mapping[str, str], secrets: Mapping[str, object], on_cloud: bool) -> Authoring:
    """The setting from the environment and the secrets (pure, for tests)."""
    hosted_flag = environ.get(HOSTED_VARIABLE, "").strip().lower()
    hosted = hosted_flag in ("1", "true", "yes") if hosted_flag else on_cloud
    default = SESSION if hosted else SAVE
    asked = str(environ.get(MODE_VARIABLE) or secrets.get(MODE_SECRET) or "").strip().lower()
    note = ""
    mode = asked or default
    if mode not in MODES:
        note = f"The authoring setting {asked!r} is not one of {', '.join(MODES)}; using {default}."
        mode = default
    passphrase = str(secrets.get(PASSPHRASE_SECRET) or "") if hosted else ""
    if mode == SAVE and hosted and not passphrase:
        note = (
            "Saving to the server needs a passphrase on a hosted demo "
            f"({PASSPHRASE_SECRET} in the app's secrets); prepared articles stay in your session."
        )
        mode = SESSION
    return Authoring(mode, hosted, passphrase, note)


def current() -> Authoring:
    """The setting in force for this run."""
    on_cloud = CLOUD_MOUNT.is_dir() or os.environ.get("HOSTNAME") == "streamlit"
    return decide(os.environ, _secrets(), on_cloud)


def _secrets() -> Mapping[str, object]:
    try:
        return {
            key: st.secrets[key] for key in (MODE_SECRET, PASSPHRASE_SECRET) if key in st.secrets
        }
    except StreamlitSecretNotFoundError:  # no secrets file: nothing set there
        return {}


def unlocked(setting: Authoring) -> bool:
    """True when nothing is locked, or this session gave the passphrase."""
    return not setting.passphrase or st.session_state.get(UNLOCKED) is True


def try_passphrase(setting: Authoring, given: str) -> bool:
    """Check a passphrase in constant time; remember success for this session."""
    ok = bool(setting.passphrase) and hmac.compare_digest(
        given.encode("utf-8"), setting.passphrase.encode("utf-8")
    )
    if ok:
        st.session_state[UNLOCKED] = True
    return ok
