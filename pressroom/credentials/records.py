"""Reading and writing credential rows (SQLAlchemy Core): fetching a request, the event lock, and
the statements of a decision.

Shared by :mod:`.requests` (intake, listing, purge), :mod:`.decisions` and :mod:`.reports`. The
SQLite fast path has a plain-SQL twin of each statement a decision runs, with the same name and
signature, in :mod:`.lite`; the JSON shape of a request and its timestamps are in :mod:`.rows`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from pressroom.credentials.workflow import APPROVED
from pressroom.credentials.rows import FIELDS, iso, request_dict, utc  # noqa: F401
from pressroom.credentials.tables import credential_event_locks, credential_requests
from pressroom.credentials.tables import credential_transitions
from pressroom.errors import NotFoundError

def fetch(conn: Any, request_id: int, *, for_update: bool = False) -> Any:
    query = select(credential_requests).where(credential_requests.c.id == request_id)
    if for_update:
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise NotFoundError(f"no request {request_id}")
    return row


def lock_event(conn: Any, dialect: str, event_id: str) -> None:
    """Serialise every transaction that creates or approves a request for *event_id*.

    PostgreSQL: the event's row in ``credential_event_locks`` is locked (``SELECT ... FOR UPDATE``)
    and updated, so a second approver waits here until the first commits, then counts afresh; the
    update also makes a stricter isolation level fail loudly rather than over-count. SQLite: the
    transaction already holds the database's write lock (``BEGIN IMMEDIATE``).
    """
    from pressroom.mentions.outlets import insert_ignore

    locks = credential_event_locks
    if dialect in ("postgresql", "sqlite"):
        conn.execute(insert_ignore(locks, dialect).values(event_id=event_id, version=0))
    else:  # pragma: no cover - only the two supported databases
        if conn.execute(select(locks.c.event_id).where(locks.c.event_id == event_id)).first() is None:
            conn.execute(insert(locks).values(event_id=event_id, version=0))
    conn.execute(select(locks.c.version).where(locks.c.event_id == event_id).with_for_update())
    conn.execute(update(locks).where(locks.c.event_id == event_id)
                 .values(version=locks.c.version + 1))


def approved(conn: Any, event_id: str, outlet_key: str | None = None) -> int:
    """How many of the event's requests are approved (those of one outlet, given its key)."""
    R = credential_requests
    query = select(func.count()).select_from(R).where(R.c.event_id == event_id,
                                                        R.c.status == APPROVED)
    if outlet_key is not None:
        query = query.where(R.c.outlet_key == outlet_key)
    return conn.execute(query).scalar_one()


def set_status(conn: Any, request_id: int, before: str, status: str,
               decided_at: datetime | None, decided_by: str | None) -> int:
    """Move the request from *before* to *status*; the number of rows changed (0: it moved)."""
    R = credential_requests
    return conn.execute(update(R).where(R.c.id == request_id, R.c.status == before)
                        .values(status=status, decided_at=decided_at,
                                decided_by=decided_by)).rowcount


def add_transition(conn: Any, request_id: int, from_status: str | None, to_status: str,
                   at: datetime, by: str | None, note: str | None, over_capacity: bool) -> None:
    """Record one move in the audit trail."""
    conn.execute(insert(credential_transitions).values(
        request_id=request_id, from_status=from_status, to_status=to_status, at=at, by=by,
        note=note, over_capacity=over_capacity))
