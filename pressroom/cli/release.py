"""`pressroom release ...`: create, render, check, list and preview press releases."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class ReleaseFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


class StatusOption(str, Enum):
    draft = "draft"
    approved = "approved"
    published = "published"


@app.command("new")
def new(
    headline: Optional[str] = typer.Option(None, "--headline", help="The headline (prompted for on a terminal)."),
    date: Optional[str] = typer.Option(None, "--date", "-d", metavar="YYYY-MM-DD", help="Release date (default: today)."),
    slug: Optional[str] = typer.Option(None, "--slug", help="Short name for the file (default: from the headline)."),
    city: Optional[str] = typer.Option(None, "--city", help="Dateline city (default: the organization's)."),
    state: Optional[str] = typer.Option(None, "--state", help="Dateline state: code, name or AP abbreviation."),
    country: Optional[str] = typer.Option(None, "--country", help="Dateline country, outside the US."),
    status: StatusOption = typer.Option(StatusOption.draft, "--status"),
    contact: Optional[str] = typer.Option(None, "--contact", help="Media contact id (default: the workspace's)."),
) -> None:
    """Create releases/<date>-<slug>.yaml from a starter. Never overwrites a file."""
    import sys

    from pressroom.console import is_terminal
    from pressroom.errors import InputError
    from pressroom.releases import NewRelease, new_release
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    if headline is None:
        if not (sys.stdin.isatty() and is_terminal()):
            raise InputError("a release needs a headline: give --headline")
        headline = typer.prompt("Headline")
    path = new_release(workspace, NewRelease(
        headline=headline or "", date=date, slug=slug, city=city, state=state, country=country,
        status=status.value, contact=contact))
    typer.echo(f"created {workspace.shown(path)}")


@app.command("render")
def render(
    release: Optional[str] = typer.Argument(None, metavar="SLUG|PATH", help="A release's slug or file."),
    fmt: ReleaseFormat = typer.Option(ReleaseFormat.text, "--format", "-f", help="Output format."),
    style: Optional[str] = typer.Option(None, "--style", help="Dateline style for this rendering."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE|DIR", help="Write to FILE (with --all: into DIR) instead of stdout."),
    all_releases: bool = typer.Option(False, "--all", help="Render every release into -o DIR."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="With --all: processes to render with (default: one per core for 100 releases or more)."),
) -> None:
    """Render a release as text, Markdown or HTML.

    With --all, every release is validated first and nothing is written if any is invalid; then
    each is written atomically as DIR/<slug>.<txt|md|html>."""
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    if all_releases:
        if release is not None:
            raise typer.BadParameter("give either SLUG|PATH or --all", param_hint="SLUG|PATH")
        if output is None:
            raise typer.BadParameter("--all needs -o DIR", param_hint="--output")
        _render_all(workspace, output, fmt.value, style, jobs)
        return
    if release is None:
        raise typer.BadParameter("give a release's slug or file, or --all", param_hint="SLUG|PATH")
    from pressroom.releases import load_release, render_release

    text = render_release(load_release(release, workspace), workspace, fmt.value, style=style)
    if output is None:
        from pressroom.console import stdout

        stdout().write(text)
        return
    from pressroom.atomic import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {workspace.shown(output)}", err=True)


def _render_all(workspace, out_dir: Path, fmt: str, style: Optional[str], jobs: Optional[int]) -> None:
    from pressroom.console import console, is_terminal
    from pressroom.errors import InputError
    from pressroom.releases.batch import render_workspace
    from pressroom.releases.load import release_files

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("is not a folder", where=str(out_dir))
    total = len(release_files(workspace))
    if is_terminal(err=True) and total:
        from rich.progress import Progress

        with Progress(console=console(err=True), transient=True) as bar:
            task = bar.add_task("Rendering", total=total)
            written = render_workspace(workspace, out_dir, fmt, style=style, jobs=jobs,
                                       progress=lambda done: bar.advance(task, done))
    else:
        written = render_workspace(workspace, out_dir, fmt, style=style, jobs=jobs)
    typer.echo(f"wrote {len(written)} release{'s' if len(written) != 1 else ''} to "
               f"{workspace.shown(out_dir)}", err=True)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("check")
def check(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[PATH|SLUG]...", help="Releases to check (default: all)."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text or json."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe AP fixes to the body, in place, and show the diff."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --fix: show the diff, change nothing."),
) -> None:
    """Validate releases and flag what wire editors would: long or Title Case headlines, no
    contact, a past or midnight embargo, an unattributed quote, no boilerplate, and AP style in
    the body (dates, times, numbers, percent, money, ages, addresses, states, word list).

    Exit status: 0 clean (notes allowed), 1 warnings, 2 invalid files."""
    from pressroom.cli import report_error
    from pressroom.console import stdout
    from pressroom.releases import check_releases
    from pressroom.workspace import current_workspace

    if dry_run and not fix:
        raise typer.BadParameter("--dry-run goes with --fix", param_hint="--dry-run")
    workspace = current_workspace()
    report = check_releases(paths or None, workspace)
    if fix:
        from pressroom.releases.check import fix_releases

        from pressroom.cli.copyedit import report_fixes, show_diffs

        changes = fix_releases(report, workspace, write=not dry_run)
        if fmt is CheckFormat.text:
            show_diffs(changes)
        report_fixes(changes, dry_run)
        if dry_run:
            report.findings = [f for f in report.findings if not f.fixable]
        elif changes:
            report = check_releases(paths or None, workspace)
    for error in report.errors:
        report_error(error)
    from pressroom.cli.copyedit import render_findings

    render_findings(report.findings, fmt.value)
    if report.errors:
        raise typer.Exit(2)
    if report.warnings:
        raise typer.Exit(1)
    if fmt is CheckFormat.text:
        stdout().write(f"ok: {report.checked} release{'s' if report.checked != 1 else ''} checked\n")


@app.command("list")
def list_releases(
    status: Optional[StatusOption] = typer.Option(None, "--status", help="Only releases with this status."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """List the workspace's releases (oldest first)."""
    from pressroom.output import Column, render_rows
    from pressroom.releases import load_all
    from pressroom.workspace import current_workspace

    rows = [r.as_row() for r in load_all(current_workspace())
            if status is None or r.status == status.value]
    columns = [Column("date", "Date"), Column("slug", "Slug"), Column("status", "Status"),
               Column("headline", "Headline", max_width=60), Column("contacts", "Contacts"),
               Column("tags", "Tags")]
    render_rows(rows, columns, fmt.value, empty="no releases")


