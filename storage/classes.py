"""A class taking part: open it, join it, post, moderate, export, delete, purge.

Plain frozen dataclasses come out, never SQLAlchemy objects. Every refusal is a ClassError
whose message is written for a student or teacher, the database briefly unavailable
included. Students hold a seat token (from `join` or `rejoin`); teachers hold the class's
teacher key, and every moderating function takes it (any key holder may moderate).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, and_, exc, func, insert, select, update
from sqlalchemy import delete as sql_delete

from core.vocabulary import (
    ANSWER,
    CLASS_CODE_ALPHABET,
    CLASS_CODE_CHARS,
    CLASS_DAYS_DEFAULT,
    CLASS_DAYS_MAX,
    CLASS_DAYS_MIN,
    HELD,
    HIDDEN,
    MAX_DISPLAY_NAME_CHARS,
    MAX_QUOTE_CHARS,
    MAX_RESPONSE_CHARS,
    MAX_TAGS_PER_KIND,
    MAX_WORD_LIST_ENTRIES,
    NOTE,
    PENDING,
    REJOIN_CODE_CHARS,
    RESPONSE_KINDS,
    RESPONSE_STATES,
    VISIBLE,
    is_valid_id,
)
from storage import schema as t
from storage.engine import Database
from storage.errors import ClassError
from storage.text import clean_line, clean_text

LIMIT_WINDOW = dt.timedelta(minutes=1)
MAX_WORD_CHARS = 64
MAX_FINGERPRINT_CHARS = 128
_JOIN, _GUESS, _POST = "join", "guess", "post"


# ---- what comes out ----------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedClass:
    code: str
    teacher_key: str  # shown to the teacher once; only its hash is stored
    expires: dt.datetime


@dataclass(frozen=True)
class ClassSettings:
    pre_moderation: bool = False
    answer_first: bool = False
    frozen: bool = False
    names_on_wall: bool = False
    word_list: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassInfo:
    code: str
    article: str
    fingerprint: str
    settings: ClassSettings
    created: dt.datetime
    expires: dt.datetime


@dataclass(frozen=True)
class Seat:
    """What a student's device keeps: the token proves the seat, the rejoin code (shown on
    screen) gets it back on another tab or device."""

    seat_id: int
    number: int
    display_name: str
    rejoin_code: str
    token: str


@dataclass(frozen=True)
class SeatInfo:
    seat_id: int
    number: int
    display_name: str
    blocked: bool


@dataclass(frozen=True)
class Response:
    id: int
    seat_id: int
    seat_number: int
    display_name: str
    kind: str
    question: int | None
    paragraph: int | None
    quote: str
    body: str
    actors: tuple[str, ...]
    events: tuple[str, ...]
    fingerprint: str  # the article's text it was written against
    state: str
    created: dt.datetime
    edited: dt.datetime | None


@dataclass(frozen=True)
class Counts:
    """Visible responses per paragraph (notes), actor and event (tags), and question (answers)."""

    paragraphs: dict[int, int]
    actors: dict[str, int]
    events: dict[str, int]
    questions: dict[int, int]


# ---- helpers -------------------------------------------------------------------------------


def answering(function):
    """The database briefly unavailable (down, restarting, locked past the busy timeout, pool
    exhausted) becomes one ClassError with a clear message, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError) as error:
            raise ClassError("unavailable") from error
        except exc.DBAPIError as error:
            if error.connection_invalidated:
                raise ClassError("unavailable") from error
            raise

    return wrapper


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CLASS_CODE_ALPHABET) for _ in range(length))


def normalize_code(typed: object, length: int = CLASS_CODE_CHARS) -> str | None:
    """A typed code as stored: upper case, spaces and dashes dropped; None when it cannot be
    one (wrong length, a letter outside the alphabet)."""
    if not isinstance(typed, str) or len(typed) > 4 * length:
        return None
    code = re.sub(r"[\s\-‐‑‒–—]", "", typed).upper()
    if len(code) != length or any(char not in CLASS_CODE_ALPHABET for char in code):
        return None
    return code


