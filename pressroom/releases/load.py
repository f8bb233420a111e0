"""Reading and validating release files: ``releases/YYYY-MM-DD-slug.yaml``.

Every mistake is an :class:`~pressroom.errors.InputError` located at ``file:line:column`` (with a
suggestion for near misses). A slug given on the command line is only ever looked up among the
files of the workspace's ``releases/`` folder, so it can never name a file outside it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pressroom.errors import InputError, Location, NotFoundError, PressroomError, did_you_mean
from pressroom.releases.model import (DEFAULT_EMBARGO_TIME, DEFAULT_EMBARGO_ZONE, STATUSES, Embargo,
                                      Release, ReleaseQuote)
from pressroom.yamlfile import (YamlList, YamlMap, check_keys, describe, get_date, get_str,
                                get_str_list, load_yaml, require_map)

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUFFIXES = (".yaml", ".yml")

TOP_KEYS = ("headline", "subhead", "date", "dateline", "release", "status", "contact", "quotes",
            "body", "boilerplate", "tags", "style")
DATELINE_KEYS = ("city", "state", "country")
EMBARGO_KEYS = ("date", "time", "timezone")
QUOTE_KEYS = ("speaker", "text", "speaker_title")

_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$", re.IGNORECASE)


# --- finding release files ---------------------------------------------------------------------

def release_files(workspace: Any) -> list[Path]:
    """The release files of the workspace, sorted by name (hidden files skipped)."""
    import os

    folder = workspace.releases_dir
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:  # is_file() from the listing: no stat per file
        names = sorted(entry.name for entry in entries  # names sort as their paths, cheaper
                       if entry.name.endswith(SUFFIXES) and not entry.name.startswith(".")
                       and entry.is_file())
    return [folder / name for name in names]


def release_slugs(workspace: Any) -> set[str]:
    """The slugs of the workspace's releases, from their file names alone (nothing is parsed)."""
    slugs = set()
    for path in release_files(workspace):
        match = FILE_NAME.match(path.name)
        if match:
            slugs.add(match.group(2))
    return slugs


def check_slug(slug: str) -> str:
    """A slug from the command line: a plain name, never a path."""
    where = Location(record=f"slug '{slug}'")
    if not slug or "/" in slug or "\\" in slug or ".." in slug or slug.startswith("."):
        raise InputError("a slug is a name like 'conference-keynote', not a path "
                         "(no '/', '\\', '..' or leading '.')", where=where)
    if not SLUG.match(slug) and not FILE_NAME.match(slug + ".yaml"):
        raise InputError("a slug uses lower-case letters, digits and '-' only", where=where)
    return slug


def find_release(slug_or_path: str | Path, workspace: Any) -> Path:
    """The file a command-line argument names: a path ending in .yaml, else a slug (with or
    without its date) looked up in the workspace's releases folder."""
    text = str(slug_or_path)
    if isinstance(slug_or_path, Path) or text.endswith(SUFFIXES):
        return Path(text)
    slug = check_slug(text)
    files = release_files(workspace)
    by_stem = [p for p in files if p.stem == slug]
    if by_stem:
        return by_stem[0]
    matches = [p for p in files if (m := FILE_NAME.match(p.name)) and m.group(2) == slug]
    if len(matches) > 1:
        names = ", ".join(p.stem for p in matches)
        raise InputError(f"more than one release has this slug: {names}",
                         where=Location(record=f"slug '{slug}'"))
    if not matches:
        hint = did_you_mean(slug, release_slugs(workspace))
        raise NotFoundError(f"no release with this slug in {workspace.shown(workspace.releases_dir)}"
                            f"{hint}", where=Location(record=f"slug '{slug}'"))
    return matches[0]


def parse_file_name(path: Path, shown: str) -> tuple[dt.date, str]:
    """(date, slug) from ``YYYY-MM-DD-slug.yaml``."""
    match = FILE_NAME.match(path.name)
    if not match:
        raise InputError("a release file is named YYYY-MM-DD-slug.yaml (slug: lower-case "
                         "letters, digits and '-')", where=Location(shown))
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise InputError(f"the file name's date '{match.group(1)}' is not a real date",
                         where=Location(shown)) from None
    return day, match.group(2)


# --- validation ------------------------------------------------------------------------------------

