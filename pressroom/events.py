"""Events that take press credentials: the ``events:`` section of ``pressroom.yaml``.

Each event is one mapping::

    events:
      - id: nssc-2019
        name: 2019 National School Safety Conference
        venue: LeConte Center at Pigeon Forge
        city: Pigeon Forge
        state: Tenn.
        start: 2019-06-23
        end: 2019-06-28
        media_contact: farlow          # a contact id; default: defaults.contact
        deadline: 2019-06-14           # last day for requests (later ones are accepted, flagged late)
        capacity: 40                   # credentials in all
        per_outlet_limit: 3            # optional: no limit when absent
        credential_types: [full-access, day-pass]
        pickup: Media check-in is at the registration desk ...
        requirements: [a letter of assignment from an editor, government-issued photo ID, ...]

Validated strictly: unknown keys, wrong types, an unknown contact, an end before the start or a
deadline after the end are errors located at ``pressroom.yaml:line:column``.

"Today" is the workspace's date, from :mod:`pressroom.clock`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pressroom.errors import InputError, Location, NotFoundError, did_you_mean
from pressroom.yamlfile import (YamlList, YamlMap, check_keys, get_date, get_int, get_str,
                                get_str_list, require_map)

KEYS = ("id", "name", "venue", "city", "state", "start", "end", "media_contact", "deadline",
        "capacity", "per_outlet_limit", "credential_types", "pickup", "requirements")
REQUIRED = ("id", "name", "start", "end", "capacity")
DEFAULT_CREDENTIAL_TYPES = ("full-access",)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_TYPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    start: date
    end: date
    media_contact: str
    capacity: int
    venue: str = ""
    city: str = ""
    state: str = ""
    deadline: date | None = None
    per_outlet_limit: int | None = None
    credential_types: tuple[str, ...] = DEFAULT_CREDENTIAL_TYPES
    pickup: str = ""
    requirements: tuple[str, ...] = ()
    where: Location | None = None

    def has_ended(self, today: date) -> bool:
        return today > self.end

    def is_late(self, today: date) -> bool:
        return self.deadline is not None and today > self.deadline

    @property
    def place(self) -> str:
        """``LeConte Center at Pigeon Forge, Pigeon Forge, Tenn.``"""
        return ", ".join(part for part in (self.venue, self.city, self.state) if part)

    def days(self) -> list[date]:
        from datetime import timedelta

        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "venue": self.venue, "city": self.city,
                "state": self.state, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "media_contact": self.media_contact,
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "capacity": self.capacity, "per_outlet_limit": self.per_outlet_limit,
                "credential_types": list(self.credential_types), "pickup": self.pickup,
                "requirements": list(self.requirements)}


def parse_events(section: Any, config: Any, file: str = "pressroom.yaml") -> list[Event]:
    """Validate the raw ``events:`` section (a list of mappings) against *config*'s contacts."""
    if section is None:
        return []
    if not isinstance(section, list):
        where = config.raw.where("events") if isinstance(config.raw, YamlMap) else Location(file)
        raise InputError("'events' must be a list of events", where=where)
    events: list[Event] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(section):
        where = section.where(index) if isinstance(section, YamlList) else Location(file)
        event = parse_event(require_map(item, "each event", where), config)
        if event.id in seen:
            raise InputError(f"duplicate event id '{event.id}' (first at {seen[event.id]})",
                             where=item.where("id"))
        seen[event.id] = item.where("id")
        events.append(event)
    return events


def parse_event(m: YamlMap, config: Any) -> Event:
    check_keys(m, KEYS, required=REQUIRED, what="an event")
    event_id = get_str(m, "id", required=True, multiline=False) or ""
    if not _ID.match(event_id):
        raise InputError(f"'{event_id}' is not a valid event id (lower-case letters, digits, - and _)",
                         where=m.where("id"))
    line = {key: get_str(m, key, default="", multiline=False) or ""
            for key in ("name", "venue", "city", "state")}
    from pressroom.header_text import check_line

    for key, value in line.items():
        check_line(value, f"'{key}'", m.where(key))
    if line["state"]:
        from pressroom.apstyle import resolve_state
        from pressroom.errors import PressroomError

        try:
            resolve_state(line["state"])
        except PressroomError as exc:
            raise exc.located(m.where("state"))
    start, end = get_date(m, "start", required=True), get_date(m, "end", required=True)
    assert start is not None and end is not None
    if end < start:
        raise InputError(f"the event ends ({end}) before it starts ({start})", where=m.where("end"))
    deadline = get_date(m, "deadline")
    if deadline is not None and deadline > end:
        raise InputError(f"the request deadline ({deadline}) is after the event ends ({end})",
                         where=m.where("deadline"))
    contacts = [c.id for c in config.contacts]
    contact = get_str(m, "media_contact", multiline=False) or config.defaults.contact
    if contact is None:
        raise InputError(f"event '{event_id}' needs a 'media_contact' (there is no defaults.contact)",
                         where=m.where())
    if contact not in contacts:
        raise InputError(f"unknown contact '{contact}'{did_you_mean(contact, contacts)}",
                         where=m.where("media_contact" if "media_contact" in m else None))
    capacity = get_int(m, "capacity", required=True, minimum=0)
    per_outlet = get_int(m, "per_outlet_limit", minimum=1)
    types = get_str_list(m, "credential_types") or list(DEFAULT_CREDENTIAL_TYPES)
    for index, kind in enumerate(types):
        if not _TYPE.match(kind):
            value = m.get("credential_types")
            where = value.where(index) if isinstance(value, YamlList) else m.where("credential_types")
            raise InputError(f"'{kind}' is not a valid credential type (lower-case words joined by -,"
                             " like full-access)", where=where)
    if len(set(types)) != len(types):
        raise InputError("'credential_types' lists a type twice", where=m.where("credential_types"))
    return Event(id=event_id, name=line["name"], venue=line["venue"], city=line["city"],
                 state=line["state"], start=start, end=end, media_contact=contact,
                 deadline=deadline, capacity=capacity or 0, per_outlet_limit=per_outlet,
                 credential_types=tuple(types), pickup=get_str(m, "pickup", default="") or "",
                 requirements=tuple(get_str_list(m, "requirements")), where=m.where())


def load_events(workspace: Any) -> list[Event]:
    config = workspace.config
    return parse_events(config.section("events"), config, workspace.shown(workspace.config_path))


def get_event(workspace: Any, event_id: str) -> Event:
    events = load_events(workspace)
    for event in events:
        if event.id == event_id:
            return event
    ids = [e.id for e in events]
    listed = f"; events: {', '.join(ids)}" if ids else f"; there are no events in {workspace.shown(workspace.config_path)}"
    raise NotFoundError(f"no event '{event_id}'{did_you_mean(event_id, ids)}{listed}")

