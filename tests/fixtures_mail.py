"""Shared test helpers for mail, events and credentials (no tests here).

* ``PRESSROOM``: the command line that runs the real CLI in its own process.
* ``SmtpServer`` / the ``smtp_server`` fixture: a real SMTP server (aiosmtpd) on 127.0.0.1 that
  keeps every envelope it accepts; ``refusing`` answers 550 to every recipient.
"""

from __future__ import annotations

import socket
import sys
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

import pytest

TODAY = "2019-05-01"
PRESSROOM = (sys.executable, "-m", "pressroom")

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self):  # noqa: ANN201
        return message_from_bytes(self.data.replace(b"\r\n", b"\n"), policy=policy.default)


@dataclass
class SmtpServer:
    port: int
    received: list[Received] = field(default_factory=list)
    refusing: bool = False
    controller: object = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.refusing:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          bytes(envelope.original_content or envelope.content)))
        return "250 Message accepted for delivery"

    def start(self) -> "SmtpServer":
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def config(self) -> str:
        return (f"\nmail:\n  host: 127.0.0.1\n  port: {self.port}\n  security: none\n"
                "  timeout: 5\n")


@pytest.fixture
def smtp_server():
    server = SmtpServer(free_port()).start()
    try:
        yield server
    finally:
        server.stop()


def use_smtp(workspace: Path, port: int) -> None:
    """Point the workspace's mail: section at 127.0.0.1:*port* (no TLS)."""
    config = workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8") + SmtpServer(port).config(),
                      encoding="utf-8")


@pytest.fixture
def cred_cli(store, monkeypatch):
    """run_cli with today fixed at 2019-05-01."""
    from tests.conftest import run_cli

    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    return run_cli


# --- hostile input: one assertion for every refused command ---------------------------------

def assert_refused(result, statuses=(1, 2)) -> str:  # noqa: ANN001 - a tests.conftest.Result
    """Exit 1 or 2, exactly one ``error:`` line on stderr, no traceback; returns that line."""
    assert result.exit_code in statuses, (result.exit_code, result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return errors[0]


def database_rows(store) -> dict:  # noqa: ANN001 - a pressroom Store
    """Every row of the tables pressroom writes, to compare before and after a refused command."""
    from sqlalchemy import inspect, text

    with store.connect() as conn:
        names = sorted(n for n in inspect(conn).get_table_names()
                       if n.startswith(("credential_", "outlet", "mention", "quote")))
        return {name: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {name}"))), key=repr)
                for name in names}


def files_under(folder: Path) -> list[str]:
    """Every file and folder below *folder* (relative, sorted); [] when it does not exist."""
    if not folder.exists() or not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
