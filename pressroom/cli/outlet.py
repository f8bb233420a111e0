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
    from pressroom.mentions.reads import list_outlets
    from pressroom.output import Column, render_rows

    _, store = open_workspace_store(lite=True)
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


@app.command("rename")
def rename(
    name: str = typer.Argument(..., metavar="NAME", help="The outlet (name or alias)."),
    new_name: str = typer.Argument(..., metavar="NEW_NAME", help="Its new name."),
) -> None:
    """Rename an outlet; the old name stays as an alias."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.outlets import rename_outlet

    _, store = open_workspace_store()
    with store:
        result = rename_outlet(store, name, new_name)
    stderr().write(f"renamed '{result['from']}' to '{result['to']}' (the old name is kept as "
                   "an alias)\n")


@app.command("edit")
def edit(
    name: str = typer.Argument(..., metavar="NAME", help="The outlet (name or alias)."),
    outlet_type: Optional[str] = typer.Option(None, "--type", help="tv, radio, print, online, trade, wire or podcast ('' clears it)."),
    domain: Optional[str] = typer.Option(None, "--domain", help="Its web domain ('' clears it)."),
    alias: List[str] = typer.Option([], "--alias", help="Add a name it goes by (repeatable)."),
    remove_alias: List[str] = typer.Option([], "--remove-alias", help="Drop an alias (repeatable)."),
) -> None:
    """Change an outlet's type, web domain or aliases."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.outlets import edit_outlet

    _, store = open_workspace_store()
    with store:
        result = edit_outlet(store, name, type=outlet_type, domain=domain, add_aliases=alias,
                             remove_aliases=remove_alias)
    stderr().write(f"updated outlet '{result['name']}'\n")


@app.command("remove")
def remove(
    name: str = typer.Argument(..., metavar="NAME", help="The outlet (name or alias)."),
    move_to: Optional[str] = typer.Option(None, "--move-to", metavar="OUTLET", help="Move its mentions to this outlet first."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Remove an outlet; one with mentions only with --move-to."""
    from pressroom.cli.mention import confirm_or_yes, open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.outlets import remove_outlet

    if not confirm_or_yes(yes, f"Remove outlet '{name}'?"):
        raise typer.Exit(1)
    _, store = open_workspace_store()
    with store:
        result = remove_outlet(store, name, move_to=move_to)
    moved = result["mentions_moved"]
    stderr().write(f"removed outlet '{result['name']}'" + (
        f" ({moved} mention{'' if moved == 1 else 's'} moved to '{result['moved_to']}')"
        if result["moved_to"] else "") + "\n")
