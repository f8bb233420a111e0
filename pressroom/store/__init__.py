"""The database: SQLite in the workspace by default, PostgreSQL when configured.

``open_store(workspace)`` picks the URL (argument, ``$PRESSROOM_DATABASE_URL``, the ``database:``
key of ``pressroom.yaml``, else ``sqlite:///<workspace>/pressroom.db``), connects, and applies
pending migrations. ``with store.begin() as conn:`` is one write transaction; on SQLite it starts
with ``BEGIN IMMEDIATE`` so that concurrent ``pressroom`` processes queue on the write lock (WAL,
30 s busy timeout) instead of failing half-way. ``store.connect()`` is for reads.
``open_store(..., lite=True)`` may return the SQLite fast path's store instead, which does not
import SQLAlchemy (:mod:`pressroom.store.lite`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

from pressroom.errors import InputError, OperationalError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from pressroom.store.lite import LiteStore
    from pressroom.workspace import Workspace

ENV_DATABASE_URL = "PRESSROOM_DATABASE_URL"
BUSY_TIMEOUT_MS = 30_000


def database_url(workspace: "Workspace | None" = None, url: str | None = None) -> str:
    """The database URL this workspace uses (see the module docstring for the order)."""
    chosen = url or os.environ.get(ENV_DATABASE_URL) or None
    if chosen is None and workspace is not None:
        chosen = workspace.config.database
    if chosen is None:
        if workspace is None:
            from pressroom.workspace import current_workspace

            workspace = current_workspace()
        return f"sqlite:///{workspace.database_path}"
    return normalise_url(chosen)


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://``: pressroom talks to PostgreSQL via psycopg 3."""
    url = url.strip()
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Store:
    """An open database: an engine whose connections are set up for pressroom's use.

    A problem of the database itself, met anywhere inside ``begin()`` or ``connect()`` (a damaged
    or read-only file, a lost connection, a role without privileges), leaves as one
    :class:`OperationalError` naming the database and what to do; errors about a value (SQLSTATE
    classes 22, 23, 54) pass through for the caller, which knows the row."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self.dialect: str = engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator["Connection"]:
        """One write transaction (committed on success, rolled back on any exception)."""
        with database_problems(self.engine.url):
            with self.engine.begin() as conn:
                yield conn

    @contextmanager
    def connect(self) -> Iterator["Connection"]:
        """A connection for reading (on SQLite a deferred transaction: readers never block)."""
        with database_problems(self.engine.url):
            with self.engine.connect() as conn:
                conn = conn.execution_options(pressroom_read=True)
                try:
                    yield conn
                finally:
                    conn.rollback()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"


def open_store(workspace: "Workspace | None" = None, *, url: str | None = None,
               migrate: bool = True, lite: bool = False) -> "Store | LiteStore":
    """Connect to the workspace's database and bring its schema up to date.

    *lite*: the caller only uses functions that take a :class:`~pressroom.store.lite.LiteStore`
    (the SQLite fast path, which does not import SQLAlchemy); one is returned when the database
    is an up-to-date SQLite file, else the usual :class:`Store`."""
    if lite:
        from pressroom.store.lite import open_lite

        found = open_lite(database_url(workspace, url))
        if found is not None:
            return found
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    chosen = database_url(workspace, url)
    try:
        if chosen.startswith("sqlite"):
            engine = create_engine(chosen)
            _configure_sqlite(engine)
        elif chosen.startswith("postgresql"):
            try:
                import psycopg  # noqa: F401
            except ImportError:
                raise OperationalError(
                    "PostgreSQL needs the psycopg driver: pip install 'pressroom[postgres]'"
                ) from None
            engine = create_engine(chosen, pool_pre_ping=False)
        else:
            raise InputError(f"unsupported database URL '{_hidden(chosen)}' "
                             "(use sqlite:///FILE or postgresql://USER@HOST/DB)")
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:  # ValueError: a port not a number
        reason = "a port that is not a number" if "int()" in str(exc) else _first_line(exc)
        raise InputError(f"bad database URL '{_hidden(chosen)}': {reason} (check the URL)") from None
    store = Store(engine)
    if migrate:
        from pressroom.store.migrations import migrate as run_migrations

        try:
            with database_problems(chosen):
                run_migrations(engine, store.dialect)
        except BaseException:
            engine.dispose()
            raise
    return store


@contextmanager
def database_problems(url: Any) -> Iterator[None]:
    """Turn a problem of the database (not of a value) raised inside into one OperationalError."""
    from sqlalchemy.exc import DBAPIError

    try:
        with driver_problems(url):
            yield
    except DBAPIError as exc:
        problem = database_problem(exc.orig, exc, url)
        if problem is None:
            raise
        raise problem from None


@contextmanager
def driver_problems(url: Any) -> Iterator[None]:
    """:func:`database_problems` for the ``sqlite3`` driver used directly (the import's fast
    path, and :mod:`pressroom.store.lite`): SQLAlchemy is imported only if something fails."""
    import sqlite3

    try:
        yield
    except sqlite3.DatabaseError as exc:
        problem = database_problem(exc, exc, url)
        if problem is None:
            raise
        raise problem from None
    except OverflowError as exc:  # SQLite's driver, given a number past 64 bits by the user
        raise InputError(f"a number is out of range ({exc}); ids and limits are at most "
                         f"{2 ** 63 - 1}") from None


def database_problem(orig: Any, exc: Any, url: Any) -> "OperationalError | None":
    """The OperationalError for a database-level failure, or None for an error about a value
    (a constraint, a bad or too-long value) that the caller reports with its row."""
    import sqlite3

    from sqlalchemy import exc as sa

    state = getattr(orig, "sqlstate", None) or ""
    if state[:2] in ("22", "23", "54") or isinstance(orig, (sqlite3.IntegrityError,
                                                            sqlite3.DataError)):
        return None
    if isinstance(exc, (sa.IntegrityError, sa.DataError)):
        return None
    text = _first_line(orig)
    lowered = text.lower()
    name = _hidden(str(url)) if not isinstance(url, str) else _hidden(url)
    if any(m in lowered for m in ("not a database", "malformed", "disk image", "corrupt")):
        advice = ("the file is damaged or not a pressroom database: restore from a backup "
                  "(pressroom backup restore FILE into a new, empty database)")
    elif any(m in lowered for m in ("readonly", "read-only", "unable to open", "not permitted",
                                    "disk i/o error")) and "sqlite" in name:
        advice = ("the file cannot be opened or written: check its permissions and attributes "
                  "(lsattr), and the space left on its disk")
    elif state in ("42501", "3F000") or "permission denied" in lowered:
        # 3F000: the role may not use the URL's schema, so PostgreSQL sees none to create in
        advice = "the database role lacks privileges here: grant them, or check the URL"
    elif state.startswith(("08", "57")) or any(m in lowered for m in (
            "terminat", "server closed", "connection", "consuming input failed")):
        advice = "the connection was lost or refused: check that the server runs and the URL, then try again"
    elif isinstance(exc, (sa.OperationalError, sa.InterfaceError, sa.InternalError)) or \
            type(exc) in (sa.DatabaseError, sqlite3.DatabaseError, sqlite3.OperationalError) or \
            isinstance(orig, sqlite3.OperationalError):
        advice = "check the database and the URL"
    else:
        return None
    return OperationalError(f"cannot use the database {name}: {text}; {advice}")


def _hidden(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is shown as given, its password masked
        import re

        return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _configure_sqlite(engine: "Engine") -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE for writes, on every connection.

    pysqlite's own transaction handling is switched off (``isolation_level = None``) and pressroom
    emits BEGIN itself, as SQLAlchemy's pysqlite documentation describes: writers then take the
    write lock up front and wait for it, rather than failing when a read lock cannot be upgraded.
    """
    from sqlalchemy import event

    path = engine.url.database
    if path and path != ":memory:":
        from pathlib import Path

        parent = Path(path).parent
        if not parent.is_dir():
            raise OperationalError(f"cannot create the database {path}: no folder {parent}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        set_up_sqlite(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("pressroom_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def set_up_sqlite(dbapi_conn: Any) -> None:
    """A new ``sqlite3`` connection as pressroom uses it (SQLAlchemy's and the fast path's)."""
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
