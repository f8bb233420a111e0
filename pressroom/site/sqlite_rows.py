"""The "in the media" rows read from a SQLite database with the standard library's ``sqlite3``.

Importing SQLAlchemy and opening the store costs a site build about 0.2 s; on SQLite the two
queries the site needs are plain SQL. The reader declines (returns None, and the build opens the
store as ever) whenever anything is not exactly as a current pressroom database is: no file, a
pending migration (``open_store`` applies it, as every command does), a journal mode other than
WAL, a date not written as pressroom writes one, or any error of the database (the store then
reports it in its own words). Its rows equal those of :func:`pressroom.site.model._media_rows` on the same
database (a test holds the two side by side).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from pressroom.store import BUSY_TIMEOUT_MS

_CHOSEN_BY_SPEAKER = ("EXISTS (SELECT 1 FROM quotes WHERE quotes.mention_id = mentions.id"
                      " AND quotes.removed_at IS NULL AND quotes.speaker_id IS NOT NULL)")
_CHOSEN_BY_TAG = ("EXISTS (SELECT 1 FROM mention_tags WHERE mention_tags.mention_id = mentions.id"
                  " AND mention_tags.tag = ?)")


def media_rows(database: Path, choose: str) -> tuple[list, dict] | None:
    """(rows, first quote by mention id) as ``_media_rows`` gives them, or None to decline."""
    from pressroom.site.settings import ALL
    from pressroom.store.lite import up_to_date

    if not database.is_file():
        return None  # open_store creates it (and its folder's errors are its own)
    condition, params = (_CHOSEN_BY_SPEAKER, ()) if choose == ALL else (_CHOSEN_BY_TAG, (choose,))
    try:
        conn = sqlite3.connect(database.absolute().as_uri() + "?mode=rw", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA journal_mode").fetchone() != ("wal",):
            return None
        conn.execute("BEGIN")  # one snapshot for both queries, as the store's reads
        if not up_to_date(conn):
            return None
        rows = conn.execute(
            "SELECT mentions.id, mentions.url, mentions.title, mentions.published,"
            " mentions.excerpt, mentions.release_slug, mentions.blurb, outlets.name, outlets.type"
            " FROM mentions JOIN outlets ON outlets.id = mentions.outlet_id"
            f" WHERE {condition} AND mentions.removed_at IS NULL"
            " ORDER BY mentions.published DESC, mentions.id DESC", params).fetchall()
        quotes = conn.execute(
            "SELECT quotes.mention_id, quotes.speaker_id, quotes.speaker_name, quotes.text"
            " FROM quotes WHERE quotes.mention_id IN (SELECT mentions.id FROM mentions"
            f" WHERE {condition} AND mentions.removed_at IS NULL)"
            " AND quotes.removed_at IS NULL AND quotes.speaker_id IS NOT NULL"
            " ORDER BY quotes.mention_id, quotes.id", params).fetchall()
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    try:
        rows = [(*row[:3], _date(row[3]), *row[4:]) for row in rows]
    except (TypeError, ValueError):
        return None
    first_quote: dict[int, Any] = {}
    for quote in quotes:
        first_quote.setdefault(quote[0], quote)
    return rows, first_quote


def _date(text: Any) -> dt.date:
    """A DATE column's value as the store reads it (SQLite keeps ``YYYY-MM-DD`` text); the other
    columns come as ``sqlite3`` gives them, as through the store. TypeError or ValueError for
    anything else, and the store reads the rows instead."""
    if type(text) is not str or len(text) != 10:
        raise TypeError(text)
    return dt.date.fromisoformat(text)
