"""Reading bounces: delivery status notifications (RFC 3464) from an mbox or a folder of ``.eml``.

A DSN is a ``multipart/report`` whose ``message/delivery-status`` part holds one block of fields
per recipient (``Final-Recipient: rfc822; jay@example.org``, ``Action: failed``, ``Status:
5.1.1``, ``Diagnostic-Code: smtp; 550 ...``). A recipient with ``Action: failed`` and a 5.x.x
status is a hard bounce: the journalist with that address is marked bounced (and skipped by every
later send), with the status and the diagnostic in ``distribution_bounces`` and the history.
Soft bounces (4.x.x, delayed) are counted and left alone. Everything else in the file (ordinary
mail, broken DSNs, addresses not in the directory) is counted, never an error.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Iterator

from pressroom.errors import InputError, Location

MAX_MESSAGE = 20 * 1024 * 1024   # bytes in one message
MAX_FILES = 100_000
_STATUS = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})$")


@dataclass
class BounceReport:
    messages: int = 0
    hard: int = 0            # journalists newly marked bounced
    already: int = 0         # hard bounces for journalists already marked
    soft: int = 0
    unknown: int = 0         # hard bounces for addresses not in the directory
    not_dsn: int = 0         # messages without a delivery-status part
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"read {self.messages} messages: {self.hard} hard bounces marked, "
                f"{self.already} already marked, {self.soft} soft bounces, {self.unknown} not in "
                f"the directory, {self.not_dsn} not delivery reports")


@dataclass(frozen=True)
class Bounce:
    address: str
    status: str
    action: str
    diagnostic: str | None
    source: str

    @property
    def hard(self) -> bool:
        return self.action == "failed" and self.status.startswith("5.")


def _messages(path: Path, shown: str) -> Iterator[tuple[str, bytes]]:
    """(where, raw bytes) of each message in an mbox file or a folder of .eml files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file or folder", where=Location(shown)) from None
    if stat.S_ISDIR(info.st_mode):
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml")
        if len(files) > MAX_FILES:
            raise InputError(f"more than {MAX_FILES:,} .eml files", where=Location(shown))
        for file in files:
            try:
                if not file.is_file() or file.stat().st_size > MAX_MESSAGE:
                    yield f"{shown}/{file.name}", b""
                    continue
                yield f"{shown}/{file.name}", file.read_bytes()
            except OSError:
                yield f"{shown}/{file.name}", b""
        return
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file or a folder", where=Location(shown))
    # An mbox: messages start at lines beginning "From " (after a blank line or at the top).
    with open(path, "rb") as handle:
        first = handle.readline()
        if not first.startswith(b"From "):
            raise InputError("not an mbox file (it does not start with a 'From ' line); give an "
                             "mbox or a folder of .eml files", where=Location(shown, 1))
        chunk: list[bytes] = []
        size, number, start, line_no = 0, 1, 1, 1
        blank = False  # whether the line before was blank
        for line in handle:
            line_no += 1
            if line.startswith(b"From ") and blank:
                yield f"{shown}: message {number} (line {start})", (b"".join(chunk)
                                                                     if size <= MAX_MESSAGE else b"")
                chunk, size, number, start = [], 0, number + 1, line_no
                continue
            blank = line in (b"\n", b"\r\n")
            size += len(line)
            if size <= MAX_MESSAGE:
                chunk.append(line[1:] if line.startswith(b">From ") else line)
        yield f"{shown}: message {number} (line {start})", (b"".join(chunk)
                                                             if size <= MAX_MESSAGE else b"")


def _field(block: Message, name: str) -> str:
    value = block.get(name)
    return " ".join(str(value).split())[:500] if value is not None else ""


def dsn_bounces(raw: bytes, where: str) -> list[Bounce] | None:
    """The per-recipient results of one DSN; None when the message is not a delivery report."""
    from pressroom.mail.compose import ADDRESS_PATTERN

    message = BytesParser(policy=policy.compat32).parsebytes(raw)
    reports = [part for part in message.walk()
               if part.get_content_type() == "message/delivery-status"]
    if not reports:
        return None
    found = []
    for report in reports:
        blocks = report.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:]:  # the first block describes the reporting server
            if not isinstance(block, Message):
                continue
            recipient = _field(block, "Final-Recipient") or _field(block, "Original-Recipient")
            kind, _, address = recipient.partition(";")
            address = address.strip().strip("<>").strip()
            if kind.strip().lower() != "rfc822" or not ADDRESS_PATTERN.match(address):
                continue
            status = _field(block, "Status")
            match = _STATUS.match(status.split(" ")[0] if status else "")
            if not match:
                continue
            found.append(Bounce(address, match.group(0), _field(block, "Action").lower(),
                                _field(block, "Diagnostic-Code") or None, where))
    return found


def read_bounces(store, path: Path, shown: str) -> BounceReport:  # noqa: ANN001
    """Mark the hard bounces in *path* (an mbox or a folder of .eml); one transaction."""
    from sqlalchemy import insert, update

    from pressroom.clock import now_utc
    from pressroom.journalists import directory as d
    from pressroom.journalists import tables as j

    report = BounceReport()
    with store.begin() as conn:
        for where, raw in _messages(path, shown):
            report.messages += 1
            if not raw:
                report.problems.append(f"{where}: empty, unreadable or larger than "
                                       f"{MAX_MESSAGE:,} bytes")
                continue
            bounces = dsn_bounces(raw, where)
            if bounces is None:
                report.not_dsn += 1
                continue
            for bounce in bounces:
                if not bounce.hard:
                    report.soft += 1
                    continue
                row = d.find(conn, bounce.address)
                if row is None:
                    report.unknown += 1
                    continue
                conn.execute(insert(j.distribution_bounces).values(
                    journalist_id=row.id, status=bounce.status, diagnostic=bounce.diagnostic,
                    at=now_utc(), source=where[:300]))
                if row.bounced_at is not None:
                    report.already += 1
                    continue
                conn.execute(update(j.journalists).where(j.journalists.c.id == row.id)
                             .values(bounced_at=now_utc(), updated_at=now_utc()))
                d.record(conn, row.id, "bounced", f"{bounce.status} {bounce.diagnostic or ''}".strip())
                report.hard += 1
    return report