def format_rejoin_code(code: str) -> str:
    """'K7Q2MX' -> 'K7Q-2MX', as the student sees it."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def _rejoin_hash(class_code: str, rejoin_code: str) -> str:
    # Scoped to its class: the same rejoin code in two classes hashes apart.
    return _hash(f"{class_code}:{rejoin_code}")


def _settings(row: Row) -> ClassSettings:
    return ClassSettings(
        pre_moderation=row.pre_moderation,
        answer_first=row.answer_first,
        frozen=row.frozen,
        names_on_wall=row.names_on_wall,
        word_list=tuple(line for line in row.word_list.split("\n") if line),
    )


def _class_info(row: Row) -> ClassInfo:
    return ClassInfo(
        code=row.code,
        article=row.article,
        fingerprint=row.fingerprint,
        settings=_settings(row),
        created=row.created,
        expires=row.expires,
    )


def _live_class(conn: Connection, code: object, now: dt.datetime, lock: bool = False) -> Row:
    """The class `code` names, if it has not expired; else ClassError('unknown_class')."""
    normalized = normalize_code(code)
    if normalized is None:
        raise ClassError("unknown_class")
    query = select(t.classes).where(t.classes.c.code == normalized, t.classes.c.expires > now)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise ClassError("unknown_class")
    return row


def _teacher_class(conn: Connection, code: object, key: object, now: dt.datetime) -> Row:
    row = _live_class(conn, code, now)
    if not _key_matches(row, key):
        raise ClassError("not_teacher")
    return row


def _key_matches(row: Row, key: object) -> bool:
    if not isinstance(key, str) or not key or len(key) > 200:
        return False
    return hmac.compare_digest(_hash(key.strip()), row.teacher_key_hash)


def _seat_of_token(conn: Connection, class_id: int, token: object, lock: bool = False) -> Row:
    if not isinstance(token, str) or not token or len(token) > 200:
        raise ClassError("unknown_seat")
    query = (
        select(t.seats)
        .join(t.seat_tokens, t.seat_tokens.c.seat_id == t.seats.c.id)
        .where(t.seat_tokens.c.token_hash == _hash(token), t.seats.c.class_id == class_id)
    )
    row = conn.execute(query.with_for_update(of=t.seats) if lock else query).first()
    if row is None:
        raise ClassError("unknown_seat")
    return row


def _recent(conn: Connection, action: str, now: dt.datetime, **where: int) -> int:
    conditions = [t.limit_events.c.action == action, t.limit_events.c.at > now - LIMIT_WINDOW]
    conditions += [t.limit_events.c[name] == value for name, value in where.items()]
    return conn.execute(select(func.count()).where(*conditions)).scalar_one()


def _record(conn: Connection, action: str, now: dt.datetime, class_id: int, seat_id=None):
    conn.execute(
        insert(t.limit_events).values(class_id=class_id, seat_id=seat_id, action=action, at=now)
    )


# ---- opening and finding a class ---------------------------------------------------------


def _valid_fingerprint(fingerprint: object) -> str:
    if not isinstance(fingerprint, str) or not 0 < len(fingerprint) <= MAX_FINGERPRINT_CHARS:
        raise ValueError("an article fingerprint is a non-empty string of at most 128 chars")
    return fingerprint


@answering
def open_class(
    db: Database,
    article: str,
    fingerprint: str,
    days: int = CLASS_DAYS_DEFAULT,
    now: dt.datetime | None = None,
) -> OpenedClass:
    """A new class for `article` (its slug) as its text is now (`fingerprint`), lasting `days`."""
    if not is_valid_id(article):
        raise ClassError("bad_article")
    if isinstance(days, bool) or not isinstance(days, int):
        raise ClassError("bad_days")
    if not CLASS_DAYS_MIN <= days <= CLASS_DAYS_MAX:
        raise ClassError("bad_days")
    fingerprint = _valid_fingerprint(fingerprint)
    now = _now(now)
    _purge_if_due(db, now)
    key = secrets.token_urlsafe(24)  # 192 random bits
    expires = now + dt.timedelta(days=days)
    for _attempt in range(8):  # 31**7 codes: a clash with a live class is rare
        code = _random_code(CLASS_CODE_CHARS)
        try:
            with db.write() as conn:
                _free_expired_code(conn, code, now)
                conn.execute(
                    insert(t.classes).values(
                        code=code,
                        article=article,
                        fingerprint=fingerprint,
                        teacher_key_hash=_hash(key),
                        created=now,
                        expires=expires,
                        pre_moderation=False,
                        answer_first=False,
                        frozen=False,
                        names_on_wall=False,
                        word_list="",
                    )
                )
            return OpenedClass(code=code, teacher_key=key, expires=expires)
        except exc.IntegrityError:
            continue
    raise ClassError("unavailable")


def _free_expired_code(conn: Connection, code: str, now: dt.datetime) -> None:
    """An expired class not purged yet gives its code back."""
    conn.execute(sql_delete(t.classes).where(t.classes.c.code == code, t.classes.c.expires <= now))


@answering
def find_class(db: Database, code: object, now: dt.datetime | None = None) -> ClassInfo | None:
    """The live class `code` names (typed any way: case, spaces, dashes), or None."""
    try:
        with db.read() as conn:
            return _class_info(_live_class(conn, code, _now(now)))
    except ClassError as error:
        if error.reason == "unknown_class":
            return None
        raise


@answering
def is_teacher(db: Database, code: object, key: object, now: dt.datetime | None = None) -> bool:
    """True when `key` is the teacher key of the live class `code` (hashes compared in
    constant time)."""
    try:
        with db.read() as conn:
            return _key_matches(_live_class(conn, code, _now(now)), key)
    except ClassError as error:
        if error.reason == "unknown_class":
            return False
        raise


@answering
def update_settings(
    db: Database,
    code: object,
    key: object,
    *,
    pre_moderation: bool | None = None,
    answer_first: bool | None = None,
    frozen: bool | None = None,
    names_on_wall: bool | None = None,
    word_list: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> ClassInfo:
    """Change the settings given (None leaves one as it is); the class as it now is."""
    changes: dict[str, object] = {
        name: bool(value)
        for name, value in (
            ("pre_moderation", pre_moderation),
            ("answer_first", answer_first),
            ("frozen", frozen),
            ("names_on_wall", names_on_wall),
        )
        if value is not None
    }
    if word_list is not None:
        changes["word_list"] = "\n".join(_clean_word_list(word_list))
    now = _now(now)
    with db.write() as conn:
        row = _teacher_class(conn, code, key, now)
        if changes:
            conn.execute(update(t.classes).where(t.classes.c.id == row.id).values(**changes))
        return _class_info(_live_class(conn, code, now))


def _clean_word_list(entries: Iterable[str]) -> list[str]:
    if isinstance(entries, str):
        entries = entries.splitlines()
    cleaned = []
    for entry in entries:
        word = clean_line(entry)
        if len(word) > MAX_WORD_CHARS:
            raise ClassError("word_list_too_long")
        if word and word.casefold() not in (w.casefold() for w in cleaned):
            cleaned.append(word)
    if len(cleaned) > MAX_WORD_LIST_ENTRIES:
        raise ClassError("word_list_too_long")
    return cleaned


# ---- seats -----------------------------------------------------------------------------------


@answering
def join(
    db: Database, code: object, display_name: str = "", now: dt.datetime | None = None
) -> Seat:
    """A new seat in the class, with its token and rejoin code (both stored only as hashes)."""
    name = clean_line(display_name or "")
    if len(name) > MAX_DISPLAY_NAME_CHARS:
        raise ClassError("name_too_long")
    now = _now(now)
    _purge_if_due(db, now)
    token = secrets.token_urlsafe(24)
    with db.write() as conn:
        row = _live_class(conn, code, now, lock=True)  # joins of one class one at a time
        if _recent(conn, _JOIN, now, class_id=row.id) >= db.limits.joins_per_class_per_minute:
            raise ClassError("too_many_joins")
        taken = conn.execute(
            select(func.count(), func.coalesce(func.max(t.seats.c.number), 0)).where(
                t.seats.c.class_id == row.id
            )
        ).one()
        if taken[0] >= db.limits.seats_per_class:
            raise ClassError("class_full")
        rejoin_code = _new_rejoin_code(conn, row)
        seat_id = conn.execute(
            insert(t.seats)
            .values(
                class_id=row.id,
                number=taken[1] + 1,
                display_name=name,
                rejoin_hash=_rejoin_hash(row.code, rejoin_code),
                blocked=False,
                created=now,
            )
            .returning(t.seats.c.id)
        ).scalar_one()
        conn.execute(insert(t.seat_tokens).values(token_hash=_hash(token), seat_id=seat_id))
        _record(conn, _JOIN, now, row.id)
    return Seat(seat_id, taken[1] + 1, name, format_rejoin_code(rejoin_code), token)


def _new_rejoin_code(conn: Connection, class_row: Row) -> str:
    while True:
        candidate = _random_code(REJOIN_CODE_CHARS)
        clash = conn.execute(
            select(t.seats.c.id).where(
                t.seats.c.class_id == class_row.id,
                t.seats.c.rejoin_hash == _rejoin_hash(class_row.code, candidate),
            )
        ).first()
        if clash is None:
            return candidate


@answering
def rejoin(db: Database, code: object, rejoin_code: object, now: dt.datetime | None = None) -> Seat:
    """The seat whose rejoin code this is, with a new token for this device (the seat's other
    devices keep theirs). A rejoin counts as a join; a wrong code counts against the class's
    wrong rejoin codes per minute, so rejoin codes cannot be guessed."""
    typed = normalize_code(rejoin_code, REJOIN_CODE_CHARS)
    now = _now(now)
    token = secrets.token_urlsafe(24)
    limits = db.limits
    with db.write() as conn:
        row = _live_class(conn, code, now, lock=True)
        if _recent(conn, _GUESS, now, class_id=row.id) >= limits.wrong_rejoins_per_class_per_minute:
            raise ClassError("too_many_rejoins")
        if _recent(conn, _JOIN, now, class_id=row.id) >= limits.joins_per_class_per_minute:
            raise ClassError("too_many_joins")
        seat = None
        if typed is not None:
            seat = conn.execute(
                select(t.seats).where(
                    t.seats.c.class_id == row.id,
                    t.seats.c.rejoin_hash == _rejoin_hash(row.code, typed),
                )
            ).first()
        if seat is not None:
            conn.execute(insert(t.seat_tokens).values(token_hash=_hash(token), seat_id=seat.id))
        # Recorded and committed either way: a wrong code is refused after this block.
        _record(conn, _JOIN if seat is not None else _GUESS, now, row.id)
    if seat is None:
        raise ClassError("unknown_rejoin")
    return Seat(seat.id, seat.number, seat.display_name, format_rejoin_code(typed), token)


@answering
def find_seat(
    db: Database, code: object, token: object, now: dt.datetime | None = None
) -> SeatInfo | None:
    """The seat this token holds in the live class, or None."""
    try:
        with db.read() as conn:
            row = _live_class(conn, code, _now(now))
            return _seat_info(_seat_of_token(conn, row.id, token))
    except ClassError as error:
        if error.reason in ("unknown_class", "unknown_seat"):
            return None
        raise


def _seat_info(row: Row) -> SeatInfo:
    return SeatInfo(row.id, row.number, row.display_name, row.blocked)


@answering
def class_seats(
    db: Database, code: object, key: object, now: dt.datetime | None = None
) -> list[SeatInfo]:
    """Every seat of the class, by number (for the teacher: names, who is blocked)."""
    with db.read() as conn:
        row = _teacher_class(conn, code, key, _now(now))
        found = conn.execute(
            select(t.seats).where(t.seats.c.class_id == row.id).order_by(t.seats.c.number)
        )
        return [_seat_info(seat) for seat in found]


@answering
def block_seat(
    db: Database,
    code: object,
    key: object,
    seat_id: int,
    blocked: bool = True,
    now: dt.datetime | None = None,
) -> SeatInfo:
    """Stop (or, with blocked=False, let again) one seat's posts and edits."""
    with db.write() as conn:
        row = _teacher_class(conn, code, key, _now(now))
        where = and_(t.seats.c.id == seat_id, t.seats.c.class_id == row.id)
        if conn.execute(update(t.seats).where(where).values(blocked=bool(blocked))).rowcount != 1:
            raise ClassError("unknown_seat")
        return _seat_info(conn.execute(select(t.seats).where(where)).one())


