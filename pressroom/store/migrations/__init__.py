"""Named, versioned migrations, applied in name order on first use, one transaction each.

Each module ``mNNNN_<name>.py`` in this package defines ``upgrade(conn, dialect)``. Applied names
are recorded in ``schema_migrations(name, applied_at)``; a database made by an earlier version is
upgraded in place, never dropped. Mentions use m0001–m0099, credentials m0100–m0199, journalists and distribution m0200–m0299.

Several processes may open a new database at once: each migration runs under the database's write
lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL transaction-level advisory lock) and re-checks the
log inside it, so every migration runs exactly once.
"""

from __future__ import annotations

import datetime as _dt
import pkgutil
import re
from importlib import import_module
from typing import Callable

_NAME = re.compile(r"^m\d{4}_[a-z0-9_]+$")
_LOCK_KEY = 7_344_271  # PostgreSQL advisory lock id for migrations ("pressroom")

PROBE_SQLITE = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
CREATE_LOG = ("CREATE TABLE IF NOT EXISTS schema_migrations ("
              " name VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)")


def names() -> list[str]:
    """Every migration in this package, in name order (nothing is imported)."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if _NAME.match(m.name))


def available() -> list[tuple[str, Callable]]:
    """Every migration in this package with its ``upgrade`` function, in name order."""
    return [(name, _upgrade(name)) for name in names()]


def _upgrade(name: str) -> Callable:
    return import_module(f"{__name__}.{name}").upgrade


def applied(conn) -> set[str]:
    """The names in the migration log (none if there is no log yet). A catalogue probe rather
    than SQLAlchemy's reflection: this runs at the start of every command."""
    if conn.dialect.name == "postgresql":
        probe = "SELECT to_regclass('schema_migrations') IS NOT NULL"
    else:
        probe = PROBE_SQLITE
    if not conn.exec_driver_sql(probe).scalar():
        return set()
    return {row[0] for row in conn.exec_driver_sql("SELECT name FROM schema_migrations")}


def migrate(engine, dialect: str, *, upto: str | None = None) -> list[str]:
    """Apply pending migrations (up to and including *upto*); return the names applied.

    An up-to-date database costs one connection and two small queries: migration modules are
    imported only when they are pending."""
    wanted = [n for n in names() if upto is None or n <= upto]
    with engine.connect() as conn:
        done = applied(conn)
        conn.rollback()
    if all(name in done for name in wanted):
        return []
    ran = []
    for name in wanted:
        if name in done:
            continue
        upgrade = _upgrade(name)
        with engine.begin() as conn:
            if dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            conn.exec_driver_sql(CREATE_LOG)
            if name in applied(conn):  # another process got there first
                continue
            upgrade(conn, dialect)
            conn.exec_driver_sql(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (%s, %s)"
                if dialect == "postgresql" else
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")))
        ran.append(name)
    return ran
