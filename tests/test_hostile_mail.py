"""Hostile input that reaches mail: encoded-word header injection, line breaks, an outbox that
cannot be written, a dead SMTP server. Issue 9 items 1, 4 and 18; issue 10 items 14 and 16.

Header injection is checked where a user would see it: the envelope and the message received by a
real SMTP server on 127.0.0.1, and the ``.eml`` file pressroom kept. A refused command always
exits 1 or 2 with exactly one ``error:`` line, no traceback, the database unchanged and nothing
left in the outbox (:func:`tests.fixtures_mail.assert_refused`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.fixtures_mail import (SmtpServer, assert_refused, database_rows, files_under, free_port,
                                 use_smtp)

TODAY = "2019-05-01"
INJECTED = "Bcc: victim@evil.example"
CONTACT = "jay.farlow@example.org"
JOURNALIST = "ana@knoxnews.example"


def encoded_word(text: str, encoding: str = "q", charset: str = "utf-8") -> str:
    """*text* as one RFC 2047 encoded word (``=?utf-8?q?...?=``)."""
    data = text.encode(charset)
    if encoding.lower() == "b":
        body = base64.b64encode(data).decode("ascii")
    else:
        body = "".join(chr(b) if chr(b).isalnum() else "_" if b == 0x20 else f"={b:02X}"
                       for b in data)
    return f"=?{charset}?{encoding}?{body}?="


BREAKS = {"crlf": "\r\n", "lf": "\n", "cr": "\r", "nel": "\x85", "u2028": "\u2028",
          "u2029": "\u2029", "nul": "\x00", "vt": "\x0b", "fold": "\r\n "}
ENCODED = {f"{enc}-{name}": encoded_word(f"Knox{brk}{INJECTED}", enc)
           for name, brk in BREAKS.items() for enc in ("q", "Q", "b", "B")}
ENCODED.update({
    "latin1-nel": encoded_word(f"Knox\x85{INJECTED}", "q", "iso-8859-1"),
    "latin1-crlf": encoded_word(f"Knox\r\n{INJECTED}", "b", "ISO-8859-1"),
    "upper-charset": encoded_word(f"Knox\r\n{INJECTED}", "Q", "UTF-8"),
    "split-words": encoded_word("Knox\r") + " " + encoded_word(f"\n{INJECTED}"),
    "folded-words": encoded_word("Knox\r") + "  " + encoded_word(f"\n{INJECTED}", "b"),
    "mid-text": f"Knox {encoded_word(chr(13) + chr(10) + INJECTED)} News",
    "non-ascii": f"Ünïon {encoded_word(chr(13) + chr(10) + INJECTED)}",
    "rfc2231-language": f"=?utf-8*en?q?Knox=0D=0A{INJECTED.replace(' ', '_').replace('@', '=40')}?=",
    "two-headers": encoded_word(f"Knox\r\n{INJECTED}\r\nX-Evil: 1"),
    "header-end": encoded_word(f"Knox\r\n\r\n<html>evil</html>"),
})


@pytest.fixture
def mailed(example_workspace, smtp_server, monkeypatch):
    """The example workspace on SQLite, mail going to the real SMTP server, today fixed."""
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    use_smtp(example_workspace, smtp_server.port)
    return smtp_server


def check_headers(raw: bytes) -> dict:
    """Assert that *raw* (a whole message) has no injected header; returns its decoded headers."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("ascii")  # 7-bit headers only
    names = [line.split(":", 1)[0].lower() for line in head.split("\n") if line and not line[0].isspace()]
    assert "bcc" not in names and "x-evil" not in names, head
    assert sorted(names) == sorted(set(names)), head  # no header twice
    message = message_from_bytes(raw, policy=policy.default)
    decoded = {name: str(message[name]) for name in ("From", "To", "Reply-To", "Subject")
               if message[name] is not None}
    for value in decoded.values():
        assert not re.search(r"[\r\n\x85\u2028\u2029\x00]", value), decoded
    return decoded


def sent_files(workspace: Path) -> list[bytes]:
    """The messages kept in outbox/sent/, routing notices (to the contact) first."""
    kept = [p.read_bytes() for p in (workspace / "outbox" / "sent").glob("*.eml")]
    return sorted(kept, key=lambda raw: addresses(raw, "To")[0][1] != CONTACT)


