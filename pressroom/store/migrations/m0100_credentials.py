"""Press credentials: requests, their transitions, and per-event lock rows (frozen as first released)."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, false)


def upgrade(conn, dialect: str) -> None:
    md = MetaData()
    Table("credential_requests", md,
          Column("id", Integer, primary_key=True),
          Column("event_id", String(64), nullable=False),
          Column("name", String(200)),
          Column("email", String(254)),
          Column("email_key", String(254)),
          Column("phone", String(50)),
          Column("outlet", String(300), nullable=False),
          Column("outlet_key", String(300), nullable=False),
          Column("role", String(20), nullable=False),
          Column("credential_type", String(40), nullable=False),
          Column("days", String(200), nullable=False, server_default=""),
          Column("assignment", Text),
          Column("evidence", Text),
          Column("status", String(20), nullable=False),
          Column("routed_to", String(64)),
          Column("submitted_at", DateTime(timezone=True), nullable=False),
          Column("decided_at", DateTime(timezone=True)),
          Column("decided_by", String(64)),
          Column("late", Boolean, nullable=False, server_default=false()),
          Column("duplicate_of", Integer, ForeignKey("credential_requests.id")),
          Column("source", String(300)),
          Column("purged_at", DateTime(timezone=True)),
          Index("ix_credential_requests_event_status", "event_id", "status"),
          Index("ix_credential_requests_event_email", "event_id", "email_key"))
    Table("credential_transitions", md,
          Column("id", Integer, primary_key=True),
          Column("request_id", Integer, ForeignKey("credential_requests.id", ondelete="CASCADE"),
                 nullable=False),
          Column("from_status", String(20)),
          Column("to_status", String(20), nullable=False),
          Column("at", DateTime(timezone=True), nullable=False),
          Column("by", String(64)),
          Column("note", Text),
          Column("over_capacity", Boolean, nullable=False, server_default=false()),
          Index("ix_credential_transitions_request_id", "request_id"))
    Table("credential_event_locks", md,
          Column("event_id", String(64), primary_key=True),
          Column("version", Integer, nullable=False, server_default="0"))
    md.create_all(conn)
