"""`pressroom event list|show`: the events in pressroom.yaml that take press credentials."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class EventFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("list")
def list_(fmt: EventFormat = format_option(EventFormat.table, "table or json."),
          limit: Optional[int] = LIMIT, all_rows: bool = ALL,
          output: Optional[Path] = OUTPUT) -> None:
    """Every event, in date order."""
    from pressroom.events import load_events
    from pressroom.output import Column, render_rows
    from pressroom.workspace import current_workspace

    events = sorted(load_events(current_workspace()), key=lambda e: (e.start, e.id))
    columns = [Column("id", "Event", kind="id", priority=0),
               Column("name", "Name", max_width=40, priority=0),
               Column("start", "Start", kind="date", priority=0),
               Column("end", "End", kind="date", priority=2),
               Column("deadline", "Deadline", kind="date", priority=1),
               Column("capacity", "Capacity", justify="right", kind="number", priority=3),
               Column("per_outlet_limit", "Per outlet", justify="right", kind="number", priority=4),
               Column("media_contact", "Contact", kind="id", priority=3)]
    render_rows([e.as_dict() for e in events], columns, fmt.value, limit=limit,
                show_all=all_rows, newest="last", output=output,
                empty="no events: add them under events: in pressroom.yaml")


@app.command("show")
def show(event_id: str = typer.Argument(..., metavar="ID"),
         fmt: EventFormat = format_option(EventFormat.table, "table or json."),
         output: Optional[Path] = OUTPUT) -> None:
    """One event: its details, its requests by status and the credentials left."""
    from pressroom.credentials.requests import event_summary
    from pressroom.output import emit, to_json
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    with open_store(workspace) as store:
        summary = event_summary(store, workspace, event_id)
    if fmt is EventFormat.json:
        emit(to_json(summary) + "\n", output)
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from pressroom.console import console

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
    if output is None or str(output) == "-":
        console().print(table)
        return
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None).print(table)
    emit(buffer.getvalue(), output)
