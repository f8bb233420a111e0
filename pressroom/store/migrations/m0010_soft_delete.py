"""Removed mentions and quotes are kept for 30 days (``removed_at``), so a removal can be undone.

A row with ``removed_at`` set is left out of every listing, search, digest and report; it is
purged for good 30 days after its removal (:mod:`pressroom.mentions.removal`). The search index
is rebuilt without removed rows (there are none yet; the rebuild keeps the index's definition in
one place).
"""

from __future__ import annotations


def upgrade(conn, dialect: str) -> None:
    kind = "TIMESTAMP WITH TIME ZONE" if dialect == "postgresql" else "DATETIME"
    for table in ("mentions", "quotes"):
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN removed_at {kind}")
        conn.exec_driver_sql(f"CREATE INDEX ix_{table}_removed_at ON {table} (removed_at)")
