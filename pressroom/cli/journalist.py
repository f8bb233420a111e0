"""`pressroom journalist ...`: the media directory, media lists, opt-outs and forgetting."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


def _store():  # noqa: ANN202
    from pressroom.cli.mention import open_workspace_store

    return open_workspace_store()


def _columns(fmt: ListFormat):  # noqa: ANN202
    from pressroom.output import Column

    if fmt is ListFormat.table:  # readable at 80 columns
        return [Column("email", "Email", max_width=30), Column("name", "Name", max_width=18),
                Column("outlet", "Outlet", max_width=16), Column("lists", "Lists", max_width=14)]
    return [Column(key, key.capitalize()) for key in
            ("id", "email", "name", "outlet", "beat", "title", "phone", "lists", "status")]


def _print_one(row: dict) -> None:
    from pressroom.console import stdout

    out = stdout()
    for key in ("email", "name", "outlet", "beat", "title", "phone", "lists", "status", "note"):
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            out.write(f"{key + ':':8} {value}\n")


@app.command("add")
def add(
    email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address."),
    name: str = typer.Option(..., "--name", help="Full name."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="The outlet they work for."),
    beat: Optional[str] = typer.Option(None, "--beat", help="What they cover."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Phone number."),
    title: Optional[str] = typer.Option(None, "--title", help="Job title."),
    lists: List[str] = typer.Option([], "--list", metavar="LIST", help="Put them on this media list (repeatable)."),
    note: Optional[str] = typer.Option(None, "--note", help="A note for the office."),
) -> None:
    """Add a journalist to the directory."""
    from pressroom.journalists.directory import JournalistFields, add_journalist

    _, store = _store()
    with store:
        row = add_journalist(store, email, JournalistFields(name, outlet, beat, title, phone,
                                                            note, list(lists)))
    typer.echo(f"added journalist {row['id']}: {row['name']} <{row['email']}>")


@app.command("edit")
def edit(
    email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address."),
    new_email: Optional[str] = typer.Option(None, "--email", help="A new address."),
    name: Optional[str] = typer.Option(None, "--name"),
    outlet: Optional[str] = typer.Option(None, "--outlet"),
    beat: Optional[str] = typer.Option(None, "--beat", help="('' clears it)"),
    phone: Optional[str] = typer.Option(None, "--phone", help="('' clears it)"),
    title: Optional[str] = typer.Option(None, "--title", help="('' clears it)"),
    note: Optional[str] = typer.Option(None, "--note", help="('' clears it)"),
    lists: List[str] = typer.Option([], "--list", metavar="LIST", help="Add to this list (repeatable)."),
    leave: List[str] = typer.Option([], "--leave", metavar="LIST", help="Take off this list (repeatable)."),
) -> None:
    """Change a journalist's details or lists."""
    from pressroom.journalists.directory import JournalistFields, edit_journalist

    _, store = _store()
    with store:
        row = edit_journalist(store, email, JournalistFields(name, outlet, beat, title, phone,
                                                             note, list(lists)),
                              new_email=new_email, leave=leave)
    _print_one(row)


@app.command("show")
def show(
    email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table or json."),
) -> None:
    """A journalist's details, lists, stories (mentions they wrote), sends and history."""
    from pressroom.console import stdout
    from pressroom.journalists.directory import show_journalist

    _, store = _store()
    with store:
        row = show_journalist(store, email)
    if fmt is ListFormat.json:
        from pressroom.output import to_json

        stdout().write(to_json(row) + "\n")
        return
    _print_one(row)
    out = stdout()
    out.write(f"stories: {len(row['stories'])}\n")
    for story in row["stories"]:
        out.write(f"  {story['published']}  {story['outlet']}: {story['title']}\n")
    out.write(f"sends:   {len(row['sends'])}\n")
    for send in row["sends"]:
        out.write(f"  {send['at'][:16]}  {send['release']} ({send['status']})\n")


