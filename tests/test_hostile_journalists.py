"""Hostile input to the media directory and to sends: encoded words, look-alike addresses, bad
rows, huge and special files, vCard oddities, formulas in CSV exports, header injection."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.conftest import run_cli


@pytest.fixture
def jcli(store):
    return run_cli


def _import(tmp_path, text: str, name: str = "people.csv", *extra: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_cli("journalist", "import", str(path), *extra)


HEADER = "Name,Email,Outlet\n"


@pytest.mark.parametrize("row, message", [
    ("=?utf-8?b?QmNjOiB4QGV4YW1wbGUub3Jn?=,a@example.com,WBRC", "name contains an RFC 2047 encoded word"),
    ("Ann Anchor,a@example.com,=?utf-8?q?WBRC=0D=0ABcc:_x@example.org?=", "outlet contains an RFC 2047 encoded word"),
    ("Ann Anchor,=?utf-8?q?a?=@example.com,WBRC", "is not a valid email address"),
    ("Ann <x@example.org>,a@example.com,WBRC", "name may not contain < > @"),
    ("\"Ann\rBcc: x@example.org\",a@example.com,WBRC", "name contains a line break"),
    ("Ann\u202eAnchor,a@example.com,WBRC", "name contains a control character"),
    ("Ann Anchor,d\u0430na@example.com,WBRC", "is not a valid email address"),       # Cyrillic а
    ("Ann Anchor,dana@ex\u0430mple.com,WBRC", "is not a valid email address"),
    ("Ann Anchor,dana\uff20example.com,WBRC", "is not a valid email address"),       # fullwidth @
    ("Ann Anchor,dana\u200b@example.com,WBRC", "contains a control character"),     # zero width
    ("Ann Anchor,\"a@example.com\nBcc: x@example.org\",WBRC", "contains a line break"),
    ("Ann Anchor,a@example.com,WBRC\u0085Bcc", "outlet contains a line break"),
    ("Ann Anchor,a@@example.com,WBRC", "is not a valid email address"),
    ("Ann Anchor,a@localhost,WBRC", "is not a valid email address"),
    (",a@example.com,WBRC", "no name"),
])
def test_bad_rows_are_rejected_with_their_line(jcli, tmp_path, row, message):
    text = HEADER + "Good Person,good@example.com,WBRC\n" + row + "\nOther Person,other@example.com,WBRC\n"
    result = _import(tmp_path, text)
    assert result.exit_code == 2
    assert result.stdout == "added 2, updated 0, unchanged 0, rejected 1\n"
    (line,) = result.stderr.splitlines()
    assert re.match(r"rejected: \S*people\.csv:3: ", line), line
    assert message in line


def test_line_numbers_count_multiline_cells(jcli, tmp_path):
    text = HEADER + '"Ann\nAnchor",a@example.com,WBRC\nBad,not-an-address,WBRC\n'
    result = _import(tmp_path, text)
    assert "people.csv:4: 'not-an-address' is not a valid email address" in result.stderr
    # "Ann\nAnchor": a line break in a name is refused on its own line (2)
    assert "people.csv:2: name contains a line break" in result.stderr


def test_not_utf8_is_refused_before_any_row(jcli, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "Ann,a@example.com,WBRC\nJos\xe9,j@example.com,WBRC\n").encode("latin-1"))
    result = run_cli("journalist", "import", str(path))
    assert result.exit_code == 2
    assert "not UTF-8 text (line 3)" in result.stderr
    assert json.loads(run_cli("journalist", "list", "-f", "json").stdout) == []


def test_huge_cell_rejects_its_row(jcli, tmp_path):
    text = HEADER + "Ann," + "a" * 200_000 + "@example.com,WBRC\nBen,b@example.com,WBRC\n"
    result = _import(tmp_path, text)
    assert result.stdout == "added 1, updated 0, unchanged 0, rejected 1\n"
    assert "people.csv:2: a cell is longer than 100,000 characters" in result.stderr


def test_too_large_file_is_refused(jcli, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(201 * 1024 * 1024)  # sparse: instant
    result = run_cli("journalist", "import", str(path))
    assert result.exit_code == 2
    assert "the file is too large (201 MB; at most 200 MB)" in result.stderr


def test_special_files_are_refused(jcli, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = run_cli("journalist", "import", str(fifo))
    assert result.exit_code == 2 and "is not a regular file" in result.stderr
    folder = run_cli("journalist", "import", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder, not a file" in folder.stderr
    missing = run_cli("journalist", "import", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_empty_file(jcli, tmp_path):
    result = _import(tmp_path, "")
    assert result.exit_code == 2 and "the file is empty (no header row)" in result.stderr


@pytest.mark.parametrize("card, message", [
    ("BEGIN:VCARD\nVERSION:2.1\nFN:Ann\nEMAIL:a@example.com\nEND:VCARD\n", "vCard version 2.1 is not supported"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=QUOTED-PRINTABLE:Ann=0D=0ABcc\nEMAIL:a@example.com\nEND:VCARD\n",
     "vCard 2.1 encodings are not supported"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\n", "the card has no EMAIL"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:a@example.com\n", "the card has no END:VCARD"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:=?utf-8?q?Ann?=\nEMAIL:a@example.com\nEND:VCARD\n", "RFC 2047 encoded word"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\\nBcc: x@example.org\nEMAIL:a@example.com\nEND:VCARD\n", "contains a line break"),
    ("BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEMAIL:a@example.com\nEMAIL;ENCODING=b:YUBleGFtcGxlLmNvbQ==\nEND:VCARD\n",
     "EMAIL is base64-encoded"),
    ("BEGIN:VCARD\nVERSION:4.0\nVERSION:3.0\nFN:Ann\nEMAIL:a@example.com\nEND:VCARD\n", "vCard version 4.0 is not supported"),
    ("BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEMAIL:d\u0430na@example.com\nEND:VCARD\n", "is not a valid email address"),
    ("BEGIN:VCARD\nVERSION:4.0\nthis is not a property\nEND:VCARD\n", "not a vCard property"),
])
def test_vcard_oddities_are_rejected_per_card(jcli, tmp_path, card, message):
    good = "BEGIN:VCARD\nVERSION:4.0\nFN:Ben Good\nEMAIL:ben@example.com\nEND:VCARD\n"
    result = _import(tmp_path, good + card, "cards.vcf")
    assert result.exit_code == 2
    assert result.stdout == "added 1, updated 0, unchanged 0, rejected 1\n"
    (line,) = result.stderr.splitlines()
    assert re.match(r"rejected: \S*cards\.vcf:6: ", line), line
    assert message in line


def test_vcard_with_a_photo_and_groups(jcli, tmp_path):
    card = ("BEGIN:VCARD\nVERSION:3.0\nitem1.EMAIL;TYPE=INTERNET:ann@example.com\nFN:Ann Anchor\n"
            "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 50 + "\n " + "QUJD" * 50 + "\nEND:VCARD\n")
    result = _import(tmp_path, card, "cards.vcf")
    assert result.stdout == "added 1, updated 0, unchanged 0, rejected 0\n", result.stderr


def test_huge_folded_vcard_line_is_refused(jcli, tmp_path):
    card = "BEGIN:VCARD\nVERSION:3.0\nNOTE:x\n" + " y\n" * 60_000 + "END:VCARD\n"
    result = _import(tmp_path, card, "cards.vcf")
    assert result.exit_code == 2
    assert "a folded line longer than 100,000 characters" in result.stderr


def test_stray_lines_and_nested_cards(jcli, tmp_path):
    cards = ("stray\nBEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:a@example.com\n"
             "BEGIN:VCARD\nVERSION:3.0\nFN:Ben\nEMAIL:b@example.com\nEND:VCARD\n")
    result = _import(tmp_path, cards, "cards.vcf")
    assert result.stdout == "added 1, updated 0, unchanged 0, rejected 2\n"
    assert "cards.vcf:1: a line outside BEGIN:VCARD" in result.stderr
    assert "cards.vcf:2: BEGIN:VCARD inside a card" in result.stderr


def test_formula_cells_are_neutralised_in_csv_exports(jcli, tmp_path):
    text = HEADER + "=HYPERLINK(\"http://x.example\"),a@example.com,+cmd|' /C calc'!A0\n"
    result = _import(tmp_path, text)
    assert result.exit_code == 0, result.stderr
    exported = run_cli("journalist", "list", "-f", "csv").stdout
    assert "'=HYPERLINK" in exported and "'+cmd|" in exported
    assert ",=HYPERLINK" not in exported and ",+cmd" not in exported


def test_forgotten_addresses_stay_out_of_imports(jcli, tmp_path):
    _import(tmp_path, HEADER + "Ann Anchor,ann@example.com,WBRC\n")
    run_cli("journalist", "forget", "ANN@example.com")
    result = _import(tmp_path, HEADER + "Ann Anchor,Ann@Example.com,WBRC\n")
    assert result.exit_code == 2
    assert "people.csv:2: the address was forgotten at the journalist's request" in result.stderr
    assert json.loads(run_cli("journalist", "list", "-f", "json").stdout) == []


def test_bad_list_names(jcli):
    result = run_cli("journalist", "add", "a@example.com", "--name", "Ann", "--list", "../etc")
    assert result.exit_code == 2 and "is not a list name" in result.stderr
    result = run_cli("journalist", "add", "a@example.com", "--name", "Ann", "--list", "x\ny")
    assert result.exit_code == 2


# ---- header injection through what gets into a message -----------------------------------------

def test_a_headline_with_encoded_words_cannot_add_a_header(store, example_workspace, smtp_server):
    from tests.fixtures_mail import use_smtp

    path = example_workspace / "releases" / "2019-04-15-conference-keynote.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "headline: Expert on the roots of violence to open NASRO's 2019 conference",
        "headline: \"Hello =?utf-8?q?x=0D=0ABcc:_victim@example.org?= world\"")
    path.write_text(text, encoding="utf-8")
    use_smtp(example_workspace, smtp_server.port)
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  rate: off\n", encoding="utf-8")
    run_cli("journalist", "add", "ann@example.com", "--name", "Ann Anchor", "--list", "desk")
    result = run_cli("release", "send", "conference-keynote", "--list", "desk", "--yes")
    assert result.exit_code == 2
    assert re.match(r"error: \S*2019-04-15-conference-keynote\.yaml:\d+:\d+: the headline contains "
                    r"an RFC 2047 encoded word", result.stderr), result.stderr
    assert smtp_server.received == []
    test = run_cli("release", "send", "conference-keynote", "--test", "me@example.org")
    assert test.exit_code == 2 and smtp_server.received == []


def test_names_in_the_directory_are_checked_again_when_mailed(store, example_workspace,
                                                              smtp_server):
    """A name written into the database by other means still cannot reach a header."""
    from sqlalchemy import update

    from pressroom.journalists.tables import journalists
    from tests.fixtures_mail import use_smtp

    use_smtp(example_workspace, smtp_server.port)
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  rate: off\n", encoding="utf-8")
    run_cli("journalist", "add", "ann@example.com", "--name", "Ann Anchor", "--list", "desk")
    run_cli("journalist", "add", "ben@example.com", "--name", "Ben Good", "--list", "desk")
    with store.begin() as conn:
        conn.execute(update(journalists).where(journalists.c.email == "ann@example.com")
                     .values(name="=?utf-8?q?Ann=0D=0ABcc:_x@example.org?="))
    result = run_cli("release", "send", "conference-keynote", "--list", "desk", "--yes")
    assert result.exit_code == 1
    assert "warning: ann@example.com: the journalist's name contains an RFC 2047" in result.stderr
    assert [r.recipients for r in smtp_server.received] == [["ben@example.com"]]


def test_strict_imports_nothing_when_a_row_is_bad(jcli, tmp_path):
    result = _import(tmp_path, HEADER + "Ann,a@example.com,WBRC\nBad,nope,WBRC\n", "people.csv",
                     "--strict")
    assert result.exit_code == 2
    assert "people.csv:3: 'nope' is not a valid email address" in result.stderr
    assert result.stderr.endswith("error: nothing imported: 1 row rejected (--strict)\n")
    assert json.loads(run_cli("journalist", "list", "-f", "json").stdout) == []


@pytest.mark.parametrize("encoding, separator", [("utf-16", "\t"), ("utf-8-sig", ";"),
                                                 ("utf-16", ",")])
def test_a_media_list_in_utf16_or_with_tabs_or_semicolons_is_read(jcli, tmp_path, encoding,
                                                                   separator):
    """Media-list exports (Excel's "Unicode Text", a comma-decimal Excel): every cell lands in
    its column; a separator inside a quoted cell stays text."""
    rows = [["First Name", "Last Name", "Email", "Outlet"],
            ["Ana", "Reyes", "ana@knoxnews.example", "Knox News; Sentinel, Inc."],
            ["Jos\u00e9", "\u00c1lvarez", "jose@wbrc.example", "WBRC"]]
    text = "\n".join(separator.join(f'"{c}"' if (";" in c or "," in c) else c for c in row)
                     for row in rows) + "\n"
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    result = run_cli("journalist", "import", str(path))
    assert (result.exit_code, result.stdout) == (0, "added 2, updated 0, unchanged 0, rejected 0\n"), \
        result.stderr
    listed = json.loads(run_cli("journalist", "list", "--format", "json").stdout)
    assert sorted((j["name"], j["email"], j["outlet"]) for j in listed) == [
        ("Ana Reyes", "ana@knoxnews.example", "Knox News; Sentinel, Inc."),
        ("Jos\u00e9 \u00c1lvarez", "jose@wbrc.example", "WBRC")]


def test_a_media_list_in_cut_short_utf16_is_refused_whole(jcli, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Name\tEmail\nAna Reyes\tana@knoxnews.example\n".encode("utf-16") + b"\x41")
    result = run_cli("journalist", "import", str(path))
    assert result.exit_code == 2 and "not UTF-16 text (line 3)" in result.stderr
    assert json.loads(run_cli("journalist", "list", "--format", "json").stdout) == []


def test_a_muck_rack_style_header_with_outlets_in_brackets(jcli, tmp_path):
    result = _import(tmp_path, "Name,Email,Outlet(s),Beats\nAna Reyes,ana@knoxnews.example,"
                               "Knox News,education\n")
    assert result.exit_code == 0, result.stderr
    [person] = json.loads(run_cli("journalist", "list", "--format", "json").stdout)
    assert (person["outlet"], person["beat"]) == ("Knox News", "education")
