"""Hostile and careless input to the database (issue 9, items 10, 11 and 13).

Malformed backups restore nothing; a damaged, immutable or unreachable database, a role without
privileges, a killed backend or a malformed URL is one line naming the database and what to do;
numbers past 64 bits and dates at the ends of the calendar give clean answers."""

from __future__ import annotations

import copy
import json
import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.fixtures_store import PG_BASE, pg_admin, pg_url
from tests.hostile import Unchanged, assert_clean_failure, db_snapshot

# ---- item 11: malformed backups ---------------------------------------------------------------


@pytest.fixture
def backup(store_cli, tmp_path) -> dict:
    """A real backup of a database with two outlets, two mentions, tags and a quote."""
    store_cli("mention", "add", "https://www.wbrc.com/a", "--outlet", "WBRC", "--title", "SROs train",
              "--date", "2024-03-04", "--reporter", "Jane", "--tag", "training",
              "--quote", "Training matters.", "--speaker", "canady", "--by", "jay")
    store_cli("mention", "add", "https://al.com/b", "--outlet", "AL.com", "--title", "Officers meet",
              "--date", "2024-03-05", "--by", "jay")
    path = tmp_path / "good.json"
    assert store_cli("backup", "export", str(path)).exit_code == 0
    return json.loads(path.read_text())


def _column(document: dict, table: str, column: str) -> int:
    return document["tables"][table]["columns"].index(column)


def _set(table: str, column: str, value, row: int = 0):
    def change(document: dict) -> None:
        document["tables"][table]["rows"][row][_column(document, table, column)] = value
    return change


def _duplicate_first(table: str):
    def change(document: dict) -> None:
        rows = document["tables"][table]["rows"]
        rows.append(copy.deepcopy(rows[0]))
    return change


def _credential(status: str):
    def change(document: dict) -> None:
        columns = document["tables"]["credential_requests"]["columns"]
        values = {"id": 1, "event_id": "nssc-2019", "name": "A B", "email": "a@b.example",
                  "email_key": "a@b.example", "outlet": "WBRC", "outlet_key": "wbrc",
                  "role": "reporter", "credential_type": "full-access", "days": "",
                  "status": status, "submitted_at": "2019-06-01T12:00:00+00:00", "late": False}
        document["tables"]["credential_requests"]["rows"] = [[values.get(c) for c in columns]]
    return change


def _replace_table(table: str, value):
    def change(document: dict) -> None:
        document["tables"][table] = value
    return change


def _rows(table: str, value):
    def change(document: dict) -> None:
        document["tables"][table]["rows"] = value
    return change


def _columns(table: str, value):
    def change(document: dict) -> None:
        document["tables"][table]["columns"] = value
    return change


