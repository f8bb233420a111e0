"""The outbox: every message is first an ``.eml`` file in ``<workspace>/outbox/``.

Layout::

    outbox/20190501T150000Z-3f2a9c1d.eml     waiting (no SMTP settings, or sending failed)
    outbox/20190501T150000Z-3f2a9c1d.error   why the last attempts failed, one line per attempt
    outbox/sent/20190501T150000Z-3f2a9c1d.eml  handed to the SMTP server

A message that fails to send stays where it is with its reason in the sidecar ``.error`` file
(a sidecar, not a header, so the ``.eml`` stays byte-for-byte what will be sent). Sending holds an
exclusive lock on ``outbox/.lock`` for each message so that two ``pressroom`` processes never send
the same file twice. File names and ``Date:`` headers follow :mod:`pressroom.clock`
(``PRESSROOM_NOW`` fixes them).

A record and its message are one unit (:class:`OutboxBatch`): the message is written into the
outbox inside the record's transaction, before it commits. When the outbox cannot be written
(a file in place of the folder, a read-only or full file system) the transaction is rolled back and
an :class:`~pressroom.errors.OperationalError` says why; when the commit fails, the written
messages are removed. Sending over SMTP happens only after the commit.
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
from pressroom.errors import InputError, OperationalError, PressroomError

SENT = "sent"


@dataclass(frozen=True)
class Delivery:
    """What became of one message: where its file is, whether it was sent, and why not."""

    path: Path
    sent: bool
    error: str | None = None
    server: bool = False  # the failure was the server's or the connection's, not the message's

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
    from pressroom.clock import now_utc

    return now_utc()


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
    from pressroom.mail.compose import set_addresses, to_address

    if settings is not None and settings.sender is not None:
        set_addresses(message, "From", [settings.sender])
        return
    config = workspace.config
    contact = config.contact(config.defaults.contact) if config.defaults.contact else None
    if contact is not None:
        set_addresses(message, "From", [to_address((contact.name, contact.email))])
    elif config.organization.email:
        set_addresses(message, "From", [to_address((config.organization.short_name,
                                                    config.organization.email))])
    else:
        raise InputError("no sender for the message: set 'from' under 'mail:', a default contact "
                         "or the organization's email in pressroom.yaml")


def deliver(workspace, message: EmailMessage) -> Delivery:  # noqa: ANN001 - a Workspace
    """Write *message* to the outbox atomically; with SMTP settings, send it now.

    A send failure is not an exception: the message stays in the outbox with its reason and the
    returned :class:`Delivery` says so (``pressroom mail send`` retries it). An outbox that cannot
    be written is an :class:`OperationalError`, and nothing is left behind.
    """
    with OutboxBatch(workspace, undone="nothing was sent") as batch:
        batch.add(message)
    return batch.send()[0]


class OutboxBatch:
    """Messages that belong to one database transaction: written before it commits, removed if it
    fails, sent after it. Use it around the transaction::

        with OutboxBatch(workspace, undone="the decision was not recorded") as batch, \
                store.begin() as conn:
            ...
            batch.add(message)
        deliveries = batch.send()
    """

    def __init__(self, workspace, *, undone: str) -> None:  # noqa: ANN001
        from pressroom.mail.settings import mail_settings

        self.workspace = workspace
        self.undone = undone
        self.settings = mail_settings(workspace)
        self.paths: list[Path] = []
        self.cleanup: list[Path] = []  # other files made for the unit (evidence folders...)

    def __enter__(self) -> "OutboxBatch":
        return self

    def __exit__(self, kind, exc, tb) -> None:  # noqa: ANN001
        if kind is not None:
            self.discard()

    def add(self, message: EmailMessage) -> Path:
        """Write *message* into the outbox (not sent yet); an OperationalError if it cannot be."""
        _fill_sender(self.workspace, message, self.settings)
        outbox = self.workspace.outbox_dir
        path = outbox / f"{new_message_id()}.eml"
        try:
            write_atomic(path, message.as_bytes(policy=policy.SMTP))
        except (OSError, PressroomError) as exc:  # write_atomic names the cause as a PressroomError
            shown = self.workspace.shown(outbox) + "/"
            reason = ("it is not a folder" if (outbox.exists() or outbox.is_symlink())
                      and not outbox.is_dir() else getattr(exc, "message", None)
                      or exc.strerror or str(exc))
            raise OperationalError(
                f"cannot save the message ({reason}); {self.undone} ({shown} must be a writable "
                "folder with free space)", where=shown) from None
        self.paths.append(path)
        return path

    def discard(self) -> None:
        import shutil

        for path in self.paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for path in self.cleanup:
            shutil.rmtree(path, ignore_errors=True)
        self.paths, self.cleanup = [], []

    def send(self) -> list[Delivery]:
        """Send the written messages (with SMTP settings); each result says what became of one."""
        if self.settings is None:
            return [Delivery(path, sent=False) for path in self.paths]
        results = []
        for path in self.paths:
            with _locked(self.workspace.outbox_dir):
                results.append(_send_file(path, self.settings))
        return results


def _read(path: Path) -> EmailMessage:
    with open(path, "rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)  # type: ignore[return-value]


def _send_file(path: Path, settings) -> Delivery:  # noqa: ANN001
    from pressroom.mail.smtp import SendFailure, send

    error_path = path.with_suffix(".error")
    data = path.read_bytes()
    try:
        send(BytesParser(policy=policy.default).parsebytes(data), settings, data)  # type: ignore[arg-type]
    except SendFailure as failure:
        line = f"{_now():%Y-%m-%dT%H:%M:%SZ} {' '.join(failure.reason.split())}\n"
        with open(error_path, "a", encoding="utf-8") as handle:
            handle.write(line)
        return Delivery(path, sent=False, error=failure.reason, server=failure.server)
    return Delivery(_move_to_sent(path), sent=True)


def _move_to_sent(path: Path) -> Path:
    sent_path = path.parent / SENT / path.name
    sent_path.parent.mkdir(exist_ok=True)
    os.replace(path, sent_path)
    with contextlib.suppress(FileNotFoundError):
        path.with_suffix(".error").unlink()
    return sent_path


def pending_files(workspace) -> list[Path]:  # noqa: ANN001
    outbox = workspace.outbox_dir
    return sorted(outbox.glob("*.eml")) if outbox.is_dir() else []


@dataclass(frozen=True)
class SendRun:
    """What ``mail send`` did: one result per message tried, and how many were not tried
    because the server or the connection failed (``stopped`` says why)."""

    results: list[Delivery]
    not_tried: int = 0
    stopped: str | None = None

    @property
    def waiting(self) -> int:
        return sum(1 for r in self.results if not r.sent) + self.not_tried


def send_outbox(workspace, progress=None) -> SendRun:  # noqa: ANN001
    """Try every waiting message once more, oldest first; stop at the first failure of the server
    or the connection (refused, timeout, TLS, login): the others would only fail the same way.
    ``progress(done, total)`` is told after each."""
    from pressroom.mail.settings import mail_settings

    settings = mail_settings(workspace)
    if settings is None:
        raise OperationalError(f"no 'mail:' section in {workspace.shown(workspace.config_path)}: "
                               "messages stay in outbox/ (add SMTP settings to send them)")
    results: list[Delivery] = []
    paths = pending_files(workspace)
    for index, path in enumerate(paths):
        with _locked(workspace.outbox_dir):
            if not path.exists():  # another process may have sent it meanwhile
                continue
            result = _send_file(path, settings)
        results.append(result)
        if progress is not None:
            progress(index + 1, len(paths))
        if result.server:
            rest = sum(1 for p in paths[index + 1:] if p.exists())
            return SendRun(results, not_tried=rest, stopped=result.error)
    return SendRun(results)


def mark_sent(workspace, message_ids: list[str]) -> list[Path]:  # noqa: ANN001
    """Record that the waiting messages *message_ids* were sent by hand: they move to
    ``outbox/sent/``. Every id is checked first; an unknown one moves nothing."""
    from pressroom.errors import NotFoundError, did_you_mean

    waiting = {path.stem: path for path in pending_files(workspace)}
    stems = [i[:-4] if i.endswith(".eml") else i for i in message_ids]
    for given, stem in zip(message_ids, stems):
        if stem not in waiting:
            raise NotFoundError(f"no waiting message '{given}' in outbox/"
                                f"{did_you_mean(stem, waiting)}; see 'pressroom mail list'")
    moved = []
    with _locked(workspace.outbox_dir):
        for stem in dict.fromkeys(stems):
            if waiting[stem].exists():  # another process may have sent it meanwhile
                moved.append(_move_to_sent(waiting[stem]))
    return moved


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