# ---- responses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    body: str
    quote: str
    actors: tuple[str, ...]
    events: tuple[str, ...]


def _tags(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    tags = tuple(sorted(set(values), key=str)) if values else ()
    if len(tags) > MAX_TAGS_PER_KIND:
        raise ClassError("too_many_tags")
    if not all(is_valid_id(tag) for tag in tags):
        raise ClassError("bad_tag")
    return tags


def _content(body: object, quote: object, actors, events) -> _Content:
    cleaned = clean_text(body if isinstance(body, str) else "")
    if not cleaned:
        raise ClassError("empty")
    if len(cleaned) > MAX_RESPONSE_CHARS:
        raise ClassError("too_long")
    quoted = clean_line(quote if isinstance(quote, str) else "")
    if len(quoted) > MAX_QUOTE_CHARS:
        raise ClassError("quote_too_long")
    return _Content(cleaned, quoted, _tags(actors), _tags(events))


def _place(kind: object, question: object, paragraph: object) -> tuple[int | None, int | None]:
    """(question, paragraph) for a response of `kind`: an answer has a question, a note a
    paragraph."""
    if kind not in RESPONSE_KINDS:
        raise ClassError("bad_kind")
    number = question if kind == ANSWER else paragraph
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 100_000:
        raise ClassError("no_question" if kind == ANSWER else "no_paragraph")
    return (number, None) if kind == ANSWER else (None, number)


def _matches_word_list(word_list: str, content: _Content) -> bool:
    words = [word for word in word_list.split("\n") if word]
    if not words:
        return False
    text = f"{content.body}\n{content.quote}".casefold()
    pattern = "|".join(re.escape(word.casefold()) for word in words)
    return re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text) is not None


