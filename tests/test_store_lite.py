"""The SQLite fast path (pressroom.store.lite): the plain-SQL forms give what the Core forms give
on the same data, filter by filter; decisions leave identical rows; the fast path is taken only
for an up-to-date SQLite file, and the commands that use it never import SQLAlchemy."""

from __future__ import annotations

import inspect
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from pressroom.credentials import lite as lite_credentials
from pressroom.credentials import records as core_credentials
from pressroom.credentials.decisions import decide, statements
from pressroom.credentials.intake import RequestInput
from pressroom.credentials.requests import create_request, history, list_requests, purge
from pressroom.errors import PressroomError
from pressroom.mentions import outlets, reads, records
from pressroom.mentions.listing import Filters
from pressroom.mentions.records import NewMention, add_mention, add_quote
from pressroom.mentions.removal import remove_mention, remove_quote
from pressroom.store import Store, open_store
from pressroom.store.lite import LiteStore, open_lite
from pressroom.workspace import Workspace
from tests.conftest import REPO

TODAY = date(2019, 5, 1)


@pytest.fixture
def ws(example_workspace, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    return Workspace(example_workspace)


@pytest.fixture
def db(ws, tmp_path, monkeypatch):
    """A migrated SQLite database with mentions, quotes, tags, aliases, removed rows."""
    path = tmp_path / "lite.db"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("PRESSROOM_DATABASE_URL", url)
    with open_store(ws, url=url) as store:
        outlets.add_outlet(store, "WBRC-TV", type="tv", domain="wbrc.com", aliases=["WBRC FOX6 News"])
        outlets.add_outlet(store, "Knox News", type="print")
        outlets.add_outlet(store, "Quiet Outlet")  # no mentions
        for n in range(24):
            add_mention(store, ws, NewMention(
                url=f"https://news{n % 5}.example/story-{n}", outlet=("WBRC-TV", "Knox News",
                                                                       "Daily Planet")[n % 3],
                title=f"Story {n} about school safety", published=date(2024, 1 + n % 12, 1 + n),
                reporter=None if n % 4 else f"Reporter {n}", excerpt=f"Excerpt {n}" if n % 2 else None,
                release="conference-keynote" if n % 6 == 0 else None,
                tags=["safety", "training"][: n % 3], extract=False,
                quotes=[(f"Words {n}.", "canady")] if n % 2 else [(f"Other {n}.", "Jane Roe")]))
        add_quote(store, ws, 3, "Someone Else", "A second quote.")
        remove_mention(store, 5)
        remove_quote(store, 2)  # the quote of mention 2
    return url


@pytest.fixture
def both(db, ws):
    core = open_store(ws, url=db)
    lite = open_store(ws, url=db, lite=True)
    assert isinstance(core, Store) and isinstance(lite, LiteStore)
    yield core, lite
    core.close()
    lite.close()


FILTERS = [
    Filters(), Filters(limit=1), Filters(limit=7), Filters(limit=2 ** 63 - 1),
    Filters(since=date(2024, 3, 1)), Filters(until=date(2024, 6, 15)),
    Filters(since=date(2024, 3, 1), until=date(2024, 3, 31)),
    Filters(outlet="wbrc tv"), Filters(outlet="WBRC FOX6 News"), Filters(outlet="Quiet Outlet"),
    Filters(speaker="canady"), Filters(speaker="Mo Canady"), Filters(speaker="jane  ROE"),
    Filters(speaker="Nobody"), Filters(tags=["Safety"]), Filters(tags=["safety", "training"]),
    Filters(release="conference-keynote"), Filters(release=" conference-keynote "),
    Filters(outlet="Knox News", speaker="canady", tags=["safety"], limit=3),
]

BAD_FILTERS = [Filters(limit=0), Filters(since=date(2024, 5, 1), until=date(2024, 4, 1)),
               Filters(outlet="no such outlet"), Filters(outlet="!!!"),
               Filters(outlet="WBRC TX", limit=0)]


def _same_outcome(core_call, lite_call):
    """Both calls return the same value, or raise the same error with the same message."""
    try:
        expected = core_call()
    except PressroomError as exc:
        with pytest.raises(type(exc)) as caught:
            lite_call()
        assert str(caught.value) == str(exc)
        return None
    actual = lite_call()
    assert actual == expected
    return actual


@pytest.mark.parametrize("filters", FILTERS + BAD_FILTERS, ids=repr)
def test_mention_listings_are_the_same_on_both_paths(both, ws, filters):
    core, lite = both
    rows = _same_outcome(lambda: records.list_mentions(core, ws, filters),
                         lambda: reads.list_mentions(lite, ws, filters))
    _same_outcome(lambda: records.count_mentions(core, ws, filters),
                  lambda: reads.count_mentions(lite, ws, filters))
    _same_outcome(lambda: records.list_quotes(core, ws, filters),
                  lambda: reads.list_quotes(lite, ws, filters))
    if filters == Filters():
        assert len(rows) == 23 and 5 not in [r["id"] for r in rows]  # the removed one stays out
        assert not any(q["id"] == 2 for r in rows for q in r["quotes"])
        assert any(r["tags"] == ["safety", "training"] for r in rows)
        assert isinstance(rows[0]["published"], str)


@pytest.mark.parametrize("mention_id", [1, 2, 3, 5, 24, 999, 0, -1, 2 ** 63, 2 ** 70])
def test_a_shown_mention_is_the_same_on_both_paths(both, mention_id):
    core, lite = both
    shown = _same_outcome(lambda: records.get_mention(core, mention_id),
                          lambda: reads.get_mention(lite, mention_id))
    if mention_id == 3:
        assert len(shown["quotes"]) == 2 and shown["logged_at"].endswith("Z")


def test_outlet_listings_are_the_same_on_both_paths(both):
    core, lite = both
    rows = _same_outcome(lambda: outlets.list_outlets(core), lambda: reads.list_outlets(lite))
    assert {r["name"]: r["mentions"] for r in rows}["Quiet Outlet"] == 0
    assert ["WBRC FOX6 News"] in [r["aliases"] for r in rows]


def test_a_search_goes_through_sqlalchemy(both, ws):
    core, lite = both
    filters = Filters(search="safety", limit=5)
    assert reads.list_mentions(lite, ws, filters) == records.list_mentions(core, ws, filters)
    assert lite._full is not None  # answered by the Core form on the same database


def _requests(store, ws, count, outlet=None, batch="a"):
    return [create_request(store, ws, "nssc-2019", RequestInput(
        name=f"Reporter {n}", email=f"{batch}{n}@example.org", phone="555" if n % 2 else "",
        outlet=outlet or f"Outlet {n % 4}"), today=TODAY).request["id"] for n in range(count)]


def _dump(url):
    con = sqlite3.connect(url[len("sqlite:///"):])
    try:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("credential_requests", "credential_transitions",
                              "credential_event_locks")}
    finally:
        con.close()