def addresses(raw: bytes, header: str) -> list[tuple[str, str]]:
    message = message_from_bytes(raw, policy=policy.default)
    return [(a.display_name, a.addr_spec) for a in message[header].addresses]


@pytest.mark.parametrize("value", list(ENCODED.values()), ids=list(ENCODED))
def test_an_encoded_outlet_stays_literal_text_in_the_routing_notice(cli, mailed, example_workspace, value):
    result = cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
                 "--email", JOURNALIST, "--outlet", value)
    assert result.exit_code == 0, result.stderr
    [got] = mailed.received
    assert got.recipients == [CONTACT]
    [kept] = sent_files(example_workspace)
    for raw in (got.data, kept):
        headers = check_headers(raw)
        assert " ".join(value.split()) in headers["Subject"]  # what was typed, as text


@pytest.mark.parametrize("value", list(ENCODED.values()), ids=list(ENCODED))
def test_an_encoded_name_stays_literal_text_in_every_message(cli, mailed, example_workspace, value):
    result = cli("credential", "request", "--event", "nssc-2019", "--name", value,
                 "--email", JOURNALIST, "--outlet", "Knox News")
    assert result.exit_code == 0, result.stderr
    assert cli("credential", "approve", "1").exit_code == 0
    notice, decision = mailed.received
    assert (notice.recipients, decision.recipients) == ([CONTACT], [JOURNALIST])
    name = " ".join(value.split())
    notice_file, decision_file = sent_files(example_workspace)
    for raw in (notice.data, notice_file):
        check_headers(raw)
        assert addresses(raw, "Reply-To") == [(name, JOURNALIST)]
    for raw in (decision.data, decision_file):
        check_headers(raw)
        assert addresses(raw, "To") == [(name, JOURNALIST)]


@pytest.mark.parametrize("key", ["q-crlf", "B-lf", "q-nel", "b-u2028", "split-words", "mid-text",
                                 "rfc2231-language", "two-headers"])
def test_encoded_values_from_a_csv_import_stay_literal(cli, mailed, example_workspace, key):
    value = ENCODED[key]
    csv_file = example_workspace / "requests.csv"
    csv_file.write_text('name,email,outlet\n"{0}",{1},"{0}"\n'.format(value, JOURNALIST),
                        encoding="utf-8")
    result = cli("credential", "import", str(csv_file), "--event", "nssc-2019")
    assert result.exit_code == 0, result.stderr
    assert cli("credential", "deny", "1").exit_code == 0
    notice, decision = mailed.received
    assert (notice.recipients, decision.recipients) == ([CONTACT], [JOURNALIST])
    for raw in (notice.data, decision.data, *sent_files(example_workspace)):
        headers = check_headers(raw)
    assert " ".join(value.split()) in check_headers(notice.data)["Subject"]
    assert headers["To"].startswith('"') or "=?" in headers["To"]


@pytest.mark.parametrize("value", [
    encoded_word(f"Board\r\n{INJECTED}") + " <board@example.org>",
    encoded_word(f"Board\n{INJECTED}", "b") + " <board@example.org>",
    '"' + encoded_word(f"Board\r\n{INJECTED}") + '" <board@example.org>',
    encoded_word(f"Board\r\n{INJECTED}", "B", "ISO-8859-1") + " <board@example.org>",
])
def test_an_encoded_digest_recipient_name_stays_literal(cli, mailed, store, value):
    result = cli("digest", "--period", "2019-03", "--mail-to", value)
    assert result.exit_code == 0, result.stderr
    [got] = mailed.received
    assert got.recipients == ["board@example.org"]
    check_headers(got.data)


@pytest.mark.parametrize("organization", [encoded_word(f"NASRO\r\n{INJECTED}"),
                                          encoded_word(f"NASRO\n{INJECTED}", "B")])
def test_an_encoded_organization_name_stays_literal_in_the_digest_subject(
        cli, mailed, store, example_workspace, organization):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "short_name: NASRO", f"short_name: '{organization}'"), encoding="utf-8")
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org")
    assert result.exit_code == 0, result.stderr
    [got] = mailed.received
    assert got.recipients == ["board@example.org"]
    assert organization in check_headers(got.data)["Subject"]


