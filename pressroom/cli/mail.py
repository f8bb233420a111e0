"""`pressroom mail send|list|mark-sent`: the outbox of messages written by pressroom."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class OutboxFormat(str, Enum):
    table = "table"
    json = "json"


def delivery_note(workspace, delivery, recipient: str) -> str:  # noqa: ANN001
    """One line for stdout about a delivered message; a failure also warns on stderr."""
    shown = workspace.shown(delivery.path)
    if delivery.sent:
        return f"mail to {recipient} sent"
    if delivery.error is None:
        return f"mail to {recipient} written to {shown}"
    from pressroom.console import stderr

    stderr().write(f"warning: mail to {recipient} was not sent ({delivery.error}); it waits in "
                   f"{shown}: retry with 'pressroom mail send'\n")
    return f"mail to {recipient} pending in {shown}"


@app.command("send")
def send() -> None:
    """Send every message waiting in the outbox (needs a mail: section). Exit 1 if any fail."""
    from pressroom.console import progress
    from pressroom.mail import send_outbox
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    failed_sends = _send_due(workspace)  # releases queued with `release send --at` (issue 12)
    with progress("Sending") as bar:
        run = send_outbox(workspace, progress=bar)
    for result in run.results:
        if result.sent:
            typer.echo(f"sent    {result.path.name}")
        else:
            typer.echo(f"failed  {result.path.name}: {result.error}", err=True)
    if run.stopped is not None:
        typer.echo(f"stopped: the server or the connection failed; {run.not_tried} more not tried",
                   err=True)
    sent = sum(1 for r in run.results if r.sent)
    typer.echo(f"{sent} sent, {run.waiting} still waiting")
    if run.waiting or failed_sends:
        raise typer.Exit(1)


def _send_due(workspace) -> int:  # noqa: ANN001
    """Run the release sends that are due; the number that did not go out completely."""
    from pressroom.distribution.schedule import run_due
    from pressroom.store import open_store

    with open_store(workspace) as store:
        results = run_due(store, workspace)
    for result in results:
        if "error" in result:
            typer.echo(f"failed  release {result['release']} (send {result['id']}): "
                       f"{result['error']}", err=True)
        else:
            typer.echo(f"release {result['release']}: {result['summary']}")
    return sum(1 for r in results if "error" in r or r["failed"])


@app.command("bounces")
def bounces(path: Path = typer.Argument(..., metavar="FILE", help="An mbox file or a folder of .eml delivery status notifications.")) -> None:
    """Mark hard-bounced journalists from delivery status notifications; later sends skip them."""
    from pressroom.distribution.bounces import read_bounces
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    with open_store(workspace) as store:
        report = read_bounces(store, path, workspace.shown(path.absolute()))
    for problem in report.problems:
        typer.echo(f"skipped: {problem}", err=True)
    typer.echo(report.summary())


@app.command("mark-sent")
def mark_sent(message_ids: List[str] = typer.Argument(..., metavar="ID...",
                                                      help="Message ids, as 'mail list' shows them.")) -> None:
    """Record messages sent by hand: they leave the outbox for outbox/sent/."""
    from pressroom.mail import mark_sent as mark
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    for path in mark(workspace, message_ids):
        typer.echo(f"marked sent  {path.stem} (moved to {workspace.shown(path)})")


@app.command("list")
def list_(fmt: OutboxFormat = format_option(OutboxFormat.table, "table or json."),
          limit: Optional[int] = LIMIT, all_rows: bool = ALL,
          output: Optional[Path] = OUTPUT) -> None:
    """The messages waiting in the outbox, oldest first, with why the last attempt failed."""
    from pressroom.mail import list_outbox
    from pressroom.output import Column, render_rows
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    rows = [item.as_dict() for item in list_outbox(workspace)]
    for row in rows:
        row["file"] = workspace.shown(Path(row["file"]))
    columns = [Column("id", "Message", kind="id", priority=0),
               Column("to", "To", kind="email", priority=1),
               Column("subject", "Subject", max_width=50, priority=2),
               Column("status", "Status", kind="status", priority=0),
               Column("attempts", "Attempts", justify="right", kind="number", priority=3),
               Column("error", "Last error", max_width=50, priority=1)]
    render_rows(rows, columns, fmt.value, empty="the outbox is empty", limit=limit,
                show_all=all_rows, newest="last", output=output)
