"""`pressroom mention ...`: log, list, show, edit, remove and import media mentions."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from enum import Enum

import typer

from pressroom.cli import complete
from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option
from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py



class ShowFormat(str, Enum):
    text = "text"
    table = "table"  # the same as text (the listing format's name, kept for scripts)
    json = "json"


def open_workspace_store(lite: bool = False):
    """(workspace, store) for this command; close the store when done. *lite*: the command
    only calls functions that take the SQLite fast path's store (see ``open_store``)."""
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    return workspace, open_store(workspace, lite=lite)


def build_filters(since, until, outlet, speaker, release, search, limit, tags=()):
    from pressroom.mentions.listing import Filters, parse_day

    return Filters(since=parse_day(since, "--since") if since else None,
                   until=parse_day(until, "--until") if until else None,
                   outlet=outlet, speaker=speaker, release=release, search=search, limit=limit,
                   tags=list(tags or ()))


@app.command("add")
def add(
    url: str = typer.Argument(..., metavar="URL", help="The story's web address."),
    outlet: str = typer.Option(..., "--outlet", autocompletion=complete.outlet_names, help="The outlet (name or alias; created if new)."),
    title: str = typer.Option(..., "--title", help="The headline."),
    date: str = typer.Option(..., "--date", metavar="YYYY-MM-DD", help="Publication date."),
    outlet_type: Optional[str] = typer.Option(None, "--type", help="Outlet type for a new outlet: tv, radio, print, online, trade, wire, podcast."),
    reporter: Optional[str] = typer.Option(None, "--reporter", help="The reporter's name."),
    release: Optional[str] = typer.Option(None, "--release", metavar="SLUG", autocompletion=complete.release_slugs, help="The release the story covers."),
    excerpt: Optional[str] = typer.Option(None, "--excerpt", help="A short excerpt."),
    body: Optional[str] = typer.Option(None, "--text", help="The article text."),
    text_file: Optional[str] = typer.Option(None, "--text-file", metavar="FILE", help="Read the article text (plain or HTML) from FILE; - for stdin."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Add the spokespeople's quotes found in the article text."),
    tag: List[str] = typer.Option([], "--tag", help="A tag (repeatable)."),
    quote: List[str] = typer.Option([], "--quote", help="Quoted words (repeatable; pairs with --speaker in order)."),
    speaker: List[str] = typer.Option([], "--speaker", autocompletion=complete.spokesperson_ids, help="Who said the matching --quote: spokesperson id or name, or any name."),
    by: Optional[str] = typer.Option(None, "--by", help="Who logs it (default: your login name)."),
) -> None:
    """Log a mention and print its id."""
    from pressroom.console import stderr
    from pressroom.errors import InputError
    from pressroom.mentions.records import NewMention, add_mention

    if len(quote) != len(speaker):
        raise InputError(f"{len(quote)} --quote but {len(speaker)} --speaker: give one --speaker "
                         "for each --quote, in the same order")
    if text_file is not None:
        if body is not None:
            raise InputError("give the article text with --text or --text-file, not both")
        from pressroom.cli.quote_extract import read_article

        body = read_article(text_file)
    workspace, store = open_workspace_store()
    with store:
        added = add_mention(store, workspace, NewMention(
            url=url, outlet=outlet, title=title, published=date, outlet_type=outlet_type,
            reporter=reporter, release=release, excerpt=excerpt, body=body, tags=tag,
            quotes=list(zip(quote, speaker)), by=by, extract=extract))
    if added.created:
        typer.echo(added.id)
    elif added.removed:
        stderr().write(f"already logged as mention {added.id}, which was removed: bring it back "
                       f"with 'pressroom mention restore {added.id}'\n")
    else:
        stderr().write(f"already logged as mention {added.id}\n")


def mention_columns(fmt: ListFormat):
    from pressroom.output import Column

    if fmt is ListFormat.csv:
        return [Column(key, key) for key in ("id", "published", "outlet", "outlet_type", "title",
                                             "reporter", "release", "url", "excerpt", "tags")] + [
            Column("quotes", "quotes", value=lambda r: [
                f"{q['speaker_name']}: {q['text']}" for q in r["quotes"]])]
    return [Column("id", "ID", justify="right", kind="id", priority=0),
            Column("published", "Date", kind="date", priority=0),
            Column("outlet", "Outlet", max_width=30, priority=0),
            Column("title", "Title", max_width=60, priority=0),
            Column("reporter", "Reporter", max_width=24, priority=3),
            Column("quotes", "Quotes", value=lambda r: len(r["quotes"]) or "", justify="right",
                   kind="number", priority=2),
            Column("release", "Release", kind="slug", priority=4)]


@app.command("list")
def list_(
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Published on or after."),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Published on or before."),
    outlet: Optional[str] = typer.Option(None, "--outlet", autocompletion=complete.outlet_names, help="Only this outlet."),
    speaker: Optional[str] = typer.Option(None, "--speaker", autocompletion=complete.spokesperson_ids, help="Only mentions quoting this person."),
    release: Optional[str] = typer.Option(None, "--release", metavar="SLUG", autocompletion=complete.release_slugs, help="Only coverage of this release."),
    search: Optional[str] = typer.Option(None, "--search", metavar="WORDS", help="Full-text search (titles, excerpts, text, quotes); best match first."),
    tag: List[str] = typer.Option([], "--tag", help="Only mentions with this tag (repeatable)."),
    limit: Optional[int] = LIMIT, all_rows: bool = ALL,
    fmt: ListFormat = format_option(ListFormat.table), output: Optional[Path] = OUTPUT,
    removed: bool = typer.Option(False, "--removed", help="List removed mentions and quotes instead (kept 30 days)."),
) -> None:
    """List mentions, newest first."""
    from pressroom.mentions.reads import count_mentions, list_mentions
    from pressroom.output import TERMINAL_ROWS, render_rows, terminal_view

    if removed:
        if any((since, until, outlet, speaker, release, search, tag, limit)):
            from pressroom.errors import InputError

            raise InputError("--removed lists every removed mention and quote; it takes no "
                             "other filter")
        return list_removed(fmt)
    # On a terminal only the newest 50 are shown: fetch those and count the rest
    early = terminal_view(fmt, limit, all_rows, output) and search is None
    filters = build_filters(since, until, outlet, speaker, release, search,
                            TERMINAL_ROWS if early else limit, tag)
    workspace, store = open_workspace_store(lite=True)
    with store:
        rows = list_mentions(store, workspace, filters)
        total = count_mentions(store, workspace, filters) if early and len(rows) == TERMINAL_ROWS else None
    implied = [key for key, given in (("outlet", outlet), ("release", release)) if given]
    render_rows(rows, mention_columns(fmt), fmt, empty="no mentions", limit=limit,
                show_all=all_rows, implied=implied, output=output, total=total)


