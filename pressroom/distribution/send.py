"""A release send: pick the recipients, then mail each one exactly once against the send log.

Exactly once: before a message is handed to SMTP its row in ``distribution_sends`` says
``sending`` (committed); after the server accepted it, ``sent``. A run skips everyone whose row
says ``sent`` (or ``outbox``, or ``failed``: a 5xx answer is not retried), so a send that was
stopped (``kill -9``) and run again reaches every recipient once, except the one message that was
in flight, which may go twice with the same Message-ID. One send at a time per workspace (a lock
file in ``outbox/``).

Recipients are read in pages of :data:`PAGE` journalists by id: memory stays flat in the size of
the list.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from sqlalchemy import and_, func, insert, or_, select, update

from pressroom.errors import InputError, NotFoundError, OperationalError, WorkflowError
from pressroom.journalists import tables as j
from pressroom.store import schema as t

PAGE = 500
DONE = ("sent", "outbox")


@dataclass
class SendOptions:
    slug: str
    lists: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    embargoed: bool = False
    outbox: bool = False


@dataclass
class Plan:
    """Who a send will reach (and who it leaves out, and why)."""

    release: Any
    options: SendOptions
    list_ids: dict[str, int]
    to_ids: list[int]
    embargoed: bool
    total: int = 0
    by_list: Counter = field(default_factory=Counter)
    by_outlet: Counter = field(default_factory=Counter)
    excluded: Counter = field(default_factory=Counter)   # opted out, bounced, suppressed
    already: int = 0      # sent before
    failed_before: int = 0

    def as_dict(self) -> dict:
        return {"release": self.release.slug, "recipients": self.total,
                "embargoed": self.embargoed,
                "by_list": dict(sorted(self.by_list.items())),
                "by_outlet": dict(sorted(self.by_outlet.items(), key=lambda kv: (-kv[1], kv[0]))),
                "excluded": dict(sorted(self.excluded.items())), "already_sent": self.already,
                "failed_before": self.failed_before}


@dataclass
class SendResult:
    plan: Plan
    sent: int = 0
    outbox: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    deferred: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"sent {self.sent}"]
        if self.outbox:
            parts = [f"written to the outbox {self.outbox}"]
        parts += [f"failed {len(self.failed)}", f"deferred {len(self.deferred)}",
                  f"already sent {self.plan.already}"]
        excluded = sum(self.plan.excluded.values())
        if excluded:
            parts.append(f"left out {excluded} ("
                         + ", ".join(f"{n} {why}" for why, n in sorted(self.plan.excluded.items()))
                         + ")")
        return ", ".join(parts)


def now():  # noqa: ANN201
    from pressroom.clock import now_utc

    return now_utc()


# ---- planning -----------------------------------------------------------------------------------

def _check_release(workspace, options: SendOptions, settings) -> tuple[Any, bool]:  # noqa: ANN001
    from pressroom.distribution.message import embargo_active
    from pressroom.releases import load_release
    from pressroom.releases.render import release_line

    release = load_release(options.slug, workspace)
    if release.status != "published":
        raise WorkflowError(f"release '{release.slug}' is {release.status}: only published "
                            "releases are sent", where=release.shown)
    embargoed = embargo_active(release, now())
    if embargoed:
        line = release_line(release)
        if not options.embargoed:
            raise WorkflowError(f"release '{release.slug}' is under embargo ({line}): send it "
                                "with --embargoed, to embargo-trusted lists only",
                                where=release.shown)
        if options.to:
            raise WorkflowError("an embargoed release goes to embargo-trusted lists only: "
                                "leave out --to")
        untrusted = [n for n in options.lists if not settings.trusted(n)]
        if untrusted:
            raise WorkflowError(f"list '{untrusted[0]}' is not embargo-trusted (distribution."
                                "embargo_trusted in pressroom.yaml): it cannot get an embargoed "
                                "release")
    return release, embargoed


def prepare(store, workspace, options: SendOptions, *, dry_run: bool = False) -> Plan:  # noqa: ANN001
    """Check the send and count who it will reach; refuses what must not be sent (and, unless
    *dry_run*, a send with nowhere to send it)."""
    from pressroom.distribution.settings import distribution_settings
    from pressroom.journalists import directory as d

    settings = distribution_settings(workspace)
    if not options.lists and not options.to:
        raise InputError("say who gets the release: --list LIST or --to EMAIL")
    if settings.unsubscribe is None:
        raise InputError("set 'unsubscribe:' under 'distribution:' in pressroom.yaml (the address "
                         "List-Unsubscribe names) before sending releases",
                         where=workspace.shown(workspace.config_path))
    release, embargoed = _check_release(workspace, options, settings)
    if not dry_run:  # no SMTP and no --outbox: refused before anyone is asked to confirm
        _transport(workspace, options, rate=None, retries=0, backoff=0)
    with store.connect() as conn:
        list_ids = {}
        for name in options.lists:
            list_id = d.find_list(conn, name)
            members = conn.execute(select(func.count()).select_from(j.journalist_memberships)
                                   .where(j.journalist_memberships.c.list_id == list_id)).scalar_one()
            if not members:
                raise WorkflowError(f"list '{name}' is empty: add journalists with "
                                    f"'pressroom journalist add EMAIL --list \"{name}\"'")
            list_ids[name] = list_id
        to_ids = []
        for address in options.to:
            row = d.get(conn, d.check_email(address))
            to_ids.append(row.id)
    plan = Plan(release, options, list_ids, to_ids, embargoed)
    for recipient, reason in recipients(store, plan):
        if reason is None:
            plan.total += 1
            plan.by_list[recipient.list_name or "--to"] += 1
            plan.by_outlet[recipient.outlet or "(no outlet)"] += 1
        elif reason == "already sent":
            plan.already += 1
        elif reason == "failed before":
            plan.failed_before += 1
        else:
            plan.excluded[reason] += 1
    return plan


def recipients(store, plan: Plan) -> Iterator[tuple[Any, str | None]]:  # noqa: ANN001
    """(Recipient, None) for each journalist to mail, (Recipient, why not) for the others; in
    pages of journalist ids."""
    from pressroom.distribution.message import Recipient

    chosen = list(plan.list_ids.values())
    membership = (select(j.journalist_memberships.c.journalist_id,
                         func.min(j.journalist_lists.c.name).label("list_name"))
                  .join(j.journalist_lists,
                        j.journalist_lists.c.id == j.journalist_memberships.c.list_id)
                  .where(j.journalist_memberships.c.list_id.in_(chosen or [-1]))
                  .group_by(j.journalist_memberships.c.journalist_id).subquery())
    slug = plan.release.slug
    after = 0
    with store.connect() as conn:
        suppressed = set(conn.execute(select(j.journalist_suppressions.c.hash)).scalars())
        from pressroom.journalists.directory import suppression_hasher

        hashed = suppression_hasher(conn) if suppressed else None
        while True:
            query = (select(j.journalists.c.id, j.journalists.c.email, j.journalists.c.name,
                            j.journalists.c.outlet_id, j.journalists.c.opted_out,
                            j.journalists.c.bounced_at, t.outlets.c.name.label("outlet"),
                            membership.c.list_name, j.distribution_sends.c.status)
                     .select_from(j.journalists
                                  .outerjoin(membership,
                                             membership.c.journalist_id == j.journalists.c.id)
                                  .outerjoin(t.outlets, t.outlets.c.id == j.journalists.c.outlet_id)
                                  .outerjoin(j.distribution_sends,
                                             and_(j.distribution_sends.c.journalist_id
                                                  == j.journalists.c.id,
                                                  j.distribution_sends.c.release_slug == slug)))
                     .where(or_(membership.c.journalist_id.is_not(None),
                                j.journalists.c.id.in_(plan.to_ids or [-1])),
                            j.journalists.c.id > after)
                     .order_by(j.journalists.c.id).limit(PAGE))
            rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                recipient = Recipient(row.id, row.email or "", row.name, row.outlet_id,
                                      row.outlet, row.list_name, row.status is not None)
                if row.email is None:
                    reason = "forgotten"
                elif hashed is not None and hashed(row.email) in suppressed:
                    reason = "suppressed"
                elif row.status in DONE:
                    reason = "already sent"
                elif row.status == "failed":
                    reason = "failed before"
                elif row.opted_out:
                    reason = "opted out"
                elif row.bounced_at is not None:
                    reason = "bounced"
                else:
                    reason = None
                yield recipient, reason
            after = rows[-1].id


# ---- sending ------------------------------------------------------------------------------------

@contextlib.contextmanager
def send_lock(workspace) -> Iterator[None]:  # noqa: ANN001
    """One send at a time in a workspace (POSIX flock on ``outbox/.distribution.lock``)."""
    folder = workspace.outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(folder / ".distribution.lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WorkflowError("another send is running in this workspace; wait for it to "
                                "finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class OutboxTransport:
    """``--outbox``: each message becomes ``outbox/release-<...>.eml`` (named after its stable
    Message-ID, so a run repeated after a crash rewrites the same file rather than adding one);
    ``pressroom mail send`` sends them once SMTP is set up."""

    def __init__(self, workspace) -> None:  # noqa: ANN001
        self.folder = workspace.outbox_dir

    def send(self, message: bytes, sender: str, recipient: str) -> None:
        from email.parser import BytesHeaderParser

        from pressroom.atomic import write_atomic

        message_id = BytesHeaderParser().parsebytes(message)["Message-ID"]
        digest = hashlib.sha256(str(message_id).encode("utf-8")).hexdigest()[:20]
        write_atomic(self.folder / f"release-{digest}.eml", message)

    def close(self) -> None:
        pass


def _transport(workspace, options: SendOptions, *, rate, retries: int | None,  # noqa: ANN001
               backoff: float | None):
    from pressroom.distribution.session import BACKOFF, RETRIES, SmtpSession
    from pressroom.mail.settings import mail_settings

    if options.outbox:
        return OutboxTransport(workspace)
    settings = mail_settings(workspace)
    if settings is None:
        raise WorkflowError(f"no 'mail:' section in {workspace.shown(workspace.config_path)}: "
                            "set up SMTP to send, or give --outbox to write the messages to "
                            "outbox/")
    return SmtpSession(settings, rate=rate, retries=RETRIES if retries is None else retries,
                       backoff=BACKOFF if backoff is None else backoff)


def _log(conn, slug: str, recipient, values: dict, *, first: bool = False) -> None:  # noqa: ANN001
    """Write the recipient's row of the send log; *first*: its first write in this run (an
    insert unless an earlier run left a row; the attempt is counted)."""
    table = j.distribution_sends
    if first and not recipient.logged:
        conn.execute(insert(table).values(release_slug=slug, journalist_id=recipient.id,
                                          outlet_id=recipient.outlet_id,
                                          list_name=recipient.list_name, attempts=1, **values))
        return
    if first:
        values = {**values, "attempts": table.c.attempts + 1}
    conn.execute(update(table).where(table.c.release_slug == slug,
                                     table.c.journalist_id == recipient.id).values(**values))


def run_send(store, workspace, options: SendOptions, *,  # noqa: ANN001
             progress: Callable[[int], None] | None = None, retries: int | None = None,
             backoff: float | None = None, plan: Plan | None = None) -> SendResult:
    """Send the release to everyone in the plan not yet sent to. Returns the counts.

    Each message costs one transaction: it marks the message before ``sending`` and, in the
    same commit, the one before it ``sent``. A crash between the server's acceptance of a
    message and that commit leaves it ``sending``: the next run sends it again (the one message
    in flight). The last acceptance is committed on the way out, whatever ends the run."""
    from pressroom.distribution.message import ReleaseMail
    from pressroom.distribution.session import ConnectionLost, Refused
    from pressroom.distribution.settings import distribution_settings

    settings = distribution_settings(workspace)
    plan = plan or prepare(store, workspace, options)
    result = SendResult(plan)
    transport = _transport(workspace, options, rate=settings.rate, retries=retries,
                           backoff=backoff)
    mail = ReleaseMail(workspace, plan.release, settings.unsubscribe or "",
                       embargoed=plan.embargoed)
    slug = plan.release.slug
    sender = mail.sender.addr_spec
    done_status = "outbox" if options.outbox else "sent"
    accepted: list = []  # the recipient whose message the server took, not yet marked

    def mark_accepted(conn) -> None:  # noqa: ANN001
        for previous, at in accepted:
            _log(conn, slug, previous, {"status": done_status, "at": at})
        accepted.clear()

    with send_lock(workspace):
        try:
            for recipient, reason in recipients(store, plan):
                if reason is not None:
                    continue
                message_id = mail.message_id(f"journalist {recipient.id}")
                try:
                    message = mail.build(recipient)
                except InputError as exc:
                    with store.begin() as conn:
                        mark_accepted(conn)
                        _log(conn, slug, recipient, {"status": "failed", "at": now(),
                                                     "error": exc.message,
                                                     "message_id": message_id}, first=True)
                    result.failed.append((recipient.email, exc.message))
                    continue
                with store.begin() as conn:
                    mark_accepted(conn)
                    _log(conn, slug, recipient, {"status": "sending", "at": now(), "error": None,
                                                 "message_id": message_id}, first=True)
                try:
                    transport.send(message, sender, recipient.email)
                except Refused as refused:
                    status = "failed" if refused.permanent else "deferred"
                    with store.begin() as conn:
                        _log(conn, slug, recipient, {"status": status, "at": now(),
                                                     "error": refused.reason})
                    (result.failed if refused.permanent else result.deferred).append(
                        (recipient.email, refused.reason))
                    continue
                except ConnectionLost as lost:
                    with store.begin() as conn:
                        _log(conn, slug, recipient, {"status": "deferred", "at": now(),
                                                     "error": lost.reason})
                    raise OperationalError(
                        f"{lost.reason}; {result.sent} sent before that: run the same send again "
                        "to continue (nobody is mailed twice)") from None
                accepted.append((recipient, now()))
                if options.outbox:
                    result.outbox += 1
                else:
                    result.sent += 1
                if progress is not None:
                    progress(result.sent + result.outbox)
        finally:
            if accepted:
                with store.begin() as conn:
                    mark_accepted(conn)
            transport.close()
    return result


def send_test(store, workspace, options: SendOptions, address: str) -> str:  # noqa: ANN001
    """One copy of the release, as recipients get it, to *address* (not logged): returns where
    it went."""
    from pressroom.distribution.message import ReleaseMail, Recipient
    from pressroom.distribution.session import ConnectionLost, Refused
    from pressroom.distribution.settings import distribution_settings
    from pressroom.journalists.directory import check_email

    address = check_email(address)
    settings = distribution_settings(workspace)
    if settings.unsubscribe is None:
        raise InputError("set 'unsubscribe:' under 'distribution:' in pressroom.yaml before "
                         "sending releases", where=workspace.shown(workspace.config_path))
    release, embargoed = _check_release(workspace, SendOptions(options.slug, embargoed=True,
                                                               outbox=options.outbox), settings)
    mail = ReleaseMail(workspace, release, settings.unsubscribe, embargoed=embargoed)
    message = mail.build(Recipient(0, address, None), subject_prefix="TEST: ")
    transport = _transport(workspace, options, rate=None, retries=0, backoff=0)
    try:
        transport.send(message, mail.sender.addr_spec, address)
    except (Refused, ConnectionLost) as exc:
        raise OperationalError(f"the test message to {address} was not sent: {exc.reason}") from None
    finally:
        transport.close()
    return "outbox" if options.outbox else "sent"
