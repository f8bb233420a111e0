"""The mention, quote and outlet listings as commands call them, with their SQLite fast path.

On a :class:`~pressroom.store.lite.LiteStore` (an up-to-date SQLite file, opened without
SQLAlchemy) the plain-SQL forms below answer; on a :class:`~pressroom.store.Store`, and for
``--search`` (the full-text index is built and queried by :mod:`pressroom.store.search`), the
Core forms in :mod:`.records` and :mod:`.outlets` do. Each plain-SQL statement is the SQLite text
of its Core twin, and gives the same rows: ``tests/test_store_lite.py`` runs both forms on the same
data and compares them, filter by filter. Filters, checks and the shape of the rows are shared
(:mod:`.listing`), so only the SQL is written twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pressroom.mentions.listing import (Filters, check_range, checked_limit, clean_tags,
                                        mention_dict, no_such, outlet_dicts, quote_dict,
                                        shown_mention, speaker_match, with_children)
from pressroom.store.lite import is_lite

MENTION_COLUMNS = ("mentions.id, mentions.url, outlets.name AS outlet, outlets.type AS outlet_type,"
                   " mentions.title, mentions.published, mentions.reporter, mentions.release_slug,"
                   " mentions.excerpt")
FROM_MENTIONS = " FROM mentions JOIN outlets ON outlets.id = mentions.outlet_id"
MENTIONS = f"SELECT {MENTION_COLUMNS}{FROM_MENTIONS}"
MENTION = (f"SELECT {MENTION_COLUMNS}, mentions.body, mentions.logged_at, mentions.logged_by,"
           f" mentions.removed_at, mentions.blurb{FROM_MENTIONS} WHERE mentions.id = ?")
COUNT = f"SELECT count(*){FROM_MENTIONS}"
QUOTES = ("SELECT quotes.id, quotes.mention_id, quotes.speaker_id, quotes.speaker_name, quotes.text,"
          " outlets.name AS outlet, mentions.title, mentions.published, mentions.url FROM quotes"
          " JOIN mentions ON mentions.id = quotes.mention_id"
          " JOIN outlets ON outlets.id = mentions.outlet_id")
OUTLETS = ("SELECT outlets.id, outlets.name, outlets.type, outlets.domain,"
           " coalesce(counts.n, 0) AS mentions FROM outlets LEFT OUTER JOIN"
           " (SELECT mentions.outlet_id AS outlet_id, count(*) AS n FROM mentions"
           " WHERE mentions.removed_at IS NULL GROUP BY mentions.outlet_id) AS counts"
           " ON counts.outlet_id = outlets.id ORDER BY outlets.name_key")
ALIASES = "SELECT outlet_id, alias FROM outlet_aliases ORDER BY alias_key"


def list_mentions(store: Any, workspace: Any, filters: Filters | None = None) -> list[dict]:
    """:func:`pressroom.mentions.records.list_mentions`, on either kind of store."""
    filters = filters or Filters()
    if not _fast(store, filters):
        from pressroom.mentions import records

        return records.list_mentions(_full(store), workspace, filters)
    with store.connect() as conn:
        where, params = _where(conn, workspace, filters, quote_level=False)
        sql, params = _limited(f"{MENTIONS}{where} ORDER BY mentions.published DESC,"
                               " mentions.id DESC", params, checked_limit(filters, False))
        rows = [mention_dict(_dated(r)) for r in conn.execute(sql, params)]
        return with_children(rows, lambda chunk: _children(conn, chunk))


def get_mention(store: Any, mention_id: int) -> dict:
    """:func:`pressroom.mentions.records.get_mention`, on either kind of store."""
    if not is_lite(store):
        from pressroom.mentions import records

        return records.get_mention(store, mention_id)
    with store.connect() as conn:
        no_such("mention", mention_id)
        row = conn.execute(MENTION, (mention_id,)).fetchone()
        return shown_mention(mention_id, row and _dated(row), lambda rows: with_children(
            rows, lambda chunk: _children(conn, chunk)))


def count_mentions(store: Any, workspace: Any, filters: Filters | None = None) -> int:
    """:func:`pressroom.mentions.records.count_mentions`, on either kind of store."""
    filters = filters or Filters()
    if not _fast(store, filters):
        from pressroom.mentions import records

        return records.count_mentions(_full(store), workspace, filters)
    with store.connect() as conn:
        where, params = _where(conn, workspace, filters, quote_level=False)
        return conn.execute(COUNT + where, params).fetchone()[0]


def list_quotes(store: Any, workspace: Any, filters: Filters | None = None) -> list[dict]:
    """:func:`pressroom.mentions.records.list_quotes`, on either kind of store."""
    filters = filters or Filters()
    if not _fast(store, filters):
        from pressroom.mentions import records

        return records.list_quotes(_full(store), workspace, filters)
    with store.connect() as conn:
        where, params = _where(conn, workspace, filters, quote_level=True)
        sql, params = _limited(f"{QUOTES}{where} ORDER BY mentions.published DESC,"
                               " mentions.id DESC, quotes.id", params,
                               checked_limit(filters, False))
        return [quote_dict(_dated(r)) for r in conn.execute(sql, params)]


def list_outlets(store: Any) -> list[dict]:
    """:func:`pressroom.mentions.outlets.list_outlets`, on either kind of store."""
    if not is_lite(store):
        from pressroom.mentions import outlets

        return outlets.list_outlets(store)
    with store.connect() as conn:
        return outlet_dicts(conn.execute(OUTLETS).fetchall(), conn.execute(ALIASES))


# ---- the plain-SQL pieces ---------------------------------------------------------------------

def _fast(store: Any, filters: Filters) -> bool:
    return is_lite(store) and filters.search is None


def _full(store: Any) -> Any:
    return store.full() if is_lite(store) else store


def _dated(row: Any) -> Any:
    """*row* with ``published`` as a date, as SQLAlchemy's Date type reads it on SQLite."""
    published = row.published
    return row._replace(published=None if published is None else dt.date.fromisoformat(published))


