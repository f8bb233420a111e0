"""The life of a credential request: its statuses and the one table of legal moves.

Every decision is an *action* (the command's name) that takes a request from one status to
another. :data:`TRANSITIONS` is the whole state machine; nothing else in pressroom decides what
is allowed. Closed requests (denied, cancelled, revoked) only ever go back to pending, by
``reopen``, and that is recorded like any other move.
"""

from __future__ import annotations

from pressroom.errors import InputError, WorkflowError, did_you_mean

PENDING, NEEDS_INFO, APPROVED, WAITLISTED = "pending", "needs-info", "approved", "waitlisted"
DENIED, CANCELLED, REVOKED = "denied", "cancelled", "revoked"
STATUSES = (PENDING, NEEDS_INFO, APPROVED, WAITLISTED, DENIED, CANCELLED, REVOKED)
CLOSED = (DENIED, CANCELLED, REVOKED)

# action -> the status it leads to
ACTIONS: dict[str, str] = {
    "approve": APPROVED,
    "needs-info": NEEDS_INFO,
    "waitlist": WAITLISTED,
    "deny": DENIED,
    "cancel": CANCELLED,
    "revoke": REVOKED,
    "reopen": PENDING,
}

# status -> the actions allowed from it, in the order they are suggested.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PENDING: ("approve", "needs-info", "waitlist", "deny", "cancel"),
    NEEDS_INFO: ("reopen", "approve", "deny", "cancel"),
    WAITLISTED: ("approve", "deny", "cancel"),
    APPROVED: ("revoke", "cancel"),
    DENIED: ("reopen",),
    CANCELLED: ("reopen",),
    REVOKED: ("reopen",),
}

# The past tense a person reads in a report: "request 12: approved".
DONE = {"approve": "approved", "needs-info": "asked for more information", "waitlist": "waitlisted",
        "deny": "denied", "cancel": "cancelled", "revoke": "revoked", "reopen": "reopened"}


def check_action(action: str) -> str:
    if action not in ACTIONS:
        raise InputError(f"unknown action '{action}'{did_you_mean(action, ACTIONS)}; "
                         f"one of: {', '.join(ACTIONS)}")
    return action


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise InputError(f"unknown status '{status}'{did_you_mean(status, STATUSES)}; "
                         f"one of: {', '.join(STATUSES)}")
    return status


def allowed(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def target(status: str, action: str, request_id: int) -> str:
    """The status *action* moves a request in *status* to, or a WorkflowError naming the moves."""
    check_action(action)
    if action not in allowed(status):
        moves = ", ".join(allowed(status)) or "none"
        raise WorkflowError(f"request {request_id} is {status}; allowed: {moves}")
    return ACTIONS[action]


def illegal_pairs() -> list[tuple[str, str]]:
    """Every (status, action) the table does not allow (the tests walk all of them)."""
    return [(s, a) for s in STATUSES for a in ACTIONS if a not in TRANSITIONS[s]]


def capacity_problem(event, approved: int, outlet: str, approved_for_outlet: int) -> str | None:  # noqa: ANN001
    """Why one more approval would break the event's limits (None when it fits).

    *approved* and *approved_for_outlet* are counted inside the approving transaction, under the
    event's lock, so two approvers never both take the last credential.
    """
    if approved >= event.capacity:
        return (f"event {event.id} is at capacity ({approved} of {event.capacity} credentials "
                "approved); waitlist the request or use --over-capacity with a --note")
    limit = event.per_outlet_limit
    if limit is not None and approved_for_outlet >= limit:
        return (f"{outlet} already has {approved_for_outlet} of {limit} credentials allowed per "
                f"outlet for {event.id}; waitlist the request or use --over-capacity with a --note")
    return None
