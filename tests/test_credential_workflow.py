"""The state machine, table-driven from pressroom.credentials.workflow.TRANSITIONS, on SQLite
and PostgreSQL: every move it allows works and is recorded; every other is refused and changes
nothing."""

from __future__ import annotations

from datetime import date

import pytest

from pressroom.credentials import workflow as wf
from pressroom.credentials.decisions import decide
from pressroom.credentials.intake import RequestInput
from pressroom.credentials.requests import create_request, get_request, history
from pressroom.errors import WorkflowError
from pressroom.workspace import Workspace

# the shortest legal path from pending to each status
PATHS = {wf.PENDING: [], wf.NEEDS_INFO: ["needs-info"], wf.APPROVED: ["approve"],
         wf.WAITLISTED: ["waitlist"], wf.DENIED: ["deny"], wf.CANCELLED: ["cancel"],
         wf.REVOKED: ["approve", "revoke"]}


def test_the_table_covers_every_status_and_action():
    assert set(wf.TRANSITIONS) == set(wf.STATUSES) == set(PATHS)
    assert all(set(actions) <= set(wf.ACTIONS) for actions in wf.TRANSITIONS.values())
    assert all(wf.TRANSITIONS[s] == ("reopen",) for s in wf.CLOSED)
    assert wf.target(wf.DENIED, "reopen", 1) == wf.PENDING


@pytest.fixture
def new_request(store, example_workspace):
    ws = Workspace(example_workspace)
    counter = iter(range(1, 1000))

    def make(status: str) -> int:
        n = next(counter)
        created = create_request(store, ws, "nssc-2019", RequestInput(
            name=f"Reporter {n}", email=f"r{n}@example.org", outlet=f"Outlet {n}"),
            today=date(2019, 5, 1))
        request_id = created.request["id"]
        for action in PATHS[status]:
            decide(store, ws, request_id, action)
        assert get_request(store, request_id)["status"] == status
        return request_id

    make.workspace = ws
    return make


def test_every_illegal_move_is_refused_and_changes_nothing(store, new_request):
    pairs = wf.illegal_pairs()
    assert len(pairs) == len(wf.STATUSES) * len(wf.ACTIONS) - sum(map(len, wf.TRANSITIONS.values()))
    for status, action in pairs:
        request_id = new_request(status)
        before, moves = get_request(store, request_id), history(store, request_id)
        with pytest.raises(WorkflowError) as caught:
            decide(store, new_request.workspace, request_id, action, note="x")
        allowed = ", ".join(wf.TRANSITIONS[status])
        assert str(caught.value) == f"request {request_id} is {status}; allowed: {allowed}", (status, action)
        assert get_request(store, request_id) == before
        assert history(store, request_id) == moves


def test_every_legal_move_is_made_and_recorded(store, new_request):
    for status, actions in wf.TRANSITIONS.items():
        for action in actions:
            request_id = new_request(status)
            decision = decide(store, new_request.workspace, request_id, action, by="farlow",
                              note=f"{status} to {action}")
            goes_to = wf.ACTIONS[action]
            assert (decision.from_status, decision.to_status) == (status, goes_to)
            after = get_request(store, request_id)
            assert after["status"] == goes_to
            assert after["decided_by"] == (None if goes_to == wf.PENDING else "farlow")
            last = history(store, request_id)[-1]
            assert (last["from"], last["to"], last["by"], last["note"]) == (
                status, goes_to, "farlow", f"{status} to {action}")
            # the journalist hears about approve, waitlist, deny, needs-info and revoke only
            assert (decision.delivery is not None) == (goes_to in (
                wf.APPROVED, wf.WAITLISTED, wf.DENIED, wf.NEEDS_INFO, wf.REVOKED))


def test_capacity_problem_messages():
    from pressroom.events import Event

    event = Event(id="e", name="E", start=date(2019, 1, 1), end=date(2019, 1, 2),
                  media_contact="farlow", capacity=40, per_outlet_limit=3)
    assert wf.capacity_problem(event, 39, "WBIR", 2) is None
    assert wf.capacity_problem(event, 40, "WBIR", 0) == (
        "event e is at capacity (40 of 40 credentials approved); waitlist the request or use "
        "--over-capacity with a --note")
    assert wf.capacity_problem(event, 10, "WBIR", 3).startswith("WBIR already has 3 of 3")