def _arriving_state(class_row: Row, content: _Content) -> str:
    """Held when it matches the word list, pending under pre-moderation, else visible."""
    if _matches_word_list(class_row.word_list, content):
        return HELD
    return PENDING if class_row.pre_moderation else VISIBLE


def _may_write(db: Database, conn: Connection, class_row: Row, seat: Row, now) -> None:
    if class_row.frozen:
        raise ClassError("frozen")
    if seat.blocked:
        raise ClassError("blocked")
    if _recent(conn, _POST, now, seat_id=seat.id) >= db.limits.posts_per_seat_per_minute:
        raise ClassError("too_many_posts")
    _record(conn, _POST, now, class_row.id, seat.id)


def _write_tags(conn: Connection, class_id: int, response_id: int, content: _Content) -> None:
    rows = [
        {"response_id": response_id, "kind": kind, "tag": tag, "class_id": class_id}
        for kind, tags in (("actor", content.actors), ("event", content.events))
        for tag in tags
    ]
    if rows:
        conn.execute(insert(t.response_tags), rows)


@answering
def post(
    db: Database,
    code: object,
    token: object,
    kind: str,
    body: str,
    *,
    question: int | None = None,
    paragraph: int | None = None,
    quote: str = "",
    actors: Sequence[str] = (),
    events: Sequence[str] = (),
    fingerprint: str,
    now: dt.datetime | None = None,
) -> Response:
    """Store a student's answer (to `question`) or note (on `paragraph`, quoting `quote`),
    tagged with actor and event ids, written against the article's text `fingerprint`.
    Its state says whether it is on the wall yet (visible), waiting (pending) or held."""
    question, paragraph = _place(kind, question, paragraph)
    content = _content(body, quote if kind == NOTE else "", actors, events)
    fingerprint = _valid_fingerprint(fingerprint)
    now = _now(now)
    with db.write() as conn:
        class_row = _live_class(conn, code, now)
        seat = _seat_of_token(conn, class_row.id, token, lock=True)
        _may_write(db, conn, class_row, seat, now)
        state = _arriving_state(class_row, content)
        response_id = conn.execute(
            insert(t.responses)
            .values(
                class_id=class_row.id,
                seat_id=seat.id,
                kind=kind,
                question=question,
                paragraph=paragraph,
                quote=content.quote,
                body=content.body,
                fingerprint=fingerprint,
                state=state,
                created=now,
            )
            .returning(t.responses.c.id)
        ).scalar_one()
        _write_tags(conn, class_row.id, response_id, content)
    # Built from what was written, not read back: the write lock is held no longer than needed.
    return Response(
        id=response_id,
        seat_id=seat.id,
        seat_number=seat.number,
        display_name=seat.display_name,
        kind=kind,
        question=question,
        paragraph=paragraph,
        quote=content.quote,
        body=content.body,
        actors=content.actors,
        events=content.events,
        fingerprint=fingerprint,
        state=state,
        created=now,
        edited=None,
    )


