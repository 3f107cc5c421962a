"""The article being prepared: one Work in the session, saved to the drafts folder as it changes.

Every edit replaces the session's Work (drafting/review/) in a widget callback and writes it
to `<drafts>/<token>.json` (READING_ROOM_DRAFTS, default data/drafts/, which the reader never
reads and git ignores). The token is random and also sits in the page's address
(`/prepare?draft=<token>`), so a refresh or a tab opened again from history continues the
same article. On one's own computer the Prepare page lists the saved drafts; on a hosted demo
it never does, so a draft is reached only through its own address.

The review tables keep their edits in their own widget state and report them in callbacks
(components/prepare/tables.py). A change made anywhere else (a merge, a new date, drafting
again) starts the tables afresh: `put(work)` moves them to a new generation of keys.

Every edit says what it did (`put(work, "merge Kremlin into Putin")`), and the Work before it
is kept in a short history for this session: `undo()` takes the last edit back whole. Moving
between steps is not an edit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from drafting.review import History, Work, from_json, to_json
from drafting.source import DraftError

DRAFTS_ROOT = Path(
    os.environ.get("READING_ROOM_DRAFTS")
    or Path(__file__).resolve().parent.parent.parent / "data" / "drafts"
).resolve()
TOKEN_PARAM = "draft"
MAX_DRAFTS = 200  # the oldest go first, so a public demo's disk cannot fill with drafts
WORK, TOKEN, GENERATION, FLASHES = "rr_work", "rr_work_token", "rr_tables", "rr_flashes"
HISTORY, SAID, ASKED = "rr_history", "rr_said", "rr_asked"
FIXING = "rr_fixing"  # the row a "Fix in …" button opened its step on (components/prepare/fixes.py)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@dataclass(frozen=True)
class SavedDraft:
    token: str
    title: str
    step: str
    saved: dt.datetime
    published_as: str


def current() -> Work | None:
    """The session's Work; on a session's first run, the one the address names, if any."""
    if WORK not in st.session_state:
        st.session_state[WORK] = None
        token = st.query_params.get(TOKEN_PARAM, "")
        if token:
            _reopen(token)
    return st.session_state[WORK]


def _reopen(token: str) -> None:
    try:
        work = load(token)
    except DraftError as error:
        flash("warning", str(error))
        return
    st.session_state[WORK], st.session_state[TOKEN] = work, token


def token() -> str | None:
    return st.session_state.get(TOKEN)


def start(work: Work) -> None:
    """A new article in progress, under a new token."""
    st.session_state[TOKEN] = secrets.token_urlsafe(16)
    st.session_state.pop(HISTORY, None)
    put(work)


def continue_draft(token_value: str) -> None:
    _reopen(token_value)
    st.session_state.pop(HISTORY, None)
    refresh_tables()


def put(work: Work, what: str = "", from_table: bool = False) -> None:
    """Make `work` the session's and save it; tables start afresh unless it came from one.

    `what` says what the edit did ('merge Kremlin into Putin'): the Work before it is kept
    for undo. Without it (moving to another step) nothing is kept."""
    before = st.session_state.get(WORK)
    if what and before is not None and before is not work:
        st.session_state[HISTORY] = history().record(before, what)
    st.session_state[WORK] = work
    if not from_table:
        refresh_tables()
    saved = token()
    if saved:
        try:
            save(saved, work)
        except OSError as error:
            flash("warning", f"Not saved to the drafts folder ({error.strerror or error}); "
                  "your work is kept in this tab.")  # fmt: skip


def history() -> History:
    return st.session_state.get(HISTORY) or History()


def undo() -> None:
    """Take the last edit back (a callback): the Work before it, at the step it was made in."""
    if not history().entries:
        return
    before, what, earlier = history().undo()
    put(before)
    st.session_state[HISTORY] = earlier
    say("undo", "success", f"Undone: {what}.")


def say(place: str, kind: str, text: str) -> None:
    """A message for the next run, shown where the teacher is looking (`place`: the panel
    or tool it concerns), not at the top of the page; plain text, escaped when shown."""
    st.session_state.setdefault(SAID, {})[place] = (kind, text)


def said(place: str) -> tuple[str, str] | None:
    """The message for `place`, once."""
    return st.session_state.get(SAID, {}).pop(place, None)


def ask(question: str, answer: object) -> None:
    """Hold a change that needs the teacher's yes (`question` names what is asked)."""
    st.session_state.setdefault(ASKED, {})[question] = answer


def asked(question: str) -> object | None:
    """The change held for `question`, if any (it stays until `answered`)."""
    return st.session_state.get(ASKED, {}).get(question)


def answered(question: str) -> None:
    st.session_state.get(ASKED, {}).pop(question, None)


def write_address() -> None:
    """Keep the draft's token in the address bar, so a refresh comes back to it."""
    wanted = token()
    if wanted and st.query_params.get(TOKEN_PARAM) != wanted:
        st.query_params[TOKEN_PARAM] = wanted
    elif not wanted and TOKEN_PARAM in st.query_params:
        del st.query_params[TOKEN_PARAM]


def generation() -> int:
    return st.session_state.get(GENERATION, 0)


def refresh_tables() -> None:
    st.session_state[GENERATION] = generation() + 1


def flash(kind: str, text: str) -> None:
    """A message shown once, on the next run ('success', 'info', 'warning' or 'error'); it is
    plain text (escaped when shown), so it may quote anything the teacher typed."""
    st.session_state.setdefault(FLASHES, []).append((kind, text))


def take_flashes() -> list[tuple[str, str]]:
    return st.session_state.pop(FLASHES, [])


# --- the drafts folder ----------------------------------------------------------------------


def _path(token_value: str) -> Path:
    if not _TOKEN.fullmatch(token_value or ""):
        raise DraftError("That draft address is not one this page made.")
    return DRAFTS_ROOT / f"{token_value}.json"


def save(token_value: str, work: Work) -> None:
    """Write the draft atomically (a temporary file renamed over the old one)."""
    path = _path(token_value)
    DRAFTS_ROOT.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".saving-", dir=DRAFTS_ROOT)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(to_json(work))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _prune()


def load(token_value: str) -> Work:
    path = _path(token_value)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError(
            "That draft is no longer here (a hosted demo keeps drafts only while it runs)."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DraftError(f"That draft cannot be read ({error}).") from None
    return from_json(text)


def listing() -> list[SavedDraft]:
    """The saved drafts, the latest first (unreadable ones left out)."""
    found = []
    for path in _drafts():
        try:
            work = from_json(path.read_text(encoding="utf-8"))
        except (DraftError, OSError, UnicodeDecodeError):
            continue
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
        title = work.title or work.source_name or "(untitled)"
        found.append(SavedDraft(path.stem, title, work.step, saved, work.published_as))
    return sorted(found, key=lambda draft: draft.saved, reverse=True)


def _drafts() -> list[Path]:
    if not DRAFTS_ROOT.is_dir():
        return []
    return [p for p in DRAFTS_ROOT.glob("*.json") if _TOKEN.fullmatch(p.stem) and p.is_file()]


def _prune() -> None:
    drafts = sorted(_drafts(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in drafts[MAX_DRAFTS:]:
        old.unlink(missing_ok=True)
