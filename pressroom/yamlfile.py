"""Safe YAML loading that remembers where every value came from, and strict validation helpers.

``load_yaml(path)`` returns plain Python values in which every mapping is a :class:`YamlMap` and
every sequence a :class:`YamlList`: ordinary ``dict``/``list`` that also know the line and column of
each key and value. Validation code asks them for a :class:`~pressroom.errors.Location`, so every
message reads ``releases/x.yaml:7:3: ...``.

Only the safe loader is used (tags such as ``!!python/object`` are refused), duplicate keys are
errors, and any YAML error becomes an :class:`~pressroom.errors.InputError` at its position.

Timestamps (``2019-04-15``, ``2019-04-15T10:00:00``) are loaded as the text written, not as dates:
PyYAML's own constructor raises on ``2019-02-30`` or ``T25:00:00`` before any validator could
place the mistake. :func:`parse_date` reads them, naming what is impossible at file:line:col.
Files over :data:`MAX_YAML_BYTES` are refused before parsing.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from pathlib import Path
from typing import Any, Iterable

from pressroom.errors import InputError, Location, did_you_mean

Mark = tuple[int, int]  # 1-based line and column

# A release is a few kilobytes; a YAML file of many megabytes is a mistake (or an attack: parsing
# 35 MB took 55 s and 3.5 GB of memory), so it is refused before it is parsed.
MAX_YAML_BYTES = 1_000_000


class YamlMap(dict):
    """A mapping that knows the file and the position of its keys and values."""

    file: str = "<string>"
    mark: Mark = (1, 1)
    source: str | None = None  # a whole document's text, as parsed (set by load_yaml_text)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}

    def where(self, key: Any = None, *, of_key: bool = False) -> Location:
        """Location of *key*'s value (or of the key itself), or of the mapping when key is None."""
        marks = self.key_marks if of_key else self.value_marks
        line, col = marks.get(key, self.mark) if key is not None else self.mark
        return Location(self.file, line, col)


class YamlList(list):
    """A sequence that knows the file and the position of each item."""

    file: str = "<string>"
    mark: Mark = (1, 1)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_marks: list[Mark] = []

    def where(self, index: int | None = None) -> Location:
        if index is None or index >= len(self.item_marks):
            return Location(self.file, *self.mark)
        return Location(self.file, *self.item_marks[index])


def _mark(node: Any) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


@functools.cache
def _loader_class() -> type:
    """One SafeLoader subclass (C-accelerated when available) building located values; the file
    name travels on the loader instance."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LocatedLoader(base):  # type: ignore[misc, valid-type]
        located_file = "<string>"

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> YamlMap:
        file = loader.located_file
        loader.flatten_mapping(node)
        result = YamlMap()
        result.file, result.mark = file, _mark(node)
        key_marks, value_marks = result.key_marks, result.value_marks
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise InputError("a mapping key must be a plain value",
                                 where=Location(file, *_mark(key_node))) from None
            if key in result:
                raise InputError(f"duplicate key '{key}'", where=Location(file, *_mark(key_node)))
            result[key] = loader.construct_object(value_node, deep=True)
            key_marks[key] = _mark(key_node)
            value_marks[key] = _mark(value_node)
        return result

    def construct_sequence(loader: Any, node: Any, deep: bool = False) -> YamlList:
        result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
        result.file, result.mark = loader.located_file, _mark(node)
        result.item_marks = [_mark(child) for child in node.value]
        return result

    def construct_timestamp(loader: Any, node: Any) -> str:
        return loader.construct_scalar(node)  # the text; parse_date validates it, located

    LocatedLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    LocatedLoader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    LocatedLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return LocatedLoader


def _cwd() -> Path:
    """The resolved current folder (resolved once per folder: it is asked for every file shown)."""
    return _resolved(os.getcwd())


@functools.lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user should read it: relative to *root* (or the current folder) when inside it."""
    path = Path(path)
    here = _cwd()
    absolute = path if path.is_absolute() else here / path
    for base in (root, here):
        if base is None:
            continue
        try:
            return str(absolute.relative_to(base if base is here else _resolved(str(base))))
        except ValueError:
            continue
    return str(path)


