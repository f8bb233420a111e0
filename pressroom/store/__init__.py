"""The database: SQLite in the workspace by default, PostgreSQL when configured.

``open_store(workspace)`` picks the URL (argument, ``$PRESSROOM_DATABASE_URL``, the ``database:``
key of ``pressroom.yaml``, else ``sqlite:///<workspace>/pressroom.db``), connects, and applies
pending migrations. ``with store.begin() as conn:`` is one write transaction; on SQLite it starts
with ``BEGIN IMMEDIATE`` so that concurrent ``pressroom`` processes queue on the write lock (WAL,
30 s busy timeout) instead of failing half-way. ``store.connect()`` is for reads.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

from pressroom.errors import InputError, OperationalError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

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
    """An open database: an engine whose connections are set up for pressroom's use."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self.dialect: str = engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator["Connection"]:
        """One write transaction (committed on success, rolled back on any exception)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator["Connection"]:
        """A connection for reading (on SQLite a deferred transaction: readers never block)."""
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
               migrate: bool = True) -> Store:
    """Connect to the workspace's database and bring its schema up to date."""
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
    except (ArgumentError, NoSuchModuleError) as exc:
        raise InputError(f"bad database URL '{_hidden(chosen)}': {exc}") from None
    store = Store(engine)
    if migrate:
        from sqlalchemy.exc import OperationalError as DBOperationalError

        from pressroom.store.migrations import migrate as run_migrations

        try:
            run_migrations(engine, store.dialect)
        except DBOperationalError as exc:
            engine.dispose()
            raise OperationalError(f"cannot use the database {_hidden(chosen)}: "
                                   f"{_first_line(exc.orig)}") from None
    return store


def _hidden(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is shown as given minus nothing secret to hide
        return url.split("@")[-1]


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
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("pressroom_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