DECISIONS = [(1, "approve", {}), (2, "approve", {"note": "Yes."}), (3, "approve", {}),
             (4, "approve", {}), (5, "approve", {}), (6, "approve", {}),  # Outlet 1, 2: limit 3
             (6, "approve", {"over_capacity": True, "note": "Needed."}),
             (7, "deny", {"note": "No."}), (7, "reopen", {}), (7, "waitlist", {"by": "farlow"}),
             (8, "needs-info", {"note": "ID?"}), (8, "approve", {}), (1, "revoke", {}),
             (9, "cancel", {}), (9, "approve", {}), (11, "reopen", {}), (11, "approve", {}),
             (999, "approve", {})]


def test_decisions_leave_identical_rows_on_both_paths(db, ws, tmp_path):
    with open_store(ws, url=db) as store:
        _requests(store, ws, 4)  # a first batch: Outlet 0..3
        _requests(store, ws, 6, outlet="Outlet 1", batch="b")
        _requests(store, ws, 1, batch="b")  # a duplicate of request 5: cancelled
        purge_me = _requests(store, ws, 1, batch="c")[0]
        decide(store, ws, purge_me, "deny")
        purge(store, ws, "nssc-2019", now=datetime(2019, 5, 2, tzinfo=timezone.utc))
    other = f"sqlite:///{tmp_path / 'other.db'}"
    shutil.copy(db[len("sqlite:///"):], other[len("sqlite:///"):])
    now = datetime(2019, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)
    outcomes = {}
    for url, lite in ((db, False), (other, True)):
        seen = []
        with open_store(ws, url=url, lite=lite) as store:
            assert isinstance(store, LiteStore) == lite
            for request_id, action, options in [*DECISIONS, (purge_me, "reopen", {})]:
                try:
                    made = decide(store, ws, request_id, action, now=now, **options)
                    seen.append((made.request, made.from_status, made.to_status,
                                 made.over_capacity, made.delivery is not None))
                except PressroomError as exc:
                    seen.append((type(exc).__name__, str(exc)))
            seen.append(lite_credentials.list_requests(store, ws))
            seen.append(lite_credentials.list_requests(store, ws, event_id="nssc-2019",
                                                       status="approved", late=True))
        outcomes[lite] = seen
    assert outcomes[True] == outcomes[False]
    assert _dump(db) == _dump(other)
    assert any("at capacity" in str(o) or "per outlet" in str(o) for o in outcomes[True])