def load_yaml_text(text: str, file: str = "<string>") -> Any:
    """Parse *text* safely into located values; any problem is an InputError at its position."""
    import yaml

    if "\x00" in text:
        raise InputError("not a text file (it contains NUL bytes)", where=Location(file))
    loader = _loader_class()(text)  # a SafeLoader subclass: no arbitrary objects
    loader.located_file = file
    try:
        doc = loader.get_single_data()
        if isinstance(doc, YamlMap):
            doc.source = text  # (the copy editor maps a release body's offsets back to it)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = problem.replace("could not determine a constructor for the tag",
                                      "tag not allowed:")
        raise InputError(problem.strip(), where=where) from None
    except yaml.YAMLError as exc:  # reader errors: bad characters
        raise InputError(f"invalid YAML: {exc}", where=Location(file)) from None
    except RecursionError:
        raise InputError("YAML nested too deeply", where=Location(file)) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, *, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file (UTF-8)."""
    from pressroom.textfile import read_text

    file = shown_as or display_path(path)
    return load_yaml_text(read_text(path, file, limit=MAX_YAML_BYTES), file)


# --- strict validation -------------------------------------------------------------------------

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a mapping", float: "a number"}


def require_map(value: Any, what: str, where: Location) -> YamlMap:
    if not isinstance(value, dict):
        raise InputError(f"{what} must be a mapping, not {describe(value)}", where=where)
    if not isinstance(value, YamlMap):  # plain dicts (built in code) get a location too
        located = YamlMap(value)
        located.file, located.mark = where.file or "<string>", (where.line or 1, where.column or 1)
        return located
    return value


def check_keys(mapping: YamlMap, allowed: Iterable[str], required: Iterable[str] = (),
               what: str = "") -> None:
    """Reject unknown keys (with a suggestion) and report missing required ones."""
    allowed = list(allowed)
    for key in mapping:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed)
            inside = f" in {what}" if what else ""
            raise InputError(f"unknown key '{key}'{inside}{hint}",
                             where=mapping.where(key, of_key=True))
    for key in required:
        if mapping.get(key) in (None, ""):
            inside = f" {what}" if what else ""
            raise InputError(f"missing required key '{key}' in{inside or ' this mapping'}",
                             where=mapping.where())


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "a date"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


def get_str(mapping: YamlMap, key: str, *, required: bool = False, default: str | None = None,
            multiline: bool = True) -> str | None:
    """A text value; numbers and dates written bare in YAML are taken as the text the user typed."""
    value = mapping.get(key)
    if value is None or value == "":
        if required:
            raise InputError(f"'{key}' is required", where=mapping.where(key if key in mapping else None))
        return default
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise InputError(f"'{key}' must be text, not {describe(value)}", where=mapping.where(key))
    text = str(value).strip()
    if not multiline and ("\n" in text or "\r" in text):
        raise InputError(f"'{key}' must be a single line", where=mapping.where(key))
    return text


def get_int(mapping: YamlMap, key: str, *, required: bool = False, default: int | None = None,
            minimum: int | None = None) -> int | None:
    value = mapping.get(key)
    if value is None:
        if required:
            raise InputError(f"'{key}' is required", where=mapping.where())
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"'{key}' must be a whole number, not {describe(value)}",
                         where=mapping.where(key))
    if minimum is not None and value < minimum:
        raise InputError(f"'{key}' must be at least {minimum}", where=mapping.where(key))
    return value


def get_bool(mapping: YamlMap, key: str, *, default: bool = False) -> bool:
    value = mapping.get(key, default)
    if not isinstance(value, bool):
        raise InputError(f"'{key}' must be true or false, not {describe(value)}",
                         where=mapping.where(key))
    return value


def get_str_list(mapping: YamlMap, key: str, *, allow_single: bool = True) -> list[str]:
    """A list of text values; a single text value counts as a list of one when allowed."""
    value = mapping.get(key)
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool) and allow_single:
        return [str(value).strip()]
    if not isinstance(value, list):
        raise InputError(f"'{key}' must be a list, not {describe(value)}", where=mapping.where(key))
    items = []
    for index, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            where = value.where(index) if isinstance(value, YamlList) else mapping.where(key)
            raise InputError(f"each item of '{key}' must be text, not {describe(item)}", where=where)
        items.append(str(item).strip())
    return items


def get_date(mapping: YamlMap, key: str, *, required: bool = False) -> _dt.date | None:
    """A calendar date: a YAML date (2019-04-15) or text dateutil can read ("April 15, 2019")."""
    value = mapping.get(key)
    if value is None or value == "":
        if required:
            raise InputError(f"'{key}' is required", where=mapping.where())
        return None
    return parse_date(value, where=mapping.where(key), what=key)


# YAML 1.1's timestamp forms: 2019-04-15, 2019-4-5, 2019-04-15T10:00:00Z, 2019-04-15 10:00:00 -5
_TIMESTAMP = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?")


def timestamp_problem(text: str) -> str | None:
    """What makes a YAML-style timestamp impossible (``day is out of range for month``,
    ``hour 25 is not 0 to 23``), or None when it is a real date and time."""
    found = _TIMESTAMP.fullmatch(text)
    if found is None:
        return None
    try:
        _dt.date(int(found["year"]), int(found["month"]), int(found["day"]))
    except ValueError as exc:
        return str(exc)
    if found["hour"] is not None:
        for name, top in (("hour", 23), ("minute", 59), ("second", 59)):
            if int(found[name]) > top:
                return f"{name} {int(found[name])} is not 0 to {top}"
    return None


def parse_date(value: Any, *, where: Location | None = None, what: str = "date") -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise InputError(f"'{what}' must be a date like 2019-04-15, not {describe(value)}",
                         where=where)
    text = value.strip()
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        pass
    found = _TIMESTAMP.fullmatch(text)
    if found is not None:
        problem = timestamp_problem(text)
        if problem is not None:
            raise InputError(f"'{what}': {text} is not a real date ({problem})", where=where)
        return _dt.date(int(found["year"]), int(found["month"]), int(found["day"]))
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(text, default=_dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None or parsed.year == 1900:
        raise InputError(f"'{what}': cannot read '{text}' as a date (use YYYY-MM-DD)", where=where)
    return parsed.date()
