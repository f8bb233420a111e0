"""The JSON shape of a credential request, of a move in its history, and their timestamps: what the Core statements
(:mod:`.records`) and the SQLite fast path (:mod:`.lite`) share. No SQLAlchemy here."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

# The JSON contract of a request (`credential list --format json`), in order.
FIELDS = ("id", "event", "name", "outlet", "email", "phone", "role", "type", "days", "status",
          "routed_to", "submitted_at", "decided_at", "decided_by", "late", "duplicate_of",
          "assignment", "evidence", "source", "purged")


def utc(moment: datetime | str | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored in UTC. The fast path reads the stored
    text, which is parsed here as SQLAlchemy's DateTime type parses it (``fromisoformat``)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
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


def transition_dict(request_id: int, r: Any) -> dict[str, Any]:
    """One move of ``credential history`` (the JSON contract)."""
    return {"request": request_id, "from": r.from_status, "to": r.to_status, "at": iso(r.at),
            "by": r.by, "note": r.note, "over_capacity": bool(r.over_capacity)}
