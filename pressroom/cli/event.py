"""`pressroom event list|show`: the events in pressroom.yaml that take press credentials."""

from __future__ import annotations

from enum import Enum

import typer

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class EventFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("list")
def list_(fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f",
                                          help="table or json")) -> None:
    """Every event, in date order."""
    from pressroom.events import load_events
    from pressroom.output import Column, render_rows
    from pressroom.workspace import current_workspace

    events = sorted(load_events(current_workspace()), key=lambda e: (e.start, e.id))
    columns = [Column("id", "Event"), Column("name", "Name", max_width=40),
               Column("start", "Start"), Column("end", "End"), Column("deadline", "Deadline"),
               Column("capacity", "Capacity", justify="right"),
               Column("per_outlet_limit", "Per outlet", justify="right"),
               Column("media_contact", "Contact")]
    render_rows([e.as_dict() for e in events], columns, fmt.value,
                empty="no events: add them under events: in pressroom.yaml")


@app.command("show")
def show(event_id: str = typer.Argument(..., metavar="ID"),
         fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f",
                                         help="table or json")) -> None:
    """One event: its details, its requests by status and the credentials left."""
    from pressroom.credentials.requests import event_summary
    from pressroom.output import to_json
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    with open_store(workspace) as store:
        summary = event_summary(store, workspace, event_id)
    if fmt is EventFormat.json:
        typer.echo(to_json(summary))
        return
    from pressroom.console import console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    for key, label in (("id", "Event"), ("name", "Name"), ("venue", "Venue"), ("city", "City"),
                       ("state", "State"), ("start", "Start"), ("end", "End"),
                       ("deadline", "Deadline"), ("media_contact", "Media contact"),
                       ("capacity", "Capacity"), ("per_outlet_limit", "Per outlet"),
                       ("credential_types", "Credential types"), ("requirements", "Requirements"),
                       ("pickup", "Pickup")):
        value = summary[key]
        if isinstance(value, list):
            value = "; ".join(value)
        table.add_row(label, escape("" if value is None else str(value)))
    counts = ", ".join(f"{n} {status}" for status, n in summary["requests"].items() if n) or "none"
    table.add_row("Requests", escape(counts))
    table.add_row("Remaining", str(summary["remaining"]))
    console().print(table)
