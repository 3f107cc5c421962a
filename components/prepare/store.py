"""The article being prepared: one Work in the session, saved to the drafts folder as it changes.

Every edit replaces the session's Work (drafting/review/) in a widget callback and writes it
to `<drafts>/<token>.json` (READING_ROOM_DRAFTS, default data/drafts/, which the reader never
reads and git ignores). The token is random and also sits in the page's address
(`/prepare?draft=<token>`), so a refresh or a tab opened again from history continues the
same article. On one's own computer the Prepare page lists the saved drafts; on a hosted demo
it never does, so a draft is reached only through its own address.

The folder is bounded by bytes, never by evicting other teachers' recent work: a draft file
is at most MAX_DRAFT_BYTES (the original page is kept in it only up to MAX_ORIGINAL_BYTES);
one session's drafts together at most MAX_SESSION_BYTES (its own oldest go first); the
folder at most MAX_FOLDER_BYTES (READING_ROOM_DRAFTS_MB), past which a draft is not saved
(the work stays in the tab); and drafts untouched for MAX_AGE_DAYS are removed.

With a database configured (a school's several servers: components/database_setting.py), the
drafts live in it instead (storage/drafts.py), under the same token and within the same
bounds (counted in the database, so they hold across servers): a teacher whose next request
lands on another server, or who comes back after a restart, continues where they were.

The review tables keep their edits in their own widget state and report them in callbacks
(components/prepare/tables.py). A change made anywhere else (a merge, a new date, drafting
again) starts the tables afresh: `put(work)` moves them to a new generation of keys.

Every edit says what it did (`put(work, "merge Kremlin into Putin")`), and the Work before it
is kept in a short history for this session: `undo()` takes the last edit back whole. Moving
between steps is not an edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components import database_setting
from drafting.review import History, Work, from_json, to_json
from drafting.source import DraftError

DRAFTS_ROOT = Path(
    os.environ.get("READING_ROOM_DRAFTS")
    or Path(__file__).resolve().parent.parent.parent / "data" / "drafts"
).resolve()
TOKEN_PARAM = "draft"
MB = 1024 * 1024
MAX_ORIGINAL_BYTES = 2 * MB
MAX_DRAFT_BYTES = 8 * MB
MAX_SESSION_BYTES = 16 * MB
MAX_FOLDER_BYTES = int(os.environ.get("READING_ROOM_DRAFTS_MB") or 512) * MB
MAX_AGE_DAYS = 14
WORK, TOKEN, GENERATION, FLASHES = "rr_work", "rr_work_token", "rr_tables", "rr_flashes"
SAVED_HERE = "rr_saved_tokens"  # the tokens of the drafts this session saved, oldest first
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
        mine = st.session_state.setdefault(SAVED_HERE, [])
        try:
            save(saved, work, mine)
        except (NotSaved, OSError) as error:
            reason = str(error) if isinstance(error, NotSaved) else error.strerror or "refused"
            flash("warning", f"Not saved to the drafts ({reason}); your work is kept in "
                  "this tab.")  # fmt: skip
        else:
            if saved in mine:
                mine.remove(saved)
            mine.append(saved)


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


class NotSaved(Exception):
    """A draft the folder's limits keep out; str() says which, for a person."""


def save(token_value: str, work: Work, session_tokens: list[str] | tuple = ()) -> None:
    """Write the draft atomically (a temporary file renamed over the old one), within the
    folder's limits; `session_tokens` are the drafts this session saved before, oldest first,
    which go first to make room for this one. Raises NotSaved when it cannot fit."""
    path = _path(token_value)
    data = to_json(_for_saving(work)).encode("utf-8")
    if len(data) > MAX_DRAFT_BYTES:
        raise NotSaved(f"this draft is {len(data) / MB:.0f} MB; a draft can be "
                       f"{MAX_DRAFT_BYTES // MB} MB at most")  # fmt: skip
    if database_setting.configured():
        _save_in_database(token_value, data.decode("utf-8"), session_tokens)
        return
    DRAFTS_ROOT.mkdir(parents=True, exist_ok=True)
    _prune()
    _make_room_in_session(token_value, len(data), session_tokens)
    if _folder_bytes(except_token=token_value) + len(data) > MAX_FOLDER_BYTES:
        raise NotSaved("the drafts folder is full just now")
    handle, temporary = tempfile.mkstemp(prefix=".saving-", dir=DRAFTS_ROOT)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _for_saving(work: Work) -> Work:
    """The work as the folder keeps it: the original page left out when it is large (the
    tab keeps it; a draft reopened from the folder publishes without original.html)."""
    original = work.draft.original_html
    if original is None or len(original.encode("utf-8")) <= MAX_ORIGINAL_BYTES:
        return work
    return dataclasses.replace(work, draft=dataclasses.replace(work.draft, original_html=None))


