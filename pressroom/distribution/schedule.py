"""Sends queued with ``release send --at``: ``pressroom mail send`` (cron, a systemd timer) runs
those that are due.

A queued send is checked when it is queued (the release is published, the lists exist and are not
empty) and again when it runs; it runs through :func:`pressroom.distribution.send.run_send`, so
the send log keeps it exactly-once even when two timers overlap.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select, update

from pressroom.errors import InputError, PressroomError
from pressroom.journalists import tables as j


def parse_at(text: str, workspace) -> dt.datetime:  # noqa: ANN001
    """``2019-05-02 09:00`` (the workspace's time zone) or with an offset → an aware UTC time."""
    from zoneinfo import ZoneInfo

    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--at: '{text[:40]}' is not a date and time like 2019-05-02 09:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(workspace.config.defaults.timezone))
    return moment.astimezone(dt.timezone.utc)


def queue_send(store, workspace, options, at: str) -> dict:  # noqa: ANN001
    from pressroom.clock import now_utc
    from pressroom.distribution.send import prepare

    from pressroom.distribution.send import _transport

    if options.outbox:
        raise InputError("--at queues a send for 'pressroom mail send', which sends over SMTP: "
                         "leave out --outbox")
    _transport(workspace, options, rate=None, retries=0, backoff=0)  # refuses without SMTP
    due = parse_at(at, workspace)
    if due <= now_utc():
        raise InputError(f"--at: {at} is in the past; leave out --at to send now")
    plan = prepare(store, workspace, options)
    with store.begin() as conn:
        queued = conn.execute(insert(j.distribution_schedule).values(
            release_slug=plan.release.slug, lists=json.dumps(options.lists),
            recipients=json.dumps(options.to), embargoed=options.embargoed, due_at=due,
            status="queued", created_at=now_utc()).returning(j.distribution_schedule.c.id)
        ).scalar_one()
    return {"id": queued, "release": plan.release.slug, "recipients": plan.total,
            "due": due.isoformat(timespec="minutes")}


def run_due(store, workspace) -> list[dict]:  # noqa: ANN001
    """Run every queued send that is due; each gets a result row (sent counts or the error)."""
    from pressroom.clock import now_utc
    from pressroom.distribution.send import SendOptions, run_send

    table = j.distribution_schedule
    with store.connect() as conn:
        due = conn.execute(select(table).where(table.c.status == "queued",
                                               table.c.due_at <= now_utc())
                           .order_by(table.c.due_at, table.c.id)).all()
    results = []
    for row in due:
        options = SendOptions(row.release_slug, json.loads(row.lists or "[]"),
                              json.loads(row.recipients or "[]"), bool(row.embargoed))
        try:
            result = run_send(store, workspace, options)
        except PressroomError as exc:  # the send's own located error, kept for the next run
            results.append({"id": row.id, "release": row.release_slug, "error": str(exc)})
            if exc.exit_status == 2:  # bad input will not fix itself: stop retrying it
                with store.begin() as conn:
                    conn.execute(update(table).where(table.c.id == row.id)
                                 .values(status="failed", error=str(exc), done_at=now_utc()))
            continue
        complete = not result.deferred
        with store.begin() as conn:
            conn.execute(update(table).where(table.c.id == row.id)
                         .values(status="done" if complete else "queued", done_at=now_utc(),
                                 error=None if complete else f"{len(result.deferred)} deferred"))
        results.append({"id": row.id, "release": row.release_slug, "summary": result.summary(),
                        "failed": len(result.failed) + len(result.deferred)})
    return results
