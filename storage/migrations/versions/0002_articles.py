"""Published articles and drafts in progress in the database, so several app servers share
them: each name's current version, every version with its files, and the drafts' autosave.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("slug", name="pk_articles"),
    )
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("published", sa.DateTime, nullable=False),
        sa.Column("publisher", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article_versions"),
        sa.ForeignKeyConstraint(
            ["slug"],
            ["articles.slug"],
            ondelete="CASCADE",
            name="fk_article_versions_slug_articles",
        ),
        sa.UniqueConstraint("slug", "version", name="uq_article_versions_slug"),
    )
    op.create_table(
        "article_files",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("version_id", "name", name="pk_article_files"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["article_versions.id"],
            ondelete="CASCADE",
            name="fk_article_files_version_id_article_versions",
        ),
    )
    op.create_table(
        "drafts",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("work", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("saved", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("token", name="pk_drafts"),
    )
    op.create_index("ix_drafts_saved", "drafts", ["saved"])


def downgrade() -> None:
    op.drop_index("ix_drafts_saved", "drafts")
    for table in ("drafts", "article_files", "article_versions", "articles"):
        op.drop_table(table)
