"""The outbox: every message is first an ``.eml`` file in ``<workspace>/outbox/``.

Layout::

    outbox/20190501T150000Z-3f2a9c1d.eml     waiting (no SMTP settings, or sending failed)
    outbox/20190501T150000Z-3f2a9c1d.error   why the last attempts failed, one line per attempt
    outbox/sent/20190501T150000Z-3f2a9c1d.eml  handed to the SMTP server

A message that fails to send stays where it is with its reason in the sidecar ``.error`` file
(a sidecar, not a header, so the ``.eml`` stays byte-for-byte what will be sent). Sending holds an
exclusive lock on ``outbox/.lock`` for each message so that two ``pressroom`` processes never send
the same file twice.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Iterator

from pressroom.atomic import write_atomic
from pressroom.errors import InputError, OperationalError

SENT = "sent"


@dataclass(frozen=True)
class Delivery:
    """What became of one message: where its file is, whether it was sent, and why not."""

    path: Path
    sent: bool
    error: str | None = None

    @property
    def pending(self) -> bool:
        return not self.sent


@dataclass(frozen=True)
class OutboxItem:
    id: str
    path: Path
    to: str
    subject: str
    date: str
    attempts: int
    error: str | None

    def as_dict(self) -> dict:
        return {"id": self.id, "file": str(self.path), "to": self.to, "subject": self.subject,
                "date": self.date, "status": "failed" if self.error else "waiting",
                "attempts": self.attempts, "error": self.error}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_message_id(now: datetime | None = None) -> str:
    moment = (now or _now()).astimezone(timezone.utc)
    return f"{moment:%Y%m%dT%H%M%S}Z-{secrets.token_hex(4)}"


@contextlib.contextmanager
def _locked(outbox: Path) -> Iterator[None]:
    """An exclusive lock across processes (POSIX ``flock``; elsewhere none is needed for tests)."""
    outbox.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(outbox / ".lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fill_sender(workspace, message: EmailMessage, settings) -> None:  # noqa: ANN001
    if message["From"] is not None:
        return
    from pressroom.mail.compose import to_address

    if settings is not None and settings.sender is not None:
        message["From"] = settings.sender
        return
    config = workspace.config
    contact = config.contact(config.defaults.contact) if config.defaults.contact else None
    if contact is not None:
        message["From"] = to_address((contact.name, contact.email))
    elif config.organization.email:
        message["From"] = to_address((config.organization.short_name, config.organization.email))
    else:
        raise InputError("no sender for the message: set 'from' under 'mail:', a default contact "
                         "or the organization's email in pressroom.yaml")


def deliver(workspace, message: EmailMessage) -> Delivery:  # noqa: ANN001 - a Workspace
    """Write *message* to the outbox atomically; with SMTP settings, send it now.

    A send failure is not an exception: the message stays in the outbox with its reason and the
    returned :class:`Delivery` says so (``pressroom mail send`` retries it).
    """
    from pressroom.mail.settings import mail_settings

    settings = mail_settings(workspace)
    _fill_sender(workspace, message, settings)
    outbox = workspace.outbox_dir
    path = outbox / f"{new_message_id()}.eml"
    write_atomic(path, message.as_bytes(policy=policy.SMTP))
    if settings is None:
        return Delivery(path, sent=False)
    with _locked(outbox):
        return _send_file(path, settings)


def _read(path: Path) -> EmailMessage:
    with open(path, "rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)  # type: ignore[return-value]


def _send_file(path: Path, settings) -> Delivery:  # noqa: ANN001
    from pressroom.mail.smtp import SendFailure, send

    error_path = path.with_suffix(".error")
    try:
        send(_read(path), settings)
    except SendFailure as failure:
        line = f"{_now():%Y-%m-%dT%H:%M:%SZ} {' '.join(failure.reason.split())}\n"
        with open(error_path, "a", encoding="utf-8") as handle:
            handle.write(line)
        return Delivery(path, sent=False, error=failure.reason)
    sent_path = path.parent / SENT / path.name
    sent_path.parent.mkdir(exist_ok=True)
    os.replace(path, sent_path)
    with contextlib.suppress(FileNotFoundError):
        error_path.unlink()
    return Delivery(sent_path, sent=True)


def pending_files(workspace) -> list[Path]:  # noqa: ANN001
    outbox = workspace.outbox_dir
    return sorted(outbox.glob("*.eml")) if outbox.is_dir() else []


def send_outbox(workspace, progress=None) -> list[Delivery]:  # noqa: ANN001
    """Try every waiting message once more, oldest first (``progress(done, total)`` after each)."""
    from pressroom.mail.settings import mail_settings

    settings = mail_settings(workspace)
    if settings is None:
        raise OperationalError(f"no 'mail:' section in {workspace.shown(workspace.config_path)}: "
                               "messages stay in outbox/ (add SMTP settings to send them)")
    results, waiting = [], pending_files(workspace)
    for done, path in enumerate(waiting, 1):
        with _locked(workspace.outbox_dir):
            if path.exists():  # another process may have sent it meanwhile
                results.append(_send_file(path, settings))
        if progress is not None:
            progress(done, len(waiting))
    return results


def list_outbox(workspace) -> list[OutboxItem]:  # noqa: ANN001
    """The messages waiting in the outbox, oldest first."""
    items = []
    for path in pending_files(workspace):
        message = _read(path)
        error_path = path.with_suffix(".error")
        lines = error_path.read_text(encoding="utf-8").splitlines() if error_path.exists() else []
        last = lines[-1].split(" ", 1)[1] if lines and " " in lines[-1] else None
        items.append(OutboxItem(id=path.stem, path=path, to=str(message.get("To", "")),
                                subject=str(message.get("Subject", "")),
                                date=str(message.get("Date", "")), attempts=len(lines), error=last))
    return items
