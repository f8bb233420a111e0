"""The media directory: add, edit, show, remove, list, lists, opt-out, forget, history, import."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture
def jcli(store):
    return run_cli


def _add(email="dana.whitcomb@example.com", *extra):  # noqa: ANN001, ANN002
    return run_cli("journalist", "add", email, "--name", "Dana Whitcomb", "--outlet",
                   "Hoover Ledger", "--beat", "education", *extra)


def test_add_show_and_list(jcli):
    added = _add("dana.whitcomb@example.com", "--list", "education desks", "--phone", "205-555-0190")
    assert added.exit_code == 0, added.stderr
    assert added.stdout == "added journalist 1: Dana Whitcomb <dana.whitcomb@example.com>\n"
    shown = json.loads(run_cli("journalist", "show", "Dana.Whitcomb@Example.com", "-f", "json").stdout)
    assert shown["name"] == "Dana Whitcomb" and shown["outlet"] == "Hoover Ledger"
    assert shown["lists"] == ["education desks"] and shown["status"] == "active"
    assert shown["history"][0]["action"] == "added"
    rows = json.loads(run_cli("journalist", "list", "-f", "json").stdout)
    assert [r["email"] for r in rows] == ["dana.whitcomb@example.com"]
    lists = json.loads(run_cli("journalist", "lists", "-f", "json").stdout)
    assert lists == [{"name": "education desks", "members": 1, "mailable": 1}]


def test_outlet_is_the_mentions_outlet(jcli):
    run_cli("outlet", "add", "WBRC", "--alias", "WBRC FOX6 News")
    run_cli("journalist", "add", "a@example.com", "--name", "Ann Anchor", "--outlet", "wbrc fox6 news")
    (row,) = json.loads(run_cli("journalist", "list", "-f", "json").stdout)
    assert row["outlet"] == "WBRC"
    outlets = json.loads(run_cli("outlet", "list", "--format", "json").stdout)
    assert [o["name"] for o in outlets] == ["WBRC"]


def test_duplicate_address_is_refused(jcli):
    _add()
    again = _add("DANA.WHITCOMB@example.com")
    assert again.exit_code == 2
    assert again.stderr == ("error: 'DANA.WHITCOMB@example.com' is already in the directory "
                            "(journalist 1, Dana Whitcomb); change it with 'pressroom journalist edit'\n")


def test_stories_show_up(jcli):
    _add()
    run_cli("mention", "add", "https://hooverledger.example.com/schools-1", "--outlet", "Hoover Ledger",
            "--title", "School officers get training", "--date", "2019-04-20",
            "--reporter", "Dana Whitcomb")
    shown = run_cli("journalist", "show", "dana.whitcomb@example.com")
    assert "stories: 1\n  2019-04-20  Hoover Ledger: School officers get training\n" in shown.stdout


def test_edit_lists_and_fields(jcli):
    _add()
    edited = run_cli("journalist", "edit", "dana.whitcomb@example.com", "--beat", "",
                     "--title", "reporter", "--list", "a-list", "--list", "b-list")
    assert edited.exit_code == 0, edited.stderr
    run_cli("journalist", "edit", "dana.whitcomb@example.com", "--leave", "a-list")
    row = json.loads(run_cli("journalist", "show", "dana.whitcomb@example.com", "-f", "json").stdout)
    assert row["beat"] is None and row["title"] == "reporter" and row["lists"] == ["b-list"]
    details = [h["detail"] for h in row["history"]]
    assert "changed beat, changed title, joined a-list, joined b-list" in details
    assert "left a-list" in details
    filtered = json.loads(run_cli("journalist", "list", "--list", "b-list", "-f", "json").stdout)
    assert len(filtered) == 1
    none = json.loads(run_cli("journalist", "list", "--list", "a-list", "-f", "json").stdout)
    assert none == []


def test_list_filters(jcli):
    _add()
    run_cli("journalist", "add", "t@example.com", "--name", "Tomas Reyes", "--outlet",
            "Capital Wire Service", "--beat", "state legislatures")
    search = json.loads(run_cli("journalist", "list", "--search", "capital", "-f", "json").stdout)
    assert [r["name"] for r in search] == ["Tomas Reyes"]
    beat = json.loads(run_cli("journalist", "list", "--beat", "EDUC", "-f", "json").stdout)
    assert [r["name"] for r in beat] == ["Dana Whitcomb"]
    outlet = json.loads(run_cli("journalist", "list", "--outlet", "hoover ledger", "-f", "json").stdout)
    assert [r["name"] for r in outlet] == ["Dana Whitcomb"]
    unknown = run_cli("journalist", "list", "--list", "nope")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("error: list 'nope': no such list")
    wildcard = json.loads(run_cli("journalist", "list", "--search", "%", "-f", "json").stdout)
    assert wildcard == []


def test_optout_keeps_them_and_forget_erases_them(store, tmp_path):
    _add("dana.whitcomb@example.com", "--list", "desk", "--note", "prefers phone")
    assert run_cli("journalist", "optout", "dana.whitcomb@example.com").exit_code == 0
    row = json.loads(run_cli("journalist", "show", "dana.whitcomb@example.com", "-f", "json").stdout)
    assert row["status"] == "opted out"
    assert json.loads(run_cli("journalist", "lists", "-f", "json").stdout)[0]["mailable"] == 0
    forgot = run_cli("journalist", "forget", "dana.whitcomb@example.com")
    assert forgot.stdout == "forgotten journalist 1\n"
    assert run_cli("journalist", "show", "dana.whitcomb@example.com").exit_code == 2
    assert json.loads(run_cli("journalist", "list", "-f", "json").stdout) == []
    history = json.loads(run_cli("journalist", "history", "-f", "json").stdout)
    assert [h["action"] for h in history] == ["added", "opted out", "forgotten"]
    # Nothing personal is left in any table: the backup holds no trace of the address or name.
    from pressroom.store.backup import export_backup

    path = tmp_path / "backup.json"
    export_backup(store, path)
    text = path.read_text(encoding="utf-8").lower()
    for trace in ("whitcomb", "dana", "prefers phone", "education"):
        assert trace not in text
    # ...and the address cannot come back.
    again = _add()
    assert again.exit_code == 2
    assert "is on the suppression list" in again.stderr


def test_remove_only_before_any_send(jcli):
    _add()
    removed = run_cli("journalist", "remove", "dana.whitcomb@example.com")
    assert removed.stdout == "removed journalist 1\n"
    missing = run_cli("journalist", "remove", "dana.whitcomb@example.com")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: journalist 'dana.whitcomb@example.com': not in the directory")


# ---- import -------------------------------------------------------------------------------------

CSV = """First Name,Last Name,E-mail Address,Media Outlet,Beat/Topics,Job Title
Dana,Whitcomb,dana.whitcomb@example.com,Hoover Ledger,education,reporter
Marcus,Ellery,m.ellery@example.com,Tri-County Public Radio,schools,news director
Dana,Whitcomb,DANA.WHITCOMB@example.com,Hoover Ledger,education,senior reporter
Bad,Address,not-an-address,Hoover Ledger,,
"""


def test_csv_import_with_synonyms_merges_and_rejects_per_row(jcli, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    result = run_cli("journalist", "import", str(path), "--list", "education desks")
    assert result.exit_code == 2
    assert result.stdout == "added 2, updated 0, unchanged 0, rejected 1\n"
    assert result.stderr.endswith("export.csv:5: 'not-an-address' is not a valid email address\n")
    rows = {r["email"]: r for r in json.loads(run_cli("journalist", "list", "-f", "json").stdout)}
    assert rows["dana.whitcomb@example.com"]["title"] == "senior reporter"  # merged: later row wins
    assert rows["m.ellery@example.com"]["lists"] == ["education desks"]
    again = run_cli("journalist", "import", str(path))
    assert again.stdout == "added 0, updated 1, unchanged 1, rejected 1\n"  # row 2 then row 4
    third = run_cli("journalist", "import", str(path))
    assert third.stdout == "added 0, updated 1, unchanged 1, rejected 1\n"


def test_full_name_column(jcli, tmp_path):
    path = tmp_path / "muck.csv"
    path.write_text("Full Name,Email,Publication\nAnn Anchor,ann@example.com,WBRC\n", encoding="utf-8")
    assert run_cli("journalist", "import", str(path)).stdout == "added 1, updated 0, unchanged 0, rejected 0\n"


def test_csv_without_email_column_is_one_error(jcli, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Outlet\nAnn,WBRC\n", encoding="utf-8")
    result = run_cli("journalist", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr.endswith("x.csv:1: no email column (like 'Email' or 'E-mail Address'; the "
                                  "header has: Name, Outlet)\n")


VCF = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Priya Okafor\r\nN:Okafor;Priya;;;\r\n"
    "EMAIL;TYPE=work:priya.okafor@example.org\r\nORG:School Safety Weekly;Editorial\r\n"
    "TITLE:senior editor\r\nTEL;VALUE=uri:tel:+1-205-555-0111\r\n"
    "NOTE:Covers school policing\\, nationally\r\n CONTINUED\r\nCATEGORIES:school policing,education\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Reyes;Tomas;;;\r\nEMAIL:tomas.reyes@example.com\r\nEND:VCARD\r\n"
)


def test_vcard_import(jcli, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(VCF, encoding="utf-8")
    result = run_cli("journalist", "import", str(path), "--list", "desk")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "added 2, updated 0, unchanged 0, rejected 0\n"
    rows = {r["email"]: r for r in json.loads(run_cli("journalist", "list", "-f", "json").stdout)}
    priya = rows["priya.okafor@example.org"]
    assert (priya["name"], priya["outlet"], priya["title"], priya["phone"], priya["beat"]) == (
        "Priya Okafor", "School Safety Weekly", "senior editor", "+1-205-555-0111",
        "school policing, education")
    shown = json.loads(run_cli("journalist", "show", "priya.okafor@example.org", "-f", "json").stdout)
    assert shown["note"] == "Covers school policing, nationallyCONTINUED"
    assert rows["tomas.reyes@example.com"]["name"] == "Tomas Reyes"


def test_backup_keeps_the_directory_and_the_send_log(store, example_workspace, tmp_path):
    from pressroom.store import open_store
    from pressroom.store.backup import export_backup, restore_backup

    _add("dana.whitcomb@example.com", "--list", "desk")
    run_cli("journalist", "add", "gone@example.com", "--name", "Gone Person")
    run_cli("journalist", "forget", "gone@example.com")
    assert run_cli("release", "send", "conference-keynote", "--list", "desk", "--yes",
                   "--outbox").exit_code == 0
    counts = export_backup(store, tmp_path / "backup.json")
    assert counts["journalists"] == 2 and counts["distribution_sends"] == 1
    assert counts["journalist_suppressions"] == 1 and counts["journalist_keys"] == 1
    fresh = open_store(url=f"sqlite:///{tmp_path / 'restored.db'}")
    with fresh:
        restored = restore_backup(fresh, tmp_path / "backup.json")
        assert restored["journalist_memberships"] == 1
        from pressroom.journalists.directory import is_suppressed, list_journalists

        assert [r["email"] for r in list_journalists(fresh)] == ["dana.whitcomb@example.com"]
        with fresh.connect() as conn:  # the key came along: the forgotten address stays out
            assert is_suppressed(conn, "GONE@example.com")
