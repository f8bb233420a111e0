"""Credentials on the SQLite fast path: the listing, a request's history and a decision's
statements in plain SQL.

On a :class:`~pressroom.store.lite.LiteStore` (an up-to-date SQLite file opened without
SQLAlchemy), :func:`list_requests`, :func:`history` and
:func:`pressroom.credentials.decisions.decide` run the
statements below; they are the SQLite text of their Core twins in :mod:`.records` and
:mod:`.requests`, with the same names and signatures, and store and read the same values:
datetimes as SQLAlchemy's SQLite DateTime type writes them (``YYYY-MM-DD HH:MM:SS.ffffff``),
booleans as 0 and 1. ``tests/test_store_lite.py`` runs both forms on the same data.

Locking is the Core path's on SQLite: a decision's transaction begins with ``BEGIN IMMEDIATE``
(:meth:`LiteStore.begin`), so it holds the database's write lock before it counts the event's
approved requests, and :func:`lock_event` bumps the event's row in ``credential_event_locks`` as
the Core form does, so the two paths leave identical rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pressroom.credentials import workflow as wf
from pressroom.credentials.rows import request_dict, transition_dict
from pressroom.errors import NotFoundError
from pressroom.store.lite import is_lite


def list_requests(store: Any, workspace: Any, *, event_id: str | None = None,
                  status: str | None = None, late: bool | None = None) -> list[dict[str, Any]]:
    """:func:`pressroom.credentials.requests.list_requests`, on either kind of store."""
    if not is_lite(store):
        from pressroom.credentials import requests

        return requests.list_requests(store, workspace, event_id=event_id, status=status,
                                      late=late)
    clauses, params = [], []
    if event_id is not None:
        clauses.append("event_id = ?")
        params.append(event_id)
    if status is not None:
        clauses.append("status = ?")
        params.append(wf.check_status(status))
    if late is not None:
        clauses.append("late IS ?")
        params.append(int(late))
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with store.connect() as conn:
        rows = [request_dict(row) for row in
                conn.execute(f"SELECT * FROM credential_requests{where} ORDER BY id", params)]
    if event_id is not None and not rows:
        from pressroom.events import get_event

        get_event(workspace, event_id)  # a typo is an error, not an empty list
    return rows


def history(store: Any, request_id: int) -> list[dict[str, Any]]:
    """:func:`pressroom.credentials.requests.history`, on either kind of store."""
    if not is_lite(store):
        from pressroom.credentials import requests

        return requests.history(store, request_id)
    with store.connect() as conn:
        fetch(conn, request_id)
        rows = conn.execute("SELECT * FROM credential_transitions WHERE request_id = ?"
                            " ORDER BY id", (request_id,)).fetchall()
    return [transition_dict(request_id, r) for r in rows]


# ---- a decision's statements (twins of pressroom.credentials.records) --------------------------

def fetch(conn: Any, request_id: int, *, for_update: bool = False) -> Any:
    """The request's row (SQLite has no ``FOR UPDATE``: the transaction holds the write lock)."""
    row = conn.execute("SELECT * FROM credential_requests WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no request {request_id}")
    return row


def lock_event(conn: Any, dialect: str, event_id: str) -> None:
    conn.execute("INSERT INTO credential_event_locks (event_id, version) VALUES (?, 0)"
                 " ON CONFLICT DO NOTHING", (event_id,))
    conn.execute("SELECT version FROM credential_event_locks WHERE event_id = ?", (event_id,))
    conn.execute("UPDATE credential_event_locks SET version = (version + 1) WHERE event_id = ?",
                 (event_id,))


def approved(conn: Any, event_id: str, outlet_key: str | None = None) -> int:
    sql = "SELECT count(*) FROM credential_requests WHERE event_id = ? AND status = ?"
    params = [event_id, wf.APPROVED]
    if outlet_key is not None:
        sql += " AND outlet_key = ?"
        params.append(outlet_key)
    return conn.execute(sql, params).fetchone()[0]


def set_status(conn: Any, request_id: int, before: str, status: str,
               decided_at: datetime | None, decided_by: str | None) -> int:
    return conn.execute("UPDATE credential_requests SET status = ?, decided_at = ?,"
                        " decided_by = ? WHERE id = ? AND status = ?",
                        (status, stored(decided_at), decided_by, request_id, before)).rowcount


def add_transition(conn: Any, request_id: int, from_status: str | None, to_status: str,
                   at: datetime, by: str | None, note: str | None, over_capacity: bool) -> None:
    conn.execute('INSERT INTO credential_transitions (request_id, from_status, to_status, at, "by",'
                 " note, over_capacity) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (request_id, from_status, to_status, stored(at), by, note, int(over_capacity)))


def stored(moment: datetime | None) -> str | None:
    """*moment* as SQLAlchemy's SQLite DateTime type stores it (the time zone dropped: UTC)."""
    if moment is None:
        return None
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {moment.hour:02d}:"
            f"{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}")
