"""Journalists, media lists, suppressions, history; the send log, scheduled sends and bounces
(frozen as first released)."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text, UniqueConstraint, false)


def upgrade(conn, dialect: str) -> None:
    md = MetaData()
    md.reflect(conn, only=["outlets"])  # the foreign keys point at the mentions' outlets
    Table("journalists", md,
        Column("id", Integer, primary_key=True),
        Column("email", String(254)),
        Column("email_key", String(254), unique=True),
        Column("name", String(200)),
        Column("outlet_id", Integer, ForeignKey("outlets.id")),
        Column("beat", String(200)),
        Column("title", String(200)),
        Column("phone", String(50)),
        Column("note", Text),
        Column("opted_out", Boolean, nullable=False, server_default=false()),
        Column("bounced_at", DateTime(timezone=True)),
        Column("forgotten_at", DateTime(timezone=True)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Index("ix_journalists_outlet_id", "outlet_id"),
    )

    Table("journalist_lists", md,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False),
        Column("name_key", String(100), nullable=False, unique=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )

    Table("journalist_memberships", md,
        Column("list_id", Integer, ForeignKey("journalist_lists.id", ondelete="CASCADE"), nullable=False),
        Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="CASCADE"),
               nullable=False),
        PrimaryKeyConstraint("list_id", "journalist_id"),
        Index("ix_journalist_memberships_journalist_id", "journalist_id"),
    )

    Table("journalist_suppressions", md,
        Column("hash", String(64), primary_key=True),
        Column("reason", String(40), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
    )

    Table("journalist_history", md,
        Column("id", Integer, primary_key=True),
        Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="SET NULL")),
        Column("action", String(40), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("by", String(100)),
        Column("detail", Text),
        Index("ix_journalist_history_journalist_id", "journalist_id"),
    )

    Table("journalist_keys", md,
        Column("name", String(40), primary_key=True),
        Column("value", String(128), nullable=False),
    )

    Table("distribution_sends", md,
        Column("id", Integer, primary_key=True),
        Column("release_slug", String(200), nullable=False),
        Column("journalist_id", Integer, ForeignKey("journalists.id"), nullable=False),
        Column("outlet_id", Integer, ForeignKey("outlets.id")),
        Column("list_name", String(100)),
        Column("status", String(20), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("error", Text),
        Column("message_id", String(300), nullable=False),
        UniqueConstraint("release_slug", "journalist_id", name="uq_distribution_sends_release_journalist"),
        Index("ix_distribution_sends_release_status", "release_slug", "status"),
    )

    Table("distribution_schedule", md,
        Column("id", Integer, primary_key=True),
        Column("release_slug", String(200), nullable=False),
        Column("lists", Text, nullable=False, server_default=""),
        Column("recipients", Text, nullable=False, server_default=""),
        Column("embargoed", Boolean, nullable=False, server_default=false()),
        Column("due_at", DateTime(timezone=True), nullable=False),
        Column("status", String(20), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("done_at", DateTime(timezone=True)),
        Column("error", Text),
        Index("ix_distribution_schedule_status_due", "status", "due_at"),
    )

    Table("distribution_bounces", md,
        Column("id", Integer, primary_key=True),
        Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="SET NULL")),
        Column("status", String(20), nullable=False),
        Column("diagnostic", Text),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("source", String(300)),
        Index("ix_distribution_bounces_journalist_id", "journalist_id"),
    )
    md.create_all(conn)