@pytest.mark.parametrize("address", [
    encoded_word(f"x\r\n{INJECTED}") + "@example.org",
    f"=?utf-8?q?a?=@example.org",
])
def test_an_encoded_word_in_an_address_is_refused(cli, mailed, example_workspace, address):
    result = cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
                 "--email", address, "--outlet", "Knox News")
    assert "--email" in assert_refused(result, (2,))
    assert mailed.received == [] and files_under(example_workspace / "outbox") == []


@pytest.mark.parametrize("field", ["--name", "--outlet", "--phone", "--type"])
@pytest.mark.parametrize("brk", list(BREAKS.values()), ids=list(BREAKS))
def test_a_typed_line_break_or_control_character_is_refused(cli, mailed, example_workspace, field, brk):
    values = {"--name": "Ana Reyes", "--outlet": "Knox News", "--phone": "865-555-0100",
              "--type": "day-pass"}
    values[field] = f"{values[field]}{brk}{INJECTED}"
    args = [arg for pair in values.items() for arg in pair]
    result = cli("credential", "request", "--event", "nssc-2019", "--email", JOURNALIST, *args)
    assert field in assert_refused(result, (2,))
    assert mailed.received == [] and files_under(example_workspace / "outbox") == []
    assert not (example_workspace / "pressroom.db").exists() or \
        json.loads(cli("credential", "list", "-f", "json").stdout) == []


# --- item 4: a record and its message are one unit --------------------------------------------

def _immutable(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)],
                                                        capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    if (folder / "probe").exists() or _writable(folder):
        subprocess.run(["chattr", "-i", str(folder)], check=False)
        pytest.skip("the file system ignores the immutable flag")


def _mounted(outbox: Path, options: str) -> None:
    """A tiny tmpfs on outbox/ (root only; skipped where mounting is not allowed)."""
    outbox.mkdir(exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(outbox)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")


def _full(outbox: Path) -> None:
    _mounted(outbox, "size=8k")
    try:
        with open(outbox / "filler", "wb") as handle:
            handle.write(b"x" * 65536)
    except OSError:
        pass  # full: what is wanted


def _symlink_to_file(outbox: Path) -> None:
    (outbox.parent / "notes.txt").write_text("x")
    outbox.symlink_to("notes.txt")


def _writable(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


BREAK_OUTBOX = {
    "a file in its place": lambda outbox: outbox.write_text("not a folder"),
    "a dangling symlink": lambda outbox: outbox.symlink_to(outbox.parent / "gone" / "outbox"),
    "a symlink to /dev/null": lambda outbox: outbox.symlink_to("/dev/null"),
    "a symlink to a file": lambda outbox: _symlink_to_file(outbox),
    "an immutable folder": _immutable,
    "a full file system": _full,
    "a read-only file system": lambda outbox: _mounted(outbox, "ro,size=8k"),
}


@pytest.fixture(params=list(BREAK_OUTBOX))
def broken_outbox(request, example_workspace):
    outbox = example_workspace / "outbox"

    def breaking() -> None:
        if outbox.is_dir() and not outbox.is_symlink():
            shutil.rmtree(outbox)
        BREAK_OUTBOX[request.param](outbox)

    yield breaking
    subprocess.run(["chattr", "-i", str(outbox)], capture_output=True, check=False)
    if os.path.ismount(outbox):
        subprocess.run(["umount", str(outbox)], capture_output=True, check=False)


def _outbox_state(workspace: Path) -> list[str]:
    outbox = workspace / "outbox"
    return files_under(outbox) if outbox.is_dir() and not outbox.is_symlink() else [outbox.is_symlink()]


def test_a_request_whose_notice_cannot_be_saved_is_not_recorded(cred_cli, store, example_workspace,
                                                                broken_outbox):
    broken_outbox()
    before, outbox = database_rows(store), _outbox_state(example_workspace)
    result = cred_cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
                      "--email", JOURNALIST, "--outlet", "Knox News")
    line = assert_refused(result, (1,))
    assert "outbox/: cannot save the message" in line and "the request was not recorded" in line
    assert database_rows(store) == before and _outbox_state(example_workspace) == outbox
    assert files_under(example_workspace / "evidence") == []


@pytest.mark.parametrize("action", ["approve", "deny", "waitlist", "needs-info"])
def test_a_decision_whose_message_cannot_be_saved_is_not_recorded(cred_cli, store, example_workspace,
                                                                  broken_outbox, action):
    assert cred_cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
                    "--email", JOURNALIST, "--outlet", "Knox News").exit_code == 0
    broken_outbox()
    before, outbox = database_rows(store), _outbox_state(example_workspace)
    result = cred_cli("credential", action, "1", "--note", "Bring a letter of assignment.")
    line = assert_refused(result, (1,))
    assert "cannot save the message" in line and "request 1 was not" in line
    assert database_rows(store) == before and _outbox_state(example_workspace) == outbox
    listed = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    assert [r["status"] for r in listed] == ["pending"]


