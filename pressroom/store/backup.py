"""Backups: every record of every table in ``schema.metadata`` as one JSON document.

``export_backup`` writes ``{"format": "pressroom-backup", "version": 1, "tables": {name:
{"columns": [...], "rows": [[...], ...]}}}`` atomically; ``restore_backup`` reads it into an
*empty* database in one transaction, keeping ids, then moves PostgreSQL's id sequences past them
and rebuilds the search index. Tables of other modules (credentials) register on the same
metadata and are included automatically.
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


def _decoder(column):
    from sqlalchemy import Date, DateTime

    kind = column.type
    if isinstance(kind, DateTime):
        return lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(kind, Date):
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    return lambda v: base64.b64decode(v["$bytes"]) if isinstance(v, dict) and "$bytes" in v else v


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


def restore_backup(store, path: Path) -> dict[str, int]:
    """Load a backup into an empty database, in one transaction; returns rows per table."""
    from sqlalchemy import func, insert, select

    from pressroom.store.schema import load_all_tables
    from pressroom.store.search import reindex_all
    from pressroom.yamlfile import display_path

    shown = display_path(Path(path))
    document = read_backup(Path(path), shown)
    metadata = load_all_tables()
    unknown = sorted(set(document["tables"]) - set(metadata.tables))
    if unknown:
        raise InputError(f"the backup has tables this pressroom does not know: {', '.join(unknown)}",
                         where=Location(shown))
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
            data = document["tables"].get(table.name)
            if not data:
                continue
            columns = data.get("columns", [])
            missing = [c for c in columns if c not in table.columns]
            if missing:
                raise InputError(f"table {table.name}: unknown columns {', '.join(missing)}",
                                 where=Location(shown))
            decoders = [_decoder(table.columns[c]) for c in columns]
            rows = data.get("rows", [])
            for start in range(0, len(rows), 5000):
                chunk = [dict(zip(columns, (d(v) for d, v in zip(decoders, row))))
                         for row in rows[start:start + 5000]]
                conn.execute(insert(table), chunk)
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
