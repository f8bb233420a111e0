"""`pressroom outlet ...`: the registry of news outlets (names, types, domains, variants)."""

from __future__ import annotations

from typing import List, Optional

import typer

from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.command("list")
def list_(fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table, json or csv.")) -> None:
    """List outlets with their aliases and number of mentions."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.mentions.outlets import list_outlets
    from pressroom.output import Column, render_rows

    _, store = open_workspace_store()
    with store:
        rows = list_outlets(store)
    render_rows(rows, [Column("id", "ID" if fmt is ListFormat.table else "id", justify="right"),
                       Column("name", "Name" if fmt is ListFormat.table else "name"),
                       Column("type", "Type" if fmt is ListFormat.table else "type"),
                       Column("domain", "Domain" if fmt is ListFormat.table else "domain"),
                       Column("aliases", "Aliases" if fmt is ListFormat.table else "aliases"),
                       Column("mentions", "Mentions" if fmt is ListFormat.table else "mentions",
                              justify="right")],
                fmt, empty="no outlets")


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
    source: str = typer.Argument(..., metavar="FROM", help="The outlet to merge away."),
    target: str = typer.Argument(..., metavar="INTO", help="The outlet that remains."),
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
