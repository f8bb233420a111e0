"""Sending releases to media lists, against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.fixtures_mail import SmtpServer, free_port, use_smtp

SLUG = "conference-keynote"
PEOPLE = ["dana.whitcomb@example.com", "m.ellery@example.com", "priya.okafor@example.org",
          "tomas.reyes@example.com", "hmarsh@example.org"]


def _rate_off(workspace: Path) -> None:
    config = workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  rate: off\n", encoding="utf-8")


@pytest.fixture
def media(store, example_workspace):
    """The example workspace with data/journalists.csv on the list 'education desks'."""
    shutil.copytree(REPO / "data", example_workspace / "data")
    result = run_cli("journalist", "import", str(example_workspace / "data" / "journalists.csv"),
                     "--list", "education desks")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "added 5, updated 0, unchanged 0, rejected 0\n"
    return example_workspace


@pytest.fixture
def smtp_media(media, smtp_server):
    use_smtp(media, smtp_server.port)
    _rate_off(media)
    return smtp_server


def _by_recipient(server: SmtpServer) -> dict[str, list]:
    found: dict[str, list] = {}
    for received in server.received:
        assert len(received.recipients) == 1  # one message per recipient, never a blast
        found.setdefault(received.recipients[0], []).append(received)
    return found


def test_each_journalist_gets_one_message_addressed_to_them_alone(smtp_media):
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "sent 5, failed 0, deferred 0, already sent 0\n"
    got = _by_recipient(smtp_media)
    assert sorted(got) == sorted(PEOPLE)
    for address, (received,) in got.items():
        message = received.message
        assert message["To"].addresses[0].addr_spec == address
        assert len(message["To"].addresses) == 1
        assert message["Cc"] is None and message["Bcc"] is None
        assert received.sender == "jay.farlow@example.org"
        assert str(message["Reply-To"]) == "Jay Farlow <jay.farlow@example.org>"
        assert message["Subject"] == "Expert on the roots of violence to open NASRO's 2019 conference"
        assert message["List-Unsubscribe"] == "<mailto:press+unsubscribe@example.org?subject=unsubscribe>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert text.startswith("FOR IMMEDIATE RELEASE\n")
        assert "Understanding where violence comes from" in text
        assert "<h1>Expert on the roots of violence to open NASRO’s 2019 conference</h1>" in html
        assert "press+unsubscribe@example.org" in text and "press+unsubscribe@example.org" in html
    ids = {r.message["Message-ID"] for rs in got.values() for r in rs}
    assert len(ids) == 5


def test_a_second_run_mails_nobody_again(smtp_media):
    assert run_cli("release", "send", SLUG, "--list", "education desks", "--yes").exit_code == 0
    again = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert again.exit_code == 0
    assert again.stdout == "nothing to send: 5 already sent, 0 left out, 0 failed before\n"
    assert len(smtp_media.received) == 5


def test_new_list_members_get_only_their_copy_and_message_ids_are_stable(smtp_media, media):
    run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    first_ids = {r.recipients[0]: r.message["Message-ID"] for r in smtp_media.received}
    assert run_cli("journalist", "add", "new.reporter@example.com", "--name", "Nia Reporter",
                   "--outlet", "Hoover Ledger", "--list", "education desks").exit_code == 0
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.stdout == "sent 1, failed 0, deferred 0, already sent 5\n"
    assert smtp_media.received[-1].recipients == ["new.reporter@example.com"]
    # The same (release, recipient) always has the same Message-ID.
    from pressroom.distribution.message import ReleaseMail
    from pressroom.releases import load_release
    from pressroom.workspace import Workspace

    ws = Workspace(media)
    mail = ReleaseMail(ws, load_release(SLUG, ws), "x@example.org", embargoed=False)
    sends = json.loads(run_cli("release", "sends", SLUG, "-f", "json").stdout)
    for row in sends:
        if row["email"] in first_ids:
            assert row["message_id"] == first_ids[row["email"]]
    assert all(row["message_id"].startswith("<release.") for row in sends)
    assert mail.message_id("journalist 1") == mail.message_id("journalist 1")


def test_opted_out_forgotten_and_bounced_are_left_out(smtp_media):
    run_cli("journalist", "optout", "m.ellery@example.com")
    run_cli("journalist", "forget", "hmarsh@example.org")
    dry = run_cli("release", "send", SLUG, "--list", "education desks", "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout.splitlines()[0] == "conference-keynote: 3 recipients"
    assert dry.stdout.splitlines()[-1] == "  left out: 1 opted out"  # forgotten: off every list
    assert smtp_media.received == []
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert "sent 3," in result.stdout
    assert sorted(_by_recipient(smtp_media)) == sorted(set(PEOPLE) - {"m.ellery@example.com",
                                                                      "hmarsh@example.org"})


def test_permanent_refusal_is_failed_with_the_servers_reason_and_not_retried(smtp_media):
    smtp_media.refusing = True
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 1
    assert "warning: dana.whitcomb@example.com: 550 5.1.1 mailbox unavailable" in result.stderr
    rows = json.loads(run_cli("release", "sends", SLUG, "-f", "json").stdout)
    assert {r["status"] for r in rows} == {"failed"}
    assert rows[0]["error"] == "550 5.1.1 mailbox unavailable"
    smtp_media.refusing = False
    again = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert again.stdout.startswith("nothing to send: 0 already sent, 0 left out, 5 failed before")


class GreylistingServer(SmtpServer):
    """Answers 451 to each recipient the first *times* times it is offered."""

    times: int = 2
    seen: dict = None  # type: ignore[assignment]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.seen = self.seen or {}
        self.seen[address] = self.seen.get(address, 0) + 1
        if self.seen[address] <= self.times:
            return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_temporary_refusals_are_retried_with_backoff(media, store):
    from pressroom.distribution.send import SendOptions, run_send
    from pressroom.workspace import Workspace

    server = GreylistingServer(free_port()).start()
    try:
        use_smtp(media, server.port)
        _rate_off(media)
        ws = Workspace(media)
        result = run_send(store, ws, SendOptions(SLUG, ["education desks"]), retries=3,
                          backoff=0.01)
        assert result.sent == 5 and not result.deferred
        assert all(count == 3 for count in server.seen.values())
        server.times = 10  # more than the retries: deferred, and a later run tries again
        run_cli("journalist", "add", "late@example.com", "--name", "Lee Late", "--list",
                "education desks")
        result = run_send(store, ws, SendOptions(SLUG, ["education desks"]), retries=1,
                          backoff=0.01)
        assert result.deferred == [("late@example.com", "451 4.7.1 greylisted, try again later")]
        rows = {r["email"]: r for r in json.loads(run_cli("release", "sends", SLUG, "-f", "json").stdout)}
        assert rows["late@example.com"]["status"] == "deferred"
        server.times = 0
        result = run_send(store, ws, SendOptions(SLUG, ["education desks"]), retries=0, backoff=0)
        assert result.sent == 1
    finally:
        server.stop()


def test_one_connection_is_reused(smtp_media, media, store):
    from pressroom.distribution.send import SendOptions, run_send
    from pressroom.workspace import Workspace

    connections = []
    import smtplib

    real = smtplib.SMTP.connect

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        connections.append(args)
        return real(self, *args, **kwargs)

    smtplib.SMTP.connect = counting
    try:
        run_send(store, Workspace(media), SendOptions(SLUG, ["education desks"]))
    finally:
        smtplib.SMTP.connect = real
    assert len(smtp_media.received) == 5
    assert len(connections) == 1


def test_rate_limit_spaces_messages():
    from pressroom.distribution.session import RateLimit

    clock = [0.0]
    slept = []
    limit = RateLimit(2.0, clock=lambda: clock[0], sleep=lambda s: (slept.append(s),
                                                                     clock.__setitem__(0, clock[0] + s)))
    for _ in range(5):
        limit.wait()
    assert slept == [0.5, 0.5, 0.5, 0.5]


@pytest.mark.parametrize("value, expected", [("60/min", 1.0), ("2/s", 2.0), ("360/hour", 0.1),
                                             ("off", None), (False, None)])
def test_rate_setting(value, expected):
    from pressroom.distribution.settings import parse_rate

    assert parse_rate(value, None) == expected


def test_bad_rate_is_a_located_error(smtp_media, media):
    config = media / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("rate: off", "rate: fast"),
                      encoding="utf-8")
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert re.match(r"error: \S*pressroom\.yaml:\d+:\d+: 'rate' must be like 60/min", result.stderr)


# ---- refusals -----------------------------------------------------------------------------------

def test_unknown_list_is_refused_with_a_suggestion(smtp_media):
    result = run_cli("release", "send", SLUG, "--list", "educaton desks", "--yes")
    assert result.exit_code == 2
    assert result.stderr == ("error: list 'educaton desks': no such list (did you mean "
                             "'education desks'?)\n")


def test_empty_list_is_refused(smtp_media, media):
    run_cli("journalist", "edit", "tomas.reyes@example.com", "--list", "wire desks")
    run_cli("journalist", "edit", "tomas.reyes@example.com", "--leave", "wire desks")
    result = run_cli("release", "send", SLUG, "--list", "wire desks", "--yes")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: list 'wire desks' is empty")
    assert smtp_media.received == []


def test_no_smtp_and_no_outbox_is_refused(media):
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert re.match(r"error: no 'mail:' section in \S*pressroom.yaml: set up SMTP to send, or give --outbox", result.stderr)
    written = run_cli("release", "send", SLUG, "--list", "education desks", "--yes", "--outbox")
    assert written.exit_code == 0, written.stderr
    assert written.stdout.startswith("written to the outbox 5,")
    assert len(list((media / "outbox").glob("release-*.eml"))) == 5


def test_only_published_releases_are_sent(smtp_media, media):
    path = media / "releases" / "2019-04-15-conference-keynote.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: draft"),
                    encoding="utf-8")
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert "is draft: only published releases are sent" in result.stderr


def test_missing_unsubscribe_address_is_refused(smtp_media, media):
    config = media / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  unsubscribe: press+unsubscribe@example.org\n", ""), encoding="utf-8")
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert "set 'unsubscribe:' under 'distribution:'" in result.stderr


@pytest.mark.parametrize("value", ["not an address", "a@b.c\\r\\nBcc: x@example.org",
                                   "=?utf-8?q?a?=@example.org"])
def test_bad_unsubscribe_address_is_a_located_error(smtp_media, media, value):
    config = media / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "press+unsubscribe@example.org", f'"{value}"'), encoding="utf-8")
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert re.match(r"error: \S*pressroom\.yaml:\d+:\d+: ", result.stderr), result.stderr


# ---- embargo ------------------------------------------------------------------------------------

EMBARGOED = """headline: NASRO to release national survey of school resource officers
date: 2024-09-04
dateline: {city: Hoover, state: AL}
status: published
release:
  embargo: {date: 2024-09-05}
