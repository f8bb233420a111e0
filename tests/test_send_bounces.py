"""`pressroom mail bounces FILE`: delivery status notifications (RFC 3464) mark hard bounces,
and later sends skip them. Hostile DSNs are counted, never a crash."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


def dsn(recipient: str, status: str = "5.1.1", action: str = "failed",
        diagnostic: str = "smtp; 550 5.1.1 <{r}>: Recipient address rejected: User unknown") -> str:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
        "To: jay.farlow@example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"\n'
        "\n"
        "--BOUNDARY\n"
        "Content-Type: text/plain\n\n"
        "This is the mail system at host mx.example.net.\n\n"
        "--BOUNDARY\n"
        "Content-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.net\n"
        "Arrival-Date: Wed, 1 May 2019 15:00:00 +0000\n\n"
        f"Final-Recipient: rfc822; {recipient}\n"
        f"Original-Recipient: rfc822;{recipient}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: {diagnostic.format(r=recipient)}\n\n"
        "--BOUNDARY\n"
        "Content-Type: text/rfc822-headers\n\n"
        "Subject: Expert on the roots of violence\n\n"
        "--BOUNDARY--\n")


def mbox(*messages: str) -> str:
    return "".join(f"From MAILER-DAEMON Wed May  1 15:00:00 2019\n{m}\n" for m in messages)


@pytest.fixture
def people(store):
    for address, name in (("ann@example.com", "Ann Anchor"), ("ben@example.com", "Ben Good"),
                          ("cy@example.com", "Cy Soft")):
        run_cli("journalist", "add", address, "--name", name, "--list", "desk")
    return store


def test_hard_bounces_from_an_mbox_are_marked_and_skipped(people, tmp_path):
    path = tmp_path / "bounces.mbox"
    path.write_text(mbox(dsn("Ann@Example.com"), dsn("cy@example.com", "4.2.2", "delayed",
                                                     "smtp; 452 4.2.2 mailbox full"),
                         dsn("stranger@example.com"),
                         "From: ann@example.com\nSubject: thanks!\n\nA reply, not a bounce.\n"),
                    encoding="utf-8")
    result = run_cli("mail", "bounces", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("read 4 messages: 1 hard bounces marked, 0 already marked, 1 soft "
                             "bounces, 1 not in the directory, 1 not delivery reports\n")
    row = json.loads(run_cli("journalist", "show", "ann@example.com", "-f", "json").stdout)
    assert row["status"] == "bounced"
    assert row["history"][-1]["action"] == "bounced"
    assert row["history"][-1]["detail"].startswith("5.1.1 smtp; 550 5.1.1")
    cy = json.loads(run_cli("journalist", "show", "cy@example.com", "-f", "json").stdout)
    assert cy["status"] == "active"
    again = run_cli("mail", "bounces", str(path))
    assert "0 hard bounces marked, 1 already marked" in again.stdout
    plan = run_cli("release", "send", "conference-keynote", "--list", "desk", "--dry-run", "--outbox")
    assert plan.stdout.splitlines()[0] == "conference-keynote: 2 recipients"
    assert plan.stdout.splitlines()[-1] == "  left out: 1 bounced"


def test_a_folder_of_eml_files(people, tmp_path):
    folder = tmp_path / "dsn"
    folder.mkdir()
    (folder / "1.eml").write_text(dsn("ben@example.com", "5.2.1"), encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    result = run_cli("mail", "bounces", str(folder))
    assert result.stdout.startswith("read 1 messages: 1 hard bounces marked")


@pytest.mark.parametrize("bad", [
    dsn("ann@example.com", status="5.1.1\nBcc: x@example.org"),          # folded into the status
    dsn("ann@example.com\r\nX-Evil: 1", status="garbage"),
    dsn("not an address"),
    dsn("ann@example.com", status="9.9.9"),
    dsn("=?utf-8?q?ann=40example.com?="),
    dsn("ann@example.com").replace("message/delivery-status", "message/delivery-status; x=\"").replace("--BOUNDARY--", ""),
    "Content-Type: multipart/report; boundary=\"B\"\n\n--B\nContent-Type: message/delivery-status\n\n",
    "\x00\x01\x02 binary junk \xff",
    dsn("ann@example.com").replace("rfc822;", "x400;"),
])
def test_hostile_dsns_never_mark_anyone_wrongly_or_crash(people, tmp_path, bad):
    path = tmp_path / "bad.mbox"
    path.write_text(mbox(bad), encoding="utf-8", errors="surrogateescape")
    result = run_cli("mail", "bounces", str(path))
    assert result.exit_code == 0, result.stderr
    row = json.loads(run_cli("journalist", "show", "ann@example.com", "-f", "json").stdout)
    marked = row["status"] == "bounced"
    # Only a well-formed 5.x.x failure for a real address may mark Ann.
    assert not marked or bad.count("Status: 5.1.1\n") == 1


def test_not_an_mbox_and_special_files(people, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello\n", encoding="utf-8")
    result = run_cli("mail", "bounces", str(path))
    assert result.exit_code == 2
    assert "not an mbox file" in result.stderr
    missing = run_cli("mail", "bounces", str(tmp_path / "none"))
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr


def test_huge_message_is_skipped(people, tmp_path, monkeypatch):
    from pressroom.distribution import bounces

    monkeypatch.setattr(bounces, "MAX_MESSAGE", 2000)
    path = tmp_path / "big.mbox"
    path.write_text(mbox(dsn("ann@example.com") + "x" * 5000 + "\n", dsn("ben@example.com")),
                    encoding="utf-8")
    result = run_cli("mail", "bounces", str(path))
    assert result.stdout.startswith("read 2 messages: 1 hard bounces marked")
    assert "skipped: " in result.stderr and "larger than" in result.stderr
