"""Two approvers at once never exceed an event's capacity or per-outlet limit (SQLite and
PostgreSQL): two real processes run ``pressroom credential approve`` over the same 100 ids, one
in order and one reversed, started together."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from pressroom.credentials.intake import RequestInput
from pressroom.credentials.requests import create_request, list_requests
from pressroom.workspace import Workspace
from tests.conftest import REPO
from tests.fixtures_mail import PRESSROOM

pytestmark = pytest.mark.slow


def make_requests(store, ws, count, outlet=None) -> list[str]:
    ids = []
    for n in range(count):
        created = create_request(store, ws, "nssc-2019", RequestInput(
            name=f"Reporter {n}", email=f"r{n}@example.org", outlet=outlet or f"Outlet {n}"),
            today=date(2019, 5, 1))
        ids.append(str(created.request["id"]))
    return ids


def approve_together(ids: list[str]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "PRESSROOM_TODAY": "2019-05-01"}
    procs = [subprocess.Popen([*PRESSROOM, "credential", "approve", *order],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for order in (ids, ids[::-1])]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def approved_lines(result) -> int:
    return sum(1 for line in result.stdout.splitlines() if "-> approved" in line)


def test_two_approvers_never_exceed_capacity(store, example_workspace):
    ws = Workspace(example_workspace)
    ids = make_requests(store, ws, 100)
    results = approve_together(ids)
    for result in results:
        assert result.returncode == 2, result.stderr[-2000:]
        assert "Traceback" not in result.stderr
    approved = list_requests(store, ws, event_id="nssc-2019", status="approved")
    assert len(approved) == 40
    assert sum(approved_lines(r) for r in results) == 40
    # Each approved request was visited by the other process after the approval (before it, the
    # other process would have approved it itself): 40 "already approved" refusals; every one of
    # the 60 others was refused twice for capacity.
    errors = "".join(r.stderr for r in results)
    assert errors.count("is approved; allowed: revoke, cancel") == 40
    assert errors.count("is at capacity (40 of 40 credentials approved)") == 120

def test_two_approvers_never_exceed_the_per_outlet_limit(store, example_workspace):
    ws = Workspace(example_workspace)
    ids = make_requests(store, ws, 10, outlet="WBIR-TV")
    results = approve_together(ids)
    approved = list_requests(store, ws, event_id="nssc-2019", status="approved")
    assert len(approved) == 3
    assert sum(approved_lines(r) for r in results) == 3


CORE_APPROVER = """
import sys
from pressroom.credentials.decisions import decide
from pressroom.errors import PressroomError
from pressroom.store import open_store
from pressroom.workspace import current_workspace

workspace = current_workspace()
with open_store(workspace) as store:  # SQLAlchemy's store, whatever the database
    for request_id in sys.argv[1:]:
        try:
            decide(store, workspace, int(request_id), "approve")
            print(f"request {request_id}: pending -> approved")
        except PressroomError as exc:
            print(f"error: {exc}", file=sys.stderr)
"""


def test_eight_approvers_on_both_paths_never_exceed_capacity(store, example_workspace):
    """Four `credential approve` processes (the SQLite fast path, without SQLAlchemy) and four
    that decide through SQLAlchemy's store, at once, over the same requests in different orders."""
    ws = Workspace(example_workspace)
    ids = make_requests(store, ws, 60)
    env = {**os.environ, "PRESSROOM_TODAY": "2019-05-01"}
    orders = [ids[k:] + ids[:k] for k in range(0, 60, 15)]
    commands = [[*PRESSROOM, "credential", "approve", *order] for order in orders] + \
               [[sys.executable, "-c", CORE_APPROVER, *order[::-1]] for order in orders]
    procs = [subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for command in commands]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    for out, err in outputs:
        assert "Traceback" not in err, err[-2000:]
    approved = list_requests(store, ws, event_id="nssc-2019", status="approved")
    assert len(approved) == 40
    assert sum(out.count("-> approved") for out, _ in outputs) == 40
