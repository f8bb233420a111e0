"""`pressroom report coverage` (the clip book) and `pressroom report pickup SLUG`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pressroom.cli import complete
from pressroom.cli.options import OUTPUT, format_option

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class CoverageFormat(str, Enum):
    csv = "csv"
    markdown = "markdown"
    html = "html"


class PickupFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("coverage")
def coverage(
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="First day (default: the first mention)."),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Last day (default: the last mention)."),
    fmt: CoverageFormat = format_option(CoverageFormat.csv, "csv, markdown or html."),
    output: Optional[Path] = OUTPUT,
) -> None:
    """The clip book: every mention with outlet, type, title, date, reporter, link and quotes."""
    from pressroom.digest.periods import parse_day
    from pressroom.digest.reports import coverage_rows, render_coverage
    from pressroom.output import emit
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    ws = current_workspace()
    first = parse_day(since, "--since") if since else None
    last = parse_day(until, "--until") if until else None
    with open_store(ws) as store:
        rows = coverage_rows(store, first, last)
    emit(render_coverage(rows, fmt.value, ws, since=first, until=last), output)


@app.command("pickup")
def pickup(
    slug: str = typer.Argument(..., metavar="SLUG", autocompletion=complete.release_slugs, help="The release's slug (or its file)."),
    fmt: PickupFormat = format_option(PickupFormat.text, "text or json."),
    output: Optional[Path] = OUTPUT,
) -> None:
    """One release's pickup, mention by mention: which of its quotes each used, and how."""
    from pressroom.digest.reports import pickup_report, render_pickup
    from pressroom.output import emit
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    ws = current_workspace()
    with open_store(ws) as store:
        report = pickup_report(store, ws, slug)
    emit(render_pickup(report, fmt.value), output)
