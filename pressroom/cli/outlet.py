"""`pressroom outlet ...`: the registry of news outlets (names, types, domains, variants)."""

from __future__ import annotations

from typing import List, Optional

from pathlib import Path

import typer

from pressroom.cli import complete
from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option
from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.command("list")
def list_(fmt: ListFormat = format_option(ListFormat.table), limit: Optional[int] = LIMIT,
          all_rows: bool = ALL, output: Optional[Path] = OUTPUT) -> None:
    """List outlets with their aliases and number of mentions."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.mentions.outlets import list_outlets
    from pressroom.output import Column, render_rows

    _, store = open_workspace_store()
    with store:
        rows = list_outlets(store)
    columns = [Column("id", "ID", justify="right", kind="id", priority=0),
               Column("name", "Name", max_width=40, priority=0),
               Column("type", "Type", kind="status", priority=2),
               Column("domain", "Domain", kind="url", priority=3),
               Column("aliases", "Aliases", max_width=40, priority=4),
               Column("mentions", "Mentions", justify="right", kind="number", priority=1)]
    render_rows(rows, columns, fmt, empty="no outlets", limit=limit, show_all=all_rows,
                output=output)


@app.command("add")
def add(
    name: str = typer.Argument(..., metavar="NAME", help="The outlet's name."),
    outlet_type: Optional[str] = typer.Option(None, "--type", help="tv, radio, print, online, trade, wire or podcast."),
    domain: Optional[str] = typer.Option(None, "--domain", help="Its web domain, e.g. wbrc.com."),
    alias: List[str] = typer.Option([], "--alias", help="Another name it goes by (repeatable)."),
) -> None:
    """Register an outlet and print its id."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.mentions.outlets import add_outlet

    _, store = open_workspace_store()
    with store:
        typer.echo(add_outlet(store, name, type=outlet_type, domain=domain, aliases=alias))


@app.command("merge")
def merge(
    source: str = typer.Argument(..., metavar="FROM", autocompletion=complete.outlet_names, help="The outlet to merge away."),
    target: str = typer.Argument(..., metavar="INTO", autocompletion=complete.outlet_names, help="The outlet that remains."),
) -> None:
    """Move FROM's mentions and names to INTO and delete FROM."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.outlets import merge_outlets

    _, store = open_workspace_store()
    with store:
        result = merge_outlets(store, source, target)
    stderr().write(f"merged '{result['from']}' into '{result['into']}' "
                   f"({result['mentions_moved']} mention{'' if result['mentions_moved'] == 1 else 's'} moved)\n")