@app.command("remove")
def remove(email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address.")) -> None:
    """Delete a journalist who was never sent a release (otherwise: forget)."""
    from pressroom.journalists.directory import remove_journalist

    _, store = _store()
    with store:
        row = remove_journalist(store, email)
    typer.echo(f"removed journalist {row['id']}")


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A CSV export or a vCard (.vcf) file."),
    lists: List[str] = typer.Option([], "--list", metavar="LIST", help="Put everyone in the file on this list (repeatable)."),
    strict: bool = typer.Option(False, "--strict", help="Import nothing if any row is bad."),
) -> None:
    """Import journalists from a CSV export or a vCard file, merging by address.

    Prints added, updated, unchanged and rejected counts; each rejected row is listed with its
    line on stderr, and the exit status is then 2 (the good rows are still imported)."""
    from pressroom.console import stderr, stdout
    from pressroom.errors import ExitStatus
    from pressroom.journalists.importer import StrictImportError, import_journalists

    workspace, store = _store()
    with store:
        try:
            report = import_journalists(store, file, workspace.shown(file.absolute()),
                                        lists=lists, strict=strict)
        except StrictImportError as refused:
            for rejection in refused.report.rejected:
                stderr().write(f"rejected: {rejection}\n")
            raise
    for rejection in report.rejected:
        stderr().write(f"rejected: {rejection}\n")
    stdout().write(report.summary() + "\n")
    if report.rejected:
        raise typer.Exit(int(ExitStatus.BAD_INPUT))


@app.command("list")
def list_(
    list_name: Optional[str] = typer.Option(None, "--list", metavar="LIST", help="Only this media list."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only this outlet."),
    beat: Optional[str] = typer.Option(None, "--beat", help="Beat containing this text."),
    search: Optional[str] = typer.Option(None, "--search", metavar="WORDS", help="Words in the name, address, outlet or beat."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """List journalists (forgotten ones are not shown)."""
    from pressroom.journalists.directory import Filters, list_journalists
    from pressroom.output import render_rows

    _, store = _store()
    with store:
        rows = list_journalists(store, Filters(list_name, outlet, beat, search))
    render_rows(rows, _columns(fmt), fmt.value, empty="no journalists")


@app.command("lists")
def lists_(fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv.")) -> None:
    """Media lists with their member counts (and how many can be mailed)."""
    from pressroom.journalists.directory import media_lists
    from pressroom.output import Column, render_rows

    _, store = _store()
    with store:
        rows = media_lists(store)
    render_rows(rows, [Column("name", "List"), Column("members", "Members", justify="right"),
                       Column("mailable", "Mailable", justify="right")],
                fmt.value, empty="no media lists")


@app.command("optout")
def optout(
    email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address."),
    undo: bool = typer.Option(False, "--undo", help="They asked to get releases again."),
) -> None:
    """Keep a journalist in the directory but never mail them releases."""
    from pressroom.journalists.directory import opt_out

    _, store = _store()
    with store:
        opt_out(store, email, undo=undo)
    typer.echo(f"{email}: {'opted in again' if undo else 'opted out'}")


@app.command("forget")
def forget(email: str = typer.Argument(..., metavar="EMAIL", help="The journalist's address.")) -> None:
    """Erase a journalist's personal data, keeping only a hash of the address so that no import
    brings them back."""
    from pressroom.journalists.directory import forget as forget_journalist

    _, store = _store()
    with store:
        result = forget_journalist(store, email)
    typer.echo(f"forgotten journalist {result['id']}" if result["id"] is not None
               else "the address is on the suppression list (it was not in the directory)")


@app.command("history")
def history(
    email: Optional[str] = typer.Argument(None, metavar="[EMAIL]", help="Only this journalist."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Changes to the directory: added, edited, opted out, forgotten, bounced."""
    from pressroom.journalists.directory import history as directory_history
    from pressroom.output import Column, render_rows

    _, store = _store()
    with store:
        rows = directory_history(store, email)
    render_rows(rows, [Column("at", "When", value=lambda r: r["at"][:16]),
                       Column("journalist", "Journalist", justify="right"),
                       Column("action", "Action"), Column("by", "By"),
                       Column("detail", "Detail", max_width=40)],
                fmt.value, empty="no history")
