"""The credential tables, registered on :data:`pressroom.store.schema.metadata`.

``credential_requests`` holds one row per request (personal data nulled by ``purge``);
``credential_transitions`` every move of every request (from, to, when in UTC, by whom, why);
``credential_event_locks`` one row per event, locked ``FOR UPDATE`` on PostgreSQL by every
transaction that creates or approves a request for that event, so that capacity checks and
duplicate checks are serialised (SQLite serialises writers with ``BEGIN IMMEDIATE`` already).
The frozen original of these definitions is in ``store/migrations/m0100_credentials.py``.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text,
                        false)

from pressroom.store.schema import register_table as _table


credential_requests = _table(
    "credential_requests",
    Column("id", Integer, primary_key=True),
    Column("event_id", String(64), nullable=False),
    Column("name", String(200)),                    # NULL once purged
    Column("email", String(254)),                   # NULL once purged
    Column("email_key", String(254)),               # lower-cased, for duplicates; NULL once purged
    Column("phone", String(50)),
    Column("outlet", String(300), nullable=False),
    Column("outlet_key", String(300), nullable=False),  # pressroom.mentions.outlets.name_key
    Column("role", String(20), nullable=False),
    Column("credential_type", String(40), nullable=False),
    Column("days", String(200), nullable=False, server_default=""),  # ISO dates, comma-separated
    Column("assignment", Text),
    Column("evidence", Text),                       # JSON list of URLs and stored file paths
    Column("status", String(20), nullable=False),
    Column("routed_to", String(64)),                # a contact id
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", String(64)),
    Column("late", Boolean, nullable=False, server_default=false()),
    Column("duplicate_of", Integer, ForeignKey("credential_requests.id")),
    Column("source", String(300)),                  # "cli" or "requests.csv: row 4"
    Column("purged_at", DateTime(timezone=True)),
    Index("ix_credential_requests_event_status", "event_id", "status"),
    Index("ix_credential_requests_event_email", "event_id", "email_key"),
)

credential_transitions = _table(
    "credential_transitions",
    Column("id", Integer, primary_key=True),
    Column("request_id", Integer, ForeignKey("credential_requests.id", ondelete="CASCADE"),
           nullable=False),
    Column("from_status", String(20)),              # NULL for the request's creation
    Column("to_status", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(64)),
    Column("note", Text),
    Column("over_capacity", Boolean, nullable=False, server_default=false()),
    Index("ix_credential_transitions_request_id", "request_id"),
)

credential_event_locks = _table(
    "credential_event_locks",
    Column("event_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False, server_default="0"),  # bumped by each locker
)
