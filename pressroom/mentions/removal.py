"""Removing mentions and quotes, recoverably: a clip book is an archive.

``mention remove`` and ``quote remove`` set ``removed_at``; the row then drops out of every listing,
search, digest and report (readers apply :func:`pressroom.store.schema.live_mentions` and
``live_quotes``), and ``mention restore`` / ``quote restore`` bring it back unchanged. Rows removed
more than :data:`KEEP_DAYS` days ago are purged for good by the next removal or restore (or
``mention list --removed``), in the same transaction: nothing runs in the background.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update

from pressroom.errors import InputError, NotFoundError
from pressroom.mentions.listing import KEEP_DAYS, purge_date, removed_error  # noqa: F401
from pressroom.store import schema as t
from pressroom.store.search import reindex

m, q = t.mentions, t.quotes


def _now() -> dt.datetime:
    from pressroom.clock import now_utc

    return now_utc().replace(microsecond=0)


def purge_expired(conn, dialect: str, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete for good what was removed more than KEEP_DAYS days before *now*."""
    cutoff = (now or _now()) - dt.timedelta(days=KEEP_DAYS)
    old = select(m.c.id).where(m.c.removed_at.is_not(None), m.c.removed_at <= cutoff)
    ids = list(conn.execute(old).scalars())
    quotes = conn.execute(delete(q).where(q.c.removed_at.is_not(None), q.c.removed_at <= cutoff)
                          ).rowcount
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        conn.execute(delete(t.mention_tags).where(t.mention_tags.c.mention_id.in_(chunk)))
        conn.execute(delete(q).where(q.c.mention_id.in_(chunk)))
        conn.execute(delete(m).where(m.c.id.in_(chunk)))
        reindex(conn, dialect, chunk)  # (they are out of it already; this drops any leftover)
    return {"mentions": len(ids), "quotes": quotes}


def remove_mention(store, mention_id: int) -> dict:
    """Remove a mention (its quotes and tags go with it and come back with it)."""
    from pressroom.mentions.records import _get

    with store.begin() as conn:
        purge_expired(conn, store.dialect)
        gone = _get(conn, mention_id)
        removed_at = _now()
        conn.execute(update(m).where(m.c.id == mention_id).values(removed_at=removed_at))
        reindex(conn, store.dialect, [mention_id])
    return {**gone, "removed_at": removed_at.isoformat(), "purge_after": purge_date(removed_at).isoformat()}


def restore_mention(store, mention_id: int) -> dict:
    from pressroom.mentions.records import _get, _no_such

    _no_such("mention", mention_id)
    with store.begin() as conn:
        purge_expired(conn, store.dialect)
        row = conn.execute(select(m.c.removed_at).where(m.c.id == mention_id)).first()
        if row is None:
            raise NotFoundError("no such mention (removed mentions are purged after "
                                f"{KEEP_DAYS} days)", where=f"mention {mention_id}")
        if row.removed_at is None:
            raise InputError("is not removed", where=f"mention {mention_id}")
        conn.execute(update(m).where(m.c.id == mention_id).values(removed_at=None))
        reindex(conn, store.dialect, [mention_id])
        return _get(conn, mention_id)


def remove_quote(store, quote_id: int) -> dict:
    from pressroom.mentions.records import _no_such

    _no_such("quote", quote_id)
    with store.begin() as conn:
        purge_expired(conn, store.dialect)
        row = conn.execute(select(q).where(q.c.id == quote_id)).first()
        if row is None:
            raise NotFoundError("no such quote", where=f"quote {quote_id}")
        if row.removed_at is not None:
            raise removed_error("quote", quote_id, row.removed_at)
        removed_at = _now()
        conn.execute(update(q).where(q.c.id == quote_id).values(removed_at=removed_at))
        reindex(conn, store.dialect, [row.mention_id])
    return {"id": row.id, "mention": row.mention_id, "speaker": row.speaker_id,
            "speaker_name": row.speaker_name, "text": row.text,
            "removed_at": removed_at.isoformat(), "purge_after": purge_date(removed_at).isoformat()}


def restore_quote(store, quote_id: int) -> dict:
    from pressroom.mentions.records import _no_such

    _no_such("quote", quote_id)
    with store.begin() as conn:
        purge_expired(conn, store.dialect)
        row = conn.execute(select(q.c.mention_id, q.c.removed_at).where(q.c.id == quote_id)).first()
        if row is None:
            raise NotFoundError(f"no such quote (removed quotes are purged after {KEEP_DAYS} "
                                "days)", where=f"quote {quote_id}")
        if row.removed_at is None:
            raise InputError("is not removed", where=f"quote {quote_id}")
        conn.execute(update(q).where(q.c.id == quote_id).values(removed_at=None))
        reindex(conn, store.dialect, [row.mention_id])
    return {"id": quote_id, "mention": row.mention_id}


def list_removed(store) -> list[dict]:
    """Removed mentions and quotes, most recently removed first (purging expired ones first)."""
    from pressroom.mentions.records import _utc

    with store.begin() as conn:
        purge_expired(conn, store.dialect)
        rows = []
        for r in conn.execute(select(m.c.id, m.c.title, m.c.published, m.c.removed_at)
                              .where(m.c.removed_at.is_not(None))):
            rows.append({"kind": "mention", "id": r.id, "mention": r.id,
                         "what": f"{r.published} {r.title}", "removed_at": _utc(r.removed_at),
                         "purge_after": purge_date(r.removed_at).isoformat()})
        for r in conn.execute(select(q.c.id, q.c.mention_id, q.c.speaker_name, q.c.text,
                                     q.c.removed_at).where(q.c.removed_at.is_not(None))):
            rows.append({"kind": "quote", "id": r.id, "mention": r.mention_id,
                         "what": f"{r.speaker_name}: \u201c{r.text}\u201d",
                         "removed_at": _utc(r.removed_at),
                         "purge_after": purge_date(r.removed_at).isoformat()})
    rows.sort(key=lambda row: (row["removed_at"], row["kind"], row["id"]), reverse=True)
    return rows