def _own_response(conn: Connection, class_id: int, seat_id: int, response_id: object) -> Row:
    if isinstance(response_id, bool) or not isinstance(response_id, int):
        raise ClassError("unknown_response")
    row = conn.execute(
        select(t.responses).where(
            t.responses.c.id == response_id, t.responses.c.class_id == class_id
        )
    ).first()
    if row is None:
        raise ClassError("unknown_response")
    if row.seat_id != seat_id:
        raise ClassError("not_yours")
    return row


@answering
def edit_response(
    db: Database,
    code: object,
    token: object,
    response_id: int,
    body: str,
    *,
    quote: str | None = None,
    actors: Sequence[str] | None = None,
    events: Sequence[str] | None = None,
    now: dt.datetime | None = None,
) -> Response:
    """Change the seat's own response (None keeps the quote or tags as they are). The edit
    passes moderation again; a response the teacher hid stays hidden."""
    now = _now(now)
    with db.write() as conn:
        class_row = _live_class(conn, code, now)
        seat = _seat_of_token(conn, class_row.id, token, lock=True)
        row = _own_response(conn, class_row.id, seat.id, response_id)
        old = _responses(conn, class_row.id, ids=(row.id,), include_hidden=True)[0]
        content = _content(
            body,
            old.quote if quote is None or row.kind != NOTE else quote,
            old.actors if actors is None else actors,
            old.events if events is None else events,
        )
        _may_write(db, conn, class_row, seat, now)
        state = HIDDEN if row.state == HIDDEN else _arriving_state(class_row, content)
        conn.execute(
            update(t.responses)
            .where(t.responses.c.id == row.id)
            .values(body=content.body, quote=content.quote, state=state, edited=now)
        )
        conn.execute(sql_delete(t.response_tags).where(t.response_tags.c.response_id == row.id))
        _write_tags(conn, class_row.id, row.id, content)
        return _responses(conn, class_row.id, ids=(row.id,), include_hidden=True)[0]


