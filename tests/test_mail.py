"""Mail: safe composition, the outbox, and delivery to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.errors import InputError
from pressroom.mail import compose, deliver, list_outbox, send_outbox
from pressroom.workspace import Workspace
from tests.fixtures_mail import SmtpServer, free_port, use_smtp

VICTIM = "victim@example.org"


@pytest.fixture
def workspace(example_workspace) -> Workspace:
    return Workspace(example_workspace)


def message(to="Ana Reyes <ana@knoxnews.example>", subject="Your credential", **kwargs):
    kwargs.setdefault("sender", "Jay Farlow <jay.farlow@example.org>")
    return compose(to, subject, "Dear Ana,\n\nSee you in Pigeon Forge.\n", **kwargs)


# --- compose ---------------------------------------------------------------------------------

def test_compose_sets_every_header():
    msg = message(reply_to=("Jay Farlow", "jay.farlow@example.org"))
    assert msg["From"] == "Jay Farlow <jay.farlow@example.org>"
    assert msg["To"] == "Ana Reyes <ana@knoxnews.example>"
    assert msg["Reply-To"] == "Jay Farlow <jay.farlow@example.org>"
    assert msg["Subject"] == "Your credential"
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg["Date"]
    assert msg.get_content() == "Dear Ana,\n\nSee you in Pigeon Forge.\n"


@pytest.mark.parametrize("to", [
    "x@example.org\r\nBcc: victim@example.org",
    "x@example.org\nBcc: victim@example.org",
    "x@example.org\rBcc: victim@example.org",
    "x@example.org\u2028Bcc: victim@example.org",
    "x@example.org\u0085Bcc: victim@example.org",
    "Ana\nBcc: victim@example.org <x@example.org>",
    ("Ana\r\nBcc: victim@example.org", "x@example.org"),
    "x@example.org, victim@example.org",
    "Ana <x@example.org>, victim@example.org",
    ("Ana <victim@example.org>", "x@example.org"),
    "bob@",
    "@example.org",
    "bob@example",
    "bob smith@example.org",
    "bob@exa mple.org",
    "bob@@example.org",
])
def test_compose_refuses_header_injection_and_bad_addresses(to):
    with pytest.raises(InputError):
        message(to=to)


def test_a_display_name_with_a_comma_stays_one_quoted_recipient():
    from email.utils import getaddresses

    msg = message(to="Ana, Bcc <x@example.org>")
    assert getaddresses([msg["To"]]) == [("Ana, Bcc", "x@example.org")]
    assert msg["To"] == '"Ana, Bcc" <x@example.org>'


@pytest.mark.parametrize("subject", ["Hello\r\nBcc: victim@example.org", "Hello\nX: y",
                                     "Hello\u2029X: y", "Hello\x00"])
def test_compose_refuses_a_subject_with_a_line_break(subject):
    with pytest.raises(InputError, match="subject contains"):
        message(subject=subject)


def test_the_error_shows_the_line_break_escaped_on_one_line():
    with pytest.raises(InputError) as caught:
        message(to="x@example.org\r\nBcc: victim@example.org", where="--email")
    assert str(caught.value) == ("--email: recipient address contains a line break (\\r): "
                                 "'x@example.org\\r\\nBcc: victim@example.org'")


@given(st.text(max_size=40))
def test_no_text_ever_adds_a_header(text):
    """Whatever a name or subject holds, the message has exactly the headers compose sets."""
    try:
        msg = compose((text, "x@example.org"), text or "s", "body", sender="a@example.org")
    except InputError:
        return
    names = [name.lower() for name in msg.keys()]
    assert names.count("to") == 1 and "bcc" not in names and "cc" not in names
    parsed = __import__("email").message_from_bytes(msg.as_bytes(), policy=__import__("email").policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["x@example.org"]


# --- the outbox without SMTP -----------------------------------------------------------------

def test_without_mail_settings_a_message_waits_in_the_outbox(workspace):
    delivery = deliver(workspace, message())
    assert (delivery.sent, delivery.error) == (False, None)
    assert delivery.path.parent == workspace.outbox_dir and delivery.path.suffix == ".eml"
    data = delivery.path.read_bytes()
    assert b"To: Ana Reyes <ana@knoxnews.example>\r\n" in data
    [item] = list_outbox(workspace)
    assert (item.subject, item.attempts, item.error) == ("Your credential", 0, None)


def test_deliver_fills_the_sender_from_the_default_contact(workspace):
    delivery = deliver(workspace, compose("ana@knoxnews.example", "Hi", "Hello"))
    assert b"From: Jay Farlow <jay.farlow@example.org>" in delivery.path.read_bytes()


def test_mail_send_without_settings_is_an_error(workspace, example_workspace, monkeypatch):
    from tests.conftest import run_cli

    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    result = run_cli("mail", "send")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no 'mail:' section in ")


# --- SMTP --------------------------------------------------------------------------------------

def test_delivery_over_smtp(workspace, example_workspace, smtp_server):
    use_smtp(example_workspace, smtp_server.port)
    delivery = deliver(workspace, message())
    assert (delivery.sent, delivery.error) == (True, None)
    assert delivery.path == workspace.outbox_dir / "sent" / delivery.path.name
    assert list_outbox(workspace) == []
    [got] = smtp_server.received
    assert got.sender == "jay.farlow@example.org"
    assert got.recipients == ["ana@knoxnews.example"]
    assert got.message["Subject"] == "Your credential"
    assert got.message.get_content() == "Dear Ana,\n\nSee you in Pigeon Forge.\n"


def test_mail_from_is_the_envelope_sender(workspace, example_workspace, smtp_server):
    use_smtp(example_workspace, smtp_server.port)
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text() + "  from: NASRO Communications <press@nasro.example>\n")
    deliver(workspace, compose("ana@knoxnews.example", "Hi", "Hello"))
    [got] = smtp_server.received
    assert got.sender == "press@nasro.example"
    assert got.message["From"] == "NASRO Communications <press@nasro.example>"


def test_a_failed_send_keeps_the_message_with_its_reason_and_a_retry_delivers_it(
        workspace, example_workspace):
    port = free_port()  # nothing listens here yet
    use_smtp(example_workspace, port)
    delivery = deliver(workspace, message())
    assert delivery.sent is False
    assert delivery.error.startswith(f"cannot connect to 127.0.0.1:{port}")
    assert delivery.path.exists()
    error_file = delivery.path.with_suffix(".error")
    assert f"cannot connect to 127.0.0.1:{port}" in error_file.read_text()
    [item] = list_outbox(workspace)
    assert item.attempts == 1 and item.error.startswith("cannot connect")

    server = SmtpServer(port).start()
    try:
        [retried] = send_outbox(workspace).results
    finally:
        server.stop()
    assert retried.sent
    assert not delivery.path.exists() and not error_file.exists()
    assert list_outbox(workspace) == []
    assert [r.recipients for r in server.received] == [["ana@knoxnews.example"]]


def test_a_550_keeps_the_message(workspace, example_workspace, smtp_server):
    smtp_server.refusing = True
    use_smtp(example_workspace, smtp_server.port)
    delivery = deliver(workspace, message())
    assert delivery.sent is False
    assert "550" in delivery.error and "refused the recipients" in delivery.error
    assert smtp_server.received == []
    assert delivery.path.exists()


def test_mail_cli_lists_and_retries(example_workspace, monkeypatch):
    from tests.conftest import run_cli

    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    port = free_port()
    use_smtp(example_workspace, port)
    deliver(Workspace(example_workspace), message())
    listed = run_cli("mail", "list", "--format", "json")
    assert listed.exit_code == 0
    [row] = json.loads(listed.stdout)
    assert (row["status"], row["attempts"], row["subject"]) == ("failed", 1, "Your credential")

    failed = run_cli("mail", "send")
    assert failed.exit_code == 1
    assert failed.stdout == "0 sent, 1 still waiting\n"
    assert f"cannot connect to 127.0.0.1:{port}" in failed.stderr

    server = SmtpServer(port).start()
    try:
        sent = run_cli("mail", "send")
    finally:
        server.stop()
    assert (sent.exit_code, sent.stdout.splitlines()[-1]) == (0, "1 sent, 0 still waiting")
    assert run_cli("mail", "list", "--format", "json").stdout == "[]\n"
    assert len(server.received) == 1


@pytest.mark.parametrize("section, message_text", [
    ("mail:\n  port: 25\n", "missing required key 'host'"),
    ("mail:\n  host: x\n  securty: tls\n", "unknown key 'securty' in 'mail' (did you mean 'security'?)"),
    ("mail:\n  host: x\n  security: ssl\n", "unknown mail security 'ssl'"),
    ("mail:\n  host: x\n  port: many\n", "'port' must be a whole number"),
    ("mail:\n  host: x\n  password_env: hunter2!\n", "'password_env' names an environment variable"),
    ("mail:\n  host: x\n  from: \"a@b.org, c@d.org\"\n", "'from' address"),
])
def test_mail_settings_are_validated(example_workspace, section, message_text):
    from pressroom.mail import mail_settings

    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text() + "\n" + section)
    with pytest.raises(InputError) as caught:
        mail_settings(Workspace(example_workspace))
    assert message_text in str(caught.value)
    assert str(caught.value).startswith(str(config) + ":")