def test_request_listings_are_the_same_on_both_paths(both, ws):
    core, lite = both
    _requests(core, ws, 6)
    decide(core, ws, 2, "approve")
    decide(core, ws, 2, "revoke", note="Changed.")
    for options in ({}, {"event_id": "nssc-2019"}, {"status": "approved"}, {"late": True},
                    {"status": "bogus"}, {"event_id": "no-such-event"}):
        _same_outcome(lambda: list_requests(core, ws, **options),
                      lambda: lite_credentials.list_requests(lite, ws, **options))
    for request_id in (1, 2, 99, 0, 2 ** 70):
        _same_outcome(lambda: history(core, request_id),
                      lambda: lite_credentials.history(lite, request_id))
    assert len(lite_credentials.history(lite, 2)) == 3


def test_each_statement_has_a_twin_with_the_same_signature(both):
    core, lite = both
    assert statements(core) is core_credentials and statements(lite) is lite_credentials
    for name in ("fetch", "lock_event", "approved", "set_status", "add_transition"):
        assert (inspect.signature(getattr(lite_credentials, name)).parameters.keys()
                == inspect.signature(getattr(core_credentials, name)).parameters.keys()), name


# ---- when the fast path is taken ---------------------------------------------------------------

def test_only_an_up_to_date_sqlite_file_takes_the_fast_path(db, tmp_path):
    assert isinstance(open_lite(db), LiteStore)
    missing = tmp_path / "missing.db"
    assert open_lite(f"sqlite:///{missing}") is None and not missing.exists()
    assert open_lite("sqlite:///:memory:") is None and open_lite("sqlite://") is None
    assert open_lite(f"sqlite:///{tmp_path}/a%20b.db") is None  # SQLAlchemy decodes: it opens
    assert open_lite("postgresql+psycopg://u@localhost/db") is None
    text = tmp_path / "text.db"
    text.write_text("this is not a database\n" * 100)
    assert open_lite(f"sqlite:///{text}") is None and text.read_text().startswith("this is")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert open_lite(f"sqlite:///{empty}") is None and empty.stat().st_size == 0


def test_a_pending_migration_goes_through_sqlalchemy_and_is_applied(db, ws):
    path = db[len("sqlite:///"):]
    con = sqlite3.connect(path)
    con.execute("DELETE FROM schema_migrations WHERE name = 'm0020_mention_blurb'")
    con.execute("ALTER TABLE mentions DROP COLUMN blurb")
    con.commit()
    con.close()
    assert open_lite(db) is None
    with open_store(ws, url=db, lite=True) as store:
        assert isinstance(store, Store)
    assert isinstance(open_lite(db), LiteStore)


def test_postgresql_keeps_sqlalchemy(store, db_url, ws):
    opened = open_store(ws, url=db_url, lite=True)
    try:
        assert isinstance(opened, LiteStore) == db_url.startswith("sqlite")
        assert reads.list_mentions(opened, ws) == records.list_mentions(store, ws)
    finally:
        opened.close()


# ---- nobody reintroduces SQLAlchemy on the fast path --------------------------------------------

PROBE = """
import atexit, runpy, sys
atexit.register(lambda: sys.stderr.write(
    "\\nsqlalchemy imported: %s\\n" % any(m.split(".")[0] == "sqlalchemy" for m in sys.modules)))
sys.argv = ["pressroom", *sys.argv[1:]]
runpy.run_module("pressroom", run_name="__main__")
"""


def _imports_sqlalchemy(*args: str) -> bool:
    env = {**os.environ, "PRESSROOM_TODAY": "2019-05-01"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr.splitlines()[-1] == "sqlalchemy imported: True"


@pytest.mark.parametrize("args", [
    ("mention", "list", "--limit", "20", "-f", "csv"), ("mention", "list"),
    ("mention", "show", "3", "-f", "json"), ("credential", "history", "1"),
    ("mention", "list", "--outlet", "wbrc-tv", "--speaker", "canady", "--tag", "safety"),
    ("quote", "list", "--limit", "20", "-f", "json"), ("outlet", "list", "-f", "csv"),
    ("credential", "list", "-f", "json"), ("credential", "approve", "1"),
    ("credential", "deny", "2", "--note", "No."),
])
def test_the_fast_path_does_not_import_sqlalchemy(db, ws, args):
    with open_store(ws, url=db) as store:
        _requests(store, ws, 2)
    assert not _imports_sqlalchemy(*args)


def test_the_probe_sees_sqlalchemy_when_it_is_imported(db):
    assert _imports_sqlalchemy("mention", "list", "--search", "safety")
