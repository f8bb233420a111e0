"""The events: section: strict validation with located errors, and `pressroom event list|show`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pressroom.errors import InputError, NotFoundError
from pressroom.clock import today
from pressroom.events import get_event, load_events
from pressroom.workspace import Workspace

EVENT = """
events:
  - id: spring-summit
    name: Spring Summit
    start: 2020-03-02
    end: 2020-03-03
    capacity: 10
"""


def workspace_with(example_workspace, text: str) -> Workspace:
    """The example workspace with its events: section replaced by *text*."""
    from tests.conftest import REPO

    config = example_workspace / "pressroom.yaml"
    body = (REPO / "pressroom.yaml").read_text(encoding="utf-8")
    body = body.split("\n# Events that take press credentials")[0]
    config.write_text(body + "\n" + text, encoding="utf-8")
    return Workspace(example_workspace)


def test_the_example_workspace_has_the_2019_conference(example_workspace):
    event = get_event(Workspace(example_workspace), "nssc-2019")
    assert (event.name, event.city, event.state) == ("2019 National School Safety Conference",
                                                     "Pigeon Forge", "Tenn.")
    assert (event.start, event.end, event.deadline) == (date(2019, 6, 23), date(2019, 6, 28),
                                                        date(2019, 6, 14))
    assert (event.media_contact, event.capacity, event.per_outlet_limit) == ("farlow", 40, 3)
    assert event.credential_types == ("full-access", "day-pass")
    assert event.place == "LeConte Center at Pigeon Forge, Pigeon Forge, Tenn."


def test_defaults(example_workspace):
    [event] = load_events(workspace_with(example_workspace, EVENT))
    assert event.media_contact == "farlow"  # defaults.contact
    assert (event.deadline, event.per_outlet_limit, event.credential_types) == (None, None,
                                                                                ("full-access",))


@pytest.mark.parametrize("change, where, message", [
    ("    capcity: 3\n", 5, "unknown key 'capcity' in an event (did you mean 'capacity'?)"),
    ("    media_contact: farlw\n", 20, "unknown contact 'farlw' (did you mean 'farlow'?)"),
    ("    capacity: lots\n", 15, "'capacity' must be a whole number, not 'lots'"),
    ("    deadline: 2020-03-09\n", 15, "the request deadline (2020-03-09) is after the event ends"),
    ("    state: Tennesee\n", 12, "unknown state 'Tennesee' (did you mean 'Tennessee'?)"),
    ("    per_outlet_limit: 0\n", 23, "'per_outlet_limit' must be at least 1"),
    ("    credential_types: [Full Access]\n", 24, "'Full Access' is not a valid credential type"),
    ("    name: \"two\\nlines\"\n", None, "'name' must be a single line"),
])
def test_invalid_events_are_located(example_workspace, change, where, message):
    text = EVENT.replace("    capacity: 10\n", "") if "capacity:" in change else EVENT
    text = text.replace("    name: Spring Summit\n", "") if change.startswith("    name:") else text
    ws = workspace_with(example_workspace, text + change)
    with pytest.raises(InputError) as caught:
        load_events(ws)
    assert message in str(caught.value)
    if where:
        lines = (example_workspace / "pressroom.yaml").read_text().splitlines()
        line = lines.index(change.rstrip("\n")) + 1
        assert str(caught.value.where).endswith(f"pressroom.yaml:{line}:{where}")


def test_end_before_start(example_workspace):
    ws = workspace_with(example_workspace, EVENT.replace("end: 2020-03-03", "end: 2020-03-01"))
    with pytest.raises(InputError, match=r"the event ends \(2020-03-01\) before it starts"):
        load_events(ws)


def test_duplicate_ids_and_missing_keys(example_workspace):
    twice = EVENT + EVENT.replace("events:\n", "")
    with pytest.raises(InputError, match="duplicate event id 'spring-summit'"):
        load_events(workspace_with(example_workspace, twice))
    with pytest.raises(InputError, match="missing required key 'capacity' in an event"):
        load_events(workspace_with(example_workspace, EVENT.replace("    capacity: 10\n", "")))


def test_unknown_event(example_workspace):
    with pytest.raises(NotFoundError, match="no event 'nssc-2018' \\(did you mean 'nssc-2019'\\?\\)"):
        get_event(Workspace(example_workspace), "nssc-2018")


def test_today_is_fixed_by_the_environment(example_workspace):
    ws = Workspace(example_workspace)
    assert today(ws, {"PRESSROOM_TODAY": "2019-05-01"}) == date(2019, 5, 1)
    # 03:00 UTC on May 2 is still May 1 in Hoover (America/Chicago)
    assert today(ws, {"PRESSROOM_NOW": "2019-05-02T03:00:00Z"}) == date(2019, 5, 1)
    with pytest.raises(InputError, match="PRESSROOM_TODAY='May 1' is not a date"):
        today(ws, {"PRESSROOM_TODAY": "May 1"})


def test_event_list_and_show_json(store, cli):
    listed = cli("event", "list", "--format", "json")
    assert listed.exit_code == 0
    [event] = json.loads(listed.stdout)
    assert {k: event[k] for k in ("id", "start", "end", "media_contact", "deadline", "capacity",
                                  "per_outlet_limit")} == {
        "id": "nssc-2019", "start": "2019-06-23", "end": "2019-06-28", "media_contact": "farlow",
        "deadline": "2019-06-14", "capacity": 40, "per_outlet_limit": 3}
    shown = cli("event", "show", "nssc-2019", "--format", "json")
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["remaining"] == 40
    assert data["requests"] == {"pending": 0, "needs-info": 0, "approved": 0, "waitlisted": 0,
                                "denied": 0, "cancelled": 0, "revoked": 0}
    missing = cli("event", "show", "nope")
    assert (missing.exit_code, missing.stderr) == (2, "error: no event 'nope'; events: nssc-2019\n")


def test_event_show_table(store, cli):
    shown = cli("event", "show", "nssc-2019")
    assert shown.exit_code == 0
    assert "Remaining         40" in shown.stdout
    assert "Media contact     farlow" in shown.stdout