@answering
def delete_response(
    db: Database, code: object, token: object, response_id: int, now: dt.datetime | None = None
) -> None:
    """Remove the seat's own response for good (also while the wall is frozen: a student may
    always take back what they wrote)."""
    now = _now(now)
    with db.write() as conn:
        class_row = _live_class(conn, code, now)
        seat = _seat_of_token(conn, class_row.id, token)
        row = _own_response(conn, class_row.id, seat.id, response_id)
        conn.execute(sql_delete(t.responses).where(t.responses.c.id == row.id))


# ---- reading: the wall, the counts -------------------------------------------------------


def _responses(
    conn: Connection,
    class_id: int,
    *,
    ids: Sequence[int] | None = None,
    question: int | None = None,
    include_hidden: bool = False,
    since_id: int | None = None,
    seat_id: int | None = None,
) -> list[Response]:
    conditions = [t.responses.c.class_id == class_id]
    if ids is not None:
        conditions.append(t.responses.c.id.in_(ids))
    if question is not None:
        conditions += [t.responses.c.kind == ANSWER, t.responses.c.question == question]
    if not include_hidden:
        conditions.append(t.responses.c.state == VISIBLE)
    if since_id is not None:
        conditions.append(t.responses.c.id > since_id)
    if seat_id is not None:
        conditions.append(t.responses.c.seat_id == seat_id)
    chosen = select(t.responses.c.id).where(*conditions)
    rows = conn.execute(
        select(t.responses, t.seats.c.number, t.seats.c.display_name)
        .join(t.seats, t.seats.c.id == t.responses.c.seat_id)
        .where(*conditions)
        .order_by(t.responses.c.id)
    ).all()
    tags: dict[tuple[int, str], list[str]] = {}
    for response_id, kind, tag in conn.execute(
        select(t.response_tags.c.response_id, t.response_tags.c.kind, t.response_tags.c.tag)
        .where(t.response_tags.c.response_id.in_(chosen))
        .order_by(t.response_tags.c.tag)
    ):
        tags.setdefault((response_id, kind), []).append(tag)
    return [_response(row, tags) for row in rows]


