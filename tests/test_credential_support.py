"""Shared test helpers for mail, events and credentials (no tests here).

* ``ensure_groups()`` registers ``event``, ``credential`` and ``mail`` on the CLI if the lead has
  not yet done so in ``pressroom/cli/__init__.py`` (and the store's groups, for mention logging).
* ``SUBPROCESS_MAIN``: ``python -c SUBPROCESS_MAIN args...`` runs the real CLI in its own process.
* ``SmtpServer`` / the ``smtp_server`` fixture: a real SMTP server (aiosmtpd) on 127.0.0.1 that
  keeps every envelope it accepts; ``refusing`` answers 550 to every recipient.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

import pytest

GROUPS = (("event", "event"), ("credential", "credential"), ("mail", "mail"))
TODAY = "2019-05-01"

SUBPROCESS_MAIN = ("import sys; from tests.test_credential_support import ensure_groups; "
                   "ensure_groups(); from pressroom.cli import main; main(sys.argv[1:])")


def ensure_groups() -> None:
    from importlib import import_module

    from pressroom.cli import app
    from tests.fixtures_store import ensure_cli_groups

    ensure_cli_groups(app)
    present = {group.name for group in app.registered_groups}
    for module, name in GROUPS:
        if name not in present:
            group = import_module(f"pressroom.cli.{module}").app
            group.rich_markup_mode = None
            app.add_typer(group, name=name)


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
    """run_cli with the credential groups registered, today fixed at 2019-05-01."""
    from tests.conftest import run_cli

    monkeypatch.setenv("PRESSROOM_TODAY", TODAY)
    ensure_groups()
    return run_cli
