"""A class taking part: classes, seats and their tokens, responses and their tags, and the
events the limits count.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("article", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("teacher_key_hash", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("expires", sa.DateTime, nullable=False),
        sa.Column("pre_moderation", sa.Boolean, nullable=False),
        sa.Column("answer_first", sa.Boolean, nullable=False),
        sa.Column("frozen", sa.Boolean, nullable=False),
        sa.Column("names_on_wall", sa.Boolean, nullable=False),
        sa.Column("word_list", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_classes"),
        sa.UniqueConstraint("code", name="uq_classes_code"),
    )
    op.create_index("ix_classes_expires", "classes", ["expires"])
    op.create_table(
        "seats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("class_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("rejoin_hash", sa.String(64), nullable=False),
        sa.Column("blocked", sa.Boolean, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_seats"),
        sa.ForeignKeyConstraint(
            ["class_id"], ["classes.id"], ondelete="CASCADE", name="fk_seats_class_id_classes"
        ),
        sa.UniqueConstraint("class_id", "number", name="uq_seats_class_number"),
        sa.UniqueConstraint("class_id", "rejoin_hash", name="uq_seats_class_rejoin"),
    )
    op.create_table(
        "seat_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("seat_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_seat_tokens"),
        sa.ForeignKeyConstraint(
            ["seat_id"], ["seats.id"], ondelete="CASCADE", name="fk_seat_tokens_seat_id_seats"
        ),
    )
    op.create_index("ix_seat_tokens_seat_id", "seat_tokens", ["seat_id"])
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("class_id", sa.Integer, nullable=False),
        sa.Column("seat_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("question", sa.Integer),
        sa.Column("paragraph", sa.Integer),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("edited", sa.DateTime),
        sa.PrimaryKeyConstraint("id", name="pk_responses"),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            ondelete="CASCADE",
            name="fk_responses_class_id_classes",
        ),
        sa.ForeignKeyConstraint(
            ["seat_id"], ["seats.id"], ondelete="CASCADE", name="fk_responses_seat_id_seats"
        ),
    )
    op.create_index("ix_responses_seat_id", "responses", ["seat_id"])
    op.create_index("ix_responses_class_state", "responses", ["class_id", "state", "id"])
    op.create_table(
        "response_tags",
        sa.Column("response_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("tag", sa.String(64), nullable=False),
        sa.Column("class_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("response_id", "kind", "tag", name="pk_response_tags"),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            ondelete="CASCADE",
            name="fk_response_tags_response_id_responses",
        ),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            ondelete="CASCADE",
            name="fk_response_tags_class_id_classes",
        ),
    )
    op.create_index("ix_response_tags_class_kind", "response_tags", ["class_id", "kind"])
    op.create_table(
        "limit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("class_id", sa.Integer, nullable=False),
        sa.Column("seat_id", sa.Integer),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_limit_events"),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            ondelete="CASCADE",
            name="fk_limit_events_class_id_classes",
        ),
        sa.ForeignKeyConstraint(
            ["seat_id"], ["seats.id"], ondelete="CASCADE", name="fk_limit_events_seat_id_seats"
        ),
    )
    op.create_index("ix_limit_events_class_action_at", "limit_events", ["class_id", "action", "at"])
    op.create_index("ix_limit_events_seat_action_at", "limit_events", ["seat_id", "action", "at"])
    op.create_index("ix_limit_events_at", "limit_events", ["at"])


def downgrade() -> None:
    for table in ("limit_events", "response_tags", "responses", "seat_tokens", "seats"):
        op.drop_table(table)
    op.drop_table("classes")