def _limited(sql: str, params: list, limit: int | None) -> tuple[str, list]:
    return (sql, params) if limit is None else (f"{sql} LIMIT ?", [*params, limit])


def _where(conn: Any, workspace: Any, filters: Filters, *, quote_level: bool) -> tuple[str, list]:
    """The WHERE clause of ``records._filtered`` for *filters* (``--search`` aside)."""
    check_range(filters)
    clauses, params = ["mentions.removed_at IS NULL"], []
    if quote_level:
        clauses.append("quotes.removed_at IS NULL")
    if filters.since:
        clauses.append("mentions.published >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("mentions.published <= ?")
        params.append(filters.until.isoformat())
    if filters.outlet:
        clauses.append("mentions.outlet_id = ?")
        params.append(_outlet_id(conn, filters.outlet))
    if filters.release:
        clauses.append("mentions.release_slug = ?")
        params.append(filters.release.strip())
    if filters.speaker:
        column, value = speaker_match(workspace, filters.speaker)
        condition = ("quotes.speaker_id = ?" if column == "speaker_id"
                     else "lower(quotes.speaker_name) = ?")
        clauses.append(condition if quote_level else
                       "EXISTS (SELECT quotes.id FROM quotes WHERE quotes.mention_id = mentions.id"
                       f" AND {condition} AND quotes.removed_at IS NULL)")
        params.append(value)
    for tag in clean_tags(filters.tags):
        clauses.append("EXISTS (SELECT mention_tags.tag FROM mention_tags WHERE"
                       " mention_tags.mention_id = mentions.id AND mention_tags.tag = ?)")
        params.append(tag)
    return " WHERE " + " AND ".join(clauses), params


def _outlet_id(conn: Any, name: str) -> int:
    """``outlets.get_outlet(conn, name).id``: by the outlet's own name, then by an alias."""
    from pressroom.mentions.names import name_key, no_such_outlet

    key = name_key(name)
    row = None
    if key:
        row = conn.execute("SELECT outlets.id FROM outlets WHERE outlets.name_key = ?",
                           (key,)).fetchone() or conn.execute(
            "SELECT outlets.id FROM outlets JOIN outlet_aliases ON outlet_aliases.outlet_id ="
            " outlets.id WHERE outlet_aliases.alias_key = ?", (key,)).fetchone()
    if row is None:
        raise no_such_outlet(name, (r.name for r in conn.execute("SELECT outlets.name FROM outlets")))
    return row.id


def _children(conn: Any, chunk: list[int]) -> tuple:
    marks = ", ".join("?" * len(chunk))
    return (conn.execute("SELECT id, mention_id, speaker_id, speaker_name, text FROM quotes"
                         f" WHERE mention_id IN ({marks}) AND removed_at IS NULL ORDER BY id",
                         chunk),
            conn.execute(f"SELECT mention_id, tag FROM mention_tags WHERE mention_id IN ({marks})"
                         " ORDER BY tag", chunk))
