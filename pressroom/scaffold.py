"""`pressroom init`: create a workspace folder. Never overwrites an existing file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pressroom.atomic import create_exclusive
from pressroom.errors import InputError
from pressroom.workspace import CONFIG_NAME, check_email, parse_config


@dataclass
class InitAnswers:
    name: str
    short_name: str = ""
    website: str = ""
    city: str = ""
    state: str = ""
    contact_name: str = ""
    contact_title: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    timezone: str = "America/New_York"
    dateline_style: str = "dated"


def check_answer(field: str, value: str) -> str:
    """One answer checked as it is given (so a prompt can ask again, or a flag be named)."""
    value = value.strip()
    if "\n" in value or "\r" in value:
        raise InputError("must be a single line")
    if not value:
        if field == "name":
            raise InputError("the organisation's name is required")
        return value
    if field == "state":
        from pressroom.apstyle import resolve_state

        resolve_state(value)
    elif field == "contact_email":
        check_email(value, None)
    elif field == "timezone":
        from pressroom.workspace import check_timezone

        check_timezone(value, None)
    elif field == "dateline_style":
        from pressroom.apstyle import check_dateline_style

        value = check_dateline_style(value)
    return value


def suggested_timezone(state: str) -> str:
    """The time zone of most of *state* (any spelling ``resolve_state`` takes), else New York's.

    A suggestion for ``init``: a state split between zones gets its most populous one (the table
    is ``apstyle/data/state_time_zones.csv``)."""
    if not state.strip():
        return "America/New_York"
    from pressroom.apstyle import resolve_state
    from pressroom.apstyle.places import read_table

    code = resolve_state(state).code
    zones = {row["code"]: row["zone"] for row in read_table("state_time_zones")}
    return zones.get(code, "America/New_York")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "contact"


def config_text(a: InitAnswers) -> str:
    import yaml

    for label, value in vars(a).items():
        if "\n" in value or "\r" in value:
            raise InputError(f"{label.replace('_', ' ')} must be a single line")
    if not a.name.strip():
        raise InputError("the organisation's name is required (--name)")
    if a.contact_email:
        check_email(a.contact_email, None)
    # No short name is better than the full name twice: "About X" and never "X (X)".
    called = f"{a.name} ({a.short_name})" if a.short_name else a.name
    organization = {"name": a.name}
    if a.short_name:
        organization["short_name"] = a.short_name
    organization.update({
        "website": a.website, "city": a.city, "state": a.state,
        "boilerplate": f"{called} ... Describe the organisation here: this paragraph closes "
                       "every release as 'About'."})
    doc: dict = {"organization": organization}
    doc["spokespeople"] = []
    contact_id = _slug(a.contact_name.split()[-1]) if a.contact_name.strip() else None
    if contact_id and a.contact_email:
        contact = {"id": contact_id, "name": a.contact_name}
        if a.contact_title:  # the block is headed "Media contact" already: no default title
            contact["title"] = a.contact_title
        contact.update({"email": a.contact_email, "phone": a.contact_phone})
        doc["contacts"] = [contact]
    else:
        doc["contacts"] = []
    doc["defaults"] = {"dateline_style": a.dateline_style, "timezone": a.timezone}
    if contact_id and a.contact_email:
        doc["defaults"]["contact"] = contact_id
    header = ("# pressroom workspace configuration: see README.md, 'The workspace' (every key, with\n"
              "# the example workspace's file) and 'A tour'. Add spokespeople (id, name, title,\n"
              "# variants) and media contacts below; 'events:' and 'mail:' are described there too.\n"
              "# Replace the boilerplate's placeholder text: 'pressroom release check' flags it.\n")
    text = header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    # The file must be one a workspace accepts: validate before writing anything.
    from pressroom.yamlfile import load_yaml_text

    parse_config(load_yaml_text(text, CONFIG_NAME), CONFIG_NAME)
    return text


def init_workspace(folder: Path, answers: InitAnswers) -> list[tuple[Path, bool]]:
    """Create the workspace; returns each path with True if created, False if it already existed."""
    text = config_text(answers)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"'{folder}' exists and is not a folder")
    results: list[tuple[Path, bool]] = []
    for sub in ("releases", "templates"):
        path = folder / sub
        existed = path.is_dir()
        path.mkdir(parents=True, exist_ok=True)
        results.append((path, not existed))
    results.append((folder / CONFIG_NAME, create_exclusive(folder / CONFIG_NAME, text)))
    return results
