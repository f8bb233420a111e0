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
import functools
from typing import Any, Callable

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


def _fast_path(core: str) -> Callable:
    """A listing that runs its plain-SQL form on a LiteStore (unless it searches), else the Core
    form of the same name, *core*, in :mod:`.records`, on the SQLAlchemy store."""
    def wrap(plain: Callable) -> Callable:
        @functools.wraps(plain)
        def run(store: Any, workspace: Any, filters: Filters | None = None) -> Any:
            filters = filters or Filters()
            if is_lite(store) and filters.search is None:
                return plain(store, workspace, filters)
            from pressroom.mentions import records

            return getattr(records, core)(_full(store), workspace, filters)

        run.__doc__ = f":func:`pressroom.mentions.records.{core}`, on either kind of store."
        return run
    return wrap


@_fast_path("list_mentions")
def list_mentions(store: Any, workspace: Any, filters: Filters) -> list[dict]:
    with store.connect() as conn:
        rows = [mention_dict(r) for r in _rows(conn, workspace, filters, MENTIONS,
                                                "mentions.published DESC, mentions.id DESC")]
        return with_children(rows, lambda chunk: _children(conn, chunk))


@_fast_path("count_mentions")
def count_mentions(store: Any, workspace: Any, filters: Filters) -> int:
    with store.connect() as conn:
        where, params = _where(conn, workspace, filters, quote_level=False)
        return conn.execute(COUNT + where, params).fetchone()[0]


@_fast_path("list_quotes")
def list_quotes(store: Any, workspace: Any, filters: Filters) -> list[dict]:
    with store.connect() as conn:
        return [quote_dict(r) for r in _rows(conn, workspace, filters, QUOTES,
                                              "mentions.published DESC, mentions.id DESC, quotes.id",
                                              quote_level=True)]


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


def list_outlets(store: Any) -> list[dict]:
    """:func:`pressroom.mentions.outlets.list_outlets`, on either kind of store."""
    if not is_lite(store):
        from pressroom.mentions import outlets

        return outlets.list_outlets(store)
    with store.connect() as conn:
        return outlet_dicts(conn.execute(OUTLETS).fetchall(), conn.execute(ALIASES))


# ---- the plain-SQL pieces ---------------------------------------------------------------------

def _full(store: Any) -> Any:
    return store.full() if is_lite(store) else store


def _dated(row: Any) -> Any:
    """*row* with ``published`` as a date, as SQLAlchemy's Date type reads it on SQLite."""
    published = row.published
    return row._replace(published=None if published is None else dt.date.fromisoformat(published))


def _rows(conn: Any, workspace: Any, filters: Filters, select: str, order: str, *,
          quote_level: bool = False) -> list:
    """The rows of *select* that match *filters*, in *order*, up to the limit, dated."""
    where, params = _where(conn, workspace, filters, quote_level=quote_level)
    sql = f"{select}{where} ORDER BY {order}"
    limit = checked_limit(filters, False)
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    return [_dated(r) for r in conn.execute(sql, params)]


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