def _response(row: Row, tags: dict[tuple[int, str], list[str]]) -> Response:
    return Response(
        id=row.id,
        seat_id=row.seat_id,
        seat_number=row.number,
        display_name=row.display_name,
        kind=row.kind,
        question=row.question,
        paragraph=row.paragraph,
        quote=row.quote,
        body=row.body,
        actors=tuple(tags.get((row.id, "actor"), ())),
        events=tuple(tags.get((row.id, "event"), ())),
        fingerprint=row.fingerprint,
        state=row.state,
        created=row.created,
        edited=row.edited,
    )


@answering
def responses(
    db: Database,
    code: object,
    *,
    question: int | None = None,
    include_hidden: bool = False,
    since_id: int | None = None,
    seat: int | None = None,
    now: dt.datetime | None = None,
) -> list[Response]:
    """The class's t.responses, oldest first: visible ones only unless `include_hidden` (the
    teacher's view, or a student's own with `seat`); answers to one `question`; those newer
    than `since_id` (for "N new answers"); one `seat`'s."""
    with db.read() as conn:
        class_row = _live_class(conn, code, _now(now))
        return _responses(
            conn,
            class_row.id,
            question=question,
            include_hidden=include_hidden,
            since_id=since_id,
            seat_id=seat,
        )


@answering
def counts(db: Database, code: object, now: dt.datetime | None = None) -> Counts:
    """Visible responses per paragraph, actor, event and question: two indexed queries, cheap
    enough for a projector polling every few seconds."""
    with db.read() as conn:
        class_row = _live_class(conn, code, _now(now))
        visible = and_(t.responses.c.class_id == class_row.id, t.responses.c.state == VISIBLE)
        paragraphs: dict[int, int] = {}
        questions: dict[int, int] = {}
        place = (t.responses.c.kind, t.responses.c.question, t.responses.c.paragraph)
        for kind, question, paragraph, n in conn.execute(
            select(*place, func.count()).where(visible).group_by(*place)
        ):
            if kind == ANSWER:
                questions[question] = questions.get(question, 0) + n
            else:
                paragraphs[paragraph] = paragraphs.get(paragraph, 0) + n
        tagged: dict[str, dict[str, int]] = {"actor": {}, "event": {}}
        for kind, tag, n in conn.execute(
            select(t.response_tags.c.kind, t.response_tags.c.tag, func.count())
            .join(t.responses, t.responses.c.id == t.response_tags.c.response_id)
            .where(visible)
            .group_by(t.response_tags.c.kind, t.response_tags.c.tag)
        ):
            tagged[kind][tag] = n
        return Counts(paragraphs, tagged["actor"], tagged["event"], questions)


