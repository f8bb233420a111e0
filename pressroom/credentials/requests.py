"""Credential requests: taking them in (flags or a CSV export), routing them, listing them,
their history, and purging personal data once they are closed.

A request for an event that has ended is refused. A request after the deadline is accepted and
flagged ``late``. A second request with the same email (case-insensitive) for the same event is
recorded as a duplicate of the first (``duplicate_of``), closed as ``cancelled`` and not routed:
the media contact sees it in the list and can ``reopen`` it if it is really a new request.
Each new request is routed to the event's media contact, who gets a notice with the commands
to decide it. Mail goes out after the transaction commits, so a mail failure never loses a
request: the notice waits in the outbox.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from pressroom.credentials import workflow as wf
from pressroom.credentials.intake import RequestInput, Where, clean, option_where, read_csv
from pressroom.credentials.records import fetch, iso, lock_event, request_dict, utc
from pressroom.credentials.tables import credential_requests as R
from pressroom.credentials.tables import credential_transitions as T
from pressroom.errors import InputError, Location, PressroomError, WorkflowError

SYSTEM = "pressroom"  # who records automatic moves (a duplicate closed on arrival)


@dataclass
class Created:
    request: dict[str, Any]
    routed_to: Any = None          # the Contact, or None for a duplicate
    delivery: Any = None           # pressroom.mail.Delivery of the routing notice

    @property
    def duplicate_of(self) -> int | None:
        return self.request["duplicate_of"]


@dataclass
class ImportResult:
    created: list[Created] = field(default_factory=list)
    rejected: list[PressroomError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def evidence_dir(workspace: Any, request_id: int) -> Path:
    return workspace.root / "evidence" / str(request_id)


def _clock(workspace: Any, today: date | None, now: datetime | None) -> tuple[date, datetime]:
    from pressroom.clock import now_utc
    from pressroom.clock import today as today_for

    return (today or today_for(workspace)), utc(now) or now_utc()


def _check_open(event: Any, today: date) -> None:
    if event.has_ended(today):
        from pressroom.apstyle import ap_date

        raise WorkflowError(f"{event.id} ended on {ap_date(event.end)}; it takes no more requests")


def create_request(store: Any, workspace: Any, event_id: str, raw: RequestInput, *,
                   where: Where = option_where, base: Path | None = None, source: str = "cli",
                   today: date | None = None, now: datetime | None = None) -> Created:
    """Record one request and route it (or mark it a duplicate); returns what happened."""
    from pressroom.credentials.messages import routing_message
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    today, now = _clock(workspace, today, now)
    _check_open(event, today)
    request = clean(raw, event, where, base=base)
    contact = workspace.config.contact(event.media_contact)
    late = event.is_late(today)
    message = None
    with store.begin() as conn:
        lock_event(conn, store.dialect, event.id)
        original = conn.execute(
            select(R.c.id).where(R.c.event_id == event.id, R.c.email_key == request.email.lower(),
                                 R.c.duplicate_of.is_(None)).order_by(R.c.id).limit(1)).scalar()
        status = wf.CANCELLED if original is not None else wf.PENDING
        request_id = conn.execute(insert(R).values(
            event_id=event.id, name=request.name, email=request.email,
            email_key=request.email.lower(), phone=request.phone or None, outlet=request.outlet,
            outlet_key=_outlet_key(request.outlet), role=request.role,
            credential_type=request.type, days=",".join(d.isoformat() for d in request.days),
            assignment=request.assignment or None, status=status,
            routed_to=None if original is not None else contact.id, submitted_at=now,
            late=late, duplicate_of=original, source=source)).inserted_primary_key[0]
        evidence = list(request.evidence_urls) + _store_evidence(workspace, request_id,
                                                                 request.evidence_files)
        if evidence:
            conn.execute(update(R).where(R.c.id == request_id).values(evidence=json.dumps(evidence)))
        note = "late: after the deadline" if late else None
        conn.execute(insert(T).values(request_id=request_id, from_status=None, to_status=wf.PENDING,
                                      at=now, by=None, note=note))
        if original is not None:
            conn.execute(insert(T).values(request_id=request_id, from_status=wf.PENDING,
                                          to_status=wf.CANCELLED, at=now, by=SYSTEM,
                                          note=f"duplicate of request {original}"))
        created = request_dict(fetch(conn, request_id))
        if original is None:  # rendered inside: a broken template leaves no request behind
            message = routing_message(workspace, event, created, contact)
    if message is None:
        return Created(created)
    from pressroom.mail import deliver

    return Created(created, routed_to=contact, delivery=deliver(workspace, message))


def _outlet_key(outlet: str) -> str:
    from pressroom.mentions.outlets import name_key

    return name_key(outlet)


def _store_evidence(workspace: Any, request_id: int, files: tuple[Path, ...]) -> list[str]:
    """Copy evidence files into the workspace (``evidence/<request id>/``): the request keeps
    them even if the originals move, and purge can remove them."""
    stored = []
    folder = evidence_dir(workspace, request_id)
    for index, source in enumerate(files, 1):
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{index}-{source.name}"
        shutil.copyfile(source, folder / name)
        stored.append(str((folder / name).relative_to(workspace.root)))
    return stored


def import_requests(store: Any, workspace: Any, event_id: str, path: Path, *,
                    today: date | None = None, now: datetime | None = None,
                    progress: Any = None) -> ImportResult:
    """Import a CSV export of a request form: each valid row is a request (its own transaction);
    each invalid row is reported with its line and skipped. ``progress(done, total)`` is told
    after each row."""
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    today, now = _clock(workspace, today, now)
    _check_open(event, today)
    shown = Path(path).name if Path(path).parent == Path(".") else workspace.shown(Path(path))
    reading = read_csv(Path(path), shown)
    result = ImportResult(ignored_columns=reading.ignored_columns)
    for row in reading.rows:
        where = Location(shown, row=row.row)
        try:
            result.created.append(create_request(
                store, workspace, event.id, row.values, where=lambda _field, w=where: w,
                base=Path(path).resolve().parent, source=f"{shown}: row {row.row}",
                today=today, now=now))
        except (InputError, WorkflowError) as exc:
            result.rejected.append(exc.located(where))
        if progress is not None:
            progress(len(result.created) + len(result.rejected), len(reading.rows))
    return result


def list_requests(store: Any, workspace: Any, *, event_id: str | None = None,
                  status: str | None = None, late: bool | None = None) -> list[dict[str, Any]]:
    query = select(R).order_by(R.c.id)
    if event_id is not None:
        query = query.where(R.c.event_id == event_id)
    if status is not None:
        query = query.where(R.c.status == wf.check_status(status))
    if late is not None:
        query = query.where(R.c.late.is_(late))
    with store.connect() as conn:
        rows = [request_dict(row) for row in conn.execute(query)]
    if event_id is not None and not rows:
        from pressroom.events import get_event

        get_event(workspace, event_id)  # a typo is an error, not an empty list
    return rows


def get_request(store: Any, request_id: int) -> dict[str, Any]:
    with store.connect() as conn:
        return request_dict(fetch(conn, request_id))


def history(store: Any, request_id: int) -> list[dict[str, Any]]:
    with store.connect() as conn:
        fetch(conn, request_id)
        rows = conn.execute(select(T).where(T.c.request_id == request_id).order_by(T.c.id)).all()
    return [{"request": request_id, "from": r.from_status, "to": r.to_status, "at": iso(r.at),
             "by": r.by, "note": r.note, "over_capacity": bool(r.over_capacity)} for r in rows]


def status_counts(store: Any, event_id: str) -> dict[str, int]:
    from sqlalchemy import func

    counts = {status: 0 for status in wf.STATUSES}
    with store.connect() as conn:
        for status, count in conn.execute(select(R.c.status, func.count())
                                          .where(R.c.event_id == event_id).group_by(R.c.status)):
            counts[status] = count
    return counts


def event_summary(store: Any, workspace: Any, event_id: str) -> dict[str, Any]:
    """An event as JSON, with its requests counted by status and the credentials left."""
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    counts = status_counts(store, event.id)
    return {**event.as_dict(), "requests": counts,
            "remaining": max(event.capacity - counts[wf.APPROVED], 0)}


@dataclass
class Purged:
    event: str
    ids: list[int]


def purge_candidates(store: Any, event_id: str, before: date | None = None) -> list[int]:
    """Closed requests of *event_id* whose personal data is still kept (decided before *before*)."""
    with store.connect() as conn:
        rows = conn.execute(select(R.c.id, R.c.decided_at, R.c.submitted_at)
                            .where(R.c.event_id == event_id, R.c.status.in_(wf.CLOSED),
                                   R.c.purged_at.is_(None)).order_by(R.c.id)).all()
    return [r.id for r in rows
            if before is None or (utc(r.decided_at) or utc(r.submitted_at)).date() < before]


def purge(store: Any, workspace: Any, event_id: str, *, before: date | None = None,
          now: datetime | None = None) -> Purged:
    """Remove the personal data (name, email, phone, assignment, evidence and the notes in its
    history) of the event's closed requests — denied, cancelled, revoked — keeping their outlet,
    status, dates and counts. Approved requests are not closed and are never purged."""
    from pressroom.events import get_event

    get_event(workspace, event_id)
    _, now = _clock(workspace, date.today(), now)
    ids = purge_candidates(store, event_id, before)
    if ids:
        with store.begin() as conn:
            conn.execute(update(R).where(R.c.id.in_(ids), R.c.status.in_(wf.CLOSED))
                         .values(name=None, email=None, email_key=None, phone=None,
                                 assignment=None, evidence=None, purged_at=now))
            conn.execute(update(T).where(T.c.request_id.in_(ids)).values(note=None))
        for request_id in ids:
            shutil.rmtree(evidence_dir(workspace, request_id), ignore_errors=True)
    return Purged(event_id, ids)
