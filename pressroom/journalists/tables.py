"""The journalist and distribution tables, registered on :data:`pressroom.store.schema.metadata`.

``journalists``: the media directory (personal fields NULL once forgotten); ``journalist_lists``
and ``journalist_memberships``: named media lists; ``journalist_suppressions``: keyed hashes of
forgotten addresses, so an import cannot bring them back; ``journalist_history``: every change
(added, edited, opted out, forgotten, bounced); ``journalist_keys``: the secret the suppression
hashes are keyed with. Distribution: ``distribution_sends`` (the send log, one row per release and
journalist), ``distribution_schedule`` (sends queued with ``--at``) and ``distribution_bounces``
(hard bounces read from delivery status notifications).
The frozen original of these definitions is in ``store/migrations/m0200_journalists.py``.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, PrimaryKeyConstraint,
                        String, Text, UniqueConstraint, false)

from pressroom.store.schema import register_table as _table


journalists = _table(
    "journalists",
    Column("id", Integer, primary_key=True),
    Column("email", String(254)),                   # NULL once forgotten
    Column("email_key", String(254), unique=True),  # normalised (lower-case), NULL once forgotten
    Column("name", String(200)),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),
    Column("beat", String(200)),
    Column("title", String(200)),
    Column("phone", String(50)),
    Column("note", Text),
    Column("opted_out", Boolean, nullable=False, server_default=false()),
    Column("bounced_at", DateTime(timezone=True)),  # a hard bounce: never mailed again
    Column("forgotten_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_journalists_outlet_id", "outlet_id"),
)

journalist_lists = _table(
    "journalist_lists",
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

journalist_memberships = _table(
    "journalist_memberships",
    Column("list_id", Integer, ForeignKey("journalist_lists.id", ondelete="CASCADE"), nullable=False),
    Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="CASCADE"),
           nullable=False),
    PrimaryKeyConstraint("list_id", "journalist_id"),
    Index("ix_journalist_memberships_journalist_id", "journalist_id"),
)

journalist_suppressions = _table(
    "journalist_suppressions",
    Column("hash", String(64), primary_key=True),   # HMAC-SHA256 of the normalised address
    Column("reason", String(40), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

journalist_history = _table(
    "journalist_history",
    Column("id", Integer, primary_key=True),
    Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="SET NULL")),
    Column("action", String(40), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(100)),
    Column("detail", Text),
    Index("ix_journalist_history_journalist_id", "journalist_id"),
)

journalist_keys = _table(
    "journalist_keys",
    Column("name", String(40), primary_key=True),
    Column("value", String(128), nullable=False),
)

distribution_sends = _table(
    "distribution_sends",
    Column("id", Integer, primary_key=True),
    Column("release_slug", String(200), nullable=False),
    Column("journalist_id", Integer, ForeignKey("journalists.id"), nullable=False),
    Column("outlet_id", Integer, ForeignKey("outlets.id")),  # the outlet at the time of sending
    Column("list_name", String(100)),
    Column("status", String(20), nullable=False),  # sending, sent, outbox, deferred, failed
    Column("at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("message_id", String(300), nullable=False),
    UniqueConstraint("release_slug", "journalist_id", name="uq_distribution_sends_release_journalist"),
    Index("ix_distribution_sends_release_status", "release_slug", "status"),
)

distribution_schedule = _table(
    "distribution_schedule",
    Column("id", Integer, primary_key=True),
    Column("release_slug", String(200), nullable=False),
    Column("lists", Text, nullable=False, server_default=""),      # JSON list of list names
    Column("recipients", Text, nullable=False, server_default=""),  # JSON list of addresses
    Column("embargoed", Boolean, nullable=False, server_default=false()),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),  # queued, done, failed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    Column("error", Text),
    Index("ix_distribution_schedule_status_due", "status", "due_at"),
)

distribution_bounces = _table(
    "distribution_bounces",
    Column("id", Integer, primary_key=True),
    Column("journalist_id", Integer, ForeignKey("journalists.id", ondelete="SET NULL")),
    Column("status", String(20), nullable=False),  # the DSN's status code (5.1.1)
    Column("diagnostic", Text),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("source", String(300)),                 # "bounces.mbox: message 3"
    Index("ix_distribution_bounces_journalist_id", "journalist_id"),
)
