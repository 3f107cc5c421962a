"""The class's tables (SQLAlchemy Core). Alembic's revisions in migrations/ create them; a
test checks that the migrated database and these definitions agree.

Stored: the minimum a class needs. No email, no IP address, no user agent; a seat's tokens,
its rejoin code and the teacher key only as SHA-256 hashes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

# Constraint names fixed by convention, so migrations on SQLite and PostgreSQL agree.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator):
    """An aware UTC datetime, stored naive in UTC on every engine (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored time must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


HASH = String(64)  # hex SHA-256

classes = Table(
    "classes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("article", String(64), nullable=False),
    Column("fingerprint", String(128), nullable=False),
    Column("teacher_key_hash", HASH, nullable=False),
    Column("created", UtcDateTime, nullable=False),
    Column("expires", UtcDateTime, nullable=False, index=True),
    Column("pre_moderation", Boolean, nullable=False, default=False),
    Column("answer_first", Boolean, nullable=False, default=False),
    Column("frozen", Boolean, nullable=False, default=False),
    Column("names_on_wall", Boolean, nullable=False, default=False),
    # The teacher's word list, one entry a line.
    Column("word_list", Text, nullable=False, default=""),
)

seats = Table(
    "seats",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("display_name", String(100), nullable=False, default=""),
    Column("rejoin_hash", HASH, nullable=False),
    Column("blocked", Boolean, nullable=False, default=False),
    Column("created", UtcDateTime, nullable=False),
    UniqueConstraint("class_id", "number", name="uq_seats_class_number"),
    UniqueConstraint("class_id", "rejoin_hash", name="uq_seats_class_rejoin"),
)

# A seat may hold several tokens: each join or rejoin gives its device one.
seat_tokens = Table(
    "seat_tokens",
    metadata,
    Column("token_hash", HASH, primary_key=True),
    Column(
        "seat_id",
        Integer,
        ForeignKey("seats.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False),
    Column(
        "seat_id",
        Integer,
        ForeignKey("seats.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(16), nullable=False),
    Column("question", Integer),
    Column("paragraph", Integer),
    Column("quote", Text, nullable=False, default=""),
    Column("body", Text, nullable=False),
    # The article's text as it was when this was written (a note is anchored to that text).
    Column("fingerprint", String(128), nullable=False),
    Column("state", String(16), nullable=False),
    Column("created", UtcDateTime, nullable=False),
    Column("edited", UtcDateTime),
    # The wall's and the counts' query: one class's responses in one state.
    Index("ix_responses_class_state", "class_id", "state", "id"),
)

response_tags = Table(
    "response_tags",
    metadata,
    Column(
        "response_id",
        Integer,
        ForeignKey("responses.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("kind", String(8), primary_key=True),
    Column("tag", String(64), primary_key=True),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False),
    Index("ix_response_tags_class_kind", "class_id", "kind"),
)

# One row per join (or rejoin attempt) and per post or edit, for the limits: counted over the
# last minute, removed by purge_expired once older than that.
limit_events = Table(
    "limit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False),
    Column("seat_id", Integer, ForeignKey("seats.id", ondelete="CASCADE")),
    Column("action", String(8), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_limit_events_class_action_at", "class_id", "action", "at"),
    Index("ix_limit_events_seat_action_at", "seat_id", "action", "at"),
    Index("ix_limit_events_at", "at"),
)

# Published articles, when a database is configured (a school's servers share them; issue 21).
# One row per name with its current version; every version ever published is kept (the
# previous ones are the backups), each with its files.
articles = Table(
    "articles",
    metadata,
    Column("slug", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("updated", UtcDateTime, nullable=False),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), ForeignKey("articles.slug", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("published", UtcDateTime, nullable=False),
    # Who published it, as the publishing page says (no accounts: e.g. the draft it came from).
    Column("publisher", String(200), nullable=False, default=""),
    Column("fingerprint", HASH, nullable=False),  # SHA-256 over its files
    UniqueConstraint("slug", "version", name="uq_article_versions_slug"),
)

article_files = Table(
    "article_files",
    metadata,
    Column(
        "version_id",
        Integer,
        ForeignKey("article_versions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("name", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# Articles being prepared (the Prepare page's autosave), by the draft's random token.
drafts = Table(
    "drafts",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("work", Text, nullable=False),  # drafting.review's Work as JSON
    Column("size", Integer, nullable=False),  # its bytes in UTF-8, for the limits
    Column("saved", UtcDateTime, nullable=False, index=True),
)
