"""The SQLite fast path: an up-to-date SQLite database through the standard ``sqlite3`` module.

``import sqlalchemy`` alone costs about 0.25 s of CPU, more than a whole ``sqlite-utils rows``; the
commands people run most often (the listings, ``mention show``, ``credential history`` and the
credential decisions) open the store with ``open_store(..., lite=True)`` and get a
:class:`LiteStore` instead when that is safe: the URL names an SQLite file that exists and has no
pending migration. Anything else (PostgreSQL, a missing or empty database, pending migrations, a
file that cannot be opened or read) gets the usual SQLAlchemy :class:`~pressroom.store.Store`,
which migrates or words the error exactly as before.

A LiteStore has the Store's interface (``dialect``, ``connect()``, ``begin()``, ``close()``);
connections are ``sqlite3`` connections set up as the engine sets up its own (WAL, busy timeout,
foreign keys, ``BEGIN IMMEDIATE`` for writes, deferred ``BEGIN`` for reads), whose rows are named
tuples (attributes, indexes, ``row._mapping``) as SQLAlchemy's rows are. Values come back as
SQLite stores them (text for dates): each plain-SQL query converts them as SQLAlchemy's types
would. The queries themselves sit beside their Core forms (:mod:`pressroom.mentions.reads`,
:mod:`pressroom.credentials.lite`), and ``tests/test_store_lite.py`` runs both forms on the same
data. A function that cannot answer on the fast path asks for :meth:`LiteStore.full`, the
SQLAlchemy store on the same database.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections import namedtuple
from contextlib import contextmanager
from typing import Any, Iterator

from pressroom.store import BUSY_TIMEOUT_MS, driver_problems, set_up_sqlite

PREFIX = "sqlite:///"


@functools.cache
def _row_class(names: tuple[str, ...]) -> type:
    """A named tuple for rows with these columns, with SQLAlchemy's ``row._mapping``."""
    cls = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    cls._mapping = property(lambda row: dict(zip(names, row)))
    return cls


def _row(cursor: sqlite3.Cursor, values: tuple) -> Any:
    """Rows as SQLAlchemy gives them: ``row.name``, ``row[0]``, unpacking, ``row._mapping``."""
    return _row_class(tuple(d[0] for d in cursor.description))._make(values)


class LiteStore:
    """An open SQLite database without SQLAlchemy (see the module docstring)."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, url: str) -> None:
        self.conn = conn
        self.url = url
        self._full: Any = None

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A deferred transaction for reading, always rolled back."""
        with driver_problems(self.url):
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.rollback()

    @contextmanager
    def begin(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start (``BEGIN IMMEDIATE``)."""
        with driver_problems(self.url):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()

    def full(self) -> Any:
        """The SQLAlchemy :class:`~pressroom.store.Store` on this database (opened once)."""
        if self._full is None:
            from pressroom.store import open_store

            self._full = open_store(url=self.url)
        return self._full

    def close(self) -> None:
        self.conn.close()
        if self._full is not None:
            self._full.close()

    def __enter__(self) -> "LiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LiteStore({self.url!r})"


def is_lite(store: Any) -> bool:
    return isinstance(store, LiteStore)


def open_lite(url: str) -> LiteStore | None:
    """A LiteStore on *url*, or None when the SQLAlchemy store must open it (see the module
    docstring): then nothing has been created or changed."""
    path = url[len(PREFIX):] if url.startswith(PREFIX) else ""
    if not path or path == ":memory:" or any(ch in path for ch in "%?#") \
            or not os.path.isfile(path):
        return None
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not up_to_date(conn):  # before set_up_sqlite, which writes to an empty file
            conn.close()
            return None
        set_up_sqlite(conn)
        conn.row_factory = _row
    except sqlite3.Error as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):  # waited BUSY_TIMEOUT_MS already: say so
            with driver_problems(url):
                raise
        return None  # unreadable, damaged, not a database: the Store words it as it always has
    return LiteStore(conn, url)


def up_to_date(conn: sqlite3.Connection) -> bool:
    """No migration pending (the probe of :func:`pressroom.store.migrations.applied`); the site's
    media reader asks it too."""
    from pressroom.store.migrations import PROBE_SQLITE, names

    if not conn.execute(PROBE_SQLITE).fetchone()[0]:
        return False
    done = {name for name, in conn.execute("SELECT name FROM schema_migrations")}
    return all(name in done for name in names())
