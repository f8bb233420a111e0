"""The full-text index over mentions (titles, excerpts, article text, quotes).

SQLite: a standalone FTS5 table whose rowid is the mention id. PostgreSQL: a table of tsvectors
with a GIN index. Both are filled here for the mentions an older database already holds, and kept
in step by :mod:`pressroom.store.search` in the same transaction as every write.
"""

from __future__ import annotations


def upgrade(conn, dialect: str) -> None:
    if dialect == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE mention_fts USING fts5("
            "title, excerpt, body, quotes, tokenize='porter unicode61')")
    else:
        conn.exec_driver_sql(
            "CREATE TABLE mention_search ("
            " mention_id integer PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,"
            " document tsvector NOT NULL)")
        conn.exec_driver_sql(
            "CREATE INDEX ix_mention_search_document ON mention_search USING gin (document)")
    # The index's documents as they were at this migration (frozen: the current definition in
    # pressroom.store.search reads columns that later migrations add).
    if dialect == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO mention_fts (rowid, title, excerpt, body, quotes) "
            "SELECT m.id, m.title, coalesce(m.excerpt, ''), coalesce(m.body, ''),"
            " coalesce((SELECT group_concat(q.text, ' ') FROM quotes q WHERE q.mention_id = m.id),"
            " '') FROM mentions m")
    else:
        conn.exec_driver_sql(
            "INSERT INTO mention_search (mention_id, document) "
            "SELECT m.id, to_tsvector('english', concat_ws(' ', m.title, m.excerpt, m.body,"
            " (SELECT string_agg(q.text, ' ') FROM quotes q WHERE q.mention_id = m.id)))"
            " FROM mentions m")
