"""Credential requests: taking them in (flags or a CSV export), routing them, listing them,
their history, and purging personal data once they are closed.

A request for an event that has ended is refused. A request after the deadline is accepted and
flagged ``late``. A second request with the same email (case-insensitive) for the same event is
recorded as a duplicate of the first (``duplicate_of``), closed as ``cancelled`` and not routed:
the media contact sees it in the list and can ``reopen`` it if it is really a new request.
Each new request is routed to the event's media contact, who gets a notice with the commands
to decide it. A request, its evidence files and its routing notice are one unit: the files are
copied into a folder made for this request alone (``evidence/<id>-<random>/``, never one left
behind by an earlier failure) and the notice is written into the outbox inside the transaction;
if anything fails, the files and the notice are removed and nothing is recorded. Mail is sent after
the commit, so a send failure never loses a request: the notice waits in the outbox.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from pressroom.credentials import workflow as wf
from pressroom.credentials.records import fetch, lock_event, request_dict, utc
from pressroom.credentials.rows import transition_dict
from pressroom.credentials.tables import credential_requests as R
from pressroom.credentials.tables import credential_transitions as T
from pressroom.errors import InputError, Location, OperationalError, PressroomError, WorkflowError

if TYPE_CHECKING:  # intake (CSV, text checks) is imported by the functions that take requests in:
    # listings and decisions start faster without it (issue 10 item 6)
    from pressroom.credentials.intake import RequestInput, Where

SYSTEM = "pressroom"  # who records automatic moves (a duplicate closed on arrival)


@dataclass
class Created:
    request: dict[str, Any]
    routed_to: Any = None          # the Contact, or None for a duplicate
    delivery: Any = None           # pressroom.mail.Delivery of the routing notice
    outlet_note: str | None = None  # the typed outlet only looked like a known one

    @property
    def duplicate_of(self) -> int | None:
        return self.request["duplicate_of"]


@dataclass
class ImportResult:
    created: list[Created] = field(default_factory=list)
    rejected: list[PressroomError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    stopped: PressroomError | None = None  # an environment failure (the outbox...) ended the import
    not_tried: int = 0                     # rows after the one that stopped it


def evidence_root(workspace: Any) -> Path:
    return workspace.root / "evidence"


def _clock(workspace: Any, today: date | None, now: datetime | None) -> tuple[date, datetime]:
    from pressroom.clock import now_utc
    from pressroom.clock import today as today_for

    return (today or today_for(workspace)), utc(now) or now_utc()


def _check_open(event: Any, today: date) -> None:
    if event.has_ended(today):
        from pressroom.apstyle import ap_date

        raise WorkflowError(f"{event.id} ended on {ap_date(event.end)}; it takes no more requests")


def create_request(store: Any, workspace: Any, event_id: str, raw: RequestInput, *,
                   where: Where | None = None, base: Path | None = None, source: str = "cli",
                   today: date | None = None, now: datetime | None = None) -> Created:
    """Record one request and route it (or mark it a duplicate); returns what happened.
    *where* names a field in errors (default: as the command-line option)."""
    from pressroom.credentials.intake import clean, option_where
    from pressroom.credentials.messages import routing_message
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    today, now = _clock(workspace, today, now)
    _check_open(event, today)
    where = where or option_where
    request = clean(raw, event, where, base=base)
    contact = workspace.config.contact(event.media_contact)
    late = event.is_late(today)
    from pressroom.mail import OutboxBatch

    message = None
    with OutboxBatch(workspace, undone="the request was not recorded") as batch, \
            store.begin() as conn:
        lock_event(conn, store.dialect, event.id)
        original = conn.execute(
            select(R.c.id).where(R.c.event_id == event.id, R.c.email_key == request.email.lower(),
                                 R.c.duplicate_of.is_(None)).order_by(R.c.id).limit(1)).scalar()
        status = wf.CANCELLED if original is not None else wf.PENDING
        outlet, outlet_note = _known_outlet(conn, event.id, request.outlet)
        request_id = conn.execute(insert(R).values(
            event_id=event.id, name=request.name, email=request.email,
            email_key=request.email.lower(), phone=request.phone or None, outlet=outlet,
            outlet_key=_outlet_key(outlet), role=request.role,
            credential_type=request.type, days=",".join(d.isoformat() for d in request.days),
            assignment=request.assignment or None, status=status,
            routed_to=None if original is not None else contact.id, submitted_at=now,
            late=late, duplicate_of=original, source=source)).inserted_primary_key[0]
        evidence = list(request.evidence_urls) + _store_evidence(workspace, request_id,
                                                                 request.evidence_files, batch,
                                                                 where("evidence"))
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
        if original is None:  # inside: a broken template or outbox leaves no request behind
            message = routing_message(workspace, event, created, contact)
            batch.add(message)
    if message is None:
        return Created(created, outlet_note=outlet_note)
    [delivery] = batch.send()
    return Created(created, routed_to=contact, delivery=delivery, outlet_note=outlet_note)


def _known_outlet(conn: Any, event_id: str, typed: str) -> tuple[str, str | None]:
    """The outlet as already known (an earlier request for the event, else the outlet registry)
    when *typed* only looks like it (``Кnox News``, ``Ｋｎｏｘ Ｎｅｗｓ``), with a note saying so;
    else *typed* itself. The per-outlet limit counts by key either way."""
    from pressroom.mentions.outlets import find_outlet, lookalike_note

    known = conn.execute(select(R.c.outlet).where(R.c.event_id == event_id,
                                                  R.c.outlet_key == _outlet_key(typed))
                         .order_by(R.c.id).limit(1)).scalar()
    if known is None:
        found = find_outlet(conn, typed)
        known = found.name if found is not None else None
    note = lookalike_note(typed, known) if known is not None else None
    return (known, note) if note else (typed, None)


def _outlet_key(outlet: str) -> str:
    from pressroom.mentions.outlets import name_key

    return name_key(outlet)


def _store_evidence(workspace: Any, request_id: int, files: tuple[Path, ...], batch: Any,
                    where: Any) -> list[str]:
    """Copy evidence files into a new folder of the workspace's ``evidence/`` made for this request
    alone: the request keeps them even if the originals move, and purge can remove them. The
    folder is removed again if the request is not recorded (*batch* cleans up)."""
    import tempfile

    if not files:
        return []
    root = evidence_root(workspace)
    try:
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{request_id}-", dir=root))
    except OSError as exc:
        raise OperationalError(f"cannot make a folder for the evidence ({exc.strerror or exc}); "
                               "the request was not recorded", where=workspace.shown(root) + "/") from None
    batch.cleanup.append(folder)
    stored = []
    for index, source in enumerate(files, 1):
        target = folder / f"{index}-{source.name}"
        _copy_evidence(source, target, where, workspace.shown(folder) + "/")
        stored.append(target.relative_to(workspace.root).as_posix())
    return stored


def _copy_evidence(source: Path, target: Path, where: Any, shown_folder: str) -> None:
    """Copy a regular file of at most MAX_EVIDENCE_BYTES (checked again while copying: a file can
    change between the check and the copy)."""
    import os
    import stat

    from pressroom.credentials.intake import MAX_EVIDENCE_BYTES

    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"evidence file '{source.name}' cannot be read ({exc.strerror or exc})",
                         where=where) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InputError(f"evidence '{source.name}' is not a regular file", where=where)
        data = handle.read(MAX_EVIDENCE_BYTES + 1)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise InputError(f"evidence file '{source.name}' is larger than 20 MB", where=where)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise OperationalError(f"cannot copy the evidence ({exc.strerror or exc}); the request "
                               "was not recorded", where=shown_folder) from None


def import_requests(store: Any, workspace: Any, event_id: str, path: Path, *,
                    today: date | None = None, now: datetime | None = None,
                    progress: Any = None) -> ImportResult:
    """Import a CSV export of a request form: each valid row is a request (its own transaction);
    each invalid row is reported with its line and skipped. ``progress(done, total)`` is told
    after each row."""
    from pressroom.credentials.intake import read_csv
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    today, now = _clock(workspace, today, now)
    _check_open(event, today)
    shown = Path(path).name if Path(path).parent == Path(".") else workspace.shown(Path(path))
    reading = read_csv(Path(path), shown)
    result = ImportResult(ignored_columns=reading.ignored_columns)
    for number, row in enumerate(reading.rows):
        where = Location(shown, row=row.row)
        try:
            result.created.append(create_request(
                store, workspace, event.id, row.values, where=lambda _field, w=where: w,
                base=Path(path).resolve().parent, source=f"{shown}: row {row.row}",
                today=today, now=now))
        except (InputError, WorkflowError) as exc:
            result.rejected.append(exc.located(where))
        except OperationalError as exc:  # every further row would fail the same way
            result.stopped = exc.located(where)
            result.not_tried = len(reading.rows) - number - 1
            break
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
    return [transition_dict(request_id, r) for r in rows]


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
            folders = {(workspace.root / path).parent
                       for (evidence,) in conn.execute(select(R.c.evidence).where(R.c.id.in_(ids)))
                       for path in (json.loads(evidence) if evidence else [])
                       if not path.startswith(("http://", "https://"))}
            conn.execute(update(R).where(R.c.id.in_(ids), R.c.status.in_(wf.CLOSED))
                         .values(name=None, email=None, email_key=None, phone=None,
                                 assignment=None, evidence=None, purged_at=now))
            conn.execute(update(T).where(T.c.request_id.in_(ids)).values(note=None))
        root = evidence_root(workspace).resolve()
        for folder in folders:
            if folder.resolve().parent == root:  # only a request's own folder, never beyond
                shutil.rmtree(folder, ignore_errors=True)
    return Purged(event_id, ids)