def list_removed(fmt: ListFormat) -> None:
    from pressroom.mentions.removal import list_removed as removed_rows
    from pressroom.output import Column, render_rows

    _, store = open_workspace_store()
    with store:
        rows = removed_rows(store)
    table = fmt is ListFormat.table
    render_rows(rows, [Column("kind", "Removed" if table else "kind"),
                       Column("id", "ID" if table else "id", justify="right"),
                       Column("mention", "Mention" if table else "mention", justify="right"),
                       Column("what", "What" if table else "what", max_width=50),
                       Column("removed_at", "Removed at" if table else "removed_at"),
                       Column("purge_after", "Purged after" if table else "purge_after")],
                fmt, empty="nothing removed (removed mentions and quotes are kept 30 days)")


def show_text(mention: dict) -> str:
    lines = [f"mention {mention['id']}",
             f"url:        {mention['url']}",
             f"outlet:     {mention['outlet']}" + (f" ({mention['outlet_type']})" if mention["outlet_type"] else ""),
             f"title:      {mention['title']}",
             f"published:  {mention['published']}"]
    for key in ("reporter", "release"):
        if mention[key]:
            lines.append(f"{key + ':':<12}{mention[key]}")
    if mention["tags"]:
        lines.append(f"tags:       {', '.join(mention['tags'])}")
    if mention["excerpt"]:
        lines.append(f"excerpt:    {mention['excerpt']}")
    lines.append(f"logged:     {mention['logged_at']} by {mention['logged_by']}")
    if mention["quotes"]:
        lines.append("quotes:")
        for quote in mention["quotes"]:
            who = quote["speaker_name"] + (f" ({quote['speaker']})" if quote["speaker"] else "")
            lines.append(f"  [{quote['id']}] {who}: \u201c{quote['text']}\u201d")
    if mention.get("body"):
        lines += ["", mention["body"]]
    return "\n".join(lines)


@app.command("show")
def show(
    mention_id: int = typer.Argument(..., metavar="ID", help="The mention's id."),
    fmt: ShowFormat = format_option(ShowFormat.text, "text or json."),
    output: Optional[Path] = OUTPUT,
) -> None:
    """Show one mention with its quotes."""
    from pressroom.mentions.reads import get_mention
    from pressroom.output import emit, to_json

    _, store = open_workspace_store(lite=True)
    with store:
        mention = get_mention(store, mention_id)
    emit((to_json(mention) if fmt is ShowFormat.json else show_text(mention)) + "\n", output)


