"""The whole credential workflow through the CLI, on SQLite and PostgreSQL, with mail going to a
real SMTP server on 127.0.0.1. Today is 2019-05-01 (``PRESSROOM_TODAY``) unless a test says."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.fixtures_mail import use_smtp

DATA = Path(__file__).parent / "data" / "credentials"
ANA = ("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
       "--outlet", "Knoxville News Sentinel", "--email", "ana@knoxnews.example",
       "--phone", "865-555-0100", "--assignment", "A series on school resource officer training.")


def request(cli, name, email, outlet="WBIR-TV", *extra):
    result = cli("credential", "request", "--event", "nssc-2019", "--name", name, "--email", email,
                 "--outlet", outlet, *extra)
    assert result.exit_code == 0, result.stderr
    return int(re.match(r"request (\d+) ", result.stdout).group(1))


@pytest.fixture
def mailed(cred_cli, example_workspace, smtp_server):
    use_smtp(example_workspace, smtp_server.port)
    return smtp_server


def test_the_whole_workflow(cred_cli, mailed):
    cli = cred_cli
    first = cli(*ANA)
    assert (first.exit_code, first.stderr) == (0, "")
    assert first.stdout == ("request 1 for nssc-2019: routed to Jay Farlow (farlow); "
                            "mail to jay.farlow@example.org sent\n")
    [notice] = mailed.received
    assert notice.recipients == ["jay.farlow@example.org"]
    assert notice.message["Subject"] == ("Credential request 1: Ana Reyes, Knoxville News Sentinel "
                                         "(2019 National School Safety Conference)")
    assert notice.message["Reply-To"] == "Ana Reyes <ana@knoxnews.example>"
    body = notice.message.get_content()
    for command in ("pressroom credential approve 1", "pressroom credential needs-info 1",
                    "pressroom credential waitlist 1", "pressroom credential deny 1"):
        assert f"  {command}\n" in body
    assert "Phone:       865-555-0100" in body

    dup = cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
              "--outlet", "Knoxville News Sentinel", "--email", "ANA@KnoxNews.Example")
    assert dup.stdout == ("request 2 for nssc-2019: duplicate of request 1 (same email); "
                          "closed as cancelled, not routed\n")
    assert len(mailed.received) == 1  # not routed again

    asked = cli("credential", "needs-info", "1", "--note", "Please send a letter of assignment.")
    assert asked.stdout == ("request 1: pending -> needs-info; mail to ana@knoxnews.example sent\n")
    question = mailed.received[-1]
    assert question.recipients == ["ana@knoxnews.example"]
    assert question.message["From"] == "Jay Farlow <jay.farlow@example.org>"
    assert question.message["Reply-To"] == "Jay Farlow <jay.farlow@example.org>"
    assert question.message["Message-ID"] and question.message["Date"]
    assert "Please send a letter of assignment." in question.message.get_content()

    assert cli("credential", "reopen", "1").stdout == "request 1: needs-info -> pending\n"
    approved = cli("credential", "approve", "1", "--by", "farlow")
    assert approved.stdout == "request 1: pending -> approved; mail to ana@knoxnews.example sent\n"
    letter = mailed.received[-1].message
    assert letter["Subject"] == ("Your press credential for the 2019 National School Safety "
                                 "Conference is approved")
    text = letter.get_content()
    assert "June 23-28, 2019" in text and "photo ID" in text and "LeConte Center lobby" in text
    assert "Credential:  full-access, all days" in text

    listed = json.loads(cli("credential", "list", "--format", "json").stdout)
    assert [(r["id"], r["status"], r["duplicate_of"]) for r in listed] == [
        (1, "approved", None), (2, "cancelled", 1)]
    keys = {"id", "event", "name", "outlet", "email", "role", "type", "status", "routed_to",
            "submitted_at", "decided_at", "decided_by", "late", "duplicate_of"}
    assert keys <= set(listed[0])
    assert (listed[0]["routed_to"], listed[0]["decided_by"], listed[0]["late"]) == ("farlow", "farlow", False)

    history = json.loads(cli("credential", "history", "1", "--format", "json").stdout)
    assert [(h["from"], h["to"], h["by"], h["note"]) for h in history] == [
        (None, "pending", None, None),
        ("pending", "needs-info", "farlow", "Please send a letter of assignment."),
        ("needs-info", "pending", "farlow", None),
        ("pending", "approved", "farlow", None)]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", h["at"]) for h in history)

    shown = json.loads(cli("event", "show", "nssc-2019", "--format", "json").stdout)
    assert (shown["requests"]["approved"], shown["requests"]["cancelled"], shown["remaining"]) == (1, 1, 39)

    revoked = cli("credential", "revoke", "1", "--note", "The outlet asked us to withdraw it.")
    assert revoked.exit_code == 0
    assert "withdrawn" in mailed.received[-1].message["Subject"]
    again = cli("credential", "approve", "1", "2", "9")
    assert again.exit_code == 2
    assert again.stdout == ""
    assert again.stderr == ("error: request 1 is revoked; allowed: reopen\n"
                            "error: request 2 is cancelled; allowed: reopen\n"
                            "error: no request 9\n")


def test_several_ids_report_each_and_exit_2_if_any_failed(cred_cli):
    a = request(cred_cli, "Ana Reyes", "ana@knoxnews.example")
    b = request(cred_cli, "Marcus Hill", "mhill@wbir.example")
    cred_cli("credential", "deny", str(b))
    result = cred_cli("credential", "waitlist", str(a), str(b))
    assert result.exit_code == 2
    assert result.stdout.startswith(f"request {a}: pending -> waitlisted; mail to ana@knoxnews.example written to ")
    assert result.stderr == f"error: request {b} is denied; allowed: reopen\n"


def test_capacity_and_per_outlet_limits(cred_cli, example_workspace):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text().replace("capacity: 40", "capacity: 3")
                      .replace("per_outlet_limit: 3", "per_outlet_limit: 2"))
    ids = [request(cred_cli, f"Reporter {n}", f"r{n}@wbir.example", "WBIR-TV") for n in range(3)]
    other = [request(cred_cli, f"Writer {n}", f"w{n}@ap.example", "Associated Press") for n in range(2)]
    result = cred_cli("credential", "approve", *map(str, ids))
    assert result.exit_code == 2
    assert result.stderr == (f"error: request {ids[2]}: WBIR-TV already has 2 of 2 credentials "
                             "allowed per outlet for nssc-2019; waitlist the request or use "
                             "--over-capacity with a --note\n")
    assert cred_cli("credential", "approve", str(other[0])).exit_code == 0
    full = cred_cli("credential", "approve", str(other[1]))
    assert (full.exit_code, full.stderr) == (2, (
        f"error: request {other[1]}: event nssc-2019 is at capacity (3 of 3 credentials approved); "
        "waitlist the request or use --over-capacity with a --note\n"))
    no_note = cred_cli("credential", "approve", str(other[1]), "--over-capacity")
    assert (no_note.exit_code, no_note.stderr) == (
        2, "error: --over-capacity needs a --note saying why the limit is exceeded\n")
    over = cred_cli("credential", "approve", str(other[1]), "--over-capacity", "--note", "AP pool photographer")
    assert over.stdout.startswith(f"request {other[1]}: pending -> approved (over capacity); ")
    history = json.loads(cred_cli("credential", "history", str(other[1]), "-f", "json").stdout)
    assert history[-1]["over_capacity"] is True and history[-1]["note"] == "AP pool photographer"
    shown = json.loads(cred_cli("event", "show", "nssc-2019", "-f", "json").stdout)
    assert (shown["requests"]["approved"], shown["remaining"]) == (4, 0)


def test_late_requests_are_flagged_and_ended_events_refused(cred_cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-06-20")
    late = cred_cli(*ANA)
    assert late.stdout.startswith("request 1 for nssc-2019: routed to Jay Farlow (farlow); late "
                                  "(after the deadline); mail to ")
    assert json.loads(cred_cli("credential", "list", "--late", "-f", "json").stdout)[0]["late"] is True
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-06-29")
    ended = cred_cli(*ANA)
    assert (ended.exit_code, ended.stderr) == (
        2, "error: nssc-2019 ended on June 28, 2019; it takes no more requests\n")
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-06-28")  # the last day still takes requests
    assert cred_cli("credential", "list", "--late", "-f", "json").exit_code == 0
    assert len(json.loads(cred_cli("credential", "list", "--late", "-f", "json").stdout)) == 1


@pytest.mark.parametrize("option, value, message", [
    ("--email", "x@example.org\r\nBcc: victim@example.org",
     "error: --email: email address contains a line break (\\r): 'x@example.org\\r\\nBcc: victim@example.org'\n"),
    ("--email", "x@example.org\nBcc: victim@example.org",
     "error: --email: email address contains a line break (\\n): 'x@example.org\\nBcc: victim@example.org'\n"),
    ("--name", "Eve\nBcc: victim@example.org", "error: --name: name contains a line break (\\n): 'Eve\\nBcc: victim@example.org'\n"),
    ("--name", "Eve\u2028Bcc: victim@example.org", "error: --name: name contains a line break (\\u2028): 'Eve\\u2028Bcc: victim@example.org'\n"),
    ("--name", "Eve <victim@example.org>", "error: --name: name may not contain < > @: 'Eve <victim@example.org>'\n"),
    ("--outlet", "WBIR\r\nBcc: victim@example.org", "error: --outlet: outlet contains a line break (\\r): 'WBIR\\r\\nBcc: victim@example.org'\n"),
    ("--email", "bob@", "error: --email: 'bob@' is not a valid email address\n"),
    ("--email", "victim@example.org, x@example.org", "error: --email: 'victim@example.org, x@example.org' is not a valid email address\n"),
])
def test_header_injection_is_refused(cred_cli, mailed, option, value, message):
    values = {"--name": "Eve Adams", "--email": "eve@example.org", "--outlet": "WBIR-TV", option: value}
    args = [part for key, val in values.items() for part in (key, val)]
    result = cred_cli("credential", "request", "--event", "nssc-2019", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert mailed.received == []
    assert json.loads(cred_cli("credential", "list", "-f", "json").stdout) == []


def test_a_name_with_a_comma_is_one_recipient(cred_cli, mailed):
    assert request(cred_cli, "Smith, Jr., Alex", "alex@example.org") == 1
    cred_cli("credential", "approve", "1")
    to_journalist = [got for got in mailed.received if "alex@example.org" in got.recipients]
    assert to_journalist and all(got.recipients == ["alex@example.org"] for got in to_journalist)
    assert '"Smith, Jr., Alex" <alex@example.org>' in to_journalist[-1].message["To"]


def test_no_smtp_recipient_is_ever_smuggled(cred_cli, mailed):
    request(cred_cli, "Eve Adams", "eve@example.org")
    cred_cli("credential", "approve", "1", "--note", "Welcome\r\nBcc: victim@example.org")
    recipients = [r for got in mailed.received for r in got.recipients]
    assert recipients == ["jay.farlow@example.org", "eve@example.org"]
    assert all("victim" not in str(got.message.get("Bcc", "")) for got in mailed.received)


def test_a_failing_smtp_server_does_not_fail_the_decision(cred_cli, example_workspace):
    from tests.fixtures_mail import SmtpServer, free_port

    port = free_port()
    use_smtp(example_workspace, port)
    result = cred_cli(*ANA)
    assert result.exit_code == 0
    assert result.stdout.startswith("request 1 for nssc-2019: routed to Jay Farlow (farlow); "
                                    "mail to jay.farlow@example.org pending in ")
    assert result.stderr.startswith(f"warning: mail to jay.farlow@example.org was not sent "
                                    f"(cannot connect to 127.0.0.1:{port}")
    approved = cred_cli("credential", "approve", "1")
    assert approved.exit_code == 0 and "pending in" in approved.stdout
    assert json.loads(cred_cli("credential", "list", "-f", "json").stdout)[0]["status"] == "approved"
    assert len(json.loads(cred_cli("mail", "list", "-f", "json").stdout)) == 2
    server = SmtpServer(port).start()
    try:
        sent = cred_cli("mail", "send")
    finally:
        server.stop()
    assert sent.exit_code == 0
    assert sorted(r.recipients[0] for r in server.received) == ["ana@knoxnews.example",
                                                                "jay.farlow@example.org"]
    assert cred_cli("mail", "list", "-f", "json").stdout == "[]\n"


def test_import_a_request_form_export(cred_cli):
    shutil.copy(DATA / "requests.csv", "requests.csv")
    result = cred_cli("credential", "import", "requests.csv", "--event", "nssc-2019")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("request 1 for nssc-2019: routed to Jay Farlow (farlow); mail to ")
    assert lines[2] == ("request 3 for nssc-2019: duplicate of request 1 (same email); "
                        "closed as cancelled, not routed")
    assert lines[-1] == "4 imported (1 duplicate, 0 late), 2 rejected; ignored columns: Timestamp"
    assert result.stderr == ("error: requests.csv: row 4: 'bob@' is not a valid email address\n"
                             "error: requests.csv: row 6: name contains a line break (\\n): 'Eve\\nMallory'\n")
    rows = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    assert [(r["name"], r["role"], r["type"], r["days"], r["source"]) for r in rows] == [
        ("Ana Reyes", "reporter", "full-access", [], "requests.csv: row 2"),
        ("Marcus Hill", "videographer", "day-pass", ["2019-06-24"], "requests.csv: row 3"),
        ("Ana Reyes", "reporter", "full-access", [], "requests.csv: row 5"),
        ("Dana Cho", "photographer", "full-access", ["2019-06-24", "2019-06-25"], "requests.csv: row 8"),
    ]


def test_roster_is_safe_in_every_format(cred_cli):
    people = [("Plus One", "+1 Radio"), ("Ann Lee", '=HYPERLINK("http://evil","x")'),
              ("Sam Poe", "@SUM(A1:A9)"), ("Kim Wu", "News | Views <b>Weekly</b>"),
              ("=1+2 Cruz", "Daily Bugle")]
    ids = [request(cred_cli, name, f"p{n}@example.org", outlet) for n, (name, outlet) in enumerate(people)]
    assert cred_cli("credential", "approve", *map(str, ids)).exit_code == 0
    out = cred_cli("credential", "roster", "nssc-2019", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "outlet", "role", "type", "days", "id"]  # the JSON keys
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells and "'+1 Radio" in cells
    assert "'@SUM(A1:A9)" in cells and "'=1+2 Cruz" in cells
    markdown = cred_cli("credential", "roster", "nssc-2019", "--format", "markdown").stdout
    assert "| Kim Wu | News \\| Views \\<b\\>Weekly\\</b\\> |" in markdown
    assert markdown.splitlines()[-1] == "5 credentials"
    html = cred_cli("credential", "roster", "nssc-2019", "--format", "html").stdout
    assert "<td>News | Views &lt;b&gt;Weekly&lt;/b&gt;</td>" in html and "<b>Weekly" not in html


def test_roster_text_neutralises_formula_names():
    from pressroom.credentials.reports import roster_text

    names = ['=HYPERLINK("http://evil","x")', "+1", "@SUM(A1:A2)", "-2"]
    rows = [{"id": n, "name": name, "outlet": "X", "role": "reporter", "type": "full-access",
             "days": []} for n, name in enumerate(names, 1)]
    parsed = list(csv.reader(io.StringIO(roster_text(rows, "csv"))))
    assert [row[0] for row in parsed[1:]] == ["'" + name for name in names]


def test_purge_removes_personal_data_of_closed_requests(cred_cli, example_workspace):
    evidence = Path("clip.pdf")
    evidence.write_bytes(b"%PDF-1.4 clip")
    kept = request(cred_cli, "Ana Reyes", "ana@knoxnews.example")
    denied = request(cred_cli, "Marcus Hill", "mhill@wbir.example", "WBIR-TV", "--evidence", "clip.pdf",
                     "--evidence", "https://wbir.example/clip")
    stored = json.loads(cred_cli("credential", "list", "-f", "json").stdout)[1]["evidence"]
    assert stored[0] == "https://wbir.example/clip"
    assert re.fullmatch(rf"evidence/{denied}-\w+/1-clip\.pdf", stored[1])  # a folder of its own
    assert (example_workspace / stored[1]).read_bytes() == b"%PDF-1.4 clip"
    cred_cli("credential", "approve", str(kept))
    cred_cli("credential", "deny", str(denied), "--note", "Call Marcus at 865-555-0199")
    refused = cred_cli("credential", "purge", "--event", "nssc-2019")
    assert refused.exit_code == 2 and "pass --yes to confirm" in refused.stderr
    done = cred_cli("credential", "purge", "--event", "nssc-2019", "--yes")
    assert done.stdout == f"purged the personal data of 1 requests for nssc-2019: {denied}\n"
    rows = {r["id"]: r for r in json.loads(cred_cli("credential", "list", "-f", "json").stdout)}
    gone = rows[denied]
    assert (gone["name"], gone["email"], gone["phone"], gone["evidence"], gone["purged"]) == (
        None, None, None, [], True)
    assert (gone["outlet"], gone["status"]) == ("WBIR-TV", "denied")
    assert rows[kept]["name"] == "Ana Reyes"
    assert not (example_workspace / stored[1]).parent.exists()
    notes = [h["note"] for h in json.loads(cred_cli("credential", "history", str(denied), "-f", "json").stdout)]
    assert notes == [None, None]
    again = cred_cli("credential", "purge", "--event", "nssc-2019", "--yes")
    assert again.stdout == "nothing to purge for nssc-2019\n"
    reopened = cred_cli("credential", "reopen", str(denied))
    assert reopened.exit_code == 2 and "purged" in reopened.stderr


def test_followup_lists_mentions_of_accredited_outlets(cred_cli):
    for n, outlet in enumerate(("WBIR-TV", "Knoxville News Sentinel", "Associated Press")):
        rid = request(cred_cli, f"Reporter {n}", f"r{n}@example.org", outlet)
        cred_cli("credential", "approve", str(rid))
    assert cred_cli("outlet", "add", "WBIR", "--alias", "WBIR-TV").exit_code == 0
    for url, outlet, day in (("https://wbir.example/sro-conference", "WBIR", "2019-06-25"),
                             ("https://wbir.example/old", "WBIR", "2019-05-01"),
                             ("https://knoxnews.example/sro", "Knoxville News Sentinel", "2019-07-28")):
        added = cred_cli("mention", "add", url, "--outlet", outlet, "--title", f"Story {day}",
                         "--date", day)
        assert added.exit_code == 0, added.stderr
    report = json.loads(cred_cli("credential", "followup", "nssc-2019", "-f", "json").stdout)
    assert (report["from"], report["to"]) == ("2019-06-23", "2019-07-28")
    by_outlet = {o["outlet"]: o for o in report["outlets"]}
    assert [m["title"] for m in by_outlet["Knoxville News Sentinel"]["mentions"]] == ["Story 2019-07-28"]
    assert by_outlet["WBIR-TV"]["matched"] == "WBIR"  # through the alias
    assert [m["title"] for m in by_outlet["WBIR-TV"]["mentions"]] == ["Story 2019-06-25"]
    assert report["silent"] == ["Associated Press"]
    table = cred_cli("credential", "followup", "nssc-2019")
    assert table.exit_code == 0 and "Published nothing: Associated Press" in table.stdout


@pytest.mark.parametrize("encoding, separator", [("utf-16", "\t"), ("utf-8", ";")])
def test_a_request_form_export_in_utf16_or_with_other_separators(cred_cli, encoding, separator):
    """The same export saved as Excel's "Unicode Text" (UTF-16, tabs) or by a comma-decimal
    Excel (semicolons) imports exactly as the UTF-8 comma file does."""
    rows = list(csv.reader(io.StringIO((DATA / "requests.csv").read_text(encoding="utf-8"),
                                       newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\n").writerows(rows)
    Path("requests.csv").write_bytes(out.getvalue().encode(encoding))
    result = cred_cli("credential", "import", "requests.csv", "--event", "nssc-2019")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == ("4 imported (1 duplicate, 0 late), 2 rejected; "
                                              "ignored columns: Timestamp")
    listed = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    assert [(r["name"], r["type"], r["days"]) for r in listed] == [
        ("Ana Reyes", "full-access", []), ("Marcus Hill", "day-pass", ["2019-06-24"]),
        ("Ana Reyes", "full-access", []),
        ("Dana Cho", "full-access", ["2019-06-24", "2019-06-25"])]


def test_a_request_form_export_in_cut_short_utf16_is_refused_whole(cred_cli):
    Path("requests.csv").write_bytes((DATA / "requests.csv").read_text(encoding="utf-8")
                                     .encode("utf-16") + b"\x41")
    result = cred_cli("credential", "import", "requests.csv", "--event", "nssc-2019")
    assert result.exit_code == 2
    assert result.stderr == ("error: requests.csv: not UTF-16 text, though the file starts with "
                             "UTF-16's byte-order mark: cut short, or a bad character; export it "
                             "again\n")
    assert json.loads(cred_cli("credential", "list", "-f", "json").stdout) == []