body: |
  The survey covers every state.
"""


def test_embargoed_release_needs_the_flag_and_trusted_lists(smtp_media, media, monkeypatch):
    (media / "releases" / "2024-09-04-survey.yaml").write_text(EMBARGOED, encoding="utf-8")
    monkeypatch.setenv("PRESSROOM_NOW", "2024-09-04T15:00:00Z")
    run_cli("journalist", "edit", "tomas.reyes@example.com", "--list", "wire desks")
    refused = run_cli("release", "send", "survey", "--list", "wire desks", "--yes")
    assert refused.exit_code == 2
    assert ("is under embargo (EMBARGOED UNTIL 12:01 a.m. EDT, Thursday, Sept. 5, 2024): "
            "send it with --embargoed") in refused.stderr
    untrusted = run_cli("release", "send", "survey", "--list", "education desks", "--embargoed",
                        "--yes")
    assert untrusted.exit_code == 2
    assert "list 'education desks' is not embargo-trusted" in untrusted.stderr
    sent = run_cli("release", "send", "survey", "--list", "wire desks", "--embargoed", "--yes")
    assert sent.exit_code == 0, sent.stderr
    (received,) = smtp_media.received
    assert received.message["Subject"] == ("EMBARGOED UNTIL 12:01 a.m. EDT, Thursday, Sept. 5, "
                                           "2024: NASRO to release national survey of school "
                                           "resource officers")
    text = received.message.get_body(("plain",)).get_content()
    assert text.splitlines()[0] == "EMBARGOED UNTIL 12:01 a.m. EDT, Thursday, Sept. 5, 2024"


# ---- test copies, schedule, listing ---------------------------------------------------------------

def test_test_copy_goes_to_one_address_and_is_not_logged(smtp_media):
    result = run_cli("release", "send", SLUG, "--test", "me@example.org")
    assert result.exit_code == 0, result.stderr
    (received,) = smtp_media.received
    assert received.recipients == ["me@example.org"]
    assert received.message["Subject"].startswith("TEST: Expert on the roots")
    sends = run_cli("release", "sends", SLUG)
    assert "has not been sent" in sends.stdout


def test_at_queues_and_mail_send_sends_what_is_due(smtp_media, monkeypatch):
    monkeypatch.setenv("PRESSROOM_NOW", "2019-05-01T12:00:00Z")
    queued = run_cli("release", "send", SLUG, "--list", "education desks",
                     "--at", "2019-05-02 09:00")
    assert queued.exit_code == 0, queued.stderr
    assert queued.stdout == ("queued send 1 of conference-keynote to 5 recipients for "
                             "2019-05-02T14:00+00:00; 'pressroom mail send' sends it when it is due\n")
    early = run_cli("mail", "send")
    assert early.exit_code == 0 and smtp_media.received == []
    monkeypatch.setenv("PRESSROOM_NOW", "2019-05-02T14:01:00Z")
    due = run_cli("mail", "send")
    assert due.exit_code == 0, due.stderr
    assert due.stdout.startswith("release conference-keynote: sent 5,")
    assert len(smtp_media.received) == 5
    again = run_cli("mail", "send")
    assert "release" not in again.stdout and len(smtp_media.received) == 5


def test_at_in_the_past_is_refused(smtp_media, monkeypatch):
    monkeypatch.setenv("PRESSROOM_NOW", "2019-05-01T12:00:00Z")
    result = run_cli("release", "send", SLUG, "--list", "education desks", "--at", "2019-04-01 09:00")
    assert result.exit_code == 2
    assert "is in the past" in result.stderr


def test_sends_listing_formats(smtp_media):
    run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    rows = json.loads(run_cli("release", "sends", SLUG, "-f", "json").stdout)
    assert sorted(r["email"] for r in rows) == sorted(PEOPLE)
    assert {r["status"] for r in rows} == {"sent"}
    csv_text = run_cli("release", "sends", SLUG, "-f", "csv").stdout
    assert csv_text.splitlines()[0] == "email,name,outlet,status,at,error,list,attempts,message_id"
    table = run_cli("release", "sends", SLUG).stdout
    assert "Hoover Ledger" in table and "sent" in table


def test_terminal_shows_the_plan_and_asks(smtp_media, monkeypatch):
    import pressroom.console

    monkeypatch.setattr(pressroom.console, "is_terminal", lambda err=False: True)
    no = run_cli("release", "send", SLUG, "--list", "education desks", input="n\n")
    assert no.exit_code == 1
    assert no.stdout.startswith("conference-keynote: 5 recipients\n  list education desks: 5\n"
                                "  outlet Hoover Ledger: 2\n")
    assert "Send to 5 journalists? [y/N]" in no.stdout
    assert smtp_media.received == []
    yes = run_cli("release", "send", SLUG, "--list", "education desks", input="y\n")
    assert yes.exit_code == 0, yes.stderr
    assert len(smtp_media.received) == 5


def test_two_sends_at_once_are_refused(smtp_media, media):
    from pressroom.distribution.send import send_lock
    from pressroom.workspace import Workspace

    with send_lock(Workspace(media)):
        result = run_cli("release", "send", SLUG, "--list", "education desks", "--yes")
    assert result.exit_code == 2
    assert result.stderr == "error: another send is running in this workspace; wait for it to finish\n"
    assert smtp_media.received == []
