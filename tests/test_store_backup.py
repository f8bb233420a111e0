"""`pressroom backup export|restore`: a round trip loses nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from pressroom.store import open_store
from pressroom.store.backup import export_backup


def _fill(cli):
    cli("outlet", "add", "WBRC", "--type", "tv", "--domain", "wbrc.com", "--alias", "WBRC FOX6 News")
    cli("mention", "add", "https://www.wbrc.com/a", "--outlet", "WBRC", "--title", "SROs train",
        "--date", "2024-03-04", "--reporter", "Jane", "--release", "conference-keynote",
        "--tag", "training", "--quote", "Training matters.", "--speaker", "canady",
        "--text", "Body text with a rare word: zygomorphic.", "--by", "jay")
    cli("mention", "add", "https://al.com/b", "--outlet", "AL.com", "--title", "Officers meet",
        "--date", "2024-03-05", "--excerpt", "Ünïcödé — “quotes”")
    cli("mention", "add", "https://al.com/c", "--outlet", "AL.com", "--title", "Removed later",
        "--date", "2024-03-06")
    cli("mention", "remove", "3", "--yes")  # removed, recoverable: backed up as removed


def test_round_trip(store_cli, store, another_db_url, tmp_path, monkeypatch):
    _fill(store_cli)
    first = tmp_path / "backup.json"
    result = store_cli("backup", "export", str(first))
    assert (result.exit_code, result.stderr) == (0, f"wrote 8 records to {first}\n")
    document = json.loads(first.read_text())
    assert (document["format"], document["version"]) == ("pressroom-backup", 1)
    mentions = document["tables"]["mentions"]
    removed_at = mentions["columns"].index("removed_at")
    assert [(row[0], row[removed_at] is not None) for row in mentions["rows"]] == [
        (1, False), (2, False), (3, True)]

    monkeypatch.setenv("PRESSROOM_DATABASE_URL", another_db_url)
    restored = store_cli("backup", "restore", str(first))
    assert (restored.exit_code, restored.stderr) == (0, f"restored 8 records from {first}\n")
    assert [r["id"] for r in json.loads(store_cli("mention", "list", "--format", "json").stdout)] \
        == [2, 1]
    second = tmp_path / "again.json"
    with open_store(url=another_db_url) as other:
        export_backup(other, second)
    again = json.loads(second.read_text())
    assert again["tables"] == document["tables"]
    assert store_cli("mention", "restore", "3").exit_code == 0  # still recoverable
    # ids go on after the restored ones, and search works on the restored data
    assert store_cli("mention", "add", "https://x.example/n", "--outlet", "WBRC", "--title", "New",
                     "--date", "2024-04-01").stdout == "4\n"
    found = json.loads(store_cli("mention", "list", "--search", "zygomorphic", "--format", "json").stdout)
    assert [m["id"] for m in found] == [1]


def test_restore_refuses_a_database_with_records(store_cli, tmp_path):
    _fill(store_cli)
    path = tmp_path / "b.json"
    store_cli("backup", "export", str(path))
    result = store_cli("backup", "restore", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the database is not empty (")
    assert result.stderr.endswith("restore needs an empty database\n")


def test_restore_rejects_other_files(store_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    result = store_cli("backup", "restore", str(bad))
    assert (result.exit_code, result.stderr) == (
        2, f'error: {bad}: not a pressroom backup (no "format": "pressroom-backup")\n')
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": \n')
    result = store_cli("backup", "restore", str(broken))
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {broken}:2:1: not a pressroom backup")


def test_every_table_of_the_metadata_is_included(store, tmp_path):
    from pressroom.store.schema import load_all_tables

    path = tmp_path / "b.json"
    export_backup(store, path)
    assert set(json.loads(path.read_text())["tables"]) == set(load_all_tables().tables)