def test_an_import_stops_at_an_unwritable_outbox_and_records_nothing_half(cred_cli, store,
                                                                          example_workspace,
                                                                          broken_outbox):
    csv_file = example_workspace / "requests.csv"
    csv_file.write_text(f"name,email,outlet\nAna Reyes,{JOURNALIST},Knox News\n"
                        "Marcus Hill,mhill@wbir.example,WBIR-TV\n", encoding="utf-8")
    broken_outbox()
    before = database_rows(store)
    result = cred_cli("credential", "import", str(csv_file), "--event", "nssc-2019")
    assert "cannot save the message" in assert_refused(result, (1,))
    assert "2 rows not imported" in result.stdout
    assert database_rows(store) == before


def test_a_digest_whose_mail_cannot_be_saved_says_so(cli, store, example_workspace, broken_outbox,
                                                     monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    broken_outbox()
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org")
    assert "nothing was sent" in assert_refused(result, (1,))


def test_a_unit_whose_database_write_fails_leaves_no_message(store, example_workspace):
    """The database refusing the write (here a unique key, on either database) after the message
    was written: the transaction rolls back and the message is removed from the outbox."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from pressroom.mail import OutboxBatch, compose
    from pressroom.store.schema import outlets
    from pressroom.workspace import Workspace

    workspace = Workspace(example_workspace)
    with store.begin() as conn:
        conn.execute(insert(outlets).values(name="Knox News", name_key="knoxnews"))
    before = database_rows(store)
    with pytest.raises(IntegrityError):
        with OutboxBatch(workspace, undone="nothing was recorded") as batch, store.begin() as conn:
            written = batch.add(compose(JOURNALIST, "Your credential", "Dear Ana,\n"))
            assert written.is_file()
            conn.execute(insert(outlets).values(name="Knox News again", name_key="knoxnews"))
    assert not written.exists() and list((example_workspace / "outbox").glob("*.eml")) == []
    assert database_rows(store) == before


# --- item 18 and issue 10 items 14, 16 ----------------------------------------------------------

def test_digest_mail_to_twice_reaches_both(cli, mailed, store):
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org",
                 "--mail-to", "Chair <chair@example.org>", "--mail-to", "BOARD@example.org")
    assert result.exit_code == 0, result.stderr
    [got] = mailed.received
    assert got.recipients == ["board@example.org", "chair@example.org"]
    assert addresses(got.data, "To") == [("", "board@example.org"), ("Chair", "chair@example.org")]


@pytest.mark.parametrize("args", [("--format", "json"), ("-f", "json", "-o", "digest.json")])
def test_digest_mail_to_with_json_is_refused(cli, mailed, store, args):
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org", *args)
    assert "--format json cannot be mailed" in assert_refused(result, (2,))
    assert mailed.received == []


@pytest.mark.parametrize("second", ["not-an-address", "b@example.org\r\nBcc: x@evil.example"])
def test_digest_mail_to_checks_every_recipient_before_sending(cli, mailed, store, second):
    result = cli("digest", "--period", "2019-03", "--mail-to", "board@example.org",
                 "--mail-to", second)
    assert "--mail-to" in assert_refused(result, (2,))
    assert mailed.received == []


def _queue(cli, workspace: Path, count: int) -> None:
    """*count* routing notices waiting in the outbox (no mail settings yet)."""
    for n in range(count):
        assert cli("credential", "request", "--event", "nssc-2019", "--name", f"Reporter {n}",
                   "--email", f"r{n}@knoxnews.example", "--outlet", "Knox News").exit_code == 0
    assert len(list((workspace / "outbox").glob("*.eml"))) == count


def test_mail_send_stops_at_the_first_connection_failure(cli, example_workspace, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    _queue(cli, example_workspace, 4)
    port = free_port()  # nothing listens here
    use_smtp(example_workspace, port)
    result = cli("mail", "send")
    assert result.exit_code == 1
    assert result.stdout == "0 sent, 4 still waiting\n"
    assert f"cannot connect to 127.0.0.1:{port}" in result.stderr
    assert "3 more not tried" in result.stderr
    assert len(list((example_workspace / "outbox").glob("*.error"))) == 1  # one attempt only
    server = SmtpServer(port).start()
    try:
        again = cli("mail", "send")
    finally:
        server.stop()
    assert (again.exit_code, again.stdout.splitlines()[-1]) == (0, "4 sent, 0 still waiting")
    assert len(server.received) == 4


def test_mail_send_goes_on_after_a_refused_message(cli, example_workspace, monkeypatch, smtp_server):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    _queue(cli, example_workspace, 2)
    smtp_server.refusing = True  # a refusal of one message is not the server failing
    use_smtp(example_workspace, smtp_server.port)
    result = cli("mail", "send")
    assert (result.exit_code, result.stdout) == (1, "0 sent, 2 still waiting\n")
    assert result.stderr.count("550") == 2 and "not tried" not in result.stderr


def test_mail_mark_sent_records_a_message_sent_by_hand(cli, example_workspace, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    _queue(cli, example_workspace, 2)
    first, second = [item["id"] for item in json.loads(cli("mail", "list", "-f", "json").stdout)]
    unknown = cli("mail", "mark-sent", first, "20190501T000000Z-nothere")
    assert "no waiting message '20190501T000000Z-nothere'" in assert_refused(unknown, (2,))
    assert len(json.loads(cli("mail", "list", "-f", "json").stdout)) == 2  # nothing moved
    done = cli("mail", "mark-sent", first)
    assert done.exit_code == 0 and done.stdout.startswith(f"marked sent  {first}")
    assert [item["id"] for item in json.loads(cli("mail", "list", "-f", "json").stdout)] == [second]
    assert (example_workspace / "outbox" / "sent" / f"{first}.eml").is_file()


def test_pressroom_now_fixes_outbox_names_and_date_headers(cli, example_workspace, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    monkeypatch.setenv("PRESSROOM_NOW", "2019-05-01T15:00:00Z")
    _queue(cli, example_workspace, 1)
    [path] = (example_workspace / "outbox").glob("*.eml")
    assert re.fullmatch(r"20190501T150000Z-[0-9a-f]{8}\.eml", path.name)
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Date"] == "Wed, 01 May 2019 15:00:00 +0000"


# --- any text at all: Hypothesis -----------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.sampled_from(["=?", "?=", "utf-8", "UTF-8", "iso-8859-1", "?q?", "?Q?", "?b?", "?B?",
                          "=0D", "=0A", "=0d=0a", "=C2=85", "DQo", "QmNjOiB2", "Bcc:", "_", " ",
                          "  ", "\t", "\r", "\n", "\r\n ", "\x85", "\u2028", "\x00", "Ü", "К",
                          "Knox", ",", '"', "(", ")", ":", ";", "victim=40evil.example"])
ENCODED_WORDS = st.builds(encoded_word,
                          st.text(alphabet="Knox \r\n\x85\u2028\x00Bcc:victim@evil.example<>,Ü",
                                  max_size=30),
                          st.sampled_from("qQbB"), st.sampled_from(["utf-8", "UTF-8"]))
HEADER_TEXT = st.one_of(st.lists(st.one_of(PIECES, ENCODED_WORDS), max_size=10).map("".join),
                        st.text(max_size=40))


@given(subject=HEADER_TEXT, name=HEADER_TEXT)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_subject_or_name_can_add_a_header_or_a_line_break(subject, name):
    from pressroom.errors import InputError
    from pressroom.mail import compose

    try:
        message = compose((name, JOURNALIST), subject, "body", sender=("Jay Farlow", CONTACT),
                          reply_to=(name, JOURNALIST))
    except InputError:
        return
    raw = message.as_bytes(policy=policy.SMTP)
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    decoded = check_headers(raw)
    assert decoded["Subject"] == str(message["Subject"])  # the literal text, nothing decoded
    parsed = message_from_bytes(raw, policy=policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == [JOURNALIST]
    assert [a.addr_spec for a in parsed["Reply-To"].addresses] == [JOURNALIST]
    if "=?" in name:
        assert [a.display_name for a in parsed["To"].addresses] == [message["To"].addresses[0].display_name]
