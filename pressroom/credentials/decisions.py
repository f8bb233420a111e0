"""Deciding a request: one legal move of the state machine, recorded, and the journalist told.

Each call is its own transaction. A move into ``approved`` first locks the event
(:func:`~pressroom.credentials.records.lock_event`), then re-reads the request and counts the
event's approved credentials, so two approvers working the same queue at once can never exceed
the event's capacity or per-outlet limit. A decision and the journalist's message are one unit:
the message is rendered and written into the outbox inside the transaction (a broken template or
an outbox that cannot be written changes nothing, and the error says why) and sent after it
commits (a failed send never undoes a decision: the message waits in the outbox).

The statements come from :mod:`.records` (SQLAlchemy Core) or, on the SQLite fast path
(:class:`~pressroom.store.lite.LiteStore`), from their plain-SQL twins in :mod:`.lite`: the
workflow above is written once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pressroom.credentials import workflow as wf
from pressroom.credentials.rows import request_dict, utc
from pressroom.errors import InputError, NotFoundError, WorkflowError, did_you_mean

MAX_NOTE = 2000


@dataclass
class Decision:
    request: dict[str, Any]       # after the move
    action: str
    from_status: str
    to_status: str
    over_capacity: bool = False
    delivery: Any = None          # pressroom.mail.Delivery of the journalist's message, or None


def check_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = note.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Zl", "Zp"))
    if len(text) > MAX_NOTE:
        raise InputError(f"the note is too long ({len(text)} characters; at most {MAX_NOTE})",
                         where="--note")
    return text or None


def check_contact(workspace: Any, contact_id: str) -> str:
    ids = [c.id for c in workspace.config.contacts]
    if contact_id not in ids:
        raise NotFoundError(f"unknown contact '{contact_id}'{did_you_mean(contact_id, ids)}; "
                            f"contacts: {', '.join(ids) or 'none'}", where="--by")
    return contact_id


def decide(store: Any, workspace: Any, request_id: int, action: str, *, by: str | None = None,
           note: str | None = None, over_capacity: bool = False,
           now: datetime | None = None) -> Decision:
    """Apply *action* to request *request_id*; raises WorkflowError when the move is not allowed."""
    from pressroom.credentials.messages import decision_message
    from pressroom.clock import now_utc
    from pressroom.events import get_event

    wf.check_action(action)
    note = check_note(note)
    if over_capacity and not note:
        raise InputError("--over-capacity needs a --note saying why the limit is exceeded")
    if by is not None:
        check_contact(workspace, by)
    from pressroom.mail import OutboxBatch

    moment = utc(now) or now_utc()
    sql = statements(store)
    with OutboxBatch(workspace, undone=f"request {request_id} was not {wf.DONE[action]}") as batch, \
            store.begin() as conn:
        event_id = sql.fetch(conn, request_id).event_id
        try:
            event = get_event(workspace, event_id)
        except NotFoundError:
            raise NotFoundError(f"request {request_id} is for event '{event_id}', which is no "
                                "longer in pressroom.yaml") from None
        goes_to = wf.ACTIONS[action]
        if goes_to == wf.APPROVED:
            sql.lock_event(conn, store.dialect, event.id)
        row = sql.fetch(conn, request_id, for_update=True)  # re-read under the lock
        before = row.status
        wf.target(before, action, request_id)
        if row.purged_at is not None:
            raise WorkflowError(f"request {request_id}'s personal data was purged; it cannot be "
                                "decided again")
        exceeded = False
        if goes_to == wf.APPROVED:
            problem = wf.capacity_problem(event, sql.approved(conn, event.id),
                                          row.outlet, sql.approved(conn, event.id, row.outlet_key))
            if problem and not over_capacity:
                raise WorkflowError(problem, where=f"request {request_id}")
            exceeded = problem is not None
        decider = by or row.routed_to or event.media_contact
        reopened = goes_to == wf.PENDING
        changed = sql.set_status(conn, request_id, before, goes_to,
                                 None if reopened else moment, None if reopened else decider)
        if changed != 1:  # cannot happen under the row lock; kept as the last line of defence
            raise WorkflowError(f"request {request_id} changed while it was being decided; try again")
        sql.add_transition(conn, request_id, before, goes_to, moment, decider, note, exceeded)
        after = request_dict(sql.fetch(conn, request_id))
        message = decision_message(workspace, event, after, goes_to, note)
        if message is not None:
            batch.add(message)
    decision = Decision(after, action, before, goes_to, over_capacity=exceeded)
    if message is not None:
        [decision.delivery] = batch.send()
    return decision


def statements(store: Any) -> Any:
    """The module whose functions run a decision's statements on *store*'s connections."""
    from pressroom.store.lite import is_lite

    if is_lite(store):
        from pressroom.credentials import lite

        return lite
    from pressroom.credentials import records

    return records
