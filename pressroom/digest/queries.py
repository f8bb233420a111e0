"""The digest's reads. Every query is bounded: by the period on ``mentions.published``, by a
release's slug on ``mentions.release_slug``, or by a list of mention ids on
``quotes.mention_id`` — all indexed. Nothing here reads the whole mentions or quotes table, nor a
removed row (``removed_at``: see :mod:`pressroom.mentions.removal`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable

from pressroom.store.schema import live_mentions, live_quotes, mentions, outlets, quotes

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from pressroom.digest.periods import Period

_ID_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def _in_period(since: dt.date, until: dt.date, speaker: str | None) -> Any:
    from sqlalchemy import and_, exists

    condition = and_(mentions.c.published >= since, mentions.c.published <= until,
                     live_mentions())
    if speaker is not None:
        quoted = quotes.alias("speaker_quotes")
        condition = and_(condition, exists().where(quoted.c.mention_id == mentions.c.id,
                                                   quoted.c.speaker_id == speaker,
                                                   live_quotes(quoted))
                         .correlate(mentions))
    return condition


def _mention_columns() -> list[Any]:
    return [mentions.c.id, mentions.c.url, mentions.c.title, mentions.c.published,
            mentions.c.reporter, mentions.c.excerpt, mentions.c.release_slug,
            mentions.c.outlet_id, outlets.c.name.label("outlet"), outlets.c.type.label("outlet_type")]


def period_mentions(conn: "Connection", period: "Period", speaker: str | None = None) -> list[dict]:
    """The period's mentions with their outlet, newest first."""
    from sqlalchemy import select

    query = (select(*_mention_columns())
             .select_from(mentions.join(outlets, outlets.c.id == mentions.c.outlet_id))
             .where(_in_period(period.since, period.until, speaker))
             .order_by(mentions.c.published.desc(), mentions.c.id.desc()))
    return [dict(row._mapping) for row in conn.execute(query)]


def release_mentions(conn: "Connection", slug: str, until: dt.date | None = None) -> list[dict]:
    """Mentions logged as covering the release *slug* (published up to *until*), newest first.

    The date is filtered here, not in SQL: given ``published <= until`` SQLite's planner may walk
    the (much less selective) published index instead of the release_slug one."""
    from sqlalchemy import select

    query = (select(*_mention_columns())
             .select_from(mentions.join(outlets, outlets.c.id == mentions.c.outlet_id))
             .where(mentions.c.release_slug == slug, live_mentions()))
    rows = [dict(row._mapping) for row in conn.execute(query)]
    if until is not None:
        rows = [row for row in rows if row["published"] <= until]
    rows.sort(key=lambda row: (row["published"], row["id"]), reverse=True)
    return rows


def quotes_of(conn: "Connection", mention_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The quotes of these mentions, by mention id, in the order they were logged."""
    from sqlalchemy import select

    ids = sorted(set(mention_ids))
    found: dict[int, list[dict]] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        query = (select(quotes.c.id, quotes.c.mention_id, quotes.c.speaker_id,
                        quotes.c.speaker_name, quotes.c.text)
                 .where(quotes.c.mention_id.in_(ids[start:start + _ID_CHUNK]), live_quotes())
                 .order_by(quotes.c.mention_id, quotes.c.id))
        for row in conn.execute(query):
            found.setdefault(row.mention_id, []).append(dict(row._mapping))
    return found


def totals(conn: "Connection", period: "Period", speaker: str | None = None) -> dict[str, int]:
    """Mentions, distinct outlets and spokesperson quotes in the period (the comparison figures)."""
    from sqlalchemy import distinct, func, select

    condition = _in_period(period.since, period.until, speaker)
    count, outlet_count = conn.execute(
        select(func.count(), func.count(distinct(mentions.c.outlet_id))).where(condition)).one()
    quote_query = (select(func.count())
                   .select_from(quotes.join(mentions, mentions.c.id == quotes.c.mention_id))
                   .where(condition, live_quotes()))
    quote_query = quote_query.where(quotes.c.speaker_id == speaker if speaker is not None
                                    else quotes.c.speaker_id.is_not(None))
    return {"mentions": int(count), "outlets": int(outlet_count),
            "quotes": int(conn.execute(quote_query).scalar_one())}


def counts_by_type(conn: "Connection", period: "Period", speaker: str | None = None) -> dict[str, int]:
    """Mentions per outlet type in the period (``None`` for outlets with no type)."""
    from sqlalchemy import func, select

    query = (select(outlets.c.type, func.count())
             .select_from(mentions.join(outlets, outlets.c.id == mentions.c.outlet_id))
             .where(_in_period(period.since, period.until, speaker))
             .group_by(outlets.c.type))
    return {kind: int(n) for kind, n in conn.execute(query)}
