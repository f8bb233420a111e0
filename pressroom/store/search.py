"""Full-text search over mentions: titles, excerpts, article text and quotes.

SQLite keeps an FTS5 table (``mention_fts``, rowid = mention id); PostgreSQL a ``mention_search``
table of ``to_tsvector('english', ...)`` documents with a GIN index. Every write that changes what
is searchable calls :func:`reindex` in its own transaction; bulk imports index once per batch, in
the batch's transaction (:func:`index_new`, :func:`index_sqlite_after`).
The user's words are always bound parameters; for FTS5 each word is quoted as a phrase, so
``"``, ``*``, ``NEAR``, ``-`` or ``:`` are searched for, never interpreted.
"""

from __future__ import annotations

import re
from typing import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)

# Characters of each text (article, excerpt, quotes) that are searchable, on both databases.
# PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"), which a 900 KB
# article reaches; 100,000 characters (a very long article) stays far below it even in 4-byte
# characters, so indexing is capped, never fatal. The stored text itself is whole.
INDEX_CHARS = 100_000

_SQLITE_DOC = (
    f"SELECT m.id, substr(m.title, 1, {INDEX_CHARS}), substr(coalesce(m.excerpt, ''), 1, {INDEX_CHARS}),"
    f" substr(coalesce(m.body, ''), 1, {INDEX_CHARS}),"
    " substr(coalesce((SELECT group_concat(q.text, ' ') FROM quotes q"
    " WHERE q.mention_id = m.id AND q.removed_at IS NULL),"
    f" ''), 1, {INDEX_CHARS})"
    " FROM mentions m WHERE m.removed_at IS NULL")
_PG_DOC = (
    f"SELECT m.id, to_tsvector('english', concat_ws(' ', left(m.title, {INDEX_CHARS}),"
    f" left(m.excerpt, {INDEX_CHARS}), left(m.body, {INDEX_CHARS}),"
    " left((SELECT string_agg(q.text, ' ') FROM quotes q"
    " WHERE q.mention_id = m.id AND q.removed_at IS NULL),"
    f" {INDEX_CHARS})))"
    " FROM mentions m WHERE m.removed_at IS NULL")


def reindex(conn, dialect: str, mention_ids: Iterable[int]) -> None:
    """Bring the index up to date for these mentions (deleted or removed ones drop out)."""
    ids = sorted(set(int(i) for i in mention_ids))
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        marks = ",".join(str(i) for i in chunk)  # integers only: safe to inline
        if dialect == "sqlite":
            conn.exec_driver_sql(f"DELETE FROM mention_fts WHERE rowid IN ({marks})")
            conn.exec_driver_sql(
                "INSERT INTO mention_fts (rowid, title, excerpt, body, quotes) "
                f"{_SQLITE_DOC} AND m.id IN ({marks})")
        else:
            conn.exec_driver_sql(f"DELETE FROM mention_search WHERE mention_id IN ({marks})")
            conn.exec_driver_sql(
                f"INSERT INTO mention_search (mention_id, document) {_PG_DOC} AND m.id IN ({marks})")


def index_new(conn, dialect: str, mention_ids: Iterable[int]) -> None:
    """Index mentions that were just inserted (nothing to delete first): the import's fast path."""
    ids = sorted(set(int(i) for i in mention_ids))
    if not ids:
        return
    for start in range(0, len(ids), 5000):
        marks = ",".join(str(i) for i in ids[start:start + 5000])
        if dialect == "sqlite":
            conn.exec_driver_sql("INSERT INTO mention_fts (rowid, title, excerpt, body, quotes) "
                                 f"{_SQLITE_DOC} AND m.id IN ({marks})")
        else:
            conn.exec_driver_sql(
                f"INSERT INTO mention_search (mention_id, document) {_PG_DOC} AND m.id IN ({marks})")


def index_sqlite_after(cursor, before_id: int) -> None:
    """Index every mention with an id above *before_id* (SQLite, DBAPI cursor): one statement.

    For a bulk insert inside a BEGIN IMMEDIATE transaction, where those are exactly the mentions
    this transaction added (no other writer can insert meanwhile)."""
    cursor.execute("INSERT INTO mention_fts (rowid, title, excerpt, body, quotes) "
                   f"{_SQLITE_DOC} AND m.id > ?", (int(before_id),))


def reindex_all(conn, dialect: str) -> None:
    """Rebuild the whole index (after a migration or a restore)."""
    if dialect == "sqlite":
        conn.exec_driver_sql("DELETE FROM mention_fts")
        conn.exec_driver_sql(f"INSERT INTO mention_fts (rowid, title, excerpt, body, quotes) {_SQLITE_DOC}")
    else:
        conn.exec_driver_sql("DELETE FROM mention_search")
        conn.exec_driver_sql(f"INSERT INTO mention_search (mention_id, document) {_PG_DOC}")


def words(text: str) -> list[str]:
    """The searchable words of what the user typed (punctuation and operators dropped)."""
    return _WORD.findall(text)


def fts5_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every word quoted as a phrase, all required."""
    found = words(text)
    if not found:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in found)


def match_clause(dialect: str, text: str):
    """(SQL fragment selecting matching mention ids with a rank, bind parameters) or None.

    The fragment is a subquery yielding ``(mention_id, rank)``; a lower rank is a better match.
    """
    from sqlalchemy import text as sql

    found = words(text)
    if not found:
        return None
    if dialect == "sqlite":
        return sql("SELECT rowid AS mention_id, bm25(mention_fts) AS rank FROM mention_fts "
                   "WHERE mention_fts MATCH :q").bindparams(q=fts5_query(text))
    return sql("SELECT mention_id, -ts_rank(document, q) AS rank "
               "FROM mention_search, plainto_tsquery('english', :q) AS q "
               "WHERE document @@ q").bindparams(q=" ".join(found))
