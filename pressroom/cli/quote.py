"""`pressroom quote ...`: the words spokespeople (and others) were quoted saying."""

from __future__ import annotations

from typing import List, Optional

from pathlib import Path

import typer

from pressroom.cli import complete
from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option
from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.command("add")
def add(
    mention_id: int = typer.Argument(..., metavar="MENTION_ID", help="The mention quoting them."),
    speaker: str = typer.Option(..., "--speaker", autocompletion=complete.spokesperson_ids, help="Spokesperson id or name, or any name."),
    text: str = typer.Option(..., "--text", help="The quoted words."),
) -> None:
    """Add a quote to a mention and print its id."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.mentions.records import add_quote

    workspace, store = open_workspace_store()
    with store:
        typer.echo(add_quote(store, workspace, mention_id, speaker, text))


@app.command("list")
def list_(
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, "--outlet", autocompletion=complete.outlet_names),
    speaker: Optional[str] = typer.Option(None, "--speaker", autocompletion=complete.spokesperson_ids, help="Spokesperson id or name, or any name."),
    release: Optional[str] = typer.Option(None, "--release", metavar="SLUG", autocompletion=complete.release_slugs),
    search: Optional[str] = typer.Option(None, "--search", metavar="WORDS"),
    tag: List[str] = typer.Option([], "--tag"),
    limit: Optional[int] = LIMIT, all_rows: bool = ALL,
    fmt: ListFormat = format_option(ListFormat.table), output: Optional[Path] = OUTPUT,
) -> None:
    """List quotes, newest mention first."""
    from pressroom.cli.mention import build_filters, open_workspace_store
    from pressroom.mentions.reads import list_quotes
    from pressroom.output import Column, render_rows

    filters = build_filters(since, until, outlet, speaker, release, search, limit, tag)
    workspace, store = open_workspace_store(lite=True)
    with store:
        rows = list_quotes(store, workspace, filters)
    if fmt is ListFormat.csv:
        columns = [Column(k, k) for k in ("id", "mention", "speaker", "speaker_name", "text",
                                          "outlet", "title", "published", "url")]
    else:
        columns = [Column("id", "ID", justify="right", kind="id", priority=0),
                   Column("published", "Date", kind="date", priority=0),
                   Column("speaker_name", "Speaker", max_width=24, priority=0),
                   Column("text", "Quote", max_width=70, priority=0),
                   Column("outlet", "Outlet", max_width=24, priority=2),
                   Column("mention", "Mention", justify="right", kind="id", priority=3)]
    implied = [key for key, given in (("speaker_name", speaker), ("outlet", outlet)) if given]
    render_rows(rows, columns, fmt, empty="no quotes", limit=limit, show_all=all_rows,
                implied=implied, output=output)


@app.command("remove")
def remove(
    quote_id: int = typer.Argument(..., metavar="ID"),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Remove a quote (recoverable for 30 days with `quote restore`)."""
    from pressroom.cli.mention import confirm_or_yes, open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.removal import remove_quote

    if not confirm_or_yes(yes, f"Remove quote {quote_id}?"):
        raise typer.Exit(1)
    _, store = open_workspace_store()
    with store:
        gone = remove_quote(store, quote_id)
    stderr().write(f"removed quote {quote_id} (bring it back with 'pressroom quote restore "
                   f"{quote_id}' until {gone['purge_after']})\n")


@app.command("restore")
def restore(quote_id: int = typer.Argument(..., metavar="ID", help="The removed quote's id.")) -> None:
    """Bring back a removed quote."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.mentions.removal import restore_quote

    _, store = open_workspace_store()
    with store:
        restore_quote(store, quote_id)
    stderr().write(f"restored quote {quote_id}\n")


from pressroom.cli.quote_extract import register as _register_extract  # noqa: E402

_register_extract(app)  # `quote extract` lives in its own module
