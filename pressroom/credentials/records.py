"""Reading and writing credential rows: the JSON shape of a request, timestamps, the event lock.

Shared by :mod:`.requests` (intake, listing, purge), :mod:`.decisions` and :mod:`.reports`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, select, update

from pressroom.credentials.tables import credential_event_locks, credential_requests
from pressroom.errors import NotFoundError

# The JSON contract of a request (`credential list --format json`), in order.
FIELDS = ("id", "event", "name", "outlet", "email", "phone", "role", "type", "days", "status",
          "routed_to", "submitted_at", "decided_at", "decided_by", "late", "duplicate_of",
          "assignment", "evidence", "source", "purged")


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def iso(moment: datetime | None) -> str | None:
    moment = utc(moment)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def request_dict(row: Any) -> dict[str, Any]:
    m = row._mapping
    return {
        "id": m["id"], "event": m["event_id"], "name": m["name"], "outlet": m["outlet"],
        "email": m["email"], "phone": m["phone"] or None, "role": m["role"],
        "type": m["credential_type"], "days": [d for d in (m["days"] or "").split(",") if d],
        "status": m["status"], "routed_to": m["routed_to"], "submitted_at": iso(m["submitted_at"]),
        "decided_at": iso(m["decided_at"]), "decided_by": m["decided_by"], "late": bool(m["late"]),
        "duplicate_of": m["duplicate_of"], "assignment": m["assignment"] or None,
        "evidence": json.loads(m["evidence"]) if m["evidence"] else [], "source": m["source"],
        "purged": m["purged_at"] is not None,
    }


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