class ReleaseLoader:
    """Validates release files against one workspace's configuration (read once), caching the
    dateline places it resolves, so loading a thousand releases costs little more than parsing."""

    def __init__(self, workspace: Any) -> None:
        self.workspace = workspace
        self.config = workspace.config
        self._places: dict[tuple, Any] = {}
        self._contacts = {c.id: c for c in self.config.contacts}
        self._speakers: dict[str, Any] = {}  # speaker as written -> Spokesperson or None

    def load(self, path: Path, *, doc: Any = None, shown: str | None = None) -> Release:
        """The release in *path*; *doc* is its YAML document when the caller has it already
        (site build: parsed from the bytes it hashed, or from its cache); *shown* is
        ``workspace.shown(path)`` when the caller knows it."""
        shown = shown or self.workspace.shown(path)
        day, slug = parse_file_name(path, shown)
        if doc is None:
            doc = load_yaml(path, shown_as=shown)
        return self.parse(doc, path=path, shown=shown, file_date=day, slug=slug)

    def parse(self, doc: Any, *, path: Path, shown: str, file_date: dt.date, slug: str) -> Release:
        if doc is None:
            raise InputError("the file is empty (a release needs at least 'headline' and 'date')",
                             where=Location(shown))
        top = Location(shown, *doc.mark) if isinstance(doc, (YamlMap, YamlList)) else Location(shown, 1, 1)
        if not isinstance(doc, dict):
            raise InputError(f"a release is a mapping of keys (headline, date, ...), not {describe(doc)}",
                             where=top)
        doc = require_map(doc, "a release", top)
        check_keys(doc, TOP_KEYS)
        where: dict[str, Location] = {key: doc.where(key) for key in doc if isinstance(key, str)}

        headline = get_str(doc, "headline", required=True, multiline=False) or ""
        day = get_date(doc, "date", required=True)
        assert day is not None
        if day != file_date:
            raise InputError(f"'date' is {day.isoformat()} but the file name says "
                             f"{file_date.isoformat()}", where=doc.where("date"))
        status = get_str(doc, "status", default="draft", multiline=False) or "draft"
        if status not in STATUSES:
            raise InputError(f"unknown status '{status}'{did_you_mean(status, STATUSES)}; one of: "
                             f"{', '.join(STATUSES)}", where=doc.where("status"))
        style = self._style(doc)
        place = self._place(doc, shown)
        from pressroom.apstyle import format_dateline

        return Release(
            slug=slug, path=path, shown=shown, headline=headline, date=day, place=place,
            dateline=format_dateline(place, day, style), style=style,
            subhead=get_str(doc, "subhead", multiline=False), status=status,
            embargo=self._embargo(doc), contacts=self._contact_list(doc),
            quotes=self._quotes(doc), body=get_str(doc, "body", default="") or "",
            boilerplate=self._boilerplate(doc), tags=tuple(get_str_list(doc, "tags")),
            where=where, source=doc.source)

    def _style(self, doc: YamlMap) -> str:
        from pressroom.apstyle import check_dateline_style

        style = get_str(doc, "style", multiline=False)
        if style is None:
            return self.config.defaults.dateline_style
        try:
            return check_dateline_style(style)
        except PressroomError as exc:
            raise exc.located(doc.where("style"))

    def _place(self, doc: YamlMap, shown: str) -> Any:
        from pressroom.apstyle import resolve_place, resolve_state
        from pressroom.apstyle.places import resolve_country

        raw = doc.get("dateline")
        if raw is None:
            org = self.config.organization
            if not org.city:
                raise InputError("no 'dateline' here, and pressroom.yaml's organization has no "
                                 "city to default to", where=Location(shown, 1, 1))
            city, state, country = org.city, org.state or None, None
            city_where = state_where = country_where = self.workspace.shown(self.workspace.config_path)
        else:
            dl = require_map(raw, "'dateline'", doc.where("dateline"))
            check_keys(dl, DATELINE_KEYS, required=("city",), what="'dateline'")
            city = get_str(dl, "city", required=True, multiline=False) or ""
            state = get_str(dl, "state", multiline=False)
            country = get_str(dl, "country", multiline=False)
            city_where, state_where, country_where = dl.where("city"), dl.where("state"), dl.where("country")
        key = (city, state, country)
        place = self._places.get(key)
        if place is None:
            if state:
                try:
                    resolve_state(state)
                except PressroomError as exc:
                    raise exc.located(state_where)
            if country:
                try:
                    resolve_country(country)
                except PressroomError as exc:
                    raise exc.located(country_where)
            try:
                place = resolve_place(city, state, country,
                                      extra_standalone=self.config.extra_standalone)
            except PressroomError as exc:
                raise exc.located(city_where)
            self._places[key] = place
        return place

    def _embargo(self, doc: YamlMap) -> Embargo | None:
        raw = doc.get("release")
        if raw is None or raw == "immediate":
            return None
        if not isinstance(raw, dict):
            raise InputError(f"'release' is 'immediate' or a mapping with 'embargo', not "
                             f"{describe(raw)}", where=doc.where("release"))
        rel = require_map(raw, "'release'", doc.where("release"))
        check_keys(rel, ("embargo",), what="'release'")
        if rel.get("embargo") is None:
            raise InputError("'release' needs 'embargo' (or write 'release: immediate')",
                             where=doc.where("release"))
        em = require_map(rel["embargo"], "'embargo'", rel.where("embargo"))
        check_keys(em, EMBARGO_KEYS, what="'embargo'")
        day = get_date(em, "date")
        if day is None:
            raise InputError("'embargo' needs a 'date'", where=rel.where("embargo"))
        raw_time, label, offset = split_zone(em.get("time"), em.where("time"))
        moment = parse_time(raw_time, em.where("time")) if raw_time is not None else None
        zone = get_str(em, "timezone", multiline=False)
        if zone is None:
            zone = DEFAULT_EMBARGO_ZONE if moment is None else self.config.defaults.timezone
        from pressroom.apstyle.dates import local_moment
        from pressroom.workspace import check_timezone

        check_timezone(zone, em.where("timezone"))
        clock = moment or DEFAULT_EMBARGO_TIME
        try:
            fold = local_moment(day, clock, zone, label=label, offset=offset).fold
        except PressroomError as exc:
            raise exc.located(em.where("time" if "time" in em else "date")) from None
        return Embargo(day, clock, zone, time_given=moment is not None, fold=fold)

    def _contact_list(self, doc: YamlMap) -> tuple:
        if "contact" not in doc:
            default = self.config.defaults.contact
            return (self._contacts[default],) if default in self._contacts else ()
        raw = doc["contact"]
        if raw is None:
            return ()
        ids = get_str_list(doc, "contact")
        contacts = []
        for index, contact_id in enumerate(ids):
            contact = self._contacts.get(contact_id)
            if contact is None:
                at = raw.where(index) if isinstance(raw, YamlList) else doc.where("contact")
                raise InputError(f"unknown contact '{contact_id}'"
                                 f"{did_you_mean(contact_id, self._contacts)}", where=at)
            contacts.append(contact)
        return tuple(contacts)

    def _quotes(self, doc: YamlMap) -> tuple[ReleaseQuote, ...]:
        raw = doc.get("quotes")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise InputError(f"'quotes' must be a list, not {describe(raw)}", where=doc.where("quotes"))
        quotes = []
        for index, item in enumerate(raw):
            at = raw.where(index) if isinstance(raw, YamlList) else doc.where("quotes")
            q = require_map(item, "each quote", at)
            check_keys(q, QUOTE_KEYS, what="a quote")
            speaker = get_str(q, "speaker", multiline=False)
            text = get_str(q, "text")
            if not speaker:
                raise InputError("a quote needs a 'speaker'", where=at)
            if not text:
                raise InputError("a quote needs its 'text'", where=at)
            text = strip_quote_marks(" ".join(text.split()))
            title = get_str(q, "speaker_title", multiline=False)
            person = self._spokesperson(speaker)
            if person is not None:
                if title is not None:
                    raise InputError(f"'{speaker}' is a spokesperson: their title comes from "
                                     "pressroom.yaml (speaker_title is for other speakers)",
                                     where=q.where("speaker_title", of_key=True))
                quotes.append(ReleaseQuote(person.id, person.name, person.title, text, at))
            else:
                quotes.append(ReleaseQuote(None, " ".join(speaker.split()), title or "", text, at))
        return tuple(quotes)

    def _spokesperson(self, speaker: str) -> Any:
        """The spokesperson a speaker names (looked up once per name: the same few speak in
        release after release)."""
        if speaker not in self._speakers:
            self._speakers[speaker] = self.config.spokesperson(speaker)
        return self._speakers[speaker]

    def _boilerplate(self, doc: YamlMap) -> str | None:
        raw = doc.get("boilerplate")
        if raw is None or raw is True:
            return self.config.organization.boilerplate or None
        if raw is False:
            return None
        text = get_str(doc, "boilerplate")
        return text or None


