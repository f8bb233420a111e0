"""The workspace: a folder with ``pressroom.yaml``, ``releases/`` and ``templates/``.

It is found from ``--workspace DIR``, then ``PRESSROOM_WORKSPACE``, then by walking up from the
current folder as git does. ``pressroom.yaml`` is validated strictly: unknown keys, wrong types,
an unknown state or a duplicate id are errors located at ``pressroom.yaml:line:column``.

Sections owned by other modules (``mail``, ``events``, ``database``, ``style``) are kept as located raw
mappings here and validated by those modules when they are used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.errors import InputError, Location, PressroomError
from pressroom.yamlfile import (YamlList, YamlMap, check_keys, get_str, get_str_list, load_yaml,
                                require_map)

CONFIG_NAME = "pressroom.yaml"
ENV_WORKSPACE = "PRESSROOM_WORKSPACE"

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


class NoWorkspaceError(PressroomError):
    pass


@dataclass(frozen=True)
class Organization:
    name: str
    short_name: str
    website: str = ""
    city: str = ""
    state: str = ""          # as written in pressroom.yaml; apstyle resolves it
    phone: str = ""
    email: str = ""
    boilerplate: str = ""


@dataclass(frozen=True)
class Spokesperson:
    id: str
    name: str
    title: str = ""
    variants: tuple[str, ...] = ()

    @property
    def last_name(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Defaults:
    dateline_style: str = "dated"
    timezone: str = "America/New_York"
    contact: str | None = None


@dataclass
class Config:
    organization: Organization
    spokespeople: list[Spokesperson]
    contacts: list[Contact]
    defaults: Defaults
    extra_standalone: list[tuple[str, str]] = field(default_factory=list)
    database: str | None = None
    raw: YamlMap = field(default_factory=YamlMap)  # the whole located document

    def spokesperson(self, key: str) -> Spokesperson | None:
        """Find a spokesperson by id, full name, last name or variant (case-insensitive)."""
        wanted = " ".join(key.split()).casefold()
        for person in self.spokespeople:
            names = {person.id, person.name, *person.variants}
            if wanted in {n.casefold() for n in names}:
                return person
        matches = [p for p in self.spokespeople if p.last_name.casefold() == wanted]
        return matches[0] if len(matches) == 1 else None

    def contact(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def section(self, key: str) -> Any:
        """A raw section owned by another module (``mail``, ``events``), or None."""
        return self.raw.get(key)


TOP_KEYS = ("organization", "spokespeople", "contacts", "defaults", "datelines", "database",
            "mail", "events", "distribution", "site",
            "style")  # house style for body text: validated by pressroom.copyedit.config


def _id(mapping: YamlMap, key: str = "id") -> str:
    value = get_str(mapping, key, required=True, multiline=False)
    assert value is not None
    if not _ID.match(value):
        raise InputError(f"'{value}' is not a valid id (lower-case letters, digits, - and _)",
                         where=mapping.where(key))
    return value


def check_email(value: str, where: Location) -> str:
    if not _EMAIL.match(value):
        raise InputError(f"'{value}' is not a valid email address", where=where)
    return value


def _items(doc: YamlMap, key: str) -> list[YamlMap]:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"'{key}' must be a list", where=doc.where(key))
    items = []
    for index, item in enumerate(value):
        where = value.where(index) if isinstance(value, YamlList) else doc.where(key)
        items.append(require_map(item, f"each item of '{key}'", where))
    return items


def _unique(items: list[Any], maps: list[YamlMap], what: str) -> None:
    seen: set[str] = set()
    for item, mapping in zip(items, maps):
        if item.id in seen:
            raise InputError(f"duplicate {what} id '{item.id}'", where=mapping.where("id"))
        seen.add(item.id)


def parse_config(doc: Any, file: str) -> Config:
    """Validate a loaded ``pressroom.yaml`` document."""
    if doc is None:
        raise InputError("the file is empty", where=Location(file))
    doc = require_map(doc, "pressroom.yaml", Location(file, 1, 1))
    check_keys(doc, TOP_KEYS, required=("organization",))

    org_map = require_map(doc["organization"], "'organization'", doc.where("organization"))
    check_keys(org_map, ("name", "short_name", "website", "city", "state", "phone", "email",
                         "boilerplate"), required=("name",), what="'organization'")
    name = get_str(org_map, "name", required=True, multiline=False)
    state = get_str(org_map, "state", default="", multiline=False) or ""
    if state:
        from pressroom.apstyle import resolve_state

        try:
            resolve_state(state)
        except PressroomError as exc:
            raise exc.located(org_map.where("state"))
    email = get_str(org_map, "email", default="", multiline=False) or ""
    if email:
        check_email(email, org_map.where("email"))
    organization = Organization(
        name=name or "",
        short_name=get_str(org_map, "short_name", default=name, multiline=False) or "",
        website=get_str(org_map, "website", default="", multiline=False) or "",
        city=get_str(org_map, "city", default="", multiline=False) or "",
        state=state, phone=get_str(org_map, "phone", default="", multiline=False) or "",
        email=email, boilerplate=get_str(org_map, "boilerplate", default="") or "")

    people_maps = _items(doc, "spokespeople")
    spokespeople = []
    for m in people_maps:
        check_keys(m, ("id", "name", "title", "variants"), required=("id", "name"),
                   what="a spokesperson")
        spokespeople.append(Spokesperson(
            id=_id(m), name=get_str(m, "name", required=True, multiline=False) or "",
            title=get_str(m, "title", default="", multiline=False) or "",
            variants=tuple(get_str_list(m, "variants"))))
    _unique(spokespeople, people_maps, "spokesperson")

    contact_maps = _items(doc, "contacts")
    contacts = []
    for m in contact_maps:
        check_keys(m, ("id", "name", "title", "email", "phone"), required=("id", "name", "email"),
                   what="a contact")
        contact_email = get_str(m, "email", required=True, multiline=False) or ""
        check_email(contact_email, m.where("email"))
        contacts.append(Contact(
            id=_id(m), name=get_str(m, "name", required=True, multiline=False) or "",
            title=get_str(m, "title", default="", multiline=False) or "",
            email=contact_email, phone=get_str(m, "phone", default="", multiline=False) or ""))
    _unique(contacts, contact_maps, "contact")

    defaults = Defaults()
    if doc.get("defaults") is not None:
        d = require_map(doc["defaults"], "'defaults'", doc.where("defaults"))
        check_keys(d, ("dateline_style", "timezone", "contact"), what="'defaults'")
        style = get_str(d, "dateline_style", default=defaults.dateline_style, multiline=False)
        from pressroom.apstyle import DATELINE_STYLES

        if style not in DATELINE_STYLES:
            from pressroom.errors import did_you_mean

            raise InputError(f"unknown dateline style '{style}'{did_you_mean(style or '', DATELINE_STYLES)}"
                             f"; one of: {', '.join(DATELINE_STYLES)}", where=d.where("dateline_style"))
        tz = get_str(d, "timezone", default=defaults.timezone, multiline=False) or ""
        check_timezone(tz, d.where("timezone"))
        contact = get_str(d, "contact", multiline=False)
        if contact and contact not in {c.id for c in contacts}:
            from pressroom.errors import did_you_mean

            raise InputError(f"unknown contact '{contact}'{did_you_mean(contact, [c.id for c in contacts])}",
                             where=d.where("contact"))
        defaults = Defaults(dateline_style=style or "dated", timezone=tz, contact=contact)

    extra: list[tuple[str, str]] = []
    if doc.get("datelines") is not None:
        dl = require_map(doc["datelines"], "'datelines'", doc.where("datelines"))
        check_keys(dl, ("standalone",), what="'datelines'")
        for m in _items(dl, "standalone"):
            check_keys(m, ("city", "state", "country"), required=("city",), what="a stand-alone city")
            region = get_str(m, "state", multiline=False) or get_str(m, "country", multiline=False)
            if not region:
                raise InputError("a stand-alone city needs a 'state' or a 'country'", where=m.where())
            extra.append((get_str(m, "city", required=True, multiline=False) or "", region))

    database = get_str(doc, "database", multiline=False)
    return Config(organization=organization, spokespeople=spokespeople, contacts=contacts,
                  defaults=defaults, extra_standalone=extra, database=database, raw=doc)


def check_timezone(name: str, where: Location | None) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not name or "\x00" in name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(f"unknown time zone '{name}' (use a name like America/Chicago)",
                         where=where) from None
    return name


class Workspace:
    """A located workspace and its validated configuration (loaded on first use)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._config: Config | None = None

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def releases_dir(self) -> Path:
        return self.root / "releases"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def outbox_dir(self) -> Path:
        return self.root / "outbox"

    @property
    def database_path(self) -> Path:
        return self.root / "pressroom.db"

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = parse_config(load_yaml(self.config_path, shown_as=self.shown(self.config_path)),
                                        self.shown(self.config_path))
        return self._config

    def shown(self, path: Path) -> str:
        """How to print *path*: relative to the current folder when it is inside it."""
        from pressroom.yamlfile import display_path

        return display_path(path)

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"