def _make_room_in_session(token_value: str, size: int, session_tokens) -> None:
    """Remove this session's own oldest drafts until this one fits in its share."""
    older = [t for t in session_tokens if t != token_value and _TOKEN.fullmatch(t)]
    sizes = {t: _size(DRAFTS_ROOT / f"{t}.json") for t in older}
    while older and sum(sizes[t] for t in older) + size > MAX_SESSION_BYTES:
        (DRAFTS_ROOT / f"{older.pop(0)}.json").unlink(missing_ok=True)
    if size > MAX_SESSION_BYTES:
        raise NotSaved(f"a session's drafts can be {MAX_SESSION_BYTES // MB} MB together")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load(token_value: str) -> Work:
    path = _path(token_value)
    if database_setting.configured():
        return from_json(_load_from_database(token_value))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError(
            "That draft is no longer here (a hosted demo keeps drafts only while it runs)."
        ) from None
    except (OSError, UnicodeDecodeError) as error:  # the reason, never the server's paths
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise DraftError(f"That draft cannot be read ({reason}).") from None
    return from_json(text)


def listing(newest: int | None = None) -> list[SavedDraft]:
    """The saved drafts, the latest first (unreadable ones left out); only the `newest`
    are read when given, so a full folder costs no more than a few drafts."""
    if database_setting.configured():
        return _listed_in_database(newest)
    found = []
    paths = sorted(_drafts(), key=_modified, reverse=True)
    for path in paths[:newest]:
        try:
            work = from_json(path.read_text(encoding="utf-8"))
        except (DraftError, OSError, UnicodeDecodeError):
            continue
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
        title = work.title or work.source_name or "(untitled)"
        found.append(SavedDraft(path.stem, title, work.step, saved, work.published_as))
    return sorted(found, key=lambda draft: draft.saved, reverse=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _drafts() -> list[Path]:
    if not DRAFTS_ROOT.is_dir():
        return []
    return [p for p in DRAFTS_ROOT.glob("*.json") if _TOKEN.fullmatch(p.stem) and p.is_file()]


def _folder_bytes(except_token: str = "") -> int:
    return sum(_size(path) for path in _drafts() if path.stem != except_token)


def _prune() -> None:
    """Remove the drafts nobody has touched for MAX_AGE_DAYS."""
    oldest = time.time() - MAX_AGE_DAYS * 24 * 3600
    for path in _drafts():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
        except OSError:
            continue


# --- the drafts in a database (several servers) ----------------------------------------------


def _database():
    from components import participation

    return participation.database()


def _save_in_database(token_value: str, text: str, session_tokens) -> None:
    """Save through the database, within the same bounds as the folder; NotSaved when it
    is refused or does not answer."""
    from storage import drafts

    limits = drafts.DraftLimits(
        MAX_SESSION_BYTES, MAX_FOLDER_BYTES, dt.timedelta(days=MAX_AGE_DAYS)
    )
    try:
        drafts.save(_database(), token_value, text, limits, tuple(session_tokens))
    except drafts.DraftNotSaved as refused:
        raise NotSaved(str(refused)) from None
    except Exception:  # the database unreachable at its first use in this process
        raise NotSaved(drafts.UNAVAILABLE) from None


def _load_from_database(token_value: str) -> str:
    from storage import drafts

    try:
        text = drafts.load(_database(), token_value)
    except Exception:
        raise DraftError(
            "That draft cannot be read just now (the database is not answering); "
            "reload the page in a moment."
        ) from None
    if text is None:
        raise DraftError(
            f"That draft is no longer here (drafts untouched for {MAX_AGE_DAYS} days go)."
        )
    return text


def _listed_in_database(newest: int | None) -> list[SavedDraft]:
    from storage import drafts

    try:
        stored = drafts.newest(_database(), newest)
    except Exception:  # the database unreachable: nothing to list
        return []
    found = []
    for draft in stored:
        try:
            work = from_json(draft.work)
        except DraftError:
            continue
        title = work.title or work.source_name or "(untitled)"
        found.append(SavedDraft(draft.token, title, work.step, draft.saved, work.published_as))
    return found
