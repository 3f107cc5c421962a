"""Who may prepare articles here, and where a prepared article goes: the authoring setting.

`READING_ROOM_AUTHORING` in the environment, else `authoring` in Streamlit's secrets:

- `save` (the default when the server listens on this computer only): the Prepare page
  publishes to the articles folder, atomically, keeping a backup of any article it replaces;
- `session` (the default anywhere else): a prepared article lives in the teacher's browser
  session and leaves as a bundle .zip; the reader opens such a zip again;
- `off`: no Prepare page.

The setting fails closed. A passphrase that is set (`authoring_passphrase` in secrets, or
READING_ROOM_PASSPHRASE) is always asked for before publishing, and one shorter than
MIN_PASSPHRASE_CHARS is refused at start-up (publishing is then off). `save` on a server
others can reach (hosted, or listening beyond the loopback address) needs a passphrase;
without one it falls back to `session`. Each wrong passphrase makes the next guess wait
longer, counted for the whole server process, not per session.

Whether the app is hosted: `READING_ROOM_HOSTED` when set, `0`/`false`/`no`/`off` meaning
not hosted and any other value meaning hosted. Otherwise Streamlit Community Cloud is
recognised by what it sets up for every app, as Streamlit documents no variable for it: the
repository is cloned under `/mount/src/` and the container's HOSTNAME is `streamlit`.

The reader reads this setting too (for the link to the Prepare page and the .zip opener),
so this module imports nothing of the drafting engine.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

SAVE, SESSION, OFF = "save", "session", "off"
MODES = (SAVE, SESSION, OFF)
MODE_VARIABLE, HOSTED_VARIABLE = "READING_ROOM_AUTHORING", "READING_ROOM_HOSTED"
MODE_SECRET, PASSPHRASE_SECRET = "authoring", "authoring_passphrase"
PASSPHRASE_VARIABLE = "READING_ROOM_PASSPHRASE"
CLOUD_MOUNT = Path("/mount/src")
UNLOCKED, LAST_WRONG = "rr_authoring_unlocked", "rr_authoring_last_wrong"
NOT_HOSTED = ("0", "false", "no", "off", "n")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
MIN_PASSPHRASE_CHARS = 16
# A wrong passphrase makes the next guess wait FIRST_DELAY_S, doubling up to MAX_DELAY_S.
FIRST_DELAY_S, MAX_DELAY_S = 0.5, 30.0
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Authoring:
    """The setting in force: the mode, whether hosted, the passphrase `save` needs ('' when
    none is needed), and a note when the mode is not the one asked for."""

    mode: str
    hosted: bool
    passphrase: str = ""
    note: str = ""
    private: bool = False  # no one but this computer can reach the server

    @property
    def prepares(self) -> bool:
        return self.mode != OFF

    @property
    def lists_drafts(self) -> bool:
        """Only where no one else can reach the server: a demo or a shared server never
        shows one teacher's drafts to another (a draft is reached by its own address only)."""
        return self.private


def decide(
    environ: Mapping[str, str],
    secrets: Mapping[str, object],
    on_cloud: bool,
    loopback_only: bool = False,
) -> Authoring:
    """The setting from the environment and the secrets, failing closed (pure, for tests).

    `loopback_only`: the server listens on this computer's loopback address only, so no one
    else can reach it; only then is `save` the default, or allowed without a passphrase.
    """
    hosted_flag = environ.get(HOSTED_VARIABLE, "").strip().lower()
    hosted = hosted_flag not in NOT_HOSTED if hosted_flag else on_cloud
    exposed = hosted or not loopback_only
    default = SESSION if exposed else SAVE
    asked = str(environ.get(MODE_VARIABLE) or secrets.get(MODE_SECRET) or "").strip().lower()
    note = ""
    mode = asked or default
    if mode not in MODES:
        note = f"The authoring setting {asked!r} is not one of {', '.join(MODES)}; using {default}."
        mode = default
    passphrase = str(environ.get(PASSPHRASE_VARIABLE) or secrets.get(PASSPHRASE_SECRET) or "")
    if passphrase and len(passphrase) < MIN_PASSPHRASE_CHARS:
        note = (
            f"The authoring passphrase is {len(passphrase)} characters long; it needs "
            f"{MIN_PASSPHRASE_CHARS} at least, so publishing to the server is off and prepared "
            "articles stay in your session."
        )
        return Authoring(SESSION if mode == SAVE else mode, hosted, passphrase, note, not exposed)
    if mode == SAVE and exposed and not passphrase:
        where = "on a hosted demo" if hosted else "on a server others can reach"
        note = (
            f"Saving to the server needs a passphrase {where} ({PASSPHRASE_SECRET} in the "
            "app's secrets); prepared articles stay in your session."
        )
        mode = SESSION
    return Authoring(mode, hosted, passphrase, note, not exposed)


def current() -> Authoring:
    """The setting in force for this run (a refused passphrase is logged once, at start)."""
    on_cloud = CLOUD_MOUNT.is_dir() or os.environ.get("HOSTNAME") == "streamlit"
    setting = decide(os.environ, _secrets(), on_cloud, listens_on_loopback_only())
    _say_once(setting.note)
    return setting


def listens_on_loopback_only() -> bool:
    """True when the server was told to listen on the loopback address (server.address)."""
    address = str(st.get_option("server.address") or "").strip().lower()
    return address in LOOPBACK


_SAID: set[str] = set()


def _say_once(note: str) -> None:
    if note and note not in _SAID:
        _SAID.add(note)
        _log.warning("Authoring: %s", note)


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


class _Guesses:
    """Wrong passphrases given to this server process, from any session: each guess waits
    for the ones before it, and then for longer the more have failed."""

    def __init__(self):
        self.failures = 0
        self.lock = threading.Lock()

    def delay(self) -> float:
        return (
            0.0 if not self.failures else min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (self.failures - 1))
        )


GUESSES = _Guesses()


def try_passphrase(setting: Authoring, given: str, sleep=time.sleep) -> bool:
    """Check a passphrase in constant time, after the wait the wrong ones so far have earned;
    remember success for this session. The same wrong passphrase again (the box keeps it
    across reruns) is not another guess."""
    if given == st.session_state.get(LAST_WRONG):
        return False
    with GUESSES.lock:
        sleep(GUESSES.delay())
        ok = bool(setting.passphrase) and hmac.compare_digest(
            given.encode("utf-8"), setting.passphrase.encode("utf-8")
        )
        GUESSES.failures = 0 if ok else GUESSES.failures + 1
    if ok:
        st.session_state[UNLOCKED] = True
    else:
        st.session_state[LAST_WRONG] = given
    return ok