@app.command("edit")
def edit(
    mention_id: int = typer.Argument(..., metavar="ID", help="The mention's id."),
    title: Optional[str] = typer.Option(None, "--title"),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, "--outlet", autocompletion=complete.outlet_names),
    reporter: Optional[str] = typer.Option(None, "--reporter", help="'' clears it."),
    release: Optional[str] = typer.Option(None, "--release", metavar="SLUG", autocompletion=complete.release_slugs, help="'' clears it."),
    excerpt: Optional[str] = typer.Option(None, "--excerpt", help="'' clears it."),
    url: Optional[str] = typer.Option(None, "--url"),
    body: Optional[str] = typer.Option(None, "--text", help="The article text ('' clears it)."),
    outlet_type: Optional[str] = typer.Option(None, "--type", help="The type of the mention's outlet (for all its mentions): tv, radio, print, online, trade, wire, podcast."),
    tag: List[str] = typer.Option([], "--tag", help="Add a tag (repeatable)."),
    untag: List[str] = typer.Option([], "--remove-tag", help="Remove a tag (repeatable)."),
    blurb: Optional[str] = typer.Option(
        None, "--blurb", help="The website's one-line lead for it ('' clears it: written from the quote)."),
) -> None:
    """Change fields of a mention."""
    from pressroom.console import stderr
    from pressroom.mentions.records import edit_mention

    workspace, store = open_workspace_store()
    with store:
        edit_mention(store, workspace, mention_id, {
            "title": title, "published": date, "outlet": outlet, "reporter": reporter,
            "release": release, "excerpt": excerpt, "url": url, "body": body,
            "outlet_type": outlet_type, "add_tags": tag, "remove_tags": untag, "blurb": blurb})
    stderr().write(f"updated mention {mention_id}\n")


def confirm_or_yes(yes: bool, question: str) -> bool:
    """--yes, else ask on a terminal; without a terminal, refuse (scripts must say --yes)."""
    import sys

    from pressroom.errors import InputError

    if yes:
        return True
    if not sys.stdin.isatty():
        raise InputError("not removing without confirmation: add --yes")
    return typer.confirm(question, default=False, err=True)


@app.command("remove")
def remove(
    mention_id: int = typer.Argument(..., metavar="ID", help="The mention's id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Remove a mention and its quotes (recoverable for 30 days with `mention restore`)."""
    from pressroom.console import stderr
    from pressroom.mentions.records import get_mention
    from pressroom.mentions.removal import remove_mention

    _, store = open_workspace_store()
    with store:
        mention = get_mention(store, mention_id)
        if not confirm_or_yes(yes, f"Remove mention {mention_id} ({mention['title']})?"):
            raise typer.Exit(1)
        gone = remove_mention(store, mention_id)
    stderr().write(f"removed mention {mention_id} (bring it back with 'pressroom mention restore "
                   f"{mention_id}' until {gone['purge_after']})\n")


@app.command("restore")
def restore(
    mention_id: int = typer.Argument(..., metavar="ID", help="The removed mention's id."),
) -> None:
    """Bring back a removed mention with its quotes and tags."""
    from pressroom.console import stderr
    from pressroom.mentions.removal import restore_mention

    _, store = open_workspace_store()
    with store:
        restore_mention(store, mention_id)
    stderr().write(f"restored mention {mention_id}\n")


@app.command("import")
def import_(
    files: List[Path] = typer.Argument(..., metavar="FILE...", help="CSV exports or RSS/Atom alert feeds."),
    strict: bool = typer.Option(False, "--strict", help="Import nothing if any row is bad."),
    fmt: str = format_option("auto", "csv, feed or auto (by name and content)."),
    by: Optional[str] = typer.Option(None, "--by", help="Who logs them (default: your login name)."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Do not extract spokespeople's quotes from article text."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", hidden=True),
) -> None:
    """Import mentions from CSV files and alert feeds (already logged URLs are skipped).

    Exits with status 2 when any row was rejected (the good rows are still imported)."""
    from pressroom.errors import ExitStatus
    from pressroom.mentions.importer import run_import

    workspace, store = open_workspace_store()
    with store:
        report = run_import(store, workspace, files, strict=strict, fmt=fmt, by=by,
                            batch_size=batch_size, extract=not no_extract)
    if report.rejected:
        raise typer.Exit(int(ExitStatus.BAD_INPUT))