def find_workspace(explicit: str | os.PathLike[str] | None = None, *, start: Path | None = None) -> Workspace:
    """Locate the workspace: explicit folder, then $PRESSROOM_WORKSPACE, then walk up from *start*."""
    chosen = explicit if explicit is not None else os.environ.get(ENV_WORKSPACE) or None
    if chosen is not None:
        root = Path(chosen).expanduser()
        source = "--workspace" if explicit is not None else ENV_WORKSPACE
        if not (root / CONFIG_NAME).is_file():
            raise NoWorkspaceError(f"{source} names '{root}', which has no {CONFIG_NAME}; "
                                   f"create one with 'pressroom init {root}'")
        return Workspace(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Workspace(folder)
    raise NoWorkspaceError(f"not inside a pressroom workspace (no {CONFIG_NAME} here or above); "
                           "create one with 'pressroom init'")


_current: Workspace | None = None
_explicit_root: str | None = None


def set_workspace_option(root: str | None) -> None:
    """The CLI records ``--workspace`` here; the workspace itself is found on first use."""
    global _explicit_root, _current
    _explicit_root, _current = root, None


def optional_workspace() -> Workspace | None:
    """The workspace if there is one; None only when none was named and none is found upwards.

    For commands that work without a workspace but use its defaults when there is one."""
    if _explicit_root is not None or os.environ.get(ENV_WORKSPACE):
        return current_workspace()
    try:
        return current_workspace()
    except NoWorkspaceError:
        return None


def current_workspace() -> Workspace:
    """The workspace for this command (found once, on first use)."""
    global _current
    if _current is None:
        _current = find_workspace(_explicit_root)
    return _current
