"""Backups: every record of every table in ``schema.metadata`` as one JSON document.

``export_backup`` writes ``{"format": "pressroom-backup", "version": 1, "tables": {name:
{"columns": [...], "rows": [[...], ...]}}}`` atomically; ``restore_backup`` reads it into an
*empty* database in one transaction, keeping ids, then moves PostgreSQL's id sequences past them
and rebuilds the search index. Tables of other modules (credentials) register on the same
metadata and are included automatically.

A backup is validated whole before anything is written (:func:`validate_backup`): the shape of
every table and row, every value against its column (type, NULL, length, date, a known status),
duplicate ids and unique keys, and every reference to another record. One located error
(``backup.json: table mentions, row 3: ...``) and nothing restored, or all of it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from pressroom.errors import InputError, Location, WorkflowError

FORMAT = "pressroom-backup"
VERSION = 1


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def export_backup(store, path: Path) -> dict[str, int]:
    """Write every record to *path* (atomically); returns the number of rows per table."""
    from sqlalchemy import select

    from pressroom.atomic import write_atomic
    from pressroom.store.schema import load_all_tables

    metadata = load_all_tables()
    tables: dict[str, Any] = {}
    counts: dict[str, int] = {}
    with store.connect() as conn:
        migrations = [r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations ORDER BY name")]
        for table in metadata.sorted_tables:
            columns = [c.name for c in table.columns]
            order = list(table.primary_key.columns) or list(table.columns)
            rows = [[_encode(v) for v in row]
                    for row in conn.execute(select(*table.columns).order_by(*order))]
            tables[table.name] = {"columns": columns, "rows": rows}
            counts[table.name] = len(rows)
    document = {"format": FORMAT, "version": VERSION,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "migrations": migrations, "tables": tables}
    write_atomic(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    return counts


def read_backup(path: Path, shown: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise InputError("no such file", where=Location(shown)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=Location(shown)) from None
    except RecursionError:
        raise InputError("not a pressroom backup (nested too deeply)", where=Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=Location(shown)) from None
    except UnicodeDecodeError:
        raise InputError("not a pressroom backup (not UTF-8 text)", where=Location(shown)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not a pressroom backup ({exc.msg})",
                         where=Location(shown, exc.lineno, exc.colno)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError("not a pressroom backup (no \"format\": \"pressroom-backup\")",
                         where=Location(shown))
    if document.get("version") != VERSION:
        raise InputError(f"backup format version {document.get('version')!r} is not supported "
                         f"(this pressroom reads version {VERSION})", where=Location(shown))
    if not isinstance(document.get("tables"), dict):
        raise InputError("not a pressroom backup (no tables)", where=Location(shown))
    return document


# Columns whose values are one of a fixed set (the rest of pressroom relies on them).
def _choices() -> dict[tuple[str, str], tuple[str, ...]]:
    from pressroom.credentials.workflow import STATUSES
    from pressroom.mentions.outlets import OUTLET_TYPES

    return {("credential_requests", "status"): STATUSES,
            ("credential_transitions", "from_status"): STATUSES,
            ("credential_transitions", "to_status"): STATUSES,
            ("outlets", "type"): OUTLET_TYPES}


INT64 = 2 ** 63


def _checker(table, column, choices: tuple[str, ...] | None):
    """A function from a backup's JSON value to the value to insert, raising ValueError with
    what is wrong (the caller adds where)."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String

    kind = column.type
    nullable = column.nullable and not column.primary_key

    def check(value):
        if value is None:
            if nullable:
                return None
            raise ValueError("is null, but it is required")
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise ValueError(f"must be true or false, not {json.dumps(value)[:40]}")
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"must be a whole number, not {json.dumps(value)[:40]}")
            if not -INT64 <= value < INT64:
                raise ValueError(f"{value} is out of range")
            return value
        if isinstance(kind, LargeBinary):
            if not (isinstance(value, dict) and isinstance(value.get("$bytes"), str)):
                raise ValueError("must be {\"$bytes\": base64}")
            try:
                return base64.b64decode(value["$bytes"], validate=True)
            except ValueError:
                raise ValueError("is not valid base64") from None
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {json.dumps(value)[:40]}")
        if isinstance(kind, DateTime):
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value[:40]}' is not a date and time") from None
        if isinstance(kind, Date):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value[:40]}' is not a date") from None
        if "\x00" in value:
            raise ValueError("contains a NUL byte")
        if isinstance(kind, String) and kind.length and len(value) > kind.length:
            raise ValueError(f"is longer than {kind.length} characters")
        if choices is not None and value not in choices:
            raise ValueError(f"'{value[:40]}' is not one of {', '.join(choices)}")
        return value

    return check


