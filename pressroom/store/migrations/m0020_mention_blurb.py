"""A mention's own one-line lead for the newsroom website (``mention edit ID --blurb``).

NULL means the site writes the lead itself (the digest's "That's part of what ... told ..." line).
"""

from __future__ import annotations


def upgrade(conn, dialect: str) -> None:
    conn.exec_driver_sql("ALTER TABLE mentions ADD COLUMN blurb TEXT")
