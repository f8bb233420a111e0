"""Database fixtures: every store test runs on SQLite and on PostgreSQL.

``db_url`` is parametrised ``sqlite`` / ``postgresql`` and gives a fresh, empty database per test:
a file in the test's folder, or a new PostgreSQL schema (``t_<random>``, selected through
``options=-csearch_path=...`` in the URL) dropped afterwards. When PostgreSQL at
``$PRESSROOM_TEST_PG`` (default ``postgresql://postgres@127.0.0.1:5432/test``) does not answer,
the postgresql variants are skipped with the reason, a warning, and a line in the summary.

``store`` is an open Store on the ``example_workspace`` with that URL; ``$PRESSROOM_DATABASE_URL``
and ``$PRESSROOM_WORKSPACE`` point there too, so CLI runs in the same test use the same database.
"""

from __future__ import annotations

import os
import secrets
import warnings
from urllib.parse import quote

import pytest

PG_BASE = os.environ.get("PRESSROOM_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
_pg_state: dict[str, object] = {}


def _pg_unavailable() -> str | None:
    """Why PostgreSQL cannot be used for tests (None when it can); checked once per session."""
    if "reason" not in _pg_state:
        reason = None
        try:
            import psycopg
        except ImportError:
            reason = "psycopg is not installed (pip install 'pressroom[postgres]')"
        else:
            try:
                with psycopg.connect(PG_BASE, connect_timeout=5) as conn:
                    conn.execute("SELECT 1")
            except (OSError, psycopg.Error) as exc:
                reason = f"PostgreSQL at {PG_BASE} is not reachable: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}"
        _pg_state["reason"] = reason
        if reason:
            warnings.warn(f"postgresql store tests SKIPPED: {reason}", stacklevel=1)
    return _pg_state["reason"]  # type: ignore[return-value]


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(sql)


def pg_url(schema: str) -> str:
    base = "postgresql+psycopg://" + PG_BASE.split("://", 1)[1]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote('-csearch_path=' + schema, safe='')}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pressroom-test.db'}"
        return
    reason = _pg_unavailable()
    if reason:
        pytest.skip(f"LOUD SKIP: {reason}")
    schema = f"t_{secrets.token_hex(6)}"
    pg_admin(f"CREATE SCHEMA {schema}")
    try:
        yield pg_url(schema)
    finally:
        pg_admin(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(db_url, example_workspace, monkeypatch):
    from pressroom.store import open_store
    from pressroom.workspace import Workspace

    monkeypatch.setenv("PRESSROOM_DATABASE_URL", db_url)
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    opened = open_store(Workspace(example_workspace), url=db_url)
    try:
        yield opened
    finally:
        opened.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reason = _pg_state.get("reason")
    if reason:
        terminalreporter.write_sep("!", f"PostgreSQL store tests were SKIPPED: {reason}",
                                   red=True, bold=True)


@pytest.fixture
def store_cli(store):
    """run_cli on the ``store`` database."""
    from tests.conftest import run_cli

    return run_cli


@pytest.fixture
def another_db_url(db_url, tmp_path):
    """A second fresh, empty database of the same kind as ``db_url`` (backup round trips)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'pressroom-other.db'}"
        return
    schema = f"t_{secrets.token_hex(6)}"
    pg_admin(f"CREATE SCHEMA {schema}")
    try:
        yield pg_url(schema)
    finally:
        pg_admin(f"DROP SCHEMA {schema} CASCADE")
