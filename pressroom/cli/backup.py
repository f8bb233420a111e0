"""`pressroom backup ...`: every record as one JSON file, and back."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.command("export")
def export(file: Path = typer.Argument(..., metavar="FILE", help="The JSON file to write.")) -> None:
    """Write every record to FILE (atomically)."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.store.backup import export_backup

    _, store = open_workspace_store()
    with store:
        counts = export_backup(store, file)
    stderr().write(f"wrote {sum(counts.values())} records to {file}\n")


@app.command("restore")
def restore(file: Path = typer.Argument(..., metavar="FILE", help="A file written by 'backup export'.")) -> None:
    """Read FILE into the (empty) database, in one transaction."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import stderr
    from pressroom.store.backup import restore_backup

    _, store = open_workspace_store()
    with store:
        counts = restore_backup(store, file)
    stderr().write(f"restored {sum(counts.values())} records from {file}\n")