# ---- moderation ------------------------------------------------------------------------------


@answering
def set_visibility(
    db: Database,
    code: object,
    key: object,
    response_id: int,
    state: str,
    now: dt.datetime | None = None,
) -> Response:
    """Put a response in `state` (visible, pending, hidden, held): approve, hide, unhide."""
    if state not in RESPONSE_STATES:
        raise ClassError("bad_state")
    with db.write() as conn:
        class_row = _teacher_class(conn, code, key, _now(now))
        changed = conn.execute(
            update(t.responses)
            .where(t.responses.c.id == response_id, t.responses.c.class_id == class_row.id)
            .values(state=state)
        ).rowcount
        if changed != 1:
            raise ClassError("unknown_response")
        return _responses(conn, class_row.id, ids=(response_id,), include_hidden=True)[0]


# ---- after class -----------------------------------------------------------------------------


@answering
def export(db: Database, code: object, key: object, now: dt.datetime | None = None) -> list[dict]:
    """Every response of the class in every state, oldest first, as plain rows (the views
    write them as formula-safe CSV and as JSON). `current` says whether it was written
    against the article's text the class was opened with."""
    with db.read() as conn:
        class_row = _teacher_class(conn, code, key, _now(now))
        found = _responses(conn, class_row.id, include_hidden=True)
    return [
        {
            "id": r.id,
            "seat": r.seat_number,
            "display_name": r.display_name,
            "kind": r.kind,
            "question": r.question,
            "paragraph": r.paragraph,
            "quote": r.quote,
            "body": r.body,
            "actors": list(r.actors),
            "events": list(r.events),
            "state": r.state,
            "created": r.created.isoformat(),
            "edited": r.edited.isoformat() if r.edited else None,
            "current": r.fingerprint == class_row.fingerprint,
        }
        for r in found
    ]


@answering
def delete_class(db: Database, code: object, key: object, now: dt.datetime | None = None) -> None:
    """Remove the class and everything it holds, now."""
    with db.write() as conn:
        class_row = _teacher_class(conn, code, key, _now(now))
        conn.execute(sql_delete(t.classes).where(t.classes.c.id == class_row.id))


@answering
def purge_expired(db: Database, now: dt.datetime | None = None) -> int:
    """Remove every expired class with everything it holds (and limit events older than the
    limits look); the number of classes removed. Cheap: two indexed deletes."""
    now = _now(now)
    with db.write() as conn:
        conn.execute(sql_delete(t.limit_events).where(t.limit_events.c.at <= now - LIMIT_WINDOW))
        return conn.execute(sql_delete(t.classes).where(t.classes.c.expires <= now)).rowcount


def _purge_if_due(db: Database, now: dt.datetime) -> None:
    """Purge now and then as classes are opened and joined (at most every few minutes)."""
    if db.purge_due():
        purge_expired(db, now)