MALFORMED = {
    "duplicate mention id": (_duplicate_first("mentions"), "duplicate"),
    "duplicate url": (lambda d: (_duplicate_first("mentions")(d),
                                 _set("mentions", "id", 77, row=-1)(d)), "duplicate url"),
    "duplicate outlet key": (lambda d: _set("outlets", "name_key", d["tables"]["outlets"]["rows"][1][
        _column(d, "outlets", "name_key")])(d), "duplicate name_key"),
    "duplicate tag pair": (_duplicate_first("mention_tags"), "duplicate mention_id"),
    "null title": (_set("mentions", "title", None), "column 'title' is null"),
    "null id": (_set("mentions", "id", None), "column 'id' is null"),
    "impossible date": (_set("mentions", "published", "2024-02-30"), "is not a date"),
    "date of another shape": (_set("mentions", "published", "March 4"), "is not a date"),
    "number for a date": (_set("mentions", "published", 20240304), "must be text"),
    "bad timestamp": (_set("mentions", "logged_at", "2024-03-04T25:00:00"), "date and time"),
    "orphan outlet": (_set("mentions", "outlet_id", 999), "refers to outlets id 999"),
    "orphan quote": (_set("quotes", "mention_id", 999), "refers to mentions id 999"),
    "orphan tag": (_set("mention_tags", "mention_id", 999), "refers to mentions id 999"),
    "text id": (_set("mentions", "id", "1"), "must be a whole number"),
    "float id": (_set("mentions", "id", 1.5), "must be a whole number"),
    "boolean id": (_set("mentions", "id", True), "must be a whole number"),
    "id past 64 bits": (_set("mentions", "id", 2 ** 70), "out of range"),
    "nul in a title": (_set("mentions", "title", "a\u0000b"), "NUL"),
    "over-long reporter": (_set("mentions", "reporter", "R" * 301), "longer than 300"),
    "unknown outlet type": (_set("outlets", "type", "blog"), "is not one of"),
    "short row": (lambda d: d["tables"]["mentions"]["rows"][0].pop(), "must be a list of"),
    "row not a list": (_rows("quotes", [{"id": 1}]), "must be a list of"),
    "rows not a list": (_rows("quotes", {"id": 1}), "must be {"),
    "table a list": (_replace_table("mentions", [[1, 2]]), "must be {"),
    "table null": (_replace_table("mentions", None), "must be {"),
    "duplicate column names": (_columns("mention_tags", ["mention_id", "mention_id"]), "distinct"),
    "unknown column": (_columns("mention_tags", ["mention_id", "colour"]), "unknown columns"),
    "unknown table": (_replace_table("gossip", {"columns": [], "rows": []}), "does not know"),
    "unknown credential status": (_credential("approvedd"), "'approvedd' is not one of"),
    "credential status wrong type": (_credential(3), "must be text"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_backup_restores_nothing(backup, store_cli, another_db_url, tmp_path,
                                             monkeypatch, name):
    change, fragment = MALFORMED[name]
    document = copy.deepcopy(backup)
    change(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    monkeypatch.setenv("PRESSROOM_DATABASE_URL", another_db_url)
    assert store_cli("mention", "list").exit_code == 0  # the other database, migrated and empty
    guard = Unchanged(db_url=another_db_url)
    result = store_cli("backup", "restore", str(path))
    assert_clean_failure(result, status=2, contains=["bad.json", fragment], unchanged=guard)


def test_the_good_backup_restores_after_all(backup, store_cli, another_db_url, tmp_path,
                                            monkeypatch):
    path = tmp_path / "good-again.json"
    path.write_text(json.dumps(backup))
    monkeypatch.setenv("PRESSROOM_DATABASE_URL", another_db_url)
    result = store_cli("backup", "restore", str(path))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("text, fragment", [
    ("", "not a pressroom backup"),
    ('{"format": "pressroom-backup", "version": 1, "tables": {"mentions": ', "not a pressroom backup"),
    ("[1, 2, 3]", "not a pressroom backup"),
    ("[" * 100_000 + "]" * 100_000, "not a pressroom backup"),
    ('{"format": "pressroom-backup", "version": 99, "tables": {}}', "version 99"),
    ('{"format": "pressroom-backup", "version": 1, "tables": []}', "no tables"),
])
def test_a_file_that_is_not_a_backup(store_cli, db_url, tmp_path, text, fragment):
    path = tmp_path / "bad.json"
    path.write_text(text)
    guard = Unchanged(db_url=db_url)
    result = store_cli("backup", "restore", str(path))
    assert_clean_failure(result, status=2, contains=fragment, unchanged=guard)


def test_restoring_a_folder(store_cli, tmp_path):
    result = store_cli("backup", "restore", str(tmp_path))
    assert_clean_failure(result, status=2, contains="is a folder")


# ---- item 10: database problems ---------------------------------------------------------------------

def _sqlite_workspace(example_workspace, monkeypatch) -> Path:
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    return example_workspace / "pressroom.db"


def _real_database(cli, db: Path) -> bytes:
    for n in range(30):
        cli("mention", "add", f"https://news.example/{n}", "--outlet", "Daily", "--title",
            f"Story {n} " + "words " * 200, "--date", "2024-03-05")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db.read_bytes()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed-middle", "text-file",
                                    "half-header"])
@pytest.mark.parametrize("command", [("mention", "list"), ("mention", "add", "https://x.example/n",
                                                           "--outlet", "O", "--title", "T",
                                                           "--date", "2024-01-01")])
def test_a_damaged_sqlite_database(example_workspace, cli, monkeypatch, damage, command):
    db = _sqlite_workspace(example_workspace, monkeypatch)
    data = _real_database(cli, db)
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    if damage == "garbage":
        db.write_bytes(secrets.token_bytes(len(data)))
    elif damage == "truncated":
        db.write_bytes(data[:len(data) // 3])
    elif damage == "zeroed-middle":
        db.write_bytes(data[:4096] + b"\x00" * 8192 + secrets.token_bytes(8192) + data[20480:])
    elif damage == "text-file":
        db.write_text("this is not a database\n" * 100)
    else:
        db.write_bytes(data[:50])
    before = db.read_bytes()
    result = cli(*command)
    line = assert_clean_failure(result, status=1, contains=["pressroom.db"])
    assert "restore from a backup" in line or "check the database" in line, line
    assert db.read_bytes() == before


def test_an_immutable_sqlite_database(example_workspace, cli, monkeypatch):
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    db = _sqlite_workspace(example_workspace, monkeypatch)
    _real_database(cli, db)
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not allowed here")
    try:
        before = db.read_bytes()
        result = cli("mention", "add", "https://x.example/new", "--outlet", "O", "--title", "T",
                     "--date", "2024-01-01")
        line = assert_clean_failure(result, status=1, contains="pressroom.db")
        assert "permissions" in line or "check the database" in line, line
        assert db.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)


@pytest.mark.parametrize("url, fragment", [
    ("postgresql://u@h:abc/db", "a port that is not a number"),
    ("postgresql://u:secret@[::1/db", "check the URL"),
    ("sqlite://relative.db", "check the URL"),
    ("mysql://u@h/db", "unsupported database URL"),
    ("postgresql://u:secret@h:99999999/db", "the URL"),
    ("nonsense", "unsupported database URL"),
])
def test_a_malformed_database_url(example_workspace, cli, monkeypatch, url, fragment):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_DATABASE_URL", url)
    result = cli("mention", "list")
    line = assert_clean_failure(result, status=(1, 2), contains=fragment)
    assert "secret" not in line


@pytest.mark.postgres
def test_a_role_without_privileges(example_workspace, cli, monkeypatch):
    from tests.fixtures_store import _pg_unavailable

    if _pg_unavailable():
        pytest.skip(_pg_unavailable())
    role, schema = f"r_{secrets.token_hex(4)}", f"t_{secrets.token_hex(6)}"
    pg_admin(f"CREATE SCHEMA {schema}")
    pg_admin(f"CREATE ROLE {role} LOGIN")
    pg_admin(f"REVOKE ALL ON SCHEMA {schema} FROM {role}")
    try:
        url = pg_url(schema).replace("postgres@", f"{role}@", 1)
        monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
        monkeypatch.setenv("PRESSROOM_DATABASE_URL", url)
        result = cli("mention", "list")
        assert_clean_failure(result, status=1, contains=["cannot use the database", "privileges"])
    finally:
        pg_admin(f"DROP SCHEMA {schema} CASCADE")
        pg_admin(f"DROP ROLE {role}")


@pytest.mark.postgres
def test_a_backend_killed_mid_command(store):
    """pg_terminate_backend from another connection: the next statement is one clean error."""
    import psycopg
    from sqlalchemy import text

    from pressroom.errors import OperationalError

    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(OperationalError) as caught:
        with store.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with psycopg.connect(PG_BASE, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            conn.execute(text("SELECT 1"))
    message = str(caught.value)
    assert "\n" not in message and "cannot use the database" in message
    assert "connection was lost" in message


@pytest.mark.postgres
def test_a_backend_killed_during_a_write_loses_nothing_half(store, store_cli, db_url):
    import psycopg
    from sqlalchemy import text

    from pressroom.errors import OperationalError

    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    store_cli("mention", "add", "https://news.example/1", "--outlet", "Daily", "--title", "One",
              "--date", "2024-03-05")
    before = db_snapshot(db_url)
    with pytest.raises(OperationalError):
        with store.begin() as conn:
            conn.execute(text("DELETE FROM mention_tags"))
            conn.execute(text("UPDATE mentions SET title = 'changed'"))
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with psycopg.connect(PG_BASE, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            conn.execute(text("SELECT 1"))
    assert db_snapshot(db_url) == before


# ---- item 13: numbers and dates out of range ------------------------------------------------------

HUGE = str(2 ** 70)


@pytest.mark.parametrize("args, fragment", [
    (("mention", "show", HUGE), "no such mention"),
    (("mention", "show", str(2 ** 63)), "no such mention"),
    (("mention", "remove", HUGE, "--yes"), "no such mention"),
    (("mention", "edit", HUGE, "--title", "x"), "no such mention"),
    (("quote", "add", HUGE, "--speaker", "canady", "--text", "Hi."), "no such mention"),
    (("quote", "remove", HUGE, "--yes"), "no such quote"),
    (("digest", "--period", "9999-12"), "out of range"),
    (("digest", "--period", "0000-01"), "out of range"),
    (("digest", "--period", "9999-W52"), "out of range"),
    (("digest", "--period", "0001-W01"), "out of range"),
    (("digest", "--since", "0001-01-01", "--until", "9999-12-31"), "out of range"),
    (("report", "coverage", "--since", "0001-01-01", "--until", "9999-12-31"), None),
])
def test_numbers_and_dates_out_of_range(store_cli, db_url, args, fragment):
    guard = Unchanged(db_url=db_url)
    result = store_cli(*args)
    if fragment is None:
        assert result.exit_code == 0, result.stderr
        return
    assert_clean_failure(result, status=(1, 2), contains=fragment, unchanged=guard)


@pytest.mark.parametrize("args", [("mention", "list", "--limit", HUGE),
                                  ("quote", "list", "--limit", HUGE),
                                  ("mention", "list", "--search", "officers", "--limit", HUGE),
                                  ("mention", "list", "--since", "0001-01-01", "--until",
                                   "9999-12-31")])
def test_a_huge_limit_or_range_lists_everything(store_cli, args):
    store_cli("mention", "add", "https://news.example/1", "--outlet", "Daily",
              "--title", "Officers train", "--date", "2024-03-05",
              "--quote", "Words.", "--speaker", "canady")
    result = store_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1


@pytest.mark.parametrize("today", ["0001-01-03", "0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("args", [("digest",), ("digest", "--period", "last-month")])
def test_a_today_at_the_ends_of_the_calendar(store_cli, monkeypatch, today, args):
    monkeypatch.setenv("PRESSROOM_TODAY", today)
    result = store_cli(*args)
    assert_clean_failure(result, status=2, contains="out of range" if today.startswith("9999")
                         else "0002-01-01")