_ZONE_SUFFIX = re.compile(
    r"^(?P<clock>.*?)\s*(?:(?P<label>[A-Za-z]{3,5})|(?:UTC|GMT)?(?P<offset>[+-]\d{1,2}(?::?\d{2})?))$")
_NOT_ZONES = {"am", "pm", "noon"}


def split_zone(value: Any, where: Location) -> tuple[Any, str | None, dt.timedelta | None]:
    """(the time, a zone label, a UTC offset) from ``1:30 a.m. EDT`` or ``01:30-04:00``: the
    label or offset says which of a time that happens twice is meant."""
    if not isinstance(value, str):
        return value, None, None
    found = _ZONE_SUFFIX.match(value.strip())
    if found is None or not found["clock"] or (found["label"] or "").lower() in _NOT_ZONES:
        return value, None, None
    if found["label"]:
        return found["clock"], found["label"].upper(), None
    text = found["offset"].replace(":", "")
    sign = -1 if text[0] == "-" else 1
    digits = text[1:]
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14 or minutes > 59:
        raise InputError(f"'{found['offset']}' is not a UTC offset", where=where)
    return found["clock"], None, sign * dt.timedelta(hours=hours, minutes=minutes)


def parse_time(value: Any, where: Location) -> dt.time:
    """``10:00``, ``14:30``, ``10 a.m.``, ``3:30 p.m.``, ``noon``; YAML reads an unquoted ``10:00``
    as the base-60 number 600, which is taken back as 10:00."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"'time' must be a time like 10:00 or 10 a.m., not {describe(value)}",
                         where=where)
    if isinstance(value, int):
        if 60 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        if 0 <= value < 24:
            return dt.time(value)
        raise InputError(f"cannot read {value} as a time (write it in quotes: \"10:00\")", where=where)
    text = " ".join(value.split()).lower()
    if text in ("noon", "12 noon"):
        return dt.time(12)
    if text == "midnight":
        return dt.time(0)
    match = _TIME.match(text)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half:
            if 1 <= hour <= 12:
                hour = hour % 12 + (12 if half == "p" else 0)
            else:
                hour = 99
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise InputError(f"cannot read '{value}' as a time (use 10:00, 14:30 or 10 a.m.)", where=where)


_OPENING = "\"“”'‘"
_CLOSING = "\"”“'’"


def strip_quote_marks(text: str) -> str:
    """Quotation marks typed around a quote are dropped: the templates add them."""
    if len(text) >= 2 and text[0] in _OPENING and text[-1] in _CLOSING:
        inner = text[1:-1].strip()
        if not any(mark in inner for mark in "\"“”"):
            return inner
    return text


# --- the API --------------------------------------------------------------------------------------

def load_release(path_or_slug: str | Path, workspace: Any, *, loader: ReleaseLoader | None = None) -> Release:
    """One release, from a slug (``conference-keynote`` or ``2019-04-15-conference-keynote``)
    or a path to its file."""
    path = find_release(path_or_slug, workspace)
    return (loader or ReleaseLoader(workspace)).load(path)


def load_all(workspace: Any) -> list[Release]:
    """Every release of the workspace, sorted by file name; the first invalid one raises."""
    releases, errors = load_many(release_files(workspace), workspace)
    if errors:
        raise errors[0]
    return releases


def load_many(paths: list[Path], workspace: Any) -> tuple[list[Release], list[PressroomError]]:
    """Load each file, collecting the errors instead of stopping at the first. Two files with
    one slug are an error at the second."""
    loader = ReleaseLoader(workspace)
    releases: list[Release] = []
    errors: list[PressroomError] = []
    seen: dict[str, Release] = {}
    for path in paths:
        try:
            release = loader.load(path)
        except PressroomError as exc:
            errors.append(exc)
            continue
        first = seen.get(release.slug)
        if first is not None and first.path.resolve() != release.path.resolve():
            errors.append(InputError(f"slug '{release.slug}' is also used by {first.shown}",
                                     where=Location(release.shown)))
            continue
        seen[release.slug] = release
        releases.append(release)
    return releases, errors
