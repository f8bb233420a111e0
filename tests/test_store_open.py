"""Opening the store: URLs, migrations, upgrades in place, unreachable servers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select

from pressroom.errors import OperationalError
from pressroom.store import normalise_url, open_store
from pressroom.store import schema as t
from pressroom.store.migrations import available, migrate


def test_migrations_are_recorded_once(db_url):
    with open_store(url=db_url) as store:
        with store.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _ in available()]
    with open_store(url=db_url) as again:  # a second open applies nothing
        assert migrate(again.engine, again.dialect) == []


def test_an_older_database_is_upgraded_in_place(db_url):
    from sqlalchemy import create_engine

    from pressroom.store import _configure_sqlite

    engine = create_engine(db_url)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    assert migrate(engine, engine.dialect.name, upto="m0001_mentions") == ["m0001_mentions"]
    with engine.begin() as conn:
        conn.execute(insert(t.outlets).values(id=1, name="WBRC", name_key="wbrc", type="tv"))
        conn.execute(insert(t.mentions).values(
            id=1, url="https://www.wbrc.com/story", outlet_id=1, title="School safety officers",
            published=dt.date(2024, 3, 1), logged_at=dt.datetime(2024, 3, 2, tzinfo=dt.timezone.utc),
            logged_by="jay"))
        conn.execute(insert(t.quotes).values(mention_id=1, speaker_id="canady",
                                             speaker_name="Mo Canady", text="Training matters."))
    engine.dispose()
    with open_store(url=db_url) as store:
        with store.connect() as conn:
            assert conn.execute(select(t.mentions.c.title)).scalar_one() == "School safety officers"
            assert conn.execute(select(func.count()).select_from(t.quotes)).scalar_one() == 1
        from pressroom.store.search import match_clause

        with store.connect() as conn:  # the new search index covers the old rows
            hits = conn.execute(match_clause(store.dialect, "training")).all()
            assert [h[0] for h in hits] == [1]


def test_postgresql_urls_are_rewritten_for_psycopg():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unreachable_server_is_one_line_operational_error():
    with pytest.raises(OperationalError) as caught:
        open_store(url="postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message
    assert "cannot use the database" in message


def test_missing_psycopg_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(OperationalError, match=r"pressroom\[postgres\]"):
        open_store(url="postgresql://u@127.0.0.1/db")


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path):
    with open_store(url=f"sqlite:///{tmp_path / 'p.db'}") as store:
        with store.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_default_database_is_in_the_workspace(example_workspace):
    from pressroom.workspace import Workspace

    with open_store(Workspace(example_workspace)) as store:
        assert store.dialect == "sqlite"
    assert (example_workspace / "pressroom.db").is_file()