def validate_backup(document: dict, metadata, shown: str) -> dict[str, tuple[list[str], list[dict]]]:
    """Every table of the backup checked and decoded: {table: (columns, rows as dicts)}.

    Nothing is written here; the first problem is raised as a located InputError."""
    from sqlalchemy import UniqueConstraint

    unknown = sorted(set(document["tables"]) - set(metadata.tables))
    if unknown:
        raise InputError(f"the backup has tables this pressroom does not know: {', '.join(unknown)}",
                         where=Location(shown))
    choices = _choices()
    decoded: dict[str, tuple[list[str], list[dict]]] = {}
    for table in metadata.sorted_tables:
        if table.name not in document["tables"]:
            continue
        data = document["tables"][table.name]
        where = Location(shown, record=f"table {table.name}")
        if not isinstance(data, dict) or not isinstance(data.get("columns"), list) \
                or not isinstance(data.get("rows"), list):
            raise InputError("must be {\"columns\": [...], \"rows\": [[...], ...]}", where=where)
        columns = data["columns"]
        if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
            raise InputError("the column names must be distinct texts", where=where)
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise InputError(f"unknown columns {', '.join(missing)}", where=where)
        required = [c.name for c in table.columns
                    if not c.nullable and c.server_default is None and c.name not in columns
                    and not (c.primary_key and c.autoincrement is True)]
        if required and data["rows"]:
            raise InputError(f"required columns missing: {', '.join(required)}", where=where)
        checks = [_checker(table, table.columns[c], choices.get((table.name, c))) for c in columns]
        keys = [tuple(c.name for c in table.primary_key.columns)]
        keys += [(c.name,) for c in table.columns if c.unique]
        keys += [tuple(c.name for c in k.columns) for k in table.constraints
                 if isinstance(k, UniqueConstraint)]
        keys += [tuple(c.name for c in i.columns) for i in table.indexes if i.unique]
        keys = [k for k in dict.fromkeys(keys) if k and all(c in columns for c in k)]
        seen: dict[tuple, dict] = {k: {} for k in keys}
        rows = []
        for number, raw in enumerate(data["rows"], start=1):
            at = Location(shown, record=f"table {table.name}, row {number}")
            if not isinstance(raw, list) or len(raw) != len(columns):
                raise InputError(f"must be a list of {len(columns)} values", where=at)
            row = {}
            for name, check, value in zip(columns, checks, raw):
                try:
                    row[name] = check(value)
                except ValueError as exc:
                    raise InputError(f"column '{name}' {exc}", where=at) from None
            for key in keys:
                value = tuple(row[c] for c in key)
                if None in value:
                    continue
                if value in seen[key]:
                    shown_key = ", ".join(f"{c} {v!r}" for c, v in zip(key, value))
                    raise InputError(f"duplicate {shown_key} (also row {seen[key][value]})",
                                     where=at)
                seen[key][value] = number
            rows.append(row)
        decoded[table.name] = (columns, rows)
    _check_references(metadata, decoded, shown)
    return decoded


def _check_references(metadata, decoded, shown: str) -> None:
    """Every foreign key of every row names a record that the backup restores."""
    for table in metadata.sorted_tables:
        if table.name not in decoded:
            continue
        columns, rows = decoded[table.name]
        for key in table.foreign_keys:
            name, target = key.parent.name, key.column
            if name not in columns:
                continue
            present = decoded.get(target.table.name)
            known = {r.get(target.name) for r in present[1]} if present else set()
            for number, row in enumerate(rows, start=1):
                value = row.get(name)
                if value is not None and value not in known:
                    raise InputError(
                        f"column '{name}' refers to {target.table.name} {target.name} {value}, "
                        "which the backup does not have",
                        where=Location(shown, record=f"table {table.name}, row {number}"))


def restore_backup(store, path: Path) -> dict[str, int]:
    """Load a backup into an empty database, in one transaction; returns rows per table."""
    from sqlalchemy import func, insert, select
    from sqlalchemy.exc import DataError, IntegrityError

    from pressroom.store.schema import load_all_tables
    from pressroom.store.search import reindex_all
    from pressroom.yamlfile import display_path

    shown = display_path(Path(path))
    document = read_backup(Path(path), shown)
    metadata = load_all_tables()
    decoded = validate_backup(document, metadata, shown)
    counts: dict[str, int] = {}
    with store.begin() as conn:
        present = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in metadata.sorted_tables}
        filled = {name: n for name, n in present.items() if n}
        if filled:
            listed = ", ".join(f"{n} {name}" for name, n in filled.items())
            raise WorkflowError(f"the database is not empty ({listed}); restore needs an empty "
                                "database")
        for table in metadata.sorted_tables:
            if table.name not in decoded:
                continue
            _columns, rows = decoded[table.name]
            for start in range(0, len(rows), 5000):
                try:
                    conn.execute(insert(table), rows[start:start + 5000])
                except (IntegrityError, DataError) as exc:  # a rule the validation missed
                    raise InputError(f"the database refused table {table.name} ("
                                     f"{' '.join(str(exc.orig).split())[:200]}): nothing was "
                                     "restored", where=Location(shown)) from None
            counts[table.name] = len(rows)
        if store.dialect == "postgresql":
            _reset_sequences(conn, metadata)
        reindex_all(conn, store.dialect)
    return counts


def _reset_sequences(conn, metadata) -> None:
    """Move each serial id's sequence past the restored ids (PostgreSQL)."""
    from sqlalchemy import Integer, text

    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        conn.execute(text(
            f'SELECT setval(pg_get_serial_sequence(:t, :c), coalesce(max("{column}"), 1), '
            f'max("{column}") IS NOT NULL) FROM "{table.name}"'),
            {"t": table.name, "c": column})
