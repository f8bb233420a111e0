"""`pressroom event list|show`: the events in pressroom.yaml that take press credentials."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pressroom.cli import complete
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
def show(event_id: str = typer.Argument(..., metavar="ID", autocompletion=complete.event_ids),
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
    from pressroom.output import plain_text

    fields = [(label, summary[key]) for key, label in (
        ("id", "Event"), ("name", "Name"), ("venue", "Venue"), ("city", "City"),
        ("state", "State"), ("start", "Start"), ("end", "End"), ("deadline", "Deadline"),
        ("media_contact", "Media contact"), ("capacity", "Capacity"),
        ("per_outlet_limit", "Per outlet"), ("credential_types", "Credential types"),
        ("requirements", "Requirements"), ("pickup", "Pickup"))]
    counts = ", ".join(f"{n} {status}" for status, n in summary["requests"].items() if n) or "none"
    fields += [("Requests", counts), ("Remaining", summary["remaining"])]
    import textwrap

    from pressroom.output import terminal_width

    width = max(terminal_width(), 40)
    lines = [textwrap.fill(plain_text("; ".join(value) if isinstance(value, list) else value),
                           width, initial_indent=f"{label:<18}", subsequent_indent=" " * 18,
                           break_long_words=False, break_on_hyphens=False)
             for label, value in fields]
    emit("\n".join(lines) + "\n", output)