@app.command("preview")
def preview(
    release: str = typer.Argument(..., metavar="SLUG|PATH", help="A release's slug or file."),
) -> None:
    """Show a release in the terminal: headline, dateline and body."""
    from rich.markdown import Markdown
    from rich.padding import Padding
    from rich.text import Text

    from pressroom.console import console
    from pressroom.releases import load_release
    from pressroom.releases.markdown import to_markdown
    from pressroom.releases.render import Renderer, release_line
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    item = load_release(release, workspace)
    renderer = Renderer(workspace)
    context = renderer.context(item)
    con = console()
    con.print(Text(release_line(item), style="bold"))
    for contact in item.contacts:
        con.print(Text(" · ".join(filter(None, [contact.name, contact.phone, contact.email])),
                       style="dim"))
    con.print()
    con.print(Text(item.headline, style="bold underline"))
    if item.subhead:
        con.print(Text(item.subhead, style="italic"))
    con.print()
    con.print(Markdown(to_markdown(item.body, lead=context["dateline"], bold=True)))
    for quote in context["quotes"]:
        con.print(Padding(Text(quote.sentence), (1, 0, 0, 0)))
    if item.boilerplate:
        con.print(Padding(Text(f"About {workspace.config.organization.short_name}", style="bold"),
                          (1, 0, 0, 0)))
        con.print(Markdown(item.boilerplate))
    con.print("###", justify="center")

