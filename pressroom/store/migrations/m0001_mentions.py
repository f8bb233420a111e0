"""Outlets, their aliases, mentions, their tags and quotes (frozen as first released)."""

from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text)


def upgrade(conn, dialect: str) -> None:
    md = MetaData()
    Table("outlets", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(300), nullable=False),
          Column("name_key", String(300), nullable=False, unique=True),
          Column("type", String(20)),
          Column("domain", String(255), index=True))
    Table("outlet_aliases", md,
          Column("id", Integer, primary_key=True),
          Column("outlet_id", Integer, ForeignKey("outlets.id", ondelete="CASCADE"),
                 nullable=False, index=True),
          Column("alias", String(300), nullable=False),
          Column("alias_key", String(300), nullable=False, unique=True))
    Table("mentions", md,
          Column("id", Integer, primary_key=True),
          Column("url", Text, nullable=False, unique=True),
          Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
          Column("title", Text, nullable=False),
          Column("published", Date, nullable=False),
          Column("reporter", String(300)),
          Column("excerpt", Text),
          Column("body", Text),
          Column("release_slug", String(200)),
          Column("logged_at", DateTime(timezone=True), nullable=False),
          Column("logged_by", String(100), nullable=False),
          Index("ix_mentions_published", "published"),
          Index("ix_mentions_outlet_id", "outlet_id"),
          Index("ix_mentions_release_slug", "release_slug"))
    Table("mention_tags", md,
          Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"),
                 nullable=False),
          Column("tag", String(100), nullable=False),
          PrimaryKeyConstraint("mention_id", "tag"))
    Table("quotes", md,
          Column("id", Integer, primary_key=True),
          Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"),
                 nullable=False),
          Column("speaker_id", String(64)),
          Column("speaker_name", String(300), nullable=False),
          Column("text", Text, nullable=False),
          Index("ix_quotes_mention_id", "mention_id"),
          Index("ix_quotes_speaker_id", "speaker_id"))
    md.create_all(conn)
