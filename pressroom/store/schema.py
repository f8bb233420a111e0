"""The database tables (SQLAlchemy Core), as every module sees them today.

This is the *current* shape of the data, used by queries and by backup. Migrations do not import
it: each migration carries its own frozen definition, so an old database can always be upgraded.
Other modules add their tables to the same :data:`metadata` (credentials: ``pressroom.credentials.
tables``, journalists and distribution: ``pressroom.journalists.tables``). The full-text index (``mention_fts`` on SQLite, ``mention_search`` on PostgreSQL) is
derived data: it is not listed here, not backed up, and rebuilt by :mod:`pressroom.store.search`.
"""

from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text)

metadata = MetaData()

outlets = Table(
    "outlets", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False, unique=True),  # case/punctuation-folded name
    Column("type", String(20)),                                      # OUTLET_TYPES or NULL
    Column("domain", String(255), index=True),                       # web domain without www.
)

outlet_aliases = Table(
    "outlet_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("outlet_id", Integer, ForeignKey("outlets.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("alias", String(300), nullable=False),
    Column("alias_key", String(300), nullable=False, unique=True),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),  # canonical (pressroom.mentions.urls)
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("published", Date, nullable=False),
    Column("reporter", String(300)),
    Column("excerpt", Text),
    Column("body", Text),
    Column("release_slug", String(200)),
    Column("blurb", Text),  # the website's lead for the item; NULL: written from the quote
    Column("logged_at", DateTime(timezone=True), nullable=False),  # UTC
    Column("logged_by", String(100), nullable=False),
    Column("removed_at", DateTime(timezone=True)),  # UTC; set: removed, purged 30 days later
    Index("ix_mentions_published", "published"),
    Index("ix_mentions_outlet_id", "outlet_id"),
    Index("ix_mentions_release_slug", "release_slug"),
    Index("ix_mentions_removed_at", "removed_at"),
)

mention_tags = Table(
    "mention_tags", metadata,
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False),
    Column("tag", String(100), nullable=False),
    PrimaryKeyConstraint("mention_id", "tag"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", String(64)),      # a spokesperson id from pressroom.yaml, or NULL
    Column("speaker_name", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Column("removed_at", DateTime(timezone=True)),  # as for mentions
    Index("ix_quotes_mention_id", "mention_id"),
    Index("ix_quotes_speaker_id", "speaker_id"),
    Index("ix_quotes_removed_at", "removed_at"),
)



def register_table(name: str, *args) -> Table:  # noqa: ANN002
    """Define table *name* on :data:`metadata` for a domain module (credentials, journalists...);
    importing the module twice returns the same table rather than redefining it."""
    if name in metadata.tables:
        return metadata.tables[name]
    return Table(name, metadata, *args)


def live_mentions():
    """The condition every reader of mentions applies: not removed (see m0010_soft_delete)."""
    return mentions.c.removed_at.is_(None)


def live_quotes(table=None):
    """Quotes not removed (*table*: an alias of ``quotes``)."""
    return (quotes if table is None else table).c.removed_at.is_(None)


# Tables that are not records (kept out of backups): the migration log.
BOOKKEEPING = ("schema_migrations",)


def load_all_tables() -> MetaData:
    """The metadata with every module's tables registered (credentials add theirs on import)."""
    import pressroom.credentials.tables  # noqa: F401  (registers its tables on `metadata`)
    import pressroom.journalists.tables  # noqa: F401  (journalists and the send log)

    return metadata
