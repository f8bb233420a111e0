"""`digest --mail-to` over real SMTP: the board receives one message, HTML with a plain-text
alternative, from the workspace's mail settings; nothing is left in the outbox."""

from tests.conftest import REPO
from tests.fixtures_mail import use_smtp


def test_digest_mailed_over_smtp(store, example_workspace, smtp_server, cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-04-01")
    use_smtp(example_workspace, smtp_server.port)
    assert cli("mention", "import", str(REPO / "data" / "mentions.csv")).exit_code == 0
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    [got] = smtp_server.received
    assert got.recipients == ["board@example.org"]
    message = got.message
    assert message["To"] == "board@example.org"
    assert "March" in message["Subject"] and "2019" in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "What our people said" in plain and "Mo Canady" in plain
    assert html.lstrip().lower().startswith("<!doctype html>") and "Mo Canady" in html
    outbox = example_workspace / "outbox"
    assert not [p for p in outbox.glob("*.eml")] if outbox.exists() else True


def test_digest_mail_to_a_bad_address_sends_nothing(store, example_workspace, smtp_server, cli):
    use_smtp(example_workspace, smtp_server.port)
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org\r\nBcc: x@evil.example")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "line break" in result.stderr
    assert smtp_server.received == []
